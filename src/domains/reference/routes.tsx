import { type AnyRoute, defineRoute, signedIn } from '../../platform/http/registry.ts';
import { translator } from '../../platform/i18n/index.ts';
import { messages } from './messages.ts';
import {
  competencePageQuery,
  competenceSearchResponse,
  municipalitiesQuery,
  municipalitiesResponse,
  occupationPageQuery,
  type Suggestion,
  searchQuery,
  sniPageQuery,
  sniSearchResponse,
  ssykSearchResponse,
  suggestQuery,
} from './schema.ts';
import * as service from './service/lookups.ts';
import { CompetencePickerView, OccupationPickerView } from './views/pickers.tsx';
import { SniSearchView } from './views/sni-search.tsx';

const SNI_PAGE_LIMIT = 50;
const PICKER_PAGE_LIMIT = 50;
const SUGGEST_LIMIT = 10;

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
  defineRoute({
    method: 'GET',
    url: '/reference/occupations',
    kind: 'page',
    access: signedIn,
    query: occupationPageQuery,
    handler: async (ctx) => {
      const t = translator(messages, ctx.locale);
      const { q, return: returnPath } = ctx.query;
      const hits = q === '' ? [] : await service.searchSsyk(ctx.db, q, PICKER_PAGE_LIMIT);
      return ctx.page(
        t('occ.title'),
        <OccupationPickerView t={t} q={q} hits={hits} returnPath={returnPath} />,
      );
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/reference/competences',
    kind: 'page',
    access: signedIn,
    query: competencePageQuery,
    handler: async (ctx) => {
      const t = translator(messages, ctx.locale);
      const { q, ssyk, return: returnPath } = ctx.query;
      const group = ssyk === '' ? null : await service.findSsyk(ctx.db, ssyk);
      const items =
        q !== ''
          ? await service.searchCompetences(ctx.db, q, PICKER_PAGE_LIMIT)
          : group
            ? await service.competencesForSsyk(ctx.db, ssyk)
            : [];
      return ctx.page(
        t('comp.title'),
        <CompetencePickerView t={t} q={q} ssyk={ssyk} group={group} items={items} returnPath={returnPath} />,
      );
    },
  }),
  // JSON for public/combobox.js, with the session cookie (the /api/v1 routes need an API token).
  defineRoute({
    method: 'GET',
    url: '/reference/suggest/occupations',
    kind: 'page',
    access: signedIn,
    query: suggestQuery,
    handler: async (ctx): Promise<Suggestion[]> => {
      const q = ctx.query.q;
      if (q === '') return [];
      const hits = await service.searchSsyk(ctx.db, q, SUGGEST_LIMIT);
      return hits.map((h) => ({
        value: h.code,
        label: `${h.code} ${h.name}`,
        detail: h.matchedName === h.name ? null : h.matchedName,
      }));
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/reference/suggest/competences',
    kind: 'page',
    access: signedIn,
    query: suggestQuery,
    handler: async (ctx): Promise<Suggestion[]> => {
      const q = ctx.query.q;
      if (q === '') return [];
      const items = await service.searchCompetences(ctx.db, q, SUGGEST_LIMIT);
      return items.map((c) => ({ value: c.conceptId, label: c.name, detail: null }));
    },
  }),
];
