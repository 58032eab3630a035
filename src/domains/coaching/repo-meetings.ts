// SQL of coaching meetings: coaching_meetings, their attendees and attachments, and calendar_feeds.
import type { Db } from '../../platform/db.ts';
import type { MeetingKind } from './schema.ts';

export type MeetingStatus = 'planned' | 'held' | 'cancelled';

export interface MeetingRow {
  id: string;
  engagementId: string;
  heldOn: string;
  /** HH:MM or null. */
  startsAt: string | null;
  endsAt: string | null;
  minutes: number;
  kind: MeetingKind;
  status: MeetingStatus;
  location: string | null;
  agenda: string;
  notes: string;
  decisions: string;
  nextSteps: string;
  ownerOrgId: string;
  ownerOrgName: string;
  coachId: string | null;
  coachName: string | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export interface AttendeeRow {
  meetingId: string;
  kind: 'staff' | 'contact' | 'company_person';
  userId: string | null;
  contactId: string | null;
  name: string;
  roleTitle: string | null;
}

export interface AttachmentRow {
  id: string;
  meetingId: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  createdAt: Date;
  uploadedByName: string | null;
}

const MEETING_COLUMNS = `m.id, m.engagement_id AS "engagementId", to_char(m.held_on, 'YYYY-MM-DD') AS "heldOn",
  to_char(m.starts_at, 'HH24:MI') AS "startsAt", to_char(m.ends_at, 'HH24:MI') AS "endsAt", m.minutes, m.kind,
  m.status, m.location, m.agenda, m.notes, m.decisions, m.next_steps AS "nextSteps", m.owner_org_id AS "ownerOrgId",
  o.name AS "ownerOrgName", m.coach_id AS "coachId", cu.name AS "coachName", m.created_at AS "createdAt",
  m.updated_at AS "updatedAt", m.version`;
const MEETING_FROM = `coaching_meetings m JOIN organisations o ON o.id = m.owner_org_id
  LEFT JOIN users cu ON cu.id = m.coach_id`;

export async function listMeetings(db: Db, engagementId: string): Promise<MeetingRow[]> {
  return db.query<MeetingRow>(
    `SELECT ${MEETING_COLUMNS} FROM ${MEETING_FROM}
      WHERE m.engagement_id = $1 ORDER BY m.held_on, m.starts_at NULLS FIRST, m.created_at`,
    [engagementId],
  );
}

export async function findMeeting(
  db: Db,
  engagementId: string,
  id: string,
  forUpdate = false,
): Promise<MeetingRow | null> {
  const rows = await db.query<MeetingRow>(
    `SELECT ${MEETING_COLUMNS} FROM ${MEETING_FROM}
      WHERE m.engagement_id = $1 AND m.id = $2${forUpdate ? ' FOR UPDATE OF m' : ''}`,
    [engagementId, id],
  );
  return rows[0] ?? null;
}

export interface MeetingWrite {
  heldOn: string;
  startsAt: string | null;
  endsAt: string | null;
  minutes: number;
  kind: MeetingKind;
  status: MeetingStatus;
  location: string | null;
  agenda: string;
  notes: string;
  decisions: string;
  nextSteps: string;
}

export async function insertMeeting(
  db: Db,
  m: MeetingWrite & {
    id: string;
    engagementId: string;
    ownerOrgId: string;
    coachId: string | null;
    by: string;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO coaching_meetings (id, engagement_id, held_on, starts_at, ends_at, minutes, kind, status, location,
       agenda, notes, decisions, next_steps, owner_org_id, coach_id, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
    [
      m.id,
      m.engagementId,
      m.heldOn,
      m.startsAt,
      m.endsAt,
      m.minutes,
      m.kind,
      m.status,
      m.location,
      m.agenda,
      m.notes,
      m.decisions,
      m.nextSteps,
      m.ownerOrgId,
      m.coachId,
      m.by,
    ],
  );
}

/** Updates when the version still matches; false when someone else saved in between. */
export async function updateMeeting(db: Db, id: string, version: number, m: MeetingWrite): Promise<boolean> {
  const rows = await db.query(
    `UPDATE coaching_meetings SET held_on = $3, starts_at = $4, ends_at = $5, minutes = $6, kind = $7, status = $8,
        location = $9, agenda = $10, notes = $11, decisions = $12, next_steps = $13, updated_at = now(),
        version = version + 1
      WHERE id = $1 AND version = $2 RETURNING id`,
    [
      id,
      version,
      m.heldOn,
      m.startsAt,
      m.endsAt,
      m.minutes,
      m.kind,
      m.status,
      m.location,
      m.agenda,
      m.notes,
      m.decisions,
      m.nextSteps,
    ],
  );
  return rows.length > 0;
}

export async function deleteMeeting(db: Db, id: string): Promise<boolean> {
  const rows = await db.query('DELETE FROM coaching_meetings WHERE id = $1 RETURNING id', [id]);
  return rows.length > 0;
}

export async function listAttendees(db: Db, meetingIds: string[]): Promise<AttendeeRow[]> {
  if (meetingIds.length === 0) return [];
  return db.query<AttendeeRow>(
    `SELECT meeting_id AS "meetingId", kind, user_id AS "userId", contact_id AS "contactId", name,
            role_title AS "roleTitle"
       FROM coaching_meeting_attendees WHERE meeting_id = ANY($1::uuid[]) ORDER BY meeting_id, position, name`,
    [meetingIds],
  );
}

export interface NewAttendee {
  id: string;
  kind: AttendeeRow['kind'];
  userId: string | null;
  contactId: string | null;
  name: string;
  roleTitle: string | null;
  email: string | null;
}

export async function replaceAttendees(db: Db, meetingId: string, rows: NewAttendee[]): Promise<void> {
  await db.query('DELETE FROM coaching_meeting_attendees WHERE meeting_id = $1', [meetingId]);
  let position = 0;
  for (const a of rows) {
    await db.query(
      `INSERT INTO coaching_meeting_attendees (id, meeting_id, kind, user_id, contact_id, name, role_title, email, position)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [a.id, meetingId, a.kind, a.userId, a.contactId, a.name, a.roleTitle, a.email, position],
    );
    position += 1;
  }
}

export async function listAttachments(db: Db, meetingIds: string[]): Promise<AttachmentRow[]> {
  if (meetingIds.length === 0) return [];
  return db.query<AttachmentRow>(
    `SELECT a.id, a.meeting_id AS "meetingId", a.file_name AS "fileName", a.media_type AS "mediaType",
            a.size_bytes AS "sizeBytes", a.created_at AS "createdAt", u.name AS "uploadedByName"
       FROM coaching_attachments a LEFT JOIN users u ON u.id = a.uploaded_by
      WHERE a.meeting_id = ANY($1::uuid[]) ORDER BY a.created_at, a.file_name`,
    [meetingIds],
  );
}

export async function insertAttachment(
  db: Db,
  a: {
    id: string;
    meetingId: string;
    fileName: string;
    mediaType: string;
    content: Buffer;
    sha256: string;
    by: string;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO coaching_attachments (id, meeting_id, file_name, media_type, size_bytes, sha256, content, uploaded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [a.id, a.meetingId, a.fileName, a.mediaType, a.content.length, a.sha256, a.content, a.by],
  );
}

export async function attachmentContent(
  db: Db,
  meetingId: string,
  id: string,
): Promise<(AttachmentRow & { content: Buffer }) | null> {
  const rows = await db.query<AttachmentRow & { content: Uint8Array }>(
    `SELECT a.id, a.meeting_id AS "meetingId", a.file_name AS "fileName", a.media_type AS "mediaType",
            a.size_bytes AS "sizeBytes", a.created_at AS "createdAt", NULL AS "uploadedByName", a.content
       FROM coaching_attachments a WHERE a.meeting_id = $1 AND a.id = $2`,
    [meetingId, id],
  );
  const row = rows[0];
  if (!row) return null;
  return { ...row, content: Buffer.from(row.content) };
}

export async function deleteAttachment(db: Db, meetingId: string, id: string): Promise<boolean> {
  const rows = await db.query(
    'DELETE FROM coaching_attachments WHERE meeting_id = $1 AND id = $2 RETURNING id',
    [meetingId, id],
  );
  return rows.length > 0;
}

/** Minutes held, meetings planned (not cancelled, not yet held) and the next planned date. */
export async function meetingSummary(
  db: Db,
  engagementId: string,
): Promise<{ heldMinutes: number; plannedCount: number; nextMeetingOn: string | null }> {
  const rows = await db.query<{ heldMinutes: number; plannedCount: number; nextMeetingOn: string | null }>(
    `SELECT COALESCE(SUM(minutes) FILTER (WHERE status = 'held'), 0)::int AS "heldMinutes",
            COUNT(*) FILTER (WHERE status = 'planned')::int AS "plannedCount",
            to_char(MIN(held_on) FILTER (WHERE status = 'planned' AND held_on >= current_date), 'YYYY-MM-DD')
              AS "nextMeetingOn"
       FROM coaching_meetings WHERE engagement_id = $1`,
    [engagementId],
  );
  return rows[0] ?? { heldMinutes: 0, plannedCount: 0, nextMeetingOn: null };
}

// ---------------------------------------------------------------- calendar feeds

export async function activeFeed(
  db: Db,
  userId: string,
): Promise<{ id: string; createdAt: Date; lastUsedAt: Date | null } | null> {
  const rows = await db.query<{ id: string; createdAt: Date; lastUsedAt: Date | null }>(
    `SELECT id, created_at AS "createdAt", last_used_at AS "lastUsedAt" FROM calendar_feeds
      WHERE user_id = $1 AND revoked_at IS NULL ORDER BY created_at DESC LIMIT 1`,
    [userId],
  );
  return rows[0] ?? null;
}

/** Revokes every active feed of the user; returns how many. */
export async function revokeFeeds(db: Db, userId: string): Promise<number> {
  const rows = await db.query(
    'UPDATE calendar_feeds SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL RETURNING id',
    [userId],
  );
  return rows.length;
}

export async function insertFeed(
  db: Db,
  f: { id: string; userId: string; tokenHash: string },
): Promise<void> {
  await db.query('INSERT INTO calendar_feeds (id, user_id, token_hash) VALUES ($1, $2, $3)', [
    f.id,
    f.userId,
    f.tokenHash,
  ]);
}

/** The owner of an active feed whose account is enabled, marking the feed used; null otherwise. */
export async function useFeed(
  db: Db,
  tokenHash: string,
): Promise<{ userId: string; locale: 'sv' | 'en' } | null> {
  const rows = await db.query<{ userId: string; locale: 'sv' | 'en' }>(
    `UPDATE calendar_feeds f SET last_used_at = now() FROM users u
      WHERE f.token_hash = $1 AND f.revoked_at IS NULL AND u.id = f.user_id AND u.disabled_at IS NULL
      RETURNING f.user_id AS "userId", u.locale`,
    [tokenHash],
  );
  return rows[0] ?? null;
}

export interface FeedMeetingRow {
  id: string;
  engagementId: string;
  companyName: string;
  heldOn: string;
  startsAt: string | null;
  endsAt: string | null;
  minutes: number;
  kind: MeetingKind;
  status: MeetingStatus;
  location: string | null;
  agenda: string;
  updatedAt: Date;
}

/**
 * Planned and held meetings from `since` on of the engagements where the user is a current coach (and still
 * holds the coach role).
 */
export async function feedMeetings(db: Db, userId: string, since: string): Promise<FeedMeetingRow[]> {
  return db.query<FeedMeetingRow>(
    `SELECT m.id, m.engagement_id AS "engagementId", c.name AS "companyName",
            to_char(m.held_on, 'YYYY-MM-DD') AS "heldOn", to_char(m.starts_at, 'HH24:MI') AS "startsAt",
            to_char(m.ends_at, 'HH24:MI') AS "endsAt", m.minutes, m.kind, m.status, m.location, m.agenda,
            m.updated_at AS "updatedAt"
       FROM coaching_meetings m
       JOIN engagements e ON e.id = m.engagement_id
       JOIN companies c ON c.id = e.company_id
      WHERE m.status IN ('planned', 'held') AND m.held_on >= $2::date
        AND EXISTS (SELECT 1 FROM engagement_coaches ec
                     WHERE ec.engagement_id = e.id AND ec.user_id = $1 AND ec.removed_at IS NULL)
        AND EXISTS (SELECT 1 FROM memberships ms WHERE ms.user_id = $1 AND ms.role = 'coach')
      ORDER BY m.held_on, m.starts_at NULLS FIRST
      LIMIT 2000`,
    [userId, since],
  );
}
