// Gallring: decisions per record type, the daily scan that proposes disposals, and the confirmation that
// recomputes the cutoff, seals the archive export and deletes the covered rows in one transaction.
import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';
import { audit } from '../../../platform/audit.ts';
import { type Actor, membershipsWith } from '../../../platform/auth.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError, validation } from '../../../platform/errors.ts';
import { type Keyring, seal, unseal } from '../../../platform/secrets.ts';
import * as repo from '../repo-retention.ts';
import { type RecordType, recordType, recordTypes } from './retention-types.ts';

export interface WriteCtx {
  actor: Actor;
  ip: string | null;
}

/** The regions whose gallring an actor administers (region administrators). */
export function retentionRegions(actor: Actor): string[] {
  return [...new Set(membershipsWith(actor, 'region_admin').map((m) => m.regionId))];
}

function regionsOrForbid(actor: Actor): string[] {
  const regions = retentionRegions(actor);
  if (regions.length === 0) throw new AppError('FORBIDDEN');
  return regions;
}

export interface RetentionOverview {
  types: { key: string; referenceDate: string; current: repo.DecisionRow | null }[];
  decisions: repo.DecisionRow[];
  proposals: repo.ProposalRow[];
}

export async function retentionOverview(db: Db, actor: Actor): Promise<RetentionOverview> {
  const regions = regionsOrForbid(actor);
  const decisions = await repo.listDecisions(db, regions);
  return {
    types: recordTypes.map((t) => ({
      key: t.key,
      referenceDate: t.referenceDate,
      current: decisions.find((d) => d.recordType === t.key && d.supersededAt === null) ?? null,
    })),
    decisions,
    proposals: await repo.listProposals(db, regions),
  };
}

export interface DecisionInput {
  recordType: string;
  reference: string;
  decidedOn: string;
  retentionMonths: number;
  archiveIdentities: boolean;
}

/** Record a decision for the actor's (first) region; the previous one of the type is superseded. */
export async function recordDecision(db: Db, ctx: WriteCtx, input: DecisionInput): Promise<string> {
  const [regionId] = regionsOrForbid(ctx.actor) as [string];
  if (!recordType(input.recordType))
    throw validation([{ field: 'recordType', message: 'validation.choice' }]);
  const id = randomUUID();
  await db.tx(async (tx) => {
    await repo.insertDecision(tx, { id, regionId, ...input, recordedBy: ctx.actor.userId });
    await audit(tx, {
      actorUserId: ctx.actor.userId,
      action: 'privacy.retention.decide',
      entityType: 'retention_decision',
      entityId: id,
      organisationId: regionId,
      ip: ctx.ip,
      details: { recordType: input.recordType, retentionMonths: input.retentionMonths },
    });
  });
  return id;
}

/** The daily scan: one open proposal per region and type whose current decision's period has passed. */
export async function scanRetention(db: Db): Promise<number> {
  let created = 0;
  for (const d of await repo.currentDecisions(db)) {
    const type = recordType(d.recordType);
    if (!type) continue;
    const cutoff = await repo.cutoffOf(db, d.retentionMonths);
    const ids = await repo.rootIds(db, type.roots, d.regionId, cutoff);
    if (ids.length === 0) continue;
    const made = await repo.insertProposal(db, {
      id: randomUUID(),
      regionId: d.regionId,
      recordType: d.recordType,
      decisionId: d.id,
      cutoff,
      count: ids.length,
    });
    if (made) created++;
  }
  return created;
}

export async function getProposal(db: Db, actor: Actor, id: string): Promise<repo.ProposalRow> {
  const row = await repo.findProposal(db, id, regionsOrForbid(actor));
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

/** A pseudonym stable within one archive (same value, same pseudonym) and unlinkable across archives. */
function pseudonymiser(): (v: unknown) => unknown {
  const salt = randomBytes(32);
  return (v) =>
    v === null || v === undefined
      ? v
      : `P-${createHmac('sha256', salt).update(JSON.stringify(v)).digest('hex').slice(0, 12)}`;
}

function plain(v: unknown): unknown {
  if (v instanceof Uint8Array) return { base64: Buffer.from(v).toString('base64') };
  if (v instanceof Date) return v.toISOString();
  return v;
}

async function buildArchive(
  db: Db,
  a: { type: RecordType; ids: string[]; decision: repo.DecisionRow; proposalId: string; cutoff: Date },
): Promise<string> {
  const pseudo = pseudonymiser();
  const tables = [];
  for (const t of a.type.tables) {
    const rows = await repo.coveredRows(db, t.table, t.where, a.ids);
    const keep = a.decision.archiveIdentities;
    tables.push({
      table: t.table,
      columns: await repo.columnsOf(db, t.table),
      identityColumns: t.identities,
      identities: keep ? 'included' : 'pseudonymised',
      rows: rows.map((r) =>
        Object.fromEntries(
          Object.entries(r).map(([k, v]) => [k, !keep && t.identities.includes(k) ? pseudo(v) : plain(v)]),
        ),
      ),
    });
  }
  return JSON.stringify({
    format: 'kompetensnavet-disposal-archive/1',
    proposalId: a.proposalId,
    regionId: a.decision.regionId,
    recordType: a.type.key,
    referenceDate: a.type.referenceDate,
    decision: {
      reference: a.decision.reference,
      decidedOn: a.decision.decidedOn,
      retentionMonths: a.decision.retentionMonths,
      archiveIdentities: a.decision.archiveIdentities,
    },
    period: { recordsBefore: a.cutoff.toISOString() },
    count: a.ids.length,
    exportedAt: new Date().toISOString(),
    tables,
  });
}

export const archiveAad = (proposalId: string) => `disposal-archive:${proposalId}`;

/**
 * Confirm a proposal: recompute the cutoff from the current decision now, seal the archive export of the
 * records before it and delete them, all in one transaction; audited.
 */
export async function confirmProposal(
  db: Db,
  keyring: Keyring,
  ctx: WriteCtx,
  id: string,
): Promise<{ deleted: number }> {
  const regions = regionsOrForbid(ctx.actor);
  return db.tx(async (tx) => {
    const p = await repo.findProposal(tx, id, regions, true);
    if (!p) throw new AppError('NOT_FOUND');
    if (p.status !== 'proposed') throw new AppError('CONFLICT', 'privacy.retention.notOpen');
    const decision = await repo.currentDecision(tx, p.regionId, p.recordType);
    const type = recordType(p.recordType);
    if (!decision || !type) throw new AppError('CONFLICT', 'privacy.retention.noDecision');
    const cutoff = await repo.cutoffOf(tx, decision.retentionMonths);
    const ids = await repo.rootIds(tx, type.roots, p.regionId, cutoff);
    await repo.markConfirmed(tx, {
      id,
      userId: ctx.actor.userId,
      decisionId: decision.id,
      cutoff,
      count: ids.length,
    });
    const json = await buildArchive(tx, { type, ids, decision, proposalId: id, cutoff });
    const sealed = seal(keyring, json, archiveAad(id));
    await repo.insertArchive(tx, {
      id: randomUUID(),
      proposalId: id,
      keyId: sealed.keyId,
      sealed: sealed.sealed,
      sha256: createHash('sha256').update(json).digest('hex'),
      count: ids.length,
      by: ctx.actor.userId,
    });
    let deleted = 0;
    for (const t of type.tables) deleted += await repo.deleteCovered(tx, t.table, t.where, ids);
    await repo.markDone(tx, id, ids.length);
    await audit(tx, {
      actorUserId: ctx.actor.userId,
      action: 'privacy.retention.dispose',
      entityType: 'disposal_proposal',
      entityId: id,
      organisationId: p.regionId,
      ip: ctx.ip,
      details: { recordType: p.recordType, decision: decision.reference, records: ids.length, rows: deleted },
    });
    return { deleted: ids.length };
  });
}

export async function rejectProposal(db: Db, ctx: WriteCtx, id: string, reason: string): Promise<void> {
  const regions = regionsOrForbid(ctx.actor);
  await db.tx(async (tx) => {
    const p = await repo.findProposal(tx, id, regions, true);
    if (!p) throw new AppError('NOT_FOUND');
    if (p.status !== 'proposed') throw new AppError('CONFLICT', 'privacy.retention.notOpen');
    await repo.markRejected(tx, id, ctx.actor.userId, reason);
    await audit(tx, {
      actorUserId: ctx.actor.userId,
      action: 'privacy.retention.reject',
      entityType: 'disposal_proposal',
      entityId: id,
      organisationId: p.regionId,
      ip: ctx.ip,
      details: { recordType: p.recordType },
    });
  });
}

/** The decrypted archive of a done proposal (region admin); every download is audited. */
export async function downloadArchive(
  db: Db,
  keyring: Keyring,
  ctx: WriteCtx,
  id: string,
): Promise<{ json: string; fileName: string }> {
  const p = await getProposal(db, ctx.actor, id);
  const archive = await repo.findArchive(db, p.id);
  if (!archive) throw new AppError('NOT_FOUND');
  const json = unseal(keyring, archive.keyId, Buffer.from(archive.sealed), archiveAad(p.id));
  await audit(db, {
    actorUserId: ctx.actor.userId,
    action: 'privacy.retention.archive.download',
    entityType: 'disposal_archive',
    entityId: archive.id,
    organisationId: p.regionId,
    ip: ctx.ip,
  });
  return { json, fileName: `gallring-${p.recordType}-${p.id.slice(0, 8)}.json` };
}
