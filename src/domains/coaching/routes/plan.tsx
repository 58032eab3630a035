// The plan pages: the plan, editing summary and goals, actions, building from the mapping's gaps, adoption,
// versions, differences and the PDF. The JSON API is in plan-api.ts. Access is checked in the services.
import { z } from 'zod';
import { AppError, type FieldError } from '../../../platform/errors.ts';
import { rawForm, toFieldErrors } from '../../../platform/http/forms.ts';
import { type AnyRoute, defineRoute } from '../../../platform/http/registry.ts';
import {
  actionInput,
  adoptInput,
  buildInput,
  commentInput,
  nestForm,
  planInput,
  statusInput,
} from '../schema-plan.ts';
import { getPlan } from '../service/plan.ts';
import { renderPdf } from '../service/plan-pdf-model.ts';
import { adoptPlan, buildFromGaps, diffVersions, getVersion } from '../service/plan-versions.ts';
import * as write from '../service/plan-write.ts';
import { DiffPage, VersionPage, VersionsPage } from '../views/plan-versions.tsx';
import { diffQuery, planAccessPolicy, planApiRoutes } from './plan-api.ts';
import {
  type AnyCtx,
  renderAction,
  renderAdopt,
  renderBuild,
  renderEdit,
  renderPlan,
  tOf,
} from './plan-render.tsx';

const idParams = z.object({ id: z.string().uuid() });
const actionParams = z.object({ id: z.string().uuid(), actionId: z.string().uuid() });

const wctx = (ctx: AnyCtx) => ({ actor: ctx.actor, ip: ctx.ip });
const planUrl = (id: string) => `/coaching/${id}/plan`;

/** Runs a write; validation errors re-render the form (422) with the input kept. */
async function attempt(
  fn: () => Promise<unknown>,
  onInvalid: (errors: FieldError[]) => Promise<unknown>,
): Promise<{ ok: true } | { ok: false; reply: unknown }> {
  try {
    await fn();
    return { ok: true };
  } catch (err) {
    if (err instanceof AppError && err.code === 'VALIDATION')
      return { ok: false, reply: await onInvalid(err.fields) };
    throw err;
  }
}

const page = (url: string, handler: (ctx: AnyCtx) => Promise<unknown>, method: 'GET' | 'POST' = 'GET') =>
  defineRoute({
    method,
    url,
    kind: 'page',
    access: planAccessPolicy,
    params: url.includes(':actionId') ? actionParams : idParams,
    handler: (ctx) => handler(ctx as AnyCtx),
  });

const pid = (ctx: AnyCtx) => (ctx.params as { id: string }).id;
const aid = (ctx: AnyCtx) => (ctx.params as { actionId: string }).actionId;

export const planPageRoutes: AnyRoute[] = [
  page('/coaching/:id/plan', (ctx) => renderPlan(ctx, pid(ctx))),
  page('/coaching/:id/plan/edit', (ctx) => renderEdit(ctx, pid(ctx))),
  page(
    '/coaching/:id/plan/edit',
    async (ctx) => {
      const id = pid(ctx);
      const raw = nestForm(ctx.req.body as Record<string, unknown>);
      const parsed = planInput.safeParse(raw);
      if (!parsed.success) return renderEdit(ctx, id, { raw, errors: toFieldErrors(parsed.error) });
      const r = await attempt(
        () => write.savePlan(ctx.db, wctx(ctx), id, parsed.data),
        (errors) => renderEdit(ctx, id, { raw, errors }),
      );
      return r.ok ? ctx.redirect(planUrl(id), tOf(ctx)('coaching.plan.saved')) : r.reply;
    },
    'POST',
  ),
  page('/coaching/:id/plan/actions/new', (ctx) => renderAction(ctx, pid(ctx), null)),
  page(
    '/coaching/:id/plan/actions/new',
    async (ctx) => {
      const id = pid(ctx);
      const raw = ctx.req.body as Record<string, unknown>;
      const parsed = actionInput.safeParse(raw);
      if (!parsed.success) return renderAction(ctx, id, null, { raw, errors: toFieldErrors(parsed.error) });
      const r = await attempt(
        () => write.createAction(ctx.db, wctx(ctx), id, parsed.data),
        (errors) => renderAction(ctx, id, null, { raw, errors }),
      );
      return r.ok ? ctx.redirect(planUrl(id), tOf(ctx)('coaching.plan.actionSaved')) : r.reply;
    },
    'POST',
  ),
  page('/coaching/:id/plan/actions/:actionId/edit', (ctx) => renderAction(ctx, pid(ctx), aid(ctx))),
  page(
    '/coaching/:id/plan/actions/:actionId/edit',
    async (ctx) => {
      const id = pid(ctx);
      const actionId = aid(ctx);
      const raw = ctx.req.body as Record<string, unknown>;
      const parsed = actionInput.safeParse(raw);
      if (!parsed.success)
        return renderAction(ctx, id, actionId, { raw, errors: toFieldErrors(parsed.error) });
      const r = await attempt(
        () => write.updateAction(ctx.db, wctx(ctx), id, actionId, parsed.data),
        (errors) => renderAction(ctx, id, actionId, { raw, errors }),
      );
      return r.ok ? ctx.redirect(planUrl(id), tOf(ctx)('coaching.plan.actionSaved')) : r.reply;
    },
    'POST',
  ),
  page(
    '/coaching/:id/plan/actions/:actionId/delete',
    async (ctx) => {
      await write.deleteAction(ctx.db, wctx(ctx), pid(ctx), aid(ctx));
      return ctx.redirect(planUrl(pid(ctx)), tOf(ctx)('coaching.plan.actionDeleted'));
    },
    'POST',
  ),
  page(
    '/coaching/:id/plan/actions/:actionId/status',
    async (ctx) => {
      const t = tOf(ctx);
      const parsed = statusInput.safeParse(ctx.req.body);
      if (!parsed.success) return ctx.redirect(planUrl(pid(ctx)), t('coaching.plan.statusInvalid'));
      await write.changeStatus(ctx.db, wctx(ctx), pid(ctx), aid(ctx), parsed.data);
      return ctx.redirect(planUrl(pid(ctx)), t('coaching.plan.statusSaved'));
    },
    'POST',
  ),
  page(
    '/coaching/:id/plan/actions/:actionId/comments',
    async (ctx) => {
      const t = tOf(ctx);
      const parsed = commentInput.safeParse(ctx.req.body);
      if (!parsed.success) return ctx.redirect(planUrl(pid(ctx)), t('coaching.plan.commentInvalid'));
      await write.addComment(ctx.db, wctx(ctx), pid(ctx), aid(ctx), parsed.data.body);
      return ctx.redirect(planUrl(pid(ctx)), t('coaching.plan.commentSaved'));
    },
    'POST',
  ),
  page('/coaching/:id/plan/build', (ctx) => renderBuild(ctx, pid(ctx))),
  page(
    '/coaching/:id/plan/build',
    async (ctx) => {
      const id = pid(ctx);
      const body = (ctx.req.body ?? {}) as Record<string, unknown>;
      const parsed = buildInput.safeParse({ needPositions: body.needPositions ?? [] });
      if (!parsed.success) return renderBuild(ctx, id, toFieldErrors(parsed.error));
      let n = 0;
      const r = await attempt(
        async () => {
          n = await buildFromGaps(ctx.db, wctx(ctx), id, parsed.data.needPositions ?? []);
        },
        (errors) => renderBuild(ctx, id, errors),
      );
      return r.ok ? ctx.redirect(planUrl(id), tOf(ctx)('coaching.plan.build.done', { n })) : r.reply;
    },
    'POST',
  ),
  page('/coaching/:id/plan/adopt', (ctx) => renderAdopt(ctx, pid(ctx))),
  page(
    '/coaching/:id/plan/adopt',
    async (ctx) => {
      const id = pid(ctx);
      const parsed = adoptInput.safeParse(ctx.req.body ?? {});
      const name = rawForm(ctx.req.body).adoptedByName ?? '';
      if (!parsed.success) return renderAdopt(ctx, id, { name, errors: toFieldErrors(parsed.error) });
      let n = 0;
      const r = await attempt(
        async () => {
          n = await adoptPlan(ctx.db, wctx(ctx), id, parsed.data);
        },
        (errors) => renderAdopt(ctx, id, { name, errors }),
      );
      return r.ok ? ctx.redirect(planUrl(id), tOf(ctx)('coaching.plan.adopt.done', { n })) : r.reply;
    },
    'POST',
  ),
  page('/coaching/:id/plan/versions', async (ctx) => {
    const t = tOf(ctx);
    const p = await getPlan(ctx.db, ctx.actor, pid(ctx));
    return ctx.page(
      t('coaching.plan.versions.title'),
      <VersionsPage
        t={t}
        vm={{ engagementId: pid(ctx), companyName: p.companyName, versions: p.versions }}
      />,
    );
  }),
  defineRoute({
    method: 'GET',
    url: '/coaching/:id/plan/versions/:n',
    kind: 'page',
    access: planAccessPolicy,
    params: z.object({ id: z.string().uuid(), n: z.coerce.number().int().min(1).max(100_000) }),
    handler: async (ctx) => {
      const t = tOf(ctx as AnyCtx);
      const v = await getVersion(ctx.db, ctx.actor, ctx.params.id, ctx.params.n);
      return ctx.page(
        `${t('coaching.plan.versions.name', { n: v.number })} – ${v.plan.companyName}`,
        <VersionPage t={t} vm={{ engagementId: ctx.params.id, companyName: v.plan.companyName, ...v }} />,
      );
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/coaching/:id/plan/diff',
    kind: 'page',
    access: planAccessPolicy,
    params: idParams,
    query: diffQuery(),
    handler: async (ctx) => {
      const t = tOf(ctx as AnyCtx);
      const d = await diffVersions(ctx.db, ctx.actor, ctx.params.id, ctx.query);
      return ctx.page(
        t('coaching.plan.diff.pageTitle'),
        <DiffPage t={t} vm={{ engagementId: ctx.params.id, companyName: d.plan.companyName, ...d }} />,
      );
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/coaching/:id/plan.pdf',
    kind: 'page',
    access: planAccessPolicy,
    params: idParams,
    query: z.object({ version: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined) }),
    handler: async (ctx) => {
      const { file, fileName } = await renderPdf(
        ctx.db,
        ctx.actor,
        ctx.params.id,
        ctx.locale,
        ctx.query.version,
      );
      return ctx.reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${fileName}"`)
        .send(file);
    },
  }),
];

/** Every plan route: the pages and the JSON API. */
export const planRoutes: AnyRoute[] = [...planPageRoutes, ...planApiRoutes];
