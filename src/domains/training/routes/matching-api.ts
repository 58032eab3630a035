// JSON API of needs-to-course matching and unmet demand (same validation and access as the pages).
import { z } from 'zod';
import { AppError } from '../../../platform/errors.ts';
import { type AnyRoute, defineRoute, policy } from '../../../platform/http/registry.ts';
import { type Locale, translator } from '../../../platform/i18n/index.ts';
import { messages } from '../messages.ts';
import * as matching from '../service/matching.ts';
import * as unmet from '../service/matching-unmet.ts';

const TAG = 'Training';
export const matchesAccess = policy('canSeeMatches', matching.canSeeMatches);
export const unmetAccess = policy('canViewUnmet', unmet.canViewUnmet);
export const publishAccess = policy('canPublishUnmet', unmet.canPublishUnmet);
export const publishedAccess = policy('canReadPublishedUnmet', unmet.canReadPublishedUnmet);
export const companyQuery = z.object({ company: z.string().uuid() });

const urgency = z.enum(['now', 'within6Months', 'within6To12Months', 'within1To3Years']);
const matchesOut = z.object({
  companyId: z.string().uuid(),
  companyName: z.string(),
  mappingId: z.string().uuid().nullable().describe('The latest submitted mapping; null when none'),
  needs: z.array(
    z.object({
      mappingId: z.string().uuid(),
      position: z.number().int(),
      competenceId: z.string().nullable(),
      competenceName: z.string().nullable(),
      ssykCode: z.string().nullable(),
      urgency,
      strategy: z.string(),
      gapSize: z.number().int(),
      women: z.number().int(),
      men: z.number().int(),
    }),
  ),
  matches: z.array(
    z.object({
      courseId: z.string().uuid(),
      title: z.string(),
      providerName: z.string(),
      format: z.enum(['classroom', 'digital', 'blended']),
      matchedCompetenceIds: z.array(z.string()),
      matchedCount: z.number().int(),
      neededCount: z.number().int(),
      occasionId: z.string().uuid().nullable().describe('Next open occasion still taking enrolments'),
      startsOn: z.string().nullable(),
      municipalityName: z.string().nullable(),
      place: z.enum(['municipality', 'county', 'digital', 'elsewhere', 'unknown']),
      score: z.number().describe('0–1; see the README, "Matching needs and courses"'),
      reasons: z.array(z.string()).describe('The reasons in words, in the request language'),
    }),
  ),
});

export function matchesJson(v: matching.MatchesView, locale: Locale): z.infer<typeof matchesOut> {
  const t = translator(messages, locale);
  return {
    companyId: v.companyId,
    companyName: v.companyName,
    mappingId: v.mappingId,
    needs: v.needs,
    matches: v.matches.map((m) => ({
      courseId: m.courseId,
      title: m.title,
      providerName: m.providerName,
      format: m.format,
      matchedCompetenceIds: m.matched,
      matchedCount: m.matchedCount,
      neededCount: m.neededCount,
      occasionId: m.occasionId,
      startsOn: m.startsOn,
      municipalityName: m.municipalityName,
      place: m.place,
      score: m.score,
      reasons: m.reasons.map((r) => t(r.key, r.params)),
    })),
  };
}

const cellOut = z.object({
  competenceId: z.string(),
  competenceName: z.string(),
  municipalityCode: z.string().nullable().describe('null: all municipalities (the competence total)'),
  municipalityName: z.string().nullable(),
  flag: z.enum(['shown', 'suppressed', 'wouldSuppress']),
  companies: z.number().int().nullable(),
  people: z.number().int().nullable(),
  women: z.number().int().nullable(),
  men: z.number().int().nullable(),
  urgentPeople: z.number().int().nullable(),
  mostUrgent: urgency.nullable(),
});
const rulesOut = z.object({ minCompanies: z.number(), minPeople: z.number(), dominance: z.number() });
const unmetOut = z.object({
  audience: z.enum(['admin', 'officer']),
  rules: rulesOut,
  cells: z.array(cellOut),
});
const publicationOut = z.object({
  id: z.string().uuid(),
  publishedAt: z.string(),
  rules: rulesOut,
  cells: z.array(cellOut),
});

function publicationJson(p: unmet.Publication): z.infer<typeof publicationOut> {
  return {
    id: p.id,
    publishedAt: p.publishedAt.toISOString(),
    rules: p.content.rules,
    cells: p.content.cells,
  };
}

export const matchingApiRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/training/matches',
    kind: 'api',
    access: matchesAccess,
    summary: "Suggested courses for a company's mapped needs, ranked, with the reasons",
    tag: TAG,
    query: companyQuery,
    response: matchesOut,
    handler: async (ctx) =>
      matchesJson(await matching.getMatches(ctx.db, ctx.actor, ctx.query.company), ctx.locale),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/training/unmet',
    kind: 'api',
    access: unmetAccess,
    summary: 'Unmet training demand by competence × municipality, disclosure-controlled (staff)',
    tag: TAG,
    response: unmetOut,
    handler: async (ctx) => {
      const v = await unmet.getUnmet(ctx.db, ctx.actor);
      return { audience: v.audience, rules: v.rules, cells: v.cells };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/training/unmet/publish',
    kind: 'api',
    access: publishAccess,
    summary: 'Publish the unmet demand to all providers of the region at once (region admins)',
    tag: TAG,
    response: publicationOut,
    successStatus: 201,
    handler: async (ctx) => publicationJson(await unmet.publishUnmet(ctx.db, ctx.actor, ctx.ip)),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/training/unmet/published',
    kind: 'api',
    access: publishedAccess,
    summary: 'The latest published unmet demand of the region (providers); 404 when none is published',
    tag: TAG,
    response: publicationOut,
    handler: async (ctx) => {
      const p = await unmet.getPublishedUnmet(ctx.db, ctx.actor);
      if (!p) throw new AppError('NOT_FOUND');
      return publicationJson(p);
    },
  }),
];
