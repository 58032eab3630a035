// All SQL of needs-to-course matching and unmet demand: a company's latest mapped needs, the candidate
// courses with their competence overlap (one set-based query), unmet needs of the region and the
// published unmet-demand snapshots.
import type { Db } from '../../platform/db.ts';

export type Urgency = 'now' | 'within6Months' | 'within6To12Months' | 'within1To3Years';
export type CourseFormat = 'classroom' | 'digital' | 'blended';

export interface NeedRow {
  mappingId: string;
  position: number;
  competenceId: string | null;
  competenceName: string | null;
  ssykCode: string | null;
  urgency: Urgency;
  strategy: string;
  gapSize: number;
  women: number;
  men: number;
}

export interface CompanyNeeds {
  mappingId: string;
  submittedAt: string;
  needs: NeedRow[];
  /** The formats chosen in the mapping's training preferences (empty when not answered). */
  formats: string[];
  /** Municipalities of the company's workplaces and of the mapping, with their county codes. */
  places: { municipalityCode: string; countyCode: string }[];
}

/** The needs of a company's latest submitted mapping, its format preference and its places; null if none. */
export async function companyNeeds(db: Db, companyId: string): Promise<CompanyNeeds | null> {
  const [latest] = await db.query<{ id: string; submittedAt: string; formats: unknown }>(
    `SELECT m.id, to_char(m.submitted_at, 'YYYY-MM-DD') AS "submittedAt", s.answers -> 'trainingFormat' AS formats
       FROM mappings m
       LEFT JOIN mapping_sections s ON s.mapping_id = m.id AND s.section_key = 'trainingPreferences'
      WHERE m.company_id = $1 AND m.status = 'submitted'
      ORDER BY m.submitted_at DESC, m.id LIMIT 1`,
    [companyId],
  );
  if (!latest) return null;
  const [needs, places] = await Promise.all([
    db.query<NeedRow>(
      `SELECT n.mapping_id AS "mappingId", n.position, n.competence_id AS "competenceId",
              coalesce(rc.name_sv, n.competence_text) AS "competenceName", n.ssyk_code AS "ssykCode",
              n.urgency, n.strategy, n.gap_size AS "gapSize", n.women, n.men
         FROM mapping_needs n LEFT JOIN ref_competences rc ON rc.concept_id = n.competence_id
        WHERE n.mapping_id = $1 ORDER BY n.position`,
      [latest.id],
    ),
    db.query<{ municipalityCode: string; countyCode: string }>(
      `SELECT DISTINCT rm.code AS "municipalityCode", rm.county_code AS "countyCode"
         FROM ref_municipalities rm
        WHERE rm.code IN (SELECT municipality_code FROM company_workplaces WHERE company_id = $1
                          UNION SELECT municipality_code FROM mappings WHERE id = $2)`,
      [companyId, latest.id],
    ),
  ]);
  const formats = Array.isArray(latest.formats)
    ? latest.formats.filter((f): f is string => typeof f === 'string')
    : typeof latest.formats === 'string'
      ? [latest.formats]
      : [];
  return { mappingId: latest.id, submittedAt: latest.submittedAt, needs, formats, places };
}

export interface CandidateRow {
  courseId: string;
  title: string;
  format: CourseFormat;
  providerName: string;
  /** The needed competences the course teaches. */
  matched: string[];
  /** All competences the course teaches. */
  courseCompetences: number;
  occasionId: string | null;
  startsOn: string | null;
  /** Where the course (its next occasion, else the course) takes place. */
  municipalityCode: string | null;
  municipalityName: string | null;
  countyCode: string | null;
}

/**
 * Candidates and overlaps in one set-based query: every approved course of the region that teaches at
 * least one of the competences, with the needed competences it teaches and its next open occasion that
 * still takes enrolments (null when there is none).
 */
export async function candidateCourses(
  db: Db,
  regionId: string,
  competenceIds: string[],
): Promise<CandidateRow[]> {
  if (competenceIds.length === 0) return [];
  return db.query<CandidateRow>(
    `WITH cand AS (
       SELECT cc.course_id, array_agg(cc.competence_id ORDER BY cc.competence_id) AS matched
         FROM course_competences cc
        WHERE cc.competence_id = ANY($2::text[])
        GROUP BY cc.course_id)
     SELECT c.id AS "courseId", c.title, c.format, o.name AS "providerName", cand.matched,
            (SELECT count(*) FROM course_competences x WHERE x.course_id = c.id)::int AS "courseCompetences",
            occ.id AS "occasionId", occ.starts_on AS "startsOn",
            rm.code AS "municipalityCode", rm.name AS "municipalityName", rm.county_code AS "countyCode"
       FROM cand
       JOIN courses c ON c.id = cand.course_id AND c.status = 'approved' AND c.region_id = $1
       JOIN organisations o ON o.id = c.provider_org_id
       LEFT JOIN LATERAL (
         SELECT co.id, co.starts_on, co.municipality_code
           FROM course_occasions co
          WHERE co.course_id = c.id AND co.status = 'open'
            AND co.starts_on >= current_date AND co.enrolment_deadline >= current_date
          ORDER BY co.starts_on, co.id LIMIT 1) occ ON true
       LEFT JOIN ref_municipalities rm ON rm.code = coalesce(occ.municipality_code, c.municipality_code)`,
    [regionId, competenceIds],
  );
}

export interface UnmetNeedRow {
  companyId: string;
  competenceId: string;
  competenceName: string;
  municipalityCode: string;
  municipalityName: string;
  women: number;
  men: number;
  urgency: Urgency;
}

/**
 * Needs of each company's latest submitted mapping in the region whose (coded) competence no approved
 * course with an open upcoming occasion teaches; optionally only in some municipalities.
 */
export async function unmetNeeds(
  db: Db,
  regionId: string,
  municipalityCodes: string[] | null,
): Promise<UnmetNeedRow[]> {
  return db.query<UnmetNeedRow>(
    `WITH latest AS (
       SELECT DISTINCT ON (m.company_id) m.id
         FROM mappings m
        WHERE m.region_id = $1 AND m.status = 'submitted'
        ORDER BY m.company_id, m.submitted_at DESC, m.id),
     covered AS (
       SELECT DISTINCT cc.competence_id
         FROM course_competences cc
         JOIN courses c ON c.id = cc.course_id AND c.status = 'approved' AND c.region_id = $1
        WHERE EXISTS (SELECT 1 FROM course_occasions co
                       WHERE co.course_id = c.id AND co.status = 'open'
                         AND co.starts_on >= current_date AND co.enrolment_deadline >= current_date))
     SELECT n.company_id AS "companyId", n.competence_id AS "competenceId", rc.name_sv AS "competenceName",
            n.municipality_code AS "municipalityCode", rm.name AS "municipalityName",
            n.women, n.men, n.urgency
       FROM mapping_needs n
       JOIN latest l ON l.id = n.mapping_id
       JOIN ref_competences rc ON rc.concept_id = n.competence_id
       JOIN ref_municipalities rm ON rm.code = n.municipality_code
      WHERE n.women + n.men > 0
        AND NOT EXISTS (SELECT 1 FROM covered WHERE covered.competence_id = n.competence_id)
        AND ($2::text[] IS NULL OR n.municipality_code = ANY($2::text[]))`,
    [regionId, municipalityCodes],
  );
}

export interface PublicationRow {
  id: string;
  regionId: string;
  publishedAt: Date;
  publishedByName: string | null;
  content: unknown;
}

export async function insertPublication(
  db: Db,
  p: { id: string; regionId: string; publishedBy: string; content: unknown },
): Promise<void> {
  await db.query(
    `INSERT INTO unmet_demand_publications (id, region_id, published_by, content) VALUES ($1, $2, $3, $4)`,
    [p.id, p.regionId, p.publishedBy, JSON.stringify(p.content)],
  );
}

/** The latest published snapshot of the region, or null. */
export async function latestPublication(db: Db, regionId: string): Promise<PublicationRow | null> {
  const [row] = await db.query<PublicationRow>(
    `SELECT p.id, p.region_id AS "regionId", p.published_at AS "publishedAt", u.name AS "publishedByName",
            p.content
       FROM unmet_demand_publications p LEFT JOIN users u ON u.id = p.published_by
      WHERE p.region_id = $1 ORDER BY p.published_at DESC, p.id LIMIT 1`,
    [regionId],
  );
  return row ?? null;
}

export interface CourseRef {
  id: string;
  title: string;
  status: string;
  regionId: string;
  nextOccasionId: string | null;
}

/** A course with its next open occasion that still takes enrolments; null when there is no such course. */
export async function findCourseRef(db: Db, id: string): Promise<CourseRef | null> {
  const [row] = await db.query<CourseRef>(
    `SELECT c.id, c.title, c.status, c.region_id AS "regionId",
            (SELECT co.id FROM course_occasions co
              WHERE co.course_id = c.id AND co.status = 'open'
                AND co.starts_on >= current_date AND co.enrolment_deadline >= current_date
              ORDER BY co.starts_on, co.id LIMIT 1) AS "nextOccasionId"
       FROM courses c WHERE c.id = $1`,
    [id],
  );
  return row ?? null;
}
