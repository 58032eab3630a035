// All SQL of the company-only space for per-person ratings: company_people, person_ratings and
// person_rating_comments. Every query is scoped by company (contacts) or by the employee's user id.
import type { Db } from '../../platform/db.ts';

export interface PersonRow {
  id: string;
  companyId: string;
  name: string;
  email: string | null;
  userId: string | null;
  roleKey: string;
  roleTitle: string;
  createdAt: Date;
}

const PERSON = `p.id, p.company_id AS "companyId", p.name, p.email, p.user_id AS "userId", p.role_key AS "roleKey",
  p.role_title AS "roleTitle", p.created_at AS "createdAt"`;

export async function listPeople(db: Db, companyId: string): Promise<PersonRow[]> {
  return db.query<PersonRow>(
    `SELECT ${PERSON} FROM company_people p WHERE p.company_id = $1 ORDER BY lower(p.name), p.id`,
    [companyId],
  );
}

/** A person of the company, or null (also for another company's person). */
export async function findPerson(db: Db, companyId: string, id: string): Promise<PersonRow | null> {
  const rows = await db.query<PersonRow>(
    `SELECT ${PERSON} FROM company_people p WHERE p.company_id = $1 AND p.id = $2`,
    [companyId, id],
  );
  return rows[0] ?? null;
}

export async function insertPerson(
  db: Db,
  p: Omit<PersonRow, 'createdAt'> & { createdBy: string },
): Promise<void> {
  await db.query(
    `INSERT INTO company_people (id, company_id, name, email, user_id, role_key, role_title, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [p.id, p.companyId, p.name, p.email, p.userId, p.roleKey, p.roleTitle, p.createdBy],
  );
}

export async function deletePerson(db: Db, companyId: string, id: string): Promise<boolean> {
  const rows = await db.query('DELETE FROM company_people WHERE company_id = $1 AND id = $2 RETURNING id', [
    companyId,
    id,
  ]);
  return rows.length > 0;
}

/** The account of an employee: a user with a participant membership of the company and this e-mail. */
export async function participantByEmail(db: Db, companyId: string, email: string): Promise<string | null> {
  const rows = await db.query<{ id: string }>(
    `SELECT u.id FROM users u JOIN memberships m ON m.user_id = u.id
      WHERE lower(u.email) = lower($2) AND m.role = 'participant' AND m.company_id = $1 AND u.disabled_at IS NULL
      LIMIT 1`,
    [companyId, email],
  );
  return rows[0]?.id ?? null;
}

/** Link not-yet-linked people of the companies whose e-mail is the user's. Returns how many were linked. */
export async function linkByEmail(
  db: Db,
  userId: string,
  email: string,
  companyIds: string[],
): Promise<number> {
  if (companyIds.length === 0) return 0;
  const rows = await db.query(
    `UPDATE company_people SET user_id = $1, updated_at = now()
      WHERE user_id IS NULL AND email IS NOT NULL AND lower(email) = lower($2) AND company_id = ANY($3::uuid[])
      RETURNING id`,
    [userId, email, companyIds],
  );
  return rows.length;
}

// ---------------------------------------------------------------- ratings

export interface RatingRow {
  personId: string;
  competenceKey: string;
  level: number;
  ratedAt: Date;
}

export async function listRatings(db: Db, companyId: string, mappingId: string): Promise<RatingRow[]> {
  return db.query<RatingRow>(
    `SELECT r.person_id AS "personId", r.competence_key AS "competenceKey", r.level, r.rated_at AS "ratedAt"
       FROM person_ratings r JOIN company_people p ON p.id = r.person_id
      WHERE p.company_id = $1 AND r.mapping_id = $2`,
    [companyId, mappingId],
  );
}

export interface RatingWrite {
  personId: string;
  competenceKey: string;
  competenceId: string | null;
  competenceText: string | null;
  level: number | null;
}

/** Set (or, with level null, remove) ratings; returns how many rows changed. */
export async function writeRatings(
  db: Db,
  mappingId: string,
  userId: string,
  writes: RatingWrite[],
): Promise<number> {
  let changed = 0;
  for (const w of writes) {
    if (w.level === null) {
      const gone = await db.query(
        `DELETE FROM person_ratings WHERE person_id = $1 AND mapping_id = $2 AND competence_key = $3 RETURNING level`,
        [w.personId, mappingId, w.competenceKey],
      );
      changed += gone.length;
      continue;
    }
    const rows = await db.query(
      `INSERT INTO person_ratings (person_id, mapping_id, competence_key, competence_id, competence_text, level, rated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (person_id, mapping_id, competence_key) DO UPDATE
         SET level = EXCLUDED.level, rated_by = EXCLUDED.rated_by, rated_at = now(),
             competence_id = EXCLUDED.competence_id, competence_text = EXCLUDED.competence_text
         WHERE person_ratings.level <> EXCLUDED.level
       RETURNING level`,
      [w.personId, mappingId, w.competenceKey, w.competenceId, w.competenceText, w.level, userId],
    );
    changed += rows.length;
  }
  return changed;
}

export interface TotalTarget {
  roleKey: string;
  competenceKey: string;
  levelNow: number;
}

/** Per target (in order): how many of the role's people are rated, and how many reach the level. */
export async function ratedTotals(
  db: Db,
  companyId: string,
  mappingId: string,
  targets: TotalTarget[],
): Promise<{ rated: number; meeting: number }[]> {
  if (targets.length === 0) return [];
  const rows = await db.query<{ i: number; rated: number; meeting: number }>(
    `SELECT t.i::int AS i, count(r.person_id)::int AS rated,
            (count(r.person_id) FILTER (WHERE r.level >= t.lvl))::int AS meeting
       FROM unnest($3::text[], $4::text[], $5::int[]) WITH ORDINALITY AS t(role, ckey, lvl, i)
       LEFT JOIN company_people p ON p.company_id = $1 AND p.role_key = t.role
       LEFT JOIN person_ratings r ON r.person_id = p.id AND r.mapping_id = $2 AND r.competence_key = t.ckey
      GROUP BY t.i ORDER BY t.i`,
    [
      companyId,
      mappingId,
      targets.map((t) => t.roleKey),
      targets.map((t) => t.competenceKey),
      targets.map((t) => t.levelNow),
    ],
  );
  return rows.map((r) => ({ rated: r.rated, meeting: r.meeting }));
}

// ---------------------------------------------------------------- comments

export interface CommentRow {
  id: string;
  personId: string;
  mappingId: string;
  competenceKey: string;
  comment: string;
  createdAt: Date;
}

const COMMENT = `c.id, c.person_id AS "personId", c.mapping_id AS "mappingId", c.competence_key AS "competenceKey",
  c.comment, c.created_at AS "createdAt"`;

export async function listComments(db: Db, companyId: string, mappingId: string): Promise<CommentRow[]> {
  return db.query<CommentRow>(
    `SELECT ${COMMENT} FROM person_rating_comments c JOIN company_people p ON p.id = c.person_id
      WHERE p.company_id = $1 AND c.mapping_id = $2 ORDER BY c.created_at, c.id`,
    [companyId, mappingId],
  );
}

export async function insertComment(
  db: Db,
  c: Omit<CommentRow, 'createdAt'> & { authorUserId: string },
): Promise<void> {
  await db.query(
    `INSERT INTO person_rating_comments (id, person_id, mapping_id, competence_key, comment, author_user_id)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [c.id, c.personId, c.mappingId, c.competenceKey, c.comment, c.authorUserId],
  );
}

// ---------------------------------------------------------------- the employee's own ratings

export interface OwnRatingRow {
  personId: string;
  companyId: string;
  companyName: string;
  mappingId: string;
  instrumentId: string;
  roundNameSv: string;
  roundNameEn: string;
  roleTitle: string;
  competenceKey: string;
  competenceId: string | null;
  competenceText: string | null;
  level: number;
  ratedAt: Date;
}

/** The ratings of the people linked to the user, in companies where the user is a participant. */
export async function ownRatings(db: Db, userId: string, companyIds: string[]): Promise<OwnRatingRow[]> {
  if (companyIds.length === 0) return [];
  return db.query<OwnRatingRow>(
    `SELECT p.id AS "personId", p.company_id AS "companyId", c.name AS "companyName", r.mapping_id AS "mappingId",
            m.instrument_id AS "instrumentId", mr.name_sv AS "roundNameSv", mr.name_en AS "roundNameEn",
            p.role_title AS "roleTitle", r.competence_key AS "competenceKey", r.competence_id AS "competenceId",
            r.competence_text AS "competenceText", r.level, r.rated_at AS "ratedAt"
       FROM company_people p
       JOIN person_ratings r ON r.person_id = p.id
       JOIN mappings m ON m.id = r.mapping_id AND m.company_id = p.company_id
       JOIN mapping_rounds mr ON mr.id = m.round_id
       JOIN companies c ON c.id = p.company_id
      WHERE p.user_id = $1 AND p.company_id = ANY($2::uuid[])
      ORDER BY c.name, mr.position, m.started_at, r.competence_key`,
    [userId, companyIds],
  );
}

/** The comments on the user's own ratings. */
export async function ownComments(db: Db, userId: string, companyIds: string[]): Promise<CommentRow[]> {
  if (companyIds.length === 0) return [];
  return db.query<CommentRow>(
    `SELECT ${COMMENT} FROM person_rating_comments c JOIN company_people p ON p.id = c.person_id
      WHERE p.user_id = $1 AND p.company_id = ANY($2::uuid[]) ORDER BY c.created_at, c.id`,
    [userId, companyIds],
  );
}

/** Whether the rating exists and belongs to a person linked to the user in one of the companies. */
export async function isOwnRating(
  db: Db,
  userId: string,
  companyIds: string[],
  key: { personId: string; mappingId: string; competenceKey: string },
): Promise<boolean> {
  if (companyIds.length === 0) return false;
  const rows = await db.query(
    `SELECT 1 FROM person_ratings r JOIN company_people p ON p.id = r.person_id
      WHERE r.person_id = $1 AND r.mapping_id = $2 AND r.competence_key = $3
        AND p.user_id = $4 AND p.company_id = ANY($5::uuid[])`,
    [key.personId, key.mappingId, key.competenceKey, userId, companyIds],
  );
  return rows.length > 0;
}
