// What the digital-learning domain reads and writes of training's learners (through training/index.ts):
// the learner rows of a login, a company's learner by e-mail, linking a login, and whether a learner holds a
// catalogue enrolment on a course (which gives access to the digital course listed as that course).
import { randomUUID } from 'node:crypto';
import { audit } from '../../../platform/audit.ts';
import type { Db } from '../../../platform/db.ts';
import * as repo from '../repo-enrolment.ts';

export interface LearnerOfUser {
  learnerId: string;
  companyId: string;
  regionId: string;
}

/** The learner rows linked to a login (one per company where the person is a learner). */
export function learnersOfUser(db: Db, userId: string): Promise<LearnerOfUser[]> {
  return db.query<LearnerOfUser>(
    `SELECT l.id AS "learnerId", l.company_id AS "companyId", c.region_id AS "regionId"
       FROM learners l JOIN companies c ON c.id = l.company_id
      WHERE l.user_id = $1 ORDER BY l.created_at, l.id`,
    [userId],
  );
}

/**
 * The learner row of a login at a company where they hold the participant role, created from the account's
 * name when the company has none linked yet (no e-mail, gender or birth year: the company adds those).
 */
export async function ensureLearnerOfUser(
  db: Db,
  input: { userId: string; companyId: string; name: string },
): Promise<string> {
  const [found] = await db.query<{ id: string }>(
    'SELECT id FROM learners WHERE user_id = $1 AND company_id = $2 ORDER BY created_at, id LIMIT 1',
    [input.userId, input.companyId],
  );
  if (found) return found.id;
  const parts = input.name.trim().split(/\s+/);
  const firstName = (parts.length > 1 ? parts.slice(0, -1).join(' ') : parts[0] || '–').slice(0, 100);
  const lastName = (parts.length > 1 ? (parts.at(-1) ?? '–') : '–').slice(0, 100);
  const id = randomUUID();
  await repo.insertLearner(db, {
    id,
    companyId: input.companyId,
    firstName,
    lastName,
    email: null,
    gender: null,
    birthYear: null,
    createdBy: input.userId,
  });
  await repo.setLearnerUser(db, id, input.userId);
  await audit(db, {
    actorUserId: input.userId,
    action: 'training.learner_created',
    entityType: 'learner',
    entityId: id,
    details: { companyId: input.companyId, via: 'elearning' },
  });
  return id;
}

/** A company's learner with this e-mail address (case-insensitive), if any. */
export async function learnerByEmail(db: Db, companyId: string, email: string): Promise<string | null> {
  const rows = await db.query<{ id: string }>(
    `SELECT id FROM learners WHERE company_id = $1 AND lower(email) = lower($2) ORDER BY created_at, id LIMIT 1`,
    [companyId, email],
  );
  return rows[0]?.id ?? null;
}

/** Link a learner to a login unless already linked; returns the linked user id. */
export async function linkLearnerUser(db: Db, learnerId: string, userId: string): Promise<string> {
  const rows = await db.query<{ userId: string }>(
    `UPDATE learners SET user_id = COALESCE(user_id, $2), updated_at = now() WHERE id = $1
     RETURNING user_id AS "userId"`,
    [learnerId, userId],
  );
  return rows[0]?.userId ?? userId;
}

/** The login's learner enrolled (not waitlisted or cancelled) on an occasion of a catalogue course, if any. */
export async function catalogueLearnerOn(
  db: Db,
  userId: string,
  trainingCourseId: string,
): Promise<{ learnerId: string; companyId: string } | null> {
  const rows = await db.query<{ learnerId: string; companyId: string }>(
    `SELECT l.id AS "learnerId", e.company_id AS "companyId"
       FROM enrolments e
       JOIN learners l ON l.id = e.learner_id
       JOIN course_occasions o ON o.id = e.occasion_id
      WHERE l.user_id = $1 AND o.course_id = $2 AND e.status = 'enrolled'
      ORDER BY e.created_at LIMIT 1`,
    [userId, trainingCourseId],
  );
  return rows[0] ?? null;
}

/** Of the given catalogue courses, those given in digital format (their learners may open the digital course). */
export async function digitalCourseIds(db: Db, courseIds: string[]): Promise<string[]> {
  if (courseIds.length === 0) return [];
  const rows = await db.query<{ id: string }>(
    `SELECT id FROM courses WHERE id = ANY($1::uuid[]) AND format = 'digital'`,
    [courseIds],
  );
  return rows.map((r) => r.id);
}
