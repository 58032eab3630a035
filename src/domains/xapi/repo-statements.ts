// Statements, attachments and canonical activities of the LRS (every query scoped to the caller's region).
import type { Db, SqlParam } from '../../platform/db.ts';
import type { JsonObject } from './formats.ts';

export interface StatementRow {
  id: string;
  seq: number;
  statement: JsonObject;
  voided: boolean;
  is_voiding: boolean;
}

export interface NewStatement {
  id: string;
  statement: JsonObject;
  stored: string;
  isVoiding: boolean;
  refTarget: string | null;
  actorKey: string;
  objectAgentKey: string | null;
  verbId: string;
  activityId: string | null;
  registration: string | null;
  relatedAgents: string[];
  relatedActivities: string[];
  clientId: string | null;
}

export async function findStatements(db: Db, regionId: string, ids: string[]): Promise<StatementRow[]> {
  if (ids.length === 0) return [];
  return db.query<StatementRow>(
    `SELECT id, seq, statement, voided, is_voiding FROM xapi_statements WHERE region_id = $1 AND id = ANY($2::uuid[])`,
    [regionId, ids],
  );
}

export async function insertStatement(db: Db, regionId: string, s: NewStatement): Promise<void> {
  await db.query(
    `INSERT INTO xapi_statements (region_id, id, statement, stored, is_voiding, ref_target, actor_key,
       object_agent_key, verb_id, activity_id, registration, related_agents, related_activities, client_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
    [
      regionId,
      s.id,
      JSON.stringify(s.statement),
      s.stored,
      s.isVoiding,
      s.refTarget,
      s.actorKey,
      s.objectAgentKey,
      s.verbId,
      s.activityId,
      s.registration,
      s.relatedAgents,
      s.relatedActivities,
      s.clientId,
    ],
  );
}

/** Void a statement (never a voiding statement). */
export async function voidStatement(db: Db, regionId: string, id: string): Promise<void> {
  await db.query(
    `UPDATE xapi_statements SET voided = true WHERE region_id = $1 AND id = $2 AND NOT is_voiding`,
    [regionId, id],
  );
}

export interface StatementFilter {
  agent: string | null;
  relatedAgents: boolean;
  verb: string | null;
  activity: string | null;
  relatedActivities: boolean;
  registration: string | null;
  since: string | null;
  until: string | null;
  ascending: boolean;
  /** The cursor: rows after this seq in the chosen order. */
  after: number | null;
  limit: number;
}

/**
 * The statements matching a filter, plus those referring to a match through a StatementRef (Data 2.5),
 * never voided ones; in storage order (newest first unless ascending), `limit + 1` rows to detect more.
 */
export async function queryStatements(db: Db, regionId: string, f: StatementFilter): Promise<StatementRow[]> {
  const params: SqlParam[] = [regionId];
  const where: string[] = ['region_id = $1'];
  const p = (v: SqlParam) => {
    params.push(v);
    return `$${params.length}`;
  };
  if (f.agent)
    where.push(
      f.relatedAgents
        ? `${p(f.agent)} = ANY(related_agents)`
        : `(actor_key = ${p(f.agent)} OR object_agent_key = $${params.length})`,
    );
  if (f.verb) where.push(`verb_id = ${p(f.verb)}`);
  if (f.activity)
    where.push(
      f.relatedActivities ? `${p(f.activity)} = ANY(related_activities)` : `activity_id = ${p(f.activity)}`,
    );
  if (f.registration) where.push(`registration = ${p(f.registration)}::uuid`);
  const outer: string[] = ['s.region_id = $1', 'NOT s.voided'];
  if (f.since) outer.push(`s.stored > ${p(f.since)}::timestamptz`);
  if (f.until) outer.push(`s.stored <= ${p(f.until)}::timestamptz`);
  if (f.after !== null) outer.push(`s.seq ${f.ascending ? '>' : '<'} ${p(f.after)}`);
  const limit = p(f.limit + 1);
  const order = f.ascending ? 'ASC' : 'DESC';
  const filtered = where.length > 1;
  const source = filtered
    ? `WITH RECURSIVE m(id) AS (
         SELECT id FROM xapi_statements WHERE ${where.join(' AND ')}
         UNION
         SELECT r.id FROM xapi_statements r JOIN m ON r.region_id = $1 AND r.ref_target = m.id
       )
       SELECT s.id, s.seq, s.statement, s.voided, s.is_voiding FROM xapi_statements s JOIN m ON m.id = s.id`
    : 'SELECT s.id, s.seq, s.statement, s.voided, s.is_voiding FROM xapi_statements s';
  return db.query<StatementRow>(
    `${source} WHERE ${outer.join(' AND ')} ORDER BY s.seq ${order} LIMIT ${limit}`,
    params,
  );
}

export async function insertAttachment(
  db: Db,
  regionId: string,
  sha2: string,
  contentType: string,
  content: Uint8Array,
): Promise<void> {
  await db.query(
    `INSERT INTO xapi_attachments (region_id, sha2, content_type, content) VALUES ($1, $2, $3, $4)
     ON CONFLICT (region_id, sha2) DO NOTHING`,
    [regionId, sha2, contentType, content],
  );
}

export async function findAttachments(
  db: Db,
  regionId: string,
  sha2s: string[],
): Promise<{ sha2: string; content_type: string; content: Uint8Array }[]> {
  if (sha2s.length === 0) return [];
  return db.query(
    `SELECT sha2, content_type, content FROM xapi_attachments WHERE region_id = $1 AND sha2 = ANY($2::text[])`,
    [regionId, sha2s],
  );
}

/** Keep the latest definition of an activity, merging its language maps with what was known. */
export async function upsertActivity(
  db: Db,
  regionId: string,
  id: string,
  definition: JsonObject,
): Promise<void> {
  await db.query(
    `INSERT INTO xapi_activities (region_id, activity_id, definition) VALUES ($1, $2, $3::jsonb)
     ON CONFLICT (region_id, activity_id) DO UPDATE SET
       definition = xapi_activities.definition || EXCLUDED.definition
         || jsonb_strip_nulls(jsonb_build_object(
              'name', CASE WHEN EXCLUDED.definition ? 'name'
                THEN coalesce(xapi_activities.definition->'name', '{}') || (EXCLUDED.definition->'name') END,
              'description', CASE WHEN EXCLUDED.definition ? 'description'
                THEN coalesce(xapi_activities.definition->'description', '{}') || (EXCLUDED.definition->'description') END)),
       updated = now()`,
    [regionId, id, JSON.stringify(definition)],
  );
}

export async function findActivity(db: Db, regionId: string, id: string): Promise<JsonObject | null> {
  const rows = await db.query<{ definition: JsonObject }>(
    'SELECT definition FROM xapi_activities WHERE region_id = $1 AND activity_id = $2',
    [regionId, id],
  );
  return rows[0]?.definition ?? null;
}

/** The region of a product user (for the product's own statements): their first membership's region. */
export async function regionOfUser(db: Db, userId: string): Promise<string | null> {
  const rows = await db.query<{ region_id: string }>(
    `SELECT coalesce(o.region_id, c.region_id) AS region_id
       FROM memberships m
       LEFT JOIN organisations o ON o.id = m.organisation_id
       LEFT JOIN companies c ON c.id = m.company_id
      WHERE m.user_id = $1 AND coalesce(o.region_id, c.region_id) IS NOT NULL
      ORDER BY m.created_at, m.id LIMIT 1`,
    [userId],
  );
  return rows[0]?.region_id ?? null;
}

/** The installation's first region (when a statement's actor has no membership). */
export async function firstRegion(db: Db): Promise<string | null> {
  const rows = await db.query<{ id: string }>(
    `SELECT id FROM organisations WHERE kind = 'region' ORDER BY created_at, id LIMIT 1`,
  );
  return rows[0]?.id ?? null;
}
