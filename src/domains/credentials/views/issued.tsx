// The issuer's credentials: the list, and one credential with the revocation form.
import type { FieldError } from '../../../platform/errors.ts';
import { CsrfField, ErrorSummary, TextArea } from '../../../platform/http/views.tsx';
import type { Credential } from '../service/holders.ts';
import { type CT, day, StatusTag } from './shared.tsx';

export function IssuedListPage(props: { t: CT; list: Credential[] }): JSX.Element {
  const { t, list } = props;
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {t('credentials.issued.title')}
      </h1>
      <p class="ds-paragraph" safe>
        {t('credentials.issued.intro')}
      </p>
      {list.length === 0 ? (
        <p class="ds-paragraph" data-testid="issued-none" safe>
          {t('credentials.issued.none')}
        </p>
      ) : (
        <table class="ds-table" data-testid="issued">
          <caption safe>{t('credentials.issued.caption')}</caption>
          <thead>
            <tr>
              <th scope="col" safe>
                {t('credentials.col.name')}
              </th>
              <th scope="col" safe>
                {t('credentials.col.issuer')}
              </th>
              <th scope="col" safe>
                {t('credentials.issued.col.source')}
              </th>
              <th scope="col" safe>
                {t('credentials.col.date')}
              </th>
              <th scope="col" safe>
                {t('credentials.col.status')}
              </th>
            </tr>
          </thead>
          <tbody>
            {list.map((c) => (
              <tr data-credential={c.id}>
                <th scope="row">
                  <a class="ds-link" href={`/credentials/issued/${c.id}`} safe>
                    {c.name}
                  </a>
                </th>
                <td safe>{c.organisationName}</td>
                <td safe>{t(`credentials.source.${c.sourceKind}`)}</td>
                <td safe>{day(c.issuedAt)}</td>
                <td>
                  <StatusTag t={t} c={c} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

export function IssuedPage(props: {
  t: CT;
  csrf: string;
  c: Credential;
  errors: FieldError[];
  values: Record<string, string>;
}): JSX.Element {
  const { t, c } = props;
  return (
    <>
      <p class="ds-paragraph">
        <a class="ds-link" href="/credentials/issued" safe>
          {t('credentials.issued.title')}
        </a>
      </p>
      <h1 class="ds-heading" data-size="lg" safe>
        {c.name}
      </h1>
      <dl class="kn-facts">
        <dt safe>{t('credentials.col.issuer')}</dt>
        <dd safe>{c.organisationName}</dd>
        <dt safe>{t('credentials.issued.col.source')}</dt>
        <dd safe>{t(`credentials.source.${c.sourceKind}`)}</dd>
        <dt safe>{t('credentials.col.date')}</dt>
        <dd safe>{day(c.issuedAt)}</dd>
        <dt safe>{t('credentials.col.status')}</dt>
        <dd>
          <StatusTag t={t} c={c} />
        </dd>
      </dl>
      {c.revokedAt ? (
        <>
          <p class="ds-paragraph" data-testid="revoked" safe>
            {t('credentials.revoke.revokedOn', { date: day(c.revokedAt) })}
          </p>
          <p class="ds-paragraph" safe>
            {c.revocationReason ?? ''}
          </p>
        </>
      ) : (
        <form method="post" action={`/credentials/issued/${c.id}/revoke`} class="kn-form" novalidate>
          <ErrorSummary t={t} errors={props.errors} />
          <CsrfField token={props.csrf} />
          <TextArea
            t={t}
            name="reason"
            label={t('credentials.revoke.reason')}
            hint={t('credentials.revoke.reasonHint')}
            value={props.values.reason ?? ''}
            errors={props.errors}
            maxlength={1000}
            rows={3}
          />
          <button type="submit" class="ds-button" data-color="danger" safe>
            {t('credentials.revoke.submit')}
          </button>
        </form>
      )}
    </>
  );
}
