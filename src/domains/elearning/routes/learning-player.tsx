// The player pages: a lesson, "mark as done and continue", answering a quiz (result page after a redirect),
// the consent to an external video player, the optional heartbeat, completion with the rating.
import { z } from 'zod';
import { AppError, type FieldError } from '../../../platform/errors.ts';
import { rawForm } from '../../../platform/http/forms.ts';
import { type AnyRoute, type Ctx, defineRoute } from '../../../platform/http/registry.ts';
import { heartbeat, markLessonDone, openLesson } from '../service/learning-lesson.ts';
import { getCompletion, rate, ratingInput } from '../service/learning-rating.ts';
import { answersFromForm, getAttempt, submitQuiz } from '../service/quiz.ts';
import { CompletionPage } from '../views/learning-complete.tsx';
import { frameSrcFor } from '../views/lesson-content.tsx';
import { PlayerPage } from '../views/player.tsx';
import { QuizResultPage } from '../views/player-quiz.tsx';
import { attemptParams, enrolmentParams, learnAccess, lessonParams, tOf } from './learning-shared.ts';

type AnyCtx = Ctx<{ enrolmentId: string; lessonId: string }, unknown, unknown>;
const CONSENT_COOKIE = 'kn_dl_consent';

/** The origins of external players the learner agreed to, per enrolment (a signed cookie). */
function consents(ctx: AnyCtx): string[] {
  const raw = ctx.req.cookies[CONSENT_COOKIE];
  if (!raw) return [];
  const v = ctx.req.unsignCookie(raw);
  return v.valid && v.value ? v.value.split(' ').filter(Boolean) : [];
}

/** The consent link carries a signature of who, which enrolment and lesson: no other site can forge it. */
const consentSubject = (ctx: AnyCtx) =>
  `${ctx.actor.userId}|${ctx.params.enrolmentId}|${ctx.params.lessonId}`;

async function renderLesson(
  ctx: AnyCtx,
  failed: { errors: FieldError[]; chosen: Record<string, string[]> } | null,
) {
  const t = tOf(ctx);
  const { enrolmentId, lessonId } = ctx.params;
  const p = await openLesson(ctx.deps, ctx.actor, enrolmentId, lessonId);
  const l = p.lesson;
  const origin = frameSrcFor(l);
  const consented = origin !== null && consents(ctx).includes(`${enrolmentId}|${origin}`);
  const sig = ctx.reply.signCookie(consentSubject(ctx));
  if (origin && consented) {
    // The external player's origin is allowed on this response only.
    const csp = String(ctx.reply.getHeader('content-security-policy') ?? '');
    ctx.reply.header('content-security-policy', `${csp}${csp ? ';' : ''}frame-src ${origin}`);
  }
  return ctx.page(
    l.title,
    <PlayerPage
      t={t}
      csrf={ctx.csrfToken()}
      vm={{
        enrolmentId,
        courseTitle: p.content.title,
        active: p.status === 'active',
        lesson: l,
        moduleTitle: p.moduleTitle,
        index: p.index,
        count: p.count,
        doneCount: p.doneCount,
        percent: p.percent,
        previous: p.previous,
        next: p.next,
        done: p.done,
        locale: ctx.locale,
        consent: consented,
        consentUrl: `/learning/e/${enrolmentId}/lessons/${l.id}/consent?sig=${encodeURIComponent(sig)}`,
        quiz:
          l.kind === 'quiz'
            ? {
                action: `/learning/e/${enrolmentId}/lessons/${l.id}/quiz`,
                lesson: l,
                errors: failed?.errors ?? [],
                chosen: failed?.chosen ?? {},
                attempts: p.attempts,
              }
            : null,
      }}
    />,
    failed ? 422 : 200,
  );
}

const base = (id: string) => `/learning/e/${id}`;

export const playerRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/learning/e/:enrolmentId/lessons/:lessonId',
    kind: 'page',
    access: learnAccess,
    params: lessonParams,
    handler: async (ctx) => renderLesson(ctx as AnyCtx, null),
  }),
  defineRoute({
    method: 'POST',
    url: '/learning/e/:enrolmentId/lessons/:lessonId/done',
    kind: 'page',
    access: learnAccess,
    params: lessonParams,
    handler: async (ctx) => {
      const { enrolmentId, lessonId } = ctx.params;
      const r = await markLessonDone(ctx.deps, ctx.actor, enrolmentId, lessonId);
      const t = tOf(ctx);
      if (r.completed) return ctx.redirect(`${base(enrolmentId)}/complete`);
      if (r.next)
        return ctx.redirect(`${base(enrolmentId)}/lessons/${r.next.id}`, t('elearning.learn.lessonDone'));
      return ctx.redirect(base(enrolmentId), t('elearning.learn.lessonDone'));
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/learning/e/:enrolmentId/lessons/:lessonId/quiz',
    kind: 'page',
    access: learnAccess,
    params: lessonParams,
    handler: async (ctx) => {
      const { enrolmentId, lessonId } = ctx.params;
      const answers = answersFromForm(ctx.req.body);
      try {
        const r = await submitQuiz(ctx.deps, ctx.actor, enrolmentId, lessonId, answers);
        return ctx.redirect(`${base(enrolmentId)}/attempts/${r.attemptId}`);
      } catch (err) {
        if (!(err instanceof AppError && err.code === 'VALIDATION')) throw err;
        return renderLesson(ctx as AnyCtx, { errors: err.fields, chosen: answers });
      }
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/learning/e/:enrolmentId/attempts/:attemptId',
    kind: 'page',
    access: learnAccess,
    params: attemptParams,
    handler: async (ctx) => {
      const t = tOf(ctx);
      const a = await getAttempt(ctx.db, ctx.actor, ctx.params.enrolmentId, ctx.params.attemptId);
      return ctx.page(
        t('elearning.learn.quiz.resultTitle', { lesson: a.lesson.title }),
        <QuizResultPage t={t} vm={{ ...a, completed: a.enrolmentStatus === 'completed' }} />,
      );
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/learning/e/:enrolmentId/lessons/:lessonId/consent',
    kind: 'page',
    access: learnAccess,
    params: lessonParams,
    query: z.object({ sig: z.string().max(500).optional() }),
    handler: async (ctx) => {
      const c = ctx as unknown as AnyCtx;
      const { enrolmentId, lessonId } = ctx.params;
      const signed = ctx.query.sig ? ctx.req.unsignCookie(ctx.query.sig) : null;
      if (!signed?.valid || signed.value !== consentSubject(c)) throw new AppError('NOT_FOUND');
      const p = await openLesson(ctx.deps, ctx.actor, enrolmentId, lessonId);
      const origin = frameSrcFor(p.lesson);
      if (!origin) throw new AppError('NOT_FOUND');
      const kept = consents(c)
        .filter((x) => x !== `${enrolmentId}|${origin}`)
        .slice(-19);
      ctx.reply.setCookie(CONSENT_COOKIE, [...kept, `${enrolmentId}|${origin}`].join(' '), {
        path: '/learning/e/',
        httpOnly: true,
        sameSite: 'lax',
        signed: true,
        secure: 'auto',
        maxAge: 365 * 24 * 3600,
      });
      return ctx.redirect(`${base(enrolmentId)}/lessons/${lessonId}`);
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/learning/e/:enrolmentId/heartbeat',
    kind: 'page',
    access: learnAccess,
    params: enrolmentParams,
    handler: async (ctx) => {
      await heartbeat(ctx.deps, ctx.actor, ctx.params.enrolmentId);
      return ctx.reply.code(204).send();
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/learning/e/:enrolmentId/complete',
    kind: 'page',
    access: learnAccess,
    params: enrolmentParams,
    handler: async (ctx) => renderCompletion(ctx as unknown as AnyCtx, null),
  }),
  defineRoute({
    method: 'POST',
    url: '/learning/e/:enrolmentId/rating',
    kind: 'page',
    access: learnAccess,
    params: enrolmentParams,
    body: ratingInput,
    handler: async (ctx) => {
      const c = ctx as unknown as AnyCtx;
      if (!ctx.form.ok) return renderCompletion(c, { errors: ctx.form.errors, values: ctx.form.raw });
      await rate(ctx.db, ctx.actor, ctx.params.enrolmentId, ctx.form.value, ctx.ip);
      return ctx.redirect(
        `${base(ctx.params.enrolmentId)}/complete`,
        tOf(ctx)('elearning.learn.rating.thanks'),
      );
    },
  }),
];

async function renderCompletion(
  ctx: AnyCtx,
  failed: { errors: FieldError[]; values: Record<string, string> } | null,
) {
  const t = tOf(ctx);
  const c = await getCompletion(ctx.db, ctx.actor, ctx.params.enrolmentId);
  return ctx.page(
    t('elearning.learn.complete.title'),
    <CompletionPage
      t={t}
      csrf={ctx.csrfToken()}
      vm={{
        enrolmentId: c.enrolmentId,
        title: c.title,
        completedAt: c.completedAt,
        rating: c.rating,
        issuesCredential: c.issuesCredential,
        errors: failed?.errors ?? [],
        values: failed?.values ?? (rawForm({}) as Record<string, string>),
      }}
    />,
    failed ? 422 : 200,
  );
}
