import { randomUUID } from 'node:crypto';
import { audit } from '../../../platform/audit.ts';
import { type Actor, newToken } from '../../../platform/auth.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import * as repo from '../repo.ts';
import type { ApiTokenForm } from '../schema.ts';

export const MAX_ACTIVE_TOKENS = 20;
const PREFIX_LENGTH = 8;

export function listApiTokens(db: Db, actor: Actor): Promise<repo.ApiTokenRow[]> {
  return repo.listApiTokens(db, actor.userId);
}

/** Create a personal token; the secret is returned once and only its hash is stored. */
export async function createApiToken(
  db: Db,
  actor: Actor,
  input: ApiTokenForm,
  ip: string,
): Promise<{ id: string; token: string }> {
  if ((await repo.countActiveApiTokens(db, actor.userId)) >= MAX_ACTIVE_TOKENS)
    throw new AppError('VALIDATION', 'VALIDATION', [
      { field: 'name', message: 'tokens.tooMany', params: { max: MAX_ACTIVE_TOKENS } },
    ]);
  const { token, hash } = newToken();
  const id = randomUUID();
  await db.tx(async (tx) => {
    await repo.insertApiToken(tx, {
      id,
      userId: actor.userId,
      name: input.name,
      hash,
      prefix: token.slice(0, PREFIX_LENGTH),
      expiresInDays: input.expiresInDays,
    });
    await audit(tx, {
      actorUserId: actor.userId,
      action: 'api_token.create',
      entityType: 'api_token',
      entityId: id,
      ip,
      details: { name: input.name, expiresInDays: input.expiresInDays },
    });
  });
  return { id, token };
}

/** Revoke one of the actor's own tokens; anyone else's (or an unknown id) answers NOT_FOUND. */
export async function revokeApiToken(db: Db, actor: Actor, id: string, ip: string): Promise<void> {
  await db.tx(async (tx) => {
    const name = await repo.revokeApiToken(tx, actor.userId, id);
    if (name === null) throw new AppError('NOT_FOUND');
    await audit(tx, {
      actorUserId: actor.userId,
      action: 'api_token.revoke',
      entityType: 'api_token',
      entityId: id,
      ip,
      details: { name },
    });
  });
}
