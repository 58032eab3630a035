import { z } from 'zod';
import type { FieldError } from '../../platform/errors.ts';
import { rawForm } from '../../platform/http/forms.ts';
import { type AnyRoute, type Ctx, defineRoute, policy } from '../../platform/http/registry.ts';
import { translator } from '../../platform/i18n/index.ts';
import { messages } from './messages.ts';
import { canManageOrganisations, canViewOrganisations } from './policy.ts';
import { programmeForm, programmeInput, providerInput, ruleSets } from './schema.ts';
import { addProgramme, addProvider, regionOverview } from './service.ts';
import { OverviewView } from './views/overview.tsx';

const viewAccess = policy('canViewOrganisations', canViewOrganisations);
const manageAccess = policy('canManageOrganisations', canManageOrganisations);

interface FormState {
  providerErrors?: FieldError[];
  providerValues?: Record<string, string>;
  programmeErrors?: FieldError[];
  programmeValues?: Record<string, string>;
}

async function overview(ctx: Ctx<unknown, unknown, unknown>, state: FormState = {}, status = 200) {
  const t = translator(messages, ctx.locale);
  const { organisations, programmes } = await regionOverview(ctx.db, ctx.actor);
  return ctx.page(
    t('orgs.title'),
    <OverviewView
      t={t}
      organisations={organisations}
      programmes={programmes}
      canManage={canManageOrganisations(ctx.actor)}
      csrf={ctx.csrfToken()}
      providerErrors={state.providerErrors ?? []}
      providerValues={state.providerValues ?? {}}
      programmeErrors={state.programmeErrors ?? []}
      programmeValues={state.programmeValues ?? {}}
    />,
    status,
  );
}

const organisationOut = z.object({
  id: z.string().uuid(),
  kind: z.enum(['region', 'municipality', 'provider']),
  name: z.string(),
  code: z.string().nullable(),
  orgNumber: z.string().nullable(),
});
const programmeOut = z.object({
  id: z.string().uuid(),
  name: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  ruleSet: z.enum(ruleSets),
  funders: z.array(z.object({ name: z.string(), amountSek: z.number() })),
});

export const organisationRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/organisations',
    kind: 'page',
    access: viewAccess,
    handler: (ctx) => overview(ctx),
  }),
  defineRoute({
    method: 'POST',
    url: '/organisations/providers',
    kind: 'page',
    access: manageAccess,
    body: providerInput,
    handler: async (ctx) => {
      if (!ctx.form.ok)
        return overview(ctx, { providerErrors: ctx.form.errors, providerValues: ctx.form.raw }, 422);
      await addProvider(ctx.db, ctx.actor, ctx.ip, ctx.form.value);
      return ctx.redirect('/organisations', translator(messages, ctx.locale)('orgs.provider.added'));
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/organisations/programmes',
    kind: 'page',
    access: manageAccess,
    body: programmeForm,
    handler: async (ctx) => {
      if (!ctx.form.ok)
        return overview(
          ctx,
          { programmeErrors: ctx.form.errors, programmeValues: rawForm(ctx.req.body) },
          422,
        );
      await addProgramme(ctx.db, ctx.actor, ctx.ip, ctx.form.value);
      return ctx.redirect('/organisations', translator(messages, ctx.locale)('orgs.programme.added'));
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/organisations',
    kind: 'api',
    tag: 'organisations',
    summary: 'The organisations of your regions (region, municipalities, providers)',
    access: viewAccess,
    response: z.array(organisationOut),
    handler: async (ctx) =>
      (await regionOverview(ctx.db, ctx.actor)).organisations.map(({ id, kind, name, code, orgNumber }) => ({
        id,
        kind,
        name,
        code,
        orgNumber,
      })),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/organisations/providers',
    kind: 'api',
    tag: 'organisations',
    summary: 'Add a training provider to your region (region admin)',
    access: manageAccess,
    body: providerInput,
    response: z.object({ id: z.string().uuid() }),
    successStatus: 201,
    handler: async (ctx) => ({ id: await addProvider(ctx.db, ctx.actor, ctx.ip, ctx.body) }),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/programmes',
    kind: 'api',
    tag: 'organisations',
    summary: "Your regions' programmes",
    access: viewAccess,
    response: z.array(programmeOut),
    handler: async (ctx) =>
      (await regionOverview(ctx.db, ctx.actor)).programmes.map(({ regionId: _r, ...p }) => p),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/programmes',
    kind: 'api',
    tag: 'organisations',
    summary: 'Add a programme to your region (region admin)',
    access: manageAccess,
    body: programmeInput,
    response: z.object({ id: z.string().uuid() }),
    successStatus: 201,
    handler: async (ctx) => ({ id: await addProgramme(ctx.db, ctx.actor, ctx.ip, ctx.body) }),
  }),
];
