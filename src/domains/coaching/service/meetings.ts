// Coaching meetings of an engagement: list, read, create, edit (optimistic concurrency on `version`) and
// delete. Access follows the engagement (getEngagement): staff of the engagement read and (while it is open)
// write; company contacts read date, kind, attendees, agenda, decisions and next steps, never the notes or
// attachments. Staff read the notes only when the programme's sharing rule allows (canReadNotesOf). Audit
// rows never carry note text.
import { randomUUID } from 'node:crypto';
import { audit } from '../../../platform/audit.ts';
import type { Actor } from '../../../platform/auth.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError, validation } from '../../../platform/errors.ts';
import { toFieldErrors } from '../../../platform/http/forms.ts';
import { renderMarkdown } from '../../../platform/markdown.ts';
import * as repo from '../repo-meetings.ts';
import { type MeetingInput, meetingInput } from '../schema-meetings.ts';
import { canReadNotesOf, type EngagementView, getEngagement, type WriteCtx } from './engagements.ts';
import { attendeeRows } from './meeting-attendees.ts';

export type { AttachmentRow, AttendeeRow, MeetingRow, MeetingStatus } from '../repo-meetings.ts';
export { type AttendeeOption, attendeeOptions } from './meeting-attendees.ts';

export interface MeetingView {
  id: string;
  engagementId: string;
  heldOn: string;
  startsAt: string | null;
  endsAt: string | null;
  minutes: number;
  kind: repo.MeetingRow['kind'];
  status: repo.MeetingStatus;
  location: string | null;
  agenda: string;
  decisions: string;
  nextSteps: string;
  /** The notes, or null when the actor may not read them. */
  notes: string | null;
  /** The organisation that owns the notes. */
  notesOwnerName: string;
  coachName: string | null;
  attendees: Pick<repo.AttendeeRow, 'kind' | 'userId' | 'contactId' | 'name' | 'roleTitle'>[];
  /** Attachments, or null when the actor may not read them (same rule as the notes). */
  attachments: repo.AttachmentRow[] | null;
  updatedAt: Date;
  version: number;
}

/** A meeting with its Markdown fields rendered through the allow-list sanitiser. */
export interface MeetingPage extends MeetingView {
  html: { agenda: string; decisions: string; nextSteps: string; notes: string | null };
}

export function toView(
  view: EngagementView,
  m: repo.MeetingRow,
  attendees: repo.AttendeeRow[],
  attachments: repo.AttachmentRow[],
): MeetingView {
  const notesReadable = canReadNotesOf(view, m.ownerOrgId);
  return {
    id: m.id,
    engagementId: m.engagementId,
    heldOn: m.heldOn,
    startsAt: m.startsAt,
    endsAt: m.endsAt,
    minutes: m.minutes,
    kind: m.kind,
    status: m.status,
    location: m.location,
    agenda: m.agenda,
    decisions: m.decisions,
    nextSteps: m.nextSteps,
    notes: notesReadable ? m.notes : null,
    notesOwnerName: m.ownerOrgName,
    coachName: m.coachName,
    attendees: attendees
      .filter((a) => a.meetingId === m.id)
      .map(({ kind, userId, contactId, name, roleTitle }) => ({ kind, userId, contactId, name, roleTitle })),
    attachments: notesReadable ? attachments.filter((a) => a.meetingId === m.id) : null,
    updatedAt: m.updatedAt,
    version: m.version,
  };
}

export function withHtml(m: MeetingView): MeetingPage {
  return {
    ...m,
    html: {
      agenda: renderMarkdown(m.agenda),
      decisions: renderMarkdown(m.decisions),
      nextSteps: renderMarkdown(m.nextSteps),
      notes: m.notes === null ? null : renderMarkdown(m.notes),
    },
  };
}

export interface MeetingList {
  view: EngagementView;
  upcoming: MeetingView[];
  held: MeetingView[];
  cancelled: MeetingView[];
  heldMinutes: number;
  plannedMinutes: number;
}

const today = (): string =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());

export async function listMeetings(db: Db, actor: Actor, engagementId: string): Promise<MeetingList> {
  const view = await getEngagement(db, actor, engagementId);
  const rows = await repo.listMeetings(db, engagementId);
  const ids = rows.map((r) => r.id);
  const [attendees, attachments] = await Promise.all([
    repo.listAttendees(db, ids),
    view.isStaff ? repo.listAttachments(db, ids) : Promise.resolve([]),
  ]);
  const all = rows.map((r) => toView(view, r, attendees, attachments));
  const now = today();
  return {
    view,
    upcoming: all.filter((m) => m.status === 'planned' && m.heldOn >= now),
    // Held meetings newest first; a planned meeting whose day has passed is listed with them (not yet marked held).
    held: all.filter((m) => m.status === 'held' || (m.status === 'planned' && m.heldOn < now)).reverse(),
    cancelled: all.filter((m) => m.status === 'cancelled').reverse(),
    heldMinutes: all.filter((m) => m.status === 'held').reduce((sum, m) => sum + m.minutes, 0),
    plannedMinutes: Math.round(view.engagement.plannedHours * 60),
  };
}

export async function getMeeting(
  db: Db,
  actor: Actor,
  engagementId: string,
  meetingId: string,
): Promise<{ view: EngagementView; meeting: MeetingView }> {
  const view = await getEngagement(db, actor, engagementId);
  const row = await repo.findMeeting(db, engagementId, meetingId);
  if (!row) throw new AppError('NOT_FOUND');
  const [attendees, attachments] = await Promise.all([
    repo.listAttendees(db, [row.id]),
    view.isStaff ? repo.listAttachments(db, [row.id]) : Promise.resolve([]),
  ]);
  return { view, meeting: toView(view, row, attendees, attachments) };
}

/** Parse the input (form or API) into a valid meeting, or throw VALIDATION with field errors. */
export function parseMeeting(raw: unknown): MeetingInput {
  const parsed = meetingInput.safeParse(raw);
  if (!parsed.success) throw validation(toFieldErrors(parsed.error));
  return parsed.data;
}

async function editable(db: Db, actor: Actor, engagementId: string): Promise<EngagementView> {
  const view = await getEngagement(db, actor, engagementId);
  if (!view.canEdit) throw new AppError('FORBIDDEN');
  return view;
}

/** The organisation that owns the notes the actor writes: their coach assignment's, else their membership's. */
function writerOrg(view: EngagementView, actor: Actor): string {
  const coach = view.coaches.find((c) => c.userId === actor.userId);
  if (coach) return coach.organisationId;
  const e = view.engagement;
  const m = actor.memberships.find(
    (x) =>
      x.organisationId &&
      ((x.role === 'region_admin' && x.regionId === e.regionId) ||
        (x.role === 'municipality_officer' && x.municipalityCode === e.municipalityCode)),
  );
  const org = m?.organisationId ?? view.actorOrgIds[0];
  if (!org) throw new AppError('FORBIDDEN');
  return org;
}

const writeOf = (input: MeetingInput, notes: string): repo.MeetingWrite => ({
  heldOn: input.heldOn,
  startsAt: input.startsAt,
  endsAt: input.endsAt,
  minutes: input.minutes,
  kind: input.kind,
  status: input.status,
  location: input.location,
  agenda: input.agenda,
  notes,
  decisions: input.decisions,
  nextSteps: input.nextSteps,
});

/** What the audit row says about a meeting: never the text of notes, agenda, decisions or next steps. */
const auditDetails = (input: MeetingInput, attendees: number) => ({
  heldOn: input.heldOn,
  minutes: input.minutes,
  kind: input.kind,
  status: input.status,
  attendees,
});

export async function createMeeting(
  db: Db,
  ctx: WriteCtx,
  engagementId: string,
  raw: unknown,
): Promise<string> {
  const view = await editable(db, ctx.actor, engagementId);
  const input = parseMeeting(raw);
  const attendees = await attendeeRows(db, ctx.actor, view, input);
  const id = randomUUID();
  await db.tx(async (tx) => {
    await repo.insertMeeting(tx, {
      ...writeOf(input, input.notes),
      id,
      engagementId,
      ownerOrgId: writerOrg(view, ctx.actor),
      coachId: view.isCoach ? ctx.actor.userId : null,
      by: ctx.actor.userId,
    });
    await repo.replaceAttendees(tx, id, attendees);
    await audit(tx, {
      actorUserId: ctx.actor.userId,
      action: 'coaching.meeting.create',
      entityType: 'coaching_meeting',
      entityId: id,
      ip: ctx.ip,
      details: { engagement: engagementId, ...auditDetails(input, attendees.length) },
    });
  });
  return id;
}

/**
 * Saves an edit made from `input.version`; CONFLICT (`coaching.meetings.conflict`) when the meeting changed
 * since. Notes the actor may not read are kept as they are (whatever was sent).
 */
export async function updateMeeting(
  db: Db,
  ctx: WriteCtx,
  engagementId: string,
  meetingId: string,
  raw: unknown,
): Promise<void> {
  const view = await editable(db, ctx.actor, engagementId);
  const input = parseMeeting(raw);
  if (input.version === null) throw validation([{ field: 'version', message: 'validation.required' }]);
  const version = input.version;
  const existing = await repo.listAttendees(db, [meetingId]);
  const attendees = await attendeeRows(db, ctx.actor, view, input, existing);
  await db.tx(async (tx) => {
    const current = await repo.findMeeting(tx, engagementId, meetingId, true);
    if (!current) throw new AppError('NOT_FOUND');
    if (current.version !== version) throw new AppError('CONFLICT', 'coaching.meetings.conflict');
    const notes = canReadNotesOf(view, current.ownerOrgId) ? input.notes : current.notes;
    if (!(await repo.updateMeeting(tx, meetingId, version, writeOf(input, notes))))
      throw new AppError('CONFLICT', 'coaching.meetings.conflict');
    await repo.replaceAttendees(tx, meetingId, attendees);
    await audit(tx, {
      actorUserId: ctx.actor.userId,
      action: 'coaching.meeting.update',
      entityType: 'coaching_meeting',
      entityId: meetingId,
      ip: ctx.ip,
      details: {
        engagement: engagementId,
        version: version + 1,
        notesChanged: notes !== current.notes,
        ...auditDetails(input, attendees.length),
      },
    });
  });
}

/** The stored meeting as input (for a partial API update). */
export function asInput(m: MeetingView): Record<string, unknown> {
  return {
    heldOn: m.heldOn,
    startsAt: m.startsAt,
    endsAt: m.endsAt,
    minutes: m.minutes,
    kind: m.kind,
    status: m.status,
    location: m.location,
    agenda: m.agenda,
    notes: m.notes ?? '',
    decisions: m.decisions,
    nextSteps: m.nextSteps,
    staffAttendees: m.attendees.filter((a) => a.kind === 'staff' && a.userId).map((a) => a.userId),
    contactAttendees: m.attendees.filter((a) => a.kind === 'contact' && a.contactId).map((a) => a.contactId),
    otherAttendees: m.attendees
      .filter((a) => a.kind === 'company_person')
      .map((a) => ({ name: a.name, roleTitle: a.roleTitle })),
    version: m.version,
  };
}

export async function deleteMeeting(
  db: Db,
  ctx: WriteCtx,
  engagementId: string,
  meetingId: string,
): Promise<void> {
  await editable(db, ctx.actor, engagementId);
  await db.tx(async (tx) => {
    const current = await repo.findMeeting(tx, engagementId, meetingId, true);
    if (!current) throw new AppError('NOT_FOUND');
    await repo.deleteMeeting(tx, meetingId);
    await audit(tx, {
      actorUserId: ctx.actor.userId,
      action: 'coaching.meeting.delete',
      entityType: 'coaching_meeting',
      entityId: meetingId,
      ip: ctx.ip,
      details: { engagement: engagementId, heldOn: current.heldOn, status: current.status },
    });
  });
}

/** For the engagement overview: minutes held, meetings planned and the next planned date (no access check). */
export async function meetingSummary(
  db: Db,
  engagementId: string,
): Promise<{ heldMinutes: number; plannedCount: number; nextMeetingOn: string | null }> {
  return repo.meetingSummary(db, engagementId);
}
