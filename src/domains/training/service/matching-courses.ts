// Read functions over courses for other domains (the coaching plan links a course of the catalogue):
// exported through the training index. Training never imports coaching (no cycles).
import type { Db } from '../../../platform/db.ts';
import { findCourseRef } from '../repo-matching.ts';

export interface ApprovedCourse {
  id: string;
  title: string;
  regionId: string;
  /** The next open occasion that still takes enrolments, or null. */
  nextOccasionId: string | null;
}

/** An approved course of the catalogue, or null when there is none with that id or it is not approved. */
export async function findApprovedCourse(db: Db, courseId: string): Promise<ApprovedCourse | null> {
  const c = await findCourseRef(db, courseId);
  if (!c) return null;
  if (c.status !== 'approved') return null;
  return { id: c.id, title: c.title, regionId: c.regionId, nextOccasionId: c.nextOccasionId };
}

/** Where to enrol on an approved course: its next open occasion's enrolment page, else the course page. */
export async function enrolmentUrl(db: Db, courseId: string): Promise<string | null> {
  const c = await findApprovedCourse(db, courseId);
  if (!c) return null;
  return c.nextOccasionId ? `/training/occasions/${c.nextOccasionId}/enrol` : `/kurser/${c.id}`;
}
