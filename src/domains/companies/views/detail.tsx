import type { AuditRow } from '../../../platform/audit.ts';
import { CsrfField } from '../../../platform/http/views.tsx';
import { formatDateTime, formatNumber, type T } from '../../../platform/i18n/index.ts';
import type { CompanyKey } from '../messages.ts';
import type { CompanyDetail } from '../service.ts';
import { sniLabel } from './list.tsx';

export interface DetailProps {
  t: T<CompanyKey>;
  detail: CompanyDetail;
  history: AuditRow[];
  coachOptions: { userId: string; name: string }[];
  csrf: string;
  canInvite: boolean;
}

const dash = (v: string | number | null | undefined): string =>
  v === null || v === undefined || v === '' ? '–' : String(v);

export function CompanyDetailView(props: DetailProps): JSX.Element {
  const { t, detail } = props;
  const c = detail.company;
  const employees = c.employeesWomen + c.employeesMen;
  return (
    <>
      <div class="kn-title-row">
        <h1 class="ds-heading" data-size="lg" safe>
          {c.name}
        </h1>
        {detail.canEdit ? (
          <a class="ds-button" data-variant="secondary" href={`/companies/${c.id}/edit`} safe>
            {t('company.edit')}
          </a>
        ) : (
          ''
        )}
      </div>
      <p class="ds-paragraph" data-size="sm" safe>
        {t('company.publicRecord')}
      </p>
      {c.isSoleTrader ? (
        <div class="ds-alert" data-color="info">
          <p class="ds-paragraph" safe>
            {t('company.maskedNotice')}
          </p>
        </div>
      ) : (
        ''
      )}
      <dl class="kn-facts" data-testid="company-facts">
        <dt safe>{t('company.orgNumber')}</dt>
        <dd safe>{c.orgNumber}</dd>
        <dt safe>{t('company.sni')}</dt>
        <dd safe>{dash(sniLabel(c.sniCode, c.sniName))}</dd>
        <dt safe>{t('company.status')}</dt>
        <dd safe>{t(`company.status.${c.status}`)}</dd>
        <dt safe>{t('company.employees')}</dt>
        <dd
          safe
        >{`${formatNumber(employees)} (${formatNumber(c.employeesWomen)} ♀, ${formatNumber(c.employeesMen)} ♂) – ${t(`company.size.${c.sizeClass as '0'}`)}`}</dd>
        <dt safe>{t('company.sme')}</dt>
        <dd
          data-testid="sme"
          safe
        >{`${c.isSme ? t('company.sme.yes') : t('company.sme.no')}. ${t(`company.smeReason.${c.smeReason as 'sme'}`)}`}</dd>
        <dt safe>{t('company.turnoverTsek')}</dt>
        <dd safe>{dash(c.turnoverTsek === null ? null : formatNumber(c.turnoverTsek))}</dd>
        <dt safe>{t('company.balanceTsek')}</dt>
        <dd safe>{dash(c.balanceTsek === null ? null : formatNumber(c.balanceTsek))}</dd>
        <dt safe>{t('company.foundVia')}</dt>
        <dd safe>{t(`company.foundVia.${c.foundVia as 'other'}`)}</dd>
        <dt safe>{t('company.owner')}</dt>
        <dd safe>{c.ownerOrgName}</dd>
      </dl>

      <h2 class="ds-heading" data-size="sm" safe>
        {t('company.workplaces')}
      </h2>
      <table class="ds-table" data-testid="workplaces">
        <caption class="ds-sr-only" safe>
          {t('company.workplaces')}
        </caption>
        <thead>
          <tr>
            <th scope="col" safe>
              {t('company.workplace.name')}
            </th>
            <th scope="col" safe>
              {t('company.workplace.street')}
            </th>
            <th scope="col" safe>
              {t('company.workplace.city')}
            </th>
            <th scope="col" safe>
              {t('company.workplace.municipality')}
            </th>
            <th scope="col" safe>
              {t('company.workplace.cfar')}
            </th>
          </tr>
        </thead>
        <tbody>
          {detail.workplaces.map((w) => (
            <tr>
              <td safe>{dash(w.name)}</td>
              <td safe>{dash(w.street)}</td>
              <td safe>{dash([w.postalCode, w.city].filter(Boolean).join(' '))}</td>
              <td safe>{w.municipalityName}</td>
              <td safe>{dash(w.cfar)}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2 class="ds-heading" data-size="sm" safe>
        {t('company.contacts')}
      </h2>
      <table class="ds-table" data-testid="contacts">
        <caption class="ds-sr-only" safe>
          {t('company.contacts')}
        </caption>
        <thead>
          <tr>
            <th scope="col" safe>
              {t('company.contact.name')}
            </th>
            <th scope="col" safe>
              {t('company.contact.roleTitle')}
            </th>
            <th scope="col" safe>
              {t('company.contact.email')}
            </th>
            <th scope="col" safe>
              {t('company.contact.phone')}
            </th>
            <th scope="col" safe>
              {t('company.contact.isUser')}
            </th>
          </tr>
        </thead>
        <tbody>
          {detail.contacts.map((p) => (
            <tr>
              <td safe>{p.name}</td>
              <td safe>{dash(p.roleTitle)}</td>
              <td safe>{dash(p.email)}</td>
              <td safe>{dash(p.phone)}</td>
              <td>
                {p.userId ? (
                  <span safe>{t('form.yes')}</span>
                ) : props.canInvite && p.email ? (
                  <form
                    method="post"
                    action={`/companies/${c.id}/contacts/${p.id}/invite`}
                    class="kn-inline-form"
                  >
                    <CsrfField token={props.csrf} />
                    <button type="submit" class="ds-button" data-variant="tertiary" data-size="sm" safe>
                      {t('company.contact.invite')}
                    </button>
                  </form>
                ) : (
                  <span safe>{t('form.no')}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2 class="ds-heading" data-size="sm" safe>
        {t('company.coaches')}
      </h2>
      {detail.coaches.length === 0 ? (
        <p class="ds-paragraph" safe>
          {t('company.coaches.none')}
        </p>
      ) : (
        ''
      )}
      <ul class="ds-list" data-testid="coaches">
        {detail.coaches.map((coach) => (
          <li>
            <span safe>{coach.name}</span>
            {detail.canAssignCoaches ? (
              <form
                method="post"
                action={`/companies/${c.id}/coaches/${coach.userId}/remove`}
                class="kn-inline-form"
              >
                <CsrfField token={props.csrf} />
                <button type="submit" class="ds-button" data-variant="tertiary" data-size="sm" safe>
                  {t('company.coaches.remove', { name: coach.name })}
                </button>
              </form>
            ) : (
              ''
            )}
          </li>
        ))}
      </ul>
      {detail.canAssignCoaches && props.coachOptions.length > 0 ? (
        <form method="post" action={`/companies/${c.id}/coaches`} class="kn-form kn-inline-fields">
          <CsrfField token={props.csrf} />
          <div class="ds-field">
            <label class="ds-label" for="f-coach" safe>
              {t('company.coaches.coach')}
            </label>
            <select class="ds-input" id="f-coach" name="coach">
              {props.coachOptions.map((o) => (
                <option value={o.userId} safe>
                  {o.name}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" class="ds-button" data-variant="secondary" safe>
            {t('company.coaches.assign')}
          </button>
        </form>
      ) : (
        ''
      )}
      {detail.canAssignCoaches ? (
        <p class="ds-paragraph">
          <a class="ds-link" href={`/coaching/new?company=${c.id}`} safe>
            {t('company.coaching.start')}
          </a>
        </p>
      ) : (
        ''
      )}

      <h2 class="ds-heading" data-size="sm" safe>
        {t('company.history')}
      </h2>
      {props.history.length === 0 ? (
        <p class="ds-paragraph" safe>
          {t('company.history.none')}
        </p>
      ) : (
        <table class="ds-table" data-testid="history">
          <caption class="ds-sr-only" safe>
            {t('company.history')}
          </caption>
          <thead>
            <tr>
              <th scope="col" safe>
                {t('company.history.when')}
              </th>
              <th scope="col" safe>
                {t('company.history.who')}
              </th>
              <th scope="col" safe>
                {t('company.history.what')}
              </th>
            </tr>
          </thead>
          <tbody>
            {props.history.map((h) => (
              <tr>
                <td class="kn-nowrap" safe>
                  {formatDateTime(h.at)}
                </td>
                <td safe>{h.actorName ?? '–'}</td>
                <td safe>{describeChange(t, h)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

const FIELD_LABELS: Record<string, CompanyKey> = {
  orgNumber: 'company.orgNumber',
  name: 'company.name',
  sniCode: 'company.sni',
  employeesWomen: 'company.employeesWomen',
  employeesMen: 'company.employeesMen',
  turnoverTsek: 'company.turnoverTsek',
  balanceTsek: 'company.balanceTsek',
  partOfGroup: 'company.partOfGroup',
  groupEmployees: 'company.groupEmployees',
  groupTurnoverTsek: 'company.groupTurnoverTsek',
  groupBalanceTsek: 'company.groupBalanceTsek',
  isSme: 'company.sme',
  status: 'company.status',
  foundVia: 'company.foundVia',
};

function describeChange(t: T<CompanyKey>, h: AuditRow): string {
  const label = t(`company.action.${h.action}` as CompanyKey);
  const changes = h.details.changes as Record<string, unknown> | undefined;
  if (!changes) return label;
  const fields = Object.keys(changes).map((f) => (FIELD_LABELS[f] ? t(FIELD_LABELS[f]).toLowerCase() : f));
  return fields.length ? `${label}: ${fields.join(', ')}` : label;
}
