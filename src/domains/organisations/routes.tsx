import { type AnyRoute, defineRoute, policy } from '../../platform/http/registry.ts';
import { formatDate, formatMoney, translator } from '../../platform/i18n/index.ts';
import { messages } from './messages.ts';
import { canViewOrganisations } from './policy.ts';
import { regionOverview } from './service.ts';

type Key = keyof typeof messages.sv;

export const organisationRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/organisations',
    kind: 'page',
    access: policy('canViewOrganisations', canViewOrganisations),
    handler: async (ctx) => {
      const t = translator(messages, ctx.locale);
      const { organisations, programmes } = await regionOverview(ctx.db, ctx.actor);
      return ctx.page(
        t('orgs.title'),
        <>
          <h1 class="ds-heading" data-size="lg" safe>
            {t('orgs.title')}
          </h1>
          <h2 class="ds-heading" data-size="sm" safe>
            {t('orgs.programmes')}
          </h2>
          <table class="ds-table" data-testid="programmes">
            <caption class="ds-sr-only" safe>
              {t('orgs.programmes')}
            </caption>
            <thead>
              <tr>
                <th scope="col" safe>
                  {t('orgs.programme.name')}
                </th>
                <th scope="col" safe>
                  {t('orgs.programme.period')}
                </th>
                <th scope="col" safe>
                  {t('orgs.programme.ruleSet')}
                </th>
                <th scope="col" safe>
                  {t('orgs.programme.funders')}
                </th>
              </tr>
            </thead>
            <tbody>
              {programmes.map((p) => (
                <tr>
                  <td safe>{p.name}</td>
                  <td safe>{`${formatDate(p.startsOn)} – ${formatDate(p.endsOn)}`}</td>
                  <td safe>{t(`orgs.ruleSet.${p.ruleSet}` as Key)}</td>
                  <td safe>{p.funders.map((f) => `${f.name}: ${formatMoney(f.amountSek)}`).join('; ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2 class="ds-heading" data-size="sm" safe>
            {t('orgs.sharing')}
          </h2>
          <p class="ds-paragraph" safe>
            {t('orgs.sharing.body')}
          </p>
          <h2 class="ds-heading" data-size="sm" safe>
            {t('orgs.organisations')}
          </h2>
          <table class="ds-table" data-testid="organisations">
            <caption class="ds-sr-only" safe>
              {t('orgs.organisations')}
            </caption>
            <thead>
              <tr>
                <th scope="col" safe>
                  {t('orgs.name')}
                </th>
                <th scope="col" safe>
                  {t('orgs.kind')}
                </th>
                <th scope="col" safe>
                  {t('orgs.code')}
                </th>
              </tr>
            </thead>
            <tbody>
              {organisations.map((o) => (
                <tr>
                  <td safe>{o.name}</td>
                  <td safe>{t(`orgs.kind.${o.kind}` as Key)}</td>
                  <td safe>{o.code ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>,
      );
    },
  }),
];
