// Uploaded media of digital courses: checked by their bytes (media-sniff.ts), stored in the database with a
// sha256, served with Range support to the authors in scope and to learners enrolled in a course using them.
import { createHash, randomUUID } from 'node:crypto';
import { audit } from '../../../platform/audit.ts';
import type { Actor } from '../../../platform/auth.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { authorScope } from '../policy.ts';
import * as repo from '../repo-media.ts';
import type { MediaRef } from '../types.ts';
import { authoredCourse, type WriteCtx } from './authoring.ts';
import { LANGUAGES, MEDIA_KINDS } from './authoring-schema.ts';
import { sniff } from './media-sniff.ts';

export type MediaKind = (typeof MEDIA_KINDS)[number];
export type { MediaRow } from '../repo-media.ts';

/** Which families of file each kind accepts. */
const accepts: Record<MediaKind, string[]> = {
  video: ['video'],
  captions: ['vtt'],
  audio_description: ['audio', 'vtt'],
  image: ['image'],
};

const fieldError = (field: string, message: string) =>
  new AppError('VALIDATION', 'VALIDATION', [{ field, message }]);

export interface UploadInput {
  kind: string | undefined;
  language: string | undefined;
  file: { fileName: string; data: Buffer } | undefined;
}

/** Stores an uploaded file for the course's provider; 422 with a field error when it is not what it claims. */
export async function uploadMedia(
  db: Db,
  w: WriteCtx,
  courseId: string,
  input: UploadInput,
): Promise<MediaRef> {
  const course = await authoredCourse(db, w.actor, courseId);
  const kind = MEDIA_KINDS.find((k) => k === input.kind);
  if (!kind) throw fieldError('kind', 'validation.choice');
  const language = input.language?.trim() || null;
  if (language !== null && !(LANGUAGES as readonly string[]).includes(language))
    throw fieldError('language', 'validation.choice');
  if (kind === 'captions' && !language) throw fieldError('language', 'validation.required');
  const file = input.file;
  if (!file || file.data.length === 0) throw fieldError('file', 'elearning.author.media.error.noFile');
  const found = sniff(file.data);
  if (!found || !accepts[kind].includes(found.family))
    throw fieldError('file', `elearning.author.media.error.${kind}`);
  // No path, quotes or control/format characters (CR/LF, NEL, right-to-left override) in a stored name.
  const filename = (file.fileName.replace(/[\\/"\p{Cc}\p{Cf}]/gu, '_').trim() || 'file').slice(-255);
  const row = {
    id: randomUUID(),
    providerOrgId: course.providerOrgId,
    kind,
    contentType: found.contentType,
    filename,
    language: kind === 'image' || kind === 'video' ? null : language,
    sizeBytes: file.data.length,
    sha256: createHash('sha256').update(file.data).digest('hex'),
  };
  await db.tx(async (tx) => {
    await repo.insertMedia(tx, { ...row, bytes: file.data, createdBy: w.actor.userId });
    await audit(tx, {
      actorUserId: w.actor.userId,
      action: 'elearning.media.upload',
      entityType: 'dl_media',
      entityId: row.id,
      organisationId: course.providerOrgId,
      ip: w.ip,
      details: { kind, sizeBytes: row.sizeBytes, courseId },
    });
  });
  return {
    id: row.id,
    kind,
    contentType: row.contentType,
    filename,
    language: row.language,
    sizeBytes: row.sizeBytes,
  };
}

/** The media of the course's provider (for the lesson editor's choices and image snippets). */
export async function listCourseMedia(db: Db, actor: Actor, courseId: string): Promise<repo.MediaRow[]> {
  const course = await authoredCourse(db, actor, courseId);
  return repo.listMedia(db, course.providerOrgId);
}

/** A media file with its bytes for the user, or NOT_FOUND (unknown, or neither author nor enrolled). */
export async function readMedia(db: Db, actor: Actor, id: string) {
  const m = await repo.findReadableMedia(db, id, { ...authorScope(actor), userId: actor.userId });
  if (!m) throw new AppError('NOT_FOUND');
  return m;
}

/**
 * One byte range of a `Range` header (`bytes=a-b`, `bytes=a-`, `bytes=-n`) within `size`; null when the
 * header is absent or not a single byte range (the whole file is sent), 'unsatisfiable' when out of bounds.
 */
export function parseRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | null | 'unsatisfiable' {
  const m = header?.trim().match(/^bytes=(\d*)-(\d*)$/);
  if (!m || (m[1] === '' && m[2] === '')) return null;
  let start: number;
  let end: number;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0) return 'unsatisfiable';
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (start >= size || start > end) return 'unsatisfiable';
  return { start, end };
}
