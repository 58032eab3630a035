// The programme's ESF rule set (form) and unit costs per year (table and form).
import type { FieldError } from '../../../platform/errors.ts';
import { CsrfField, ErrorSummary, Field, TextArea } from '../../../platform/http/views.tsx';
import type { EsfKey } from '../messages.ts';
import type { EsfProgramme } from '../service/programme.ts';
import { Checkbox, type ET, kronor } from './shared.tsx';

export interface RulesVM {
  programme: EsfProgramme;
  canEdit: boolean;
  rulesForm: { errors: FieldError[]; values: Record<string, string> } | null;
  unitForm: { errors: FieldError[]; values: Record<string, string> } | null;
}

const num = (n: number) => String(n).replace('.', ',');

export function RulesPage(props: { t: ET; csrf: string; vm: RulesVM }): JSX.Element {
  const { t, vm } = props;
  const p = vm.programme;
  const r = p.rules;
  const errors = vm.rulesForm?.errors ?? [];
  const v = vm.rulesForm?.values;
  const val = (name: string, fallback: string) => (v ? (v[name] ?? '') : fallback);
  const uErrors = vm.unitForm?.errors ?? [];
  const u = vm.unitForm?.values;
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {t('esf.rules.title')}
      </h1>
      <p class="ds-paragraph" safe>
        {t('esf.rules.intro', { programme: p.name })}
      </p>
      {vm.canEdit ? (
        ''
      ) : (
        <p class="ds-paragraph" safe>
          {t('esf.rules.readOnly')}
        </p>
      )}
      <h2 class="ds-heading" data-size="sm" safe>
        {t('esf.rules.ageBands')}
      </h2>
      <p class="ds-paragraph" safe>
        {`${t(`esf.period.${p.ruleSet}` as EsfKey)}: ${r.ageBands.map((b) => t(`esf.rules.band.${b.key}` as EsfKey)).join(', ')}`}
      </p>
      <form method="post" action="/esf/rules" novalidate class="kn-form">
        <CsrfField token={props.csrf} />
        <ErrorSummary t={t} errors={errors} />
        <Field
          t={t}
          name="scbColumns"
          label={t('esf.rules.scbColumns')}
          hint={t('esf.rules.scbColumnsHint')}
          value={val('scbColumns', r.scbColumns.join(', '))}
          errors={errors}
        />
        <TextArea
          t={t}
          name="grants"
          label={t('esf.rules.grants')}
          hint={t('esf.rules.grantsHint')}
          rows={3}
          value={val('grants', r.grants.map((g) => `${g.funder}: ${g.amountSek}`).join('\n'))}
          errors={errors}
        />
        <fieldset class="ds-fieldset">
          <legend class="ds-label" safe>
            {t('esf.rules.targets')}
          </legend>
          <Field
            t={t}
            name="targetCompanies"
            label={t('esf.rules.targetCompanies')}
            inputmode="numeric"
            value={val('targetCompanies', String(r.targets.companies))}
            errors={errors}
          />
          <Field
            t={t}
            name="targetParticipantsWomen"
            label={t('esf.rules.targetParticipantsWomen')}
            inputmode="numeric"
            value={val('targetParticipantsWomen', String(r.targets.participantsWomen))}
            errors={errors}
          />
          <Field
            t={t}
            name="targetParticipantsMen"
            label={t('esf.rules.targetParticipantsMen')}
            inputmode="numeric"
            value={val('targetParticipantsMen', String(r.targets.participantsMen))}
            errors={errors}
          />
          <Field
            t={t}
            name="targetHours"
            label={t('esf.rules.targetHours')}
            inputmode="numeric"
            value={val('targetHours', String(r.targets.hours))}
            errors={errors}
          />
          <Field
            t={t}
            name="targetPlans"
            label={t('esf.rules.targetPlans')}
            inputmode="numeric"
            value={val('targetPlans', String(r.targets.plans))}
            errors={errors}
          />
        </fieldset>
        <fieldset class="ds-fieldset">
          <legend class="ds-label" safe>
            {t('esf.rules.flatRate')}
          </legend>
          <p class="ds-paragraph" data-size="sm" safe>
            {t('esf.rules.flatRateHint')}
          </p>
          <Checkbox
            t={t}
            name="indirectCosts15"
            label={t('esf.rules.indirectCosts15')}
            checked={v ? v.indirectCosts15 === 'on' : r.flatRate === 'indirect15'}
            errors={errors}
          />
          <Checkbox
            t={t}
            name="otherCosts40"
            label={t('esf.rules.otherCosts40')}
            checked={v ? v.otherCosts40 === 'on' : r.flatRate === 'other40'}
            errors={errors}
          />
        </fieldset>
        <TextArea
          t={t}
          name="informationText"
          label={t('esf.rules.informationText')}
          hint={t('esf.rules.informationTextHint')}
          rows={8}
          value={val('informationText', r.informationText)}
          errors={errors}
        />
        <Field
          t={t}
          name="inactiveDays"
          label={t('esf.rules.inactiveDays')}
          inputmode="numeric"
          value={val('inactiveDays', String(r.inactiveDays))}
          errors={errors}
        />
        <Field
          t={t}
          name="deminimisCeilingEur"
          label={t('esf.rules.deminimisCeilingEur')}
          hint={t('esf.rules.deminimisHint')}
          value={val('deminimisCeilingEur', num(r.deminimisCeilingEur))}
          errors={errors}
        />
        <Field
          t={t}
          name="sekPerEur"
          label={t('esf.rules.sekPerEur')}
          value={val('sekPerEur', num(r.sekPerEur))}
          errors={errors}
        />
        <Field
          t={t}
          name="retentionYears"
          label={t('esf.rules.retentionYears')}
          inputmode="numeric"
          value={val('retentionYears', String(r.retentionYears))}
          errors={errors}
        />
        {vm.canEdit ? (
          <button type="submit" class="ds-button" data-variant="primary" safe>
            {t('esf.rules.save')}
          </button>
        ) : (
          ''
        )}
      </form>
      <h2 class="ds-heading" data-size="sm" id="unit-costs" safe>
        {t('esf.rules.unitCosts')}
      </h2>
      <p class="ds-paragraph" safe>
        {t('esf.rules.unitCostsIntro')}
      </p>
      {p.unitCosts.length === 0 ? (
        <p class="ds-paragraph" safe>
          {t('esf.rules.unitCostsNone')}
        </p>
      ) : (
        <table class="ds-table" data-testid="unit-costs">
          <caption safe>{t('esf.rules.unitCosts')}</caption>
          <thead>
            <tr>
              <th scope="col" safe>
                {t('esf.rules.year')}
              </th>
              <th scope="col" safe>
                {t('esf.rules.participantHourSek')}
              </th>
              <th scope="col" safe>
                {t('esf.rules.staffHourSek')}
              </th>
            </tr>
          </thead>
          <tbody>
            {p.unitCosts.map((c) => (
              <tr>
                <th scope="row" safe>
                  {String(c.year)}
                </th>
                <td safe>{kronor(c.participantHourSek)}</td>
                <td safe>{kronor(c.staffHourSek)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {vm.canEdit ? (
        <form method="post" action="/esf/rules/unit-costs" novalidate class="kn-form">
          <CsrfField token={props.csrf} />
          <ErrorSummary t={t} errors={uErrors} />
          <Field
            t={t}
            name="year"
            label={t('esf.rules.year')}
            inputmode="numeric"
            value={u?.year ?? String(new Date().getFullYear())}
            errors={uErrors}
          />
          <Field
            t={t}
            name="participantHourSek"
            label={t('esf.rules.participantHourSek')}
            value={u?.participantHourSek ?? ''}
            errors={uErrors}
          />
          <Field
            t={t}
            name="staffHourSek"
            label={t('esf.rules.staffHourSek')}
            value={u?.staffHourSek ?? ''}
            errors={uErrors}
          />
          <button type="submit" class="ds-button" data-variant="secondary" safe>
            {t('esf.rules.saveUnitCost')}
          </button>
        </form>
      ) : (
        ''
      )}
    </>
  );
}
