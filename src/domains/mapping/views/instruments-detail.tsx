import { CsrfField } from '../../../platform/http/views.tsx';
import { formatDate, type Locale } from '../../../platform/i18n/index.ts';
import type { InstrumentDefinition, Question } from '../instrument/schema.ts';
import { type InstrumentHead, type IT, instrumentHref, statusLabel } from './instruments-shared.tsx';

export interface InstrumentDetailProps {
  t: IT;
  locale: Locale;
  head: InstrumentHead;
  definition: InstrumentDefinition;
  /** Region admin: may copy this version, and edit and publish it when it is the region's draft. */
  canManage: boolean;
  csrf: string;
}

const sectionId = (i: number) => `section-${i + 1}`;

/** The whole instrument, read-only, in the reader's language: for reading and for printing. */
export function InstrumentDetailView(props: InstrumentDetailProps): JSX.Element {
  const { t, locale, head, definition: def } = props;
  const byKey = new Map<string, Question>();
  for (const s of def.sections) for (const q of s.questions) byKey.set(q.key, q);
  return (
    <>
      <p class="ds-paragraph" data-size="sm">
        <a class="ds-link" href="/mapping/instruments" safe>
          {t('mapping.instruments.back')}
        </a>
      </p>
      <h1 class="ds-heading" data-size="lg" safe>
        {def.title[locale]}
      </h1>
      <p class="ds-paragraph" data-testid="instrument-status" safe>
        {head.status === 'draft'
          ? t('mapping.instruments.draftNote')
          : t('mapping.instruments.publishedNote', {
              date: head.publishedAt ? formatDate(head.publishedAt) : '',
            })}
      </p>
      <dl class="kn-facts" data-testid="instrument-facts">
        <dt safe>{t('mapping.instruments.col.version')}</dt>
        <dd safe>{String(head.version)}</dd>
        <dt safe>{t('mapping.instruments.col.status')}</dt>
        <dd safe>{statusLabel(t, head.status)}</dd>
        <dt safe>{t('mapping.instruments.col.origin')}</dt>
        <dd safe>
          {t(head.national ? 'mapping.instruments.origin.national' : 'mapping.instruments.origin.region')}
        </dd>
        <dt safe>{t('mapping.instruments.key')}</dt>
        <dd>
          <code safe>{head.key}</code>
        </dd>
      </dl>
      {props.canManage ? <Actions {...props} /> : ''}
      <nav aria-labelledby="contents-heading">
        <h2 id="contents-heading" class="ds-heading" data-size="sm" safe>
          {t('mapping.instruments.contents')}
        </h2>
        <ol class="ds-list">
          <li>
            <a class="ds-link" href="#level-scale" safe>
              {t('mapping.instruments.levelScale')}
            </a>
          </li>
          {def.sections.map((s, i) => (
            <li>
              <a class="ds-link" href={`#${sectionId(i)}`} safe>
                {s.title[locale]}
              </a>
            </li>
          ))}
        </ol>
      </nav>
      <h2 id="level-scale" class="ds-heading" data-size="md" safe>
        {t('mapping.instruments.levelScale')}
      </h2>
      <div class="kn-table-wrap">
        <table class="ds-table" data-testid="level-scale">
          <caption class="ds-sr-only" safe>
            {t('mapping.instruments.levelScale.caption')}
          </caption>
          <thead>
            <tr>
              <th scope="col" safe>
                {t('mapping.instruments.level.value')}
              </th>
              <th scope="col" safe>
                {t('mapping.instruments.level.label')}
              </th>
              <th scope="col" safe>
                {t('mapping.instruments.level.description')}
              </th>
            </tr>
          </thead>
          <tbody>
            {def.levelScale.map((l) => (
              <tr>
                <td safe>{String(l.value)}</td>
                <th scope="row" safe>
                  {l.label[locale]}
                </th>
                <td safe>{l.description[locale]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {def.sections.map((s, si) => (
        <section aria-labelledby={sectionId(si)} data-testid={sectionId(si)}>
          <h2 id={sectionId(si)} class="ds-heading" data-size="md" safe>
            {t('mapping.instruments.sectionHeading', { n: si + 1, title: s.title[locale] })}
          </h2>
          {s.help ? (
            <p class="ds-paragraph" safe>
              {s.help[locale]}
            </p>
          ) : (
            ''
          )}
          {s.questions.map((q, qi) => (
            <QuestionView t={t} locale={locale} q={q} n={`${si + 1}.${qi + 1}`} byKey={byKey} />
          ))}
        </section>
      ))}
      <p class="ds-paragraph" data-size="sm" safe>
        {t('mapping.instruments.print')}
      </p>
    </>
  );
}

function Actions(props: InstrumentDetailProps): JSX.Element {
  const { t, head } = props;
  return (
    <div class="kn-actions" role="group" aria-label={t('mapping.instruments.actions')}>
      {head.status === 'draft' ? (
        <>
          <a class="ds-button" data-variant="primary" href={instrumentHref(head.id, '/edit')} safe>
            {t('mapping.instruments.editTexts')}
          </a>
          <a class="ds-button" data-variant="secondary" href={instrumentHref(head.id, '/edit-json')} safe>
            {t('mapping.instruments.editJson')}
          </a>
          <a class="ds-button" data-variant="secondary" href={instrumentHref(head.id, '/publish')} safe>
            {t('mapping.instruments.publish')}
          </a>
        </>
      ) : (
        <form method="post" action={instrumentHref(head.id, '/copy')} class="kn-inline-form">
          <CsrfField token={props.csrf} />
          <button type="submit" class="ds-button" data-variant="primary" safe>
            {t('mapping.instruments.copy')}
          </button>
        </form>
      )}
    </div>
  );
}

function QuestionView(props: {
  t: IT;
  locale: Locale;
  q: Question;
  n: string;
  byKey: Map<string, Question>;
}): JSX.Element {
  const { t, locale, q } = props;
  const headingId = `q-${q.key}`;
  const showIfOn = q.showIf ? props.byKey.get(q.showIf.question) : undefined;
  const rolesFrom = q.rolesFrom ? props.byKey.get(q.rolesFrom) : undefined;
  return (
    <article class="kn-row-group" aria-labelledby={headingId} data-testid={`question-${q.key}`}>
      <h3 id={headingId} class="ds-heading" data-size="xs" safe>
        {t('mapping.instruments.questionHeading', { n: props.n, label: q.label[locale] })}
      </h3>
      {q.help ? (
        <p class="ds-paragraph" data-size="sm" safe>
          {q.help[locale]}
        </p>
      ) : (
        ''
      )}
      <dl class="kn-facts">
        <dt safe>{t('mapping.instruments.question.type')}</dt>
        <dd safe>{t(`mapping.instruments.type.${q.type}`)}</dd>
        <dt safe>{t('mapping.instruments.question.required')}</dt>
        <dd safe>{t(q.required ? 'form.yes' : 'form.no')}</dd>
        <dt safe>{t('mapping.instruments.question.core')}</dt>
        <dd safe>
          {q.core ? t(`mapping.instruments.core.${q.core}`) : t('mapping.instruments.question.notCore')}
        </dd>
        <dt safe>{t('mapping.instruments.question.key')}</dt>
        <dd>
          <code safe>{q.key}</code>
        </dd>
        {q.prefill ? (
          <>
            <dt safe>{t('mapping.instruments.question.prefill')}</dt>
            <dd>
              <code>{q.prefill}</code>
            </dd>
          </>
        ) : (
          ''
        )}
        {q.min !== undefined || q.max !== undefined ? (
          <>
            <dt safe>{t('mapping.instruments.question.range')}</dt>
            <dd safe>
              {t('mapping.instruments.question.rangeValue', { min: q.min ?? '', max: q.max ?? '' })}
            </dd>
          </>
        ) : (
          ''
        )}
        {q.maxLength !== undefined ? (
          <>
            <dt safe>{t('mapping.instruments.question.maxLength')}</dt>
            <dd safe>{String(q.maxLength)}</dd>
          </>
        ) : (
          ''
        )}
        {q.maxSelected !== undefined ? (
          <>
            <dt safe>{t('mapping.instruments.question.maxSelected')}</dt>
            <dd safe>{String(q.maxSelected)}</dd>
          </>
        ) : (
          ''
        )}
        {q.rolesFrom ? (
          <>
            <dt safe>{t('mapping.instruments.question.rolesFrom')}</dt>
            <dd safe>{rolesFrom ? rolesFrom.label[locale] : q.rolesFrom}</dd>
          </>
        ) : (
          ''
        )}
        {q.horizonMonths ? (
          <>
            <dt safe>{t('mapping.instruments.question.horizon')}</dt>
            <dd safe>{t('mapping.instruments.question.horizonValue', q.horizonMonths)}</dd>
          </>
        ) : (
          ''
        )}
        {q.showIf ? (
          <>
            <dt safe>{t('mapping.instruments.question.showIf')}</dt>
            <dd safe>
              {t('mapping.instruments.question.showIfValue', {
                question: showIfOn ? showIfOn.label[locale] : q.showIf.question,
                options: q.showIf.anyOf
                  .map((k) => showIfOn?.options?.find((o) => o.key === k)?.label[locale] ?? k)
                  .join(', '),
              })}
            </dd>
          </>
        ) : (
          ''
        )}
      </dl>
      {q.options && q.options.length > 0 ? (
        <>
          <h4 class="ds-heading" data-size="2xs" safe>
            {t('mapping.instruments.options')}
          </h4>
          <ul class="ds-list">
            {q.options.map((o) => (
              <li safe>{o.label[locale]}</li>
            ))}
          </ul>
        </>
      ) : (
        ''
      )}
      {q.statements && q.statements.length > 0 ? (
        <>
          <h4 class="ds-heading" data-size="2xs" safe>
            {t('mapping.instruments.statements')}
          </h4>
          <ol class="ds-list">
            {q.statements.map((s) => (
              <li safe>{s.label[locale]}</li>
            ))}
          </ol>
        </>
      ) : (
        ''
      )}
      {q.answerLabels ? (
        <>
          <h4 class="ds-heading" data-size="2xs" safe>
            {t('mapping.instruments.answerLabels')}
          </h4>
          <ol class="ds-list">
            {q.answerLabels.map((a) => (
              <li safe>{a[locale]}</li>
            ))}
          </ol>
        </>
      ) : (
        ''
      )}
    </article>
  );
}
