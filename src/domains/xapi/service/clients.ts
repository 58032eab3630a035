// LRS client credentials: issued and revoked by region administrators (audited), checked on every request.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { audit } from '../../../platform/audit.ts';
import { type Actor, membershipsWith } from '../../../platform/auth.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import type { JsonObject } from '../formats.ts';
import * as repo from '../repo-clients.ts';

export type { ClientRow, Scope } from '../repo-clients.ts';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** The regions whose credentials the actor administers. */
export function adminRegions(actor: Actor): string[] {
  return [...new Set(membershipsWith(actor, 'region_admin').map((m) => m.regionId))];
}

export function listClients(db: Db, actor: Actor): Promise<repo.ClientRow[]> {
  return repo.listClients(db, adminRegions(actor));
}

/** Issue credentials: the secret is returned once and only its SHA-256 is kept. */
export async function createClient(
  db: Db,
  actor: Actor,
  input: { name: string; scopes: repo.Scope[] },
  ip: string,
): Promise<{ client: repo.ClientRow; secret: string }> {
  const regionId = adminRegions(actor)[0];
  if (!regionId) throw new AppError('FORBIDDEN');
  const id = crypto.randomUUID();
  const key = `kn-${randomBytes(9).toString('base64url')}`;
  const secret = randomBytes(32).toString('base64url');
  return db.tx(async (tx) => {
    await repo.insertClient(tx, {
      id,
      regionId,
      name: input.name,
      key,
      secretSha256: sha256(secret),
      scopes: input.scopes,
      createdBy: actor.userId,
    });
    await audit(tx, {
      actorUserId: actor.userId,
      action: 'xapi.client.create',
      entityType: 'xapi_client',
      entityId: id,
      organisationId: regionId,
      ip,
      details: { scopes: input.scopes },
    });
    const client = await repo.findClient(tx, [regionId], id);
    if (!client) throw new AppError('INTERNAL');
    return { client, secret };
  });
}

export async function revokeClient(db: Db, actor: Actor, id: string, ip: string): Promise<repo.ClientRow> {
  return db.tx(async (tx) => {
    const client = await repo.findClient(tx, adminRegions(actor), id);
    if (!client) throw new AppError('NOT_FOUND');
    if (!client.revoked_at) {
      await repo.revokeClient(tx, id);
      await audit(tx, {
        actorUserId: actor.userId,
        action: 'xapi.client.revoke',
        entityType: 'xapi_client',
        entityId: id,
        organisationId: client.region_id,
        ip,
      });
    }
    return (await repo.findClient(tx, [client.region_id], id)) ?? client;
  });
}

export interface LrsClient {
  id: string;
  regionId: string;
  key: string;
  name: string;
  scopes: repo.Scope[];
}

/** The active client of an `Authorization: Basic` header, or null. */
export async function authenticate(db: Db, header: string | undefined): Promise<LrsClient | null> {
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!m?.[1]) return null;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  if (i <= 0) return null;
  const key = decoded.slice(0, i);
  const hash = sha256(decoded.slice(i + 1));
  const row = await repo.findActiveClient(db, key);
  if (!row || !timingSafeEqual(Buffer.from(row.secret_sha256), Buffer.from(hash))) return null;
  await repo.touchClient(db, row.id);
  return { id: row.id, regionId: row.region_id, key: row.key, name: row.name, scopes: row.scopes };
}

/** The authority of statements a client stores: an account agent (homePage the base URL, name the key). */
export function clientAuthority(baseUrl: string, client: LrsClient): JsonObject {
  return { objectType: 'Agent', name: client.name, account: { homePage: baseUrl, name: client.key } };
}

/** The authority of the product's own statements. */
export function productAuthority(baseUrl: string): JsonObject {
  return {
    objectType: 'Agent',
    name: 'Kompetensnavet',
    account: { homePage: baseUrl, name: 'kompetensnavet' },
  };
}
