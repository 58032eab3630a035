// The tool and link forms (new and edit), re-rendered with the user's input and field errors.
import type { FieldError } from '../../../platform/errors.ts';
import { CsrfField, ErrorSummary, Field, fieldId, Select, TextArea } from '../../../platform/http/views.tsx';
import type { T } from '../../../platform/i18n/index.ts';
import type { LtiKey } from '../messages.ts';

type LT = T<LtiKey>;

export interface FormState {
  values: Record<string, string>;
  errors: FieldError[];
}

export const isOn = (v: string | undefined): boolean => v === 'on' || v === 'true';

function Checkbox(props: { name: string; label: string; checked: boolean }): JSX.Element {
  const id = fieldId(props.name);
  return (
    <div class="ds-field">
      <input class="ds-input" type="checkbox" id={id} name={props.name} checked={props.checked} />
      <label class="ds-label" data-weight="regular" for={id} safe>
        {props.label}
      </label>
    </div>
  );
}

export interface ToolFormProps {
  t: LT;
  csrf: string;
  action: string;
  state: FormState;
  /** New tools choose their provider; edits show the active switch. */
  providers: { id: string; name: string }[] | null;
  submit: string;
}

export function ToolForm(props: ToolFormProps): JSX.Element {
  const { t, state } = props;
  const v = state.values;
  const e = state.errors;
  return (
    <form method="post" action={props.action} class="kn-form" novalidate>
      <CsrfField token={props.csrf} />
      <ErrorSummary errors={e} t={t} />
      {props.providers ? (
        <Select
          t={t}
          name="providerOrgId"
          label={t('lti.field.providerOrgId')}
          value={v.providerOrgId ?? (props.providers.length === 1 ? props.providers[0]?.id : null)}
          options={props.providers.map((p) => ({ value: p.id, label: p.name }))}
          errors={e}
          required
        />
      ) : (
        ''
      )}
      <Field
        t={t}
        name="name"
        label={t('lti.field.name')}
        value={v.name}
        errors={e}
        required
        maxlength={200}
      />
      <Field t={t} name="loginUrl" label={t('lti.field.loginUrl')} value={v.loginUrl} errors={e} required />
      <TextArea
        t={t}
        name="redirectUris"
        label={t('lti.field.redirectUris')}
        hint={t('lti.field.redirectUris.hint')}
        value={v.redirectUris}
        errors={e}
        rows={3}
      />
      <Field
        t={t}
        name="targetLinkUri"
        label={t('lti.field.targetLinkUri')}
        value={v.targetLinkUri}
        errors={e}
        required
      />
      <Field t={t} name="jwksUrl" label={t('lti.field.jwksUrl')} value={v.jwksUrl} errors={e} />
      <fieldset class="ds-fieldset" aria-describedby="privacy-hint">
        <legend class="ds-label" safe>
          {t('lti.field.privacy')}
        </legend>
        <p id="privacy-hint" data-field="description" safe>
          {t('lti.field.privacy.hint')}
        </p>
        <Checkbox name="shareName" label={t('lti.field.shareName')} checked={isOn(v.shareName)} />
        <Checkbox name="shareEmail" label={t('lti.field.shareEmail')} checked={isOn(v.shareEmail)} />
      </fieldset>
      {props.providers ? (
        ''
      ) : (
        <Checkbox name="active" label={t('lti.field.active')} checked={isOn(v.active)} />
      )}
      <button type="submit" class="ds-button" safe>
        {props.submit}
      </button>
    </form>
  );
}

export interface LinkFormProps {
  t: LT;
  csrf: string;
  action: string;
  state: FormState;
  /** Edits show the active switch. */
  withActive: boolean;
  submit: string;
}

export function LinkForm(props: LinkFormProps): JSX.Element {
  const { t, state } = props;
  const v = state.values;
  const e = state.errors;
  return (
    <form method="post" action={props.action} class="kn-form" novalidate>
      <CsrfField token={props.csrf} />
      <ErrorSummary errors={e} t={t} />
      <Field
        t={t}
        name="title"
        label={t('lti.field.title')}
        value={v.title}
        errors={e}
        required
        maxlength={300}
      />
      <Field
        t={t}
        name="targetUrl"
        label={t('lti.field.targetUrl')}
        hint={t('lti.field.targetUrl.hint')}
        value={v.targetUrl}
        errors={e}
        required
      />
      <TextArea
        t={t}
        name="custom"
        label={t('lti.field.custom')}
        hint={t('lti.field.custom.hint')}
        value={v.custom}
        errors={e}
        rows={3}
      />
      {props.withActive ? (
        <Checkbox name="active" label={t('lti.field.active')} checked={isOn(v.active)} />
      ) : (
        ''
      )}
      <button type="submit" class="ds-button" safe>
        {props.submit}
      </button>
    </form>
  );
}
