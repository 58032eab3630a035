// Follow-ups of the adopted plan: the list and the short form (pages), and the JSON API.
import { z } from 'zod';
import { AppError, type FieldError } from '../../../platform/errors.ts';
import { rawForm, toFieldErrors } from '../../../platform/http/forms.ts';
import { type AnyRoute, type Ctx, defineRoute } from '../../../platform/http/registry.ts';
import { translator } from '../../../platform/i18n/index.ts';
import { messages } from '../messages.ts';
import { followupInput, nestForm } from '../schema-plan.ts';
import { type FollowupView, getFollowup, listFollowups, saveFollowup } from '../service/followups.ts';
import { FollowupFormPage, FollowupsPage } from '../views/followups.tsx';
import { planAccessPolicy } from './plan-api.ts';

const idParams = z.object({ id: z.string().uuid() });
const fParams = z.object({ id: z.string().uuid(), followupId: z.string().uuid() });
type AnyCtx = Ctx<unknown, unknown, unknown>;

const followupOut = z.object({
  id: z.string().uuid(),
  months: z.number().int(),
  dueOn: z.string(),
  state: z.enum(['done', 'overdue', 'upcoming']),
  doneAt: z.string().nullable(),
  doneByName: z.string().nullable(),
  actionStatuses: z.array(z.object({ actionId: z.string(), title: z.string(), status: z.string() })),
  maturityScore: z.number().nullable(),
  planInUse: z.boolean().nullable(),
  companyFeedback: z.string(),
  coachComment: z.string(),
});

const json = (f: FollowupView): z.infer<typeof followupOut> => ({
  ...f,
  doneAt: f.doneAt ? f.doneAt.toISOString() : null,
});

async function renderForm(
  ctx: AnyCtx,
  id: string,
  followupId: string,
  opts: { raw?: Record<string, string>; errors?: FieldError[] } = {},
) {
  const t = translator(messages, ctx.locale);
  const v = await getFollowup(ctx.db, ctx.actor, id, followupId);
  const f = v.followup;
  const saved: Record<string, string> = {
    maturityScore: f.maturityScore === null ? '' : String(f.maturityScore),
    planInUse: f.planInUse === null ? '' : f.planInUse ? 'yes' : 'no',
    companyFeedback: f.companyFeedback,
    coachComment: f.coachComment,
  };
  for (const s of f.actionStatuses) saved[`status.${s.actionId}`] = s.status;
  return ctx.page(
    t('coaching.followup.formTitle', { n: f.months }),
    <FollowupFormPage
      t={t}
      csrf={ctx.csrfToken()}
      errors={opts.errors ?? []}
      vm={{
        engagementId: id,
        companyName: v.plan.companyName,
        followupId,
        months: f.months,
        dueOn: f.dueOn,
        state: f.state,
        actions: v.plan.actions.map((a) => ({ id: a.id, title: a.title, status: a.status })),
        values: opts.raw ?? saved,
        canComplete: v.canComplete,
        canGiveFeedback: v.canGiveFeedback,
        previousMaturity: v.plan.mappingMaturity,
      }}
    />,
    opts.errors?.length ? 422 : 200,
  );
}

export const followupRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/coaching/:id/followups',
    kind: 'page',
    access: planAccessPolicy,
    params: idParams,
    handler: async (ctx) => {
      const t = translator(messages, ctx.locale);
      const v = await listFollowups(ctx.db, ctx.actor, ctx.params.id);
      return ctx.page(
        `${t('coaching.followup.title')} – ${v.plan.companyName}`,
        <FollowupsPage
          t={t}
          vm={{
            engagementId: ctx.params.id,
            companyName: v.plan.companyName,
            followups: v.followups,
            adopted: v.plan.plan.adoptedVersion > 0,
          }}
        />,
      );
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/coaching/:id/followups/:followupId',
    kind: 'page',
    access: planAccessPolicy,
    params: fParams,
    handler: async (ctx) => renderForm(ctx as AnyCtx, ctx.params.id, ctx.params.followupId),
  }),
  defineRoute({
    method: 'POST',
    url: '/coaching/:id/followups/:followupId',
    kind: 'page',
    access: planAccessPolicy,
    params: fParams,
    handler: async (ctx) => {
      const t = translator(messages, ctx.locale);
      const { id, followupId } = ctx.params;
      const raw = rawForm(ctx.req.body);
      const parsed = followupInput.safeParse(nestForm(raw));
      if (!parsed.success)
        return renderForm(ctx as AnyCtx, id, followupId, { raw, errors: toFieldErrors(parsed.error) });
      try {
        const r = await saveFollowup(ctx.db, { actor: ctx.actor, ip: ctx.ip }, id, followupId, parsed.data);
        return ctx.redirect(
          `/coaching/${id}/followups`,
          t(r === 'completed' ? 'coaching.followup.completed' : 'coaching.followup.feedbackSaved'),
        );
      } catch (err) {
        if (err instanceof AppError && err.code === 'VALIDATION')
          return renderForm(ctx as AnyCtx, id, followupId, { raw, errors: err.fields });
        throw err;
      }
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/coaching/engagements/:id/followups',
    kind: 'api',
    access: planAccessPolicy,
    summary: 'Follow-ups of the adopted plan (dated 3, 6 and 12 months after the first adoption by default)',
    tag: 'Coaching',
    params: idParams,
    response: z.array(followupOut),
    handler: async (ctx) => (await listFollowups(ctx.db, ctx.actor, ctx.params.id)).followups.map(json),
  }),
  defineRoute({
    method: 'PATCH',
    url: '/api/v1/coaching/engagements/:id/followups/:followupId',
    kind: 'api',
    access: planAccessPolicy,
    summary:
      "Complete a follow-up (staff: action statuses, maturity 1–4), or save the company's feedback (contacts)",
    tag: 'Coaching',
    params: fParams,
    body: followupInput,
    response: followupOut,
    handler: async (ctx) => {
      const { id, followupId } = ctx.params;
      await saveFollowup(ctx.db, { actor: ctx.actor, ip: ctx.ip }, id, followupId, ctx.body);
      return json((await getFollowup(ctx.db, ctx.actor, id, followupId)).followup);
    },
  }),
];
