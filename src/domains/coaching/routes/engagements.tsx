// Engagement pages: the caseload list, the board by step, starting an engagement, and the overview with its
// step change, intake and coach forms. Every form works without JavaScript; errors re-render with input kept.
import { z } from 'zod';
import { hasRole } from '../../../platform/auth.ts';
import { AppError, type FieldError } from '../../../platform/errors.ts';
import { rawForm } from '../../../platform/http/forms.ts';
import {
  type Access,
  type AnyRoute,
  type Ctx,
  defineRoute,
  policy,
} from '../../../platform/http/registry.ts';
import { translator } from '../../../platform/i18n/index.ts';
import { messages } from '../messages.ts';
import { canManageEngagements, canSeeEngagements } from '../policy.ts';
import {
  coachAssignInput,
  coachRemoveInput,
  engagementInput,
  engagementListQuery,
  intakeInput,
  stepChangeInput,
} from '../schema.ts';
import * as service from '../service/engagements.ts';
import { EngagementOverview } from '../views/engagement.tsx';
import type { EngagementForms } from '../views/engagement-panels.tsx';
import { EngagementBoard, EngagementList } from '../views/list.tsx';
import { StartEngagement } from '../views/start.tsx';

const seeAccess = policy('canSeeEngagements', canSeeEngagements);
const manageAccess = policy('canManageEngagements', canManageEngagements);
const idParams = z.object({ id: z.string().uuid() });
type AnyCtx = Ctx<unknown, unknown, unknown>;

const tr = (ctx: AnyCtx) => translator(messages, ctx.locale);

/** A coach who is not also an officer or region admin sees their own caseload without filters. */
const mineOnly = (ctx: AnyCtx) => !hasRole(ctx.actor, 'region_admin', 'municipality_officer');

async function filterCoaches(ctx: AnyCtx) {
  if (mineOnly(ctx)) return [];
  const regionId = ctx.actor.memberships.find(
    (m) => m.role === 'region_admin' || m.role === 'municipality_officer',
  )?.regionId;
  return regionId ? service.regionCoaches(ctx.db, regionId) : [];
}

async function renderOverview(ctx: AnyCtx, id: string, forms: EngagementForms, status = 200) {
  const t = tr(ctx);
  const d = await service.getEngagementDetail(ctx.db, ctx.actor, id);
  const e = d.engagement;
  const history = d.isStaff
    ? service.historyOf(d, (s) => t(`coaching.step.${s}`), {
        started: (to) => t('coaching.history.started', { to }),
        step: (from, to) => t('coaching.history.step', { from, to }),
        assigned: (name) => t('coaching.history.coachAssigned', { name }),
        removed: (name) => t('coaching.history.coachRemoved', { name }),
      })
    : [];
  return ctx.page(
    `${e.companyName} – ${t('coaching.overview.title')}`,
    <EngagementOverview
      t={t}
      csrf={ctx.csrfToken()}
      forms={forms}
      vm={{
        id: e.id,
        companyId: e.companyId,
        companyName: e.companyName,
        municipalityName: e.municipalityName,
        step: e.step,
        createdAt: e.createdAt,
        plannedHours: e.plannedHours,
        usedMinutes: d.usedMinutes,
        smeChecked: e.smeChecked,
        companyIsSme: e.companyIsSme,
        inCountyChecked: e.inCountyChecked,
        agreementSignedOn: e.agreementSignedOn,
        agreementReference: e.agreementReference,
        mappingId: d.isStaff || d.isCompany ? e.mappingId : null,
        mappingStatus: d.mappingStatus,
        planAdoptedVersion: d.planAdoptedVersion,
        blockers: d.blockers,
        aidWarning: d.aidWarning,
        coaches: d.coaches,
        coachOptions: d.coachOptions,
        history,
        isStaff: d.isStaff,
        canManage: d.canManage,
        canEdit: d.canEdit,
      }}
    />,
    status,
  );
}

/** A refused write on the overview: validation errors re-render at the form; other known errors as a flash. */
async function overviewError(
  ctx: AnyCtx,
  id: string,
  form: EngagementForms['form'],
  err: unknown,
  values: Record<string, string>,
) {
  if (!(err instanceof AppError)) throw err;
  const t = tr(ctx);
  if (err.code === 'VALIDATION') return renderOverview(ctx, id, { form, errors: err.fields, values }, 422);
  if (err.code === 'CONFLICT')
    return renderOverview(
      ctx,
      id,
      {
        form,
        errors: [
          { field: '_form', message: err.message.startsWith('coaching.') ? err.message : 'error.409.body' },
        ],
        values,
      },
      409,
    );
  if (err.code === 'FORBIDDEN') return ctx.redirect(`/coaching/${id}`, t('error.403.body'));
  throw err;
}

/** A form posted from the overview: invalid input re-renders the overview at that form, else redirect with a flash. */
function overviewForm<B>(def: {
  url: string;
  access: Access;
  body: z.ZodType<B>;
  form: NonNullable<EngagementForms['form']>;
  run: (ctx: AnyCtx, id: string, value: B) => Promise<string>;
}): AnyRoute {
  return defineRoute({
    method: 'POST',
    url: def.url,
    kind: 'page',
    access: def.access,
    params: idParams,
    body: def.body,
    handler: async (ctx) => {
      const id = ctx.params.id;
      const raw = ctx.form.ok ? rawForm(ctx.req.body) : ctx.form.raw;
      if (!ctx.form.ok)
        return renderOverview(
          ctx as AnyCtx,
          id,
          { form: def.form, errors: ctx.form.errors, values: raw },
          422,
        );
      try {
        return ctx.redirect(`/coaching/${id}`, await def.run(ctx as AnyCtx, id, ctx.form.value));
      } catch (err) {
        return overviewError(ctx as AnyCtx, id, def.form, err, raw);
      }
    },
  });
}

export const engagementPageRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/coaching',
    kind: 'page',
    access: seeAccess,
    query: engagementListQuery,
    handler: async (ctx) => {
      const t = tr(ctx as AnyCtx);
      const mine = mineOnly(ctx as AnyCtx);
      const [list, coaches] = await Promise.all([
        service.listEngagements(ctx.db, ctx.actor, mine ? { page: ctx.query.page } : ctx.query),
        filterCoaches(ctx as AnyCtx),
      ]);
      return ctx.page(
        t(mine ? 'coaching.list.mine' : 'coaching.list.title'),
        <EngagementList
          t={t}
          vm={{
            rows: list.rows,
            total: list.total,
            page: list.page,
            pageSize: list.pageSize,
            filter: ctx.query,
            municipalities: list.municipalities,
            coaches,
            canStart: canManageEngagements(ctx.actor),
            mineOnly: mine,
            canSetRules: hasRole(ctx.actor, 'region_admin'),
          }}
        />,
      );
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/coaching/board',
    kind: 'page',
    access: seeAccess,
    query: engagementListQuery,
    handler: async (ctx) => {
      const t = tr(ctx as AnyCtx);
      const [b, coaches] = await Promise.all([
        service.board(ctx.db, ctx.actor, ctx.query),
        filterCoaches(ctx as AnyCtx),
      ]);
      return ctx.page(
        t('coaching.board.title'),
        <EngagementBoard
          t={t}
          vm={{
            columns: b.columns,
            total: b.total,
            filter: ctx.query,
            municipalities: b.municipalities,
            coaches,
            canStart: canManageEngagements(ctx.actor),
            mineOnly: false,
          }}
        />,
      );
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/coaching/new',
    kind: 'page',
    access: manageAccess,
    query: z.object({
      q: z.string().trim().max(100).optional().catch(undefined),
      company: z.string().uuid().optional().catch(undefined),
    }),
    handler: async (ctx) => renderStart(ctx as AnyCtx, ctx.query.company ?? null, ctx.query.q ?? '', {}, []),
  }),
  defineRoute({
    method: 'POST',
    url: '/coaching/new',
    kind: 'page',
    access: manageAccess,
    body: engagementInput,
    handler: async (ctx) => {
      const raw = ctx.form.ok ? rawForm(ctx.req.body) : ctx.form.raw;
      const companyId = z.string().uuid().safeParse(raw.companyId);
      if (!companyId.success) return renderStart(ctx as AnyCtx, null, '', raw, [], 422);
      if (!ctx.form.ok) return renderStart(ctx as AnyCtx, companyId.data, '', raw, ctx.form.errors, 422);
      try {
        const id = await service.createEngagement(ctx.db, { actor: ctx.actor, ip: ctx.ip }, ctx.form.value);
        return ctx.redirect(`/coaching/${id}`, tr(ctx as AnyCtx)('coaching.new.created'));
      } catch (err) {
        if (err instanceof AppError && (err.code === 'VALIDATION' || err.code === 'CONFLICT'))
          return renderStart(
            ctx as AnyCtx,
            companyId.data,
            '',
            raw,
            err.code === 'VALIDATION' ? err.fields : [{ field: '_form', message: err.message }],
            err.status,
          );
        throw err;
      }
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/coaching/:id',
    kind: 'page',
    access: seeAccess,
    params: idParams,
    handler: async (ctx) => renderOverview(ctx as AnyCtx, ctx.params.id, { errors: [], values: {} }),
  }),
  overviewForm({
    url: '/coaching/:id/step',
    access: seeAccess,
    body: stepChangeInput,
    form: 'step',
    run: async (ctx, id, value) => {
      const to = await service.changeStep(ctx.db, { actor: ctx.actor, ip: ctx.ip }, id, value);
      const t = tr(ctx);
      return t('coaching.steps.changed', { step: t(`coaching.step.${to}`) });
    },
  }),
  overviewForm({
    url: '/coaching/:id/intake',
    access: manageAccess,
    body: intakeInput,
    form: 'intake',
    run: async (ctx, id, value) => {
      await service.saveIntake(ctx.db, { actor: ctx.actor, ip: ctx.ip }, id, value);
      return tr(ctx)('coaching.intake.saved');
    },
  }),
  overviewForm({
    url: '/coaching/:id/coaches',
    access: manageAccess,
    body: coachAssignInput,
    form: 'coach',
    run: async (ctx, id, value) => {
      await service.assignCoach(ctx.db, { actor: ctx.actor, ip: ctx.ip }, id, value.coachId);
      return tr(ctx)('coaching.coaches.assigned');
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/coaching/:id/coaches/:userId/remove',
    kind: 'page',
    access: manageAccess,
    params: z.object({ id: z.string().uuid(), userId: z.string().uuid() }),
    body: coachRemoveInput,
    handler: async (ctx) => {
      const id = ctx.params.id;
      const reason = ctx.form.ok ? ctx.form.value.reason : null;
      await service.removeCoach(ctx.db, { actor: ctx.actor, ip: ctx.ip }, id, ctx.params.userId, reason);
      return ctx.redirect(`/coaching/${id}`, tr(ctx as AnyCtx)('coaching.coaches.removed'));
    },
  }),
];

async function renderStart(
  ctx: AnyCtx,
  companyId: string | null,
  q: string,
  values: Record<string, string>,
  errors: FieldError[],
  status = 200,
) {
  const t = tr(ctx);
  if (!companyId) {
    const found = q ? await service.searchCompanies(ctx.db, ctx.actor, q) : null;
    return ctx.page(
      t('coaching.new.title'),
      <StartEngagement
        t={t}
        csrf={ctx.csrfToken()}
        vm={{
          q,
          found,
          company: null,
          municipalities: [],
          coaches: [],
          defaultHours: 15,
          openEngagementId: null,
          values,
          errors,
        }}
      />,
      status,
    );
  }
  const opts = await service.startOptions(ctx.db, ctx.actor, companyId);
  return ctx.page(
    t('coaching.new.title'),
    <StartEngagement
      t={t}
      csrf={ctx.csrfToken()}
      vm={{
        q,
        found: null,
        company: { id: opts.company.id, name: opts.company.name },
        municipalities: opts.municipalities,
        coaches: opts.coaches,
        defaultHours: opts.plannedHours,
        openEngagementId: opts.openEngagementId,
        values,
        errors,
      }}
    />,
    status,
  );
}
