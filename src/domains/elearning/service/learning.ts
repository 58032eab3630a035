// The learner's courses and enrolments: the catalogue of published courses of their region, enrolling
// (self, or through a catalogue enrolment on the linked pillar-3 course), their enrolments with progress,
// and an enrolment's overview with where to resume. An enrolment is bound to the version it started.
import { randomUUID } from 'node:crypto';
import { audit } from '../../../platform/audit.ts';
import type { Actor } from '../../../platform/auth.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { catalogueLearnerOn, ensureLearnerOfUser } from '../../training/index.ts';
import { learnerCompanies, learnerRegions } from '../policy-learning.ts';
import { loadVersionContent } from '../repo-content.ts';
import * as repo from '../repo-learning.ts';
import { type CourseContent, type LessonView, lessonsInOrder } from '../types.ts';
import { progressPercent } from './progress-time.ts';

export interface CourseItem extends repo.PublishedCourseRow {
  enrolment: { id: string; status: repo.EnrolmentRow['status']; percent: number } | null;
}

const enrolmentBrief = (e: repo.EnrolmentRow) => ({
  id: e.id,
  status: e.status,
  percent: progressPercent(e.done, e.total),
});

/** Published courses of the learner's regions, each with the learner's own enrolment if any. */
export async function listCourses(db: Db, actor: Actor): Promise<CourseItem[]> {
  const [courses, mine] = await Promise.all([
    repo.publishedCourses(db, learnerRegions(actor)),
    repo.enrolmentsOfUser(db, actor.userId),
  ]);
  const byCourse = new Map(mine.map((e) => [e.courseId, e]));
  return courses.map((c) => {
    const e = byCourse.get(c.courseId);
    return { ...c, enrolment: e ? enrolmentBrief(e) : null };
  });
}

async function courseInRegion(db: Db, actor: Actor, courseId: string): Promise<repo.PublishedCourseRow> {
  const [course] = await repo.publishedCourses(db, learnerRegions(actor), courseId);
  if (!course) throw new AppError('NOT_FOUND');
  return course;
}

/** The digital course listed as a catalogue course of the learner's region, if any. */
export async function courseForCatalogue(
  db: Db,
  actor: Actor,
  trainingCourseId: string,
): Promise<string | null> {
  const courses = await repo.publishedCourses(db, learnerRegions(actor));
  return courses.find((c) => c.trainingCourseId === trainingCourseId)?.courseId ?? null;
}

export interface CourseDetail {
  course: repo.PublishedCourseRow;
  content: CourseContent;
  enrolment: CourseItem['enrolment'];
}

/**
 * A published course of the learner's region. A learner enrolled on an occasion of the linked catalogue
 * course gets their enrolment here on first open (source `catalogue`).
 */
export async function getCourse(db: Db, actor: Actor, courseId: string): Promise<CourseDetail> {
  const course = await courseInRegion(db, actor, courseId);
  const content = await loadVersionContent(db, course.versionId);
  if (!content) throw new AppError('NOT_FOUND');
  let own = (await repo.enrolmentsOfUser(db, actor.userId)).find((e) => e.courseId === courseId);
  if (
    !own &&
    course.trainingCourseId &&
    (await catalogueLearnerOn(db, actor.userId, course.trainingCourseId))
  ) {
    const id = await enrolSelf(db, actor, courseId);
    own = (await repo.enrolmentsOfUser(db, actor.userId)).find((e) => e.id === id);
  }
  return { course, content, enrolment: own ? enrolmentBrief(own) : null };
}

/**
 * Enrol the learner on the course's current published version (or return their live enrolment). Through
 * the linked catalogue course when they are enrolled there, else by themselves as a learner of their company
 * in the course's region.
 */
export async function enrolSelf(
  db: Db,
  actor: Actor,
  courseId: string,
  ip: string | null = null,
): Promise<string> {
  const course = await courseInRegion(db, actor, courseId);
  const viaCatalogue = course.trainingCourseId
    ? await catalogueLearnerOn(db, actor.userId, course.trainingCourseId)
    : null;
  const company = learnerCompanies(actor).find((c) => c.regionId === course.regionId);
  if (!viaCatalogue && !company) throw new AppError('NOT_FOUND');
  return db.tx(async (tx) => {
    const learnerId =
      viaCatalogue?.learnerId ??
      (await ensureLearnerOfUser(tx, {
        userId: actor.userId,
        companyId: company?.companyId ?? '',
        name: actor.name,
      }));
    const existing = await repo.liveEnrolmentId(tx, courseId, learnerId);
    if (existing) return existing;
    const id = randomUUID();
    const inserted = await repo.insertEnrolment(tx, {
      id,
      courseId,
      versionId: course.versionId,
      learnerId,
      userId: actor.userId,
      companyId: viaCatalogue?.companyId ?? company?.companyId ?? '',
      source: viaCatalogue ? 'catalogue' : 'self',
      invitedBy: null,
    });
    if (!inserted) return (await repo.liveEnrolmentId(tx, courseId, learnerId)) ?? id;
    await audit(tx, {
      actorUserId: actor.userId,
      action: 'elearning.enrolled',
      entityType: 'dl_enrolment',
      entityId: id,
      ip,
      details: { courseId, versionId: course.versionId, source: viaCatalogue ? 'catalogue' : 'self' },
    });
    return id;
  });
}

export interface MyEnrolment {
  id: string;
  courseId: string;
  title: string;
  status: repo.EnrolmentRow['status'];
  source: repo.EnrolmentRow['source'];
  done: number;
  total: number;
  percent: number;
  startedAt: Date | null;
  completedAt: Date | null;
}

const myEnrolment = (e: repo.EnrolmentRow): MyEnrolment => ({
  id: e.id,
  courseId: e.courseId,
  title: e.title,
  status: e.status,
  source: e.source,
  done: e.done,
  total: e.total,
  percent: progressPercent(e.done, e.total),
  startedAt: e.startedAt,
  completedAt: e.completedAt,
});

export async function myEnrolments(db: Db, actor: Actor): Promise<MyEnrolment[]> {
  return (await repo.enrolmentsOfUser(db, actor.userId)).map(myEnrolment);
}

/** The learner's own enrolment with its version's content; NOT_FOUND for anyone else's. */
export async function ownEnrolment(
  db: Db,
  actor: Actor,
  enrolmentId: string,
  lock = false,
): Promise<{ enrolment: repo.EnrolmentRow; content: CourseContent }> {
  const enrolment = await repo.findOwnEnrolment(db, enrolmentId, actor.userId, lock);
  if (!enrolment) throw new AppError('NOT_FOUND');
  const content = await loadVersionContent(db, enrolment.versionId);
  if (!content) throw new AppError('NOT_FOUND');
  return { enrolment, content };
}

/** Where to resume: the last lesson opened, else the first lesson not done (null when all are done). */
export function resumeLesson(
  content: CourseContent,
  done: Set<string>,
  lastLessonId: string | null,
): LessonView | null {
  const lessons = lessonsInOrder(content);
  const last = lastLessonId ? lessons.find((l) => l.id === lastLessonId) : undefined;
  if (last && !done.has(last.id)) return last;
  return lessons.find((l) => !done.has(l.id)) ?? last ?? null;
}

export interface Overview {
  enrolment: MyEnrolment;
  content: CourseContent;
  done: Set<string>;
  resume: LessonView | null;
  minutes: number;
}

export async function overview(db: Db, actor: Actor, enrolmentId: string): Promise<Overview> {
  const { enrolment, content } = await ownEnrolment(db, actor, enrolmentId);
  const [done, minutes] = await Promise.all([
    repo.doneLessonIds(db, enrolmentId),
    repo.minutesOf(db, enrolmentId),
  ]);
  return {
    enrolment: myEnrolment(enrolment),
    content,
    done,
    resume: enrolment.status === 'completed' ? null : resumeLesson(content, done, enrolment.lastLessonId),
    minutes,
  };
}
