// The employee's own ratings: per competence, with the level's description and a comment form.
import type { FieldError } from '../../../platform/errors.ts';
import { CsrfField, ErrorSummary, fieldId } from '../../../platform/http/views.tsx';
import { formatDate, type Locale, type T } from '../../../platform/i18n/index.ts';
import type { OwnRating, OwnRatingGroup } from '../service/person-ratings.ts';
import type { IT } from './instruments-shared.tsx';

export interface MyRatingsProps {
  t: IT;
  locale: Locale;
  groups: OwnRatingGroup[];
  csrf: string;
  /** The rating whose comment form has errors, with what was typed. */
  failed: { personId: string; mappingId: string; competenceKey: string; comment: string } | null;
  errors: FieldError[];
}

function CommentForm(
  props: MyRatingsProps & { group: OwnRatingGroup; rating: OwnRating; formId: string },
): JSX.Element {
  const { t, group, rating } = props;
  const failed =
    props.failed &&
    props.failed.personId === group.personId &&
    props.failed.mappingId === group.mappingId &&
    props.failed.competenceKey === rating.competenceKey
      ? props.failed
      : null;
  const errors = failed ? props.errors : [];
  const id = fieldId(`comment-${props.formId}`);
  const error = errors.find((e) => e.field === 'comment');
  return (
    <form method="post" action="/my/ratings/comments" class="kn-form">
      <CsrfField token={props.csrf} />
      <input type="hidden" name="personId" value={group.personId} />
      <input type="hidden" name="mappingId" value={group.mappingId} />
      <input type="hidden" name="competenceKey" value={rating.competenceKey} />
      <div class="ds-field">
        <label class="ds-label" for={id} safe>
          {t('mapping.ratings.my.comment', { competence: rating.competenceName })}
        </label>
        {error ? (
          <div class="ds-validation-message" id={`${id}-error`} data-field="validation" safe>
            {(t as T<string>)(error.message, error.params)}
          </div>
        ) : (
          ''
        )}
        <textarea
          class="ds-input"
          id={id}
          name="comment"
          rows="3"
          maxlength="2000"
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          safe
        >
          {failed?.comment ?? ''}
        </textarea>
      </div>
      <div class="kn-actions">
        <button type="submit" class="ds-button" data-variant="secondary">
          <span safe>{t('mapping.ratings.my.send')}</span>
          <span class="ds-sr-only" safe>{`: ${rating.competenceName}`}</span>
        </button>
      </div>
    </form>
  );
}

function RatingItem(props: MyRatingsProps & { group: OwnRatingGroup; rating: OwnRating; formId: string }) {
  const { t, locale, rating } = props;
  const headingId = `rating-${props.formId}`;
  return (
    <article aria-labelledby={headingId} class="kn-row-group" data-testid={`own-${rating.competenceKey}`}>
      <h3 id={headingId} class="ds-heading" data-size="xs" safe>
        {rating.competenceName}
      </h3>
      <dl class="kn-facts">
        <dt safe>{t('mapping.ratings.col.level')}</dt>
        <dd safe>
          {rating.levelLabel
            ? t('mapping.ratings.levelOption', {
                value: String(rating.level),
                label: rating.levelLabel[locale],
              })
            : String(rating.level)}
        </dd>
        <dt safe>{t('mapping.ratings.col.description')}</dt>
        <dd safe>{rating.levelDescription?.[locale] ?? ''}</dd>
        <dt safe>{t('mapping.ratings.col.ratedAt')}</dt>
        <dd safe>{formatDate(rating.ratedAt)}</dd>
        <dt safe>{t('mapping.ratings.my.yourComments')}</dt>
        <dd>
          {rating.comments.length === 0 ? (
            <span safe>{t('mapping.ratings.my.noComments')}</span>
          ) : (
            <ul class="ds-list">
              {rating.comments.map((c) => (
                <li>
                  <span safe>{`${formatDate(c.createdAt)}: `}</span>
                  <span safe>{c.comment}</span>
                </li>
              ))}
            </ul>
          )}
        </dd>
      </dl>
      <CommentForm {...props} />
    </article>
  );
}

export function MyRatingsView(props: MyRatingsProps): JSX.Element {
  const { t, locale } = props;
  const failedErrors = props.failed ? props.errors : [];
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {t('mapping.ratings.my.title')}
      </h1>
      <p class="ds-paragraph" safe>
        {t('mapping.ratings.my.intro')}
      </p>
      <ErrorSummary
        errors={failedErrors.map((e) => ({ ...e, field: `comment-${formIdOf(props)}` }))}
        t={t as T<string>}
      />
      {props.groups.length === 0 ? (
        <p class="ds-paragraph" safe>
          {t('mapping.ratings.my.none')}
        </p>
      ) : (
        props.groups.map((g, gi) => (
          <section aria-labelledby={`group-${gi}`}>
            <h2 id={`group-${gi}`} class="ds-heading" data-size="sm" safe>
              {t('mapping.ratings.my.group', { company: g.companyName, round: g.roundName[locale] })}
            </h2>
            <p class="ds-paragraph" safe>
              {t('mapping.ratings.my.role', { role: g.roleTitle })}
            </p>
            {g.ratings.map((r, ri) => (
              <RatingItem {...props} group={g} rating={r} formId={`${gi}-${ri}`} />
            ))}
          </section>
        ))
      )}
    </>
  );
}

/** The form id of the failed comment (for the error summary's link). */
function formIdOf(props: MyRatingsProps): string {
  const f = props.failed;
  if (!f) return '';
  for (const [gi, g] of props.groups.entries())
    for (const [ri, r] of g.ratings.entries())
      if (g.personId === f.personId && g.mappingId === f.mappingId && r.competenceKey === f.competenceKey)
        return `${gi}-${ri}`;
  return '';
}
