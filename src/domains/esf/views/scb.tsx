// The monthly SCB files: every month from the programme's start to the current one with its state, and the
// actions as plain forms (produce the next month, mark a produced month as sent).
import { CsrfField } from '../../../platform/http/views.tsx';
import { formatDateTime, type T } from '../../../platform/i18n/index.ts';
import type { EsfKey } from '../messages.ts';

export type ST = T<EsfKey>;

export type ScbMonthState = 'open' | 'due' | 'produced' | 'sent' | 'resend';

export interface ScbVersionVM {
  version: number;
  rowCount: number;
  checksum: string;
  producedAt: Date;
  producedByName: string | null;
  reason: string | null;
  sentAt: Date | null;
  sentByName: string | null;
  resendRequired: boolean;
  columns: string[];
}

export interface ScbMonthVM {
  month: string;
  state: ScbMonthState;
  latest: ScbVersionVM | null;
  changes: number;
  frozen: boolean;
  canProduce: boolean;
  canCorrect: boolean;
  canSend: boolean;
}

export interface ScbOverviewVM {
  programmeName: string;
  months: ScbMonthVM[];
  canAct: boolean;
}

export const shortChecksum = (checksum: string) => checksum.slice(0, 12);

export function ByAt(props: { t: ST; at: Date | null; name: string | null }): JSX.Element {
  if (!props.at) return '–';
  return (
    <span safe>{props.t('esf.scb.byAt', { at: formatDateTime(props.at), name: props.name ?? '–' })}</span>
  );
}

export function StateTag(props: { t: ST; m: ScbMonthVM }): JSX.Element {
  const color =
    props.m.state === 'resend'
      ? 'danger'
      : props.m.state === 'due'
        ? 'warning'
        : props.m.state === 'sent'
          ? 'success'
          : 'neutral';
  return (
    <>
      <span class="ds-tag" data-color={color} data-testid={`state-${props.m.month}`} safe>
        {props.t(`esf.scb.state.${props.m.state}`)}
      </span>
      {props.m.latest && props.m.changes > 0 ? (
        <div>
          <span class="ds-tag" data-color="warning" data-testid={`changes-${props.m.month}`} safe>
            {props.t('esf.scb.changes', { count: props.m.changes })}
          </span>
        </div>
      ) : (
        ''
      )}
      {props.m.frozen ? (
        <div class="ds-paragraph" data-size="sm" safe>
          {props.t('esf.scb.frozenNote')}
        </div>
      ) : (
        ''
      )}
    </>
  );
}

/** The "mark as sent" form of a month's latest version. */
export function SentForm(props: { t: ST; csrf: string; month: string; version: number }): JSX.Element {
  return (
    <form method="post" action={`/esf/scb/${props.month}/sent`} class="kn-inline-form">
      <CsrfField token={props.csrf} />
      <input type="hidden" name="version" value={String(props.version)} />
      <button type="submit" class="ds-button" data-variant="secondary" data-size="sm" safe>
        {props.t('esf.scb.markSent', { month: props.month })}
      </button>
    </form>
  );
}

function Actions(props: { t: ST; csrf: string; m: ScbMonthVM }): JSX.Element {
  const { t, m } = props;
  return (
    <>
      {m.canProduce ? (
        <form method="post" action={`/esf/scb/${m.month}`} class="kn-inline-form">
          <CsrfField token={props.csrf} />
          <button type="submit" class="ds-button" data-variant="primary" data-size="sm" safe>
            {t('esf.scb.produce', { month: m.month })}
          </button>
        </form>
      ) : (
        ''
      )}
      {m.canSend && m.latest ? (
        <SentForm t={t} csrf={props.csrf} month={m.month} version={m.latest.version} />
      ) : (
        ''
      )}
      {m.latest || m.canProduce ? (
        <a class="ds-link" href={`/esf/scb/${m.month}`} safe>
          {t('esf.scb.openMonth', { month: m.month })}
        </a>
      ) : (
        ''
      )}
    </>
  );
}

export function ScbOverviewPage(props: { t: ST; csrf: string; vm: ScbOverviewVM }): JSX.Element {
  const { t, vm } = props;
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {t('esf.scb.title')}
      </h1>
      <p class="ds-paragraph" safe>
        {t('esf.scb.intro')}
      </p>
      {vm.canAct ? (
        ''
      ) : (
        <p class="ds-paragraph" safe>
          {t('esf.scb.readOnly')}
        </p>
      )}
      <div
        class="kn-table-wrap"
        role="region"
        tabindex="0"
        aria-label={t('esf.scb.caption', { programme: vm.programmeName })}
      >
        <table class="ds-table" data-testid="scb-months">
          <caption safe>{t('esf.scb.caption', { programme: vm.programmeName })}</caption>
          <thead>
            <tr>
              <th scope="col" safe>
                {t('esf.scb.col.month')}
              </th>
              <th scope="col" safe>
                {t('esf.scb.col.status')}
              </th>
              <th scope="col" safe>
                {t('esf.scb.col.version')}
              </th>
              <th scope="col" safe>
                {t('esf.scb.col.rows')}
              </th>
              <th scope="col" safe>
                {t('esf.scb.col.checksum')}
              </th>
              <th scope="col" safe>
                {t('esf.scb.col.produced')}
              </th>
              <th scope="col" safe>
                {t('esf.scb.col.sent')}
              </th>
              {vm.canAct ? (
                <th scope="col" safe>
                  {t('esf.scb.col.actions')}
                </th>
              ) : (
                ''
              )}
            </tr>
          </thead>
          <tbody>
            {[...vm.months].reverse().map((m) => (
              <tr data-month={m.month}>
                <th scope="row" safe>
                  {m.month}
                </th>
                <td>
                  <StateTag t={t} m={m} />
                </td>
                <td>{m.latest ? String(m.latest.version) : '–'}</td>
                <td>{m.latest ? String(m.latest.rowCount) : '–'}</td>
                <td>
                  {m.latest ? (
                    <code title={m.latest.checksum} safe>
                      {shortChecksum(m.latest.checksum)}
                    </code>
                  ) : (
                    '–'
                  )}
                </td>
                <td>
                  <ByAt t={t} at={m.latest?.producedAt ?? null} name={m.latest?.producedByName ?? null} />
                </td>
                <td>
                  <ByAt t={t} at={m.latest?.sentAt ?? null} name={m.latest?.sentByName ?? null} />
                </td>
                {vm.canAct ? (
                  <td>
                    <Actions t={t} csrf={props.csrf} m={m} />
                  </td>
                ) : (
                  ''
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
