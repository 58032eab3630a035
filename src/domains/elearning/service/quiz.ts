// Answering a quiz lesson: every attempt is stored and scored; each question states `answered`, the quiz
// `passed` or `failed`; a passed quiz is a lesson done. Unanswered questions are a validation error.
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../../platform/auth.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import type { AppDeps } from '../../../platform/http/registry.ts';
import { recordStatements } from '../../xapi/index.ts';
import * as repo from '../repo-learning.ts';
import type { LessonView, QuestionView } from '../types.ts';
import { ownEnrolment } from './learning.ts';
import { lessonOf, withEnrolment } from './learning-lesson.ts';
import * as xapi from './learning-xapi.ts';
import { lessonDone, nextUndone, recordActivity } from './progress.ts';
import { type QuizScore, scoreQuiz, unansweredQuestions } from './quiz-score.ts';

export type Answers = Record<string, string[]>;

/** The form field of a question's answer. */
export const answerField = (questionId: string) => `q_${questionId}`;

/** Answers from a form body: `q_<question id>` = one option id or several. */
export function answersFromForm(body: unknown): Answers {
  const out: Answers = {};
  if (typeof body !== 'object' || body === null) return out;
  for (const [key, value] of Object.entries(body)) {
    if (!key.startsWith('q_')) continue;
    const list = (Array.isArray(value) ? value : [value]).filter(
      (v): v is string => typeof v === 'string' && v !== '',
    );
    out[key.slice(2)] = list;
  }
  return out;
}

function quizLesson(lesson: LessonView): LessonView {
  if (lesson.kind !== 'quiz') throw new AppError('NOT_FOUND');
  return lesson;
}

export interface QuizOutcome extends QuizScore {
  attemptId: string;
  completed: boolean;
  nextLessonId: string | null;
}

export async function submitQuiz(
  deps: AppDeps,
  actor: Actor,
  enrolmentId: string,
  lessonId: string,
  answers: Answers,
  now = new Date(),
): Promise<QuizOutcome> {
  return withEnrolment(
    deps,
    actor,
    enrolmentId,
    async (s) => {
      const lesson = quizLesson(lessonOf(s.content, lessonId));
      const missing = unansweredQuestions(lesson.questions, answers);
      if (missing.length > 0)
        throw new AppError(
          'VALIDATION',
          'elearning.learn.quiz.unanswered',
          missing.map((id) => ({ field: answerField(id), message: 'elearning.learn.quiz.unanswered' })),
        );
      if (s.enrolment.status === 'active') await recordActivity(s, lesson.id);
      const result = scoreQuiz(lesson.questions, answers, lesson.passMark ?? 100);
      const attemptId = randomUUID();
      const kept: Answers = Object.fromEntries(result.questions.map((q) => [q.questionId, q.chosen]));
      await repo.insertAttempt(s.deps.db, {
        id: attemptId,
        enrolmentId,
        lessonId,
        answers: kept,
        score: result.score,
        maxScore: result.max,
        passed: result.passed,
        createdAt: now,
      });
      const scope = {
        baseUrl: deps.baseUrl,
        userId: s.enrolment.userId,
        enrolmentId,
        content: s.content,
        at: now,
      };
      const statements = [
        ...lesson.questions.map((q, i) =>
          xapi.answered(scope, q, result.questions[i]?.chosen ?? [], result.questions[i]?.right ?? false),
        ),
        xapi.quizOutcome(scope, lesson, result),
      ];
      if (!result.passed) {
        await recordStatements(s.deps.db, deps.baseUrl, statements, s.content.regionId);
        return { ...result, attemptId, completed: false, nextLessonId: null };
      }
      const done = await lessonDone(s, lesson, statements);
      return { ...result, attemptId, completed: done.completed, nextLessonId: done.next?.id ?? null };
    },
    now,
  );
}

export interface AttemptView {
  attemptId: string;
  enrolmentId: string;
  lesson: LessonView;
  score: number;
  max: number;
  passed: boolean;
  passMark: number;
  createdAt: Date;
  questions: Array<{ question: QuestionView; chosen: string[]; right: boolean }>;
  enrolmentStatus: repo.EnrolmentRow['status'];
  nextLessonId: string | null;
}

/** A stored attempt of one's own enrolment, scored against its version's questions. */
export async function getAttempt(
  db: Db,
  actor: Actor,
  enrolmentId: string,
  attemptId: string,
): Promise<AttemptView> {
  const { enrolment, content } = await ownEnrolment(db, actor, enrolmentId);
  const attempt = await repo.findAttempt(db, attemptId, enrolmentId);
  if (!attempt) throw new AppError('NOT_FOUND');
  const lesson = quizLesson(lessonOf(content, attempt.lessonId));
  const scored = scoreQuiz(lesson.questions, attempt.answers, lesson.passMark ?? 100);
  const done = await repo.doneLessonIds(db, enrolmentId);
  return {
    attemptId,
    enrolmentId,
    lesson,
    score: attempt.score,
    max: attempt.maxScore,
    passed: attempt.passed,
    passMark: lesson.passMark ?? 100,
    createdAt: attempt.createdAt,
    questions: lesson.questions.map((q, i) => ({
      question: q,
      chosen: scored.questions[i]?.chosen ?? [],
      right: scored.questions[i]?.right ?? false,
    })),
    enrolmentStatus: enrolment.status,
    nextLessonId: nextUndone(content, done, lesson.id)?.id ?? null,
  };
}
