// Progress inside one transaction: time on task, a lesson done (with its `progressed` statement) and the
// completion of the course when every lesson is done (status, the `completed` statement and the credential).
import { audit } from '../../../platform/audit.ts';
import type { AppDeps } from '../../../platform/http/registry.ts';
import { issueCredential } from '../../credentials/index.ts';
import { type ProductStatement, recordStatements } from '../../xapi/index.ts';
import * as repo from '../repo-learning.ts';
import { type CourseContent, type LessonView, lessonsInOrder } from '../types.ts';
import * as xapi from './learning-xapi.ts';
import { creditMinutes, progressPercent, stockholmDay } from './progress-time.ts';

export type TxDeps = Pick<AppDeps, 'db' | 'keyring' | 'baseUrl'>;

export interface Step {
  deps: TxDeps;
  enrolment: repo.EnrolmentRow;
  content: CourseContent;
  now: Date;
}

const scope = (s: Step): xapi.StatementScope => ({
  baseUrl: s.deps.baseUrl,
  userId: s.enrolment.userId,
  enrolmentId: s.enrolment.id,
  content: s.content,
  at: s.now,
});

/**
 * Credit the time since the enrolment's last activity (see progress-time.ts), move the resume point when
 * given, and on the first activity mark the start and state `launched`.
 */
export async function recordActivity(s: Step, lastLessonId?: string | null): Promise<void> {
  const { db } = s.deps;
  const lessons = lessonsInOrder(s.content);
  const was = lessons.find((l) => l.id === s.enrolment.lastLessonId);
  const credit = creditMinutes({
    lastActiveAt: s.enrolment.lastActiveAt,
    now: s.now,
    estimateMinutes: was?.estimatedMinutes ?? 5,
  });
  await repo.addMinutes(db, s.enrolment.id, stockholmDay(s.now), credit.minutes);
  const first = s.enrolment.startedAt === null;
  await repo.touchEnrolment(db, s.enrolment.id, { lastLessonId, activeAt: credit.activeAt, start: first });
  if (first) await recordStatements(db, s.deps.baseUrl, [xapi.launched(scope(s))], s.content.regionId);
}

/** The next lesson not done after `after` (wrapping to the first not done), or null when all are done. */
export function nextUndone(content: CourseContent, done: Set<string>, after: string): LessonView | null {
  const lessons = lessonsInOrder(content);
  const i = lessons.findIndex((l) => l.id === after);
  const rest = [...lessons.slice(i + 1), ...lessons.slice(0, Math.max(0, i))];
  return rest.find((l) => !done.has(l.id)) ?? null;
}

export interface DoneResult {
  next: LessonView | null;
  completed: boolean;
  percent: number;
}

/**
 * Mark a lesson done (extra statements, e.g. a quiz's, are written first) and complete the course when it
 * was the last. Idempotent: a lesson already done writes no new `progressed` statement.
 */
export async function lessonDone(
  s: Step,
  lesson: LessonView,
  statements: ProductStatement[] = [],
): Promise<DoneResult> {
  const { db } = s.deps;
  const fresh = await repo.markDone(db, s.enrolment.id, lesson.id, s.now);
  const done = await repo.doneLessonIds(db, s.enrolment.id);
  const total = lessonsInOrder(s.content).length;
  const percent = progressPercent(done.size, total);
  const out: ProductStatement[] = [...statements];
  if (fresh) out.push(xapi.progressed(scope(s), lesson, percent));
  const next = nextUndone(s.content, done, lesson.id);
  await repo.touchEnrolment(db, s.enrolment.id, {
    lastLessonId: next?.id ?? lesson.id,
    activeAt: null,
    start: false,
  });
  const completed = next === null && s.enrolment.status === 'active' && (await complete(s, out));
  if (!completed && out.length > 0) await recordStatements(db, s.deps.baseUrl, out, s.content.regionId);
  return { next, completed, percent };
}

/** Every lesson done: completed, the `completed` statement, and the credential when the course issues one. */
async function complete(s: Step, statements: ProductStatement[]): Promise<boolean> {
  const { db } = s.deps;
  if (!(await repo.completeEnrolment(db, s.enrolment.id, s.now))) return false;
  await recordStatements(db, s.deps.baseUrl, [...statements, xapi.completed(scope(s))], s.content.regionId);
  const c = s.content;
  const credentialId = c.issuesCredential
    ? await issueCredential(s.deps, {
        organisationId: c.providerOrgId,
        userId: s.enrolment.userId,
        achievement: {
          key: `elearning:${c.courseId}`,
          name: c.title,
          description: c.summary,
          criteria: c.criteria,
          competences: c.competences,
          hours: c.hours,
          level: c.sunLevel,
          language: c.language,
        },
        source: { kind: 'elearning', id: s.enrolment.id },
        issuedAt: s.now,
      })
    : null;
  await audit(db, {
    actorUserId: s.enrolment.userId,
    action: 'elearning.completed',
    entityType: 'dl_enrolment',
    entityId: s.enrolment.id,
    details: { courseId: c.courseId, versionId: c.versionId, credential: credentialId !== null },
  });
  return true;
}
