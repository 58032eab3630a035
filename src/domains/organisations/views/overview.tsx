import type { FieldError } from '../../../platform/errors.ts';
import { CsrfField, ErrorSummary, Field, Select } from '../../../platform/http/views.tsx';
import { formatDate, formatMoney, type T } from '../../../platform/i18n/index.ts';
import type { OrgKey } from '../messages.ts';
import type { OrganisationRow, ProgrammeRow } from '../repo.ts';
import { ruleSets } from '../schema.ts';

export interface OverviewProps {
  t: T<OrgKey>;
  organisations: OrganisationRow[];
  programmes: ProgrammeRow[];
  canManage: boolean;
  csrf: string;
  providerErrors: FieldError[];
  providerValues: Record<string, string>;
  programmeErrors: FieldError[];
  programmeValues: Record<string, string>;
}

export function OverviewView(props: OverviewProps): JSX.Element {
  const { t, organisations, programmes } = props;
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {t('orgs.title')}
      </h1>
      <h2 class="ds-heading" data-size="sm" safe>
        {t('orgs.programmes')}
      </h2>
      <table class="ds-table" data-testid="programmes">
        <caption class="ds-sr-only" safe>
          {t('orgs.programmes')}
        </caption>
        <thead>
          <tr>
            <th scope="col" safe>
              {t('orgs.programme.name')}
            </th>
            <th scope="col" safe>
              {t('orgs.programme.period')}
            </th>
            <th scope="col" safe>
              {t('orgs.programme.ruleSet')}
            </th>
            <th scope="col" safe>
              {t('orgs.programme.funders')}
            </th>
          </tr>
        </thead>
        <tbody>
          {programmes.map((p) => (
            <tr>
              <td safe>{p.name}</td>
              <td safe>{`${formatDate(p.startsOn)} – ${formatDate(p.endsOn)}`}</td>
              <td safe>{t(`orgs.ruleSet.${p.ruleSet}` as OrgKey)}</td>
              <td safe>{p.funders.map((f) => `${f.name}: ${formatMoney(f.amountSek)}`).join('; ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2 class="ds-heading" data-size="sm" safe>
        {t('orgs.sharing')}
      </h2>
      <p class="ds-paragraph" safe>
        {t('orgs.sharing.body')}
      </p>
      <h2 class="ds-heading" data-size="sm" safe>
        {t('orgs.organisations')}
      </h2>
      <table class="ds-table" data-testid="organisations">
        <caption class="ds-sr-only" safe>
          {t('orgs.organisations')}
        </caption>
        <thead>
          <tr>
            <th scope="col" safe>
              {t('orgs.name')}
            </th>
            <th scope="col" safe>
              {t('orgs.kind')}
            </th>
            <th scope="col" safe>
              {t('orgs.code')}
            </th>
          </tr>
        </thead>
        <tbody>
          {organisations.map((o) => (
            <tr>
              <td safe>{o.name}</td>
              <td safe>{t(`orgs.kind.${o.kind}` as OrgKey)}</td>
              <td safe>{o.code ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {props.canManage ? <ManageForms {...props} /> : ''}
    </>
  );
}

function ManageForms(props: OverviewProps): JSX.Element {
  const { t } = props;
  const pv = props.providerValues;
  const gv = props.programmeValues;
  return (
    <>
      <h2 class="ds-heading" data-size="sm" safe>
        {t('orgs.addProvider')}
      </h2>
      <ErrorSummary errors={props.providerErrors} t={t} />
      <form method="post" action="/organisations/providers" class="kn-form" novalidate>
        <CsrfField token={props.csrf} />
        <Field
          name="name"
          label={t('orgs.provider.name')}
          value={pv.name}
          errors={props.providerErrors}
          t={t}
          required
        />
        <Field
          name="orgNumber"
          label={t('orgs.provider.orgNumber')}
          value={pv.orgNumber}
          errors={props.providerErrors}
          t={t}
          hint={t('form.optional')}
        />
        <div>
          <button type="submit" class="ds-button" data-variant="secondary" safe>
            {t('orgs.addProvider')}
          </button>
        </div>
      </form>
      <h2 class="ds-heading" data-size="sm" safe>
        {t('orgs.addProgramme')}
      </h2>
      <ErrorSummary errors={props.programmeErrors} t={t} />
      <form method="post" action="/organisations/programmes" class="kn-form" novalidate>
        <CsrfField token={props.csrf} />
        <Field
          name="name"
          label={t('orgs.programme.name')}
          value={gv.name}
          errors={props.programmeErrors}
          t={t}
          required
        />
        <div class="kn-grid-2">
          <Field
            name="startsOn"
            type="date"
            label={t('orgs.programme.startsOn')}
            value={gv.startsOn}
            errors={props.programmeErrors}
            t={t}
            required
          />
          <Field
            name="endsOn"
            type="date"
            label={t('orgs.programme.endsOn')}
            value={gv.endsOn}
            errors={props.programmeErrors}
            t={t}
            required
          />
        </div>
        <Select
          name="ruleSet"
          label={t('orgs.programme.ruleSet')}
          value={gv.ruleSet ?? 'esf-plus-2021-2027'}
          options={ruleSets.map((r) => ({ value: r, label: t(`orgs.ruleSet.${r}`) }))}
          errors={props.programmeErrors}
          t={t}
        />
        {[0, 1, 2].map((i) => (
          <div class="kn-grid-2">
            <Field
              name={`funders.${i}.name`}
              label={t('orgs.programme.funderName', { n: i + 1 })}
              value={gv[`funders.${i}.name`]}
              errors={props.programmeErrors}
              t={t}
            />
            <Field
              name={`funders.${i}.amountSek`}
              label={t('orgs.programme.funderAmount', { n: i + 1 })}
              value={gv[`funders.${i}.amountSek`]}
              errors={props.programmeErrors}
              t={t}
              inputmode="numeric"
            />
          </div>
        ))}
        <div>
          <button type="submit" class="ds-button" data-variant="secondary" safe>
            {t('orgs.addProgramme')}
          </button>
        </div>
      </form>
    </>
  );
}
