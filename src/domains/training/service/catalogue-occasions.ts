// Occasions (runs) of a course and their sessions. Managed by the course's provider and the region's admins;
// read by anyone for approved courses. Times are entered and shown in Europe/Stockholm.
import { randomUUID } from 'node:crypto';
import { audit } from '../../../platform/audit.ts';
import type { Actor } from '../../../platform/auth.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError, type FieldError, validation } from '../../../platform/errors.ts';
import * as repo from '../repo-catalogue.ts';
import { getCourse } from './catalogue-courses.ts';
import type { OccasionInput, SessionInput } from './catalogue-schema.ts';

export type { OccasionRow, SessionRow } from '../repo-catalogue.ts';

export interface OccasionView extends repo.OccasionRow {
  freeSeats: number;
  sessions: repo.SessionRow[];
}

/** What other training areas need of an occasion: its course, seats, deadline and financing. */
export interface OccasionInfo extends repo.OccasionRow {
  courseTitle: string;
  courseStatus: repo.CourseStatus;
  providerOrgId: string;
  regionId: string;
  financing: repo.Financing;
  contractReference: string | null;
  contractFrom: string | null;
  contractTo: string | null;
  priceSek: number;
  completionAttendancePct: number;
  hours: number;
  freeSeats: number;
}

/** An occasion with its course (no access check: callers check theirs). Null when unknown. */
export async function findOccasion(db: Db, occasionId: string): Promise<OccasionInfo | null> {
  const o = await repo.findOccasionRow(db, occasionId);
  if (!o) return null;
  const c = await repo.findCourse(db, o.courseId);
  if (!c) return null;
  return {
    ...o,
    courseTitle: c.title,
    courseStatus: c.status,
    providerOrgId: c.providerOrgId,
    regionId: c.regionId,
    financing: c.financing,
    contractReference: c.contractReference,
    contractFrom: c.contractFrom,
    contractTo: c.contractTo,
    priceSek: c.priceSek,
    completionAttendancePct: c.completionAttendancePct,
    hours: c.hours,
    freeSeats: Math.max(0, o.seats - o.enrolled),
  };
}

/** The occasions of a course the actor may see (upcoming open ones only for the public). */
export async function listCourseOccasions(
  db: Db,
  actor: Actor | null,
  courseId: string,
): Promise<OccasionView[]> {
  const course = await getCourse(db, actor, courseId);
  const occasions = await repo.listOccasions(db, [courseId], !course.canManage);
  const sessions = await repo.listSessions(
    db,
    occasions.map((o) => o.id),
  );
  return occasions.map((o) => ({
    ...o,
    freeSeats: Math.max(0, o.seats - o.enrolled),
    sessions: sessions.filter((s) => s.occasionId === o.id),
  }));
}

async function managedCourse(db: Db, actor: Actor, courseId: string) {
  const course = await getCourse(db, actor, courseId);
  if (!course.canManage) throw new AppError('NOT_FOUND');
  return course;
}

/** An occasion of a course the actor manages, with its sessions; 404 otherwise. */
export async function getManagedOccasion(db: Db, actor: Actor, occasionId: string) {
  const o = await repo.findOccasionRow(db, occasionId);
  if (!o) throw new AppError('NOT_FOUND');
  const course = await managedCourse(db, actor, o.courseId);
  const sessions = await repo.listSessions(db, [o.id]);
  return { course, occasion: { ...o, freeSeats: Math.max(0, o.seats - o.enrolled), sessions } };
}

function checkOccasion(v: OccasionInput, enrolled = 0): void {
  const errors: FieldError[] = [];
  if (v.endsOn < v.startsOn)
    errors.push({ field: 'endsOn', message: 'training.catalogue.error.endsBeforeStart' });
  if (v.enrolmentDeadline > v.endsOn)
    errors.push({ field: 'enrolmentDeadline', message: 'training.catalogue.error.deadlineAfterEnd' });
  if (v.seats < enrolled)
    errors.push({
      field: 'seats',
      message: 'training.catalogue.error.seatsBelowEnrolled',
      params: { enrolled },
    });
  if (errors.length > 0) throw validation(errors);
}

async function checkMunicipality(db: Db, code: string | null): Promise<void> {
  if (code && !(await repo.codeExists(db, 'ref_municipalities', code)))
    throw validation([{ field: 'municipalityCode', message: 'validation.municipality.unknown' }]);
}

export async function createOccasion(
  db: Db,
  actor: Actor,
  courseId: string,
  input: OccasionInput,
  ip: string | null = null,
): Promise<string> {
  const course = await managedCourse(db, actor, courseId);
  checkOccasion(input);
  await checkMunicipality(db, input.municipalityCode);
  const id = randomUUID();
  await db.tx(async (tx) => {
    await repo.insertOccasion(tx, id, courseId, input);
    await audit(tx, {
      actorUserId: actor.userId,
      action: 'training.occasion_created',
      entityType: 'course_occasion',
      entityId: id,
      organisationId: course.providerOrgId,
      ip,
      details: { courseId },
    });
  });
  return id;
}

export async function updateOccasion(
  db: Db,
  actor: Actor,
  occasionId: string,
  input: OccasionInput,
  ip: string | null = null,
): Promise<void> {
  const { course } = await getManagedOccasion(db, actor, occasionId);
  await checkMunicipality(db, input.municipalityCode);
  await db.tx(async (tx) => {
    const o = await repo.findOccasionRow(tx, occasionId, true);
    if (!o) throw new AppError('NOT_FOUND');
    if (o.status === 'cancelled') throw new AppError('CONFLICT', 'training.catalogue.error.cancelled');
    checkOccasion(input, o.enrolled);
    await repo.updateOccasion(tx, occasionId, input);
    await audit(tx, {
      actorUserId: actor.userId,
      action: 'training.occasion_updated',
      entityType: 'course_occasion',
      entityId: occasionId,
      organisationId: course.providerOrgId,
      ip,
    });
  });
}

export async function cancelOccasion(db: Db, actor: Actor, occasionId: string, ip: string | null = null) {
  const { course } = await getManagedOccasion(db, actor, occasionId);
  await db.tx(async (tx) => {
    const o = await repo.findOccasionRow(tx, occasionId, true);
    if (!o) throw new AppError('NOT_FOUND');
    if (o.status === 'cancelled') return;
    await repo.cancelOccasion(tx, occasionId);
    await audit(tx, {
      actorUserId: actor.userId,
      action: 'training.occasion_cancelled',
      entityType: 'course_occasion',
      entityId: occasionId,
      organisationId: course.providerOrgId,
      ip,
    });
  });
}

export async function addSession(
  db: Db,
  actor: Actor,
  occasionId: string,
  input: SessionInput,
  ip: string | null = null,
): Promise<string> {
  const { course, occasion } = await getManagedOccasion(db, actor, occasionId);
  const errors: FieldError[] = [];
  if (input.date < occasion.startsOn || input.date > occasion.endsOn)
    errors.push({
      field: 'date',
      message: 'training.catalogue.error.sessionOutside',
      params: { from: occasion.startsOn, to: occasion.endsOn },
    });
  if (input.end <= input.start)
    errors.push({ field: 'end', message: 'training.catalogue.error.endBeforeStart' });
  if (errors.length > 0) throw validation(errors);
  const id = randomUUID();
  await db.tx(async (tx) => {
    await repo.insertSession(tx, id, occasionId, input);
    await audit(tx, {
      actorUserId: actor.userId,
      action: 'training.session_added',
      entityType: 'course_occasion',
      entityId: occasionId,
      organisationId: course.providerOrgId,
      ip,
      details: { sessionId: id },
    });
  });
  return id;
}

/** Removes a session; CONFLICT when attendance has been taken on it. */
export async function removeSession(db: Db, actor: Actor, sessionId: string, ip: string | null = null) {
  const s = await repo.findSession(db, sessionId);
  if (!s) throw new AppError('NOT_FOUND');
  const { course } = await getManagedOccasion(db, actor, s.occasionId);
  await db.tx(async (tx) => {
    if (!(await repo.deleteSession(tx, sessionId)))
      throw new AppError('CONFLICT', 'training.catalogue.error.sessionHasAttendance');
    await audit(tx, {
      actorUserId: actor.userId,
      action: 'training.session_removed',
      entityType: 'course_occasion',
      entityId: s.occasionId,
      organisationId: course.providerOrgId,
      ip,
      details: { sessionId },
    });
  });
  return s.occasionId;
}

export async function municipalityChoices(db: Db, actor: Actor) {
  return repo.regionMunicipalities(
    db,
    actor.memberships.map((m) => m.regionId),
  );
}

/** The occasion of a session, or null. */
export async function sessionOccasion(db: Db, sessionId: string): Promise<string | null> {
  return (await repo.findSession(db, sessionId))?.occasionId ?? null;
}
