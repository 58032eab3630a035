// SQL of digital courses and their versions for the authoring side: scope is enforced in every query that
// takes an actor's scope (a course outside it is not found).
import type { Db } from '../../platform/db.ts';
import { sqlUuidFrom } from '../../platform/derived-uuid.ts';
import type { VersionStatus } from './types.ts';

export interface Scope {
  providerOrgIds: string[];
  regionIds: string[];
}

export interface CourseRow {
  id: string;
  regionId: string;
  providerOrgId: string;
  trainingCourseId: string | null;
  issuesCredential: boolean;
}

export interface CourseListRow {
  id: string;
  providerName: string;
  title: string;
  draftVersion: number | null;
  publishedVersion: number | null;
  publishedAt: Date | null;
  updatedAt: Date;
}

export interface VersionRow {
  id: string;
  version: number;
  status: VersionStatus;
  title: string;
  createdAt: Date;
  publishedAt: Date | null;
  publishedByName: string | null;
}

export interface VersionMeta {
  title: string;
  summary: string;
  criteria: string;
  language: string;
  hours: number;
  sunLevelCode: string | null;
}

/** The scope condition on a course alias, with the parameter numbers of the two id lists. */
const inScope = (alias: string, p: number) =>
  `(${alias}.provider_org_id = ANY($${p}::uuid[]) OR ${alias}.region_id = ANY($${p + 1}::uuid[]))`;

export async function listCourses(db: Db, scope: Scope): Promise<CourseListRow[]> {
  return db.query<CourseListRow>(
    `SELECT c.id, o.name AS "providerName", lv.title,
            (SELECT version FROM dl_course_versions WHERE course_id = c.id AND status = 'draft') AS "draftVersion",
            pv.version AS "publishedVersion", pv.published_at AS "publishedAt", c.updated_at AS "updatedAt"
       FROM dl_courses c
       JOIN organisations o ON o.id = c.provider_org_id
       JOIN LATERAL (SELECT title FROM dl_course_versions WHERE course_id = c.id ORDER BY version DESC LIMIT 1) lv ON true
       LEFT JOIN dl_course_versions pv ON pv.course_id = c.id AND pv.status = 'published'
      WHERE c.archived_at IS NULL AND ${inScope('c', 1)}
      ORDER BY lv.title, c.id`,
    [scope.providerOrgIds, scope.regionIds],
  );
}

/** A course in the scope (locked when `lock`, inside a transaction), or null. */
export async function findCourse(db: Db, scope: Scope, id: string, lock = false): Promise<CourseRow | null> {
  const rows = await db.query<CourseRow>(
    `SELECT c.id, c.region_id AS "regionId", c.provider_org_id AS "providerOrgId",
            c.training_course_id AS "trainingCourseId", c.issues_credential AS "issuesCredential"
       FROM dl_courses c
      WHERE c.id = $1 AND c.archived_at IS NULL AND ${inScope('c', 2)}${lock ? ' FOR UPDATE' : ''}`,
    [id, scope.providerOrgIds, scope.regionIds],
  );
  return rows[0] ?? null;
}

export async function versionsOf(db: Db, courseId: string): Promise<VersionRow[]> {
  return db.query<VersionRow>(
    `SELECT v.id, v.version, v.status, v.title, v.created_at AS "createdAt", v.published_at AS "publishedAt",
            u.name AS "publishedByName"
       FROM dl_course_versions v LEFT JOIN users u ON u.id = v.published_by
      WHERE v.course_id = $1 ORDER BY v.version DESC`,
    [courseId],
  );
}

/** The provider organisations in the scope (own, and every provider of the admin's regions). */
export async function providersInScope(
  db: Db,
  scope: Scope,
): Promise<{ id: string; name: string; regionId: string }[]> {
  return db.query(
    `SELECT o.id, o.name, o.region_id AS "regionId" FROM organisations o
      WHERE o.kind = 'provider' AND (o.id = ANY($1::uuid[]) OR o.region_id = ANY($2::uuid[]))
      ORDER BY o.name`,
    [scope.providerOrgIds, scope.regionIds],
  );
}

export async function insertCourse(db: Db, c: CourseRow & { createdBy: string }): Promise<void> {
  await db.query(
    `INSERT INTO dl_courses (id, region_id, provider_org_id, training_course_id, issues_credential, created_by)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [c.id, c.regionId, c.providerOrgId, c.trainingCourseId, c.issuesCredential, c.createdBy],
  );
}

export async function updateCourse(
  db: Db,
  id: string,
  c: { trainingCourseId: string | null; issuesCredential: boolean },
): Promise<void> {
  await db.query(
    `UPDATE dl_courses SET training_course_id = $2, issues_credential = $3, updated_at = now() WHERE id = $1`,
    [id, c.trainingCourseId, c.issuesCredential],
  );
}

export async function touchCourse(db: Db, id: string): Promise<void> {
  await db.query('UPDATE dl_courses SET updated_at = now() WHERE id = $1', [id]);
}

export async function insertVersion(
  db: Db,
  v: VersionMeta & { id: string; courseId: string; version: number; createdBy: string },
): Promise<void> {
  await db.query(
    `INSERT INTO dl_course_versions (id, course_id, version, status, title, summary, criteria, language, hours,
                                     sun_level_code, created_by)
     VALUES ($1, $2, $3, 'draft', $4, $5, $6, $7, $8, $9, $10)`,
    [
      v.id,
      v.courseId,
      v.version,
      v.title,
      v.summary,
      v.criteria,
      v.language,
      v.hours,
      v.sunLevelCode,
      v.createdBy,
    ],
  );
}

/** Only ever a draft: the WHERE clause keeps published and superseded versions as they are. */
export async function updateDraftMeta(db: Db, versionId: string, m: VersionMeta): Promise<number> {
  const rows = await db.query(
    `UPDATE dl_course_versions SET title = $2, summary = $3, criteria = $4, language = $5, hours = $6,
            sun_level_code = $7, updated_at = now()
      WHERE id = $1 AND status = 'draft' RETURNING id`,
    [versionId, m.title, m.summary, m.criteria, m.language, m.hours, m.sunLevelCode],
  );
  return rows.length;
}

export async function setCompetences(db: Db, versionId: string, ids: string[]): Promise<void> {
  await db.query('DELETE FROM dl_version_competences WHERE version_id = $1', [versionId]);
  if (ids.length > 0)
    await db.query(
      `INSERT INTO dl_version_competences (version_id, competence_id) SELECT $1, unnest($2::text[])`,
      [versionId, ids],
    );
}

export async function knownCompetences(db: Db, ids: string[]): Promise<{ id: string; name: string }[]> {
  if (ids.length === 0) return [];
  return db.query(
    `SELECT concept_id AS id, name_sv AS name FROM ref_competences WHERE concept_id = ANY($1::text[]) ORDER BY name_sv`,
    [ids],
  );
}

export async function sunLevelExists(db: Db, code: string): Promise<boolean> {
  return (await db.query('SELECT 1 FROM ref_sun_levels WHERE code = $1', [code])).length > 0;
}

/** The version of a course with a status, or null. */
export async function versionWith(
  db: Db,
  courseId: string,
  status: VersionStatus,
): Promise<{ id: string; version: number } | null> {
  const rows = await db.query<{ id: string; version: number }>(
    'SELECT id, version FROM dl_course_versions WHERE course_id = $1 AND status = $2',
    [courseId, status],
  );
  return rows[0] ?? null;
}

export async function maxVersion(db: Db, courseId: string): Promise<number> {
  const [r] = await db.query<{ n: number }>(
    'SELECT COALESCE(MAX(version), 0)::int AS n FROM dl_course_versions WHERE course_id = $1',
    [courseId],
  );
  return r?.n ?? 0;
}

/**
 * Copies a version's content into a new draft (same lesson and question keys). New ids are derived from the
 * old id and the new version's id, so each table is one INSERT … SELECT and children find their parents.
 */
export async function copyContent(db: Db, from: string, to: string): Promise<void> {
  const nid = (col: string) => sqlUuidFrom(`${col}::text || $2::text`);
  await db.query(
    `INSERT INTO dl_version_competences (version_id, competence_id)
     SELECT $2::text::uuid, competence_id FROM dl_version_competences WHERE version_id = $1`,
    [from, to],
  );
  await db.query(
    `INSERT INTO dl_modules (id, version_id, position, title)
     SELECT ${nid('id')}, $2::text::uuid, position, title FROM dl_modules WHERE version_id = $1`,
    [from, to],
  );
  await db.query(
    `INSERT INTO dl_lessons (id, module_id, key, position, kind, title, body, video_media_id, external_url,
                             captions_media_id, audio_description_media_id, text_alternative,
                             picture_carries_information, lti_link_id, pass_mark, estimated_minutes)
     SELECT ${nid('l.id')}, ${nid('l.module_id')}, l.key, l.position, l.kind, l.title, l.body, l.video_media_id,
            l.external_url, l.captions_media_id, l.audio_description_media_id, l.text_alternative,
            l.picture_carries_information, l.lti_link_id, l.pass_mark, l.estimated_minutes
       FROM dl_lessons l JOIN dl_modules m ON m.id = l.module_id WHERE m.version_id = $1`,
    [from, to],
  );
  await db.query(
    `INSERT INTO dl_questions (id, lesson_id, key, position, kind, prompt, feedback_correct, feedback_incorrect)
     SELECT ${nid('q.id')}, ${nid('q.lesson_id')}, q.key, q.position, q.kind, q.prompt, q.feedback_correct,
            q.feedback_incorrect
       FROM dl_questions q JOIN dl_lessons l ON l.id = q.lesson_id JOIN dl_modules m ON m.id = l.module_id
      WHERE m.version_id = $1`,
    [from, to],
  );
  await db.query(
    `INSERT INTO dl_options (id, question_id, position, label, correct, feedback)
     SELECT ${nid('o.id')}, ${nid('o.question_id')}, o.position, o.label, o.correct, o.feedback
       FROM dl_options o JOIN dl_questions q ON q.id = o.question_id JOIN dl_lessons l ON l.id = q.lesson_id
       JOIN dl_modules m ON m.id = l.module_id
      WHERE m.version_id = $1`,
    [from, to],
  );
}

/** Publishes the draft: the published version (if any) becomes superseded first (one of each at a time). */
export async function publishDraft(db: Db, courseId: string, draftId: string, by: string): Promise<void> {
  await db.query(
    `UPDATE dl_course_versions SET status = 'superseded', updated_at = now()
      WHERE course_id = $1 AND status = 'published'`,
    [courseId],
  );
  await db.query(
    `UPDATE dl_course_versions SET status = 'published', published_at = now(), published_by = $2, updated_at = now()
      WHERE id = $1 AND status = 'draft'`,
    [draftId, by],
  );
}

/** The provider's pillar-3 catalogue courses with format `digital` (not withdrawn, not linked elsewhere). */
export async function digitalCatalogueCourses(
  db: Db,
  providerOrgId: string,
  exceptCourseId: string | null,
): Promise<{ id: string; title: string }[]> {
  return db.query(
    `SELECT c.id, c.title FROM courses c
      WHERE c.provider_org_id = $1 AND c.format = 'digital' AND c.status <> 'withdrawn'
        AND NOT EXISTS (SELECT 1 FROM dl_courses d WHERE d.training_course_id = c.id AND d.id IS DISTINCT FROM $2::uuid)
      ORDER BY c.title`,
    [providerOrgId, exceptCourseId],
  );
}

/** The demo region's provider organisations (named "… (demo)" by the demo seed), by name. */
export async function demoProviders(db: Db): Promise<{ id: string; name: string; regionId: string }[]> {
  return db.query(
    // Providers with staff accounts first, so that the demo provider login authors the first courses.
    `SELECT o.id, o.name, o.region_id AS "regionId" FROM organisations o
      WHERE o.kind = 'provider' AND o.name LIKE '%(demo)'
      ORDER BY (SELECT count(*) FROM memberships m WHERE m.organisation_id = o.id) DESC, o.name`,
  );
}

/** A digital course of these providers with a version of this title, if any (the demo seed's idempotence). */
export async function courseIdByTitle(
  db: Db,
  providerOrgIds: string[],
  title: string,
): Promise<string | null> {
  const rows = await db.query<{ id: string }>(
    `SELECT c.id FROM dl_courses c JOIN dl_course_versions v ON v.course_id = c.id
      WHERE c.provider_org_id = ANY($1::uuid[]) AND v.title = $2 LIMIT 1`,
    [providerOrgIds, title],
  );
  return rows[0]?.id ?? null;
}

/** The demo providers' digital catalogue courses not linked to a digital course yet. */
export async function unlinkedDigitalCatalogueCourses(
  db: Db,
  providerOrgIds: string[],
): Promise<{ id: string; title: string; providerOrgId: string }[]> {
  return db.query(
    `SELECT c.id, c.title, c.provider_org_id AS "providerOrgId" FROM courses c
      WHERE c.provider_org_id = ANY($1::uuid[]) AND c.format = 'digital' AND c.status <> 'withdrawn'
        AND NOT EXISTS (SELECT 1 FROM dl_courses d WHERE d.training_course_id = c.id)
      ORDER BY c.title`,
    [providerOrgIds],
  );
}

/** The demo seed's reference ids that exist in the loaded classifications (a trimmed reference set lacks some). */
export async function existingCompetences(db: Db, ids: string[]): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    'SELECT concept_id AS id FROM ref_competences WHERE concept_id = ANY($1::text[]) ORDER BY concept_id',
    [ids],
  );
  return rows.map((r) => r.id);
}

export async function existingSunLevel(db: Db, code: string): Promise<string | null> {
  const rows = await db.query<{ code: string }>('SELECT code FROM ref_sun_levels WHERE code = $1', [code]);
  return rows[0]?.code ?? null;
}
