// The learner's credentials: download (JSON-LD, VC-JWT) and the public-verification switch (a form per row).
import { CsrfField } from '../../../platform/http/views.tsx';
import type { MyCredentials } from '../service/holders.ts';
import { type CT, day, StatusTag } from './shared.tsx';

export function MyCredentialsPage(props: {
  t: CT;
  csrf: string;
  vm: MyCredentials;
  refused?: string | null;
}): JSX.Element {
  const { t, vm } = props;
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {t('credentials.title')}
      </h1>
      <p class="ds-paragraph" safe>
        {t('credentials.intro')}
      </p>
      <p class="ds-paragraph" safe>
        {t('credentials.privacy')}
      </p>
      {props.refused ? (
        <div class="ds-alert" data-color="danger" role="alert" data-testid="share-refused" safe>
          {props.refused}
        </div>
      ) : vm.protectedIdentity ? (
        <div class="ds-alert" data-color="info" data-testid="protected" safe>
          {t('credentials.share.protected')}
        </div>
      ) : (
        ''
      )}
      {vm.credentials.length === 0 ? (
        <p class="ds-paragraph" data-testid="credentials-none" safe>
          {t('credentials.none')}
        </p>
      ) : (
        <div class="kn-table-wrap" role="region" tabindex="0" aria-label={t('credentials.caption')}>
          <table class="ds-table" data-testid="credentials">
            <caption safe>{t('credentials.caption')}</caption>
            <thead>
              <tr>
                {(['name', 'issuer', 'date', 'status', 'download', 'sharing'] as const).map((c) => (
                  <th scope="col" safe>
                    {t(`credentials.col.${c}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {vm.credentials.map((c) => (
                <tr data-credential={c.id}>
                  <th scope="row" safe>
                    {c.name}
                  </th>
                  <td safe>{c.organisationName}</td>
                  <td safe>{day(c.issuedAt)}</td>
                  <td>
                    <StatusTag t={t} c={c} />
                  </td>
                  <td>
                    <a
                      class="ds-link"
                      href={`/my/credentials/${c.id}.json`}
                      download=""
                      aria-label={t('credentials.download.label', { format: 'JSON-LD', name: c.name })}
                      safe
                    >
                      {t('credentials.download.json')}
                    </a>{' '}
                    <a
                      class="ds-link"
                      href={`/my/credentials/${c.id}.jwt`}
                      download=""
                      aria-label={t('credentials.download.label', { format: 'VC-JWT', name: c.name })}
                      safe
                    >
                      {t('credentials.download.jwt')}
                    </a>
                  </td>
                  <td>
                    <Sharing t={t} csrf={props.csrf} c={c} protectedIdentity={vm.protectedIdentity} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function Sharing(props: {
  t: CT;
  csrf: string;
  c: MyCredentials['credentials'][number];
  protectedIdentity: boolean;
}): JSX.Element {
  const { t, c } = props;
  if (c.status === 'revoked' || (props.protectedIdentity && !c.shared))
    return <span safe>{t('credentials.share.off')}</span>;
  return (
    <form method="post" action={`/my/credentials/${c.id}/share`}>
      <CsrfField token={props.csrf} />
      <input type="hidden" name="shared" value={c.shared ? 'false' : 'true'} />
      <p class="ds-paragraph" data-size="sm">
        <span safe>{t(c.shared ? 'credentials.share.on' : 'credentials.share.off')}</span>
        {c.shared ? (
          <>
            {' '}
            <a class="ds-link" href={`/credentials/${c.id}`} safe>
              {t('credentials.share.link')}
            </a>
          </>
        ) : (
          ''
        )}
      </p>
      <button type="submit" class="ds-button" data-variant="secondary" data-size="sm" safe>
        {t(c.shared ? 'credentials.share.undo' : 'credentials.share.do')}
      </button>
    </form>
  );
}
