// Coaching meetings of an engagement: the list (upcoming, held, cancelled; time held against planned hours)
// and one meeting (details, attendees, agenda, notes when the actor may read them, decisions and next steps,
// attachments with upload and delete). Company contacts see no notes and no attachments.
import type { FieldError } from '../../../platform/errors.ts';
import { CsrfField, errorFor, fieldId } from '../../../platform/http/views.tsx';
import type { T } from '../../../platform/i18n/index.ts';
import { formatNumber } from '../../../platform/i18n/index.ts';
import type { MeetingPage, MeetingView } from '../service/meetings.ts';
import { type CT, EngagementCrumbs, EngagementTabs } from './shared.tsx';

export interface MeetingListVM {
  engagementId: string;
  companyName: string;
  upcoming: MeetingView[];
  held: MeetingView[];
  cancelled: MeetingView[];
  heldMinutes: number;
  plannedMinutes: number;
  canEdit: boolean;
  closed: boolean;
  isStaff: boolean;
}

export const timeRange = (m: Pick<MeetingView, 'startsAt' | 'endsAt'>): string =>
  m.startsAt ? `${m.startsAt}${m.endsAt ? `–${m.endsAt}` : ''}` : '';

const hours = (minutes: number) => formatNumber(Math.round((minutes / 60) * 10) / 10);

function MeetingTable(props: { t: CT; caption: string; rows: MeetingView[]; testid: string }): JSX.Element {
  const { t } = props;
  if (props.rows.length === 0)
    return (
      <p class="ds-paragraph" data-testid={props.testid} safe>
        {t('coaching.meetings.none')}
      </p>
    );
  return (
    <div class="kn-table-wrap">
      <table class="ds-table" data-testid={props.testid}>
        <caption class="ds-sr-only" safe>
          {props.caption}
        </caption>
        <thead>
          <tr>
            <th scope="col" safe>
              {t('coaching.meetings.col.date')}
            </th>
            <th scope="col" safe>
              {t('coaching.meetings.col.time')}
            </th>
            <th scope="col" safe>
              {t('coaching.meetings.col.kind')}
            </th>
            <th scope="col" safe>
              {t('coaching.meetings.col.status')}
            </th>
            <th scope="col" safe>
              {t('coaching.meetings.col.minutes')}
            </th>
            <th scope="col" safe>
              {t('coaching.meetings.col.attendees')}
            </th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((m) => (
            <tr data-meeting={m.id}>
              <th scope="row">
                <a
                  class="ds-link"
                  href={`/coaching/${m.engagementId}/meetings/${m.id}`}
                  aria-label={t('coaching.meetings.open', { date: m.heldOn })}
                  safe
                >
                  {m.heldOn}
                </a>
              </th>
              <td safe>{timeRange(m) || t('coaching.meetings.empty')}</td>
              <td safe>{t(`coaching.meetings.kind.${m.kind}`)}</td>
              <td safe>{t(`coaching.meetings.status.${m.status}`)}</td>
              <td safe>{String(m.minutes)}</td>
              <td safe>{m.attendees.map((a) => a.name).join(', ') || t('coaching.meetings.empty')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function MeetingListView(props: { t: CT; vm: MeetingListVM }): JSX.Element {
  const { t, vm } = props;
  return (
    <>
      <EngagementCrumbs
        t={t}
        engagementId={vm.engagementId}
        companyName={vm.companyName}
        current={t('coaching.meetings.title')}
      />
      <h1 class="ds-heading" data-size="lg" safe>
        {`${t('coaching.meetings.title')} – ${vm.companyName}`}
      </h1>
      <EngagementTabs t={t} engagementId={vm.engagementId} current="meetings" />
      <p class="ds-paragraph" safe>
        {t('coaching.meetings.intro')}
      </p>
      <p class="ds-paragraph" data-testid="meetings-total" safe>
        {t('coaching.meetings.total', { held: hours(vm.heldMinutes), planned: hours(vm.plannedMinutes) })}
      </p>
      {vm.canEdit ? (
        <p class="ds-paragraph">
          <a class="ds-button" data-variant="primary" href={`/coaching/${vm.engagementId}/meetings/new`} safe>
            {t('coaching.meetings.new')}
          </a>
        </p>
      ) : vm.closed ? (
        <p class="ds-paragraph" safe>
          {t('coaching.meetings.closed')}
        </p>
      ) : (
        ''
      )}
      {vm.isStaff ? (
        <p class="ds-paragraph">
          <a class="ds-link" href="/calendar" safe>
            {t('coaching.meetings.subscribe')}
          </a>
        </p>
      ) : (
        ''
      )}
      <h2 class="ds-heading" data-size="sm" safe>
        {t('coaching.meetings.upcoming')}
      </h2>
      <MeetingTable
        t={t}
        caption={t('coaching.meetings.tableUpcoming')}
        rows={vm.upcoming}
        testid="meetings-upcoming"
      />
      <h2 class="ds-heading" data-size="sm" safe>
        {t('coaching.meetings.held')}
      </h2>
      <MeetingTable t={t} caption={t('coaching.meetings.tableHeld')} rows={vm.held} testid="meetings-held" />
      {vm.cancelled.length > 0 ? (
        <>
          <h2 class="ds-heading" data-size="sm" safe>
            {t('coaching.meetings.cancelled')}
          </h2>
          <MeetingTable
            t={t}
            caption={t('coaching.meetings.tableCancelled')}
            rows={vm.cancelled}
            testid="meetings-cancelled"
          />
        </>
      ) : (
        ''
      )}
    </>
  );
}

export interface MeetingPageVM {
  companyName: string;
  meeting: MeetingPage;
  isStaff: boolean;
  canEdit: boolean;
}

function Rendered(props: { html: string; testid: string; emptyText: string }): JSX.Element {
  // Markdown rendered through the allow-list sanitiser in platform/markdown.ts.
  const safeHtml = props.html;
  if (safeHtml === '')
    return (
      <p class="ds-paragraph" data-testid={props.testid} safe>
        {props.emptyText}
      </p>
    );
  return (
    <div class="kn-prose" data-testid={props.testid}>
      {safeHtml}
    </div>
  );
}

function Attachments(props: { t: CT; csrf: string; vm: MeetingPageVM; errors: FieldError[] }): JSX.Element {
  const { t, vm } = props;
  const m = vm.meeting;
  const list = m.attachments ?? [];
  const base = `/coaching/${m.engagementId}/meetings/${m.id}/attachments`;
  const id = fieldId('file');
  const error = errorFor(props.errors, 'file');
  return (
    <section aria-labelledby="attachments-title" data-testid="attachments">
      <h2 id="attachments-title" class="ds-heading" data-size="sm" safe>
        {t('coaching.meetings.attachments')}
      </h2>
      {list.length === 0 ? (
        <p class="ds-paragraph" safe>
          {t('coaching.meetings.attachmentsNone')}
        </p>
      ) : (
        <ul class="ds-list">
          {list.map((a) => (
            <li data-attachment={a.id}>
              <a class="ds-link" href={`${base}/${a.id}`} safe>
                {a.fileName}
              </a>{' '}
              <span safe>
                {`(${t('coaching.meetings.attachmentSize', { size: formatNumber(Math.max(1, Math.round(a.sizeBytes / 1024))) })})`}
              </span>
              {vm.canEdit ? (
                <form method="post" action={`${base}/${a.id}/delete`} class="kn-inline-form">
                  <CsrfField token={props.csrf} />
                  <button
                    type="submit"
                    class="ds-button"
                    data-variant="tertiary"
                    data-size="sm"
                    aria-label={t('coaching.meetings.attachmentDeleteLabel', { name: a.fileName })}
                    safe
                  >
                    {t('coaching.meetings.attachmentDelete')}
                  </button>
                </form>
              ) : (
                ''
              )}
            </li>
          ))}
        </ul>
      )}
      {vm.canEdit ? (
        <form method="post" action={base} enctype="multipart/form-data" class="kn-form">
          <CsrfField token={props.csrf} />
          <div class="ds-field">
            <label class="ds-label" for={id} safe>
              {t('coaching.meetings.uploadLabel')}
            </label>
            <div id={`${id}-hint`} data-field="description" safe>
              {t('coaching.meetings.uploadHint')}
            </div>
            {error ? (
              <div class="ds-validation-message" id={`${id}-error`} data-field="validation" safe>
                {(props.t as unknown as T<string>)(error.message, error.params)}
              </div>
            ) : (
              ''
            )}
            <input
              class="ds-input"
              type="file"
              id={id}
              name="file"
              accept=".pdf,.png,.jpg,.jpeg,.gif,.webp,.docx,.xlsx,.pptx,.odt,.ods,.odp"
              aria-invalid={error ? 'true' : undefined}
              aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
            />
          </div>
          <button type="submit" class="ds-button" data-variant="secondary" safe>
            {t('coaching.meetings.upload')}
          </button>
        </form>
      ) : (
        ''
      )}
    </section>
  );
}

export function MeetingPageView(props: {
  t: CT;
  csrf: string;
  vm: MeetingPageVM;
  errors: FieldError[];
}): JSX.Element {
  const { t, vm } = props;
  const m = vm.meeting;
  const base = `/coaching/${m.engagementId}/meetings/${m.id}`;
  const dt = (label: string, value: string) => (
    <>
      <dt safe>{label}</dt>
      <dd safe>{value || t('coaching.meetings.empty')}</dd>
    </>
  );
  const notesSection = !vm.isStaff ? (
    ''
  ) : (
    <section aria-labelledby="notes-title">
      <h2 id="notes-title" class="ds-heading" data-size="sm" safe>
        {t('coaching.meetings.field.notes')}
      </h2>
      {m.html.notes === null ? (
        <p class="ds-paragraph" data-testid="notes-not-shared" safe>
          {t('coaching.meetings.notesNotShared', { org: m.notesOwnerName })}
        </p>
      ) : (
        <Rendered html={m.html.notes} testid="meeting-notes" emptyText={t('coaching.meetings.noNotes')} />
      )}
    </section>
  );
  return (
    <>
      <EngagementCrumbs
        t={t}
        engagementId={m.engagementId}
        companyName={vm.companyName}
        current={t('coaching.meetings.title')}
      />
      <h1 class="ds-heading" data-size="lg" safe>
        {`${m.heldOn} – ${vm.companyName}`}
      </h1>
      <EngagementTabs t={t} engagementId={m.engagementId} current="meetings" />
      <dl class="kn-facts" aria-label={t('coaching.meetings.details')}>
        {dt(t('coaching.meetings.date'), m.heldOn)}
        {dt(t('coaching.meetings.time'), timeRange(m))}
        {dt(t('coaching.meetings.duration'), t('coaching.meetings.minutesValue', { n: m.minutes }))}
        {dt(t('coaching.meetings.field.kind'), t(`coaching.meetings.kind.${m.kind}`))}
        {dt(t('coaching.meetings.field.status'), t(`coaching.meetings.status.${m.status}`))}
        {dt(t('coaching.meetings.field.location'), m.location ?? '')}
        {vm.isStaff ? dt(t('coaching.meetings.coach'), m.coachName ?? '') : ''}
        <dt safe>{t('coaching.meetings.field.attendees')}</dt>
        <dd>
          {m.attendees.length === 0 ? (
            <span safe>{t('coaching.meetings.attendeesNone')}</span>
          ) : (
            <ul class="ds-list" data-testid="meeting-attendees">
              {m.attendees.map((a) => (
                <li safe>
                  {[
                    a.name,
                    a.roleTitle,
                    a.kind === 'company_person' ? null : t(`coaching.meetings.attendee.${a.kind}`),
                  ]
                    .filter(Boolean)
                    .join(', ')}
                </li>
              ))}
            </ul>
          )}
        </dd>
      </dl>
      <p class="ds-paragraph kn-actions">
        <a class="ds-link" href={`${base}/meeting.ics`} safe>
          {t('coaching.meetings.ics')}
        </a>
        {vm.canEdit ? (
          <>
            {' '}
            <a class="ds-button" data-variant="secondary" href={`${base}/edit`} safe>
              {t('coaching.meetings.edit')}
            </a>{' '}
            <a class="ds-button" data-variant="tertiary" href={`${base}/delete`} safe>
              {t('coaching.meetings.delete')}
            </a>
          </>
        ) : (
          ''
        )}
      </p>
      <section aria-labelledby="agenda-title">
        <h2 id="agenda-title" class="ds-heading" data-size="sm" safe>
          {t('coaching.meetings.field.agenda')}
        </h2>
        <Rendered html={m.html.agenda} testid="meeting-agenda" emptyText={t('coaching.meetings.empty')} />
      </section>
      {notesSection}
      <section aria-labelledby="decisions-title">
        <h2 id="decisions-title" class="ds-heading" data-size="sm" safe>
          {t('coaching.meetings.field.decisions')}
        </h2>
        <Rendered
          html={m.html.decisions}
          testid="meeting-decisions"
          emptyText={t('coaching.meetings.empty')}
        />
      </section>
      <section aria-labelledby="next-title">
        <h2 id="next-title" class="ds-heading" data-size="sm" safe>
          {t('coaching.meetings.field.nextSteps')}
        </h2>
        <Rendered
          html={m.html.nextSteps}
          testid="meeting-next-steps"
          emptyText={t('coaching.meetings.empty')}
        />
      </section>
      {m.attachments !== null ? <Attachments t={t} csrf={props.csrf} vm={vm} errors={props.errors} /> : ''}
    </>
  );
}
