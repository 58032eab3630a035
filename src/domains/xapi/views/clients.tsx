// The LRS credential administration: the issued credentials, a new secret shown once, the issue form.
import type { FieldError } from '../../../platform/errors.ts';
import { CsrfField, ErrorSummary, Field, Select } from '../../../platform/http/views.tsx';
import { formatDateTime, type T } from '../../../platform/i18n/index.ts';
import type { XapiKey } from '../messages.ts';

export interface ClientVM {
  id: string;
  name: string;
  key: string;
  scopes: string[];
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export interface ClientsProps {
  t: T<XapiKey>;
  csrf: string;
  endpoint: string;
  clients: ClientVM[];
  created?: { key: string; secret: string };
  values?: Record<string, string>;
  errors?: FieldError[];
}

function scopeLabel(t: T<XapiKey>, scopes: string[]): string {
  if (scopes.includes('read') && scopes.includes('write')) return t('xapi.scope.readwrite');
  return scopes.includes('read') ? t('xapi.scope.read') : t('xapi.scope.write');
}

function ClientTable(props: ClientsProps): JSX.Element {
  const { t } = props;
  if (props.clients.length === 0)
    return (
      <p class="ds-paragraph" safe>
        {t('xapi.clients.none')}
      </p>
    );
  const cols = ['name', 'key', 'scopes', 'created', 'lastUsed', 'status'] as const;
  return (
    <div class="kn-table-wrap" role="region" tabindex="0" aria-label={t('xapi.clients.caption')}>
      <table class="ds-table" data-testid="xapi-clients">
        <caption class="ds-sr-only" safe>
          {t('xapi.clients.caption')}
        </caption>
        <thead>
          <tr>
            {cols.map((c) => (
              <th scope="col" safe>
                {t(`xapi.clients.${c}`)}
              </th>
            ))}
            <th scope="col">
              <span class="ds-sr-only" safe>
                {t('xapi.clients.revokeShort')}
              </span>
            </th>
          </tr>
        </thead>
        <tbody>
          {props.clients.map((c) => (
            <tr>
              <th scope="row" safe>
                {c.name}
              </th>
              <td>
                <code safe>{c.key}</code>
              </td>
              <td safe>{scopeLabel(t, c.scopes)}</td>
              <td safe>{formatDateTime(c.createdAt)}</td>
              <td safe>{c.lastUsedAt ? formatDateTime(c.lastUsedAt) : t('xapi.clients.never')}</td>
              <td safe>{c.revokedAt ? t('xapi.clients.revoked') : t('xapi.clients.active')}</td>
              <td>
                {c.revokedAt ? (
                  ''
                ) : (
                  <form method="post" action={`/admin/xapi/${c.id}/revoke`} class="kn-inline-form">
                    <CsrfField token={props.csrf} />
                    <button
                      type="submit"
                      class="ds-button"
                      data-variant="tertiary"
                      data-size="sm"
                      aria-label={t('xapi.clients.revoke', { name: c.name })}
                      safe
                    >
                      {t('xapi.clients.revokeShort')}
                    </button>
                  </form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ClientsPage(props: ClientsProps): JSX.Element {
  const { t } = props;
  const errors = props.errors ?? [];
  const values = props.values ?? {};
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {t('xapi.title')}
      </h1>
      <p class="ds-paragraph" safe>
        {t('xapi.intro', { endpoint: props.endpoint })}
      </p>
      {props.created ? (
        <div class="ds-alert" data-color="warning" role="status" data-testid="xapi-secret">
          <h2 class="ds-heading" data-size="xs" safe>
            {t('xapi.created.title')}
          </h2>
          <p class="ds-paragraph" safe>
            {t('xapi.created.body')}
          </p>
          <dl>
            <dt safe>{t('xapi.created.key')}</dt>
            <dd>
              <code safe>{props.created.key}</code>
            </dd>
            <dt safe>{t('xapi.created.secret')}</dt>
            <dd>
              <code safe>{props.created.secret}</code>
            </dd>
          </dl>
        </div>
      ) : (
        ''
      )}
      <ClientTable {...props} />
      <h2 class="ds-heading" data-size="sm" safe>
        {t('xapi.new.title')}
      </h2>
      <ErrorSummary errors={errors} t={t} />
      <form method="post" action="/admin/xapi" class="kn-form" novalidate>
        <CsrfField token={props.csrf} />
        <Field
          name="name"
          label={t('xapi.new.name')}
          hint={t('xapi.new.nameHint')}
          value={values.name}
          errors={errors}
          t={t}
          required
          maxlength={200}
          autocomplete="off"
        />
        <Select
          name="scope"
          label={t('xapi.new.scope')}
          value={values.scope ?? 'readwrite'}
          options={(['readwrite', 'read', 'write'] as const).map((s) => ({
            value: s,
            label: t(`xapi.scope.${s}`),
          }))}
          errors={errors}
          t={t}
          required
        />
        <div>
          <button type="submit" class="ds-button" data-variant="primary" safe>
            {t('xapi.new.submit')}
          </button>
        </div>
      </form>
    </>
  );
}
