// The learner's credentials (list, download, share) and the issuer's (list, revoke). Sharing is refused for
// an ESF participant with a protected identity; the public page checks the flag again on every request.
import { audit } from '../../../platform/audit.ts';
import type { Actor } from '../../../platform/auth.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { issuerScope } from '../policy.ts';
import * as repo from '../repo-credentials.ts';

export type Credential = repo.CredentialRow & { status: 'active' | 'revoked'; shared: boolean };

const view = (r: repo.CredentialRow): Credential => ({
  ...r,
  status: r.revokedAt ? 'revoked' : 'active',
  shared: r.sharedAt !== null && r.revokedAt === null,
});

export interface MyCredentials {
  credentials: Credential[];
  /** Sharing is not possible at all (ESF participant with a protected identity). */
  protectedIdentity: boolean;
}

export async function myCredentials(db: Db, actor: Actor): Promise<MyCredentials> {
  const [rows, protectedIdentity] = await Promise.all([
    repo.listForUser(db, actor.userId),
    repo.hasProtectedIdentity(db, actor.userId),
  ]);
  return { credentials: rows.map(view), protectedIdentity };
}

export async function myCredential(db: Db, actor: Actor, id: string): Promise<Credential> {
  const row = await repo.getForUser(db, actor.userId, id);
  if (!row) throw new AppError('NOT_FOUND');
  return view(row);
}

/** The signed document and VC-JWT of the learner's own credential. */
export async function myDocument(db: Db, actor: Actor, id: string) {
  const row = await myCredential(db, actor, id);
  const doc = await repo.documentOf(db, row.id);
  if (!doc) throw new AppError('NOT_FOUND');
  return { credential: row, ...doc };
}

/** A file name for a download: the achievement's name in ASCII, and the credential's id. */
export function fileName(c: { id: string; name: string }, ext: string): string {
  const slug = c.name
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .replace(/\s+/g, '-')
    .toLowerCase()
    .slice(0, 60);
  return `${slug || 'credential'}-${c.id.slice(0, 8)}.${ext}`;
}

export async function setSharing(
  db: Db,
  ctx: { actor: Actor; ip: string | null },
  id: string,
  shared: boolean,
): Promise<Credential> {
  const current = await myCredential(db, ctx.actor, id);
  if (shared && (await repo.hasProtectedIdentity(db, ctx.actor.userId)))
    throw new AppError('FORBIDDEN', 'credentials.share.protected');
  if (shared && current.status === 'revoked') throw new AppError('CONFLICT', 'credentials.share.revoked');
  await db.tx(async (tx) => {
    await repo.setShared(tx, ctx.actor.userId, id, shared);
    await audit(tx, {
      actorUserId: ctx.actor.userId,
      action: shared ? 'credentials.shared' : 'credentials.unshared',
      entityType: 'credential',
      entityId: id,
      organisationId: current.organisationId,
      ip: ctx.ip,
    });
  });
  return myCredential(db, ctx.actor, id);
}

export async function issuedCredentials(db: Db, actor: Actor): Promise<Credential[]> {
  return (await repo.listIssued(db, issuerScope(actor))).map(view);
}

export async function revokeCredential(
  db: Db,
  ctx: { actor: Actor; ip: string | null },
  id: string,
  reason: string,
): Promise<Credential> {
  const scope = issuerScope(ctx.actor);
  const row = await repo.getIssued(db, scope, id);
  if (!row) throw new AppError('NOT_FOUND');
  if (row.revokedAt) throw new AppError('CONFLICT', 'credentials.revoke.already');
  await db.tx(async (tx) => {
    if (!(await repo.revoke(tx, id, ctx.actor.userId, reason)))
      throw new AppError('CONFLICT', 'credentials.revoke.already');
    // The reason stays in the table: it may concern the learner.
    await audit(tx, {
      actorUserId: ctx.actor.userId,
      action: 'credentials.revoked',
      entityType: 'credential',
      entityId: id,
      organisationId: row.organisationId,
      ip: ctx.ip,
    });
  });
  const after = await repo.getIssued(db, scope, id);
  if (!after) throw new AppError('NOT_FOUND');
  return view(after);
}

/** A credential for the public verification page and JSON, or NOT_FOUND (not shared, revoked, protected). */
export async function publicCredential(db: Db, id: string) {
  const row = await repo.publicCredential(db, id);
  if (!row) throw new AppError('NOT_FOUND');
  const { document, ...rest } = row;
  return { credential: view(rest), document };
}

/** The demo seed shares one credential publicly. */
export async function shareCredentialForDemo(db: Db, credentialId: string): Promise<void> {
  await repo.shareForDemo(db, credentialId);
}
