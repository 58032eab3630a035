// The JSON API of training attendance: roll-call (GET/PUT with a correction reason), the occasion's
// overview and hours, the invoice basis, closing the occasion, evaluations. Same rules as the pages.
import { z } from 'zod';
import { type AnyRoute, defineRoute, policy } from '../../../platform/http/registry.ts';
import { canManageCourses, canTakeAttendance, isLearner } from '../policy.ts';
import * as evaluation from '../service/attendance-evaluation.ts';
import * as reports from '../service/attendance-reports.ts';
import * as rollcall from '../service/attendance-rollcall.ts';

const TAG = 'Training';
const idParams = z.object({ id: z.string().uuid() });
const takeAccess = policy('canTakeAttendance', canTakeAttendance);
const manageAccess = policy('canManageCourses', canManageCourses);
const activity = z.enum(['teaching', 'practice', 'digital', 'exam']);
const completion = z.enum(['pending', 'completed', 'not_completed']);
const payer = z.enum(['programme', 'company', 'free']);

const sessionOut = z.object({
  id: z.string().uuid(),
  startsAt: z.string(),
  endsAt: z.string(),
  activity,
  lengthMinutes: z.number().int(),
});
const sessionJson = (s: { id: string; startsAt: Date; endsAt: Date; activity: string; length: number }) => ({
  id: s.id,
  startsAt: s.startsAt.toISOString(),
  endsAt: s.endsAt.toISOString(),
  activity: s.activity as z.infer<typeof activity>,
  lengthMinutes: s.length,
});

const rollCallOut = z.object({
  occasionId: z.string().uuid(),
  courseTitle: z.string(),
  session: sessionOut,
  started: z.boolean(),
  recorded: z.boolean().describe('Some row is recorded: changing one is a correction and needs a reason'),
  rows: z.array(
    z.object({
      enrolmentId: z.string().uuid(),
      firstName: z.string(),
      lastName: z.string(),
      companyName: z.string(),
      minutes: z.number().int().nullable().describe('null when not yet recorded'),
      corrected: z.boolean(),
    }),
  ),
});

async function rollCallJson(rc: rollcall.RollCall): Promise<z.infer<typeof rollCallOut>> {
  return {
    occasionId: rc.occasion.occasionId,
    courseTitle: rc.occasion.courseTitle,
    session: sessionJson(rc.session),
    started: rc.started,
    recorded: rc.recorded,
    rows: rc.rows,
  };
}

const overviewOut = z.object({
  occasionId: z.string().uuid(),
  courseTitle: z.string(),
  completionPct: z.number().int(),
  scheduledMinutes: z.number().int(),
  ended: z.boolean(),
  sessions: z.array(sessionOut),
  learners: z.array(
    z.object({
      enrolmentId: z.string().uuid(),
      firstName: z.string(),
      lastName: z.string(),
      companyName: z.string(),
      completion,
      minutes: z.array(z.number().int().nullable()).describe('Per session, in the order of `sessions`'),
      totalMinutes: z.number().int(),
      hours: z.number().int().describe('Whole hours, rounded down per date and activity, summed'),
      pct: z.number().int(),
    }),
  ),
  hours: z.array(
    z.object({
      enrolmentId: z.string().uuid(),
      date: z.string(),
      activity,
      minutes: z.number().int(),
      hours: z.number().int(),
    }),
  ),
});

const invoiceOut = z.object({
  occasionId: z.string().uuid(),
  priceSek: z.number().int(),
  contractReference: z.string().nullable(),
  attendees: z.array(
    z.object({
      enrolmentId: z.string().uuid(),
      firstName: z.string(),
      lastName: z.string(),
      companyName: z.string(),
      minutes: z.number().int(),
      hours: z.number().int(),
      payer,
      priceSek: z.number().int(),
    }),
  ),
  payers: z.array(
    z.object({
      kind: payer,
      companyId: z.string().uuid().nullable(),
      companyName: z.string().nullable(),
      contractReference: z.string().nullable(),
      participants: z.number().int(),
      hours: z.number().int(),
      sumSek: z.number().int(),
    }),
  ),
  totalSek: z.number().int(),
  totalHours: z.number().int(),
});

const summaryOut = z.object({
  courseId: z.string().uuid(),
  count: z.number().int(),
  shown: z.boolean().describe(`False below ${evaluation.MIN_ANSWERS} answers: then no results are given`),
  overall: z.number().nullable(),
  relevance: z.number().nullable(),
  teaching: z.number().nullable(),
  recommendYes: z.number().int(),
  recommendNo: z.number().int(),
  comments: z.array(z.string()),
});

export const attendanceApiRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/training/sessions/:id/attendance',
    kind: 'api',
    access: takeAccess,
    summary: "A session's roll-call: the enrolled learners you may see and their recorded minutes",
    tag: TAG,
    params: idParams,
    response: rollCallOut,
    handler: async (ctx) => rollCallJson(await rollcall.getRollCall(ctx.db, ctx.actor, ctx.params.id)),
  }),
  defineRoute({
    method: 'PUT',
    url: '/api/v1/training/sessions/:id/attendance',
    kind: 'api',
    access: takeAccess,
    summary:
      'Record attendance minutes (0 to the session length); changing a recorded row needs a reason and is audited',
    tag: TAG,
    params: idParams,
    body: z.object({
      entries: z
        .array(z.object({ enrolmentId: z.string().uuid(), minutes: z.number().int() }))
        .min(1)
        .max(1000),
      reason: z.string().max(rollcall.REASON_MAX, 'validation.tooLong').optional(),
    }),
    response: rollCallOut,
    handler: async (ctx) => {
      await rollcall.saveRollCall(
        ctx.db,
        ctx.actor,
        ctx.params.id,
        ctx.body.entries,
        ctx.body.reason ?? null,
        ctx.ip,
      );
      return rollCallJson(await rollcall.getRollCall(ctx.db, ctx.actor, ctx.params.id));
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/training/occasions/:id/attendance',
    kind: 'api',
    access: manageAccess,
    summary: "An occasion's attendance: sessions × learners in minutes, whole hours per date and activity",
    tag: TAG,
    params: idParams,
    response: overviewOut,
    handler: async (ctx) => {
      const o = await reports.getOverview(ctx.db, ctx.actor, ctx.params.id);
      const h = await reports.getHoursReport(ctx.db, ctx.actor, ctx.params.id);
      return {
        occasionId: o.occasion.occasionId,
        courseTitle: o.occasion.courseTitle,
        completionPct: o.occasion.completionPct,
        scheduledMinutes: o.scheduledMinutes,
        ended: o.ended,
        sessions: o.sessions.map(sessionJson),
        learners: o.learners,
        hours: h.rows.map((r) => ({
          enrolmentId: r.enrolmentId,
          date: r.day,
          activity: r.activity as z.infer<typeof activity>,
          minutes: r.minutes,
          hours: r.hours,
        })),
      };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/training/occasions/:id/invoice-basis',
    kind: 'api',
    access: manageAccess,
    summary: "An occasion's invoice basis: attendees, whole hours, price and sums per payer",
    tag: TAG,
    params: idParams,
    response: invoiceOut,
    handler: async (ctx) => {
      const b = await reports.getInvoiceBasis(ctx.db, ctx.actor, ctx.params.id);
      return {
        occasionId: b.occasion.occasionId,
        priceSek: b.priceSek,
        contractReference: b.occasion.contractReference,
        attendees: b.attendees,
        payers: b.payers,
        totalSek: b.totalSek,
        totalHours: b.totalHours,
      };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/training/occasions/:id/complete',
    kind: 'api',
    access: manageAccess,
    summary:
      "Close an occasion after its last session: set each enrolment's completion from the attendance rule",
    tag: TAG,
    params: idParams,
    response: z.object({ completed: z.number().int(), notCompleted: z.number().int() }),
    handler: async (ctx) => reports.completeOccasion(ctx.db, ctx.actor, ctx.params.id, ctx.ip, ctx.deps),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/training/courses/:id/evaluations',
    kind: 'api',
    access: manageAccess,
    summary: `Summary of a course's evaluations (hidden below ${evaluation.MIN_ANSWERS} answers)`,
    tag: TAG,
    params: idParams,
    response: summaryOut,
    handler: async (ctx) => {
      const s = await evaluation.getEvaluationSummary(ctx.db, ctx.actor, ctx.params.id);
      const { course, ...rest } = s;
      return { courseId: course.courseId, ...rest };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/my/courses/:id/evaluation',
    kind: 'api',
    access: policy('isLearner', isLearner),
    summary: 'Answer the course evaluation of your own enrolment (once, after the last session)',
    tag: TAG,
    params: idParams,
    body: z.object({
      overall: z.number().int().min(1).max(5),
      relevance: z.number().int().min(1).max(5),
      teaching: z.number().int().min(1).max(5),
      wouldRecommend: z.boolean().nullable().optional(),
      comment: z.string().max(evaluation.COMMENT_MAX, 'validation.tooLong').optional(),
    }),
    successStatus: 201,
    response: z.object({ enrolmentId: z.string().uuid() }),
    handler: async (ctx) => {
      await evaluation.submitEvaluation(
        ctx.db,
        ctx.actor,
        ctx.params.id,
        {
          overall: ctx.body.overall,
          relevance: ctx.body.relevance,
          teaching: ctx.body.teaching,
          wouldRecommend: ctx.body.wouldRecommend ?? null,
          comment: (ctx.body.comment ?? '').trim(),
        },
        ctx.ip,
      );
      return { enrolmentId: ctx.params.id };
    },
  }),
];
