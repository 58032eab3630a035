// The caseload list (a coach's own companies; officers and region admins: their area, with filters) and the
// board by step.
import type { FieldError } from '../../../platform/errors.ts';
import { Field, Pagination, Select } from '../../../platform/http/views.tsx';
import { formatDate } from '../../../platform/i18n/index.ts';
import { type Step, steps } from '../schema.ts';
import { type CT, StepTag } from './shared.tsx';

export interface ListRowVM {
  id: string;
  companyName: string;
  municipalityName: string;
  step: Step;
  plannedHours: number;
  usedMinutes: number;
  nextMeetingOn: string | null;
  overdueFollowups: number;
  overdueActions: number;
  coachNames: string | null;
}

export interface FilterVM {
  step?: string;
  municipality?: string;
  coach?: string;
  q?: string;
  open?: string;
}

export interface ListVM {
  rows: ListRowVM[];
  total: number;
  page: number;
  pageSize: number;
  filter: FilterVM;
  municipalities: { code: string; name: string }[];
  coaches: { userId: string; name: string }[];
  canStart: boolean;
  mineOnly: boolean;
  /** A region admin: link to the programme's coaching rules. */
  canSetRules?: boolean;
}

const hours = (minutes: number) => Math.round((minutes / 60) * 10) / 10;

function queryString(filter: FilterVM, extra: Record<string, string | number> = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...filter, ...extra }))
    if (v !== undefined && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `?${s}` : '';
}

function Overdue(props: { t: CT; row: ListRowVM }): JSX.Element {
  const { t, row } = props;
  const parts: string[] = [];
  if (row.overdueFollowups) parts.push(t('coaching.list.overdueFollowups', { n: row.overdueFollowups }));
  if (row.overdueActions) parts.push(t('coaching.list.overdueActions', { n: row.overdueActions }));
  if (!parts.length) return <span safe>{t('coaching.list.none')}</span>;
  return (
    <span class="ds-tag" data-color="danger" safe>
      {parts.join(', ')}
    </span>
  );
}

function Hours(props: { t: CT; row: ListRowVM }): JSX.Element {
  const used = hours(props.row.usedMinutes);
  const over = used > props.row.plannedHours;
  return (
    <span>
      <span safe>{props.t('coaching.list.hoursValue', { used, planned: props.row.plannedHours })}</span>
      {over ? (
        <>
          {' '}
          <span class="ds-tag" data-color="warning" safe>
            {props.t('coaching.list.overBudget')}
          </span>
        </>
      ) : (
        ''
      )}
    </span>
  );
}

function Filters(props: { t: CT; vm: ListVM; board?: boolean }): JSX.Element {
  const { t, vm } = props;
  const none: FieldError[] = [];
  return (
    <form method="get" action={props.board ? '/coaching/board' : '/coaching'} class="kn-filters">
      <fieldset class="ds-fieldset">
        <legend class="ds-heading" data-size="2xs" safe>
          {t('coaching.filter.title')}
        </legend>
        <div class="kn-inline-fields">
          <Field
            t={t}
            name="q"
            type="search"
            label={t('coaching.filter.q')}
            value={vm.filter.q}
            errors={none}
          />
          {props.board ? (
            ''
          ) : (
            <Select
              t={t}
              name="step"
              label={t('coaching.filter.step')}
              value={vm.filter.step}
              emptyLabel={t('coaching.filter.anyStep')}
              options={steps.map((s) => ({ value: s, label: t(`coaching.step.${s}`) }))}
              errors={none}
            />
          )}
          {vm.municipalities.length > 1 ? (
            <Select
              t={t}
              name="municipality"
              label={t('coaching.filter.municipality')}
              value={vm.filter.municipality}
              emptyLabel={t('coaching.filter.anyMunicipality')}
              options={vm.municipalities.map((m) => ({ value: m.code, label: m.name }))}
              errors={none}
            />
          ) : (
            ''
          )}
          {vm.coaches.length ? (
            <Select
              t={t}
              name="coach"
              label={t('coaching.filter.coach')}
              value={vm.filter.coach}
              emptyLabel={t('coaching.filter.anyCoach')}
              options={vm.coaches.map((c) => ({ value: c.userId, label: c.name }))}
              errors={none}
            />
          ) : (
            ''
          )}
          {props.board ? (
            ''
          ) : (
            <Select
              t={t}
              name="open"
              label={t('coaching.filter.open')}
              value={vm.filter.open ?? 'open'}
              options={(['open', 'closed', 'all'] as const).map((o) => ({
                value: o,
                label: t(`coaching.filter.open.${o}`),
              }))}
              errors={none}
            />
          )}
        </div>
        <button type="submit" class="ds-button" data-variant="secondary" safe>
          {t('coaching.filter.apply')}
        </button>
      </fieldset>
    </form>
  );
}

export function EngagementList(props: { t: CT; vm: ListVM }): JSX.Element {
  const { t, vm } = props;
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {vm.mineOnly ? t('coaching.list.mine') : t('coaching.list.title')}
      </h1>
      <p class="ds-paragraph" safe>
        {t('coaching.list.intro')}
      </p>
      <p class="kn-actions">
        {vm.canStart ? (
          <a class="ds-button" data-variant="primary" href="/coaching/new" safe>
            {t('coaching.list.new')}
          </a>
        ) : (
          ''
        )}
        {vm.canSetRules ? (
          <a class="ds-link" href="/coaching/rules" safe>
            {t('coaching.list.rules')}
          </a>
        ) : (
          ''
        )}
        {vm.mineOnly ? (
          ''
        ) : (
          <a
            class="ds-link"
            href={`/coaching/board${queryString({ ...vm.filter, step: undefined, open: undefined })}`}
            safe
          >
            {t('coaching.list.board')}
          </a>
        )}
      </p>
      {vm.mineOnly ? '' : <Filters t={t} vm={vm} />}
      {vm.rows.length === 0 ? (
        <p class="ds-paragraph" data-testid="coaching-empty" safe>
          {t('coaching.list.empty')}
        </p>
      ) : (
        <div class="kn-table-wrap">
          <table class="ds-table" data-testid="coaching-list">
            <caption class="ds-sr-only" safe>
              {vm.mineOnly ? t('coaching.list.mine') : t('coaching.list.title')}
            </caption>
            <thead>
              <tr>
                <th scope="col" safe>
                  {t('coaching.list.company')}
                </th>
                <th scope="col" safe>
                  {t('coaching.list.municipality')}
                </th>
                <th scope="col" safe>
                  {t('coaching.list.step')}
                </th>
                <th scope="col" safe>
                  {t('coaching.list.nextMeeting')}
                </th>
                <th scope="col" safe>
                  {t('coaching.list.overdue')}
                </th>
                <th scope="col" safe>
                  {t('coaching.list.hours')}
                </th>
                <th scope="col" safe>
                  {t('coaching.list.coaches')}
                </th>
              </tr>
            </thead>
            <tbody>
              {vm.rows.map((r) => (
                <tr>
                  <th scope="row">
                    <a class="ds-link" href={`/coaching/${r.id}`} safe>
                      {r.companyName}
                    </a>
                  </th>
                  <td safe>{r.municipalityName}</td>
                  <td>
                    <StepTag t={t} step={r.step} />
                  </td>
                  <td safe>{r.nextMeetingOn ? formatDate(r.nextMeetingOn) : t('coaching.list.none')}</td>
                  <td>
                    <Overdue t={t} row={r} />
                  </td>
                  <td>
                    <Hours t={t} row={r} />
                  </td>
                  <td safe>{r.coachNames ?? t('coaching.list.noCoach')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination
        t={t}
        page={vm.page}
        pageSize={vm.pageSize}
        total={vm.total}
        href={(p) => `/coaching${queryString(vm.filter, { page: p })}`}
      />
    </>
  );
}

export interface BoardVM extends Omit<ListVM, 'rows' | 'page' | 'pageSize'> {
  columns: { step: Step; rows: ListRowVM[] }[];
}

export function EngagementBoard(props: { t: CT; vm: BoardVM }): JSX.Element {
  const { t, vm } = props;
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {t('coaching.board.title')}
      </h1>
      <p class="ds-paragraph" safe>
        {t('coaching.board.intro')}
      </p>
      <p class="kn-actions">
        <a class="ds-link" href={`/coaching${queryString(vm.filter)}`} safe>
          {t('coaching.list.asList')}
        </a>
      </p>
      <Filters t={t} vm={{ ...vm, rows: [], page: 1, pageSize: 1 }} board />
      <div class="kn-board" data-testid="coaching-board">
        {vm.columns.map((col) => (
          <section class="kn-board__column" aria-labelledby={`col-${col.step}`} data-step={col.step}>
            <h2 id={`col-${col.step}`} class="ds-heading" data-size="2xs">
              <span safe>{t(`coaching.step.${col.step}`)}</span>{' '}
              <span class="ds-paragraph" data-size="sm" safe>
                ({t('coaching.board.count', { n: col.rows.length })})
              </span>
            </h2>
            {col.rows.length === 0 ? (
              <p class="ds-paragraph" data-size="sm" safe>
                {t('coaching.board.empty')}
              </p>
            ) : (
              <ul class="kn-board__cards">
                {col.rows.map((r) => (
                  <li class="kn-board__card">
                    <a class="ds-link" href={`/coaching/${r.id}`} safe>
                      {r.companyName}
                    </a>
                    <div class="ds-paragraph" data-size="sm">
                      <span safe>{r.municipalityName}</span>
                      {' · '}
                      <span safe>{r.coachNames ?? t('coaching.list.noCoach')}</span>
                    </div>
                    <div class="ds-paragraph" data-size="sm">
                      <Hours t={t} row={r} />
                    </div>
                    {r.overdueActions || r.overdueFollowups ? <Overdue t={t} row={r} /> : ''}
                  </li>
                ))}
              </ul>
            )}
          </section>
        ))}
      </div>
    </>
  );
}
