import type { FieldError } from '../../../platform/errors.ts';
import { CsrfField, ErrorSummary, Field, Select } from '../../../platform/http/views.tsx';
import type { T } from '../../../platform/i18n/index.ts';
import type { CompanyKey } from '../messages.ts';
import { companyStatuses, foundVia } from '../schema.ts';

export interface FormProps {
  t: T<CompanyKey>;
  title: string;
  action: string;
  csrf: string;
  values: Record<string, string>;
  errors: FieldError[];
  municipalities: { code: string; name: string }[];
  sniOptions: { code: string; name: string }[];
  workplaceRows: number;
  contactRows: number;
}

export function CompanyFormView(props: FormProps): JSX.Element {
  const { t, values: v, errors } = props;
  const field = (name: string, label: string, extra: Partial<Parameters<typeof Field>[0]> = {}) => (
    <Field name={name} label={label} value={v[name]} errors={errors} t={t} {...extra} />
  );
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {props.title}
      </h1>
      <ErrorSummary errors={errors} t={t} />
      <form method="post" action={props.action} class="kn-form" novalidate>
        <CsrfField token={props.csrf} />
        {v.version ? <input type="hidden" name="version" value={v.version} /> : ''}
        {field('orgNumber', t('company.orgNumber'), {
          hint: t('company.orgNumber.hint'),
          required: true,
          maxlength: 20,
        })}
        {field('name', t('company.name'), { required: true, maxlength: 200, autocomplete: 'organization' })}
        {field('sniCode', t('company.sni'), { hint: t('company.sni.hint'), list: 'sni-codes', maxlength: 6 })}
        <datalist id="sni-codes">
          {props.sniOptions.map((o) => (
            <option value={o.code} safe>
              {`${o.code} ${o.name}`}
            </option>
          ))}
        </datalist>
        <Select
          name="status"
          label={t('company.status')}
          value={v.status ?? 'interested'}
          options={companyStatuses.map((s) => ({ value: s, label: t(`company.status.${s}`) }))}
          errors={errors}
          t={t}
        />
        <Select
          name="foundVia"
          label={t('company.foundVia')}
          value={v.foundVia ?? 'municipality'}
          options={foundVia.map((s) => ({ value: s, label: t(`company.foundVia.${s}`) }))}
          errors={errors}
          t={t}
        />
        <fieldset class="ds-fieldset">
          <legend class="ds-label" safe>
            {t('company.employees')}
          </legend>
          <div class="kn-grid-2">
            {field('employeesWomen', t('company.employeesWomen'), { inputmode: 'numeric', required: true })}
            {field('employeesMen', t('company.employeesMen'), { inputmode: 'numeric', required: true })}
          </div>
        </fieldset>
        <fieldset class="ds-fieldset">
          <legend class="ds-label" safe>
            {t('company.financials')}
          </legend>
          <div class="kn-grid-2">
            {field('turnoverTsek', t('company.turnoverTsek'), { inputmode: 'numeric' })}
            {field('balanceTsek', t('company.balanceTsek'), { inputmode: 'numeric' })}
          </div>
          <div class="ds-field kn-checkbox">
            <input
              type="checkbox"
              class="ds-input"
              id="f-partOfGroup"
              name="partOfGroup"
              checked={v.partOfGroup === 'on'}
            />
            <label class="ds-label" for="f-partOfGroup" safe>
              {t('company.partOfGroup')}
            </label>
          </div>
          <div class="kn-grid-3">
            {field('groupEmployees', t('company.groupEmployees'), { inputmode: 'numeric' })}
            {field('groupTurnoverTsek', t('company.groupTurnoverTsek'), { inputmode: 'numeric' })}
            {field('groupBalanceTsek', t('company.groupBalanceTsek'), { inputmode: 'numeric' })}
          </div>
        </fieldset>
        <h2 class="ds-heading" data-size="sm" safe>
          {t('company.workplaces')}
        </h2>
        <p class="ds-paragraph" data-size="sm" safe>
          {t('company.rowHint')}
        </p>
        {errors.some((e) => e.field === 'workplaces') ? (
          <div class="ds-validation-message" id="f-workplaces" safe>
            {t('validation.workplaces.min')}
          </div>
        ) : (
          ''
        )}
        {Array.from({ length: props.workplaceRows }, (_, i) => (
          <fieldset class="ds-fieldset kn-row-group">
            <legend class="ds-label" safe>
              {t('company.workplace', { n: i + 1 })}
            </legend>
            {v[`workplaces.${i}.id`] ? (
              <input type="hidden" name={`workplaces.${i}.id`} value={v[`workplaces.${i}.id`]} />
            ) : (
              ''
            )}
            <div class="kn-grid-3">
              {field(`workplaces.${i}.name`, t('company.workplace.name'))}
              {field(`workplaces.${i}.street`, t('company.workplace.street'), { autocomplete: 'off' })}
              {field(`workplaces.${i}.postalCode`, t('company.workplace.postalCode'), {
                inputmode: 'numeric',
              })}
              {field(`workplaces.${i}.city`, t('company.workplace.city'))}
              <Select
                name={`workplaces.${i}.municipalityCode`}
                label={t('company.workplace.municipality')}
                value={v[`workplaces.${i}.municipalityCode`]}
                emptyLabel={t('form.choose')}
                options={props.municipalities.map((m) => ({ value: m.code, label: m.name }))}
                errors={errors}
                t={t}
              />
              {field(`workplaces.${i}.cfar`, t('company.workplace.cfar'), {
                hint: t('company.workplace.cfar.hint'),
                inputmode: 'numeric',
              })}
            </div>
          </fieldset>
        ))}
        <h2 class="ds-heading" data-size="sm" safe>
          {t('company.contacts')}
        </h2>
        {Array.from({ length: props.contactRows }, (_, i) => (
          <fieldset class="ds-fieldset kn-row-group">
            <legend class="ds-label" safe>
              {t('company.contact', { n: i + 1 })}
            </legend>
            {v[`contacts.${i}.id`] ? (
              <input type="hidden" name={`contacts.${i}.id`} value={v[`contacts.${i}.id`]} />
            ) : (
              ''
            )}
            <div class="kn-grid-2">
              {field(`contacts.${i}.name`, t('company.contact.name'))}
              {field(`contacts.${i}.roleTitle`, t('company.contact.roleTitle'))}
              {field(`contacts.${i}.email`, t('company.contact.email'), { type: 'email' })}
              {field(`contacts.${i}.phone`, t('company.contact.phone'), { type: 'tel' })}
            </div>
          </fieldset>
        ))}
        <div class="kn-actions">
          <button type="submit" class="ds-button" data-variant="primary" safe>
            {t('form.save')}
          </button>
          <button
            type="submit"
            name="_more"
            value="1"
            class="ds-button"
            data-variant="secondary"
            formnovalidate
            safe
          >
            {t('company.addRows')}
          </button>
          <a
            class="ds-button"
            data-variant="tertiary"
            href={props.action === '/companies' ? '/companies' : props.action}
            safe
          >
            {t('form.cancel')}
          </a>
        </div>
      </form>
    </>
  );
}

/** How many row groups to show: all filled ones plus one blank (plus two more on "More rows"). */
export function rowCount(values: Record<string, string>, prefix: string, more: boolean): number {
  let max = -1;
  for (const key of Object.keys(values)) {
    const m = key.match(new RegExp(`^${prefix}\\.(\\d+)\\.`));
    if (m && values[key] !== '') max = Math.max(max, Number(m[1]));
  }
  return Math.min(50, max + 2 + (more ? 2 : 0));
}
