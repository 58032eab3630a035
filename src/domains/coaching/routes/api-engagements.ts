// JSON API of engagements: the same rules and validation as the pages.
import { z } from 'zod';
import { type AnyRoute, defineRoute, policy } from '../../../platform/http/registry.ts';
import { canManageEngagements, canSeeEngagements } from '../policy.ts';
import {
  coachAssignInput,
  coachRemoveInput,
  engagementInput,
  engagementListQuery,
  intakeInput,
  stepChangeInput,
  steps,
} from '../schema.ts';
import * as service from '../service/engagements.ts';

const seeAccess = policy('canSeeEngagements', canSeeEngagements);
const manageAccess = policy('canManageEngagements', canManageEngagements);
const TAG = 'Coaching';
const idParams = z.object({ id: z.string().uuid() });
const step = z.enum(steps);

const listRow = z.object({
  id: z.string().uuid(),
  companyId: z.string().uuid(),
  companyName: z.string(),
  municipalityCode: z.string(),
  municipalityName: z.string(),
  step,
  stepChangedAt: z.string(),
  plannedHours: z.number(),
  usedMinutes: z.number().int().describe('minutes of held meetings'),
  nextMeetingOn: z.string().nullable(),
  overdueFollowups: z.number().int(),
  overdueActions: z.number().int(),
  coachNames: z.string().nullable(),
});
const listOut = z.object({ total: z.number().int(), page: z.number().int(), rows: z.array(listRow) });
const coachOut = z.object({
  userId: z.string().uuid(),
  name: z.string(),
  organisationId: z.string().uuid(),
  organisationName: z.string(),
  assignedAt: z.string(),
  removedAt: z.string().nullable(),
  removedReason: z.string().nullable(),
});
const engagementOut = z.object({
  id: z.string().uuid(),
  companyId: z.string().uuid(),
  companyName: z.string(),
  municipalityCode: z.string(),
  municipalityName: z.string(),
  step,
  stepChangedAt: z.string(),
  plannedHours: z.number(),
  usedMinutes: z.number().int(),
  smeChecked: z.boolean(),
  inCountyChecked: z.boolean(),
  agreementSignedOn: z.string().nullable(),
  agreementReference: z.string().nullable(),
  mappingId: z.string().uuid().nullable(),
  planAdoptedVersion: z.number().int(),
  blockers: z.array(z.string()).describe('catalogue keys of what stops the next step'),
  coaches: z.array(coachOut).describe('current and earlier assignments'),
  steps: z.array(
    z.object({
      fromStep: step.nullable(),
      toStep: step,
      reason: z.string().nullable(),
      changedByName: z.string().nullable(),
      changedAt: z.string(),
    }),
  ),
  access: z.object({
    isStaff: z.boolean(),
    canManage: z.boolean(),
    canEdit: z.boolean(),
    isCompany: z.boolean(),
  }),
});

type Row = service.EngagementListRow;
const rowJson = (r: Row): z.infer<typeof listRow> => ({ ...r, stepChangedAt: r.stepChangedAt.toISOString() });

async function detailJson(d: service.EngagementDetail): Promise<z.infer<typeof engagementOut>> {
  const e = d.engagement;
  return {
    id: e.id,
    companyId: e.companyId,
    companyName: e.companyName,
    municipalityCode: e.municipalityCode,
    municipalityName: e.municipalityName,
    step: e.step,
    stepChangedAt: e.stepChangedAt.toISOString(),
    plannedHours: e.plannedHours,
    usedMinutes: d.usedMinutes,
    smeChecked: e.smeChecked,
    inCountyChecked: e.inCountyChecked,
    agreementSignedOn: e.agreementSignedOn,
    agreementReference: d.isStaff ? e.agreementReference : null,
    mappingId: e.mappingId,
    planAdoptedVersion: d.planAdoptedVersion,
    blockers: d.blockers,
    coaches: (d.isStaff ? d.coachHistory : d.coaches).map((c) => ({
      userId: c.userId,
      name: c.name,
      organisationId: c.organisationId,
      organisationName: c.organisationName,
      assignedAt: c.assignedAt.toISOString(),
      removedAt: c.removedAt?.toISOString() ?? null,
      removedReason: d.isStaff ? c.removedReason : null,
    })),
    steps: d.isStaff ? d.steps.map((s) => ({ ...s, changedAt: s.changedAt.toISOString() })) : [],
    access: { isStaff: d.isStaff, canManage: d.canManage, canEdit: d.canEdit, isCompany: d.isCompany },
  };
}

export const engagementApiRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/coaching/engagements',
    kind: 'api',
    access: seeAccess,
    query: engagementListQuery,
    summary: 'Engagements in scope (a coach: their own), with step, next meeting, overdue items and hours',
    tag: TAG,
    response: listOut,
    handler: async (ctx) => {
      const list = await service.listEngagements(ctx.db, ctx.actor, ctx.query);
      return { total: list.total, page: list.page, rows: list.rows.map(rowJson) };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/coaching/board',
    kind: 'api',
    access: seeAccess,
    query: engagementListQuery,
    summary: 'Open engagements in scope grouped by step',
    tag: TAG,
    response: z.object({ columns: z.array(z.object({ step, rows: z.array(listRow) })) }),
    handler: async (ctx) => {
      const b = await service.board(ctx.db, ctx.actor, ctx.query);
      return { columns: b.columns.map((c) => ({ step: c.step, rows: c.rows.map(rowJson) })) };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/coaching/engagements',
    kind: 'api',
    access: manageAccess,
    body: engagementInput,
    summary: 'Start an engagement for a company (one open engagement per company)',
    tag: TAG,
    successStatus: 201,
    response: engagementOut,
    handler: async (ctx) => {
      const id = await service.createEngagement(ctx.db, { actor: ctx.actor, ip: ctx.ip }, ctx.body);
      return detailJson(await service.getEngagementDetail(ctx.db, ctx.actor, id));
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/coaching/engagements/:id',
    kind: 'api',
    access: seeAccess,
    params: idParams,
    summary: 'One engagement with coaches, step history and what blocks the next step',
    tag: TAG,
    response: engagementOut,
    handler: async (ctx) => detailJson(await service.getEngagementDetail(ctx.db, ctx.actor, ctx.params.id)),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/coaching/engagements/:id/step',
    kind: 'api',
    access: seeAccess,
    params: idParams,
    body: stepChangeInput,
    summary: 'Change the step: forward one step, or back / close early with a reason',
    tag: TAG,
    response: engagementOut,
    handler: async (ctx) => {
      await service.changeStep(ctx.db, { actor: ctx.actor, ip: ctx.ip }, ctx.params.id, ctx.body);
      return detailJson(await service.getEngagementDetail(ctx.db, ctx.actor, ctx.params.id));
    },
  }),
  defineRoute({
    method: 'PUT',
    url: '/api/v1/coaching/engagements/:id/intake',
    kind: 'api',
    access: manageAccess,
    params: idParams,
    body: intakeInput,
    summary: 'Record the intake: SME and county checks, cooperation agreement, planned hours',
    tag: TAG,
    response: engagementOut,
    handler: async (ctx) => {
      await service.saveIntake(ctx.db, { actor: ctx.actor, ip: ctx.ip }, ctx.params.id, ctx.body);
      return detailJson(await service.getEngagementDetail(ctx.db, ctx.actor, ctx.params.id));
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/coaching/engagements/:id/coaches',
    kind: 'api',
    access: manageAccess,
    params: idParams,
    body: coachAssignInput,
    summary: 'Assign a coach of the region',
    tag: TAG,
    response: engagementOut,
    handler: async (ctx) => {
      await service.assignCoach(ctx.db, { actor: ctx.actor, ip: ctx.ip }, ctx.params.id, ctx.body.coachId);
      return detailJson(await service.getEngagementDetail(ctx.db, ctx.actor, ctx.params.id));
    },
  }),
  defineRoute({
    method: 'DELETE',
    url: '/api/v1/coaching/engagements/:id/coaches/:userId',
    kind: 'api',
    access: manageAccess,
    params: z.object({ id: z.string().uuid(), userId: z.string().uuid() }),
    body: z.preprocess((v) => v ?? {}, coachRemoveInput),
    summary: 'Remove a coach (history kept; access ends at once); optional JSON body {reason}',
    tag: TAG,
    response: engagementOut,
    handler: async (ctx) => {
      await service.removeCoach(
        ctx.db,
        { actor: ctx.actor, ip: ctx.ip },
        ctx.params.id,
        ctx.params.userId,
        ctx.body.reason,
      );
      return detailJson(await service.getEngagementDetail(ctx.db, ctx.actor, ctx.params.id));
    },
  }),
];
