// The full personnummer leaves its table only on an explicit act, and every such act is audited: an ESF
// administrator's reveal on the participant page, and the documents that must carry it (the SCB file, the
// time certificate PDF, a person's own data export, the encrypted archive export). Key rotation re-seals.
import { audit } from '../../../platform/audit.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { type Keyring, lookupHash, seal, unseal } from '../../../platform/secrets.ts';
import { isEsfAdmin } from '../policy.ts';
import * as repo from '../repo-participants.ts';
import { currentProgramme, type WriteCtx } from './programme.ts';

/** The documents allowed to carry full numbers. */
export type IdentityDocument = 'scb_file' | 'certificate_pdf' | 'own_data_export' | 'archive_export';

/** Reveal one participant's number to an ESF administrator; audited. */
export async function revealIdentity(db: Db, keyring: Keyring, ctx: WriteCtx, id: string): Promise<string> {
  if (!isEsfAdmin(ctx.actor)) throw new AppError('FORBIDDEN');
  const p = await currentProgramme(db, ctx.actor);
  const row = await repo.findParticipant(db, p.id, id);
  if (!row) throw new AppError('NOT_FOUND');
  const [sealed] = await repo.sealedIdentities(db, [id]);
  if (!sealed) throw new AppError('NOT_FOUND');
  const value = unseal(keyring, sealed.keyId, sealed.sealed, id);
  await audit(db, {
    actorUserId: ctx.actor.userId,
    action: 'esf.identity.reveal',
    entityType: 'esf_participant',
    entityId: id,
    ip: ctx.ip,
  });
  return value;
}

/**
 * Full numbers for a document that must carry them, by participant id; one audit row names the document,
 * its reference and how many numbers it holds. The caller has checked access to the document.
 */
export async function identitiesForDocument(
  db: Db,
  keyring: Keyring,
  ctx: { actorUserId: string | null; ip: string | null },
  doc: { kind: IdentityDocument; reference: string },
  participantIds: string[],
): Promise<Map<string, string>> {
  const rows = await repo.sealedIdentities(db, participantIds);
  const out = new Map<string, string>();
  for (const r of rows) out.set(r.participantId, unseal(keyring, r.keyId, r.sealed, r.participantId));
  await audit(db, {
    actorUserId: ctx.actorUserId,
    action: `esf.identity.document.${doc.kind}`,
    entityType: 'esf_document',
    entityId: doc.reference,
    ip: ctx.ip,
    details: { numbers: out.size },
  });
  return out;
}

/**
 * Re-seal every identity under the key ring's current key and recompute its keyed hash (after adding a new
 * key at the top of the ring). Returns how many rows moved. Old keys can be removed from the ring after.
 */
export async function resealAll(db: Db, keyring: Keyring): Promise<number> {
  const ids = await repo.allIdentityIds(db);
  let moved = 0;
  for (let i = 0; i < ids.length; i += 200) {
    const batch = await repo.sealedIdentities(db, ids.slice(i, i + 200));
    await db.tx(async (tx) => {
      for (const r of batch) {
        if (r.keyId === keyring.currentId) continue;
        const value = unseal(keyring, r.keyId, r.sealed, r.participantId);
        const s = seal(keyring, value, r.participantId);
        await repo.updateSealed(tx, r.participantId, {
          keyId: s.keyId,
          sealed: s.sealed,
          lookupHash: lookupHash(keyring, s.keyId, value),
        });
        moved++;
      }
    });
  }
  if (moved > 0)
    await audit(db, {
      actorUserId: null,
      action: 'esf.identity.reseal',
      entityType: 'esf_identities',
      details: { moved },
    });
  return moved;
}
