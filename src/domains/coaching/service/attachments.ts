// Attachments of a coaching meeting, stored in PostgreSQL. The type is detected from the content (magic
// bytes), never from the client's Content-Type or file name; only PDF, PNG, JPEG, GIF, WebP and Office Open
// XML / OpenDocument files are kept, at most 10 MB each. Staff who may read the meeting's notes read, add and
// remove them; company contacts never see them.
import { createHash, randomUUID } from 'node:crypto';
import { audit } from '../../../platform/audit.ts';
import type { Actor } from '../../../platform/auth.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError, validation } from '../../../platform/errors.ts';
import * as repo from '../repo-meetings.ts';
import { canReadNotesOf, getEngagement, type WriteCtx } from './engagements.ts';

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

const OOXML: Record<string, string> = {
  'word/': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'xl/': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'ppt/': 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
};
const OOXML_EXT: Record<string, string> = {
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
};
const ODF = [
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.oasis.opendocument.presentation',
];

export interface DetectedType {
  mediaType: string;
  /** The file name extension that goes with the type. */
  ext: string;
}

const startsWith = (buf: Buffer, bytes: number[], at = 0) =>
  buf.length >= at + bytes.length && bytes.every((b, i) => buf[at + i] === b);

/** The names of the entries in a zip's local file headers (first 64 KB are enough for the markers). */
function zipEntryNames(buf: Buffer): string[] {
  const names: string[] = [];
  let i = 0;
  const limit = Math.min(buf.length, 64 * 1024);
  while (i + 30 <= limit && buf.readUInt32LE(i) === 0x04034b50) {
    const compressed = buf.readUInt32LE(i + 18);
    const nameLen = buf.readUInt16LE(i + 26);
    const extraLen = buf.readUInt16LE(i + 28);
    const flags = buf.readUInt16LE(i + 6);
    names.push(buf.toString('latin1', i + 30, i + 30 + nameLen));
    // With a data descriptor the sizes are not in the header: stop walking after this entry.
    if (flags & 0x08) break;
    i += 30 + nameLen + extraLen + compressed;
    if (names.length >= 40) break;
  }
  return names;
}

function detectZip(buf: Buffer): DetectedType | null {
  const names = zipEntryNames(buf);
  // ODF: the first entry is an uncompressed `mimetype` holding the media type.
  if (names[0] === 'mimetype') {
    const nameLen = buf.readUInt16LE(26);
    const extraLen = buf.readUInt16LE(28);
    const size = buf.readUInt32LE(18);
    const start = 30 + nameLen + extraLen;
    const type = buf.toString('latin1', start, start + Math.min(size, 100));
    if (ODF.includes(type)) return { mediaType: type, ext: `od${type.split('.').pop()?.[0] ?? 't'}` };
    return null;
  }
  if (!names.includes('[Content_Types].xml')) return null;
  for (const [prefix, mediaType] of Object.entries(OOXML))
    if (names.some((n) => n.startsWith(prefix))) return { mediaType, ext: OOXML_EXT[mediaType] ?? 'zip' };
  return null;
}

/** The type of a file from its first bytes; null for anything not on the allow-list. */
export function detectType(buf: Buffer): DetectedType | null {
  if (startsWith(buf, [0x25, 0x50, 0x44, 0x46, 0x2d])) return { mediaType: 'application/pdf', ext: 'pdf' };
  if (startsWith(buf, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    return { mediaType: 'image/png', ext: 'png' };
  if (startsWith(buf, [0xff, 0xd8, 0xff])) return { mediaType: 'image/jpeg', ext: 'jpg' };
  if (startsWith(buf, [0x47, 0x49, 0x46, 0x38]) && (buf[4] === 0x37 || buf[4] === 0x39) && buf[5] === 0x61)
    return { mediaType: 'image/gif', ext: 'gif' };
  if (startsWith(buf, [0x52, 0x49, 0x46, 0x46]) && startsWith(buf, [0x57, 0x45, 0x42, 0x50], 8))
    return { mediaType: 'image/webp', ext: 'webp' };
  if (startsWith(buf, [0x50, 0x4b, 0x03, 0x04])) return detectZip(buf);
  return null;
}

/**
 * A safe file name: the last path segment, control characters, quotes and separators removed, at most
 * 120 characters, and the extension of the detected type.
 */
export function safeFileName(name: string, type: DetectedType): string {
  const base = (name.split(/[\\/]/).pop() ?? '')
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}"<>:|?*;]/gu, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '');
  const stem = base.replace(/\.[^.]*$/, '').slice(0, 120) || 'bilaga';
  return `${stem}.${type.ext}`;
}

async function readable(db: Db, actor: Actor, engagementId: string, meetingId: string) {
  const view = await getEngagement(db, actor, engagementId);
  const meeting = await repo.findMeeting(db, engagementId, meetingId);
  if (!meeting || !canReadNotesOf(view, meeting.ownerOrgId)) throw new AppError('NOT_FOUND');
  return { view, meeting };
}

export async function addAttachment(
  db: Db,
  ctx: WriteCtx,
  engagementId: string,
  meetingId: string,
  file: { fileName: string; data: Buffer } | undefined,
): Promise<string> {
  const { view } = await readable(db, ctx.actor, engagementId, meetingId);
  if (!view.canEdit) throw new AppError('FORBIDDEN');
  if (!file || file.data.length === 0)
    throw validation([{ field: 'file', message: 'coaching.meetings.file.required' }]);
  if (file.data.length > MAX_ATTACHMENT_BYTES)
    throw validation([{ field: 'file', message: 'coaching.meetings.file.tooLarge', params: { max: 10 } }]);
  const type = detectType(file.data);
  if (!type) throw validation([{ field: 'file', message: 'coaching.meetings.file.type' }]);
  const id = randomUUID();
  const sha256 = createHash('sha256').update(file.data).digest('hex');
  await db.tx(async (tx) => {
    await repo.insertAttachment(tx, {
      id,
      meetingId,
      fileName: safeFileName(file.fileName, type),
      mediaType: type.mediaType,
      content: file.data,
      sha256,
      by: ctx.actor.userId,
    });
    await audit(tx, {
      actorUserId: ctx.actor.userId,
      action: 'coaching.attachment.upload',
      entityType: 'coaching_meeting',
      entityId: meetingId,
      ip: ctx.ip,
      details: { attachment: id, mediaType: type.mediaType, sizeBytes: file.data.length, sha256 },
    });
  });
  return id;
}

export async function getAttachment(
  db: Db,
  actor: Actor,
  engagementId: string,
  meetingId: string,
  attachmentId: string,
): Promise<repo.AttachmentRow & { content: Buffer }> {
  await readable(db, actor, engagementId, meetingId);
  const row = await repo.attachmentContent(db, meetingId, attachmentId);
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

export async function deleteAttachment(
  db: Db,
  ctx: WriteCtx,
  engagementId: string,
  meetingId: string,
  attachmentId: string,
): Promise<void> {
  const { view } = await readable(db, ctx.actor, engagementId, meetingId);
  if (!view.canEdit) throw new AppError('FORBIDDEN');
  await db.tx(async (tx) => {
    if (!(await repo.deleteAttachment(tx, meetingId, attachmentId))) throw new AppError('NOT_FOUND');
    await audit(tx, {
      actorUserId: ctx.actor.userId,
      action: 'coaching.attachment.delete',
      entityType: 'coaching_meeting',
      entityId: meetingId,
      ip: ctx.ip,
      details: { attachment: attachmentId },
    });
  });
}
