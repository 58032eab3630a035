// The catalogue's JSON API: the public catalogue (approved courses, same filters as /kurser) and, for
// providers and region admins, courses, status changes, occasions and sessions.
import { z } from 'zod';
import { AppError } from '../../../platform/errors.ts';
import { type AnyRoute, defineRoute, PUBLIC, policy } from '../../../platform/http/registry.ts';
import { canManageCourses } from '../policy.ts';
import * as courses from '../service/catalogue-courses.ts';
import * as occasions from '../service/catalogue-occasions.ts';
import {
  courseFields,
  coursePatch,
  occasionFields,
  STATUSES,
  searchQuery,
  sessionFields,
} from '../service/catalogue-schema.ts';
import { searchCatalogue } from '../service/catalogue-search.ts';
import { courseJson, courseOut, occasionJson, occasionOut } from './catalogue-shared.ts';

const TAG = 'Training';
const access = policy('canManageCourses', canManageCourses);
const idParams = z.object({ id: z.string().uuid() });

const searchOut = z.object({
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  items: z.array(
    z.object({
      id: z.string().uuid(),
      title: z.string(),
      providerName: z.string(),
      format: z.string(),
      hours: z.number(),
      language: z.string(),
      municipalityName: z.string().nullable(),
      priceSek: z.number().int(),
      financing: z.string(),
      nextOccasion: z
        .object({
          id: z.string().uuid(),
          startsOn: z.string(),
          endsOn: z.string(),
          enrolmentDeadline: z.string(),
          freeSeats: z.number().int(),
        })
        .nullable(),
    }),
  ),
});
const listOut = z.object({
  items: z.array(
    z.object({
      id: z.string().uuid(),
      title: z.string(),
      providerName: z.string(),
      status: z.enum(STATUSES),
      occasions: z.number().int(),
    }),
  ),
});
const statusOut = z.object({ id: z.string().uuid(), status: z.enum(STATUSES) });

async function courseAnswer(
  db: Parameters<typeof courses.getCourse>[0],
  actor: Parameters<typeof courses.getCourse>[1],
  id: string,
) {
  return courseJson(await courses.getCourse(db, actor, id));
}

async function occasionAnswer(
  db: Parameters<typeof courses.getCourse>[0],
  actor: Parameters<typeof courses.getCourse>[1] & object,
  occasionId: string,
) {
  const { occasion } = await occasions.getManagedOccasion(db, actor, occasionId);
  return occasionJson(occasion);
}

function statusApi(action: 'submit' | 'approve' | 'withdraw', summary: string) {
  return defineRoute({
    method: 'POST',
    url: `/api/v1/training/courses/:id/${action}`,
    kind: 'api',
    access,
    summary,
    tag: TAG,
    params: idParams,
    response: statusOut,
    handler: async (ctx) => ({
      id: ctx.params.id,
      status: await courses.changeStatus(ctx.db, ctx.actor, ctx.params.id, action, ctx.ip),
    }),
  });
}

export const catalogueApiRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/training/courses',
    kind: 'api',
    access: PUBLIC,
    summary:
      'Search the public course catalogue (approved courses): q in Swedish (words, stems, typos), competence, municipality, format, language, from/to',
    tag: TAG,
    query: searchQuery,
    response: searchOut,
    handler: async (ctx) => {
      const r = await searchCatalogue(ctx.db, ctx.query);
      return {
        total: r.total,
        page: r.page,
        pageSize: r.pageSize,
        items: r.items.map((c) => ({
          id: c.id,
          title: c.title,
          providerName: c.providerName,
          format: c.format,
          hours: c.hours,
          language: c.language,
          municipalityName: c.municipalityName,
          priceSek: c.priceSek,
          financing: c.financing,
          nextOccasion: c.nextOccasionId
            ? {
                id: c.nextOccasionId,
                startsOn: c.nextStartsOn ?? '',
                endsOn: c.nextEndsOn ?? '',
                enrolmentDeadline: c.nextDeadline ?? '',
                freeSeats: Math.max(0, c.nextFreeSeats ?? 0),
              }
            : null,
        })),
      };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/training/managed-courses',
    kind: 'api',
    access,
    summary: 'The courses the provider or region admin manages, any status (optionally ?status=)',
    tag: TAG,
    query: z.object({ status: z.enum(STATUSES).optional() }),
    response: listOut,
    handler: async (ctx) => ({
      items: (await courses.listManagedCourses(ctx.db, ctx.actor, ctx.query.status ?? null)).map((r) => ({
        id: r.id,
        title: r.title,
        providerName: r.providerName,
        status: r.status,
        occasions: r.occasions,
      })),
    }),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/training/courses/:id',
    kind: 'api',
    access: PUBLIC,
    summary: 'A course: approved ones for anyone; any status for its provider and the region admins',
    tag: TAG,
    params: idParams,
    response: courseOut,
    handler: async (ctx) => courseAnswer(ctx.db, ctx.maybeActor, ctx.params.id),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/training/courses',
    kind: 'api',
    access,
    summary: 'Add a course as a draft (provider: own organisation; region admin: any provider of the region)',
    tag: TAG,
    body: courseFields,
    response: courseOut,
    successStatus: 201,
    handler: async (ctx) => {
      const id = await courses.createCourse(ctx.db, ctx.actor, ctx.body, ctx.ip);
      return courseAnswer(ctx.db, ctx.actor, id);
    },
  }),
  defineRoute({
    method: 'PATCH',
    url: '/api/v1/training/courses/:id',
    kind: 'api',
    access,
    summary:
      "Change a course's fields (a provider's change to an approved course sends it for approval again)",
    tag: TAG,
    params: idParams,
    body: coursePatch,
    response: courseOut,
    handler: async (ctx) => {
      await courses.updateCourse(ctx.db, ctx.actor, ctx.params.id, ctx.body, ctx.ip);
      return courseAnswer(ctx.db, ctx.actor, ctx.params.id);
    },
  }),
  statusApi('submit', 'Submit a draft or withdrawn course for approval'),
  statusApi('approve', "Approve and publish a course (region admin of the course's region)"),
  statusApi('withdraw', 'Withdraw a course from the catalogue'),
  defineRoute({
    method: 'GET',
    url: '/api/v1/training/courses/:id/occasions',
    kind: 'api',
    access: PUBLIC,
    summary: "A course's occasions with sessions (public: upcoming open occasions of approved courses)",
    tag: TAG,
    params: idParams,
    response: z.object({ items: z.array(occasionOut) }),
    handler: async (ctx) => ({
      items: (await occasions.listCourseOccasions(ctx.db, ctx.maybeActor, ctx.params.id)).map(occasionJson),
    }),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/training/courses/:id/occasions',
    kind: 'api',
    access,
    summary: 'Add an occasion to a course',
    tag: TAG,
    params: idParams,
    body: occasionFields,
    response: occasionOut,
    successStatus: 201,
    handler: async (ctx) => {
      const id = await occasions.createOccasion(ctx.db, ctx.actor, ctx.params.id, ctx.body, ctx.ip);
      return occasionAnswer(ctx.db, ctx.actor, id);
    },
  }),
  defineRoute({
    method: 'PUT',
    url: '/api/v1/training/occasions/:id',
    kind: 'api',
    access,
    summary: 'Change an occasion (seats never below the enrolled)',
    tag: TAG,
    params: idParams,
    body: occasionFields,
    response: occasionOut,
    handler: async (ctx) => {
      await occasions.updateOccasion(ctx.db, ctx.actor, ctx.params.id, ctx.body, ctx.ip);
      return occasionAnswer(ctx.db, ctx.actor, ctx.params.id);
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/training/occasions/:id/cancel',
    kind: 'api',
    access,
    summary: 'Cancel an occasion',
    tag: TAG,
    params: idParams,
    response: occasionOut,
    handler: async (ctx) => {
      await occasions.cancelOccasion(ctx.db, ctx.actor, ctx.params.id, ctx.ip);
      return occasionAnswer(ctx.db, ctx.actor, ctx.params.id);
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/training/occasions/:id/sessions',
    kind: 'api',
    access,
    summary:
      'Add a session to an occasion (date, start and end time in Europe/Stockholm, activity, location)',
    tag: TAG,
    params: idParams,
    body: sessionFields,
    response: occasionOut,
    successStatus: 201,
    handler: async (ctx) => {
      await occasions.addSession(ctx.db, ctx.actor, ctx.params.id, ctx.body, ctx.ip);
      return occasionAnswer(ctx.db, ctx.actor, ctx.params.id);
    },
  }),
  defineRoute({
    method: 'DELETE',
    url: '/api/v1/training/sessions/:id',
    kind: 'api',
    access,
    summary: 'Remove a session (not once attendance has been taken on it)',
    tag: TAG,
    params: idParams,
    handler: async (ctx) => {
      const occasionId = await occasions.sessionOccasion(ctx.db, ctx.params.id);
      if (!occasionId) throw new AppError('NOT_FOUND');
      await occasions.removeSession(ctx.db, ctx.actor, ctx.params.id, ctx.ip);
      return undefined;
    },
  }),
];
