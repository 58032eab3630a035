// One digital course for its authors: details, versions, modules and lessons (add, reorder, delete), the
// publish checklist with links to what must be fixed, the actions, and the provider's uploaded files.
import type { FieldError } from '../../../platform/errors.ts';
import { CsrfField, ErrorSummary, Field } from '../../../platform/http/views.tsx';
import type { CourseContent, MediaRef } from '../types.ts';
import { MediaSection } from './authoring-media.tsx';
import {
  type AT,
  type AuthorKey,
  kindLabel,
  RowActions,
  StatusTag,
  statusLabel,
} from './authoring-shared.tsx';

export interface CourseOverviewVM {
  content: CourseContent;
  versions: {
    version: number;
    status: string;
    createdAt: string;
    publishedAt: string | null;
    publishedByName: string | null;
  }[];
  hasPublished: boolean;
  checklist: { message: string; params: Record<string, string | number>; href: string }[];
  media: (MediaRef & { createdAt: string })[];
  mediaKinds: readonly string[];
  languages: readonly string[];
}

function Details(props: { t: AT; c: CourseContent }): JSX.Element {
  const { t, c } = props;
  const none = t('elearning.author.overview.none');
  return (
    <dl class="kn-facts">
      <dt safe>{t('elearning.author.overview.hours')}</dt>
      <dd safe>{t('elearning.author.overview.hoursValue', { hours: c.hours })}</dd>
      <dt safe>{t('elearning.author.overview.language')}</dt>
      <dd safe>{c.language}</dd>
      <dt safe>{t('elearning.author.overview.sunLevel')}</dt>
      <dd safe>{c.sunLevel ? `${c.sunLevel.code} ${c.sunLevel.label}` : none}</dd>
      <dt safe>{t('elearning.author.overview.competences')}</dt>
      <dd safe>{c.competences.length > 0 ? c.competences.map((x) => x.label).join(', ') : none}</dd>
      <dt safe>{t('elearning.author.overview.credential')}</dt>
      <dd safe>
        {c.issuesCredential
          ? t('elearning.author.overview.credentialYes')
          : t('elearning.author.overview.credentialNo')}
      </dd>
      <dt safe>{t('elearning.author.overview.catalogue')}</dt>
      <dd safe>
        {c.trainingCourseId
          ? t('elearning.author.overview.linkedInCatalogue')
          : t('elearning.author.overview.notInCatalogue')}
      </dd>
    </dl>
  );
}

function Modules(props: { t: AT; csrf: string; c: CourseContent; editable: boolean }): JSX.Element {
  const { t, csrf, c, editable } = props;
  const base = `/learning/courses/${c.courseId}`;
  return (
    <section aria-labelledby="modules" data-testid="dl-modules">
      <h2 class="ds-heading" data-size="md" id="modules" tabindex="-1" safe>
        {t('elearning.author.modules.title')}
      </h2>
      {c.modules.length === 0 ? (
        <p class="ds-paragraph" safe>
          {t('elearning.author.modules.none')}
        </p>
      ) : (
        ''
      )}
      {c.modules.map((m) => (
        <section class="kn-module" aria-labelledby={`m-${m.id}`}>
          <h3 class="ds-heading" data-size="sm" id={`m-${m.id}`} safe>
            {t('elearning.author.modules.module', { position: m.position, title: m.title })}
          </h3>
          {editable ? (
            <RowActions
              t={t}
              csrf={csrf}
              base={`${base}/modules/${m.id}`}
              title={m.title}
              editHref={`${base}/modules/${m.id}`}
            />
          ) : (
            ''
          )}
          {m.lessons.length === 0 ? (
            <p class="ds-paragraph" safe>
              {t('elearning.author.modules.noLessons')}
            </p>
          ) : (
            <ol class="ds-list">
              {m.lessons.map((l) => (
                <li>
                  <span safe>{`${l.title} (${kindLabel(t, l.kind)})`}</span>
                  {editable ? (
                    <RowActions
                      t={t}
                      csrf={csrf}
                      base={`${base}/lessons/${l.id}`}
                      title={l.title}
                      editHref={`${base}/lessons/${l.id}`}
                    />
                  ) : (
                    ''
                  )}
                </li>
              ))}
            </ol>
          )}
          {editable ? (
            <form method="post" action={`${base}/modules/${m.id}/lessons`} class="kn-form kn-inline-fields">
              <CsrfField token={csrf} />
              <div class="ds-field">
                <label class="ds-label" for={`kind-${m.id}`} safe>
                  {t('elearning.author.lessons.kind')}
                </label>
                <select class="ds-input" id={`kind-${m.id}`} name="kind">
                  {(['text', 'video', 'quiz', 'lti'] as const).map((k) => (
                    <option value={k} safe>
                      {kindLabel(t, k)}
                    </option>
                  ))}
                </select>
              </div>
              <div class="ds-field">
                <label class="ds-label" for={`title-${m.id}`} safe>
                  {t('elearning.author.lessons.title')}
                </label>
                <input class="ds-input" id={`title-${m.id}`} name="title" maxlength={300} required />
              </div>
              <button type="submit" class="ds-button" data-variant="secondary" safe>
                {t('elearning.author.lessons.add')}
              </button>
            </form>
          ) : (
            ''
          )}
        </section>
      ))}
    </section>
  );
}

function Checklist(props: { t: AT; items: CourseOverviewVM['checklist'] }): JSX.Element {
  const { t, items } = props;
  return (
    <section aria-labelledby="checklist" data-testid="dl-checklist">
      <h2 class="ds-heading" data-size="md" id="checklist" safe>
        {t('elearning.author.checklist.title')}
      </h2>
      {items.length === 0 ? (
        <p class="ds-paragraph" safe>
          {t('elearning.author.checklist.ok')}
        </p>
      ) : (
        <>
          <p class="ds-paragraph" safe>
            {t('elearning.author.checklist.intro')}
          </p>
          <ul class="ds-list">
            {items.map((i) => (
              <li>
                <a class="ds-link" href={i.href} safe>
                  {t(i.message as AuthorKey, i.params)}
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

export function CourseOverviewView(props: {
  t: AT;
  csrf: string;
  vm: CourseOverviewVM;
  errors: FieldError[];
  values: Record<string, string>;
}): JSX.Element {
  const { t, csrf, vm } = props;
  const c = vm.content;
  const base = `/learning/courses/${c.courseId}`;
  const editable = c.status === 'draft';
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {c.title}
      </h1>
      <ErrorSummary errors={props.errors} t={t} />
      <p class="ds-paragraph">
        <span safe>
          {t('elearning.author.overview.showing', { version: c.version, status: statusLabel(t, c.status) })}
        </span>{' '}
        <StatusTag t={t} status={c.status} />
      </p>
      {editable ? (
        ''
      ) : (
        <p class="ds-paragraph" safe>
          {t('elearning.author.overview.readOnly')}
        </p>
      )}
      <div class="kn-actions">
        {editable ? (
          <>
            <a class="ds-button" data-variant="secondary" href={`${base}/edit`} safe>
              {t('elearning.author.overview.editMetadata')}
            </a>
            <a class="ds-button" data-variant="secondary" href={`${base}/preview`} safe>
              {t('elearning.author.action.preview')}
            </a>
            <form method="post" action={`${base}/publish`} class="kn-inline-form">
              <CsrfField token={csrf} />
              <button type="submit" class="ds-button" data-variant="primary" safe>
                {t('elearning.author.action.publish')}
              </button>
            </form>
          </>
        ) : vm.hasPublished ? (
          <form method="post" action={`${base}/new-draft`} class="kn-inline-form">
            <CsrfField token={csrf} />
            <button type="submit" class="ds-button" data-variant="primary" safe>
              {t('elearning.author.action.newDraft')}
            </button>
          </form>
        ) : (
          ''
        )}
      </div>
      {editable ? <Checklist t={t} items={vm.checklist} /> : ''}
      <h2 class="ds-heading" data-size="md" safe>
        {t('elearning.author.overview.metadata')}
      </h2>
      <Details t={t} c={c} />
      <Modules t={t} csrf={csrf} c={c} editable={editable} />
      {editable ? (
        <form method="post" action={`${base}/modules`} class="kn-form">
          <CsrfField token={csrf} />
          <Field
            name="title"
            label={t('elearning.author.modules.addTitle')}
            errors={props.errors}
            t={t}
            maxlength={300}
          />
          <button type="submit" class="ds-button" data-variant="secondary" safe>
            {t('elearning.author.modules.add')}
          </button>
        </form>
      ) : (
        ''
      )}
      <h2 class="ds-heading" data-size="md" safe>
        {t('elearning.author.versions.title')}
      </h2>
      <div
        class="kn-table-wrap"
        role="region"
        tabindex="0"
        aria-label={t('elearning.author.versions.caption')}
      >
        <table class="ds-table" data-testid="dl-versions">
          <caption safe>{t('elearning.author.versions.caption')}</caption>
          <thead>
            <tr>
              <th scope="col" safe>
                {t('elearning.author.col.version')}
              </th>
              <th scope="col" safe>
                {t('elearning.author.col.status')}
              </th>
              <th scope="col" safe>
                {t('elearning.author.versions.created')}
              </th>
              <th scope="col" safe>
                {t('elearning.author.col.published')}
              </th>
              <th scope="col" safe>
                {t('elearning.author.versions.publishedBy')}
              </th>
            </tr>
          </thead>
          <tbody>
            {vm.versions.map((v) => (
              <tr>
                <th scope="row" safe>
                  {String(v.version)}
                </th>
                <td safe>{statusLabel(t, v.status)}</td>
                <td safe>{v.createdAt}</td>
                <td safe>{v.publishedAt ?? '–'}</td>
                <td safe>{v.publishedByName ?? '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <MediaSection
        t={t}
        csrf={csrf}
        courseId={c.courseId}
        courseLanguage={c.language}
        media={vm.media}
        mediaKinds={vm.mediaKinds}
        languages={vm.languages}
        errors={props.errors}
        values={props.values}
      />
    </>
  );
}
