// The public course catalogue: search with filters (a GET form, no JavaScript needed) and a course's page
// with its upcoming occasions and sessions.

import { Pagination } from '../../../platform/http/views.tsx';
import { formatNumber } from '../../../platform/i18n/index.ts';
import { SessionTable } from './catalogue-sessions.tsx';
import { type CT, Facts, financingLabel, formatLabel, languageLabel } from './catalogue-shared.tsx';

export interface SearchVM {
  q: Record<string, string>;
  total: number;
  page: number;
  pageSize: number;
  items: {
    id: string;
    title: string;
    description: string;
    providerName: string;
    format: string;
    hours: number;
    language: string;
    municipalityName: string | null;
    nextStartsOn: string | null;
    nextEndsOn: string | null;
    nextFreeSeats: number | null;
  }[];
  competences: { code: string; name: string }[];
  municipalities: { code: string; name: string }[];
  formats: readonly string[];
  languages: readonly string[];
}

function Choice(props: {
  name: string;
  label: string;
  value: string | undefined;
  any: string;
  options: { value: string; label: string }[];
}): JSX.Element {
  const id = `f-${props.name}`;
  return (
    <div class="ds-field">
      <label class="ds-label" for={id} safe>
        {props.label}
      </label>
      <select class="ds-input" id={id} name={props.name}>
        <option value="" safe>
          {props.any}
        </option>
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value} safe>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

const excerpt = (s: string) => (s.length > 240 ? `${s.slice(0, 237).trimEnd()}…` : s);

export function CatalogueSearchView(props: { t: CT; vm: SearchVM }): JSX.Element {
  const { t, vm } = props;
  const params = new URLSearchParams(Object.entries(vm.q).filter(([k, v]) => v !== '' && k !== 'page'));
  const href = (page: number) => `/kurser?${new URLSearchParams([...params, ['page', String(page)]])}`;
  return (
    <>
      <div class="kn-title-row">
        <h1 class="ds-heading" data-size="lg" safe>
          {t('training.catalogue.title')}
        </h1>
        <a class="ds-link" href="/kurser/kalender.ics" safe>
          {t('training.catalogue.calendar')}
        </a>
      </div>
      <p class="ds-paragraph" safe>
        {t('training.catalogue.intro')}
      </p>
      <form
        method="get"
        action="/kurser"
        class="kn-filters"
        role="search"
        aria-label={t('training.catalogue.search')}
      >
        <div class="ds-field">
          <label class="ds-label" for="f-q" safe>
            {t('training.catalogue.searchLabel')}
          </label>
          <div id="f-q-hint" data-field="description" safe>
            {t('training.catalogue.searchHint')}
          </div>
          <input
            class="ds-input"
            id="f-q"
            name="q"
            type="search"
            value={vm.q.q ?? ''}
            aria-describedby="f-q-hint"
          />
        </div>
        <Choice
          name="competence"
          label={t('training.catalogue.filter.competence')}
          value={vm.q.competence}
          any={t('training.catalogue.filter.any')}
          options={vm.competences.map((c) => ({ value: c.code, label: c.name }))}
        />
        <Choice
          name="municipality"
          label={t('training.catalogue.filter.municipality')}
          value={vm.q.municipality}
          any={t('training.catalogue.filter.any')}
          options={vm.municipalities.map((c) => ({ value: c.code, label: c.name }))}
        />
        <Choice
          name="format"
          label={t('training.catalogue.filter.format')}
          value={vm.q.format}
          any={t('training.catalogue.filter.any')}
          options={vm.formats.map((f) => ({ value: f, label: formatLabel(t, f) }))}
        />
        <Choice
          name="language"
          label={t('training.catalogue.filter.language')}
          value={vm.q.language}
          any={t('training.catalogue.filter.any')}
          options={vm.languages.map((l) => ({ value: l, label: languageLabel(t, l) }))}
        />
        <div class="ds-field">
          <label class="ds-label" for="f-from" safe>
            {t('training.catalogue.filter.from')}
          </label>
          <input class="ds-input" id="f-from" name="from" type="date" value={vm.q.from ?? ''} />
        </div>
        <div class="ds-field">
          <label class="ds-label" for="f-to" safe>
            {t('training.catalogue.filter.to')}
          </label>
          <input class="ds-input" id="f-to" name="to" type="date" value={vm.q.to ?? ''} />
        </div>
        <div class="kn-filters__buttons">
          <button type="submit" class="ds-button" data-variant="primary" safe>
            {t('training.catalogue.search')}
          </button>
        </div>
      </form>
      <h2 class="ds-heading" data-size="sm" role="status" data-testid="result-count" safe>
        {vm.total === 0
          ? t('training.catalogue.noResults')
          : t('training.catalogue.results', { count: vm.total })}
      </h2>
      <ul class="kn-course-list ds-list" data-testid="course-results">
        {vm.items.map((c) => (
          <li data-course={c.id}>
            <h3 class="ds-heading" data-size="xs">
              <a class="ds-link" href={`/kurser/${c.id}`} safe>
                {c.title}
              </a>
            </h3>
            <p class="ds-paragraph" data-size="sm" safe>
              {[
                c.providerName,
                formatLabel(t, c.format),
                t('training.catalogue.hoursValue', { hours: c.hours }),
                languageLabel(t, c.language),
                c.municipalityName,
              ]
                .filter(Boolean)
                .join(' · ')}
            </p>
            <p class="ds-paragraph" safe>
              {excerpt(c.description)}
            </p>
            <p class="ds-paragraph" data-size="sm" data-testid="next-occasion" safe>
              {c.nextStartsOn
                ? t('training.catalogue.next', {
                    from: c.nextStartsOn,
                    to: c.nextEndsOn ?? '',
                    free: c.nextFreeSeats ?? 0,
                  })
                : t('training.catalogue.noNext')}
            </p>
          </li>
        ))}
      </ul>
      {vm.total > vm.pageSize ? (
        <Pagination t={t} page={vm.page} pageSize={vm.pageSize} total={vm.total} href={href} />
      ) : (
        ''
      )}
    </>
  );
}

export interface CoursePageVM {
  id: string;
  title: string;
  description: string;
  providerName: string;
  competences: { id: string; name: string }[];
  sunFieldName: string | null;
  sunLevelName: string | null;
  targetGroup: string;
  format: string;
  hours: number;
  language: string;
  municipalityName: string | null;
  address: string | null;
  priceSek: number;
  prerequisites: string;
  contactName: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
  financing: string;
  completionAttendancePct: number;
  occasions: {
    id: string;
    startsOn: string;
    endsOn: string;
    seats: number;
    freeSeats: number;
    enrolmentDeadline: string;
    municipalityName: string | null;
    location: string | null;
    onlineLink: string | null;
    status: string;
    sessions: {
      id: string;
      date: string;
      start: string;
      end: string;
      activity: string;
      location: string | null;
    }[];
  }[];
}

export function CoursePageView(props: { t: CT; vm: CoursePageVM; manageHref?: string | null }): JSX.Element {
  const { t, vm } = props;
  return (
    <>
      <p class="ds-paragraph" data-size="sm">
        <a class="ds-link" href="/kurser" safe>
          {t('training.catalogue.backToCatalogue')}
        </a>
      </p>
      <h1 class="ds-heading" data-size="lg" safe>
        {vm.title}
      </h1>
      {props.manageHref ? (
        <p class="ds-paragraph">
          <a class="ds-link" href={props.manageHref} safe>
            {t('training.catalogue.manage.view')}
          </a>
        </p>
      ) : (
        ''
      )}
      <div class="kn-prose" data-testid="course-description">
        {vm.description.split(/\n{2,}/).map((p) => (
          <p class="ds-paragraph" safe>
            {p}
          </p>
        ))}
      </div>
      <Facts
        items={[
          [t('training.catalogue.provider'), vm.providerName],
          [t('training.catalogue.form.competences'), vm.competences.map((c) => c.name).join(', ')],
          [t('training.catalogue.form.format'), formatLabel(t, vm.format)],
          [t('training.catalogue.form.hours'), t('training.catalogue.hoursValue', { hours: vm.hours })],
          [t('training.catalogue.form.language'), languageLabel(t, vm.language)],
          [t('training.catalogue.form.municipalityCode'), vm.municipalityName],
          [t('training.catalogue.form.address'), vm.address],
          [
            t('training.catalogue.form.priceSek'),
            vm.priceSek === 0
              ? t('training.catalogue.free')
              : t('training.catalogue.priceValue', { price: formatNumber(vm.priceSek) }),
          ],
          [t('training.catalogue.form.financing'), financingLabel(t, vm.financing)],
          [t('training.catalogue.form.targetGroup'), vm.targetGroup],
          [t('training.catalogue.form.prerequisites'), vm.prerequisites],
          [t('training.catalogue.form.sunFieldCode'), vm.sunFieldName],
          [t('training.catalogue.form.sunLevelCode'), vm.sunLevelName],
          [t('training.catalogue.form.completionAttendancePct'), `${vm.completionAttendancePct} %`],
          [t('training.catalogue.form.contactName'), vm.contactName],
          [t('training.catalogue.form.contactEmail'), vm.contactEmail],
          [t('training.catalogue.form.contactPhone'), vm.contactPhone],
        ]}
      />
      <h2 class="ds-heading" data-size="md" safe>
        {t('training.catalogue.occasions')}
      </h2>
      <p class="ds-paragraph">
        <a class="ds-link" href={`/kurser/${vm.id}/kalender.ics`} safe>
          {t('training.catalogue.calendarCourse')}
        </a>
      </p>
      {vm.occasions.length === 0 ? (
        <p class="ds-paragraph" safe>
          {t('training.catalogue.noNext')}
        </p>
      ) : (
        ''
      )}
      {vm.occasions.map((o) => (
        <section class="kn-occasion" aria-labelledby={`occ-${o.id}`} data-testid="occasion">
          <h3 id={`occ-${o.id}`} class="ds-heading" data-size="sm" safe>
            {t('training.catalogue.occasion.dates', { from: o.startsOn, to: o.endsOn })}
          </h3>
          <p class="ds-paragraph" safe>
            {[
              t('training.catalogue.occasion.seats', { free: o.freeSeats, seats: o.seats }),
              t('training.catalogue.occasion.deadline', { date: o.enrolmentDeadline }),
              o.municipalityName,
              o.location,
            ]
              .filter(Boolean)
              .join(' · ')}
          </p>
          {o.onlineLink ? (
            <p class="ds-paragraph">
              <a class="ds-link" href={o.onlineLink} rel="noopener" safe>
                {t('training.catalogue.occasion.online')}
              </a>
            </p>
          ) : (
            ''
          )}
          <SessionTable t={t} sessions={o.sessions} caption={t('training.catalogue.sessions')} />
        </section>
      ))}
    </>
  );
}
