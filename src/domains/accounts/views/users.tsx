import type { Role } from '../../../platform/auth.ts';
import type { FieldError } from '../../../platform/errors.ts';
import { CsrfField, ErrorSummary, Field, Pagination, Select } from '../../../platform/http/views.tsx';
import { locales, type T } from '../../../platform/i18n/index.ts';
import type { AccountKey } from '../messages.ts';
import type { UserListQuery } from '../schema.ts';
import type { OrganisationChoice, UserListItem } from '../service/manage-users.ts';

export interface UsersViewProps {
  t: T<AccountKey>;
  csrf: string;
  items: UserListItem[];
  total: number;
  query: UserListQuery;
  choices: OrganisationChoice[];
  values: Record<string, string>;
  errors: FieldError[];
}

export function usersHref(q: string | undefined, page: number): string {
  const params = new URLSearchParams();
  if (q) params.set('q', q);
  if (page > 1) params.set('page', String(page));
  const qs = params.toString();
  return qs ? `/admin/users?${qs}` : '/admin/users';
}

function InviteForm(props: UsersViewProps): JSX.Element {
  const { t, values, errors } = props;
  const roles: Role[] = [];
  for (const c of props.choices) for (const r of c.roles) if (!roles.includes(r)) roles.push(r);
  return (
    <section aria-labelledby="invite-title">
      <h2 id="invite-title" class="ds-heading" data-size="sm" safe>
        {t('users.invite.title')}
      </h2>
      <p class="ds-paragraph" safe>
        {t('users.invite.intro')}
      </p>
      <ErrorSummary errors={errors} t={t} />
      <form method="post" action="/admin/users/invite" class="kn-form" novalidate>
        <CsrfField token={props.csrf} />
        <div class="kn-grid-2">
          <Field
            name="email"
            type="email"
            label={t('users.invite.email')}
            value={values.email}
            errors={errors}
            t={t}
            required
            autocomplete="off"
          />
          <Field
            name="name"
            label={t('users.invite.name')}
            value={values.name}
            errors={errors}
            t={t}
            required
            maxlength={200}
            autocomplete="off"
          />
          <Select
            name="organisationId"
            label={t('users.invite.organisation')}
            value={values.organisationId}
            options={props.choices.map((c) => ({ value: c.id, label: c.name }))}
            emptyLabel={t('form.choose')}
            errors={errors}
            t={t}
            required
          />
          <Select
            name="role"
            label={t('users.invite.role')}
            hint={t('users.invite.roleHint')}
            value={values.role}
            options={roles.map((r) => ({ value: r, label: t(`role.${r}`) }))}
            emptyLabel={t('form.choose')}
            errors={errors}
            t={t}
            required
          />
          <Select
            name="locale"
            label={t('users.invite.locale')}
            value={values.locale ?? 'sv'}
            options={locales.map((l) => ({ value: l, label: t(`locale.${l}`) }))}
            errors={errors}
            t={t}
          />
        </div>
        <div>
          <button type="submit" class="ds-button" data-variant="primary" safe>
            {t('users.invite.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}

function Memberships(props: { t: T<AccountKey>; csrf: string; user: UserListItem }): JSX.Element {
  const { t, user } = props;
  return (
    <ul class="ds-list">
      {user.memberships.map((m) => {
        const label = `${t(`role.${m.role}`)}, ${m.organisationName}`;
        return (
          <li>
            <span safe>{label}</span>{' '}
            {m.canRemove ? (
              <form method="post" action={`/admin/users/memberships/${m.id}/delete`} class="kn-inline-form">
                <CsrfField token={props.csrf} />
                <button
                  type="submit"
                  class="ds-button"
                  data-variant="tertiary"
                  data-size="sm"
                  aria-label={t('users.remove', {
                    role: t(`role.${m.role}`),
                    organisation: m.organisationName,
                    name: user.name,
                  })}
                  safe
                >
                  {t('users.removeShort')}
                </button>
              </form>
            ) : (
              ''
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** The account's single sign-on binding, with a button that unbinds it (a new identity then binds by e-mail). */
function SsoLink(props: { t: T<AccountKey>; csrf: string; user: UserListItem }): JSX.Element {
  const { t, user } = props;
  return (
    <div>
      <span safe>{t('users.sso')}</span>{' '}
      <form method="post" action={`/admin/users/${user.id}/sso/unlink`} class="kn-inline-form">
        <CsrfField token={props.csrf} />
        <button
          type="submit"
          class="ds-button"
          data-variant="tertiary"
          data-size="sm"
          aria-label={t('users.ssoUnlink', { name: user.name })}
          safe
        >
          {t('users.ssoUnlinkShort')}
        </button>
      </form>
    </div>
  );
}

export function UsersView(props: UsersViewProps): JSX.Element {
  const { t, query } = props;
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {t('users.title')}
      </h1>
      <p class="ds-paragraph" safe>
        {t('users.intro')}
      </p>
      {props.choices.length ? <InviteForm {...props} /> : ''}
      <h2 class="ds-heading" data-size="sm" safe>
        {t('users.caption')}
      </h2>
      <form method="get" action="/admin/users" class="kn-inline-fields" role="search">
        <Field
          name="q"
          type="search"
          label={t('users.search')}
          value={query.q}
          errors={[]}
          t={t}
          maxlength={100}
        />
        <button type="submit" class="ds-button" data-variant="secondary" safe>
          {t('form.search')}
        </button>
      </form>
      {props.items.length === 0 ? (
        <p class="ds-paragraph" safe>
          {t('users.none')}
        </p>
      ) : (
        <div class="kn-table-wrap">
          <table class="ds-table" data-testid="users">
            <caption class="ds-sr-only" safe>
              {t('users.caption')}
            </caption>
            <thead>
              <tr>
                <th scope="col" safe>
                  {t('users.name')}
                </th>
                <th scope="col" safe>
                  {t('users.email')}
                </th>
                <th scope="col" safe>
                  {t('users.status')}
                </th>
                <th scope="col" safe>
                  {t('users.roles')}
                </th>
              </tr>
            </thead>
            <tbody>
              {props.items.map((u) => (
                <tr>
                  <th scope="row" safe>
                    {u.name}
                  </th>
                  <td safe>{u.email}</td>
                  <td>
                    <span safe>{t(`users.status.${u.status}`)}</span>
                    {u.ssoLinked ? <SsoLink t={t} csrf={props.csrf} user={u} /> : ''}
                  </td>
                  <td>
                    <Memberships t={t} csrf={props.csrf} user={u} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination
        t={t}
        page={query.page}
        pageSize={query.pageSize}
        total={props.total}
        href={(p) => usersHref(query.q, p)}
      />
    </>
  );
}
