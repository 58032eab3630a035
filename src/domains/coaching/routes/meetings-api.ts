// The JSON API of coaching meetings and their attachments: the same services, validation and access rules
// as the pages. A company contact's answer carries no notes (the key is left out) and no attachments.
import { z } from 'zod';
import { type AnyRoute, type Ctx, defineRoute, policy } from '../../../platform/http/registry.ts';
import { canSeeEngagements } from '../policy.ts';
import { meetingKinds } from '../schema.ts';
import { meetingApiBody, meetingPatchBody, meetingStatuses } from '../schema-meetings.ts';
import * as attachments from '../service/attachments.ts';
import * as meetings from '../service/meetings.ts';
import { attachmentDownload, filePart } from './meetings-shared.ts';

const access = policy('canSeeEngagements', canSeeEngagements);
const TAG = 'Coaching';
type AnyCtx = Ctx<unknown, unknown, unknown>;

const engagementParams = z.object({ id: z.string().uuid() });
const meetingParams = engagementParams.extend({ meetingId: z.string().uuid() });
const attachmentParams = meetingParams.extend({ attachmentId: z.string().uuid() });

const attachmentOut = z.object({
  id: z.string().uuid(),
  fileName: z.string(),
  mediaType: z.string(),
  sizeBytes: z.number().int(),
  createdAt: z.string(),
});

const meetingOut = z.object({
  id: z.string().uuid(),
  engagementId: z.string().uuid(),
  heldOn: z.string(),
  startsAt: z.string().nullable(),
  endsAt: z.string().nullable(),
  minutes: z.number().int(),
  kind: z.enum(meetingKinds),
  status: z.enum(meetingStatuses),
  location: z.string().nullable(),
  agenda: z.string(),
  decisions: z.string(),
  nextSteps: z.string(),
  notes: z
    .string()
    .nullable()
    .optional()
    .describe('Markdown; null when held by another organisation and not shared; absent for company contacts'),
  notesOwner: z.string().optional(),
  attendees: z.array(
    z.object({
      kind: z.enum(['staff', 'contact', 'company_person']),
      userId: z.string().nullable(),
      contactId: z.string().nullable(),
      name: z.string(),
      roleTitle: z.string().nullable(),
    }),
  ),
  attachments: z.array(attachmentOut).optional(),
  version: z.number().int(),
  updatedAt: z.string(),
});

const listOut = z.object({
  engagementId: z.string().uuid(),
  heldMinutes: z.number().int(),
  plannedMinutes: z.number().int(),
  meetings: z.array(meetingOut),
});

function meetingJson(m: meetings.MeetingView, isStaff: boolean): z.infer<typeof meetingOut> {
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
    ...(isStaff ? { notes: m.notes, notesOwner: m.notesOwnerName } : {}),
    attendees: m.attendees,
    ...(m.attachments
      ? {
          attachments: m.attachments.map((a) => ({
            id: a.id,
            fileName: a.fileName,
            mediaType: a.mediaType,
            sizeBytes: a.sizeBytes,
            createdAt: a.createdAt.toISOString(),
          })),
        }
      : {}),
    version: m.version,
    updatedAt: m.updatedAt.toISOString(),
  };
}

async function oneJson(ctx: AnyCtx, engagementId: string, meetingId: string) {
  const { view, meeting } = await meetings.getMeeting(ctx.db, ctx.actor, engagementId, meetingId);
  return meetingJson(meeting, view.isStaff);
}

const wctx = (ctx: AnyCtx) => ({ actor: ctx.actor, ip: ctx.ip });
const base = '/api/v1/coaching/engagements/:id/meetings';

export const meetingApiRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: base,
    kind: 'api',
    access,
    summary: "An engagement's coaching meetings, oldest first (company contacts: without notes)",
    tag: TAG,
    params: engagementParams,
    response: listOut,
    handler: async (ctx) => {
      const list = await meetings.listMeetings(ctx.db, ctx.actor, ctx.params.id);
      const all = [...list.upcoming, ...list.held, ...list.cancelled].sort((a, b) =>
        `${a.heldOn} ${a.startsAt ?? ''}`.localeCompare(`${b.heldOn} ${b.startsAt ?? ''}`),
      );
      return {
        engagementId: ctx.params.id,
        heldMinutes: list.heldMinutes,
        plannedMinutes: list.plannedMinutes,
        meetings: all.map((m) => meetingJson(m, list.view.isStaff)),
      };
    },
  }),
  defineRoute({
    method: 'POST',
    url: base,
    kind: 'api',
    access,
    summary:
      'Record a coaching meeting (staff of the engagement; minutes computed from start and end when both given)',
    tag: TAG,
    params: engagementParams,
    body: meetingApiBody,
    response: meetingOut,
    successStatus: 201,
    handler: async (ctx) => {
      const id = await meetings.createMeeting(ctx.db, wctx(ctx as AnyCtx), ctx.params.id, ctx.body);
      return oneJson(ctx as AnyCtx, ctx.params.id, id);
    },
  }),
  defineRoute({
    method: 'GET',
    url: `${base}/:meetingId`,
    kind: 'api',
    access,
    summary: 'One coaching meeting',
    tag: TAG,
    params: meetingParams,
    response: meetingOut,
    handler: async (ctx) => oneJson(ctx as AnyCtx, ctx.params.id, ctx.params.meetingId),
  }),
  defineRoute({
    method: 'PATCH',
    url: `${base}/:meetingId`,
    kind: 'api',
    access,
    summary: 'Change a coaching meeting; `version` must be the current one (409 otherwise)',
    tag: TAG,
    params: meetingParams,
    body: meetingPatchBody,
    response: meetingOut,
    handler: async (ctx) => {
      const { id, meetingId } = ctx.params;
      const { meeting } = await meetings.getMeeting(ctx.db, ctx.actor, id, meetingId);
      const merged = { ...meetings.asInput(meeting), ...stripUndefined(ctx.body), version: ctx.body.version };
      // Changing only the times recomputes the minutes; changing only the minutes drops the times' end.
      if (ctx.body.minutes !== undefined && ctx.body.endsAt === undefined && ctx.body.startsAt === undefined)
        merged.endsAt = null;
      await meetings.updateMeeting(ctx.db, wctx(ctx as AnyCtx), id, meetingId, merged);
      return oneJson(ctx as AnyCtx, id, meetingId);
    },
  }),
  defineRoute({
    method: 'DELETE',
    url: `${base}/:meetingId`,
    kind: 'api',
    access,
    summary: 'Delete a coaching meeting with its attendees and attachments (staff of the engagement)',
    tag: TAG,
    params: meetingParams,
    handler: async (ctx) => {
      await meetings.deleteMeeting(ctx.db, wctx(ctx as AnyCtx), ctx.params.id, ctx.params.meetingId);
      return undefined;
    },
  }),
  defineRoute({
    method: 'POST',
    url: `${base}/:meetingId/attachments`,
    kind: 'api',
    access,
    multipart: true,
    summary:
      'Upload an attachment (multipart field `file`; PDF, PNG, JPEG, GIF, WebP, Office Open XML or OpenDocument by content; at most 10 MB)',
    tag: TAG,
    params: meetingParams,
    response: attachmentOut,
    successStatus: 201,
    handler: async (ctx) => {
      const { id, meetingId } = ctx.params;
      const attachmentId = await attachments.addAttachment(
        ctx.db,
        wctx(ctx as AnyCtx),
        id,
        meetingId,
        filePart(ctx.req.body),
      );
      const a = await attachments.getAttachment(ctx.db, ctx.actor, id, meetingId, attachmentId);
      return {
        id: a.id,
        fileName: a.fileName,
        mediaType: a.mediaType,
        sizeBytes: a.sizeBytes,
        createdAt: a.createdAt.toISOString(),
      };
    },
  }),
  defineRoute({
    method: 'GET',
    url: `${base}/:meetingId/attachments/:attachmentId`,
    kind: 'api',
    access,
    summary: 'Download an attachment (staff who may read the meeting notes)',
    tag: TAG,
    params: attachmentParams,
    handler: async (ctx) => {
      const { id, meetingId, attachmentId } = ctx.params;
      return attachmentDownload(
        ctx.reply,
        await attachments.getAttachment(ctx.db, ctx.actor, id, meetingId, attachmentId),
      );
    },
  }),
  defineRoute({
    method: 'DELETE',
    url: `${base}/:meetingId/attachments/:attachmentId`,
    kind: 'api',
    access,
    summary: 'Delete an attachment',
    tag: TAG,
    params: attachmentParams,
    handler: async (ctx) => {
      const { id, meetingId, attachmentId } = ctx.params;
      await attachments.deleteAttachment(ctx.db, wctx(ctx as AnyCtx), id, meetingId, attachmentId);
      return undefined;
    },
  }),
];

function stripUndefined<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
