// Gallring: pages and /api/v1 for retention decisions and disposal proposals (region administrators).
import { z } from 'zod';
import { hasRole } from '../../../platform/auth.ts';
import { f, isCalendarDate } from '../../../platform/http/forms.ts';
import { type AnyRoute, defineRoute, policy } from '../../../platform/http/registry.ts';
import { type T, translator } from '../../../platform/i18n/index.ts';
import { retentionMessages } from '../messages/retention.ts';
import * as service from '../service/retention.ts';
import { recordTypeKeys } from '../service/retention-types.ts';
import { ProposalPage, RetentionPage } from '../views/retention.tsx';
import { type AnyCtx, type Failed, formState, sendDownload, statusOf, validationFailure } from './shared.ts';

const access = policy('isRegionAdmin', (a) => hasRole(a, 'region_admin'));
const tOf = (ctx: AnyCtx) => translator(retentionMessages, ctx.locale);
/** Keys built at run time (record types) go through the untyped translator. */
const tAny = (ctx: AnyCtx) => translator(retentionMessages, ctx.locale) as T<string>;
const idParams = z.object({ id: z.string().uuid() });
const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

export const decisionInput = z.object({
  recordType: f.choice(recordTypeKeys),
  reference: f.text(200),
  decidedOn: z.preprocess(
    blank,
    z.string({ error: 'validation.required' }).refine(isCalendarDate, 'validation.date'),
  ),
  retentionMonths: f.int(1, 1200),
  archiveIdentities: f.checkbox(),
});
const rejectInput = z.object({ reason: f.text(2000) });

const decisionOut = z.object({
  id: z.string().uuid(),
  recordType: z.string(),
  reference: z.string(),
  decidedOn: z.string(),
  retentionMonths: z.number().int(),
  archiveIdentities: z.boolean(),
  recordedByName: z.string().nullable(),
  recordedAt: z.date(),
  supersededAt: z.date().nullable(),
});
const proposalOut = z.object({
  id: z.string().uuid(),
  recordType: z.string(),
  decisionReference: z.string(),
  retentionMonths: z.number().int(),
  archiveIdentities: z.boolean(),
  cutoff: z.date(),
  recordCount: z.number().int(),
  status: z.enum(['proposed', 'confirmed', 'rejected', 'done']),
  proposedAt: z.date(),
  decidedByName: z.string().nullable(),
  decidedAt: z.date().nullable(),
  reason: z.string().nullable(),
  doneAt: z.date().nullable(),
  deletedCount: z.number().int().nullable(),
  hasArchive: z.boolean(),
});
const overviewOut = z.object({
  types: z.array(z.object({ key: z.string(), referenceDate: z.string(), current: decisionOut.nullable() })),
  decisions: z.array(decisionOut),
  proposals: z.array(proposalOut),
});

type Decision = Awaited<ReturnType<typeof service.retentionOverview>>['decisions'][number];
type Proposal = Awaited<ReturnType<typeof service.getProposal>>;
const decisionJson = ({ regionId: _r, ...d }: Decision) => d;
const proposalJson = ({ regionId: _r, decisionId: _d, archiveId, ...p }: Proposal) => ({
  ...p,
  hasArchive: archiveId !== null,
});

async function renderOverview(ctx: AnyCtx, failed: Failed | null) {
  const t = tOf(ctx);
  const vm = await service.retentionOverview(ctx.db, ctx.actor);
  return ctx.page(
    t('privacy.retention.title'),
    <RetentionPage t={t} csrf={ctx.csrfToken()} vm={vm} {...formState(failed)} />,
    statusOf(failed),
  );
}

async function renderProposal(ctx: AnyCtx, id: string, failed: Failed | null) {
  const t = tAny(ctx);
  const p = await service.getProposal(ctx.db, ctx.actor, id);
  return ctx.page(
    t('privacy.retention.proposal.title', { type: t(`privacy.retention.type.${p.recordType}`) }),
    <ProposalPage t={t} csrf={ctx.csrfToken()} p={p} {...formState(failed)} />,
    statusOf(failed),
  );
}

const write = (ctx: AnyCtx) => ({ actor: ctx.actor, ip: ctx.ip });

export const retentionRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/privacy/retention',
    kind: 'page',
    access,
    handler: async (ctx) => renderOverview(ctx as AnyCtx, null),
  }),
  defineRoute({
    method: 'POST',
    url: '/privacy/retention',
    kind: 'page',
    access,
    body: decisionInput,
    handler: async (ctx) => {
      if (!ctx.form.ok)
        return renderOverview(ctx as AnyCtx, { errors: ctx.form.errors, values: ctx.form.raw });
      try {
        await service.recordDecision(ctx.db, write(ctx as AnyCtx), ctx.form.value);
      } catch (err) {
        return renderOverview(ctx as AnyCtx, validationFailure(err, ctx.req.body));
      }
      return ctx.redirect('/privacy/retention', tOf(ctx as AnyCtx)('privacy.retention.recorded'));
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/privacy/retention/proposals/:id',
    kind: 'page',
    access,
    params: idParams,
    handler: async (ctx) => renderProposal(ctx as AnyCtx, ctx.params.id, null),
  }),
  defineRoute({
    method: 'POST',
    url: '/privacy/retention/proposals/:id/confirm',
    kind: 'page',
    access,
    params: idParams,
    handler: async (ctx) => {
      const r = await service.confirmProposal(ctx.db, ctx.deps.keyring, write(ctx as AnyCtx), ctx.params.id);
      return ctx.redirect(
        `/privacy/retention/proposals/${ctx.params.id}`,
        tOf(ctx as AnyCtx)('privacy.retention.proposal.deleted', { n: r.deleted }),
      );
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/privacy/retention/proposals/:id/reject',
    kind: 'page',
    access,
    params: idParams,
    body: rejectInput,
    handler: async (ctx) => {
      if (!ctx.form.ok)
        return renderProposal(ctx as AnyCtx, ctx.params.id, {
          errors: ctx.form.errors,
          values: ctx.form.raw,
        });
      await service.rejectProposal(ctx.db, write(ctx as AnyCtx), ctx.params.id, ctx.form.value.reason);
      return ctx.redirect(
        `/privacy/retention/proposals/${ctx.params.id}`,
        tOf(ctx as AnyCtx)('privacy.retention.proposal.rejected'),
      );
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/privacy/retention/proposals/:id/archive.json',
    kind: 'page',
    access,
    params: idParams,
    handler: async (ctx) => {
      const a = await service.downloadArchive(ctx.db, ctx.deps.keyring, write(ctx as AnyCtx), ctx.params.id);
      return sendDownload(ctx.reply, {
        type: 'application/json; charset=utf-8',
        name: a.fileName,
        body: a.json,
      });
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/privacy/retention',
    kind: 'api',
    access,
    summary: 'Record types, retention decisions and disposal proposals of the region',
    tag: 'Privacy',
    response: overviewOut,
    handler: async (ctx) => {
      const v = await service.retentionOverview(ctx.db, ctx.actor);
      return {
        types: v.types.map((r) => ({ ...r, current: r.current ? decisionJson(r.current) : null })),
        decisions: v.decisions.map(decisionJson),
        proposals: v.proposals.map(proposalJson),
      };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/privacy/retention/decisions',
    kind: 'api',
    access,
    body: decisionInput,
    summary: 'Record a retention decision for a record type (supersedes the current one)',
    tag: 'Privacy',
    response: z.object({ id: z.string().uuid() }),
    successStatus: 201,
    handler: async (ctx) => ({ id: await service.recordDecision(ctx.db, write(ctx as AnyCtx), ctx.body) }),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/privacy/retention/proposals/:id',
    kind: 'api',
    access,
    params: idParams,
    summary: 'One disposal proposal',
    tag: 'Privacy',
    response: proposalOut,
    handler: async (ctx) => proposalJson(await service.getProposal(ctx.db, ctx.actor, ctx.params.id)),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/privacy/retention/proposals/:id/confirm',
    kind: 'api',
    access,
    params: idParams,
    summary: 'Confirm a disposal: recompute the cutoff, seal the archive export, delete the records',
    tag: 'Privacy',
    response: proposalOut,
    handler: async (ctx) => {
      await service.confirmProposal(ctx.db, ctx.deps.keyring, write(ctx as AnyCtx), ctx.params.id);
      return proposalJson(await service.getProposal(ctx.db, ctx.actor, ctx.params.id));
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/privacy/retention/proposals/:id/reject',
    kind: 'api',
    access,
    params: idParams,
    body: rejectInput,
    summary: 'Reject a disposal proposal with a reason',
    tag: 'Privacy',
    response: proposalOut,
    handler: async (ctx) => {
      await service.rejectProposal(ctx.db, write(ctx as AnyCtx), ctx.params.id, ctx.body.reason);
      return proposalJson(await service.getProposal(ctx.db, ctx.actor, ctx.params.id));
    },
  }),
];
