// Pages of training attendance: the roll-call of a session (phone first, no JavaScript), the provider's
// overview of an occasion with hours and exports, closing the occasion, the invoice basis, the learner's
// course evaluation and the evaluation summary. The JSON API mirror is in attendance-api.ts.
import { z } from 'zod';
import { AppError, type FieldError } from '../../../platform/errors.ts';
import { f, rawForm } from '../../../platform/http/forms.ts';
import { type AnyRoute, type Ctx, defineRoute, policy } from '../../../platform/http/registry.ts';
import { translator } from '../../../platform/i18n/index.ts';
import { messages, type TrainingKey } from '../messages.ts';
import { canManageCourses, canTakeAttendance, isLearner } from '../policy.ts';
import * as evaluation from '../service/attendance-evaluation.ts';
import { exportHours, exportInvoiceBasis } from '../service/attendance-export.ts';
import * as reports from '../service/attendance-reports.ts';
import * as rollcall from '../service/attendance-rollcall.ts';
import { EvaluationFormView, EvaluationSummaryView } from '../views/attendance-evaluation.tsx';
import { InvoiceView, OverviewView } from '../views/attendance-reports.tsx';
import { RollCallView } from '../views/attendance-rollcall.tsx';
import { attendanceApiRoutes } from './attendance-api.ts';
import { rollCallEntries } from './attendance-form.ts';

type AnyCtx = Ctx<unknown, unknown, unknown>;
const idParams = z.object({ id: z.string().uuid() });
const takeAccess = policy('canTakeAttendance', canTakeAttendance);
const manageAccess = policy('canManageCourses', canManageCourses);
const learnerAccess = policy('isLearner', isLearner);

async function renderRollCall(
  ctx: AnyCtx,
  sessionId: string,
  opts: { typed?: Record<string, string>; errors?: FieldError[]; status?: number } = {},
) {
  const t = translator(messages, ctx.locale);
  const rc = await rollcall.getRollCall(ctx.db, ctx.actor, sessionId);
  return ctx.page(
    `${t('training.attendance.rollCallTitle')} – ${rc.occasion.courseTitle}`,
    <RollCallView
      t={t}
      csrf={ctx.csrfToken()}
      typed={opts.typed ?? null}
      errors={opts.errors ?? []}
      vm={{
        courseTitle: rc.occasion.courseTitle,
        occasionId: rc.occasion.occasionId,
        session: rc.session,
        manager: rc.manager,
        started: rc.started,
        recorded: rc.recorded,
        rows: rc.rows,
      }}
    />,
    opts.status ?? 200,
  );
}

const evaluationForm = z.object({
  overall: f.choice(['1', '2', '3', '4', '5']),
  relevance: f.choice(['1', '2', '3', '4', '5']),
  teaching: f.choice(['1', '2', '3', '4', '5']),
  recommend: z.preprocess(
    (v) => v ?? 'noAnswer',
    z.enum(['yes', 'no', 'noAnswer'], { error: 'validation.choice' }),
  ),
  comment: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : ''),
    z.string().max(evaluation.COMMENT_MAX, 'validation.tooLong'),
  ),
});

async function renderEvaluation(
  ctx: AnyCtx,
  enrolmentId: string,
  opts: { typed?: Record<string, string>; errors?: FieldError[]; status?: number } = {},
) {
  const t = translator(messages, ctx.locale);
  const ev = await evaluation.getEvaluation(ctx.db, ctx.actor, enrolmentId);
  return ctx.page(
    t('training.attendance.eval.title'),
    <EvaluationFormView
      t={t}
      csrf={ctx.csrfToken()}
      typed={opts.typed ?? {}}
      errors={opts.errors ?? []}
      vm={{
        enrolmentId,
        courseTitle: ev.target.courseTitle,
        completion: ev.target.completion,
        state: ev.state,
      }}
    />,
    opts.status ?? 200,
  );
}

function conflictText(ctx: AnyCtx, err: unknown): string {
  if (!(err instanceof AppError) || err.code !== 'CONFLICT') throw err;
  const t = translator(messages, ctx.locale);
  return err.message.startsWith('training.') ? t(err.message as TrainingKey) : t('error.409.title');
}

export const attendanceRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/training/sessions/:id/attendance',
    kind: 'page',
    access: takeAccess,
    params: idParams,
    handler: async (ctx) => renderRollCall(ctx as AnyCtx, ctx.params.id),
  }),
  defineRoute({
    method: 'POST',
    url: '/training/sessions/:id/attendance',
    kind: 'page',
    access: takeAccess,
    params: idParams,
    handler: async (ctx) => {
      const t = translator(messages, ctx.locale);
      const id = ctx.params.id;
      const raw = rawForm(ctx.req.body);
      const rc = await rollcall.getRollCall(ctx.db, ctx.actor, id);
      try {
        await rollcall.saveRollCall(
          ctx.db,
          ctx.actor,
          id,
          rollCallEntries(rc, raw),
          raw.reason ?? null,
          ctx.ip,
        );
      } catch (err) {
        if (err instanceof AppError && err.code === 'VALIDATION')
          return renderRollCall(ctx as AnyCtx, id, { typed: raw, errors: err.fields, status: 422 });
        return ctx.redirect(`/training/sessions/${id}/attendance`, conflictText(ctx as AnyCtx, err));
      }
      return ctx.redirect(`/training/sessions/${id}/attendance`, t('training.attendance.saved'));
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/training/occasions/:id/attendance',
    kind: 'page',
    access: manageAccess,
    params: idParams,
    handler: async (ctx) => {
      const t = translator(messages, ctx.locale);
      const o = await reports.getOverview(ctx.db, ctx.actor, ctx.params.id);
      const hours = await reports.getHoursReport(ctx.db, ctx.actor, ctx.params.id);
      return ctx.page(
        `${t('training.attendance.overviewTitle')} – ${o.occasion.courseTitle}`,
        <OverviewView
          t={t}
          csrf={ctx.csrfToken()}
          vm={{
            occasionId: o.occasion.occasionId,
            courseTitle: o.occasion.courseTitle,
            completionPct: o.occasion.completionPct,
            sessions: o.sessions,
            scheduledMinutes: o.scheduledMinutes,
            learners: o.learners,
            sessionTotals: o.sessionTotals,
            totalMinutes: o.totalMinutes,
            totalHours: o.totalHours,
            ended: o.ended,
            closed: o.closed,
            hours: hours.rows.map((r) => ({ ...r, activity: r.activity as 'teaching' })),
          }}
        />,
      );
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/training/occasions/:id/attendance/export',
    kind: 'page',
    access: manageAccess,
    params: idParams,
    query: z.object({ format: z.enum(['csv', 'xlsx']).default('csv') }),
    handler: async (ctx) => {
      const out = await exportHours(ctx.db, ctx.actor, ctx.params.id, ctx.query.format, ctx.locale);
      return ctx.reply
        .header('cache-control', 'no-store')
        .header('content-disposition', `attachment; filename="${out.fileName}"`)
        .type(out.contentType)
        .send(out.body);
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/training/occasions/:id/complete',
    kind: 'page',
    access: manageAccess,
    params: idParams,
    handler: async (ctx) => {
      const t = translator(messages, ctx.locale);
      const back = `/training/occasions/${ctx.params.id}/attendance`;
      try {
        const r = await reports.completeOccasion(ctx.db, ctx.actor, ctx.params.id, ctx.ip, ctx.deps);
        return ctx.redirect(back, t('training.attendance.completed', r));
      } catch (err) {
        return ctx.redirect(back, conflictText(ctx as AnyCtx, err));
      }
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/training/occasions/:id/invoice-basis',
    kind: 'page',
    access: manageAccess,
    params: idParams,
    handler: async (ctx) => {
      const t = translator(messages, ctx.locale);
      const b = await reports.getInvoiceBasis(ctx.db, ctx.actor, ctx.params.id);
      return ctx.page(
        `${t('training.attendance.invoice.title')} – ${b.occasion.courseTitle}`,
        <InvoiceView
          t={t}
          vm={{
            occasionId: b.occasion.occasionId,
            courseTitle: b.occasion.courseTitle,
            contractReference: b.occasion.contractReference,
            priceSek: b.priceSek,
            attendees: b.attendees,
            payers: b.payers,
            totalSek: b.totalSek,
            totalHours: b.totalHours,
          }}
        />,
      );
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/training/occasions/:id/invoice-basis.csv',
    kind: 'page',
    access: manageAccess,
    params: idParams,
    handler: async (ctx) => {
      const out = await exportInvoiceBasis(ctx.db, ctx.actor, ctx.params.id, ctx.locale);
      return ctx.reply
        .header('cache-control', 'no-store')
        .header('content-disposition', `attachment; filename="${out.fileName}"`)
        .type(out.contentType)
        .send(out.body);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/my/courses/:id/evaluation',
    kind: 'page',
    access: learnerAccess,
    params: idParams,
    handler: async (ctx) => renderEvaluation(ctx as AnyCtx, ctx.params.id),
  }),
  defineRoute({
    method: 'POST',
    url: '/my/courses/:id/evaluation',
    kind: 'page',
    access: learnerAccess,
    params: idParams,
    body: evaluationForm,
    handler: async (ctx) => {
      const t = translator(messages, ctx.locale);
      const id = ctx.params.id;
      if (!ctx.form.ok)
        return renderEvaluation(ctx as AnyCtx, id, {
          typed: ctx.form.raw,
          errors: ctx.form.errors,
          status: 422,
        });
      const v = ctx.form.value;
      try {
        await evaluation.submitEvaluation(
          ctx.db,
          ctx.actor,
          id,
          {
            overall: Number(v.overall),
            relevance: Number(v.relevance),
            teaching: Number(v.teaching),
            wouldRecommend: v.recommend === 'noAnswer' ? null : v.recommend === 'yes',
            comment: v.comment,
          },
          ctx.ip,
        );
      } catch (err) {
        return ctx.redirect(`/my/courses/${id}/evaluation`, conflictText(ctx as AnyCtx, err));
      }
      return ctx.redirect(`/my/courses/${id}/evaluation`, t('training.attendance.eval.thanks'));
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/training/courses/:id/evaluations',
    kind: 'page',
    access: manageAccess,
    params: idParams,
    handler: async (ctx) => {
      const t = translator(messages, ctx.locale);
      const s = await evaluation.getEvaluationSummary(ctx.db, ctx.actor, ctx.params.id);
      return ctx.page(
        `${t('training.attendance.eval.summaryTitle')} – ${s.course.title}`,
        <EvaluationSummaryView
          t={t}
          vm={{ ...s, courseTitle: s.course.title, min: evaluation.MIN_ANSWERS }}
        />,
      );
    },
  }),
  ...attendanceApiRoutes,
];
