import { CsrfField } from '../../../platform/http/views.tsx';
import { formatDateTime, type Locale } from '../../../platform/i18n/index.ts';
import type { Section } from '../instrument/schema.ts';
import { loc, MappingCrumbs, type MT } from './mapping-shared.tsx';

/** Who will see which answers, and the checklist of business-sensitive questions (before the first answer). */
export function MappingNoticeView(props: {
  t: MT;
  locale: Locale;
  csrf: string;
  mappingId: string;
  companyName: string;
  sections: Section[];
  sensitive: string[];
  acceptedAt: Date | null;
  canEdit: boolean;
}): JSX.Element {
  const { t, locale } = props;
  const marked = new Set(props.sensitive);
  return (
    <>
      <MappingCrumbs t={t} mappingId={props.mappingId} companyName={props.companyName} />
      <h1 class="ds-heading" data-size="lg" safe>
        {t('mapping.notice.title')}
      </h1>
      <p class="ds-paragraph" safe>
        {t('mapping.notice.intro', { company: props.companyName })}
      </p>
      <h2 class="ds-heading" data-size="sm" safe>
        {t('mapping.notice.who')}
      </h2>
      <ul class="ds-list" data-testid="notice-who">
        <li safe>{t('mapping.notice.who.company')}</li>
        <li safe>{t('mapping.notice.who.officers')}</li>
        <li safe>{t('mapping.notice.who.coaches')}</li>
        <li safe>{t('mapping.notice.who.region')}</li>
      </ul>
      <p class="ds-paragraph" safe>
        {t('mapping.notice.aggregates')}
      </p>
      <p class="ds-paragraph" safe>
        {t('mapping.notice.perPerson')}
      </p>
      <p class="ds-paragraph" safe>
        {t('mapping.notice.publicRecords')}
      </p>
      {props.acceptedAt ? (
        <p class="ds-paragraph" data-size="sm" safe>
          {t('mapping.notice.acceptedAt', { when: formatDateTime(props.acceptedAt) })}
        </p>
      ) : (
        ''
      )}
      {props.canEdit ? (
        <form method="post" action={`/mappings/${props.mappingId}/notice`} class="kn-form">
          <CsrfField token={props.csrf} />
          <h2 class="ds-heading" data-size="sm" safe>
            {t('mapping.notice.sensitiveTitle')}
          </h2>
          <p class="ds-paragraph" safe>
            {t('mapping.notice.sensitiveHint')}
          </p>
          {props.sections.map((s) => (
            <fieldset class="ds-fieldset kn-row-group">
              <legend class="ds-label" safe>
                {loc(s.title, locale)}
              </legend>
              {s.questions.map((q) => (
                <div class="kn-checkbox">
                  <input
                    type="checkbox"
                    name="sensitive"
                    value={q.key}
                    id={`sensitive-${q.key}`}
                    checked={marked.has(q.key)}
                  />
                  <label for={`sensitive-${q.key}`} safe>
                    {loc(q.label, locale)}
                  </label>
                </div>
              ))}
            </fieldset>
          ))}
          <div>
            <button type="submit" class="ds-button" data-variant="primary" data-testid="accept-notice" safe>
              {t('mapping.notice.accept')}
            </button>
          </div>
        </form>
      ) : (
        ''
      )}
    </>
  );
}
