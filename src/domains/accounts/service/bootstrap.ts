import { randomUUID } from 'node:crypto';
import { audit } from '../../../platform/audit.ts';
import { newToken } from '../../../platform/auth.ts';
import type { Db } from '../../../platform/db.ts';
import { insertOneTimeToken } from '../repo/tokens.ts';
import * as repo from '../repo.ts';
import { INVITATION_TTL_MINUTES } from './invite-user.ts';

/**
 * The first region administrator of a new region (operators only, from the command line): creates the
 * user if missing, grants region_admin on the region and returns a one-time invitation link to hand over.
 */
export async function bootstrapRegionAdmin(
  db: Db,
  input: { regionId: string; email: string; name: string; baseUrl: string },
): Promise<string> {
  return db.tx(async (tx) => {
    let user = await repo.findUserByEmail(tx, input.email);
    if (!user) {
      const id = randomUUID();
      await repo.insertUser(tx, {
        id,
        email: input.email.trim(),
        name: input.name,
        passwordHash: null,
        locale: 'sv',
      });
      user = await repo.findUserByEmail(tx, input.email);
    }
    if (!user) throw new Error('user was not created');
    await repo.insertMembership(tx, {
      id: randomUUID(),
      userId: user.id,
      role: 'region_admin',
      organisationId: input.regionId,
      companyId: null,
      createdBy: null,
    });
    const { token, hash } = newToken();
    await insertOneTimeToken(tx, {
      hash,
      purpose: 'invitation',
      userId: user.id,
      createdBy: null,
      ttlMinutes: INVITATION_TTL_MINUTES,
    });
    await audit(tx, {
      actorUserId: null,
      action: 'membership.create',
      entityType: 'user',
      entityId: user.id,
      organisationId: input.regionId,
      details: { role: 'region_admin', via: 'command line' },
    });
    return `${input.baseUrl.replace(/\/$/, '')}/invitation/${token}`;
  });
}
