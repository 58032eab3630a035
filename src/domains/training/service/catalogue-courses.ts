// Courses of the training catalogue: providers manage their own organisation's courses (draft → submitted),
// region admins add courses for any provider of their region and approve them. Only approved courses are
// public. A course outside the actor's scope answers 404 like an unknown one.
import { randomUUID } from 'node:crypto';
import { audit } from '../../../platform/audit.ts';
import { type Actor, membershipsWith } from '../../../platform/auth.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError, type FieldError, validation } from '../../../platform/errors.ts';
import { canManageCourses } from '../policy.ts';
import * as repo from '../repo-catalogue.ts';
import type { CourseInput, CoursePatch } from './catalogue-schema.ts';

export type { CourseListRow, CourseRow, CourseStatus } from '../repo-catalogue.ts';

export interface CourseView extends repo.CourseRow {
  competences: { id: string; name: string }[];
  /** May the actor edit it, submit, withdraw (its provider or a region admin of its region). */
  canManage: boolean;
  /** May the actor approve it (a region admin of its region). */
  canApprove: boolean;
}

export const providerOrgIdsOf = (actor: Actor): string[] =>
  membershipsWith(actor, 'provider')
    .map((m) => m.organisationId)
    .filter((id): id is string => id !== null);
export const adminRegionIdsOf = (actor: Actor): string[] =>
  membershipsWith(actor, 'region_admin').map((m) => m.regionId);

function manages(actor: Actor | null, c: { providerOrgId: string; regionId: string }): boolean {
  if (!actor) return false;
  return providerOrgIdsOf(actor).includes(c.providerOrgId) || adminRegionIdsOf(actor).includes(c.regionId);
}
const approves = (actor: Actor | null, c: { regionId: string }) =>
  !!actor && adminRegionIdsOf(actor).includes(c.regionId);

/**
 * A course as the actor may see it: any status for its provider and the region's admins, otherwise only
 * when approved (also for no actor: the public catalogue). NOT_FOUND otherwise.
 */
export async function getCourse(db: Db, actor: Actor | null, id: string): Promise<CourseView> {
  const row = await repo.findCourse(db, id);
  if (!row) throw new AppError('NOT_FOUND');
  const canManage = manages(actor, row);
  if (!canManage && row.status !== 'approved') throw new AppError('NOT_FOUND');
  const competences = (await repo.courseCompetences(db, [id])).get(id) ?? [];
  return { ...row, competences, canManage, canApprove: approves(actor, row) };
}

/** A course the actor manages (404 otherwise), locked when inside a transaction and `lock`. */
async function managed(db: Db, actor: Actor, id: string, lock = false): Promise<repo.CourseRow> {
  if (!canManageCourses(actor)) throw new AppError('FORBIDDEN');
  const row = await repo.findCourse(db, id, lock);
  if (!row || !manages(actor, row)) throw new AppError('NOT_FOUND');
  return row;
}

/** The title of a course (any status), or null: for other areas' lists and mails. */
export async function courseTitle(db: Db, id: string): Promise<string | null> {
  return (await repo.findCourse(db, id))?.title ?? null;
}

export async function listManagedCourses(
  db: Db,
  actor: Actor,
  status: repo.CourseStatus | null,
): Promise<repo.CourseListRow[]> {
  if (!canManageCourses(actor)) throw new AppError('FORBIDDEN');
  return repo.listManagedCourses(
    db,
    { providerOrgIds: providerOrgIdsOf(actor), regionIds: adminRegionIdsOf(actor) },
    status,
  );
}

/** The provider organisations the actor may put a course under. */
export async function providerChoices(db: Db, actor: Actor): Promise<{ id: string; name: string }[]> {
  const own = providerOrgIdsOf(actor);
  const fromRegions = await repo.providersOfRegions(db, adminRegionIdsOf(actor));
  const out = new Map(fromRegions.map((p) => [p.id, p]));
  for (const id of own) {
    if (out.has(id)) continue;
    const org = await repo.providerOrg(db, id);
    if (org) out.set(id, { id, name: org.name });
  }
  return [...out.values()];
}

/** Cross-field and reference checks; every problem as a field error. */
async function check(
  db: Db,
  actor: Actor,
  v: CourseInput,
): Promise<{ providerOrgId: string; regionId: string }> {
  const errors: FieldError[] = [];
  let providerOrgId = v.providerOrgId;
  const own = providerOrgIdsOf(actor);
  if (!providerOrgId && own.length === 1) providerOrgId = own[0] ?? null;
  let regionId = '';
  if (!providerOrgId) errors.push({ field: 'providerOrgId', message: 'validation.required' });
  else {
    const org = await repo.providerOrg(db, providerOrgId);
    if (!org || !(own.includes(org.id) || adminRegionIdsOf(actor).includes(org.regionId)))
      errors.push({ field: 'providerOrgId', message: 'training.catalogue.error.provider' });
    else regionId = org.regionId;
  }
  if (v.financing === 'procured') {
    if (!v.contractReference)
      errors.push({ field: 'contractReference', message: 'training.catalogue.error.contractRequired' });
    if (!v.contractFrom)
      errors.push({ field: 'contractFrom', message: 'training.catalogue.error.contractPeriod' });
    if (!v.contractTo)
      errors.push({ field: 'contractTo', message: 'training.catalogue.error.contractPeriod' });
  }
  if (v.contractFrom && v.contractTo && v.contractTo < v.contractFrom)
    errors.push({ field: 'contractTo', message: 'training.catalogue.error.contractOrder' });
  const known = await repo.competenceNames(db, v.competences);
  if (known.length !== v.competences.length)
    errors.push({ field: 'competences', message: 'training.catalogue.error.competenceUnknown' });
  if (v.sunFieldCode && !(await repo.codeExists(db, 'ref_sun_fields', v.sunFieldCode)))
    errors.push({ field: 'sunFieldCode', message: 'validation.choice' });
  if (v.sunLevelCode && !(await repo.codeExists(db, 'ref_sun_levels', v.sunLevelCode)))
    errors.push({ field: 'sunLevelCode', message: 'validation.choice' });
  if (v.municipalityCode && !(await repo.codeExists(db, 'ref_municipalities', v.municipalityCode)))
    errors.push({ field: 'municipalityCode', message: 'validation.municipality.unknown' });
  if (errors.length > 0) throw validation(errors);
  return { providerOrgId: providerOrgId as string, regionId };
}

function values(v: CourseInput, providerOrgId: string): repo.CourseValues {
  const { competences: _c, providerOrgId: _p, ...rest } = v;
  // Contract details belong to procured courses only.
  const contract =
    v.financing === 'procured' ? {} : { contractReference: null, contractFrom: null, contractTo: null };
  return { ...rest, ...contract, providerOrgId };
}

export async function createCourse(db: Db, actor: Actor, input: CourseInput, ip: string | null = null) {
  if (!canManageCourses(actor)) throw new AppError('FORBIDDEN');
  const { providerOrgId, regionId } = await check(db, actor, input);
  const id = randomUUID();
  await db.tx(async (tx) => {
    await repo.insertCourse(
      tx,
      { id, regionId, createdBy: actor.userId, status: 'draft' },
      values(input, providerOrgId),
    );
    await repo.replaceCompetences(tx, id, input.competences);
    await audit(tx, {
      actorUserId: actor.userId,
      action: 'training.course_created',
      entityType: 'course',
      entityId: id,
      organisationId: providerOrgId,
      ip,
    });
  });
  return id;
}

/** The course as input (for a PATCH merge and the edit form). */
export function courseAsInput(c: CourseView): CourseInput {
  return {
    providerOrgId: c.providerOrgId,
    title: c.title,
    description: c.description,
    competences: c.competences.map((x) => x.id),
    sunFieldCode: c.sunFieldCode,
    sunLevelCode: c.sunLevelCode,
    targetGroup: c.targetGroup,
    format: c.format,
    hours: c.hours,
    language: c.language as CourseInput['language'],
    municipalityCode: c.municipalityCode,
    address: c.address,
    priceSek: c.priceSek,
    prerequisites: c.prerequisites,
    contactName: c.contactName,
    contactEmail: c.contactEmail,
    contactPhone: c.contactPhone,
    financing: c.financing,
    contractReference: c.contractReference,
    contractFrom: c.contractFrom,
    contractTo: c.contractTo,
    completionAttendancePct: c.completionAttendancePct,
    issuesCredential: c.issuesCredential,
  };
}

/**
 * Saves a course. A provider's change to a submitted or approved course sends it back for approval
 * (status submitted); a region admin's change keeps the status.
 */
export async function updateCourse(
  db: Db,
  actor: Actor,
  id: string,
  patch: CoursePatch,
  ip: string | null = null,
): Promise<void> {
  const current = await getCourse(db, actor, id);
  if (!current.canManage) throw new AppError('NOT_FOUND');
  if (!canManageCourses(actor)) throw new AppError('FORBIDDEN');
  const merged: CourseInput = { ...courseAsInput(current), ...stripUndefined(patch) };
  const { providerOrgId } = await check(db, actor, merged);
  await db.tx(async (tx) => {
    const row = await managed(tx, actor, id, true);
    const status =
      !current.canApprove && (row.status === 'approved' || row.status === 'submitted')
        ? 'submitted'
        : row.status;
    await repo.updateCourse(tx, id, values(merged, providerOrgId), status);
    await repo.replaceCompetences(tx, id, merged.competences);
    await audit(tx, {
      actorUserId: actor.userId,
      action: 'training.course_updated',
      entityType: 'course',
      entityId: id,
      organisationId: providerOrgId,
      ip,
      details: { status, fields: Object.keys(stripUndefined(patch)) },
    });
  });
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

const TRANSITIONS: Record<'submit' | 'approve' | 'withdraw', repo.CourseStatus[]> = {
  submit: ['draft', 'withdrawn'],
  approve: ['draft', 'submitted'],
  withdraw: ['draft', 'submitted', 'approved'],
};
const TARGET = { submit: 'submitted', approve: 'approved', withdraw: 'withdrawn' } as const;

/**
 * Moves a course along draft → submitted → approved, or withdraws it. Submitting needs at least one
 * competence; only a region admin of the course's region approves. CONFLICT from a status that does not allow it.
 */
export async function changeStatus(
  db: Db,
  actor: Actor,
  id: string,
  action: 'submit' | 'approve' | 'withdraw',
  ip: string | null = null,
): Promise<'submitted' | 'approved' | 'withdrawn'> {
  await db.tx(async (tx) => {
    const row = await managed(tx, actor, id, true);
    if (action === 'approve' && !approves(actor, row)) throw new AppError('FORBIDDEN');
    if (!TRANSITIONS[action].includes(row.status))
      throw new AppError('CONFLICT', 'training.catalogue.error.status');
    if (action !== 'withdraw') {
      const competences = (await repo.courseCompetences(tx, [id])).get(id) ?? [];
      if (competences.length === 0)
        throw validation([{ field: 'competences', message: 'training.catalogue.error.noCompetences' }]);
    }
    await repo.setCourseStatus(tx, id, TARGET[action], action === 'approve' ? actor.userId : null);
    await audit(tx, {
      actorUserId: actor.userId,
      action: `training.course_${TARGET[action]}`,
      entityType: 'course',
      entityId: id,
      organisationId: row.providerOrgId,
      ip,
      details: { from: row.status },
    });
  });
  return TARGET[action];
}

export async function formChoices(db: Db, actor: Actor) {
  const [sunFields, sunLevels, municipalities, providers] = await Promise.all([
    repo.sunFields(db),
    repo.sunLevels(db),
    repo.regionMunicipalities(
      db,
      actor.memberships.map((m) => m.regionId),
    ),
    providerChoices(db, actor),
  ]);
  return { sunFields, sunLevels, municipalities, providers };
}

export { competenceNames } from '../repo-catalogue.ts';
