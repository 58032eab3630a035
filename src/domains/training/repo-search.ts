// SQL of the public catalogue search and its calendar feed.
import type { Db } from '../../platform/db.ts';
import type { CodeName, CourseFormat, Financing } from './repo-types.ts';

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
    // The page is chosen first (matching, ranking, the next occasion per matched course by its index);
    // free seats, provider and place are looked up for the page's rows only.
    `WITH q AS (
       SELECT websearch_to_tsquery('swedish', coalesce($1::text, '')) AS tsq,
              (SELECT to_tsquery('simple', string_agg(quote_literal(lexeme) || ':*', ' & '))
                 FROM unnest(to_tsvector('swedish', coalesce($1::text, ''))) AS u) AS prefix,
              lower(coalesce($1::text, '')) AS lq
     ), matched AS (
       -- Each way a text matches has its own index (words and prefixes: the tsvector's GIN index; typos:
       -- the title's trigram index), so the matches are found without reading every approved course.
       SELECT c.id FROM courses c
        WHERE $1::text IS NOT NULL AND c.status = 'approved'
          AND c.search @@ websearch_to_tsquery('swedish', coalesce($1::text, ''))
       UNION
       SELECT c.id FROM courses c
        WHERE $1::text IS NOT NULL AND c.status = 'approved'
          AND c.search @@ (SELECT q.prefix FROM q WHERE q.prefix IS NOT NULL)
       UNION
       SELECT c.id FROM courses c
        WHERE $1::text IS NOT NULL AND c.status = 'approved' AND lower(coalesce($1::text, '')) <% lower(c.title)
       UNION ALL
       SELECT c.id FROM courses c WHERE $1::text IS NULL AND c.status = 'approved'
     ), page AS (
       SELECT c.id, c.title, c.description, c.provider_org_id, c.format, c.hours, c.language, c.municipality_code,
              c.price_sek, c.financing, n.id AS nid, n.starts_on, n.ends_on, n.enrolment_deadline, n.seats,
              CASE WHEN $1::text IS NULL THEN 0
                   ELSE ts_rank(c.search, q.tsq) + coalesce(ts_rank(c.search, q.prefix), 0) / 2
                        + word_similarity(q.lq, lower(c.title)) END AS score,
              count(*) OVER ()::int AS total
         FROM matched mt JOIN courses c ON c.id = mt.id CROSS JOIN q
         LEFT JOIN LATERAL (
           SELECT co.id, co.starts_on, co.ends_on, co.enrolment_deadline, co.seats
             FROM course_occasions co
            WHERE co.course_id = c.id AND co.status = 'open'
              AND co.starts_on >= (now() AT TIME ZONE 'Europe/Stockholm')::date
              AND ($6::date IS NULL OR co.starts_on >= $6::date) AND ($7::date IS NULL OR co.starts_on <= $7::date)
            ORDER BY co.starts_on, co.id LIMIT 1) n ON true
        WHERE ($2::text IS NULL OR EXISTS (SELECT 1 FROM course_competences cc WHERE cc.course_id = c.id AND cc.competence_id = $2))
          AND ($3::text IS NULL OR c.municipality_code = $3 OR EXISTS (
                SELECT 1 FROM course_occasions co WHERE co.course_id = c.id AND co.status = 'open' AND co.municipality_code = $3))
          AND ($4::text IS NULL OR c.format = $4)
          AND ($5::text IS NULL OR c.language = $5)
          AND (($6::date IS NULL AND $7::date IS NULL) OR n.id IS NOT NULL)
        ORDER BY score DESC, n.starts_on NULLS LAST, c.title, c.id
        LIMIT $8 OFFSET $9
     )
     SELECT p.id, p.title, p.description, o.name AS "providerName", p.format, p.hours::float8 AS hours, p.language,
            m.name AS "municipalityName", p.price_sek AS "priceSek", p.financing,
            p.nid AS "nextOccasionId", p.starts_on::text AS "nextStartsOn", p.ends_on::text AS "nextEndsOn",
            p.enrolment_deadline::text AS "nextDeadline",
            p.seats - (SELECT count(*)::int FROM enrolments e WHERE e.occasion_id = p.nid AND e.status = 'enrolled')
              AS "nextFreeSeats",
            p.total
       FROM page p
       JOIN organisations o ON o.id = p.provider_org_id
       LEFT JOIN ref_municipalities m ON m.code = p.municipality_code
      ORDER BY p.score DESC, p.starts_on NULLS LAST, p.title, p.id`,
    [f.q, f.competence, f.municipality, f.format, f.language, f.from, f.to, f.limit, f.offset],
  );
}

/**
 * Bumped by every write that can change the catalogue's filter options (a course's status, place or
 * competences, an occasion's place or state): cached options older than the last bump are read again.
 */
let catalogueGeneration = 0;
export function catalogueChanged(): void {
  catalogueGeneration++;
}
export const catalogueVersion = (): number => catalogueGeneration;

/**
 * The catalogue's filter options in one statement: competences taught by approved courses (at most 500, by
 * name) and the municipalities of approved courses and of their open occasions.
 */
export async function catalogueFilterOptions(
  db: Db,
): Promise<{ competences: CodeName[]; municipalities: CodeName[] }> {
  const [row] = await db.query<{ competences: CodeName[]; municipalities: CodeName[] }>(
    `SELECT
       coalesce((SELECT json_agg(json_build_object('code', x.code, 'name', x.name) ORDER BY x.name, x.code)
          FROM (SELECT DISTINCT r.concept_id AS code, r.name_sv AS name
                  FROM course_competences cc JOIN courses c ON c.id = cc.course_id AND c.status = 'approved'
                  JOIN ref_competences r ON r.concept_id = cc.competence_id
                 ORDER BY r.name_sv LIMIT 500) x), '[]'::json) AS competences,
       coalesce((SELECT json_agg(json_build_object('code', m.code, 'name', m.name) ORDER BY m.name, m.code)
          FROM ref_municipalities m
         WHERE m.code IN (SELECT municipality_code FROM courses WHERE status = 'approved')
            OR m.code IN (SELECT co.municipality_code FROM course_occasions co JOIN courses c ON c.id = co.course_id
                           WHERE c.status = 'approved' AND co.status = 'open')), '[]'::json) AS municipalities`,
  );
  return row ?? { competences: [], municipalities: [] };
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
