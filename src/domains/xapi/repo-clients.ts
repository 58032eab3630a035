// LRS client credentials (HTTP Basic): only the SHA-256 of the secret is stored.
import type { Db } from '../../platform/db.ts';

export type Scope = 'read' | 'write';

export interface ClientRow {
  id: string;
  region_id: string;
  name: string;
  key: string;
  scopes: Scope[];
  created_at: Date;
  revoked_at: Date | null;
  last_used_at: Date | null;
}

const COLS = 'id, region_id, name, key, scopes, created_at, revoked_at, last_used_at';

export async function insertClient(
  db: Db,
  c: {
    id: string;
    regionId: string;
    name: string;
    key: string;
    secretSha256: string;
    scopes: Scope[];
    createdBy: string | null;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO xapi_clients (id, region_id, name, key, secret_sha256, scopes, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [c.id, c.regionId, c.name, c.key, c.secretSha256, c.scopes, c.createdBy],
  );
}

/** The clients of the given regions, newest first. */
export async function listClients(db: Db, regionIds: string[]): Promise<ClientRow[]> {
  return db.query<ClientRow>(
    `SELECT ${COLS} FROM xapi_clients WHERE region_id = ANY($1::uuid[]) ORDER BY created_at DESC, id`,
    [regionIds],
  );
}

export async function findClient(db: Db, regionIds: string[], id: string): Promise<ClientRow | null> {
  const rows = await db.query<ClientRow>(
    `SELECT ${COLS} FROM xapi_clients WHERE region_id = ANY($1::uuid[]) AND id = $2`,
    [regionIds, id],
  );
  return rows[0] ?? null;
}

export async function revokeClient(db: Db, id: string): Promise<void> {
  await db.query('UPDATE xapi_clients SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL', [id]);
}

/** An active client by key, with its secret hash (the service compares it in constant time). */
export async function findActiveClient(
  db: Db,
  key: string,
): Promise<(ClientRow & { secret_sha256: string }) | null> {
  const rows = await db.query<ClientRow & { secret_sha256: string }>(
    `SELECT ${COLS}, secret_sha256 FROM xapi_clients WHERE key = $1 AND revoked_at IS NULL`,
    [key],
  );
  return rows[0] ?? null;
}

/** Remember use, at most once a minute per client. */
export async function touchClient(db: Db, id: string): Promise<void> {
  await db.query(
    `UPDATE xapi_clients SET last_used_at = now()
      WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
    [id],
  );
}
