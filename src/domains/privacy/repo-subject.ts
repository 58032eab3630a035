// The SQL of data-subject requests. It reads (and, for an erasure, changes) other domains' tables: the one
// declared cross-domain path, built only from the constants of the inventory, every value a parameter.
import { randomUUID } from 'node:crypto';
import type { Db } from '../../platform/db.ts';
import { type SubjectTable, subjects } from './inventory.ts';

/** Where a person was found: a source table of people and the row's id. */
export const subjectSources = [
  'users',
  'learners',
  'company_contacts',
  'company_people',
  'coaching_meeting_attendees',
  'esf_participants',
] as const;
export type SubjectSource = (typeof subjectSources)[number];

export interface SubjectRef {
  source: SubjectSource;
  id: string;
}

/** A person as the requests see them: internal ids and lowercased e-mails; never shown as a key. */
export interface Subject extends SubjectRef {
  userId: string | null;
  emails: string[];
  name: string;
  email: string | null;
  regionIds: string[];
}

export interface PersonHit extends SubjectRef {
  name: string;
  email: string | null;
  userId: string | null;
}

const userRegions = `SELECT coalesce(o.region_id, c.region_id) FROM memberships m
    LEFT JOIN organisations o ON o.id = m.organisation_id LEFT JOIN companies c ON c.id = m.company_id
   WHERE m.user_id = u.id
  UNION SELECT c.region_id FROM learners l JOIN companies c ON c.id = l.company_id WHERE l.user_id = u.id
  UNION SELECT p.region_id FROM esf_participants p WHERE p.user_id = u.id`;

/** Per source: the display name, e-mail, user id and region of a row (alias `x`). */
const sourceSql: Record<SubjectSource, string> = {
  users: `SELECT 'users' AS source, u.id, u.name, u.email, u.id AS "userId",
                 ARRAY(SELECT r FROM (${userRegions}) AS rr(r) WHERE r IS NOT NULL) AS "regionIds"
            FROM users u`,
  learners: `SELECT 'learners' AS source, x.id, x.first_name || ' ' || x.last_name AS name, x.email,
                    x.user_id AS "userId", ARRAY[c.region_id] AS "regionIds"
               FROM learners x JOIN companies c ON c.id = x.company_id`,
  company_contacts: `SELECT 'company_contacts' AS source, x.id, x.name, x.email, x.user_id AS "userId",
                            ARRAY[c.region_id] AS "regionIds"
                       FROM company_contacts x JOIN companies c ON c.id = x.company_id`,
  company_people: `SELECT 'company_people' AS source, x.id, x.name, x.email, x.user_id AS "userId",
                          ARRAY[c.region_id] AS "regionIds"
                     FROM company_people x JOIN companies c ON c.id = x.company_id`,
  coaching_meeting_attendees: `SELECT 'coaching_meeting_attendees' AS source, x.id, x.name, x.email,
                                      x.user_id AS "userId", ARRAY[e.region_id] AS "regionIds"
                                 FROM coaching_meeting_attendees x JOIN coaching_meetings m ON m.id = x.meeting_id
                                 JOIN engagements e ON e.id = m.engagement_id`,
  esf_participants: `SELECT 'esf_participants' AS source, x.id, x.first_name || ' ' || x.last_name AS name,
                            x.email, x.user_id AS "userId", ARRAY[x.region_id] AS "regionIds"
                       FROM esf_participants x`,
};
const idColumn: Record<SubjectSource, string> = {
  users: 'u.id',
  learners: 'x.id',
  company_contacts: 'x.id',
  company_people: 'x.id',
  coaching_meeting_attendees: 'x.id',
  esf_participants: 'x.id',
};
const nameColumn: Record<SubjectSource, string> = {
  users: 'u.name',
  learners: "x.first_name || ' ' || x.last_name",
  company_contacts: 'x.name',
  company_people: 'x.name',
  coaching_meeting_attendees: 'x.name',
  esf_participants: "x.first_name || ' ' || x.last_name",
};
const emailColumn = (s: SubjectSource) => (s === 'users' ? 'u.email' : 'x.email');

type Row = SubjectRef & { name: string; email: string | null; userId: string | null; regionIds: string[] };

/** People in the given regions whose e-mail equals `q` (with an @) or whose name contains it. */
export async function searchPeople(db: Db, regionIds: string[], q: string, limit = 50): Promise<PersonHit[]> {
  const byEmail = q.includes('@');
  const value = byEmail ? q.toLowerCase() : `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const parts = subjectSources.map(
    (s) => `SELECT * FROM (${sourceSql[s]}
      WHERE ${byEmail ? `lower(${emailColumn(s)}) = $1` : `${nameColumn[s]} ILIKE $1`}) AS q
      WHERE "regionIds" && $2::uuid[]`,
  );
  const rows = await db.query<Row>(
    `${parts.join(' UNION ALL ')} ORDER BY name, source LIMIT ${Number(limit)}`,
    [value, regionIds],
  );
  return rows.map(({ regionIds: _r, ...hit }) => hit);
}

/** The person behind a source row: their account (if any) and every e-mail address it goes by. */
export async function resolveSubject(db: Db, ref: SubjectRef): Promise<Subject | null> {
  const [row] = await db.query<Row>(`${sourceSql[ref.source]} WHERE ${idColumn[ref.source]} = $1::uuid`, [
    ref.id,
  ]);
  if (!row) return null;
  let userId = row.userId;
  if (!userId && row.email) {
    const [u] = await db.query<{ id: string }>('SELECT id FROM users WHERE lower(email) = lower($1)', [
      row.email,
    ]);
    userId = u?.id ?? null;
  }
  const emails = new Set<string>();
  if (row.email) emails.add(row.email.toLowerCase());
  let regionIds = row.regionIds.filter(Boolean);
  if (userId) {
    const [u] = await db.query<Row>(`${sourceSql.users} WHERE u.id = $1::uuid`, [userId]);
    if (u?.email) emails.add(u.email.toLowerCase());
    regionIds = [...new Set([...regionIds, ...(u?.regionIds ?? []).filter(Boolean)])];
  }
  return {
    source: ref.source,
    id: ref.id,
    userId,
    emails: [...emails],
    name: row.name,
    email: row.email,
    regionIds,
  };
}

const params = (s: Subject) => [s.userId, s.emails];
/** A table's condition that binds both parameters even when it uses one (PostgreSQL refuses unused ones). */
export const condition = (where: string): string =>
  `(${where}) AND ($1::uuid IS NULL OR $1::uuid IS NOT NULL) AND cardinality($2::text[]) >= 0`;

/** Rows of one table about the person, secrets left out, as JSON objects. */
export async function rowsOf(db: Db, t: SubjectTable, s: Subject): Promise<Record<string, unknown>[]> {
  const rows = await db.query<{ row: Record<string, unknown> }>(
    `SELECT to_jsonb(t) - $3::text[] AS row FROM ${t.table} t WHERE ${condition(t.where)}`,
    [...params(s), t.secret ?? []],
  );
  return rows.map((r) => r.row);
}

export interface TableCount {
  table: string;
  rows: number;
  /** Rows the erasure would change (`eraseWhere`), the rest are kept. */
  erasable: number;
}

/** How many rows about the person each table holds (one statement). */
export async function countRows(db: Db, s: Subject): Promise<TableCount[]> {
  const parts = subjects.map(
    (t) => `SELECT '${t.table}' AS "table",
      (SELECT count(*)::int FROM ${t.table} WHERE (${t.where})) AS rows,
      (SELECT count(*)::int FROM ${t.table} WHERE (${t.eraseWhere ?? t.where})) AS erasable`,
  );
  return db.query<TableCount>(parts.join(' UNION ALL '), params(s));
}

export interface ErasureOutcome {
  table: string;
  action: 'delete' | 'anonymise' | 'keep';
  rows: number;
}

/** Erase, anonymise or keep each table's rows about the person; call inside a transaction. */
export async function eraseRows(db: Db, s: Subject): Promise<ErasureOutcome[]> {
  const out: ErasureOutcome[] = [];
  for (const t of subjects) {
    const where = condition(t.eraseWhere ?? t.where);
    const e = t.erasure;
    let sql = `SELECT count(*)::int AS n FROM ${t.table} WHERE ${condition(t.where)}`;
    if (e.action === 'delete')
      sql = `WITH d AS (DELETE FROM ${t.table} WHERE ${where} RETURNING 1) SELECT count(*)::int AS n FROM d`;
    if (e.action === 'anonymise') {
      const set = Object.entries(e.set)
        .map(([col, expr]) => `${col} = ${expr}`)
        .join(', ');
      sql = `WITH d AS (UPDATE ${t.table} SET ${set} WHERE ${where} RETURNING 1) SELECT count(*)::int AS n FROM d`;
    }
    const [row] = await db.query<{ n: number }>(sql, params(s));
    out.push({ table: t.table, action: e.action, rows: row?.n ?? 0 });
  }
  return out;
}

export interface RequestRow {
  id: string;
  kind: 'export' | 'erasure';
  channel: 'admin' | 'self';
  subjectSource: string;
  subjectUserId: string | null;
  format: string | null;
  outcome: Record<string, { action: string; rows: number }>;
  handledByName: string | null;
  createdAt: Date;
}

export async function insertRequest(
  db: Db,
  r: {
    regionId: string | null;
    kind: 'export' | 'erasure';
    channel: 'admin' | 'self';
    subject: Subject;
    format: 'json' | 'pdf' | null;
    reason: string;
    outcome: Record<string, { action: string; rows: number }>;
    handledBy: string;
  },
): Promise<string> {
  const id = randomUUID();
  await db.query(
    `INSERT INTO data_subject_requests (id, region_id, kind, status, channel, subject_source, subject_row_id,
       subject_user_id, format, reason, outcome, handled_by)
     VALUES ($1, $2, $3, 'completed', $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      id,
      r.regionId,
      r.kind,
      r.channel,
      r.subject.source,
      r.subject.id,
      r.subject.userId,
      r.format,
      r.reason,
      JSON.stringify(r.outcome),
      r.handledBy,
    ],
  );
  return id;
}

/** The request log of the given regions, newest first. */
export async function listRequests(db: Db, regionIds: string[], limit = 100): Promise<RequestRow[]> {
  return db.query<RequestRow>(
    `SELECT r.id, r.kind, r.channel, r.subject_source AS "subjectSource", r.subject_user_id AS "subjectUserId",
            r.format, r.outcome, u.name AS "handledByName", r.created_at AS "createdAt"
       FROM data_subject_requests r LEFT JOIN users u ON u.id = r.handled_by
      WHERE r.region_id = ANY($1::uuid[])
      ORDER BY r.created_at DESC, r.id LIMIT $2`,
    [regionIds, limit],
  );
}
