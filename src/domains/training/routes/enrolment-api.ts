// The JSON API of enrolment: learners, enrolling, cancelling, moving and the learner's own courses.
// Same validation and access rules as the pages (the services check).
import { z } from 'zod';
import { type AnyRoute, defineRoute, policy } from '../../../platform/http/registry.ts';
import { canEnrol, isLearner } from '../policy.ts';
import { cancelEnrolment, enrol, moveEnrolment, paidByValues } from '../service/enrolment-book.ts';
import * as learners from '../service/enrolment-learners.ts';
import { formatCode, issueLoginCode } from '../service/enrolment-logincode.ts';
import * as read from '../service/enrolment-read.ts';

const TAG = 'Training';
const enrolAccess = policy('canEnrol', canEnrol);
const learnerAccess = policy('isLearner', isLearner);
const idParams = z.object({ id: z.string().uuid() });

const learnerOut = z.object({
  id: z.string().uuid(),
  companyId: z.string().uuid(),
  companyName: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string().nullable(),
  gender: z.enum(learners.genders).nullable().describe('Optional; used only in aggregate figures'),
  birthYear: z.number().int().nullable().describe('Optional; used only in aggregate figures'),
  hasLogin: z.boolean(),
});
const learnerJson = (l: learners.LearnerRow): z.infer<typeof learnerOut> => ({
  id: l.id,
  companyId: l.companyId,
  companyName: l.companyName,
  firstName: l.firstName,
  lastName: l.lastName,
  email: l.email,
  gender: l.gender,
  birthYear: l.birthYear,
  hasLogin: l.userId !== null,
});

const learnerBody = z.object({
  firstName: z.string().trim().min(1).max(100),
  lastName: z.string().trim().min(1).max(100),
  email: z.string().trim().max(254).email('validation.email').nullable().optional(),
  gender: z.enum(learners.genders).nullable().optional(),
  birthYear: z.number().int().min(1900).max(new Date().getFullYear()).nullable().optional(),
});
const toInput = (b: z.infer<typeof learnerBody>): learners.LearnerInput => ({
  firstName: b.firstName,
  lastName: b.lastName,
  email: b.email ?? null,
  gender: b.gender ?? null,
  birthYear: b.birthYear ?? null,
});

const resultOut = z.object({
  learnerId: z.string().uuid(),
  enrolmentId: z.string().uuid(),
  status: z.enum(['enrolled', 'waitlisted']),
});

const enrolmentOut = z.object({
  id: z.string().uuid(),
  occasionId: z.string().uuid(),
  courseId: z.string().uuid(),
  courseTitle: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  learnerId: z.string().uuid(),
  learnerName: z.string(),
  companyId: z.string().uuid(),
  status: z.enum(['enrolled', 'waitlisted', 'cancelled']),
  paidBy: z.enum(paidByValues),
  completion: z.enum(['pending', 'completed', 'not_completed']),
  movedTo: z.string().uuid().nullable(),
});
const enrolmentJson = (e: read.EnrolmentRow): z.infer<typeof enrolmentOut> => ({
  id: e.id,
  occasionId: e.occasionId,
  courseId: e.courseId,
  courseTitle: e.courseTitle,
  startsOn: e.startsOn,
  endsOn: e.endsOn,
  learnerId: e.learnerId,
  learnerName: `${e.firstName} ${e.lastName}`,
  companyId: e.companyId,
  status: e.status,
  paidBy: e.paidBy,
  completion: e.completion,
  movedTo: e.movedTo,
});

export const enrolmentApiRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/training/learners',
    kind: 'api',
    access: enrolAccess,
    summary: "The learners of the caller's companies (or of one company the caller acts for)",
    tag: TAG,
    query: z.object({ companyId: z.string().uuid().optional() }),
    response: z.array(learnerOut),
    handler: async (ctx) =>
      (await learners.listLearners(ctx.db, ctx.actor, ctx.query.companyId)).map(learnerJson),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/training/learners',
    kind: 'api',
    access: enrolAccess,
    summary: 'Add a learner (an employee) to a company; no personnummer',
    tag: TAG,
    body: learnerBody.extend({ companyId: z.string().uuid() }),
    response: learnerOut,
    successStatus: 201,
    handler: async (ctx) => {
      const id = await learners.createLearner(
        ctx.db,
        ctx.actor,
        ctx.body.companyId,
        toInput(ctx.body),
        ctx.ip,
      );
      return learnerJson(await learners.getLearner(ctx.db, ctx.actor, id));
    },
  }),
  defineRoute({
    method: 'PATCH',
    url: '/api/v1/training/learners/:id',
    kind: 'api',
    access: enrolAccess,
    summary: "Change a learner's name, e-mail, gender or birth year (fields left out are kept)",
    tag: TAG,
    params: idParams,
    body: learnerBody.partial(),
    response: learnerOut,
    handler: async (ctx) => {
      const l = await learners.getLearner(ctx.db, ctx.actor, ctx.params.id);
      const b = ctx.body;
      await learners.updateLearner(
        ctx.db,
        ctx.actor,
        l.id,
        {
          firstName: b.firstName ?? l.firstName,
          lastName: b.lastName ?? l.lastName,
          email: b.email === undefined ? l.email : b.email,
          gender: b.gender === undefined ? l.gender : b.gender,
          birthYear: b.birthYear === undefined ? l.birthYear : b.birthYear,
        },
        ctx.ip,
      );
      return learnerJson(await learners.getLearner(ctx.db, ctx.actor, l.id));
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/training/learners/:id/login-code',
    kind: 'api',
    access: enrolAccess,
    summary:
      'Issue a printed one-time sign-in code for a learner (creates their participant login if needed); shown only in this answer',
    tag: TAG,
    params: idParams,
    response: z.object({ code: z.string(), expiresAt: z.string(), signInUrl: z.string() }),
    successStatus: 201,
    handler: async (ctx) => {
      const issued = await issueLoginCode(ctx.db, ctx.actor, ctx.params.id, ctx.ip);
      ctx.reply.header('cache-control', 'no-store');
      return {
        code: formatCode(issued.code),
        expiresAt: issued.expiresAt.toISOString(),
        signInUrl: `${ctx.deps.baseUrl}/login/code`,
      };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/training/occasions/:id/enrolments',
    kind: 'api',
    access: enrolAccess,
    summary: 'Enrol learners on an occasion: each is enrolled while seats last, then waitlisted',
    tag: TAG,
    params: idParams,
    body: z.object({
      learnerIds: z.array(z.string().uuid()).min(1, 'training.enrolment.error.noLearners').max(500),
      paidBy: z.enum(paidByValues),
    }),
    response: z.array(resultOut),
    successStatus: 201,
    handler: async (ctx) =>
      enrol({ db: ctx.db, mailer: ctx.deps.mailer, ip: ctx.ip }, ctx.actor, ctx.params.id, ctx.body),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/training/enrolments',
    kind: 'api',
    access: enrolAccess,
    summary: "The enrolments of the caller's companies (or of one company the caller acts for)",
    tag: TAG,
    query: z.object({ companyId: z.string().uuid().optional() }),
    response: z.array(enrolmentOut),
    handler: async (ctx) =>
      (await read.companyEnrolments(ctx.db, ctx.actor, ctx.query.companyId)).enrolments.map(enrolmentJson),
  }),
  defineRoute({
    method: 'DELETE',
    url: '/api/v1/training/enrolments/:id',
    kind: 'api',
    access: enrolAccess,
    summary: 'Cancel an enrolment; a freed seat goes to the oldest waitlisted',
    tag: TAG,
    params: idParams,
    handler: async (ctx) => {
      await cancelEnrolment({ db: ctx.db, mailer: ctx.deps.mailer, ip: ctx.ip }, ctx.actor, ctx.params.id);
      return undefined;
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/training/enrolments/:id/move',
    kind: 'api',
    access: enrolAccess,
    summary: 'Move an enrolment to another occasion of the same course',
    tag: TAG,
    params: idParams,
    body: z.object({ toOccasionId: z.string().uuid() }),
    response: resultOut,
    handler: async (ctx) =>
      moveEnrolment(
        { db: ctx.db, mailer: ctx.deps.mailer, ip: ctx.ip },
        ctx.actor,
        ctx.params.id,
        ctx.body.toOccasionId,
      ),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/training/occasions/:id/participants',
    kind: 'api',
    access: enrolAccess,
    summary: "An occasion's participants (the course's provider and region staff)",
    tag: TAG,
    params: idParams,
    response: z.array(enrolmentOut),
    handler: async (ctx) =>
      (await read.occasionParticipants(ctx.db, ctx.actor, ctx.params.id)).participants.map(enrolmentJson),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/my/courses',
    kind: 'api',
    access: learnerAccess,
    summary: "The signed-in learner's courses: enrolments with status, dates, sessions and completion",
    tag: TAG,
    response: z.array(
      enrolmentOut.extend({
        sessions: z.array(
          z.object({ startsAt: z.string(), endsAt: z.string(), location: z.string().nullable() }),
        ),
      }),
    ),
    handler: async (ctx) =>
      (await read.myCourses(ctx.db, ctx.actor)).map((c) => ({
        ...enrolmentJson(c.enrolment),
        sessions: c.sessions.map((s) => ({
          startsAt: new Date(s.startsAt).toISOString(),
          endsAt: new Date(s.endsAt).toISOString(),
          location: s.location,
        })),
      })),
  }),
];
