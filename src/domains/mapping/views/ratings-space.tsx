// The company-only space of a mapping: people per role, the ratings grid, the per-role totals.
import type { FieldError } from '../../../platform/errors.ts';
import { CsrfField, ErrorSummary, Field, fieldId, Select } from '../../../platform/http/views.tsx';
import { formatDate, type Locale, type T } from '../../../platform/i18n/index.ts';
import type { PeopleSpace, SpacePerson, SpaceRole } from '../service/person-ratings.ts';
import type { IT } from './instruments-shared.tsx';

export const spaceHref = (mappingId: string, rest = ''): string => `/mappings/${mappingId}/people${rest}`;

/** Which form of the page the errors and typed values belong to. */
export type SpaceForm = { kind: 'add' } | { kind: 'ratings'; roleKey: string } | null;

export interface SpaceProps {
  t: IT;
  locale: Locale;
  space: PeopleSpace;
  csrf: string;
  form: SpaceForm;
  values: Record<string, string>;
  errors: FieldError[];
}

const ratingField = (personId: string, i: number): string => `level.${personId}.${i}`;

function LevelScale(props: { t: IT; locale: Locale; space: PeopleSpace }): JSX.Element {
  const { t, locale } = props;
  return (
    <section aria-labelledby="levels-title">
      <h2 id="levels-title" class="ds-heading" data-size="sm" safe>
        {t('mapping.ratings.levelsTitle')}
      </h2>
      <div class="kn-table-wrap">
        <table class="ds-table" data-size="sm">
          <caption class="ds-sr-only" safe>
            {t('mapping.ratings.levelsCaption')}
          </caption>
          <thead>
            <tr>
              <th scope="col" safe>
                {t('mapping.ratings.col.level')}
              </th>
              <th scope="col" safe>
                {t('mapping.ratings.col.description')}
              </th>
            </tr>
          </thead>
          <tbody>
            {props.space.levels.map((l) => (
              <tr>
                <th scope="row" safe>
                  {t('mapping.ratings.levelOption', { value: String(l.value), label: l.label[locale] })}
                </th>
                <td safe>{l.description?.[locale] ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function RatingGrid(props: SpaceProps & { role: SpaceRole; headingId: string }): JSX.Element {
  const { t, locale, role, space } = props;
  const mine = props.form?.kind === 'ratings' && props.form.roleKey === role.key;
  const errors = mine ? props.errors : [];
  const selectedOf = (p: SpacePerson, i: number, key: string): string => {
    if (mine) return props.values[ratingField(p.id, i)] ?? '';
    const v = p.ratings[key];
    return v === undefined ? '' : String(v);
  };
  const options = [
    { value: '', label: t('mapping.ratings.notRated') },
    ...space.levels.map((l) => ({
      value: String(l.value),
      label: t('mapping.ratings.levelOption', { value: String(l.value), label: l.label[locale] }),
    })),
  ];
  return (
    <form method="post" action={spaceHref(space.mappingId, '/ratings')} data-testid={`ratings-${role.key}`}>
      <CsrfField token={props.csrf} />
      <input type="hidden" name="role" value={role.key} />
      {role.requirements.map((r, i) => (
        <input type="hidden" name={`key.${i}`} value={r.competenceKey} />
      ))}
      <ErrorSummary errors={errors} t={t as T<string>} />
      <div class="kn-table-wrap">
        <table class="ds-table" data-size="sm">
          <caption safe>{t('mapping.ratings.gridCaption', { role: role.title })}</caption>
          <thead>
            <tr>
              <th scope="col" safe>
                {t('mapping.ratings.col.person')}
              </th>
              {role.requirements.map((r) => (
                <th scope="col">
                  <span safe>{r.name}</span>
                  <br />
                  <span class="ds-paragraph" data-size="xs" safe>
                    {r.levelNow === null
                      ? ''
                      : t('mapping.ratings.requiredNow', { level: String(r.levelNow) })}
                  </span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {role.people.map((p) => (
              <tr>
                <th scope="row" safe>
                  {p.name}
                </th>
                {role.requirements.map((r, i) => {
                  const name = ratingField(p.id, i);
                  const id = fieldId(name);
                  const error = errors.find((e) => e.field === name);
                  const value = selectedOf(p, i, r.competenceKey);
                  return (
                    <td>
                      <label class="ds-sr-only" for={id} safe>
                        {t('mapping.ratings.levelFor', { competence: r.name, person: p.name })}
                      </label>
                      {error ? (
                        <div class="ds-validation-message" id={`${id}-error`} data-field="validation" safe>
                          {(t as T<string>)(error.message, error.params)}
                        </div>
                      ) : (
                        ''
                      )}
                      <select
                        class="ds-input"
                        id={id}
                        name={name}
                        aria-invalid={error ? 'true' : undefined}
                        aria-describedby={error ? `${id}-error` : undefined}
                      >
                        {options.map((o) => (
                          <option value={o.value} selected={o.value === value} safe>
                            {o.label}
                          </option>
                        ))}
                      </select>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div class="kn-actions">
        <button type="submit" class="ds-button" data-variant="primary">
          <span safe>{t('mapping.ratings.saveRatings')}</span>
          <span class="ds-sr-only" safe>{`: ${role.title}`}</span>
        </button>
      </div>
    </form>
  );
}

function PeopleList(props: { t: IT; space: PeopleSpace; people: SpacePerson[]; csrf: string }): JSX.Element {
  const { t } = props;
  return (
    <ul class="ds-list">
      {props.people.map((p) => (
        <li data-testid={`person-${p.id}`}>
          <span safe>{p.name}</span>{' '}
          <span safe>
            {`(${
              p.linked
                ? t('mapping.ratings.account.linked')
                : p.email
                  ? t('mapping.ratings.account.pending')
                  : t('mapping.ratings.account.none')
            })`}
          </span>{' '}
          <form
            method="post"
            action={spaceHref(props.space.mappingId, `/${p.id}/remove`)}
            class="kn-inline-form"
          >
            <CsrfField token={props.csrf} />
            <button type="submit" class="ds-button" data-variant="tertiary" data-size="sm">
              <span safe>{t('mapping.ratings.remove')}</span>
              <span class="ds-sr-only" safe>{`: ${p.name}`}</span>
            </button>
          </form>
        </li>
      ))}
    </ul>
  );
}

function Comments(props: { t: IT; people: SpacePerson[] }): JSX.Element {
  const { t } = props;
  const all = props.people.flatMap((p) => p.comments.map((c) => ({ person: p.name, ...c })));
  if (all.length === 0) return '';
  return (
    <>
      <h4 class="ds-heading" data-size="2xs" safe>
        {t('mapping.ratings.commentsTitle')}
      </h4>
      <ul class="ds-list" data-testid="comments">
        {all.map((c) => (
          <li>
            <strong safe>
              {t('mapping.ratings.commentBy', {
                person: c.person,
                competence: c.competenceName,
                date: formatDate(c.createdAt),
              })}
            </strong>
            <p class="ds-paragraph" safe>
              {c.comment}
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}

function RoleSection(props: SpaceProps & { role: SpaceRole; index: number }): JSX.Element {
  const { t, role } = props;
  const headingId = `role-${props.index}`;
  return (
    <section aria-labelledby={headingId} data-testid={`role-${role.key}`}>
      <h3 id={headingId} class="ds-heading" data-size="xs" safe>
        {role.title}
      </h3>
      {role.people.length === 0 ? (
        <p class="ds-paragraph" safe>
          {t('mapping.ratings.noPeople')}
        </p>
      ) : role.requirements.length === 0 ? (
        <p class="ds-paragraph" safe>
          {t('mapping.ratings.noRequirements')}
        </p>
      ) : (
        <RatingGrid {...props} headingId={headingId} />
      )}
      {role.people.length > 0 ? (
        <>
          <h4 class="ds-heading" data-size="2xs" safe>
            {t('mapping.ratings.peopleInRole')}
          </h4>
          <PeopleList t={t} space={props.space} people={role.people} csrf={props.csrf} />
        </>
      ) : (
        ''
      )}
      <Comments t={t} people={role.people} />
    </section>
  );
}

function AddPerson(props: SpaceProps): JSX.Element {
  const { t, space } = props;
  const mine = props.form?.kind === 'add';
  const errors = mine ? props.errors : [];
  const v = mine ? props.values : {};
  return (
    <section aria-labelledby="add-title">
      <h2 id="add-title" class="ds-heading" data-size="sm" safe>
        {t('mapping.ratings.addTitle')}
      </h2>
      <form method="post" action={spaceHref(space.mappingId)} class="kn-form" novalidate>
        <CsrfField token={props.csrf} />
        <ErrorSummary errors={errors} t={t as T<string>} />
        <Field
          name="name"
          label={t('mapping.ratings.field.name')}
          value={v.name}
          errors={errors}
          t={t as T<string>}
          autocomplete="off"
          maxlength={200}
          required
        />
        <Field
          name="email"
          type="email"
          label={t('mapping.ratings.field.email')}
          hint={t('mapping.ratings.field.emailHint')}
          value={v.email}
          errors={errors}
          t={t as T<string>}
          autocomplete="off"
          maxlength={254}
        />
        <Select
          name="roleKey"
          label={t('mapping.ratings.field.role')}
          value={v.roleKey ?? null}
          options={space.roles.map((r) => ({ value: r.key, label: r.title }))}
          emptyLabel={t('mapping.ratings.field.chooseRole')}
          errors={errors}
          t={t as T<string>}
          required
        />
        <div class="kn-actions">
          <button type="submit" class="ds-button" data-variant="primary" safe>
            {t('mapping.ratings.add')}
          </button>
        </div>
      </form>
    </section>
  );
}

function Totals(props: SpaceProps): JSX.Element {
  const { t, space } = props;
  const rows = space.roles.flatMap((role) => role.requirements.map((r) => ({ role: role.title, ...r })));
  return (
    <section aria-labelledby="totals-title">
      <h2 id="totals-title" class="ds-heading" data-size="sm" safe>
        {t('mapping.ratings.totalsTitle')}
      </h2>
      <p class="ds-paragraph" safe>
        {t('mapping.ratings.totalsIntro')}
      </p>
      <div class="kn-table-wrap">
        <table class="ds-table" data-size="sm" data-testid="totals">
          <caption class="ds-sr-only" safe>
            {t('mapping.ratings.totalsCaption')}
          </caption>
          <thead>
            <tr>
              <th scope="col" safe>
                {t('mapping.ratings.col.role')}
              </th>
              <th scope="col" safe>
                {t('mapping.ratings.col.competence')}
              </th>
              <th scope="col" safe>
                {t('mapping.ratings.col.levelNow')}
              </th>
              <th scope="col" safe>
                {t('mapping.ratings.col.meetingNow')}
              </th>
              <th scope="col" safe>
                {t('mapping.ratings.col.fromRatings')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <td safe>{r.role}</td>
                <td safe>{r.name}</td>
                <td safe>{r.levelNow === null ? t('mapping.ratings.notGiven') : String(r.levelNow)}</td>
                <td safe>{r.meetingNow === null ? t('mapping.ratings.notGiven') : String(r.meetingNow)}</td>
                <td safe>
                  {r.rated === 0
                    ? t('mapping.ratings.noneRated')
                    : t('mapping.ratings.fromRatings', { meeting: r.meeting, rated: r.rated })}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {space.status === 'submitted' ? (
        <p class="ds-paragraph" safe>
          {t('mapping.ratings.lockedNote')}
        </p>
      ) : (
        <form method="post" action={spaceHref(space.mappingId, '/fill-totals')}>
          <CsrfField token={props.csrf} />
          <button type="submit" class="ds-button" data-variant="secondary" safe>
            {t('mapping.ratings.fill')}
          </button>
        </form>
      )}
    </section>
  );
}

export function PeopleSpaceView(props: SpaceProps): JSX.Element {
  const { t, space } = props;
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {t('mapping.ratings.title')}
      </h1>
      <p class="ds-paragraph" safe>
        {t('mapping.ratings.company', { company: space.companyName })}
      </p>
      <div class="ds-alert" data-color="info">
        <p class="ds-paragraph" safe>
          {t('mapping.ratings.privacy')}
        </p>
      </div>
      <p class="ds-paragraph">
        <a class="ds-link" href={`/mappings/${space.mappingId}`} safe>
          {t('mapping.ratings.backToMapping')}
        </a>
      </p>
      <section aria-labelledby="roles-title">
        <h2 id="roles-title" class="ds-heading" data-size="sm" safe>
          {t('mapping.ratings.rolesTitle')}
        </h2>
        {space.roles.length === 0 ? (
          <p class="ds-paragraph" safe>
            {t('mapping.ratings.noRoles')}
          </p>
        ) : (
          space.roles.map((role, index) => <RoleSection {...props} role={role} index={index} />)
        )}
        {space.otherPeople.length > 0 ? (
          <section aria-labelledby="other-title">
            <h3 id="other-title" class="ds-heading" data-size="xs" safe>
              {t('mapping.ratings.otherPeople')}
            </h3>
            <PeopleList t={t} space={space} people={space.otherPeople} csrf={props.csrf} />
          </section>
        ) : (
          ''
        )}
      </section>
      {space.roles.length > 0 ? <AddPerson {...props} /> : ''}
      <Totals {...props} />
      <LevelScale t={t} locale={props.locale} space={space} />
    </>
  );
}

/** The space is closed: the MBL answer comes first, or per-person ratings were not chosen. */
export function GateView(props: { t: IT; mappingId: string; message: string }): JSX.Element {
  const { t } = props;
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {t('mapping.ratings.gateTitle')}
      </h1>
      <div class="ds-alert" data-color="warning" role="status">
        <p class="ds-paragraph" safe>
          {props.message}
        </p>
      </div>
      <p class="ds-paragraph">
        <a class="ds-link" href={`/mappings/${props.mappingId}`} safe>
          {t('mapping.ratings.backToMapping')}
        </a>
      </p>
    </>
  );
}
