// Small pieces shared by the mapping pages (doing a mapping).
import type { FieldError } from '../../../platform/errors.ts';
import type { Locale, T } from '../../../platform/i18n/index.ts';
import type { MappingKey } from '../messages.ts';

export type MT = T<MappingKey>;

/** The text of an instrument's {sv, en} pair in the page's language. */
export const loc = (text: { sv: string; en: string }, locale: Locale): string => text[locale];

export function StatusTag(props: { t: MT; status: 'in_progress' | 'submitted' }): JSX.Element {
  return (
    <span
      class="ds-tag"
      data-color={props.status === 'submitted' ? 'success' : 'info'}
      data-testid="mapping-status"
      safe
    >
      {props.t(`mapping.status.${props.status}`)}
    </span>
  );
}

/** A form-level error (not tied to a field), e.g. a locked mapping. */
export function FormAlert(props: { t: MT; errors: FieldError[] }): JSX.Element {
  const general = props.errors.filter((e) => e.field === '_form');
  if (general.length === 0) return '';
  return (
    <div class="ds-alert" data-color="danger" role="alert">
      {general.map((e) => (
        <p class="ds-paragraph" safe>
          {props.t(e.message as MappingKey, e.params)}
        </p>
      ))}
    </div>
  );
}

/** Links between the pages of one mapping. */
export function MappingCrumbs(props: { t: MT; mappingId: string; companyName: string }): JSX.Element {
  return (
    <nav aria-label={props.t('mapping.title')} class="kn-actions">
      <a class="ds-link" href="/mappings" safe>
        {props.t('mapping.title')}
      </a>
      <span aria-hidden="true">›</span>
      <a class="ds-link" href={`/mappings/${props.mappingId}`} safe>
        {props.companyName}
      </a>
    </nav>
  );
}

export function MappingStyles(): JSX.Element {
  return <link rel="stylesheet" href="/assets/mapping.css" />;
}
