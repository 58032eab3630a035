// All SQL of a mapping's interview notes: mappings.interview_notes and mapping_note_concepts.
import type { Db } from '../../platform/db.ts';

export interface NoteConceptRow {
  kind: 'competence' | 'occupation';
  conceptId: string;
  name: string;
  ssykCode: string | null;
  sourceText: string;
  confirmedByName: string | null;
  confirmedAt: Date;
}

/** The notes and status of a mapping, the row locked when `lock` (inside a transaction). */
export async function findNotes(
  db: Db,
  id: string,
  lock = false,
): Promise<{ notes: string; status: 'in_progress' | 'submitted' } | null> {
  const rows = await db.query<{ notes: string; status: 'in_progress' | 'submitted' }>(
    `SELECT interview_notes AS notes, status FROM mappings WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
    [id],
  );
  return rows[0] ?? null;
}

export async function updateNotes(db: Db, id: string, text: string): Promise<void> {
  await db.query('UPDATE mappings SET interview_notes = $2 WHERE id = $1', [id, text]);
}

export async function listNoteConcepts(db: Db, id: string): Promise<NoteConceptRow[]> {
  return db.query<NoteConceptRow>(
    `SELECT c.kind, c.concept_id AS "conceptId", c.name, c.ssyk_code AS "ssykCode", c.source_text AS "sourceText",
            u.name AS "confirmedByName", c.confirmed_at AS "confirmedAt"
       FROM mapping_note_concepts c LEFT JOIN users u ON u.id = c.confirmed_by
      WHERE c.mapping_id = $1
      ORDER BY c.confirmed_at, c.kind, c.concept_id`,
    [id],
  );
}

/** Records a confirmed concept; false when it was confirmed already. */
export async function insertNoteConcept(
  db: Db,
  id: string,
  c: { kind: string; conceptId: string; name: string; ssykCode: string | null; sourceText: string },
  userId: string,
): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO mapping_note_concepts (mapping_id, kind, concept_id, name, ssyk_code, source_text, confirmed_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (mapping_id, kind, concept_id) DO NOTHING RETURNING concept_id`,
    [id, c.kind, c.conceptId, c.name, c.ssykCode, c.sourceText, userId],
  );
  return rows.length > 0;
}

/** Removes a confirmed concept; false when there was none. */
export async function deleteNoteConcept(
  db: Db,
  id: string,
  kind: string,
  conceptId: string,
): Promise<boolean> {
  const rows = await db.query(
    'DELETE FROM mapping_note_concepts WHERE mapping_id = $1 AND kind = $2 AND concept_id = $3 RETURNING concept_id',
    [id, kind, conceptId],
  );
  return rows.length > 0;
}
