// The JSON API of doing a mapping (/api/v1): the same service calls and access rules as the pages.
// A save conflict is not an error here: PUT …/sections/:key answers 409 with both versions in the body
// (`{conflict: {theirs, mine, updatedByName, updatedAt, revision}}`), because the problem document of the
// error path cannot carry them.
import { z } from 'zod';
import { type AnyRoute, defineRoute, policy } from '../../platform/http/registry.ts';
import type { SectionAnswers } from './answers/shape.ts';
import * as mappings from './service/mappings.ts';

const listAccess = policy('canListMappings', mappings.canListMappings);
const startAccess = policy('canStartMappings', mappings.canStartMappings);
const adminAccess = policy('canReopenMappings', mappings.canReopenMappings);
const TAG = 'Mappings';
const idParams = z.object({ id: z.string().uuid() });
const sectionParams = z.object({ id: z.string().uuid(), key: z.string().regex(/^[a-z][A-Za-z0-9]{0,59}$/) });
const blank = (v: unknown) => (v === '' ? undefined : v);

const status = z.enum(['in_progress', 'submitted']);
const answers = z.record(z.string(), z.unknown()).describe('Draft answers by question key (lenient shape)');
const fieldErrors = z.array(
  z.object({
    field: z.string(),
    message: z.string(),
    params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  }),
);
const roundOut = z.object({
  id: z.string().uuid(),
  key: z.string(),
  nameSv: z.string(),
  nameEn: z.string(),
  opensOn: z.string().nullable(),
  closesOn: z.string().nullable(),
});
const iso = (d: Date | null) => (d ? d.toISOString() : null);
const roundJson = (r: mappings.RoundRow) => ({
  id: r.id,
  key: r.key,
  nameSv: r.nameSv,
  nameEn: r.nameEn,
  opensOn: r.opensOn,
  closesOn: r.closesOn,
});

export const mappingApiRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/mappings',
    kind: 'api',
    access: listAccess,
    summary: 'List mappings in your scope (filters: round, status, company name)',
    tag: TAG,
    query: z.object({
      q: z.preprocess(blank, z.string().trim().max(100).optional()),
      round: z.preprocess(blank, z.string().uuid().optional()),
      status: z.preprocess(blank, status.optional()),
      company: z.preprocess(blank, z.string().uuid().optional()),
      page: z.preprocess(blank, z.coerce.number().int().min(1).max(10_000).default(1)),
      pageSize: z.preprocess(blank, z.coerce.number().int().min(1).max(200).default(25)),
    }),
    response: z.object({
      items: z.array(
        z.object({
          id: z.string().uuid(),
          companyId: z.string().uuid(),
          companyName: z.string(),
          roundId: z.string().uuid(),
          roundNameSv: z.string(),
          roundNameEn: z.string(),
          mode: z.enum(['interview', 'self_service']),
          status,
          updatedAt: z.string(),
          submittedAt: z.string().nullable(),
          maturityScore: z.number().nullable(),
        }),
      ),
      total: z.number().int(),
    }),
    handler: async (ctx) => {
      const { items, total } = await mappings.listMappings(ctx.db, ctx.actor, {
        q: ctx.query.q,
        roundId: ctx.query.round,
        status: ctx.query.status,
        companyId: ctx.query.company,
        page: ctx.query.page,
        pageSize: ctx.query.pageSize,
      });
      return {
        items: items.map((m) => ({
          ...m,
          updatedAt: m.updatedAt.toISOString(),
          submittedAt: iso(m.submittedAt),
        })),
        total,
      };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/mappings',
    kind: 'api',
    access: startAccess,
    summary: "Start (or find) a company's mapping of a round, to be filled in at an interview",
    tag: TAG,
    body: z.object({ companyId: z.string().uuid(), roundId: z.string().uuid() }),
    response: z.object({ id: z.string().uuid(), created: z.boolean() }),
    successStatus: 201,
    handler: async (ctx) => mappings.startMapping(ctx.db, ctx.actor, ctx.body, ctx.ip),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/mappings/invite',
    kind: 'api',
    access: startAccess,
    summary: "Invite a company contact to fill in the company's mapping of a round (sends an e-mail)",
    tag: TAG,
    body: z.object({
      companyId: z.string().uuid(),
      roundId: z.string().uuid(),
      contactId: z.string().uuid(),
    }),
    response: z.object({ id: z.string().uuid(), email: z.string() }),
    successStatus: 201,
    handler: async (ctx) => mappings.inviteToMapping(ctx.deps, { actor: ctx.actor, ip: ctx.ip }, ctx.body),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/mappings/:id',
    kind: 'api',
    access: listAccess,
    summary: 'A mapping: round, instrument version, draft answers, section states, business-sensitive marks',
    tag: TAG,
    params: idParams,
    response: z.object({
      mapping: z.object({
        id: z.string().uuid(),
        companyId: z.string().uuid(),
        companyName: z.string(),
        mode: z.enum(['interview', 'self_service']),
        status,
        revision: z.number().int(),
        noticeAcceptedAt: z.string().nullable(),
        startedAt: z.string(),
        updatedAt: z.string(),
        updatedByName: z.string().nullable(),
        submittedAt: z.string().nullable(),
      }),
      round: roundOut,
      instrument: z.object({ id: z.string().uuid(), key: z.string(), version: z.number().int() }),
      answers,
      sections: z.record(
        z.string(),
        z.object({ revision: z.number().int(), updatedAt: z.string(), updatedByName: z.string().nullable() }),
      ),
      sensitive: z.array(z.string()),
      canEdit: z.boolean(),
      canReopen: z.boolean(),
    }),
    handler: async (ctx) => {
      const v = await mappings.getMapping(ctx.db, ctx.actor, ctx.params.id);
      const m = v.mapping;
      return {
        mapping: {
          id: m.id,
          companyId: m.companyId,
          companyName: m.companyName,
          mode: m.mode,
          status: m.status,
          revision: m.revision,
          noticeAcceptedAt: iso(m.noticeAcceptedAt),
          startedAt: m.startedAt.toISOString(),
          updatedAt: m.updatedAt.toISOString(),
          updatedByName: m.updatedByName,
          submittedAt: iso(m.submittedAt),
        },
        round: roundJson(v.round),
        instrument: { id: m.instrumentId, key: v.definition.key, version: v.definition.version },
        answers: v.answers,
        sections: Object.fromEntries(
          Object.entries(v.sections).map(([k, s]) => [
            k,
            { revision: s.revision, updatedAt: s.updatedAt.toISOString(), updatedByName: s.updatedByName },
          ]),
        ),
        sensitive: m.sensitiveQuestions,
        canEdit: v.canEdit,
        canReopen: v.canReopen,
      };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/mappings/:id/notice',
    kind: 'api',
    access: listAccess,
    summary: 'Accept the visibility notice, marking the business-sensitive questions',
    tag: TAG,
    params: idParams,
    body: z.object({ sensitive: z.array(z.string().max(60)).max(500).default([]) }),
    handler: async (ctx) => {
      await mappings.acceptNotice(ctx.db, ctx.actor, ctx.params.id, ctx.body.sensitive, ctx.ip);
    },
  }),
  defineRoute({
    method: 'PUT',
    url: '/api/v1/mappings/:id/sections/:key',
    kind: 'api',
    access: listAccess,
    summary:
      "Save a section's answers as entered (200 with revision and validation errors; 409 with both versions on a conflict)",
    tag: TAG,
    params: sectionParams,
    body: z.object({
      baseRevision: z.number().int().min(0),
      answers,
      force: z.boolean().optional(),
    }),
    response: z.object({ revision: z.number().int(), changed: z.boolean(), errors: fieldErrors }),
    handler: async (ctx) => {
      const r = await mappings.saveSection(ctx.db, ctx.actor, ctx.params.id, ctx.params.key, {
        baseRevision: ctx.body.baseRevision,
        answers: ctx.body.answers,
        force: ctx.body.force ?? false,
      });
      if (r.kind === 'conflict') {
        const conflict: {
          theirs: SectionAnswers;
          mine: SectionAnswers;
          updatedByName: string | null;
          updatedAt: string;
          revision: number;
        } = {
          theirs: r.theirs,
          mine: r.mine,
          updatedByName: r.updatedByName,
          updatedAt: r.updatedAt.toISOString(),
          revision: r.revision,
        };
        return ctx.reply.code(409).type('application/json').send({ conflict });
      }
      return { revision: r.revision, changed: r.changed, errors: r.errors };
    },
  }),
  defineRoute({
    method: 'PUT',
    url: '/api/v1/mappings/:id/sensitive',
    kind: 'api',
    access: listAccess,
    summary: 'Replace the business-sensitive marks (requests for a secrecy review)',
    tag: TAG,
    params: idParams,
    body: z.object({ sensitive: z.array(z.string().max(60)).max(500) }),
    response: z.object({ sensitive: z.array(z.string()) }),
    handler: async (ctx) => ({
      sensitive: await mappings.markSensitive(ctx.db, ctx.actor, ctx.params.id, ctx.body.sensitive, ctx.ip),
    }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/mappings/:id/submit',
    kind: 'api',
    access: listAccess,
    summary: 'Submit and lock the mapping (422 lists every problem, fields q.<question>…)',
    tag: TAG,
    params: idParams,
    handler: async (ctx) => {
      await mappings.submitMapping(ctx.db, ctx.actor, ctx.params.id, ctx.ip);
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/mappings/:id/reopen',
    kind: 'api',
    access: adminAccess,
    summary: 'Reopen a submitted mapping (region administrators; the reason is audited)',
    tag: TAG,
    params: idParams,
    body: z.object({ reason: z.string().max(2000) }),
    handler: async (ctx) => {
      await mappings.reopenMapping(ctx.db, ctx.actor, ctx.params.id, ctx.body.reason, ctx.ip);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/mapping/rounds',
    kind: 'api',
    access: listAccess,
    summary: 'The mapping rounds of your regions',
    tag: TAG,
    response: z.object({ items: z.array(roundOut) }),
    handler: async (ctx) => ({ items: (await mappings.listRounds(ctx.db, ctx.actor)).map(roundJson) }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/mapping/rounds',
    kind: 'api',
    access: adminAccess,
    summary: 'Create a mapping round in your region (region administrators)',
    tag: TAG,
    body: z.object({
      key: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'mapping.instrument.keyFormat'),
      nameSv: z.string().trim().min(1, 'validation.required').max(200, 'validation.tooLong'),
      nameEn: z.string().trim().min(1, 'validation.required').max(200, 'validation.tooLong'),
      opensOn: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/, 'validation.date')
        .refine(isCalendarDate, 'validation.date')
        .nullable()
        .default(null),
      closesOn: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/, 'validation.date')
        .refine(isCalendarDate, 'validation.date')
        .nullable()
        .default(null),
    }),
    response: z.object({ id: z.string().uuid() }),
    successStatus: 201,
    handler: async (ctx) => ({ id: await mappings.createRound(ctx.db, ctx.actor, ctx.body, ctx.ip) }),
  }),
];

/** A real calendar date (PostgreSQL refuses 2026-02-30 with an error, not a validation message). */
function isCalendarDate(v: string): boolean {
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}
