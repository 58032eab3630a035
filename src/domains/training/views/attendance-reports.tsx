// The provider's overview of an occasion (sessions × learners, totals, whole hours per date and activity,
// closing the occasion) and the invoice basis (attendees, hours, price, sums per payer).
import { CsrfField } from '../../../platform/http/views.tsx';
import { formatMoney } from '../../../platform/i18n/index.ts';
import {
  type AT,
  type Completion,
  CompletionTag,
  Info,
  type SessionVM,
  sessionLabel,
} from './attendance-shared.tsx';

export interface OverviewVM {
  occasionId: string;
  courseTitle: string;
  completionPct: number;
  sessions: SessionVM[];
  scheduledMinutes: number;
  learners: {
    enrolmentId: string;
    firstName: string;
    lastName: string;
    companyName: string;
    completion: Completion;
    minutes: (number | null)[];
    totalMinutes: number;
    hours: number;
    pct: number;
  }[];
  sessionTotals: number[];
  totalMinutes: number;
  totalHours: number;
  ended: boolean;
  closed: boolean;
  hours: {
    enrolmentId: string;
    firstName: string;
    lastName: string;
    day: string;
    activity: SessionVM['activity'];
    minutes: number;
    hours: number;
  }[];
}

function Rule(props: { t: AT }): JSX.Element {
  return (
    <div class="ds-alert" data-color="info">
      <p class="ds-paragraph" data-testid="hours-rule" safe>
        {props.t('training.attendance.rule')}
      </p>
    </div>
  );
}

export function OverviewView(props: { t: AT; csrf: string; vm: OverviewVM }): JSX.Element {
  const { t, vm } = props;
  const base = `/training/occasions/${vm.occasionId}`;
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {`${t('training.attendance.overviewTitle')} – ${vm.courseTitle}`}
      </h1>
      <p class="ds-paragraph" safe>
        {`${t('training.attendance.scheduled', { minutes: vm.scheduledMinutes, sessions: vm.sessions.length })} ${t('training.attendance.completionRule', { pct: vm.completionPct })}`}
      </p>
      <div class="kn-actions">
        <a class="ds-link" href={`${base}/invoice-basis`} safe>
          {t('training.attendance.invoiceLink')}
        </a>
        <a class="ds-link" href={`${base}/attendance/export?format=csv`} safe>
          {t('training.attendance.exportCsv')}
        </a>
        <a class="ds-link" href={`${base}/attendance/export?format=xlsx`} safe>
          {t('training.attendance.exportXlsx')}
        </a>
      </div>
      {vm.learners.length === 0 ? (
        <Info text={t('training.attendance.noLearners')} />
      ) : (
        <div class="kn-table-wrap">
          <table class="ds-table" data-testid="attendance-grid">
            <caption class="ds-label" safe>
              {t('training.attendance.title')}
            </caption>
            <thead>
              <tr>
                <th scope="col" safe>
                  {t('training.attendance.learner')}
                </th>
                {vm.sessions.map((s) => (
                  <th scope="col">
                    <a class="ds-link" href={`/training/sessions/${s.id}/attendance`} safe>
                      {sessionLabel(t, s)}
                    </a>
                  </th>
                ))}
                <th scope="col" safe>
                  {t('training.attendance.col.minutes')}
                </th>
                <th scope="col" safe>
                  {t('training.attendance.col.hours')}
                </th>
                <th scope="col" safe>
                  {t('training.attendance.col.share')}
                </th>
                <th scope="col" safe>
                  {t('training.attendance.col.completion')}
                </th>
              </tr>
            </thead>
            <tbody>
              {vm.learners.map((l) => (
                <tr data-enrolment={l.enrolmentId}>
                  <th scope="row" safe>
                    {`${l.lastName}, ${l.firstName} (${l.companyName})`}
                  </th>
                  {l.minutes.map((m) => (
                    <td safe>{m === null ? '–' : String(m)}</td>
                  ))}
                  <td safe>{String(l.totalMinutes)}</td>
                  <td safe>{String(l.hours)}</td>
                  <td safe>{`${l.pct} %`}</td>
                  <td>
                    <CompletionTag t={t} completion={l.completion} />
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" safe>
                  {t('training.attendance.total')}
                </th>
                {vm.sessionTotals.map((m) => (
                  <td safe>{String(m)}</td>
                ))}
                <td safe>{String(vm.totalMinutes)}</td>
                <td safe>{String(vm.totalHours)}</td>
                <td />
                <td />
              </tr>
            </tfoot>
          </table>
        </div>
      )}
      {vm.ended && vm.learners.length > 0 ? (
        <form method="post" action={`${base}/complete`}>
          <CsrfField token={props.csrf} />
          <button
            type="submit"
            class="ds-button"
            data-variant="secondary"
            data-testid="complete-occasion"
            safe
          >
            {vm.closed ? t('training.attendance.completeAgain') : t('training.attendance.complete')}
          </button>
        </form>
      ) : (
        ''
      )}
      <h2 class="ds-heading" data-size="sm" safe>
        {t('training.attendance.hoursTitle')}
      </h2>
      <Rule t={t} />
      {vm.hours.length === 0 ? (
        <p class="ds-paragraph" safe>
          {t('training.attendance.noHours')}
        </p>
      ) : (
        <div class="kn-table-wrap">
          <table class="ds-table" data-testid="hours-table">
            <thead>
              <tr>
                <th scope="col" safe>
                  {t('training.attendance.learner')}
                </th>
                <th scope="col" safe>
                  {t('training.attendance.col.date')}
                </th>
                <th scope="col" safe>
                  {t('training.attendance.col.activity')}
                </th>
                <th scope="col" safe>
                  {t('training.attendance.col.minutes')}
                </th>
                <th scope="col" safe>
                  {t('training.attendance.col.hours')}
                </th>
              </tr>
            </thead>
            <tbody>
              {vm.hours.map((h) => (
                <tr>
                  <th scope="row" safe>
                    {`${h.lastName}, ${h.firstName}`}
                  </th>
                  <td safe>{h.day}</td>
                  <td safe>{t(`training.attendance.activity.${h.activity}`)}</td>
                  <td safe>{String(h.minutes)}</td>
                  <td safe>{String(h.hours)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

export type PayerKind = 'programme' | 'company' | 'free';

export interface InvoiceVM {
  occasionId: string;
  courseTitle: string;
  contractReference: string | null;
  priceSek: number;
  attendees: {
    firstName: string;
    lastName: string;
    companyName: string;
    minutes: number;
    hours: number;
    payer: PayerKind;
    priceSek: number;
  }[];
  payers: {
    kind: PayerKind;
    companyName: string | null;
    participants: number;
    hours: number;
    sumSek: number;
  }[];
  totalSek: number;
  totalHours: number;
}

export function InvoiceView(props: { t: AT; vm: InvoiceVM }): JSX.Element {
  const { t, vm } = props;
  const payer = (kind: PayerKind, company: string | null) =>
    kind === 'programme'
      ? t('training.attendance.invoice.payer.programme', { contract: vm.contractReference ?? '–' })
      : kind === 'company'
        ? (company ?? '')
        : t('training.attendance.invoice.payer.free');
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {`${t('training.attendance.invoice.title')} – ${vm.courseTitle}`}
      </h1>
      <p class="ds-paragraph" safe>
        {t('training.attendance.invoice.intro')}
      </p>
      <p class="ds-paragraph" data-testid="invoice-price" safe>
        {t('training.attendance.invoice.price', { price: formatMoney(vm.priceSek) })}
      </p>
      <Rule t={t} />
      <div class="kn-actions">
        <a class="ds-link" href={`/training/occasions/${vm.occasionId}/attendance`} safe>
          {t('training.attendance.overviewLink')}
        </a>
        <a class="ds-link" href={`/training/occasions/${vm.occasionId}/invoice-basis.csv`} safe>
          {t('training.attendance.invoice.csv')}
        </a>
      </div>
      {vm.attendees.length === 0 ? (
        <Info text={t('training.attendance.invoice.none')} />
      ) : (
        <>
          <div class="kn-table-wrap">
            <table class="ds-table" data-testid="invoice-attendees">
              <thead>
                <tr>
                  <th scope="col" safe>
                    {t('training.attendance.learner')}
                  </th>
                  <th scope="col" safe>
                    {t('training.attendance.col.company')}
                  </th>
                  <th scope="col" safe>
                    {t('training.attendance.col.hours')}
                  </th>
                  <th scope="col" safe>
                    {t('training.attendance.invoice.col.payer')}
                  </th>
                  <th scope="col" safe>
                    {t('training.attendance.invoice.col.price')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {vm.attendees.map((a) => (
                  <tr>
                    <th scope="row" safe>
                      {`${a.lastName}, ${a.firstName}`}
                    </th>
                    <td safe>{a.companyName}</td>
                    <td safe>{String(a.hours)}</td>
                    <td safe>{payer(a.payer, a.companyName)}</td>
                    <td safe>{formatMoney(a.priceSek)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h2 class="ds-heading" data-size="sm" safe>
            {t('training.attendance.invoice.perPayer')}
          </h2>
          <div class="kn-table-wrap">
            <table class="ds-table" data-testid="invoice-payers">
              <thead>
                <tr>
                  <th scope="col" safe>
                    {t('training.attendance.invoice.col.payer')}
                  </th>
                  <th scope="col" safe>
                    {t('training.attendance.invoice.col.participants')}
                  </th>
                  <th scope="col" safe>
                    {t('training.attendance.col.hours')}
                  </th>
                  <th scope="col" safe>
                    {t('training.attendance.invoice.col.sum')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {vm.payers.map((p) => (
                  <tr>
                    <th scope="row" safe>
                      {payer(p.kind, p.companyName)}
                    </th>
                    <td safe>{String(p.participants)}</td>
                    <td safe>{String(p.hours)}</td>
                    <td safe>{formatMoney(p.sumSek)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row" safe>
                    {t('training.attendance.invoice.total')}
                  </th>
                  <td safe>{String(vm.attendees.length)}</td>
                  <td safe>{String(vm.totalHours)}</td>
                  <td safe>{formatMoney(vm.totalSek)}</td>
                </tr>
              </tfoot>
            </table>
          </div>
        </>
      )}
    </>
  );
}
