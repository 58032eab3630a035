import type { FieldError } from '../../../platform/errors.ts';
import { CsrfField, ErrorSummary, Field } from '../../../platform/http/views.tsx';
import { formatDateTime, type T } from '../../../platform/i18n/index.ts';
import type { AccountKey } from '../messages.ts';
import type { ApiTokenRow } from '../repo.ts';

export interface ApiTokensProps {
  t: T<AccountKey>;
  csrf: string;
  tokens: ApiTokenRow[];
  /** The secret of a token just created: shown this once. */
  created?: string;
  values?: Record<string, string>;
  errors?: FieldError[];
}

function expiry(t: T<AccountKey>, at: Date | null): string {
  if (!at) return t('tokens.noExpiry');
  return at.getTime() < Date.now() ? t('tokens.expired') : formatDateTime(at);
}

function TokenTable(props: ApiTokensProps): JSX.Element {
  const { t } = props;
  if (props.tokens.length === 0)
    return (
      <p class="ds-paragraph" safe>
        {t('tokens.none')}
      </p>
    );
  return (
    <div class="kn-table-wrap">
      <table class="ds-table" data-testid="api-tokens">
        <caption class="ds-sr-only" safe>
          {t('tokens.caption')}
        </caption>
        <thead>
          <tr>
            <th scope="col" safe>
              {t('tokens.name')}
            </th>
            <th scope="col" safe>
              {t('tokens.prefix')}
            </th>
            <th scope="col" safe>
              {t('tokens.created')}
            </th>
            <th scope="col" safe>
              {t('tokens.lastUsed')}
            </th>
            <th scope="col" safe>
              {t('tokens.expires')}
            </th>
            <th scope="col">
              <span class="ds-sr-only" safe>
                {t('tokens.revokeShort')}
              </span>
            </th>
          </tr>
        </thead>
        <tbody>
          {props.tokens.map((k) => (
            <tr>
              <th scope="row" safe>
                {k.name}
              </th>
              <td>
                <code safe>{`${k.prefix}…`}</code>
              </td>
              <td safe>{formatDateTime(k.createdAt)}</td>
              <td safe>{k.lastUsedAt ? formatDateTime(k.lastUsedAt) : t('tokens.never')}</td>
              <td safe>{expiry(t, k.expiresAt)}</td>
              <td>
                <form method="post" action={`/account/api-tokens/${k.id}/revoke`} class="kn-inline-form">
                  <CsrfField token={props.csrf} />
                  <button
                    type="submit"
                    class="ds-button"
                    data-variant="tertiary"
                    data-size="sm"
                    aria-label={t('tokens.revoke', { name: k.name })}
                    safe
                  >
                    {t('tokens.revokeShort')}
                  </button>
                </form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The personal API tokens section of the account page. */
export function ApiTokensSection(props: ApiTokensProps): JSX.Element {
  const { t } = props;
  const errors = props.errors ?? [];
  const values = props.values ?? {};
  return (
    <section aria-labelledby="tokens-title">
      <h2 id="tokens-title" class="ds-heading" data-size="sm" safe>
        {t('tokens.title')}
      </h2>
      <p class="ds-paragraph" safe>
        {t('tokens.intro')}
      </p>
      {props.created ? (
        <div class="ds-alert" data-color="warning" role="status" data-testid="new-token">
          <h3 class="ds-heading" data-size="xs" safe>
            {t('tokens.created.title')}
          </h3>
          <p class="ds-paragraph" safe>
            {t('tokens.created.body')}
          </p>
          <p class="ds-paragraph">
            <code safe>{props.created}</code>
          </p>
        </div>
      ) : (
        ''
      )}
      <TokenTable {...props} />
      <h3 class="ds-heading" data-size="xs" safe>
        {t('tokens.new')}
      </h3>
      <ErrorSummary errors={errors} t={t} />
      <form method="post" action="/account/api-tokens" class="kn-form" novalidate>
        <CsrfField token={props.csrf} />
        <div class="kn-grid-2">
          <Field
            name="name"
            label={t('tokens.newName')}
            hint={t('tokens.newNameHint')}
            value={values.name}
            errors={errors}
            t={t}
            required
            maxlength={100}
            autocomplete="off"
          />
          <Field
            name="expiresInDays"
            type="number"
            inputmode="numeric"
            label={`${t('tokens.newExpiry')} ${t('form.optional')}`}
            hint={t('tokens.newExpiryHint')}
            value={values.expiresInDays}
            errors={errors}
            t={t}
          />
        </div>
        <div>
          <button type="submit" class="ds-button" data-variant="secondary" safe>
            {t('tokens.create')}
          </button>
        </div>
      </form>
    </section>
  );
}
