// Occasion pages of course management (providers and region admins): new/edit, cancel, sessions.
import { z } from 'zod';
import { AppError, type FieldError } from '../../../platform/errors.ts';
import { type AnyRoute, type Ctx, defineRoute, policy } from '../../../platform/http/registry.ts';
import { translator } from '../../../platform/i18n/index.ts';
import { catalogueMessages } from '../messages/catalogue.ts';
import { canManageCourses } from '../policy.ts';
import * as courses from '../service/catalogue-courses.ts';
import * as occasions from '../service/catalogue-occasions.ts';
import { ACTIVITIES, occasionFields, sessionFields } from '../service/catalogue-schema.ts';
import { OccasionFormView } from '../views/catalogue-occasion.tsx';
import { formBody, parseWith } from './catalogue-shared.ts';

const access = policy('canManageCourses', canManageCourses);
const idParams = z.object({ id: z.string().uuid() });
const occParams = z.object({ id: z.string().uuid(), oid: z.string().uuid() });
const sessionParams = z.object({ id: z.string().uuid(), oid: z.string().uuid(), sid: z.string().uuid() });
type AnyCtx = Ctx<unknown, unknown, unknown>;
const tOf = (ctx: AnyCtx) => translator(catalogueMessages, ctx.locale);

async function renderOccasion(
  ctx: AnyCtx,
  courseId: string,
  occasionId: string | null,
  opts: {
    values?: Record<string, string>;
    errors?: FieldError[];
    sessionValues?: Record<string, string>;
    sessionErrors?: FieldError[];
    status?: number;
  } = {},
) {
  const t = tOf(ctx);
  const course = await courses.getCourse(ctx.db, ctx.actor, courseId);
  if (!course.canManage) throw new AppError('NOT_FOUND');
  let values = opts.values ?? {};
  let sessions: occasions.SessionRow[] = [];
  let status: 'open' | 'cancelled' = 'open';
  if (occasionId) {
    const { occasion } = await occasions.getManagedOccasion(ctx.db, ctx.actor, occasionId);
    if (occasion.courseId !== courseId) throw new AppError('NOT_FOUND');
    sessions = occasion.sessions;
    status = occasion.status;
    values = opts.values ?? {
      startsOn: occasion.startsOn,
      endsOn: occasion.endsOn,
      seats: String(occasion.seats),
      enrolmentDeadline: occasion.enrolmentDeadline,
      municipalityCode: occasion.municipalityCode ?? '',
      location: occasion.location ?? '',
      onlineLink: occasion.onlineLink ?? '',
    };
  } else if (!opts.values)
    values = { municipalityCode: course.municipalityCode ?? '', location: course.address ?? '' };
  return ctx.page(
    `${t('training.catalogue.occasion.edit')} – ${course.title}`,
    <OccasionFormView
      t={t}
      csrf={ctx.csrfToken()}
      errors={opts.errors ?? []}
      sessionErrors={opts.sessionErrors ?? []}
      vm={{
        courseId,
        courseTitle: course.title,
        occasionId,
        status,
        values,
        sessionValues: opts.sessionValues ?? {},
        sessions,
        municipalities: await occasions.municipalityChoices(ctx.db, ctx.actor),
        activities: ACTIVITIES,
      }}
    />,
    opts.status ?? 200,
  );
}

/** The occasion must belong to the course in the URL. */
async function checkOccasion(ctx: AnyCtx, courseId: string, occasionId: string) {
  const { occasion } = await occasions.getManagedOccasion(ctx.db, ctx.actor, occasionId);
  if (occasion.courseId !== courseId) throw new AppError('NOT_FOUND');
}

export const catalogueOccasionRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/training/courses/:id/occasions/new',
    kind: 'page',
    access,
    params: idParams,
    handler: async (ctx) => renderOccasion(ctx as AnyCtx, ctx.params.id, null),
  }),
  defineRoute({
    method: 'POST',
    url: '/training/courses/:id/occasions/new',
    kind: 'page',
    access,
    params: idParams,
    handler: async (ctx) => {
      const t = tOf(ctx as AnyCtx);
      const { values } = formBody(ctx.req.body);
      const parsed = parseWith(occasionFields, values);
      const fail = (errors: FieldError[]) =>
        renderOccasion(ctx as AnyCtx, ctx.params.id, null, { values, errors, status: 422 });
      if (!parsed.ok) return fail(parsed.errors);
      try {
        const oid = await occasions.createOccasion(ctx.db, ctx.actor, ctx.params.id, parsed.value, ctx.ip);
        return ctx.redirect(
          `/training/courses/${ctx.params.id}/occasions/${oid}`,
          t('training.catalogue.occasion.saved'),
        );
      } catch (err) {
        if (err instanceof AppError && err.code === 'VALIDATION') return fail(err.fields);
        throw err;
      }
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/training/courses/:id/occasions/:oid',
    kind: 'page',
    access,
    params: occParams,
    handler: async (ctx) => renderOccasion(ctx as AnyCtx, ctx.params.id, ctx.params.oid),
  }),
  defineRoute({
    method: 'POST',
    url: '/training/courses/:id/occasions/:oid',
    kind: 'page',
    access,
    params: occParams,
    handler: async (ctx) => {
      const t = tOf(ctx as AnyCtx);
      const { id, oid } = ctx.params;
      await checkOccasion(ctx as AnyCtx, id, oid);
      const { values } = formBody(ctx.req.body);
      const parsed = parseWith(occasionFields, values);
      const fail = (errors: FieldError[], status = 422) =>
        renderOccasion(ctx as AnyCtx, id, oid, { values, errors, status });
      if (!parsed.ok) return fail(parsed.errors);
      try {
        await occasions.updateOccasion(ctx.db, ctx.actor, oid, parsed.value, ctx.ip);
      } catch (err) {
        if (err instanceof AppError && err.code === 'VALIDATION') return fail(err.fields);
        if (err instanceof AppError && err.code === 'CONFLICT')
          return fail([{ field: '_form', message: err.message }], 409);
        throw err;
      }
      return ctx.redirect(`/training/courses/${id}/occasions/${oid}`, t('training.catalogue.occasion.saved'));
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/training/courses/:id/occasions/:oid/cancel',
    kind: 'page',
    access,
    params: occParams,
    handler: async (ctx) => {
      const t = tOf(ctx as AnyCtx);
      const { id, oid } = ctx.params;
      await checkOccasion(ctx as AnyCtx, id, oid);
      await occasions.cancelOccasion(ctx.db, ctx.actor, oid, ctx.ip);
      return ctx.redirect(
        `/training/courses/${id}/occasions/${oid}`,
        t('training.catalogue.occasion.cancelledFlash'),
      );
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/training/courses/:id/occasions/:oid/sessions',
    kind: 'page',
    access,
    params: occParams,
    handler: async (ctx) => {
      const t = tOf(ctx as AnyCtx);
      const { id, oid } = ctx.params;
      await checkOccasion(ctx as AnyCtx, id, oid);
      const { values } = formBody(ctx.req.body);
      // The session fields are prefixed `s_` on the page (the occasion form above has a `location` too).
      const input = Object.fromEntries(
        Object.entries(values)
          .filter(([k]) => k.startsWith('s_'))
          .map(([k, v]) => [k.slice(2), v]),
      );
      const fail = (errors: FieldError[]) =>
        renderOccasion(ctx as AnyCtx, id, oid, {
          sessionValues: values,
          sessionErrors: errors.map((e) => ({ ...e, field: `s_${e.field}` })),
          status: 422,
        });
      const parsed = parseWith(sessionFields, input);
      if (!parsed.ok) return fail(parsed.errors);
      try {
        await occasions.addSession(ctx.db, ctx.actor, oid, parsed.value, ctx.ip);
      } catch (err) {
        if (err instanceof AppError && err.code === 'VALIDATION') return fail(err.fields);
        throw err;
      }
      return ctx.redirect(`/training/courses/${id}/occasions/${oid}`, t('training.catalogue.session.added'));
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/training/courses/:id/occasions/:oid/sessions/:sid/remove',
    kind: 'page',
    access,
    params: sessionParams,
    handler: async (ctx) => {
      const t = tOf(ctx as AnyCtx);
      const { id, oid, sid } = ctx.params;
      await checkOccasion(ctx as AnyCtx, id, oid);
      try {
        const owner = await occasions.sessionOccasion(ctx.db, sid);
        if (owner !== oid) throw new AppError('NOT_FOUND');
        await occasions.removeSession(ctx.db, ctx.actor, sid, ctx.ip);
      } catch (err) {
        if (err instanceof AppError && err.code === 'CONFLICT')
          return renderOccasion(ctx as AnyCtx, id, oid, {
            errors: [{ field: '_form', message: err.message }],
            status: 409,
          });
        throw err;
      }
      return ctx.redirect(
        `/training/courses/${id}/occasions/${oid}`,
        t('training.catalogue.session.removed'),
      );
    },
  }),
];
