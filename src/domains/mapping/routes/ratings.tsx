// Per-person ratings in the company-only space (company contacts) and the employee's own ratings.
// Pages and /api/v1 over the same service; the service enforces who may read what.
import { z } from 'zod';
import { AppError, type FieldError } from '../../../platform/errors.ts';
import { f } from '../../../platform/http/forms.ts';
import { type AnyRoute, type Ctx, defineRoute, policy } from '../../../platform/http/registry.ts';
import { type Locale, type T, translator } from '../../../platform/i18n/index.ts';
import { messages } from '../messages.ts';
import * as service from '../service/person-ratings.ts';
import type { IT } from '../views/instruments-shared.tsx';
import { MyRatingsView } from '../views/ratings-my.tsx';
import { GateView, PeopleSpaceView, type SpaceForm, spaceHref } from '../views/ratings-space.tsx';

const contactAccess = policy('canManagePersonRatings', service.canManagePersonRatings);
const employeeAccess = policy('canReadOwnRatings', service.canReadOwnRatings);

const idParams = z.object({ id: z.guid() });
const personParams = z.object({ id: z.guid(), personId: z.guid() });

const personBody = z.object({
  name: f.text(200),
  email: f.optEmail(),
  roleKey: f.text(40),
});
const commentBody = z.object({
  personId: z.guid('validation.uuid'),
  mappingId: z.guid('validation.uuid'),
  competenceKey: z.string().min(4).max(310),
  comment: z.string().max(2000, 'validation.tooLong'),
});
const ratingsBody = z.object({
  ratings: z
    .array(
      z.object({
        competenceKey: z.string().min(4).max(310),
        level: z.number().int().min(0).max(100).nullable(),
      }),
    )
    .max(500),
});
const formBody = z.record(z.string(), z.unknown());

const tr = (locale: Locale): IT => translator(messages, locale);
type AnyCtx = Ctx<{ id: string }, unknown, unknown>;

const isGate = (err: unknown): err is AppError =>
  err instanceof AppError && err.code === 'CONFLICT' && err.message.startsWith('mapping.ratings.');

// ---------------------------------------------------------------- rendering

async function renderSpace(
  ctx: AnyCtx,
  opts: { form: SpaceForm; values: Record<string, string>; errors: FieldError[]; status: number },
) {
  const t = tr(ctx.locale);
  try {
    const space = await service.getPeopleSpace(ctx.db, ctx.actor, ctx.params.id);
    return ctx.page(
      t('mapping.ratings.title'),
      <PeopleSpaceView
        t={t}
        locale={ctx.locale}
        space={space}
        csrf={ctx.csrfToken()}
        form={opts.form}
        values={opts.values}
        errors={opts.errors}
      />,
      opts.status,
    );
  } catch (err) {
    if (isGate(err)) return renderGate(ctx, err);
    throw err;
  }
}

function renderGate(ctx: AnyCtx, err: AppError) {
  const t = tr(ctx.locale);
  return ctx.page(
    t('mapping.ratings.gateTitle'),
    <GateView t={t} mappingId={ctx.params.id} message={(t as T<string>)(err.message)} />,
    409,
  );
}

/** Run a page action; a closed gate renders its explanation, other errors go to the common handler. */
async function pageAction(ctx: AnyCtx, fn: () => Promise<unknown>) {
  try {
    return await fn();
  } catch (err) {
    if (isGate(err)) return renderGate(ctx, err);
    throw err;
  }
}

/** A problem document with the domain's own messages (the gate's reason, field errors) localised. */
async function api<R>(ctx: AnyCtx | Ctx<unknown, unknown, unknown>, fn: () => Promise<R>) {
  try {
    return await fn();
  } catch (err) {
    if (!(err instanceof AppError) || (err.code !== 'CONFLICT' && err.code !== 'VALIDATION')) throw err;
    const t = tr(ctx.locale) as T<string>;
    return ctx.reply
      .code(err.status)
      .type('application/problem+json')
      .send({
        type: 'about:blank',
        title: t(`error.${err.status}.title`),
        status: err.status,
        code: err.code,
        ...(err.message.startsWith('mapping.') ? { detail: t(err.message) } : {}),
        errors: err.fields.map((e) => ({ field: e.field, code: e.message, message: t(e.message, e.params) })),
      });
  }
}

// ---------------------------------------------------------------- form parsing

const str = (v: unknown): string => (typeof v === 'string' ? v : Array.isArray(v) ? String(v[0] ?? '') : '');

/** The ratings form of one role: `level.<person>.<i>` with the competence of column i in `key.<i>`. */
function ratingsFromForm(body: Record<string, unknown>) {
  const entries: service.RatingInput[] = [];
  const names: string[] = [];
  const errors: FieldError[] = [];
  const values: Record<string, string> = {};
  for (const [name, raw] of Object.entries(body)) {
    const m = /^level\.([0-9a-f-]{36})\.(\d{1,3})$/.exec(name);
    if (!m) continue;
    const value = str(raw).trim();
    values[name] = value;
    const competenceKey = str(body[`key.${m[2]}`]);
    if (value !== '' && !/^\d{1,3}$/.test(value)) {
      errors.push({ field: name, message: 'validation.choice' });
      continue;
    }
    entries.push({ personId: m[1] as string, competenceKey, level: value === '' ? null : Number(value) });
    names.push(name);
  }
  return { entries, names, errors, values, roleKey: str(body.role) };
}

// ---------------------------------------------------------------- presenters (API)

const iso = (d: Date) => new Date(d).toISOString();
const localised = z.object({ sv: z.string(), en: z.string() });
const levelOut = z.object({ value: z.number().int(), label: localised, description: localised.nullable() });
const personOut = z.object({
  id: z.string().uuid(),
  name: z.string(),
  email: z.string().nullable(),
  linked: z.boolean(),
  roleKey: z.string(),
  roleTitle: z.string(),
  ratings: z.record(z.string(), z.number().int()),
  comments: z.array(
    z.object({
      id: z.string().uuid(),
      competenceKey: z.string(),
      comment: z.string(),
      createdAt: z.string(),
    }),
  ),
});
const spaceOut = z.object({
  mappingId: z.string().uuid(),
  companyId: z.string().uuid(),
  status: z.enum(['in_progress', 'submitted']),
  revision: z.number().int(),
  levels: z.array(levelOut),
  roles: z.array(
    z.object({
      key: z.string(),
      title: z.string(),
      requirements: z.array(
        z.object({
          competenceKey: z.string(),
          name: z.string(),
          levelNow: z.number().int().nullable(),
          meetingNow: z.number().int().nullable(),
          rated: z.number().int(),
          meeting: z.number().int(),
        }),
      ),
      people: z.array(personOut),
    }),
  ),
  otherPeople: z.array(personOut),
});
const ownOut = z.array(
  z.object({
    personId: z.string().uuid(),
    mappingId: z.string().uuid(),
    companyName: z.string(),
    roundName: localised,
    roleTitle: z.string(),
    levels: z.array(levelOut),
    ratings: z.array(
      z.object({
        competenceKey: z.string(),
        competenceName: z.string(),
        level: z.number().int(),
        levelLabel: localised.nullable(),
        levelDescription: localised.nullable(),
        ratedAt: z.string(),
        comments: z.array(z.object({ id: z.string().uuid(), comment: z.string(), createdAt: z.string() })),
      }),
    ),
  }),
);

function presentPerson(p: service.SpacePerson) {
  return {
    ...p,
    comments: p.comments.map((c) => ({
      id: c.id,
      competenceKey: c.competenceKey,
      comment: c.comment,
      createdAt: iso(c.createdAt),
    })),
  };
}

function presentSpace(s: service.PeopleSpace): z.infer<typeof spaceOut> {
  return {
    mappingId: s.mappingId,
    companyId: s.companyId,
    status: s.status,
    revision: s.revision,
    levels: s.levels,
    roles: s.roles.map((r) => ({ ...r, people: r.people.map(presentPerson) })),
    otherPeople: s.otherPeople.map(presentPerson),
  };
}

function presentOwn(groups: service.OwnRatingGroup[]): z.infer<typeof ownOut> {
  return groups.map((g) => ({
    ...g,
    ratings: g.ratings.map((r) => ({
      ...r,
      ratedAt: iso(r.ratedAt),
      comments: r.comments.map((c) => ({ ...c, createdAt: iso(c.createdAt) })),
    })),
  }));
}

// ---------------------------------------------------------------- pages

const pageRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/mappings/:id/people',
    kind: 'page',
    access: contactAccess,
    params: idParams,
    handler: (ctx) => renderSpace(ctx, { form: null, values: {}, errors: [], status: 200 }),
  }),
  defineRoute({
    method: 'POST',
    url: '/mappings/:id/people',
    kind: 'page',
    access: contactAccess,
    params: idParams,
    body: personBody,
    handler: async (ctx) => {
      const values = {
        name: str((ctx.req.body as Record<string, unknown>)?.name),
        email: str((ctx.req.body as Record<string, unknown>)?.email),
        roleKey: str((ctx.req.body as Record<string, unknown>)?.roleKey),
      };
      if (!ctx.form.ok)
        return renderSpace(ctx, { form: { kind: 'add' }, values, errors: ctx.form.errors, status: 422 });
      const input = ctx.form.value;
      try {
        await service.addPerson(ctx.db, ctx.actor, ctx.params.id, input, ctx.ip);
      } catch (err) {
        if (err instanceof AppError && err.code === 'VALIDATION')
          return renderSpace(ctx, { form: { kind: 'add' }, values, errors: err.fields, status: 422 });
        if (isGate(err)) return renderGate(ctx, err);
        throw err;
      }
      return ctx.redirect(spaceHref(ctx.params.id), tr(ctx.locale)('mapping.ratings.added'));
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/mappings/:id/people/ratings',
    kind: 'page',
    access: contactAccess,
    params: idParams,
    body: formBody,
    handler: async (ctx) => {
      const parsed = ratingsFromForm(ctx.body);
      const form: SpaceForm = { kind: 'ratings', roleKey: parsed.roleKey };
      if (parsed.errors.length)
        return renderSpace(ctx, { form, values: parsed.values, errors: parsed.errors, status: 422 });
      try {
        await service.saveRatings(ctx.db, ctx.actor, ctx.params.id, parsed.entries, ctx.ip);
      } catch (err) {
        if (err instanceof AppError && err.code === 'VALIDATION') {
          const errors = err.fields.map((e) => {
            const i = Number(/^ratings\.(\d+)\./.exec(e.field)?.[1] ?? -1);
            return { ...e, field: parsed.names[i] ?? e.field };
          });
          return renderSpace(ctx, { form, values: parsed.values, errors, status: 422 });
        }
        if (isGate(err)) return renderGate(ctx, err);
        throw err;
      }
      return ctx.redirect(spaceHref(ctx.params.id), tr(ctx.locale)('mapping.ratings.saved'));
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/mappings/:id/people/fill-totals',
    kind: 'page',
    access: contactAccess,
    params: idParams,
    handler: (ctx) =>
      pageAction(ctx, async () => {
        const t = tr(ctx.locale);
        const r = await service.fillTotalsFromRatings(ctx.db, ctx.actor, ctx.params.id, ctx.ip);
        const key = r.errors.length ? 'mapping.ratings.filledCheck' : 'mapping.ratings.filled';
        return ctx.redirect(spaceHref(ctx.params.id), t(key, { rows: r.rows }));
      }),
  }),
  defineRoute({
    method: 'POST',
    url: '/mappings/:id/people/:personId/remove',
    kind: 'page',
    access: contactAccess,
    params: personParams,
    handler: (ctx) =>
      pageAction(ctx, async () => {
        await service.removePerson(ctx.db, ctx.actor, ctx.params.id, ctx.params.personId, ctx.ip);
        return ctx.redirect(spaceHref(ctx.params.id), tr(ctx.locale)('mapping.ratings.removed'));
      }),
  }),
  defineRoute({
    method: 'GET',
    url: '/my/ratings',
    kind: 'page',
    access: employeeAccess,
    handler: async (ctx) => {
      const t = tr(ctx.locale);
      const groups = await service.myRatings(ctx.db, ctx.actor, ctx.ip);
      return ctx.page(
        t('mapping.ratings.my.title'),
        <MyRatingsView
          t={t}
          locale={ctx.locale}
          groups={groups}
          csrf={ctx.csrfToken()}
          failed={null}
          errors={[]}
        />,
      );
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/my/ratings/comments',
    kind: 'page',
    access: employeeAccess,
    body: formBody,
    handler: async (ctx) => {
      const t = tr(ctx.locale);
      const raw = {
        personId: str(ctx.body.personId),
        mappingId: str(ctx.body.mappingId),
        competenceKey: str(ctx.body.competenceKey),
        comment: str(ctx.body.comment),
      };
      const parsed = commentBody.safeParse(raw);
      if (!parsed.success) throw new AppError('NOT_FOUND');
      try {
        await service.addComment(ctx.db, ctx.actor, parsed.data, ctx.ip);
      } catch (err) {
        if (!(err instanceof AppError) || err.code !== 'VALIDATION') throw err;
        const groups = await service.myRatings(ctx.db, ctx.actor, ctx.ip);
        return ctx.page(
          t('mapping.ratings.my.title'),
          <MyRatingsView
            t={t}
            locale={ctx.locale}
            groups={groups}
            csrf={ctx.csrfToken()}
            failed={raw}
            errors={err.fields}
          />,
          422,
        );
      }
      return ctx.redirect('/my/ratings', t('mapping.ratings.my.commented'));
    },
  }),
];

// ---------------------------------------------------------------- API

const apiRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/mappings/:id/people',
    kind: 'api',
    tag: 'mappings',
    summary:
      "Company contacts: the company-only space of a mapping (people per role, per-person ratings, employees' comments, totals)",
    access: contactAccess,
    params: idParams,
    response: spaceOut,
    handler: (ctx) =>
      api(ctx, async () => presentSpace(await service.getPeopleSpace(ctx.db, ctx.actor, ctx.params.id))),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/mappings/:id/people',
    kind: 'api',
    tag: 'mappings',
    summary:
      'Company contacts: add a person under one of the mapping’s roles (email links an employee account)',
    access: contactAccess,
    params: idParams,
    body: personBody,
    response: z.object({ id: z.string().uuid() }),
    successStatus: 201,
    handler: (ctx) =>
      api(ctx, async () => ({
        id: await service.addPerson(ctx.db, ctx.actor, ctx.params.id, ctx.body, ctx.ip),
      })),
  }),
  defineRoute({
    method: 'DELETE',
    url: '/api/v1/mappings/:id/people/:personId',
    kind: 'api',
    tag: 'mappings',
    summary: 'Company contacts: remove a person with their ratings and comments',
    access: contactAccess,
    params: personParams,
    handler: (ctx) =>
      api(ctx, async () => {
        await service.removePerson(ctx.db, ctx.actor, ctx.params.id, ctx.params.personId, ctx.ip);
      }),
  }),
  defineRoute({
    method: 'PUT',
    url: '/api/v1/mappings/:id/people/:personId/ratings',
    kind: 'api',
    tag: 'mappings',
    summary: "Company contacts: set a person's levels per required competence (level null removes a rating)",
    access: contactAccess,
    params: personParams,
    body: ratingsBody,
    response: z.object({ changed: z.number().int() }),
    handler: (ctx) =>
      api(ctx, async () => ({
        changed: await service.saveRatings(
          ctx.db,
          ctx.actor,
          ctx.params.id,
          ctx.body.ratings.map((r) => ({ ...r, personId: ctx.params.personId })),
          ctx.ip,
        ),
      })),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/mappings/:id/people/fill-totals',
    kind: 'api',
    tag: 'mappings',
    summary: "Company contacts: fill the mapping's per-role totals (meetingNow) from the per-person ratings",
    access: contactAccess,
    params: idParams,
    response: z.object({
      rows: z.number().int(),
      revision: z.number().int(),
      errors: z.array(z.object({ field: z.string(), code: z.string() })),
    }),
    handler: (ctx) =>
      api(ctx, async () => {
        const r = await service.fillTotalsFromRatings(ctx.db, ctx.actor, ctx.params.id, ctx.ip);
        return {
          rows: r.rows,
          revision: r.revision,
          errors: r.errors.map((e) => ({ field: e.field, code: e.message })),
        };
      }),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/my/ratings',
    kind: 'api',
    tag: 'mappings',
    summary: 'Employees: your own competence ratings with the level descriptions and your comments',
    access: employeeAccess,
    response: ownOut,
    handler: async (ctx) => presentOwn(await service.myRatings(ctx.db, ctx.actor, ctx.ip)),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/my/ratings/comments',
    kind: 'api',
    tag: 'mappings',
    summary: 'Employees: comment on one of your own ratings',
    access: employeeAccess,
    body: commentBody,
    response: z.object({ id: z.string().uuid() }),
    successStatus: 201,
    handler: (ctx) =>
      api(ctx, async () => ({ id: await service.addComment(ctx.db, ctx.actor, ctx.body, ctx.ip) })),
  }),
];

export const ratingRoutes: AnyRoute[] = [...pageRoutes, ...apiRoutes];
