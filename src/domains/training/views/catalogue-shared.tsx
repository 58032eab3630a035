// Shared bits of the catalogue views: the translator type and small labelled pieces.
import type { T } from '../../../platform/i18n/index.ts';
import type { catalogueMessages } from '../messages/catalogue.ts';

export type CatalogueKey = keyof typeof catalogueMessages.sv;
export type CT = T<CatalogueKey>;

export const formatLabel = (t: CT, f: string) => t(`training.catalogue.format.${f}` as CatalogueKey);
export const financingLabel = (t: CT, f: string) => t(`training.catalogue.financing.${f}` as CatalogueKey);
export const statusLabel = (t: CT, s: string) => t(`training.catalogue.status.${s}` as CatalogueKey);
export const activityLabel = (t: CT, a: string) => t(`training.catalogue.activity.${a}` as CatalogueKey);
export const languageLabel = (t: CT, l: string) => {
  const label = t(`training.catalogue.lang.${l}` as CatalogueKey);
  return label.startsWith('training.') ? l : label;
};

export function StatusTag(props: { t: CT; status: string }): JSX.Element {
  const color =
    props.status === 'approved'
      ? 'success'
      : props.status === 'submitted'
        ? 'info'
        : props.status === 'withdrawn'
          ? 'danger'
          : 'neutral';
  return (
    <span class="ds-tag" data-color={color} data-testid="course-status" safe>
      {statusLabel(props.t, props.status)}
    </span>
  );
}

/** A definition list of label/value pairs; empty values are left out. */
export function Facts(props: { items: [string, string | null | undefined][] }): JSX.Element {
  return (
    <dl class="kn-facts">
      {props.items
        .filter(([, v]) => v !== null && v !== undefined && v !== '')
        .map(([k, v]) => (
          <>
            <dt safe>{k}</dt>
            <dd safe>{v as string}</dd>
          </>
        ))}
    </dl>
  );
}
