// All SQL of the training catalogue: courses, course_competences, course_occasions, course_sessions (and
// reads of the reference tables and organisations it shows). Dates are returned as yyyy-mm-dd text and
// session times as Europe/Stockholm wall-clock text.
import type { Db } from '../../platform/db.ts';

export type CourseFormat = 'classroom' | 'digital' | 'blended';
export type Financing = 'procured' | 'company' | 'public';
export type CourseStatus = 'draft' | 'submitted' | 'approved' | 'withdrawn';
export type SessionActivity = 'teaching' | 'practice' | 'digital' | 'exam';

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

export interface CodeName {
  code: string;
  name: string;
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

// ------------------------------------------------------------------------------------------ occasions

export interface OccasionRow {
  id: string;
  courseId: string;
  startsOn: string;
  endsOn: string;
  seats: number;
  enrolmentDeadline: string;
  municipalityCode: string | null;
  municipalityName: string | null;
  location: string | null;
  onlineLink: string | null;
  status: 'open' | 'cancelled';
  enrolled: number;
  updatedAt: Date;
}

export interface OccasionValues {
  startsOn: string;
  endsOn: string;
  seats: number;
  enrolmentDeadline: string;
  municipalityCode: string | null;
  location: string | null;
  onlineLink: string | null;
}

const OCCASION_COLUMNS = `co.id, co.course_id AS "courseId", co.starts_on::text AS "startsOn", co.ends_on::text AS "endsOn",
  co.seats, co.enrolment_deadline::text AS "enrolmentDeadline", co.municipality_code AS "municipalityCode",
  m.name AS "municipalityName", co.location, co.online_link AS "onlineLink", co.status,
  (SELECT count(*)::int FROM enrolments e WHERE e.occasion_id = co.id AND e.status = 'enrolled') AS enrolled,
  co.updated_at AS "updatedAt"`;

export async function listOccasions(
  db: Db,
  courseIds: string[],
  upcomingOnly = false,
): Promise<OccasionRow[]> {
  if (courseIds.length === 0) return [];
  return db.query<OccasionRow>(
    `SELECT ${OCCASION_COLUMNS} FROM course_occasions co LEFT JOIN ref_municipalities m ON m.code = co.municipality_code
      WHERE co.course_id = ANY($1::uuid[])
        AND (NOT $2::boolean OR (co.status = 'open' AND co.ends_on >= (now() AT TIME ZONE 'Europe/Stockholm')::date))
      ORDER BY co.starts_on, co.id`,
    [courseIds, upcomingOnly],
  );
}

export async function findOccasionRow(db: Db, id: string, lock = false): Promise<OccasionRow | null> {
  const rows = await db.query<OccasionRow>(
    `SELECT ${OCCASION_COLUMNS} FROM course_occasions co LEFT JOIN ref_municipalities m ON m.code = co.municipality_code
      WHERE co.id = $1${lock ? ' FOR UPDATE OF co' : ''}`,
    [id],
  );
  return rows[0] ?? null;
}

export async function insertOccasion(db: Db, id: string, courseId: string, v: OccasionValues): Promise<void> {
  await db.query(
    `INSERT INTO course_occasions (id, course_id, starts_on, ends_on, seats, enrolment_deadline, municipality_code,
       location, online_link)
     VALUES ($1, $2, $3::date, $4::date, $5, $6::date, $7, $8, $9)`,
    [
      id,
      courseId,
      v.startsOn,
      v.endsOn,
      v.seats,
      v.enrolmentDeadline,
      v.municipalityCode,
      v.location,
      v.onlineLink,
    ],
  );
}

export async function updateOccasion(db: Db, id: string, v: OccasionValues): Promise<void> {
  await db.query(
    `UPDATE course_occasions SET starts_on = $2::date, ends_on = $3::date, seats = $4,
       enrolment_deadline = $5::date, municipality_code = $6, location = $7, online_link = $8,
       updated_at = now(), version = version + 1
     WHERE id = $1`,
    [id, v.startsOn, v.endsOn, v.seats, v.enrolmentDeadline, v.municipalityCode, v.location, v.onlineLink],
  );
}

export async function cancelOccasion(db: Db, id: string): Promise<void> {
  await db.query(
    `UPDATE course_occasions SET status = 'cancelled', updated_at = now(), version = version + 1 WHERE id = $1`,
    [id],
  );
}

// ------------------------------------------------------------------------------------------- sessions

export interface SessionRow {
  id: string;
  occasionId: string;
  date: string;
  start: string;
  end: string;
  startsAt: Date;
  endsAt: Date;
  activity: SessionActivity;
  location: string | null;
}

export interface SessionValues {
  date: string;
  start: string;
  end: string;
  activity: SessionActivity;
  location: string | null;
}

export async function listSessions(db: Db, occasionIds: string[]): Promise<SessionRow[]> {
  if (occasionIds.length === 0) return [];
  return db.query<SessionRow>(
    `SELECT s.id, s.occasion_id AS "occasionId",
            to_char(s.starts_at AT TIME ZONE 'Europe/Stockholm', 'YYYY-MM-DD') AS date,
            to_char(s.starts_at AT TIME ZONE 'Europe/Stockholm', 'HH24:MI') AS start,
            to_char(s.ends_at AT TIME ZONE 'Europe/Stockholm', 'HH24:MI') AS "end",
            s.starts_at AS "startsAt", s.ends_at AS "endsAt", s.activity, s.location
       FROM course_sessions s WHERE s.occasion_id = ANY($1::uuid[]) ORDER BY s.starts_at, s.id`,
    [occasionIds],
  );
}

export async function insertSession(db: Db, id: string, occasionId: string, v: SessionValues): Promise<void> {
  await db.query(
    `INSERT INTO course_sessions (id, occasion_id, starts_at, ends_at, activity, location)
     VALUES ($1, $2, ($3::date + $4::time) AT TIME ZONE 'Europe/Stockholm',
             ($3::date + $5::time) AT TIME ZONE 'Europe/Stockholm', $6, $7)`,
    [id, occasionId, v.date, v.start, v.end, v.activity, v.location],
  );
}

export async function findSession(db: Db, id: string): Promise<{ id: string; occasionId: string } | null> {
  const rows = await db.query<{ id: string; occasionId: string }>(
    'SELECT id, occasion_id AS "occasionId" FROM course_sessions WHERE id = $1',
    [id],
  );
  return rows[0] ?? null;
}

/** Deletes a session; false when it has attendance (kept) or does not exist. */
export async function deleteSession(db: Db, id: string): Promise<boolean> {
  const rows = await db.query(
    `DELETE FROM course_sessions s WHERE s.id = $1
        AND NOT EXISTS (SELECT 1 FROM attendance a WHERE a.session_id = s.id) RETURNING s.id`,
    [id],
  );
  return rows.length > 0;
}

// ------------------------------------------------------------------------------------- public search

export interface SearchFilters {
  q: string | null;
  competence: string | null;
  municipality: string | null;
  format: CourseFormat | null;
  language: string | null;
  from: string | null;
  to: string | null;
  limit: number;
  offset: number;
}

export interface SearchRow {
  id: string;
  title: string;
  description: string;
  providerName: string;
  format: CourseFormat;
  hours: number;
  language: string;
  municipalityName: string | null;
  priceSek: number;
  financing: Financing;
  nextOccasionId: string | null;
  nextStartsOn: string | null;
  nextEndsOn: string | null;
  nextDeadline: string | null;
  nextFreeSeats: number | null;
  total: number;
}

/**
 * Approved courses matching the Swedish full-text query (websearch syntax, stems, and stem prefixes so that
 * "svetsare" also finds "svetsning") or close to the title by trigrams (typos), with the filters; the
 * next open occasion (within the date range when given) and its free seats.
 */
export async function searchCourses(db: Db, f: SearchFilters): Promise<SearchRow[]> {
  return db.query<SearchRow>(
    `WITH q AS (
       SELECT websearch_to_tsquery('swedish', coalesce($1::text, '')) AS tsq,
              (SELECT to_tsquery('simple', string_agg(quote_literal(lexeme) || ':*', ' & '))
                 FROM unnest(to_tsvector('swedish', coalesce($1::text, ''))) AS u) AS prefix,
              lower(coalesce($1::text, '')) AS lq
     ), nexto AS (
       SELECT DISTINCT ON (co.course_id) co.course_id, co.id, co.starts_on, co.ends_on, co.enrolment_deadline,
              co.seats - (SELECT count(*)::int FROM enrolments e WHERE e.occasion_id = co.id AND e.status = 'enrolled')
                AS free
         FROM course_occasions co
        WHERE co.status = 'open' AND co.starts_on >= (now() AT TIME ZONE 'Europe/Stockholm')::date
          AND ($6::date IS NULL OR co.starts_on >= $6::date) AND ($7::date IS NULL OR co.starts_on <= $7::date)
        ORDER BY co.course_id, co.starts_on, co.id
     )
     SELECT c.id, c.title, c.description, o.name AS "providerName", c.format, c.hours::float8 AS hours, c.language,
            m.name AS "municipalityName", c.price_sek AS "priceSek", c.financing,
            n.id AS "nextOccasionId", n.starts_on::text AS "nextStartsOn", n.ends_on::text AS "nextEndsOn",
            n.enrolment_deadline::text AS "nextDeadline", n.free AS "nextFreeSeats",
            count(*) OVER ()::int AS total
       FROM courses c CROSS JOIN q
       JOIN organisations o ON o.id = c.provider_org_id
       LEFT JOIN ref_municipalities m ON m.code = c.municipality_code
       LEFT JOIN nexto n ON n.course_id = c.id
      WHERE c.status = 'approved'
        AND ($1::text IS NULL OR c.search @@ q.tsq OR (q.prefix IS NOT NULL AND c.search @@ q.prefix)
             OR q.lq <% lower(c.title))
        AND ($2::text IS NULL OR EXISTS (SELECT 1 FROM course_competences cc WHERE cc.course_id = c.id AND cc.competence_id = $2))
        AND ($3::text IS NULL OR c.municipality_code = $3 OR EXISTS (
              SELECT 1 FROM course_occasions co WHERE co.course_id = c.id AND co.status = 'open' AND co.municipality_code = $3))
        AND ($4::text IS NULL OR c.format = $4)
        AND ($5::text IS NULL OR c.language = $5)
        AND (($6::date IS NULL AND $7::date IS NULL) OR n.id IS NOT NULL)
      ORDER BY CASE WHEN $1::text IS NULL THEN 0
                    ELSE ts_rank(c.search, q.tsq) + coalesce(ts_rank(c.search, q.prefix), 0) / 2
                         + word_similarity(q.lq, lower(c.title)) END DESC,
               n.starts_on NULLS LAST, c.title, c.id
      LIMIT $8 OFFSET $9`,
    [f.q, f.competence, f.municipality, f.format, f.language, f.from, f.to, f.limit, f.offset],
  );
}

/** Competences taught by approved courses (the catalogue's competence filter). */
export async function catalogueCompetences(db: Db): Promise<CodeName[]> {
  return db.query(
    `SELECT DISTINCT r.concept_id AS code, r.name_sv AS name
       FROM course_competences cc JOIN courses c ON c.id = cc.course_id AND c.status = 'approved'
       JOIN ref_competences r ON r.concept_id = cc.competence_id ORDER BY r.name_sv LIMIT 500`,
  );
}

/** Municipalities of approved courses and their open occasions (the catalogue's place filter). */
export async function catalogueMunicipalities(db: Db): Promise<CodeName[]> {
  return db.query(
    `SELECT DISTINCT m.code, m.name FROM ref_municipalities m
      WHERE m.code IN (SELECT municipality_code FROM courses WHERE status = 'approved')
         OR m.code IN (SELECT co.municipality_code FROM course_occasions co JOIN courses c ON c.id = co.course_id
                        WHERE c.status = 'approved' AND co.status = 'open')
      ORDER BY m.name`,
  );
}

export interface FeedRow {
  sessionId: string;
  courseId: string;
  occasionId: string;
  title: string;
  providerName: string;
  date: string;
  start: string;
  end: string;
  location: string | null;
  onlineLink: string | null;
  municipalityName: string | null;
  modified: Date;
}

/** Sessions of upcoming open occasions of approved courses (the iCalendar feed), at most `limit`. */
export async function upcomingSessions(db: Db, limit: number, courseId: string | null): Promise<FeedRow[]> {
  return db.query<FeedRow>(
    `SELECT s.id AS "sessionId", c.id AS "courseId", co.id AS "occasionId", c.title, o.name AS "providerName",
            to_char(s.starts_at AT TIME ZONE 'Europe/Stockholm', 'YYYY-MM-DD') AS date,
            to_char(s.starts_at AT TIME ZONE 'Europe/Stockholm', 'HH24:MI') AS start,
            to_char(s.ends_at AT TIME ZONE 'Europe/Stockholm', 'HH24:MI') AS "end",
            coalesce(s.location, co.location) AS location, co.online_link AS "onlineLink",
            m.name AS "municipalityName", greatest(co.updated_at, c.updated_at) AS modified
       FROM course_sessions s JOIN course_occasions co ON co.id = s.occasion_id
       JOIN courses c ON c.id = co.course_id JOIN organisations o ON o.id = c.provider_org_id
       LEFT JOIN ref_municipalities m ON m.code = co.municipality_code
      WHERE c.status = 'approved' AND co.status = 'open' AND s.ends_at >= now()
        AND ($2::uuid IS NULL OR c.id = $2)
      ORDER BY s.starts_at, s.id LIMIT $1`,
    [limit, courseId],
  );
}
