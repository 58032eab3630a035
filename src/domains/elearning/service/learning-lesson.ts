// The player: opening a lesson of one's own enrolment (resume point, time on task, `launched` on the first
// open), marking a text, video or LTI lesson done, and the optional time heartbeat.
import type { Actor } from '../../../platform/auth.ts';
import { AppError } from '../../../platform/errors.ts';
import type { AppDeps } from '../../../platform/http/registry.ts';
import * as repo from '../repo-learning.ts';
import { type CourseContent, type LessonView, lessonsInOrder } from '../types.ts';
import { ownEnrolment } from './learning.ts';
import { type DoneResult, lessonDone, recordActivity, type Step, type TxDeps } from './progress.ts';
import { progressPercent } from './progress-time.ts';

export function lessonOf(content: CourseContent, lessonId: string): LessonView {
  const lesson = lessonsInOrder(content).find((l) => l.id === lessonId);
  if (!lesson) throw new AppError('NOT_FOUND');
  return lesson;
}

/** Run a step of one's own enrolment in a transaction, the enrolment row locked. */
export async function withEnrolment<R>(
  deps: TxDeps,
  actor: Actor,
  enrolmentId: string,
  fn: (s: Step) => Promise<R>,
  now: Date = new Date(),
): Promise<R> {
  return deps.db.tx(async (tx) => {
    const { enrolment, content } = await ownEnrolment(tx, actor, enrolmentId, true);
    return fn({ deps: { ...deps, db: tx }, enrolment, content, now });
  });
}

export interface PlayerView {
  enrolmentId: string;
  status: repo.EnrolmentRow['status'];
  content: CourseContent;
  lesson: LessonView;
  moduleTitle: string;
  index: number;
  count: number;
  previous: LessonView | null;
  next: LessonView | null;
  done: boolean;
  doneCount: number;
  percent: number;
  /** Quiz lessons: the attempts so far. */
  attempts: number;
}

export async function openLesson(
  deps: AppDeps,
  actor: Actor,
  enrolmentId: string,
  lessonId: string,
  now = new Date(),
): Promise<PlayerView> {
  return withEnrolment(
    deps,
    actor,
    enrolmentId,
    async (s) => {
      const lesson = lessonOf(s.content, lessonId);
      if (s.enrolment.status === 'active') await recordActivity(s, lesson.id);
      const done = await repo.doneLessonIds(s.deps.db, enrolmentId);
      const lessons = lessonsInOrder(s.content);
      const index = lessons.findIndex((l) => l.id === lesson.id);
      return {
        enrolmentId,
        status: s.enrolment.status,
        content: s.content,
        lesson,
        moduleTitle: s.content.modules.find((m) => m.id === lesson.moduleId)?.title ?? '',
        index: index + 1,
        count: lessons.length,
        previous: lessons[index - 1] ?? null,
        next: lessons[index + 1] ?? null,
        done: done.has(lesson.id),
        doneCount: done.size,
        percent: progressPercent(done.size, lessons.length),
        attempts: lesson.kind === 'quiz' ? await repo.attemptCount(s.deps.db, enrolmentId, lesson.id) : 0,
      };
    },
    now,
  );
}

/** "Mark as done and continue" of a text, video or LTI lesson (quizzes are done when passed). */
export async function markLessonDone(
  deps: AppDeps,
  actor: Actor,
  enrolmentId: string,
  lessonId: string,
  now = new Date(),
): Promise<DoneResult> {
  return withEnrolment(
    deps,
    actor,
    enrolmentId,
    async (s) => {
      const lesson = lessonOf(s.content, lessonId);
      if (lesson.kind === 'quiz') throw new AppError('CONFLICT', 'elearning.learn.error.quizByPassing');
      if (s.enrolment.status === 'active') await recordActivity(s);
      return lessonDone(s, lesson);
    },
    now,
  );
}

/** The optional heartbeat (once a minute while the page is visible): only credits time. */
export async function heartbeat(
  deps: AppDeps,
  actor: Actor,
  enrolmentId: string,
  now = new Date(),
): Promise<void> {
  await withEnrolment(
    deps,
    actor,
    enrolmentId,
    async (s) => {
      if (s.enrolment.status === 'active') await recordActivity(s);
    },
    now,
  );
}
