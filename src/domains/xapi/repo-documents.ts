// The document resources of the LRS (state, activity profile, agent profile), scoped to the region.
import type { Db } from '../../platform/db.ts';

export type DocKind = 'state' | 'activity_profile' | 'agent_profile';

/** The identity of one document; unused parts are ''. */
export interface DocKey {
  kind: DocKind;
  activityId: string;
  agentKey: string;
  registration: string;
  docId: string;
}

export interface DocRow {
  content_type: string;
  content: Uint8Array;
  etag: string;
  updated: Date;
}

const KEY = 'region_id = $1 AND kind = $2 AND activity_id = $3 AND agent_key = $4 AND registration = $5';
const keyParams = (regionId: string, k: DocKey) => [
  regionId,
  k.kind,
  k.activityId,
  k.agentKey,
  k.registration,
];

export async function findDocument(db: Db, regionId: string, k: DocKey): Promise<DocRow | null> {
  const rows = await db.query<DocRow>(
    `SELECT content_type, content, etag, updated FROM xapi_documents WHERE ${KEY} AND doc_id = $6`,
    [...keyParams(regionId, k), k.docId],
  );
  return rows[0] ?? null;
}

export async function saveDocument(
  db: Db,
  regionId: string,
  k: DocKey,
  doc: { contentType: string; content: Uint8Array; etag: string },
): Promise<void> {
  await db.query(
    `INSERT INTO xapi_documents (region_id, kind, activity_id, agent_key, registration, doc_id, content_type, content, etag)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (region_id, kind, activity_id, agent_key, registration, doc_id) DO UPDATE SET
       content_type = EXCLUDED.content_type, content = EXCLUDED.content, etag = EXCLUDED.etag, updated = clock_timestamp()`,
    [...keyParams(regionId, k), k.docId, doc.contentType, doc.content, doc.etag],
  );
}

/** The ids of the documents under a key (docId ignored), updated after `since` when given. */
export async function listDocumentIds(
  db: Db,
  regionId: string,
  k: DocKey,
  since: string | null,
): Promise<string[]> {
  const rows = await db.query<{ doc_id: string }>(
    `SELECT doc_id FROM xapi_documents WHERE ${KEY} AND ($6::timestamptz IS NULL OR updated > $6::timestamptz)
     ORDER BY doc_id`,
    [...keyParams(regionId, k), since],
  );
  return rows.map((r) => r.doc_id);
}

/** Delete one document, or every document under the key when docId is null. */
export async function deleteDocuments(
  db: Db,
  regionId: string,
  k: DocKey,
  docId: string | null,
): Promise<void> {
  await db.query(`DELETE FROM xapi_documents WHERE ${KEY} AND ($6::text IS NULL OR doc_id = $6)`, [
    ...keyParams(regionId, k),
    docId,
  ]);
}
