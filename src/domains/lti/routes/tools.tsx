// Tool administration: pages under /lti/tools and their JSON twins under /api/v1/lti/tools (same service
// calls, validation and access).
import { z } from 'zod';
import { AppError, type FieldError } from '../../../platform/errors.ts';
import { rawForm } from '../../../platform/http/forms.ts';
import { type AnyRoute, type Ctx, defineRoute, policy } from '../../../platform/http/registry.ts';
import { translator } from '../../../platform/i18n/index.ts';
import { messages } from '../messages.ts';
import { canManageLtiTools } from '../policy.ts';
import { customLines, linkInput, newLinkInput, newToolInput, toolInput } from '../schema.ts';
import * as service from '../service/tools.ts';
import type { FormState } from '../views/forms.tsx';
import { LinkPage, ToolListPage, ToolNewPage, ToolPage } from '../views/tools.tsx';

const access = policy('canManageLtiTools', canManageLtiTools);
type AnyCtx = Ctx<unknown, unknown, unknown>;
const tOf = (ctx: AnyCtx) => translator(messages, ctx.locale);
const toolParams = z.object({ id: z.string().uuid() });
const linkParams = z.object({ id: z.string().uuid(), linkId: z.string().uuid() });
const w = (ctx: AnyCtx) => ({ actor: ctx.actor, ip: ctx.ip });
const empty: FormState = { values: {}, errors: [] };

const toolOut = z.object({
  id: z.string().uuid(),
  regionId: z.string().uuid(),
  providerOrgId: z.string().uuid(),
  providerName: z.string(),
  name: z.string(),
  clientId: z.string(),
  deploymentId: z.string(),
  loginUrl: z.string(),
  redirectUris: z.array(z.string()),
  targetLinkUri: z.string(),
  jwksUrl: z.string().nullable(),
  shareName: z.boolean(),
  shareEmail: z.boolean(),
  active: z.boolean(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
const linkOut = z.object({
  id: z.string().uuid(),
  toolId: z.string().uuid(),
  title: z.string(),
  targetUrl: z.string(),
  custom: z.record(z.string(), z.string()),
  active: z.boolean(),
  launches: z.number().int(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
const listOut = z.object({ tools: z.array(toolOut.extend({ linkCount: z.number().int() })) });
const detailOut = z.object({
  tool: toolOut,
  platform: z.object({ issuer: z.string(), authUrl: z.string(), jwksUrl: z.string() }),
  links: z.array(linkOut),
});

async function detailJson(ctx: AnyCtx, id: string) {
  const d = await service.getTool(ctx.db, ctx.actor, id);
  return { tool: d.tool, platform: service.platformConfig(ctx.deps.baseUrl), links: d.links };
}

function toolValues(tool: service.ToolRow): Record<string, string> {
  return {
    name: tool.name,
    loginUrl: tool.loginUrl,
    redirectUris: tool.redirectUris.join('\n'),
    targetLinkUri: tool.targetLinkUri,
    jwksUrl: tool.jwksUrl ?? '',
    shareName: tool.shareName ? 'on' : '',
    shareEmail: tool.shareEmail ? 'on' : '',
    active: tool.active ? 'on' : '',
  };
}

const linkValues = (l: service.LinkRow): Record<string, string> => ({
  title: l.title,
  targetUrl: l.targetUrl,
  custom: customLines(l.custom),
  active: l.active ? 'on' : '',
});

async function renderTool(
  ctx: AnyCtx,
  id: string,
  failed: { toolForm?: FormState; linkForm?: FormState } = {},
  status = 200,
) {
  const t = tOf(ctx);
  const detail = await service.getTool(ctx.db, ctx.actor, id);
  return ctx.page(
    t('lti.tool.editTitle', { name: detail.tool.name }),
    <ToolPage
      t={t}
      csrf={ctx.csrfToken()}
      detail={detail}
      config={service.platformConfig(ctx.deps.baseUrl)}
      toolForm={failed.toolForm ?? { values: toolValues(detail.tool), errors: [] }}
      linkForm={failed.linkForm ?? empty}
    />,
    status,
  );
}

async function renderNew(ctx: AnyCtx, state: FormState, status = 200) {
  const t = tOf(ctx);
  const providers = await service.providerOptions(ctx.db, ctx.actor);
  return ctx.page(
    t('lti.tool.newTitle'),
    <ToolNewPage t={t} csrf={ctx.csrfToken()} providers={providers} state={state} />,
    status,
  );
}

async function renderLink(
  ctx: AnyCtx,
  toolId: string,
  linkId: string,
  state: FormState | null,
  status = 200,
) {
  const t = tOf(ctx);
  const { tool, link } = await service.getLink(ctx.db, ctx.actor, toolId, linkId);
  return ctx.page(
    t('lti.link.editTitle', { title: link.title }),
    <LinkPage
      t={t}
      csrf={ctx.csrfToken()}
      tool={tool}
      link={link}
      state={state ?? { values: linkValues(link), errors: [] }}
    />,
    status,
  );
}

/** Run a write; a service VALIDATION error becomes the form's errors (the input kept). */
async function attempt(write: () => Promise<unknown>): Promise<FieldError[] | null> {
  try {
    await write();
    return null;
  } catch (err) {
    if (err instanceof AppError && err.code === 'VALIDATION') return err.fields;
    throw err;
  }
}

const failedState = (ctx: AnyCtx, errors: FieldError[]): FormState => ({
  values: rawForm(ctx.req.body),
  errors,
});

export const toolRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/lti/tools',
    kind: 'page',
    access,
    handler: async (ctx) => {
      const t = tOf(ctx as AnyCtx);
      const tools = await service.listTools(ctx.db, ctx.actor);
      return ctx.page(t('lti.title'), <ToolListPage t={t} tools={tools} />);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/lti/tools/new',
    kind: 'page',
    access,
    handler: async (ctx) => renderNew(ctx as AnyCtx, empty),
  }),
  defineRoute({
    method: 'POST',
    url: '/lti/tools',
    kind: 'page',
    access,
    body: newToolInput,
    handler: async (ctx) => {
      const c = ctx as AnyCtx;
      if (!ctx.form.ok) return renderNew(c, { values: ctx.form.raw, errors: ctx.form.errors }, 422);
      const input = ctx.form.value;
      let id = '';
      const errors = await attempt(async () => {
        id = await service.createTool(ctx.db, w(c), input);
      });
      if (errors) return renderNew(c, failedState(c, errors), 422);
      return ctx.redirect(`/lti/tools/${id}`, tOf(c)('lti.tool.created'));
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/lti/tools/:id',
    kind: 'page',
    access,
    params: toolParams,
    handler: async (ctx) => renderTool(ctx as AnyCtx, ctx.params.id),
  }),
  defineRoute({
    method: 'POST',
    url: '/lti/tools/:id',
    kind: 'page',
    access,
    params: toolParams,
    body: toolInput,
    handler: async (ctx) => {
      const c = ctx as AnyCtx;
      const id = ctx.params.id;
      if (!ctx.form.ok)
        return renderTool(c, id, { toolForm: { values: ctx.form.raw, errors: ctx.form.errors } }, 422);
      const input = ctx.form.value;
      const errors = await attempt(() => service.updateTool(ctx.db, w(c), id, input));
      if (errors) return renderTool(c, id, { toolForm: failedState(c, errors) }, 422);
      return ctx.redirect(`/lti/tools/${id}`, tOf(c)('lti.tool.saved'));
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/lti/tools/:id/links',
    kind: 'page',
    access,
    params: toolParams,
    body: newLinkInput,
    handler: async (ctx) => {
      const c = ctx as AnyCtx;
      const id = ctx.params.id;
      if (!ctx.form.ok)
        return renderTool(c, id, { linkForm: { values: ctx.form.raw, errors: ctx.form.errors } }, 422);
      const input = ctx.form.value;
      const errors = await attempt(() => service.createLink(ctx.db, w(c), id, input));
      if (errors) return renderTool(c, id, { linkForm: failedState(c, errors) }, 422);
      return ctx.redirect(`/lti/tools/${id}`, tOf(c)('lti.link.created'));
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/lti/tools/:id/links/:linkId',
    kind: 'page',
    access,
    params: linkParams,
    handler: async (ctx) => renderLink(ctx as AnyCtx, ctx.params.id, ctx.params.linkId, null),
  }),
  defineRoute({
    method: 'POST',
    url: '/lti/tools/:id/links/:linkId',
    kind: 'page',
    access,
    params: linkParams,
    body: linkInput,
    handler: async (ctx) => {
      const c = ctx as AnyCtx;
      const { id, linkId } = ctx.params;
      if (!ctx.form.ok)
        return renderLink(c, id, linkId, { values: ctx.form.raw, errors: ctx.form.errors }, 422);
      const input = ctx.form.value;
      const errors = await attempt(() => service.updateLink(ctx.db, w(c), id, linkId, input));
      if (errors) return renderLink(c, id, linkId, failedState(c, errors), 422);
      return ctx.redirect(`/lti/tools/${id}`, tOf(c)('lti.link.saved'));
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/lti/tools',
    kind: 'api',
    access,
    summary: "The LTI tools of the caller's provider organisations (or, for region admins, their regions)",
    tag: 'LTI',
    response: listOut,
    handler: async (ctx) => ({ tools: await service.listTools(ctx.db, ctx.actor) }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/lti/tools',
    kind: 'api',
    access,
    body: newToolInput,
    summary: 'Register an LTI 1.3 tool (the platform generates client id and deployment id)',
    tag: 'LTI',
    response: detailOut,
    successStatus: 201,
    handler: async (ctx) => {
      const id = await service.createTool(ctx.db, w(ctx as AnyCtx), ctx.body);
      return detailJson(ctx as AnyCtx, id);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/lti/tools/:id',
    kind: 'api',
    access,
    params: toolParams,
    summary: "A tool with the platform's configuration details and its resource links",
    tag: 'LTI',
    response: detailOut,
    handler: async (ctx) => detailJson(ctx as AnyCtx, ctx.params.id),
  }),
  defineRoute({
    method: 'PUT',
    url: '/api/v1/lti/tools/:id',
    kind: 'api',
    access,
    params: toolParams,
    body: toolInput,
    summary: "Change a tool's URLs, personal-data switches and active flag",
    tag: 'LTI',
    response: detailOut,
    handler: async (ctx) => {
      await service.updateTool(ctx.db, w(ctx as AnyCtx), ctx.params.id, ctx.body);
      return detailJson(ctx as AnyCtx, ctx.params.id);
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/lti/tools/:id/links',
    kind: 'api',
    access,
    params: toolParams,
    body: newLinkInput,
    summary: 'Add a resource link to a tool',
    tag: 'LTI',
    response: detailOut,
    successStatus: 201,
    handler: async (ctx) => {
      await service.createLink(ctx.db, w(ctx as AnyCtx), ctx.params.id, ctx.body);
      return detailJson(ctx as AnyCtx, ctx.params.id);
    },
  }),
  defineRoute({
    method: 'PUT',
    url: '/api/v1/lti/tools/:id/links/:linkId',
    kind: 'api',
    access,
    params: linkParams,
    body: linkInput,
    summary: "Change a resource link's title, target, custom parameters and active flag",
    tag: 'LTI',
    response: detailOut,
    handler: async (ctx) => {
      await service.updateLink(ctx.db, w(ctx as AnyCtx), ctx.params.id, ctx.params.linkId, ctx.body);
      return detailJson(ctx as AnyCtx, ctx.params.id);
    },
  }),
];
