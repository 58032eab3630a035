// The programme's coaching rules: default planned hours per company, follow-up months after adoption, and
// how meeting notes are shared across organisations. Region admins of the programme's region set them.
import { audit } from '../../../platform/audit.ts';
import type { Actor } from '../../../platform/auth.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import * as repo from '../repo.ts';
import type { RulesInput } from '../schema.ts';
import type { WriteCtx } from './engagements.ts';

export type { ProgrammeRulesRow } from '../repo.ts';

const adminRegions = (actor: Actor) =>
  actor.memberships.filter((m) => m.role === 'region_admin').map((m) => m.regionId);

export async function listRules(db: Db, actor: Actor): Promise<repo.ProgrammeRulesRow[]> {
  const regions = adminRegions(actor);
  if (!regions.length) throw new AppError('FORBIDDEN');
  return repo.listProgrammeRules(db, regions);
}

export async function saveRules(
  db: Db,
  ctx: WriteCtx,
  programmeId: string,
  input: RulesInput,
): Promise<void> {
  const programme = (await listRules(db, ctx.actor)).find((p) => p.id === programmeId);
  if (!programme) throw new AppError('NOT_FOUND');
  await db.tx(async (tx) => {
    await repo.updateProgrammeRules(tx, programmeId, input);
    await audit(tx, {
      actorUserId: ctx.actor.userId,
      action: 'coaching.rules.update',
      entityType: 'programme',
      entityId: programmeId,
      ip: ctx.ip,
      details: { ...input },
    });
  });
}
