import type { Actor } from '../../../platform/auth.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { canReadOutbox } from '../policy.ts';
import * as repo from '../repo.ts';

export const OUTBOX_PAGE_SIZE = 25;

/** The mail of the regions the actor administers, newest first. */
export async function listOutbox(
  db: Db,
  actor: Actor,
  page: number,
): Promise<{ total: number; rows: repo.OutboxRow[] }> {
  if (!canReadOutbox(actor)) throw new AppError('FORBIDDEN');
  const regionIds = [
    ...new Set(actor.memberships.filter((m) => m.role === 'region_admin').map((m) => m.regionId)),
  ];
  return repo.listOutbox(db, regionIds, { page, pageSize: OUTBOX_PAGE_SIZE });
}
