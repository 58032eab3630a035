import { type AnyRoute, defineRoute, signedIn } from '../../platform/http/registry.ts';
import { translator } from '../../platform/i18n/index.ts';
import { messages } from './messages.ts';
import {
  competenceSearchResponse,
  municipalitiesQuery,
  municipalitiesResponse,
  searchQuery,
  sniPageQuery,
  sniSearchResponse,
  ssykSearchResponse,
} from './schema.ts';
import * as service from './service/lookups.ts';
import { SniSearchView } from './views/sni-search.tsx';

const SNI_PAGE_LIMIT = 50;

export const referenceRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/reference/sni',
    kind: 'api',
    access: signedIn,
    query: searchQuery,
    summary: 'Search SNI 2007 detail groups by code (25620, 25.620, 2562) or by words of the Swedish name',
    tag: 'reference',
    response: sniSearchResponse,
    handler: async (ctx) => ({ items: await service.searchSni(ctx.db, ctx.query.q, ctx.query.limit) }),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/reference/ssyk',
    kind: 'api',
    access: signedIn,
    query: searchQuery,
    summary:
      'Search SSYK 2012 unit groups (SCB) by code, group name, JobTech occupation names and SCB titles',
    tag: 'reference',
    response: ssykSearchResponse,
    handler: async (ctx) => ({ items: await service.searchSsyk(ctx.db, ctx.query.q, ctx.query.limit) }),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/reference/competences',
    kind: 'api',
    access: signedIn,
    query: searchQuery,
    summary: 'Search JobTech Taxonomy competence concepts by words of the Swedish name',
    tag: 'reference',
    response: competenceSearchResponse,
    handler: async (ctx) => ({
      items: await service.searchCompetences(ctx.db, ctx.query.q, ctx.query.limit),
    }),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/reference/municipalities',
    kind: 'api',
    access: signedIn,
    query: municipalitiesQuery,
    summary: 'List the municipalities of a county (county=07), or all 290, by name',
    tag: 'reference',
    response: municipalitiesResponse,
    handler: async (ctx) => {
      const county = ctx.query.county;
      const items = county
        ? await service.municipalitiesOfCounty(ctx.db, county)
        : await service.listMunicipalities(ctx.db);
      return { items };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/reference/sni',
    kind: 'page',
    access: signedIn,
    query: sniPageQuery,
    handler: async (ctx) => {
      const t = translator(messages, ctx.locale);
      const q = ctx.query.q;
      const hits = q === '' ? [] : await service.searchSni(ctx.db, q, SNI_PAGE_LIMIT);
      return ctx.page(t('sni.title'), <SniSearchView t={t} q={q} hits={hits} />);
    },
  }),
];
