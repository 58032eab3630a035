import type { Actor } from '../../../platform/auth.ts';
import { CsrfField } from '../../../platform/http/views.tsx';
import type { CommonKey, T } from '../../../platform/i18n/index.ts';

export function AccountView(props: {
  t: T<string>;
  actor: Actor;
  csrf: string;
  extra?: JSX.Element;
}): JSX.Element {
  const { t, actor } = props;
  const extra: JSX.Element = props.extra ?? '';
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {t('account.title')}
      </h1>
      <dl class="kn-facts">
        <dt safe>{t('account.name')}</dt>
        <dd safe>{actor.name}</dd>
        <dt safe>{t('account.email')}</dt>
        <dd safe>{actor.email}</dd>
      </dl>
      <h2 class="ds-heading" data-size="sm" safe>
        {t('account.memberships')}
      </h2>
      <table class="ds-table" data-testid="memberships">
        <caption class="ds-sr-only" safe>
          {t('account.memberships')}
        </caption>
        <thead>
          <tr>
            <th scope="col" safe>
              {t('account.role')}
            </th>
            <th scope="col" safe>
              {t('account.organisation')}
            </th>
          </tr>
        </thead>
        <tbody>
          {actor.memberships.map((m) => (
            <tr>
              <td safe>{t(`role.${m.role}` as CommonKey)}</td>
              <td safe>{m.organisationName}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {extra}
      <form method="post" action="/account/logout-everywhere" class="kn-form">
        <CsrfField token={props.csrf} />
        <p class="ds-paragraph" data-size="sm" safe>
          {t('account.logoutEverywhereHint')}
        </p>
        <button type="submit" class="ds-button" data-variant="secondary" safe>
          {t('account.logoutEverywhere')}
        </button>
      </form>
    </>
  );
}

export function HomeView(props: { t: T<string> }): JSX.Element {
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {props.t('home.title')}
      </h1>
      <p class="ds-paragraph" safe>
        {props.t('home.intro')}
      </p>
      <p class="ds-paragraph">
        <a class="ds-button" data-variant="primary" href="/login" safe>
          {props.t('layout.login')}
        </a>
      </p>
      <h2 class="ds-heading" data-size="sm" safe>
        {props.t('home.statsTitle')}
      </h2>
      <p class="ds-paragraph">
        <a class="ds-link" href="/statistik" safe>
          {props.t('home.statsLink')}
        </a>
      </p>
    </>
  );
}
