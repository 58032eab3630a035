// The JSON twins of the learner pages under /api/v1/learning: the same services, validation and access.
import { z } from 'zod';
import { type AnyRoute, defineRoute } from '../../../platform/http/registry.ts';
import * as learning from '../service/learning.ts';
import * as invite from '../service/learning-invite.ts';
import { markLessonDone } from '../service/learning-lesson.ts';
import { rate, ratingInput } from '../service/learning-rating.ts';
import { submitQuiz } from '../service/quiz.ts';
import { courseParams, enrolmentParams, inviteAccess, learnAccess, lessonParams } from './learning-shared.ts';

const tag = 'Learning';
const status = z.enum(['active', 'completed', 'withdrawn']);
const courseOut = z.object({
  courseId: z.string().uuid(),
  title: z.string(),
  summary: z.string(),
  hours: z.number(),
  providerName: z.string(),
  lessons: z.number().int(),
  enrolment: z.object({ id: z.string().uuid(), status, percent: z.number().int() }).nullable(),
});
const enrolmentOut = z.object({
  id: z.string().uuid(),
  courseId: z.string().uuid(),
  title: z.string(),
  status,
  source: z.enum(['invitation', 'self', 'catalogue']),
  done: z.number().int(),
  total: z.number().int(),
  percent: z.number().int(),
  startedAt: z.date().nullable(),
  completedAt: z.date().nullable(),
});
const overviewOut = enrolmentOut.extend({
  version: z.number().int(),
  minutes: z.number().int(),
  resumeLessonId: z.string().uuid().nullable(),
  modules: z.array(
    z.object({
      id: z.string().uuid(),
      title: z.string(),
      lessons: z.array(
        z.object({ id: z.string().uuid(), title: z.string(), kind: z.string(), done: z.boolean() }),
      ),
    }),
  ),
});
const doneOut = z.object({
  nextLessonId: z.string().uuid().nullable(),
  completed: z.boolean(),
  percent: z.number(),
});
const quizIn = z.object({ answers: z.record(z.string(), z.array(z.string())) });
const quizOut = z.object({
  attemptId: z.string().uuid(),
  score: z.number().int(),
  max: z.number().int(),
  passed: z.boolean(),
  completed: z.boolean(),
  nextLessonId: z.string().uuid().nullable(),
  questions: z.array(z.object({ questionId: z.string(), right: z.boolean(), chosen: z.array(z.string()) })),
});

const toCourse = ({ versionId: _v, regionId: _r, trainingCourseId: _t, ...c }: learning.CourseItem) => c;

async function overviewJson(o: learning.Overview) {
  return {
    ...o.enrolment,
    version: o.content.version,
    minutes: o.minutes,
    resumeLessonId: o.resume?.id ?? null,
    modules: o.content.modules.map((m) => ({
      id: m.id,
      title: m.title,
      lessons: m.lessons.map((l) => ({ id: l.id, title: l.title, kind: l.kind, done: o.done.has(l.id) })),
    })),
  };
}

export const learningApiRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/learning/catalogue',
    kind: 'api',
    access: learnAccess,
    summary: "Published digital courses of the learner's region, with the learner's own enrolment",
    tag,
    response: z.array(courseOut),
    handler: async (ctx) => (await learning.listCourses(ctx.db, ctx.actor)).map(toCourse),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/learning/catalogue/:courseId/enrol',
    kind: 'api',
    access: learnAccess,
    params: courseParams,
    summary: 'Enrol oneself on a digital course (or get the live enrolment)',
    tag,
    response: overviewOut,
    successStatus: 201,
    handler: async (ctx) => {
      const id = await learning.enrolSelf(ctx.db, ctx.actor, ctx.params.courseId, ctx.ip);
      return overviewJson(await learning.overview(ctx.db, ctx.actor, id));
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/learning/invitations',
    kind: 'api',
    access: inviteAccess,
    body: invite.inviteInput,
    summary: "Invite a company's employee to a digital course (account invitation and enrolment)",
    tag,
    response: z.object({ enrolmentId: z.string().uuid(), created: z.boolean() }),
    successStatus: 201,
    handler: async (ctx) =>
      invite.inviteLearner(ctx.deps, { actor: ctx.actor, ip: ctx.ip, locale: ctx.locale }, ctx.body),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/learning/enrolments',
    kind: 'api',
    access: learnAccess,
    summary: "The learner's own enrolments with progress",
    tag,
    response: z.array(enrolmentOut),
    handler: async (ctx) => learning.myEnrolments(ctx.db, ctx.actor),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/v1/learning/enrolments/:enrolmentId',
    kind: 'api',
    access: learnAccess,
    params: enrolmentParams,
    summary: "One's own enrolment: modules, lessons done, where to resume",
    tag,
    response: overviewOut,
    handler: async (ctx) => overviewJson(await learning.overview(ctx.db, ctx.actor, ctx.params.enrolmentId)),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/learning/enrolments/:enrolmentId/lessons/:lessonId/done',
    kind: 'api',
    access: learnAccess,
    params: lessonParams,
    summary: 'Mark a text, video or LTI lesson done (completes the course after the last lesson)',
    tag,
    response: doneOut,
    handler: async (ctx) => {
      const r = await markLessonDone(ctx.deps, ctx.actor, ctx.params.enrolmentId, ctx.params.lessonId);
      return { nextLessonId: r.next?.id ?? null, completed: r.completed, percent: r.percent };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/learning/enrolments/:enrolmentId/lessons/:lessonId/quiz',
    kind: 'api',
    access: learnAccess,
    params: lessonParams,
    body: quizIn,
    summary: 'Answer a quiz: the attempt is stored and scored (422 when a question is unanswered)',
    tag,
    response: quizOut,
    successStatus: 201,
    handler: async (ctx) => {
      const r = await submitQuiz(
        ctx.deps,
        ctx.actor,
        ctx.params.enrolmentId,
        ctx.params.lessonId,
        ctx.body.answers,
      );
      return {
        attemptId: r.attemptId,
        score: r.score,
        max: r.max,
        passed: r.passed,
        completed: r.completed,
        nextLessonId: r.nextLessonId,
        questions: r.questions,
      };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/learning/enrolments/:enrolmentId/rating',
    kind: 'api',
    access: learnAccess,
    params: enrolmentParams,
    body: ratingInput,
    summary: 'Rate a completed course (usefulness and would-recommend 1–5, optional comment), once',
    tag,
    successStatus: 204,
    handler: async (ctx) => {
      await rate(ctx.db, ctx.actor, ctx.params.enrolmentId, ctx.body, ctx.ip);
    },
  }),
];
