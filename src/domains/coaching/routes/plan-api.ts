// The plan's JSON API (/api/v1/coaching/engagements/:id/plan…): the same services, validation and access
// as the pages.
import { z } from 'zod';
import { AppError } from '../../../platform/errors.ts';
import { type AnyRoute, defineRoute, policy } from '../../../platform/http/registry.ts';
import { canSeeEngagements } from '../policy.ts';
import { actionKinds } from '../schema.ts';
import {
  actionInput,
  actionStatuses,
  adoptInput,
  buildInput,
  commentInput,
  courseInput,
  planInput,
  statusInput,
} from '../schema-plan.ts';
import { findAction, getPlan, type PlanView } from '../service/plan.ts';
import { adoptPlan, buildFromGaps, diffVersions, getVersion } from '../service/plan-versions.ts';
import * as write from '../service/plan-write.ts';

export const planAccessPolicy = policy('canSeeEngagements', canSeeEngagements);
const TAG = 'Coaching';
const BASE = '/api/v1/coaching/engagements/:id/plan';
const idParams = z.object({ id: z.string().uuid() });
const actionParams = z.object({ id: z.string().uuid(), actionId: z.string().uuid() });

export function diffQuery() {
  const n = z.coerce.number().int().min(1).max(100_000).optional().catch(undefined);
  return z.object({ from: n, to: n });
}

const needOut = z.object({ mappingId: z.string().uuid(), position: z.number().int(), label: z.string() });
const actionOut = z.object({
  id: z.string().uuid(),
  title: z.string(),
  kind: z.enum(actionKinds),
  goalId: z.string().uuid().nullable(),
  goalTitle: z.string().nullable(),
  ownerName: z.string().nullable(),
  dueOn: z.string().nullable(),
  costSek: z.number().nullable(),
  hours: z.number().nullable(),
  status: z.enum(actionStatuses),
  needs: z.array(needOut),
  courses: z.array(z.object({ courseId: z.string().uuid(), courseTitle: z.string() })),
  comments: z.array(z.object({ authorName: z.string(), body: z.string(), createdAt: z.string() })),
});
const contentOut = z.object({
  companyName: z.string(),
  summary: z.string(),
  goals: z.array(z.object({ id: z.string(), title: z.string(), measure: z.string() })),
  actions: z.array(actionOut.omit({ comments: true })),
});
const versionOut = z.object({ number: z.number().int(), adoptedByName: z.string(), adoptedAt: z.string() });
const planOut = z.object({
  engagementId: z.string().uuid(),
  companyName: z.string(),
  summary: z.string(),
  revision: z.number().int(),
  adoptedVersion: z.number().int(),
  changedSinceAdoption: z.boolean(),
  goals: z.array(z.object({ id: z.string().uuid(), title: z.string(), measure: z.string() })),
  actions: z.array(actionOut),
  versions: z.array(versionOut),
  needs: z
    .array(
      z.object({
        position: z.number().int(),
        rank: z.number().int(),
        label: z.string(),
        strategy: z.string(),
        urgency: z.string(),
        planned: z.boolean(),
      }),
    )
    .nullable()
    .describe('The linked submitted mapping’s ranked needs; null without one'),
  canEdit: z.boolean(),
  canAdopt: z.boolean(),
  canComment: z.boolean(),
});
const fieldChange = z.object({ field: z.string(), from: z.string(), to: z.string() });
const diffOut = z.object({
  from: z.number().int(),
  to: z.number().int().nullable().describe('null: the working copy'),
  same: z.boolean(),
  summaryChanged: z.boolean(),
  goals: z.object({
    added: z.array(z.string()),
    removed: z.array(z.string()),
    changed: z.array(z.object({ id: z.string(), title: z.string(), changes: z.array(fieldChange) })),
  }),
  actions: z.object({
    added: z.array(z.string()),
    removed: z.array(z.string()),
    changed: z.array(z.object({ id: z.string(), title: z.string(), changes: z.array(fieldChange) })),
  }),
});

const versionJson = (v: { number: number; adoptedByName: string; adoptedAt: Date }) => ({
  number: v.number,
  adoptedByName: v.adoptedByName,
  adoptedAt: v.adoptedAt.toISOString(),
});

function planJson(p: PlanView): z.infer<typeof planOut> {
  return {
    engagementId: p.engagementId,
    companyName: p.companyName,
    summary: p.plan.summary,
    revision: p.plan.revision,
    adoptedVersion: p.plan.adoptedVersion,
    changedSinceAdoption: p.plan.changedSinceAdoption,
    goals: p.goals.map((g) => ({ id: g.id, title: g.title, measure: g.measure })),
    actions: p.actions.map((a) => ({
      kind: a.kind,
      status: a.status,
      id: a.id,
      title: a.title,
      goalId: a.goalId,
      goalTitle: a.goalTitle,
      ownerName: a.ownerName,
      dueOn: a.dueOn,
      costSek: a.costSek,
      hours: a.hours,
      needs: a.needs,
      courses: a.courses,
      comments: a.comments.map((c) => ({
        authorName: c.authorName,
        body: c.body,
        createdAt: c.createdAt.toISOString(),
      })),
    })),
    versions: p.versions.map(versionJson),
    needs:
      p.needOptions?.map((n) => ({
        position: n.position,
        rank: n.rank,
        label: n.label,
        strategy: n.strategy,
        urgency: n.urgency,
        planned: n.planned,
      })) ?? null,
    canEdit: p.canEdit,
    canAdopt: p.canAdopt,
    canComment: p.canComment,
  };
}

const actionPatch = actionInput.partial().extend({
  status: z.enum(actionStatuses).optional(),
  comment: z.string().trim().min(1).max(2000).optional(),
  revision: z.number().int().min(0).optional(),
});

export const planApiRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: BASE,
    kind: 'api',
    access: planAccessPolicy,
    summary:
      "An engagement's competence-supply plan (working copy), its versions and the mapping's ranked needs",
    tag: TAG,
    params: idParams,
    response: planOut,
    handler: async (ctx) => planJson(await getPlan(ctx.db, ctx.actor, ctx.params.id)),
  }),
  defineRoute({
    method: 'PUT',
    url: BASE,
    kind: 'api',
    access: planAccessPolicy,
    summary: "Save the plan's summary and goals (staff; `revision` for optimistic concurrency)",
    tag: TAG,
    params: idParams,
    body: planInput,
    response: planOut,
    handler: async (ctx) => {
      await write.savePlan(ctx.db, { actor: ctx.actor, ip: ctx.ip }, ctx.params.id, ctx.body);
      return planJson(await getPlan(ctx.db, ctx.actor, ctx.params.id));
    },
  }),
  defineRoute({
    method: 'POST',
    url: `${BASE}/actions`,
    kind: 'api',
    access: planAccessPolicy,
    summary: 'Add an action to the plan, linked to needs of the mapping (staff)',
    tag: TAG,
    params: idParams,
    body: actionInput,
    response: actionOut,
    successStatus: 201,
    handler: async (ctx) => {
      const id = await write.createAction(ctx.db, { actor: ctx.actor, ip: ctx.ip }, ctx.params.id, ctx.body);
      return actionJson(await getPlan(ctx.db, ctx.actor, ctx.params.id), id);
    },
  }),
  defineRoute({
    method: 'PATCH',
    url: `${BASE}/actions/:actionId`,
    kind: 'api',
    access: planAccessPolicy,
    summary: 'Change an action: its fields, and/or its status with an optional comment (staff)',
    tag: TAG,
    params: actionParams,
    body: actionPatch,
    response: actionOut,
    handler: async (ctx) => {
      const { id, actionId } = ctx.params;
      const w = { actor: ctx.actor, ip: ctx.ip };
      const { status, comment, revision, ...fields } = ctx.body;
      if (Object.keys(fields).length > 0) {
        const a = findAction(await getPlan(ctx.db, ctx.actor, id), actionId);
        const merged = actionInput.parse({
          title: a.title,
          kind: a.kind,
          goalId: a.goalId ?? undefined,
          ownerName: a.ownerName ?? undefined,
          dueOn: a.dueOn ?? undefined,
          costSek: a.costSek ?? undefined,
          hours: a.hours ?? undefined,
          needPositions: a.needs.map((n) => n.position),
        });
        await write.updateAction(ctx.db, w, id, actionId, { ...merged, ...fields }, revision);
      }
      if (status) await write.changeStatus(ctx.db, w, id, actionId, { status, comment: comment ?? null });
      else if (comment) await write.addComment(ctx.db, w, id, actionId, comment);
      return actionJson(await getPlan(ctx.db, ctx.actor, id), actionId);
    },
  }),
  defineRoute({
    method: 'DELETE',
    url: `${BASE}/actions/:actionId`,
    kind: 'api',
    access: planAccessPolicy,
    summary: 'Remove an action from the plan (staff)',
    tag: TAG,
    params: actionParams,
    handler: async (ctx) => {
      await write.deleteAction(ctx.db, { actor: ctx.actor, ip: ctx.ip }, ctx.params.id, ctx.params.actionId);
      return undefined;
    },
  }),
  defineRoute({
    method: 'POST',
    url: `${BASE}/actions/:actionId/comments`,
    kind: 'api',
    access: planAccessPolicy,
    summary: 'Comment on an action (staff and the company’s contacts)',
    tag: TAG,
    params: actionParams,
    body: commentInput,
    response: actionOut,
    successStatus: 201,
    handler: async (ctx) => {
      const { id, actionId } = ctx.params;
      await write.addComment(ctx.db, { actor: ctx.actor, ip: ctx.ip }, id, actionId, ctx.body.body);
      return actionJson(await getPlan(ctx.db, ctx.actor, id), actionId);
    },
  }),
  defineRoute({
    method: 'POST',
    url: `${BASE}/actions/:actionId/status`,
    kind: 'api',
    access: planAccessPolicy,
    summary: 'Change the status of an action, with an optional comment (staff)',
    tag: TAG,
    params: actionParams,
    body: statusInput,
    response: actionOut,
    handler: async (ctx) => {
      const { id, actionId } = ctx.params;
      await write.changeStatus(ctx.db, { actor: ctx.actor, ip: ctx.ip }, id, actionId, ctx.body);
      return actionJson(await getPlan(ctx.db, ctx.actor, id), actionId);
    },
  }),
  defineRoute({
    method: 'POST',
    url: `${BASE}/actions/:actionId/courses`,
    kind: 'api',
    access: planAccessPolicy,
    summary: 'Link a course of the training catalogue to an action (staff)',
    tag: TAG,
    params: actionParams,
    body: courseInput,
    response: actionOut,
    successStatus: 201,
    handler: async (ctx) => {
      const { id, actionId } = ctx.params;
      await write.addCourse(ctx.db, { actor: ctx.actor, ip: ctx.ip }, id, actionId, ctx.body);
      return actionJson(await getPlan(ctx.db, ctx.actor, id), actionId);
    },
  }),
  defineRoute({
    method: 'POST',
    url: `${BASE}/build`,
    kind: 'api',
    access: planAccessPolicy,
    summary:
      "Create suggested actions from the linked mapping's ranked gaps (default: the top five not yet planned)",
    tag: TAG,
    params: idParams,
    body: buildInput,
    response: planOut,
    successStatus: 201,
    handler: async (ctx) => {
      await buildFromGaps(ctx.db, { actor: ctx.actor, ip: ctx.ip }, ctx.params.id, ctx.body.needPositions);
      return planJson(await getPlan(ctx.db, ctx.actor, ctx.params.id));
    },
  }),
  defineRoute({
    method: 'POST',
    url: `${BASE}/adopt`,
    kind: 'api',
    access: planAccessPolicy,
    summary: 'Adopt the plan as a new frozen version (a company contact, or staff naming who adopted it)',
    tag: TAG,
    params: idParams,
    body: adoptInput,
    response: versionOut,
    successStatus: 201,
    handler: async (ctx) => {
      const n = await adoptPlan(ctx.db, { actor: ctx.actor, ip: ctx.ip }, ctx.params.id, ctx.body);
      return versionJson(await getVersion(ctx.db, ctx.actor, ctx.params.id, n));
    },
  }),
  defineRoute({
    method: 'GET',
    url: `${BASE}/versions`,
    kind: 'api',
    access: planAccessPolicy,
    summary: 'Adopted versions of the plan, latest first',
    tag: TAG,
    params: idParams,
    response: z.array(versionOut),
    handler: async (ctx) => (await getPlan(ctx.db, ctx.actor, ctx.params.id)).versions.map(versionJson),
  }),
  defineRoute({
    method: 'GET',
    url: `${BASE}/versions/:n`,
    kind: 'api',
    access: planAccessPolicy,
    summary: 'One adopted version of the plan with its frozen content',
    tag: TAG,
    params: z.object({ id: z.string().uuid(), n: z.coerce.number().int().min(1).max(100_000) }),
    response: versionOut.extend({ content: contentOut }),
    handler: async (ctx) => {
      const v = await getVersion(ctx.db, ctx.actor, ctx.params.id, ctx.params.n);
      return { ...versionJson(v), content: v.content };
    },
  }),
  defineRoute({
    method: 'GET',
    url: `${BASE}/diff`,
    kind: 'api',
    access: planAccessPolicy,
    summary: 'Differences between two versions (from, to), or a version and the working copy (no `to`)',
    tag: TAG,
    params: idParams,
    query: diffQuery(),
    response: diffOut,
    handler: async (ctx) => {
      const d = await diffVersions(ctx.db, ctx.actor, ctx.params.id, ctx.query);
      const titles = (xs: { title: string }[]) => xs.map((x) => x.title);
      return {
        from: d.from,
        to: d.to,
        same: d.diff.same,
        summaryChanged: d.diff.summary !== null,
        goals: { ...d.diff.goals, added: titles(d.diff.goals.added), removed: titles(d.diff.goals.removed) },
        actions: {
          ...d.diff.actions,
          added: titles(d.diff.actions.added),
          removed: titles(d.diff.actions.removed),
        },
      };
    },
  }),
];

function actionJson(p: PlanView, actionId: string): z.infer<typeof actionOut> {
  const a = planJson(p).actions.find((x) => x.id === actionId);
  if (!a) throw new AppError('NOT_FOUND');
  return a;
}
