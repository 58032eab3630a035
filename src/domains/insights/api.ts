import { z } from 'zod';
import { type AnyRoute, defineRoute, PUBLIC, policy } from '../../platform/http/registry.ts';
import { canViewInsights } from './policy.ts';
import { lagTolerant, toRollupQuery } from './routes-support.ts';
import { missingQuery, rollupQuery, roundQuery, targetForm } from './schema.ts';
import * as coverage from './service/coverage.ts';
import { exportData } from './service/export.ts';
import * as service from './service.ts';

const access = policy('canViewInsights', canViewInsights);
const tag = 'insights';

const axisItem = z.object({
  level: z.enum(['leaf', 'group', 'total']),
  code: z.string(),
  label: z.string(),
  drill: z.string().nullable(),
});
const cell = z.object({
  value: z.number().int().nullable().describe('null where suppressed for this caller'),
  flag: z.enum(['shown', 'zero', 'suppressed', 'wouldSuppress']),
});
const rollupOut = z.object({
  audience: z.enum(['admin', 'county', 'officer', 'public']),
  rules: z.object({ minCompanies: z.number().int(), minPeople: z.number().int(), dominance: z.number() }),
  roundId: z.string().nullable(),
  rows: z.array(axisItem),
  cols: z.array(axisItem),
  cells: z.array(z.array(cell)).describe('cells[row][col]'),
});
const rankedOut = z.array(
  z.object({
    code: z.string(),
    label: z.string(),
    value: z.number().int().nullable(),
    flag: z.enum(['shown', 'zero', 'suppressed', 'wouldSuppress']),
    difficulty: z.number().nullable().optional(),
  }),
);

type View = service.RollupView;
function rollupJson(v: View): z.infer<typeof rollupOut> {
  return {
    audience: v.audience,
    rules: { ...v.rules },
    roundId: v.roundId,
    rows: v.rows.map((r) => ({ level: r.ref.level, code: r.code, label: r.label, drill: r.drill })),
    cols: v.cols.map((c) => ({ level: c.ref.level, code: c.code, label: c.label, drill: null })),
    cells: v.cells.map((row) => row.map((c) => ({ value: c.value, flag: c.flag }))),
  };
}

const coverageOut = z.object({
  roundId: z.string().nullable(),
  rows: z.array(
    z.object({
      municipalityCode: z.string(),
      sniSection: z.string(),
      submitted: z.number().int(),
      inProgress: z.number().int(),
      eligible: z.number().int(),
      target: z.number().int().nullable(),
    }),
  ),
});

const sheetOut = z.object({
  name: z.string(),
  columns: z.array(z.object({ key: z.string(), description: z.string() })),
  rows: z.array(z.array(z.union([z.string(), z.number(), z.null()]))),
});
const exportOut = z.object({ kind: z.enum(['microdata', 'aggregate']), sheets: z.array(sheetOut) });

function exportApi(kind: 'wide' | 'needs'): AnyRoute {
  return defineRoute({
    method: 'GET',
    url: `/api/v1/insights/export/${kind}`,
    kind: 'api',
    access,
    tag,
    query: rollupQuery,
    summary:
      kind === 'wide'
        ? 'Export per company mapping (region admins) or the suppressed table (others)'
        : 'Export per need (region admins) or the suppressed cells (others)',
    response: exportOut,
    handler: async (ctx) =>
      exportData(ctx.db, ctx.actor, {
        kind,
        query: toRollupQuery(ctx.query),
        locale: ctx.locale,
        ip: ctx.ip,
      }),
  });
}

export const insightsApiRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/insights/needs',
    kind: 'api',
    access,
    tag,
    summary: 'County roll-up of needs with disclosure control (suppression flags)',
    query: rollupQuery,
    response: rollupOut,
    handler: async (ctx) => {
      const query = toRollupQuery(ctx.query);
      const audience = service.requireInsights(ctx.actor, query.filters.municipality);
      return rollupJson(await service.needsRollup(lagTolerant(ctx.db), audience, query, ctx.locale));
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/insights/competences',
    kind: 'api',
    access,
    tag,
    summary: 'Top unmet competences by people affected (suppressed)',
    query: roundQuery,
    response: rankedOut,
    handler: async (ctx) =>
      service.topCompetences(lagTolerant(ctx.db), service.requireInsights(ctx.actor), {
        round: ctx.query.round ?? null,
        limit: 50,
        locale: ctx.locale,
      }),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/insights/recruitments',
    kind: 'api',
    access,
    tag,
    summary: 'Planned recruitments and mean difficulty per occupation (suppressed)',
    query: roundQuery,
    response: rankedOut,
    handler: async (ctx) =>
      service.recruitmentDifficulty(lagTolerant(ctx.db), service.requireInsights(ctx.actor), {
        round: ctx.query.round ?? null,
        locale: ctx.locale,
      }),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/insights/coverage',
    kind: 'api',
    access,
    tag,
    summary: 'Coverage: submitted / in progress / target per municipality and SNI section',
    query: roundQuery,
    response: coverageOut,
    handler: async (ctx) => {
      const v = await coverage.coverageView(ctx.db, ctx.actor, {
        round: ctx.query.round ?? null,
        locale: ctx.locale,
      });
      return {
        roundId: v.roundId,
        rows: v.rows.map((r) => ({
          municipalityCode: r.municipalityCode,
          sniSection: r.sniSection,
          submitted: r.submitted,
          inProgress: r.inProgress,
          eligible: r.eligible,
          target: r.target,
        })),
      };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/insights/coverage/missing',
    kind: 'api',
    access,
    tag,
    summary: 'Active companies without a submitted mapping in one municipality and SNI section',
    query: missingQuery,
    response: z.object({
      roundId: z.string().nullable(),
      companies: z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          status: z.string(),
          mappingStatus: z.string().nullable(),
        }),
      ),
    }),
    handler: async (ctx) =>
      coverage.missingCompanies(ctx.db, ctx.actor, {
        round: ctx.query.round ?? null,
        municipality: ctx.query.municipality,
        sniSection: ctx.query.sniSection,
      }),
  }),
  defineRoute({
    method: 'PUT',
    url: '/api/v1/insights/coverage/targets',
    kind: 'api',
    access,
    tag,
    summary: 'Set the coverage target of a municipality and SNI section in a round (region admins)',
    body: targetForm,
    handler: async (ctx) => {
      await coverage.setTarget(ctx.db, ctx.actor, ctx.body);
    },
  }),
  exportApi('wide'),
  exportApi('needs'),
  defineRoute({
    method: 'GET',
    url: '/api/v1/insights/public',
    kind: 'api',
    access: PUBLIC,
    tag,
    summary: 'The open, suppressed county summary (no sign-in)',
    response: z.object({
      regionName: z.string(),
      roundName: z.string().nullable(),
      byUrgency: rollupOut.nullable(),
      bySection: rollupOut.nullable(),
      top: rankedOut,
    }),
    handler: async (ctx) => {
      const s = await service.publicSummary(lagTolerant(ctx.db), ctx.locale);
      return {
        regionName: s.regionName,
        roundName: s.roundName,
        byUrgency: s.byUrgency ? rollupJson(s.byUrgency) : null,
        bySection: s.bySection ? rollupJson(s.bySection) : null,
        top: s.top,
      };
    },
  }),
];
