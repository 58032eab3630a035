// Shared bits of the authoring views: the translator type, labels, and the small forms that reorder or
// delete a row (buttons, no JavaScript).
import { CsrfField } from '../../../platform/http/views.tsx';
import type { T } from '../../../platform/i18n/index.ts';
import type { authoringMessages } from '../messages/authoring.ts';

export type AuthorKey = keyof typeof authoringMessages.sv;
export type AT = T<AuthorKey>;

export const statusLabel = (t: AT, s: string) => t(`elearning.author.status.${s}` as AuthorKey);
export const kindLabel = (t: AT, k: string) => t(`elearning.author.kind.${k}` as AuthorKey);

export function StatusTag(props: { t: AT; status: string }): JSX.Element {
  const color = props.status === 'published' ? 'success' : props.status === 'draft' ? 'info' : 'neutral';
  return (
    <span class="ds-tag" data-color={color} safe>
      {statusLabel(props.t, props.status)}
    </span>
  );
}

/** Up, down and delete buttons of one row (each its own small POST form). */
export function RowActions(props: {
  t: AT;
  csrf: string;
  base: string;
  title: string;
  editHref?: string;
}): JSX.Element {
  const { t, csrf, base, title } = props;
  return (
    <div class="kn-row-actions">
      {props.editHref ? (
        <a
          class="ds-link"
          href={props.editHref}
          aria-label={t('elearning.author.action.editNamed', { title })}
          safe
        >
          {t('elearning.author.action.edit')}
        </a>
      ) : (
        ''
      )}
      {(['up', 'down'] as const).map((dir) => (
        <form method="post" action={`${base}/move`} class="kn-inline-form">
          <CsrfField token={csrf} />
          <input type="hidden" name="direction" value={dir} />
          <button
            type="submit"
            class="ds-button"
            data-variant="tertiary"
            data-size="sm"
            aria-label={t(
              dir === 'up' ? 'elearning.author.action.upNamed' : 'elearning.author.action.downNamed',
              {
                title,
              },
            )}
            safe
          >
            {t(dir === 'up' ? 'elearning.author.action.up' : 'elearning.author.action.down')}
          </button>
        </form>
      ))}
      <form method="post" action={`${base}/delete`} class="kn-inline-form">
        <CsrfField token={csrf} />
        <button
          type="submit"
          class="ds-button"
          data-variant="tertiary"
          data-color="danger"
          data-size="sm"
          aria-label={t('elearning.author.action.deleteNamed', { title })}
          safe
        >
          {t('elearning.author.action.delete')}
        </button>
      </form>
    </div>
  );
}
