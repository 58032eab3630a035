// All SQL of the training catalogue: courses, course_competences, course_occasions, course_sessions (and
// reads of the reference tables and organisations it shows). Dates are returned as yyyy-mm-dd text and
// session times as Europe/Stockholm wall-clock text.

import type { Db } from '../../platform/db.ts';
import { catalogueChanged } from './repo-search.ts';
import type { CodeName, CourseFormat, CourseStatus, Financing } from './repo-types.ts';

export interface CourseRow {
  id: string;
  regionId: string;
  providerOrgId: string;
  providerName: string;
  title: string;
  description: string;
  sunFieldCode: string | null;
  sunFieldName: string | null;
  sunLevelCode: string | null;
  sunLevelName: string | null;
  targetGroup: string;
  format: CourseFormat;
  hours: number;
  language: string;
  municipalityCode: string | null;
  municipalityName: string | null;
  address: string | null;
  priceSek: number;
  prerequisites: string;
  contactName: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
  financing: Financing;
  contractReference: string | null;
  contractFrom: string | null;
  contractTo: string | null;
  completionAttendancePct: number;
  issuesCredential: boolean;
  status: CourseStatus;
  approvedAt: Date | null;
  updatedAt: Date;
  version: number;
}

/** The writable columns of a course. */
export interface CourseValues {
  providerOrgId: string;
  title: string;
  description: string;
  sunFieldCode: string | null;
  sunLevelCode: string | null;
  targetGroup: string;
  format: CourseFormat;
  hours: number;
  language: string;
  municipalityCode: string | null;
  address: string | null;
  priceSek: number;
  prerequisites: string;
  contactName: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
  financing: Financing;
  contractReference: string | null;
  contractFrom: string | null;
  contractTo: string | null;
  completionAttendancePct: number;
  issuesCredential: boolean;
}

const COURSE_COLUMNS = `c.id, c.region_id AS "regionId", c.provider_org_id AS "providerOrgId", o.name AS "providerName",
  c.title, c.description, c.sun_field_code AS "sunFieldCode", sf.name_sv AS "sunFieldName",
  c.sun_level_code AS "sunLevelCode", sl.name_sv AS "sunLevelName", c.target_group AS "targetGroup", c.format,
  c.hours::float8 AS hours, c.language, c.municipality_code AS "municipalityCode", m.name AS "municipalityName",
  c.address, c.price_sek AS "priceSek", c.prerequisites, c.contact_name AS "contactName",
  c.contact_email AS "contactEmail", c.contact_phone AS "contactPhone", c.financing,
  c.contract_reference AS "contractReference", c.contract_from::text AS "contractFrom",
  c.contract_to::text AS "contractTo", c.completion_attendance_pct AS "completionAttendancePct",
  c.issues_credential AS "issuesCredential", c.status, c.approved_at AS "approvedAt", c.updated_at AS "updatedAt",
  c.version`;
const COURSE_FROM = `courses c JOIN organisations o ON o.id = c.provider_org_id
  LEFT JOIN ref_sun_fields sf ON sf.code = c.sun_field_code
  LEFT JOIN ref_sun_levels sl ON sl.code = c.sun_level_code
  LEFT JOIN ref_municipalities m ON m.code = c.municipality_code`;

export async function findCourse(db: Db, id: string, lock = false): Promise<CourseRow | null> {
  const rows = await db.query<CourseRow>(
    `SELECT ${COURSE_COLUMNS} FROM ${COURSE_FROM} WHERE c.id = $1${lock ? ' FOR UPDATE OF c' : ''}`,
    [id],
  );
  return rows[0] ?? null;
}

function valueParams(v: CourseValues) {
  return [
    v.providerOrgId,
    v.title,
    v.description,
    v.sunFieldCode,
    v.sunLevelCode,
    v.targetGroup,
    v.format,
    v.hours,
    v.language,
    v.municipalityCode,
    v.address,
    v.priceSek,
    v.prerequisites,
    v.contactName,
    v.contactEmail,
    v.contactPhone,
    v.financing,
    v.contractReference,
    v.contractFrom,
    v.contractTo,
    v.completionAttendancePct,
    v.issuesCredential,
  ];
}

export async function insertCourse(
  db: Db,
  c: { id: string; regionId: string; createdBy: string | null; status: CourseStatus },
  v: CourseValues,
): Promise<void> {
  await db.query(
    `INSERT INTO courses (id, region_id, created_by, status, provider_org_id, title, description, sun_field_code,
       sun_level_code, target_group, format, hours, language, municipality_code, address, price_sek, prerequisites,
       contact_name, contact_email, contact_phone, financing, contract_reference, contract_from, contract_to,
       completion_attendance_pct, issues_credential)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22,
       $23::date, $24::date, $25, $26)`,
    [c.id, c.regionId, c.createdBy, c.status, ...valueParams(v)],
  );
}

export async function updateCourse(db: Db, id: string, v: CourseValues, status: CourseStatus): Promise<void> {
  catalogueChanged();
  await db.query(
    `UPDATE courses SET provider_org_id = $2, title = $3, description = $4, sun_field_code = $5, sun_level_code = $6,
       target_group = $7, format = $8, hours = $9, language = $10, municipality_code = $11, address = $12,
       price_sek = $13, prerequisites = $14, contact_name = $15, contact_email = $16, contact_phone = $17,
       financing = $18, contract_reference = $19, contract_from = $20::date, contract_to = $21::date,
       completion_attendance_pct = $22, issues_credential = $23, status = $24,
       updated_at = now(), version = version + 1
     WHERE id = $1`,
    [id, ...valueParams(v), status],
  );
}

export async function setCourseStatus(
  db: Db,
  id: string,
  status: CourseStatus,
  approvedBy: string | null = null,
): Promise<void> {
  catalogueChanged();
  await db.query(
    `UPDATE courses SET status = $2, approved_by = CASE WHEN $2 = 'approved' THEN $3::uuid ELSE approved_by END,
       approved_at = CASE WHEN $2 = 'approved' THEN now() ELSE approved_at END,
       updated_at = now(), version = version + 1
     WHERE id = $1`,
    [id, status, approvedBy],
  );
}

export async function courseCompetences(
  db: Db,
  ids: string[],
): Promise<Map<string, { id: string; name: string }[]>> {
  const out = new Map<string, { id: string; name: string }[]>();
  if (ids.length === 0) return out;
  const rows = await db.query<{ courseId: string; id: string; name: string }>(
    `SELECT cc.course_id AS "courseId", cc.competence_id AS id, r.name_sv AS name
       FROM course_competences cc JOIN ref_competences r ON r.concept_id = cc.competence_id
      WHERE cc.course_id = ANY($1::uuid[]) ORDER BY r.name_sv`,
    [ids],
  );
  for (const r of rows) {
    const list = out.get(r.courseId) ?? [];
    list.push({ id: r.id, name: r.name });
    out.set(r.courseId, list);
  }
  return out;
}

export async function replaceCompetences(db: Db, courseId: string, ids: string[]): Promise<void> {
  catalogueChanged();
  await db.query('DELETE FROM course_competences WHERE course_id = $1', [courseId]);
  if (ids.length > 0)
    await db.query(
      `INSERT INTO course_competences (course_id, competence_id)
       SELECT $1, x FROM unnest($2::text[]) AS x ON CONFLICT DO NOTHING`,
      [courseId, ids],
    );
}

/** Which of the ids are known competences, with their names. */
export async function competenceNames(db: Db, ids: string[]): Promise<{ id: string; name: string }[]> {
  if (ids.length === 0) return [];
  return db.query(
    'SELECT concept_id AS id, name_sv AS name FROM ref_competences WHERE concept_id = ANY($1::text[]) ORDER BY name_sv',
    [ids],
  );
}

export async function codeExists(
  db: Db,
  table: 'ref_sun_fields' | 'ref_sun_levels' | 'ref_municipalities',
  code: string,
): Promise<boolean> {
  const rows = await db.query(`SELECT 1 FROM ${table} WHERE code = $1`, [code]);
  return rows.length > 0;
}

/** SUN 2020 fields down to the three-digit groups (a select without JavaScript). */
export async function sunFields(db: Db): Promise<CodeName[]> {
  return db.query('SELECT code, name_sv AS name FROM ref_sun_fields WHERE level <= 3 ORDER BY code');
}

export async function sunLevels(db: Db): Promise<CodeName[]> {
  return db.query('SELECT code, name_sv AS name FROM ref_sun_levels ORDER BY code');
}

/** The municipalities of a region's county (all when the region has no county code). */
export async function regionMunicipalities(db: Db, regionIds: string[]): Promise<CodeName[]> {
  return db.query(
    `SELECT m.code, m.name FROM ref_municipalities m
      WHERE NOT EXISTS (SELECT 1 FROM organisations r WHERE r.id = ANY($1::uuid[]) AND r.code IS NOT NULL)
         OR m.county_code IN (SELECT r.code FROM organisations r WHERE r.id = ANY($1::uuid[]))
      ORDER BY m.name`,
    [regionIds],
  );
}

export async function providerOrg(
  db: Db,
  id: string,
): Promise<{ id: string; regionId: string; name: string } | null> {
  const rows = await db.query<{ id: string; regionId: string; name: string }>(
    `SELECT id, region_id AS "regionId", name FROM organisations WHERE id = $1 AND kind = 'provider'`,
    [id],
  );
  return rows[0] ?? null;
}

export async function providersOfRegions(
  db: Db,
  regionIds: string[],
): Promise<{ id: string; name: string }[]> {
  return db.query(
    `SELECT id, name FROM organisations WHERE kind = 'provider' AND region_id = ANY($1::uuid[]) ORDER BY name`,
    [regionIds],
  );
}

export interface CourseListRow {
  id: string;
  title: string;
  providerName: string;
  status: CourseStatus;
  format: CourseFormat;
  financing: Financing;
  updatedAt: Date;
  occasions: number;
}

/** Courses of the given providers or regions (a manager's list), optionally of one status. */
export async function listManagedCourses(
  db: Db,
  scope: { providerOrgIds: string[]; regionIds: string[] },
  status: CourseStatus | null,
): Promise<CourseListRow[]> {
  return db.query<CourseListRow>(
    `SELECT c.id, c.title, o.name AS "providerName", c.status, c.format, c.financing, c.updated_at AS "updatedAt",
            (SELECT count(*)::int FROM course_occasions co WHERE co.course_id = c.id) AS occasions
       FROM courses c JOIN organisations o ON o.id = c.provider_org_id
      WHERE (c.provider_org_id = ANY($1::uuid[]) OR c.region_id = ANY($2::uuid[]))
        AND ($3::text IS NULL OR c.status = $3)
      ORDER BY c.status = 'submitted' DESC, c.updated_at DESC LIMIT 500`,
    [scope.providerOrgIds, scope.regionIds, status],
  );
}

export * from './repo-occasions.ts';
export * from './repo-search.ts';
export type { CodeName, CourseFormat, CourseStatus, Financing, SessionActivity } from './repo-types.ts';
