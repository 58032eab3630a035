// The plan pages' renderers: the plan, the summary and goals form, the action form, the build page and the
// adoption page (each re-rendered with field errors and the input kept, status 422).
import { AppError, type FieldError } from '../../../platform/errors.ts';
import { rawForm } from '../../../platform/http/forms.ts';
import type { Ctx } from '../../../platform/http/registry.ts';
import { translator } from '../../../platform/i18n/index.ts';
import { messages } from '../messages.ts';
import { contentOf, findAction, getPlan, type PlanView, planEditor } from '../service/plan.ts';
import { SUGGESTED } from '../service/plan-versions.ts';
import { PlanPage } from '../views/plan.tsx';
import { AdoptPage, BuildPage } from '../views/plan-build.tsx';
import { ActionFormPage, type ActionFormVM, type NeedChoice, PlanEditPage } from '../views/plan-forms.tsx';

export type AnyCtx = Ctx<unknown, unknown, unknown>;
export const tOf = (ctx: AnyCtx) => translator(messages, ctx.locale);

export const needChoices = (p: PlanView): NeedChoice[] | null =>
  p.needOptions?.map((n) => ({
    position: n.position,
    rank: n.rank,
    label: n.label,
    strategy: n.strategy,
    urgency: n.urgency,
    gapSize: n.gapSize,
    hours: n.hours,
    costSek: n.costSek,
    planned: n.planned,
  })) ?? null;

export async function renderPlan(ctx: AnyCtx, id: string) {
  const t = tOf(ctx);
  const p = await getPlan(ctx.db, ctx.actor, id);
  return ctx.page(
    `${t('coaching.plan.title')} – ${p.companyName}`,
    <PlanPage
      t={t}
      csrf={ctx.csrfToken()}
      vm={{
        engagementId: id,
        companyName: p.companyName,
        summary: p.plan.summary,
        adoptedVersion: p.plan.adoptedVersion,
        changedSinceAdoption: p.plan.changedSinceAdoption,
        latest: p.latestVersion,
        goals: p.goals,
        actions: p.actions,
        versions: p.versions.length,
        hasMapping: p.needOptions !== null,
        canEdit: p.canEdit,
        canAdopt: p.canAdopt,
        canComment: p.canComment,
      }}
    />,
  );
}

export async function renderEdit(
  ctx: AnyCtx,
  id: string,
  opts: { raw?: Record<string, unknown>; errors?: FieldError[] } = {},
) {
  const t = tOf(ctx);
  await planEditor(ctx.db, ctx.actor, id);
  const p = await getPlan(ctx.db, ctx.actor, id);
  const raw = opts.raw;
  const goals = raw
    ? ((raw.goals ?? []) as Record<string, string>[]).map((g) => ({
        id: g.id ?? '',
        title: g.title ?? '',
        measure: g.measure ?? '',
      }))
    : p.goals;
  return ctx.page(
    t('coaching.plan.editPlan'),
    <PlanEditPage
      t={t}
      csrf={ctx.csrfToken()}
      errors={opts.errors ?? []}
      vm={{
        engagementId: id,
        companyName: p.companyName,
        summary: raw ? String(raw.summary ?? '') : p.plan.summary,
        goals,
        revision: p.plan.revision,
      }}
    />,
    opts.errors?.length ? 422 : 200,
  );
}

export async function renderAction(
  ctx: AnyCtx,
  id: string,
  actionId: string | null,
  opts: { raw?: Record<string, unknown>; errors?: FieldError[] } = {},
) {
  const t = tOf(ctx);
  await planEditor(ctx.db, ctx.actor, id);
  const p = await getPlan(ctx.db, ctx.actor, id);
  const a = actionId ? findAction(p, actionId) : null;
  let values: Record<string, string> = a
    ? {
        title: a.title,
        kind: a.kind,
        goalId: a.goalId ?? '',
        ownerName: a.ownerName ?? '',
        dueOn: a.dueOn ?? '',
        costSek: a.costSek === null ? '' : String(a.costSek),
        hours: a.hours === null ? '' : String(a.hours),
      }
    : {};
  let needPositions = a?.needs.filter((n) => n.mappingId === p.mappingId).map((n) => n.position) ?? [];
  if (opts.raw) {
    values = rawForm(opts.raw);
    const raw = opts.raw.needPositions;
    needPositions = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).map(Number);
  }
  const vm: ActionFormVM = {
    engagementId: id,
    companyName: p.companyName,
    actionId,
    values,
    needPositions,
    goals: p.goals,
    needs: needChoices(p),
  };
  return ctx.page(
    actionId ? t('coaching.plan.editActionTitle') : t('coaching.plan.newAction'),
    <ActionFormPage t={t} csrf={ctx.csrfToken()} vm={vm} errors={opts.errors ?? []} />,
    opts.errors?.length ? 422 : 200,
  );
}

export async function renderBuild(ctx: AnyCtx, id: string, errors: FieldError[] = []) {
  const t = tOf(ctx);
  await planEditor(ctx.db, ctx.actor, id);
  const p = await getPlan(ctx.db, ctx.actor, id);
  const needs = needChoices(p);
  const suggested = (needs ?? [])
    .filter((n) => !n.planned)
    .slice(0, SUGGESTED)
    .map((n) => n.position);
  return ctx.page(
    t('coaching.plan.build.title'),
    <BuildPage
      t={t}
      csrf={ctx.csrfToken()}
      vm={{ engagementId: id, companyName: p.companyName, needs, suggested }}
      errors={errors}
    />,
    errors.length ? 422 : needs === null ? 409 : 200,
  );
}

export async function renderAdopt(
  ctx: AnyCtx,
  id: string,
  opts: { name?: string; errors?: FieldError[] } = {},
) {
  const t = tOf(ctx);
  const p = await getPlan(ctx.db, ctx.actor, id);
  if (!p.canAdopt)
    throw new AppError(
      p.view.isStaff || p.view.isCompany ? 'CONFLICT' : 'FORBIDDEN',
      'coaching.plan.adopt.empty',
    );
  return ctx.page(
    t('coaching.plan.adopt.title'),
    <AdoptPage
      t={t}
      csrf={ctx.csrfToken()}
      errors={opts.errors ?? []}
      vm={{
        engagementId: id,
        companyName: p.companyName,
        actions: p.actions.length,
        nextVersion: p.plan.adoptedVersion + 1,
        onBehalf: !p.view.isCompany,
        adoptedByName: opts.name ?? '',
        content: contentOf(p),
        revision: p.plan.revision,
      }}
    />,
    opts.errors?.length ? 422 : 200,
  );
}
