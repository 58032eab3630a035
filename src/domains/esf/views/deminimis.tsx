// De minimis aid: the companies of the region with aid given, declared and the total against the ceiling;
// one company's breakdown per year and activity, its declarations, the declaration form and the certificate.
import type { FieldError } from '../../../platform/errors.ts';
import { CsrfField, ErrorSummary, Field, TextArea } from '../../../platform/http/views.tsx';
import { formatMoney, formatNumber, type T } from '../../../platform/i18n/index.ts';
import type { EsfKey } from '../messages.ts';
import type { AidLevel, DeminimisDetail, DeminimisOverview } from '../service/deminimis.ts';

type ET = T<EsfKey>;

const eur = new Intl.NumberFormat('sv-SE', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });
const formatEur = (n: number) => eur.format(n);
const pct = (n: number) => `${formatNumber(Math.round(n * 1000) / 10)} %`;
const levelColor: Record<AidLevel, string> = { ok: 'success', near: 'warning', over: 'danger' };

function Level(props: { t: ET; level: AidLevel }): JSX.Element {
  return (
    <span class="ds-tag" data-color={levelColor[props.level]} data-level={props.level} safe>
      {props.t(`esf.deminimis.level.${props.level}`)}
    </span>
  );
}

function WindowLine(props: { t: ET; vm: Pick<DeminimisOverview, 'window' | 'rules'> }): JSX.Element {
  const { t, vm } = props;
  return (
    <p class="ds-paragraph" safe>
      {t('esf.deminimis.window', {
        from: vm.window.from,
        to: vm.window.asOf,
        rate: vm.rules.sekPerEur,
        share: pct(vm.rules.warnShare),
      })}
    </p>
  );
}

export function DeminimisListPage(props: { t: ET; vm: DeminimisOverview }): JSX.Element {
  const { t, vm } = props;
  const ceiling = vm.rules.ceilingEur;
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {t('esf.deminimis.title')}
      </h1>
      <p class="ds-paragraph" safe>
        {t('esf.deminimis.intro', { ceiling: formatEur(ceiling) })}
      </p>
      <form method="get" action="/esf/deminimis" class="kn-form">
        <Field
          t={t}
          name="asOf"
          label={t('esf.deminimis.asOf')}
          hint={t('esf.deminimis.asOfHint')}
          value={vm.window.asOf}
          errors={[]}
          maxlength={10}
        />
        <button type="submit" class="ds-button" data-variant="secondary" safe>
          {t('esf.deminimis.show')}
        </button>
      </form>
      <WindowLine t={t} vm={vm} />
      {vm.companies.length === 0 ? (
        <p class="ds-paragraph" data-testid="deminimis-none" safe>
          {t('esf.deminimis.none')}
        </p>
      ) : (
        <table class="ds-table" data-testid="deminimis">
          <caption safe>{t('esf.deminimis.caption')}</caption>
          <thead>
            <tr>
              {(
                [
                  'company',
                  'orgNumber',
                  'coaching',
                  'training',
                  'declared',
                  'total',
                  'share',
                  'level',
                ] as const
              ).map((c) => (
                <th scope="col" safe>
                  {t(`esf.deminimis.col.${c}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {vm.companies.map((c) => (
              <tr data-company={c.companyId}>
                <th scope="row">
                  <a class="ds-link" href={`/esf/deminimis/${c.companyId}`} safe>
                    {c.companyName}
                  </a>
                </th>
                <td safe>{c.orgNumber}</td>
                <td class="kn-num" safe>
                  {formatEur(c.coachingEur)}
                </td>
                <td class="kn-num" safe>
                  {formatEur(c.trainingEur)}
                </td>
                <td class="kn-num" safe>
                  {formatEur(c.declaredEur)}
                </td>
                <td class="kn-num" safe>
                  {formatEur(c.totalEur)}
                </td>
                <td class="kn-num" safe>
                  {pct(c.totalEur / ceiling)}
                </td>
                <td>
                  <Level t={t} level={c.level} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function Breakdown(props: { t: ET; lines: DeminimisDetail['company']['lines'] }): JSX.Element {
  const { t } = props;
  if (props.lines.length === 0)
    return (
      <p class="ds-paragraph" safe>
        {t('esf.deminimis.breakdown.none')}
      </p>
    );
  const cols = ['year', 'activity', 'quantity', 'unit', 'valueSek', 'valueEur'] as const;
  return (
    <table class="ds-table" data-testid="deminimis-lines">
      <caption safe>{t('esf.deminimis.breakdown.caption')}</caption>
      <thead>
        <tr>
          {cols.map((c) => (
            <th scope="col" safe>
              {t(`esf.deminimis.col.${c}`)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.lines.map((l) => (
          <tr data-year={String(l.year)} data-activity={l.activity}>
            <td safe>{String(l.year)}</td>
            <th scope="row" safe>
              {t(`esf.deminimis.activity.${l.activity}`)}
            </th>
            <td safe>{t(`esf.deminimis.quantity.${l.activity}`, { n: l.quantity })}</td>
            <td safe>
              {l.unitSek === null
                ? t('esf.deminimis.unit.price')
                : t('esf.deminimis.unit.hour', { amount: formatMoney(l.unitSek) })}
            </td>
            <td class="kn-num" safe>
              {formatMoney(l.valueSek)}
            </td>
            <td class="kn-num" safe>
              {formatEur(l.valueEur)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Totals(props: { t: ET; vm: DeminimisDetail }): JSX.Element {
  const { t } = props;
  const c = props.vm.company;
  const rows: [string, string][] = [
    [t('esf.deminimis.totals.given'), formatEur(c.givenEur)],
    [t('esf.deminimis.totals.declared'), formatEur(c.declaredEur)],
    [t('esf.deminimis.totals.total'), formatEur(c.totalEur)],
    [t('esf.deminimis.totals.ceiling'), formatEur(props.vm.rules.ceilingEur)],
  ];
  return (
    <dl class="kn-facts" data-testid="deminimis-totals">
      {rows.map(([k, v]) => (
        <>
          <dt safe>{k}</dt>
          <dd safe>{v}</dd>
        </>
      ))}
      <dt safe>{t('esf.deminimis.totals.level')}</dt>
      <dd>
        <Level t={t} level={c.level} />
      </dd>
    </dl>
  );
}

function Declarations(props: { t: ET; vm: DeminimisDetail }): JSX.Element {
  const { t, vm } = props;
  const latest = vm.company.declaration;
  return (
    <>
      <p class="ds-paragraph" safe>
        {latest
          ? t('esf.deminimis.declaration.latest', {
              date: latest.declaredOn,
              amount: formatEur(latest.otherAidEur),
            })
          : t('esf.deminimis.declaration.noneInWindow')}
      </p>
      {vm.declarations.length > 0 ? (
        <table class="ds-table" data-testid="deminimis-declarations">
          <caption safe>{t('esf.deminimis.declaration.caption')}</caption>
          <thead>
            <tr>
              {(['declaredOn', 'amount', 'details', 'recordedBy'] as const).map((c) => (
                <th scope="col" safe>
                  {t(`esf.deminimis.col.${c}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {vm.declarations.map((d) => (
              <tr>
                <th scope="row" safe>
                  {d.declaredOn}
                </th>
                <td class="kn-num" safe>
                  {formatEur(d.otherAidEur)}
                </td>
                <td safe>{d.details}</td>
                <td safe>{d.recordedByName ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        ''
      )}
    </>
  );
}

export function DeminimisCompanyPage(props: {
  t: ET;
  csrf: string;
  vm: DeminimisDetail & { canDeclare: boolean; errors: FieldError[]; values: Record<string, string> };
}): JSX.Element {
  const { t, vm } = props;
  const c = vm.company;
  return (
    <>
      <p class="ds-paragraph">
        <a class="ds-link" href="/esf/deminimis" safe>
          {t('esf.deminimis.back')}
        </a>
      </p>
      <h1 class="ds-heading" data-size="lg" safe>
        {t('esf.deminimis.company', { company: c.companyName })}
      </h1>
      <p class="ds-paragraph" safe>
        {c.orgNumber}
      </p>
      <WindowLine t={t} vm={vm} />
      <p class="ds-paragraph">
        <a class="ds-link" href={`/esf/deminimis/${c.companyId}.pdf`} safe>
          {t('esf.deminimis.pdfLink')}
        </a>
      </p>
      <h2 class="ds-heading" data-size="sm" safe>
        {t('esf.deminimis.breakdown.title')}
      </h2>
      <Breakdown t={t} lines={c.lines} />
      <h2 class="ds-heading" data-size="sm" safe>
        {t('esf.deminimis.totals.title')}
      </h2>
      <Totals t={t} vm={vm} />
      <h2 class="ds-heading" data-size="sm" safe>
        {t('esf.deminimis.declaration.title')}
      </h2>
      <Declarations t={t} vm={vm} />
      {vm.canDeclare ? (
        <section aria-labelledby="deminimis-declare">
          <h3 id="deminimis-declare" class="ds-heading" data-size="xs" safe>
            {t('esf.deminimis.form.title')}
          </h3>
          <form
            method="post"
            action={`/esf/deminimis/${c.companyId}/declarations`}
            novalidate
            class="kn-form"
          >
            <CsrfField token={props.csrf} />
            <ErrorSummary t={t} errors={vm.errors} />
            <Field
              t={t}
              name="declaredOn"
              label={t('esf.deminimis.declaredOn')}
              hint={t('esf.deminimis.declaredOnHint')}
              value={vm.values.declaredOn ?? ''}
              errors={vm.errors}
              maxlength={10}
            />
            <Field
              t={t}
              name="otherAidEur"
              label={t('esf.deminimis.otherAidEur')}
              hint={t('esf.deminimis.otherAidEurHint')}
              value={vm.values.otherAidEur ?? ''}
              errors={vm.errors}
              inputmode="text"
            />
            <TextArea
              t={t}
              name="details"
              label={t('esf.deminimis.details')}
              value={vm.values.details ?? ''}
              errors={vm.errors}
            />
            <button type="submit" class="ds-button" data-variant="primary" safe>
              {t('esf.deminimis.declare')}
            </button>
          </form>
        </section>
      ) : (
        ''
      )}
    </>
  );
}
