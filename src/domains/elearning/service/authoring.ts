// Digital-course authoring: providers edit their own organisation's courses, region admins any provider's of
// their region. Editing is only ever on the draft version; a published or superseded version never changes.
// A course outside the actor's scope answers 404 like an unknown one.
import { randomUUID } from 'node:crypto';
import { audit } from '../../../platform/audit.ts';
import type { Actor } from '../../../platform/auth.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError, type FieldError } from '../../../platform/errors.ts';
import { listSunLevels } from '../../reference/index.ts';
import { authorScope, canAuthorCourses } from '../policy.ts';
import * as repo from '../repo-authoring.ts';
import { loadVersionContent } from '../repo-content.ts';
import type { CourseContent } from '../types.ts';
import type { MetadataInput } from './authoring-schema.ts';

export type { CourseListRow, CourseRow, VersionRow } from '../repo-authoring.ts';

/** Who does it, from where (for the audit log). */
export interface WriteCtx {
  actor: Actor;
  ip: string;
}

export function scopeOf(actor: Actor): repo.Scope {
  if (!canAuthorCourses(actor)) throw new AppError('FORBIDDEN');
  return authorScope(actor);
}

/** A course the actor may author (404 otherwise); locked when `lock` (inside a transaction). */
export async function authoredCourse(
  db: Db,
  actor: Actor,
  id: string,
  lock = false,
): Promise<repo.CourseRow> {
  const row = await repo.findCourse(db, scopeOf(actor), id, lock);
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

/** The draft version of a course the actor may author; CONFLICT when there is none (publish made it final). */
export async function draftOf(
  db: Db,
  actor: Actor,
  courseId: string,
): Promise<{ course: repo.CourseRow; versionId: string }> {
  const course = await authoredCourse(db, actor, courseId, true);
  const draft = await repo.versionWith(db, courseId, 'draft');
  if (!draft) throw new AppError('CONFLICT', 'elearning.author.error.noDraft');
  return { course, versionId: draft.id };
}

export async function listCourses(db: Db, actor: Actor): Promise<repo.CourseListRow[]> {
  return repo.listCourses(db, scopeOf(actor));
}

export interface CourseOverview {
  course: repo.CourseRow;
  /** The draft when there is one, else the published version. */
  content: CourseContent;
  versions: repo.VersionRow[];
  hasDraft: boolean;
  hasPublished: boolean;
}

export async function getCourse(db: Db, actor: Actor, id: string): Promise<CourseOverview> {
  const course = await authoredCourse(db, actor, id);
  const versions = await repo.versionsOf(db, id);
  const draft = versions.find((v) => v.status === 'draft');
  const published = versions.find((v) => v.status === 'published');
  const shown = draft ?? published ?? versions[0];
  const content = shown ? await loadVersionContent(db, shown.id) : null;
  if (!content) throw new AppError('NOT_FOUND');
  return { course, content, versions, hasDraft: !!draft, hasPublished: !!published };
}

/** The choices of the metadata form for a provider (or the actor's providers when creating). */
export async function metadataChoices(
  db: Db,
  actor: Actor,
  course: { id: string; providerOrgId: string } | null,
) {
  const scope = scopeOf(actor);
  const [providers, sunLevels] = await Promise.all([repo.providersInScope(db, scope), listSunLevels(db)]);
  const providerId = course?.providerOrgId ?? (providers.length === 1 ? providers[0]?.id : undefined);
  const catalogue = providerId ? await repo.digitalCatalogueCourses(db, providerId, course?.id ?? null) : [];
  return {
    providers: providers.map((p) => ({ id: p.id, name: p.name })),
    sunLevels: sunLevels.map((s) => ({ code: s.code, name: s.name })),
    catalogue,
  };
}

export const competenceNames = (db: Db, ids: string[]) => repo.knownCompetences(db, ids);

/** Reference and cross-record checks of the metadata; every problem as a field error. */
async function checkMetadata(
  db: Db,
  providerOrgId: string,
  courseId: string | null,
  v: MetadataInput,
): Promise<void> {
  const errors: FieldError[] = [];
  if ((await repo.knownCompetences(db, v.competences)).length !== v.competences.length)
    errors.push({ field: 'competences', message: 'elearning.author.error.competenceUnknown' });
  if (v.sunLevelCode && !(await repo.sunLevelExists(db, v.sunLevelCode)))
    errors.push({ field: 'sunLevelCode', message: 'validation.choice' });
  if (v.trainingCourseId) {
    const choices = await repo.digitalCatalogueCourses(db, providerOrgId, courseId);
    if (!choices.some((c) => c.id === v.trainingCourseId))
      errors.push({ field: 'trainingCourseId', message: 'elearning.author.error.catalogueCourse' });
  }
  if (errors.length > 0) throw new AppError('VALIDATION', 'VALIDATION', errors);
}

const meta = (v: MetadataInput): repo.VersionMeta => ({
  title: v.title,
  summary: v.summary,
  criteria: v.criteria,
  language: v.language,
  hours: v.hours,
  sunLevelCode: v.sunLevelCode,
});

/** A new course with its first draft version. */
export async function createCourse(db: Db, w: WriteCtx, v: MetadataInput): Promise<string> {
  const scope = scopeOf(w.actor);
  const providers = await repo.providersInScope(db, scope);
  const providerId = v.providerOrgId ?? (scope.providerOrgIds.length === 1 ? scope.providerOrgIds[0] : null);
  const provider = providers.find((p) => p.id === providerId);
  if (!provider)
    throw new AppError('VALIDATION', 'VALIDATION', [
      {
        field: 'providerOrgId',
        message: providerId ? 'elearning.author.error.provider' : 'validation.required',
      },
    ]);
  await checkMetadata(db, provider.id, null, v);
  const id = randomUUID();
  await db.tx(async (tx) => {
    await repo.insertCourse(tx, {
      id,
      regionId: provider.regionId,
      providerOrgId: provider.id,
      trainingCourseId: v.trainingCourseId,
      issuesCredential: v.issuesCredential,
      createdBy: w.actor.userId,
    });
    const versionId = randomUUID();
    await repo.insertVersion(tx, {
      ...meta(v),
      id: versionId,
      courseId: id,
      version: 1,
      createdBy: w.actor.userId,
    });
    await repo.setCompetences(tx, versionId, v.competences);
    await audit(tx, {
      actorUserId: w.actor.userId,
      action: 'elearning.course.create',
      entityType: 'dl_course',
      entityId: id,
      organisationId: provider.id,
      ip: w.ip,
    });
  });
  return id;
}

/** Metadata of the draft, and the course's catalogue link and credential switch. */
export async function updateMetadata(db: Db, w: WriteCtx, courseId: string, v: MetadataInput): Promise<void> {
  await db.tx(async (tx) => {
    const { course, versionId } = await draftOf(tx, w.actor, courseId);
    await checkMetadata(tx, course.providerOrgId, course.id, v);
    await repo.updateDraftMeta(tx, versionId, meta(v));
    await repo.setCompetences(tx, versionId, v.competences);
    await repo.updateCourse(tx, courseId, {
      trainingCourseId: v.trainingCourseId,
      issuesCredential: v.issuesCredential,
    });
    await audit(tx, {
      actorUserId: w.actor.userId,
      action: 'elearning.course.update',
      entityType: 'dl_course',
      entityId: courseId,
      organisationId: course.providerOrgId,
      ip: w.ip,
      details: { versionId },
    });
  });
}

/** A new draft copied from the published version (content, keys, competences) in one transaction. */
export async function newDraft(db: Db, w: WriteCtx, courseId: string): Promise<string> {
  return db.tx(async (tx) => {
    const course = await authoredCourse(tx, w.actor, courseId, true);
    if (await repo.versionWith(tx, courseId, 'draft'))
      throw new AppError('CONFLICT', 'elearning.author.error.draftExists');
    const published = await repo.versionWith(tx, courseId, 'published');
    const from = published ? await loadVersionContent(tx, published.id) : null;
    if (!published || !from) throw new AppError('CONFLICT', 'elearning.author.error.nothingPublished');
    const id = randomUUID();
    await repo.insertVersion(tx, {
      id,
      courseId,
      version: (await repo.maxVersion(tx, courseId)) + 1,
      title: from.title,
      summary: from.summary,
      criteria: from.criteria,
      language: from.language,
      hours: from.hours,
      sunLevelCode: from.sunLevel?.code ?? null,
      createdBy: w.actor.userId,
    });
    await repo.copyContent(tx, published.id, id);
    await repo.touchCourse(tx, courseId);
    await audit(tx, {
      actorUserId: w.actor.userId,
      action: 'elearning.version.draft',
      entityType: 'dl_course',
      entityId: courseId,
      organisationId: course.providerOrgId,
      ip: w.ip,
      details: { versionId: id, from: published.id },
    });
    return id;
  });
}
