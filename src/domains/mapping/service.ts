import { randomUUID } from 'node:crypto';
import { audit } from '../../platform/audit.ts';
import type { Actor } from '../../platform/auth.ts';
import { type Db, isUniqueViolation } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { toFieldErrors } from '../../platform/http/forms.ts';
import { type InstrumentDefinition, instrumentDefinition } from './instrument/schema.ts';
import { commonMethodV1 } from './instrument/v1.ts';
import { canEditInstrument, canManageInstruments, canReadInstrument, draftRegionsOf } from './policy.ts';
import * as repo from './repo.ts';

export type { InstrumentRow, InstrumentStatus, InstrumentSummary } from './repo.ts';

/** Validate a definition, or VALIDATION with field errors (paths such as `sections.0.questions.2.key`). */
export function parseDefinition(input: unknown): InstrumentDefinition {
  const parsed = instrumentDefinition.safeParse(input);
  if (!parsed.success) throw new AppError('VALIDATION', 'VALIDATION', toFieldErrors(parsed.error));
  return parsed.data;
}

/**
 * Make sure version 1 of the national common method is stored and published. Idempotent (also when two
 * processes start at once); returns its id.
 */
export async function ensureCommonInstrument(db: Db): Promise<string> {
  const definition = parseDefinition(commonMethodV1);
  const existing = await repo.findNational(db, definition.key, definition.version);
  if (existing) return existing.id;
  const id = randomUUID();
  try {
    await db.tx(async (tx) => {
      await repo.insertInstrument(tx, {
        id,
        regionId: null,
        key: definition.key,
        version: definition.version,
        status: 'published',
        definition,
        createdBy: null,
      });
      await audit(tx, {
        actorUserId: null,
        action: 'mapping_instrument.publish',
        entityType: 'mapping_instrument',
        entityId: id,
        details: { key: definition.key, version: definition.version, national: true },
      });
    });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    const raced = await repo.findNational(db, definition.key, definition.version);
    if (!raced) throw err;
    return raced.id;
  }
  return id;
}

/** The national instruments and those of the actor's regions (drafts only for the region's admins). */
export async function listInstruments(db: Db, actor: Actor): Promise<repo.InstrumentSummary[]> {
  if (!canReadInstrument(actor, { regionId: null, status: 'published' })) throw new AppError('FORBIDDEN');
  const regionIds = [...new Set(actor.memberships.map((m) => m.regionId))];
  return repo.listVisible(db, regionIds, draftRegionsOf(actor));
}

/** One instrument the actor may read, or NOT_FOUND (also for another region's). */
export async function getInstrument(db: Db, actor: Actor, id: string): Promise<repo.InstrumentRow> {
  const row = await findReadable(db, actor, id);
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

async function findReadable(db: Db, actor: Actor, id: string): Promise<repo.InstrumentRow | null> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return null;
  const row = await repo.findById(db, id);
  return row && canReadInstrument(actor, row) ? row : null;
}

/**
 * Start a new version: copy a readable instrument (national or the region's own) into a draft of the
 * actor's region. Its version number is one above the highest of that key among the national instruments
 * and the region's own, so a region's versions continue the national numbering.
 */
export async function copyToDraft(
  db: Db,
  actor: Actor,
  id: string,
  ip: string | null = null,
): Promise<string> {
  if (!canManageInstruments(actor)) throw new AppError('FORBIDDEN');
  const source = await findReadable(db, actor, id);
  if (!source) throw new AppError('NOT_FOUND');
  const adminRegions = draftRegionsOf(actor);
  const regionId =
    source.regionId && adminRegions.includes(source.regionId) ? source.regionId : (adminRegions[0] as string);
  const newId = randomUUID();
  try {
    await db.tx(async (tx) => {
      const version = (await repo.maxVersion(tx, source.key, regionId)) + 1;
      await repo.insertInstrument(tx, {
        id: newId,
        regionId,
        key: source.key,
        version,
        status: 'draft',
        definition: { ...source.definition, version },
        createdBy: actor.userId,
      });
      await audit(tx, {
        actorUserId: actor.userId,
        action: 'mapping_instrument.copy',
        entityType: 'mapping_instrument',
        entityId: newId,
        organisationId: regionId,
        ip,
        details: { from: source.id, key: source.key, version },
      });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('CONFLICT');
    throw err;
  }
  return newId;
}

async function editableDraft(db: Db, actor: Actor, id: string): Promise<repo.InstrumentRow> {
  if (!canManageInstruments(actor)) throw new AppError('FORBIDDEN');
  const row = await findReadable(db, actor, id);
  if (!row) throw new AppError('NOT_FOUND');
  if (row.status !== 'draft') throw new AppError('CONFLICT', 'mapping.instrument.published');
  if (!canEditInstrument(actor, row)) throw new AppError('NOT_FOUND');
  return row;
}

/**
 * Replace a draft's definition. The key and version are the draft's own (whatever the input says); the
 * rest is validated by the schema (VALIDATION with field errors). A published version: CONFLICT.
 */
export async function updateDraft(
  db: Db,
  actor: Actor,
  id: string,
  input: unknown,
  ip: string | null = null,
): Promise<InstrumentDefinition> {
  const row = await editableDraft(db, actor, id);
  const candidate =
    typeof input === 'object' && input !== null ? { ...input, key: row.key, version: row.version } : input;
  const definition = parseDefinition(candidate);
  await db.tx(async (tx) => {
    if (!(await repo.updateDraftDefinition(tx, id, definition)))
      throw new AppError('CONFLICT', 'mapping.instrument.published');
    await audit(tx, {
      actorUserId: actor.userId,
      action: 'mapping_instrument.update',
      entityType: 'mapping_instrument',
      entityId: id,
      organisationId: row.regionId,
      ip,
      details: { key: row.key, version: row.version },
    });
  });
  return definition;
}

/** Publish a draft: from then on the database refuses any change to its definition. */
export async function publish(db: Db, actor: Actor, id: string, ip: string | null = null): Promise<void> {
  const row = await editableDraft(db, actor, id);
  parseDefinition(row.definition);
  await db.tx(async (tx) => {
    if (!(await repo.markPublished(tx, id))) throw new AppError('CONFLICT', 'mapping.instrument.published');
    await audit(tx, {
      actorUserId: actor.userId,
      action: 'mapping_instrument.publish',
      entityType: 'mapping_instrument',
      entityId: id,
      organisationId: row.regionId,
      ip,
      details: { key: row.key, version: row.version },
    });
  });
}
