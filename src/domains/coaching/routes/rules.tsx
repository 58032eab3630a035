// The programme's coaching rules: page and API (region admins of the programme's region).
import { z } from 'zod';
import { hasRole } from '../../../platform/auth.ts';
import type { FieldError } from '../../../platform/errors.ts';
import { type AnyRoute, type Ctx, defineRoute, policy } from '../../../platform/http/registry.ts';
import { translator } from '../../../platform/i18n/index.ts';
import { messages } from '../messages.ts';
import { rulesInput } from '../schema.ts';
import * as service from '../service/rules.ts';
import { RulesPage } from '../views/rules.tsx';

const access = policy('isRegionAdmin', (a) => hasRole(a, 'region_admin'));
type AnyCtx = Ctx<unknown, unknown, unknown>;
const idParams = z.object({ id: z.string().uuid() });
const rulesOut = z.object({
  id: z.string().uuid(),
  name: z.string(),
  plannedHours: z.number(),
  followupMonths: z.array(z.number().int()),
  notesSharing: z.enum(['organisation', 'programme']),
});

async function render(
  ctx: AnyCtx,
  failed: { id: string; errors: FieldError[]; values: Record<string, string> } | null,
  status = 200,
) {
  const t = translator(messages, ctx.locale);
  const programmes = await service.listRules(ctx.db, ctx.actor);
  return ctx.page(
    t('coaching.rules.title'),
    <RulesPage t={t} csrf={ctx.csrfToken()} vm={{ programmes, failed }} />,
    status,
  );
}

export const rulesRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/coaching/rules',
    kind: 'page',
    access,
    handler: async (ctx) => render(ctx as AnyCtx, null),
  }),
  defineRoute({
    method: 'POST',
    url: '/coaching/rules/:id',
    kind: 'page',
    access,
    params: idParams,
    body: rulesInput,
    handler: async (ctx) => {
      if (!ctx.form.ok)
        return render(
          ctx as AnyCtx,
          { id: ctx.params.id, errors: ctx.form.errors, values: ctx.form.raw },
          422,
        );
      await service.saveRules(ctx.db, { actor: ctx.actor, ip: ctx.ip }, ctx.params.id, ctx.form.value);
      return ctx.redirect('/coaching/rules', translator(messages, ctx.locale)('coaching.rules.saved'));
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/coaching/rules',
    kind: 'api',
    access,
    summary: "The coaching rules of your region's programmes",
    tag: 'Coaching',
    response: z.array(rulesOut),
    handler: async (ctx) => (await service.listRules(ctx.db, ctx.actor)).map(({ regionId: _r, ...p }) => p),
  }),
  defineRoute({
    method: 'PUT',
    url: '/api/v1/coaching/rules/:id',
    kind: 'api',
    access,
    params: idParams,
    body: rulesInput,
    summary: 'Set a programme’s planned hours per company, follow-up months and notes sharing',
    tag: 'Coaching',
    response: rulesOut,
    handler: async (ctx) => {
      await service.saveRules(ctx.db, { actor: ctx.actor, ip: ctx.ip }, ctx.params.id, ctx.body);
      const row = (await service.listRules(ctx.db, ctx.actor)).find((p) => p.id === ctx.params.id);
      const { regionId: _r, ...out } = row as service.ProgrammeRulesRow;
      return out;
    },
  }),
];
