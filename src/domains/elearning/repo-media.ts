// SQL of uploaded media (video, captions, audio description, images) kept in the database (bytea), and of who
// may fetch a file: the authors in scope, and learners enrolled in a course whose versions use it.
import type { Db } from '../../platform/db.ts';
import type { Scope } from './repo-authoring.ts';
import type { MediaRef } from './types.ts';

export interface MediaRow extends MediaRef {
  providerOrgId: string;
  sha256: string;
  createdAt: Date;
}

const cols = `m.id, m.kind, m.content_type AS "contentType", m.filename, m.language, m.size_bytes AS "sizeBytes",
  m.provider_org_id AS "providerOrgId", m.sha256, m.created_at AS "createdAt"`;

export async function insertMedia(
  db: Db,
  m: Omit<MediaRow, 'createdAt'> & { bytes: Buffer; createdBy: string },
): Promise<void> {
  await db.query(
    `INSERT INTO dl_media (id, provider_org_id, kind, content_type, filename, language, size_bytes, sha256, bytes,
                           created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      m.id,
      m.providerOrgId,
      m.kind,
      m.contentType,
      m.filename,
      m.language,
      m.sizeBytes,
      m.sha256,
      new Uint8Array(m.bytes),
      m.createdBy,
    ],
  );
}

/** The provider's media, newest first (without bytes). */
export async function listMedia(db: Db, providerOrgId: string): Promise<MediaRow[]> {
  return db.query<MediaRow>(
    `SELECT ${cols} FROM dl_media m WHERE m.provider_org_id = $1 ORDER BY m.created_at DESC, m.filename`,
    [providerOrgId],
  );
}

export async function findMediaOfProvider(
  db: Db,
  providerOrgId: string,
  id: string,
): Promise<MediaRow | null> {
  const rows = await db.query<MediaRow>(
    `SELECT ${cols} FROM dl_media m WHERE m.id = $1 AND m.provider_org_id = $2`,
    [id, providerOrgId],
  );
  return rows[0] ?? null;
}

/**
 * A media file the user may fetch: an author in scope (the provider's, or a region admin's of its region),
 * or a user enrolled (not withdrawn) in a course one of whose versions uses it (as video, captions, audio
 * description or an image in a lesson's text).
 */
export async function findReadableMedia(
  db: Db,
  id: string,
  who: Scope & { userId: string },
): Promise<(MediaRow & { bytes: Buffer }) | null> {
  const rows = await db.query<MediaRow & { bytes: Uint8Array }>(
    `SELECT ${cols}, m.bytes
       FROM dl_media m JOIN organisations o ON o.id = m.provider_org_id
      WHERE m.id = $1
        AND (m.provider_org_id = ANY($2::uuid[]) OR o.region_id = ANY($3::uuid[])
             OR EXISTS (
               SELECT 1 FROM dl_enrolments e
                 JOIN dl_course_versions v ON v.course_id = e.course_id
                 JOIN dl_modules mo ON mo.version_id = v.id
                 JOIN dl_lessons l ON l.module_id = mo.id
                WHERE e.user_id = $4 AND e.status <> 'withdrawn'
                  AND (l.video_media_id = m.id OR l.captions_media_id = m.id OR l.audio_description_media_id = m.id
                       OR strpos(l.body, '/learning/media/' || m.id::text) > 0)))`,
    [id, who.providerOrgIds, who.regionIds, who.userId],
  );
  const r = rows[0];
  return r ? { ...r, bytes: Buffer.from(r.bytes) } : null;
}
