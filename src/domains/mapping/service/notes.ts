// Interview notes of a mapping: the interviewer's working notes, with the closest competences and occupation
// names proposed for each line for the interviewer to confirm, so that as much as possible ends up coded.
// Only staff (region admins, municipality officers, coaches) in the mapping's scope read and write them;
// company contacts do not see them. Locked like the answers once the mapping is submitted.
import { audit } from '../../../platform/audit.ts';
import { type Actor, hasRole } from '../../../platform/auth.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError, validation } from '../../../platform/errors.ts';
import { conceptNames, type ProposedConcept, proposeConcepts } from '../../reference/index.ts';
import * as repo from '../repo-notes.ts';
import { getMapping } from './mappings.ts';

export type { NoteConceptRow } from '../repo-notes.ts';

export const NOTES_MAX = 20_000;
const MAX_PIECES = 30;
/** Proposals per piece: the best three of each kind among the closest twelve concepts. */
const PER_KIND = 3;
const CANDIDATES = 12;

export type NoteConceptKind = 'competence' | 'occupation';

/** Who may read and write interview notes at all (their scope is checked per mapping). */
export const canReadNotes = (actor: Actor): boolean =>
  hasRole(actor, 'region_admin', 'municipality_officer', 'coach');

export interface NoteProposal {
  sourceText: string;
  concepts: Omit<ProposedConcept, 'score'>[];
}

export interface NotesView {
  mappingId: string;
  companyName: string;
  status: 'in_progress' | 'submitted';
  canEdit: boolean;
  notes: string;
  concepts: repo.NoteConceptRow[];
  proposals: NoteProposal[];
}

/** The non-empty lines and sentences of the notes (split on newlines and full stops), at most 30. */
export function notePieces(text: string): string[] {
  const pieces = text
    .split(/[\n.]+/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p !== '');
  return [...new Set(pieces)].slice(0, MAX_PIECES);
}

async function access(db: Db, actor: Actor, id: string) {
  if (!canReadNotes(actor)) throw new AppError('FORBIDDEN');
  return getMapping(db, actor, id);
}

async function editable(db: Db, actor: Actor, id: string) {
  const view = await access(db, actor, id);
  if (view.mapping.status === 'submitted') throw new AppError('CONFLICT', 'mapping.locked');
  if (!view.canEdit) throw new AppError('FORBIDDEN');
  return view;
}

/** Locks the mapping row in the transaction and refuses once it is submitted. */
async function lockOpen(tx: Db, id: string): Promise<void> {
  const row = await repo.findNotes(tx, id, true);
  if (!row) throw new AppError('NOT_FOUND');
  if (row.status === 'submitted') throw new AppError('CONFLICT', 'mapping.locked');
}

export async function getNotes(db: Db, actor: Actor, id: string): Promise<NotesView> {
  const view = await access(db, actor, id);
  const [row, concepts] = await Promise.all([repo.findNotes(db, id), repo.listNoteConcepts(db, id)]);
  if (!row) throw new AppError('NOT_FOUND');
  const confirmed = new Set(concepts.map((c) => `${c.kind}:${c.conceptId}`));
  const proposals: NoteProposal[] = [];
  for (const piece of notePieces(row.notes)) {
    const open = (await proposeConcepts(db, piece, CANDIDATES)).filter(
      (c) => !confirmed.has(`${c.kind}:${c.conceptId}`),
    );
    // Occupation names tend to outscore competences: keep the best of each kind, competences first.
    const found = (['competence', 'occupation'] as const).flatMap((kind) =>
      open
        .filter((c) => c.kind === kind)
        .slice(0, PER_KIND)
        .map(({ score: _score, ...c }) => c),
    );
    if (found.length > 0) proposals.push({ sourceText: piece, concepts: found });
  }
  return {
    mappingId: id,
    companyName: view.mapping.companyName,
    status: view.mapping.status,
    canEdit: view.canEdit,
    notes: row.notes,
    concepts,
    proposals,
  };
}

export async function saveNotes(db: Db, actor: Actor, id: string, text: string, ip: string | null = null) {
  const notes = text.replace(/\r\n?/g, '\n');
  if (notes.length > NOTES_MAX)
    throw validation([{ field: 'notes', message: 'mapping.notes.tooLong', params: { max: NOTES_MAX } }]);
  await editable(db, actor, id);
  await db.tx(async (tx) => {
    await lockOpen(tx, id);
    await repo.updateNotes(tx, id, notes);
    // Never the text itself: the notes may name people.
    await audit(tx, {
      actorUserId: actor.userId,
      action: 'mapping.notes_saved',
      entityType: 'mapping',
      entityId: id,
      ip,
    });
  });
}

export interface ConfirmInput {
  kind: NoteConceptKind;
  conceptId: string;
  sourceText: string;
}

/**
 * Confirms a proposed concept: it must be one of the concepts proposed for the given piece of the notes
 * (proposed again here) and known to the reference data. Confirming it twice changes nothing.
 */
export async function confirmConcept(
  db: Db,
  actor: Actor,
  id: string,
  input: ConfirmInput,
  ip: string | null = null,
): Promise<void> {
  await editable(db, actor, id);
  const sourceText = input.sourceText.replace(/\s+/g, ' ').trim();
  const notProposed = validation([{ field: 'conceptId', message: 'mapping.notes.notProposed' }]);
  if (sourceText === '' || sourceText.length > NOTES_MAX) throw notProposed;
  const proposal = (await proposeConcepts(db, sourceText, CANDIDATES)).find(
    (c) => c.kind === input.kind && c.conceptId === input.conceptId,
  );
  if (!proposal) throw notProposed;
  const known =
    proposal.kind === 'competence'
      ? (await conceptNames(db, 'competence', [proposal.conceptId])).has(proposal.conceptId)
      : proposal.ssykCode !== null &&
        (await conceptNames(db, 'ssyk', [proposal.ssykCode])).has(proposal.ssykCode);
  if (!known) throw notProposed;
  await db.tx(async (tx) => {
    await lockOpen(tx, id);
    const added = await repo.insertNoteConcept(
      tx,
      id,
      {
        kind: proposal.kind,
        conceptId: proposal.conceptId,
        name: proposal.name,
        ssykCode: proposal.kind === 'occupation' ? proposal.ssykCode : null,
        sourceText,
      },
      actor.userId,
    );
    if (added)
      await audit(tx, {
        actorUserId: actor.userId,
        action: 'mapping.note_concept_confirmed',
        entityType: 'mapping',
        entityId: id,
        ip,
        details: { kind: proposal.kind, conceptId: proposal.conceptId },
      });
  });
}

/** Removes a confirmed concept; NOT_FOUND when it was not confirmed. */
export async function removeConcept(
  db: Db,
  actor: Actor,
  id: string,
  kind: NoteConceptKind,
  conceptId: string,
  ip: string | null = null,
): Promise<void> {
  await editable(db, actor, id);
  await db.tx(async (tx) => {
    await lockOpen(tx, id);
    if (!(await repo.deleteNoteConcept(tx, id, kind, conceptId)))
      throw new AppError('NOT_FOUND', 'mapping.notes.notConfirmed');
    await audit(tx, {
      actorUserId: actor.userId,
      action: 'mapping.note_concept_removed',
      entityType: 'mapping',
      entityId: id,
      ip,
      details: { kind, conceptId },
    });
  });
}
