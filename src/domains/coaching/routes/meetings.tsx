// Coaching meetings as pages: list, new, view, edit (optimistic concurrency), delete with a confirmation
// page, and attachments (multipart upload, download, delete). The JSON API is in meetings-api.ts; the
// services decide every access question.
import { z } from 'zod';
import { AppError, type FieldError } from '../../../platform/errors.ts';
import { rawForm } from '../../../platform/http/forms.ts';
import { type AnyRoute, type Ctx, defineRoute, policy } from '../../../platform/http/registry.ts';
import { translator } from '../../../platform/i18n/index.ts';
import { messages } from '../messages.ts';
import { canSeeEngagements } from '../policy.ts';
import { formToMeetingInput } from '../schema-meetings.ts';
import * as attachments from '../service/attachments.ts';
import { getEngagement } from '../service/engagements.ts';
import * as meetings from '../service/meetings.ts';
import { DeleteMeetingView, MeetingFormView } from '../views/meeting-form.tsx';
import { MeetingListView, MeetingPageView } from '../views/meetings.tsx';
import { meetingApiRoutes } from './meetings-api.ts';
import { attachmentDownload, filePart } from './meetings-shared.ts';

const access = policy('canSeeEngagements', canSeeEngagements);
type AnyCtx = Ctx<unknown, unknown, unknown>;

const engagementParams = z.object({ id: z.string().uuid() });
const meetingParams = engagementParams.extend({ meetingId: z.string().uuid() });
const attachmentParams = meetingParams.extend({ attachmentId: z.string().uuid() });

const wctx = (ctx: AnyCtx) => ({ actor: ctx.actor, ip: ctx.ip });
const tr = (ctx: AnyCtx) => translator(messages, ctx.locale);

/** The stored meeting as form values. */
function meetingValues(m: meetings.MeetingView): Record<string, string> {
  const v: Record<string, string> = {
    heldOn: m.heldOn,
    startsAt: m.startsAt ?? '',
    endsAt: m.endsAt ?? '',
    minutes: m.startsAt && m.endsAt ? '' : String(m.minutes),
    kind: m.kind,
    status: m.status,
    location: m.location ?? '',
    agenda: m.agenda,
    notes: m.notes ?? '',
    decisions: m.decisions,
    nextSteps: m.nextSteps,
    version: String(m.version),
  };
  for (const a of m.attendees) {
    if (a.kind === 'staff' && a.userId) v[`staff.${a.userId}`] = 'on';
    if (a.kind === 'contact' && a.contactId) v[`contact.${a.contactId}`] = 'on';
  }
  m.attendees
    .filter((a) => a.kind === 'company_person')
    .forEach((a, i) => {
      v[`others.${i}.name`] = a.name;
      v[`others.${i}.roleTitle`] = a.roleTitle ?? '';
    });
  return v;
}

async function renderForm(
  ctx: AnyCtx,
  engagementId: string,
  meetingId: string | null,
  opts: {
    values?: Record<string, string>;
    errors?: FieldError[];
    status?: number;
    alert?: string | null;
  } = {},
) {
  const t = tr(ctx);
  let view: Awaited<ReturnType<typeof getEngagement>>;
  let meeting: meetings.MeetingView | null = null;
  if (meetingId) ({ view, meeting } = await meetings.getMeeting(ctx.db, ctx.actor, engagementId, meetingId));
  else view = await getEngagement(ctx.db, ctx.actor, engagementId);
  if (!view.canEdit) throw new AppError('FORBIDDEN', view.isStaff ? 'coaching.meetings.closed' : 'FORBIDDEN');
  const options = await meetings.attendeeOptions(ctx.db, ctx.actor, view, meeting?.attendees ?? []);
  const defaults: Record<string, string> = { kind: 'on_site', status: 'planned' };
  if (!meeting && view.isCoach) defaults[`staff.${ctx.actor.userId}`] = 'on';
  const title = meetingId ? t('coaching.meetings.editTitle') : t('coaching.meetings.newTitle');
  return ctx.page(
    `${title} – ${view.engagement.companyName}`,
    <MeetingFormView
      t={t}
      csrf={ctx.csrfToken()}
      errors={opts.errors ?? []}
      vm={{
        engagementId,
        companyName: view.engagement.companyName,
        meetingId,
        values: opts.values ?? (meeting ? meetingValues(meeting) : defaults),
        options,
        notesReadable: meeting ? meeting.notes !== null : true,
        notesOwnerName: meeting?.notesOwnerName ?? null,
        alert: opts.alert ?? null,
      }}
    />,
    opts.status ?? 200,
  );
}

async function renderMeeting(
  ctx: AnyCtx,
  engagementId: string,
  meetingId: string,
  errors: FieldError[] = [],
  status = 200,
) {
  const t = tr(ctx);
  const { view, meeting } = await meetings.getMeeting(ctx.db, ctx.actor, engagementId, meetingId);
  return ctx.page(
    `${meeting.heldOn} – ${view.engagement.companyName}`,
    <MeetingPageView
      t={t}
      csrf={ctx.csrfToken()}
      errors={errors}
      vm={{
        companyName: view.engagement.companyName,
        meeting: meetings.withHtml(meeting),
        isStaff: view.isStaff,
        canEdit: view.canEdit,
      }}
    />,
    status,
  );
}

/** Save a posted form: VALIDATION → the form again (422), CONFLICT → the form with the input and a notice. */
async function saveForm(ctx: AnyCtx, engagementId: string, meetingId: string | null) {
  const t = tr(ctx);
  const raw = rawForm(ctx.req.body);
  const input = formToMeetingInput(raw);
  const base = `/coaching/${engagementId}/meetings`;
  try {
    if (meetingId) {
      await meetings.updateMeeting(ctx.db, wctx(ctx), engagementId, meetingId, input);
      return ctx.redirect(`${base}/${meetingId}`, t('coaching.meetings.saved'));
    }
    const id = await meetings.createMeeting(ctx.db, wctx(ctx), engagementId, input);
    return ctx.redirect(`${base}/${id}`, t('coaching.meetings.created'));
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    if (err.code === 'VALIDATION')
      return renderForm(ctx, engagementId, meetingId, { values: raw, errors: err.fields, status: 422 });
    if (err.code === 'CONFLICT' && meetingId) {
      // Keep what was typed; the next save starts from the current version (the notice says so).
      const { meeting } = await meetings.getMeeting(ctx.db, ctx.actor, engagementId, meetingId);
      return renderForm(ctx, engagementId, meetingId, {
        values: { ...raw, version: String(meeting.version) },
        status: 409,
        alert: t('coaching.meetings.conflict'),
      });
    }
    throw err;
  }
}

export const meetingRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/coaching/:id/meetings',
    kind: 'page',
    access,
    params: engagementParams,
    handler: async (ctx) => {
      const t = tr(ctx as AnyCtx);
      const list = await meetings.listMeetings(ctx.db, ctx.actor, ctx.params.id);
      const e = list.view.engagement;
      return ctx.page(
        `${t('coaching.meetings.title')} – ${e.companyName}`,
        <MeetingListView
          t={t}
          vm={{
            engagementId: e.id,
            companyName: e.companyName,
            upcoming: list.upcoming,
            held: list.held,
            cancelled: list.cancelled,
            heldMinutes: list.heldMinutes,
            plannedMinutes: list.plannedMinutes,
            canEdit: list.view.canEdit,
            closed: list.view.isStaff && e.step === 'closed',
            isStaff: list.view.isStaff,
          }}
        />,
      );
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/coaching/:id/meetings/new',
    kind: 'page',
    access,
    params: engagementParams,
    handler: async (ctx) => renderForm(ctx as AnyCtx, ctx.params.id, null),
  }),
  defineRoute({
    method: 'POST',
    url: '/coaching/:id/meetings/new',
    kind: 'page',
    access,
    params: engagementParams,
    handler: async (ctx) => saveForm(ctx as AnyCtx, ctx.params.id, null),
  }),
  defineRoute({
    method: 'GET',
    url: '/coaching/:id/meetings/:meetingId',
    kind: 'page',
    access,
    params: meetingParams,
    handler: async (ctx) => renderMeeting(ctx as AnyCtx, ctx.params.id, ctx.params.meetingId),
  }),
  defineRoute({
    method: 'GET',
    url: '/coaching/:id/meetings/:meetingId/edit',
    kind: 'page',
    access,
    params: meetingParams,
    handler: async (ctx) => renderForm(ctx as AnyCtx, ctx.params.id, ctx.params.meetingId),
  }),
  defineRoute({
    method: 'POST',
    url: '/coaching/:id/meetings/:meetingId/edit',
    kind: 'page',
    access,
    params: meetingParams,
    handler: async (ctx) => saveForm(ctx as AnyCtx, ctx.params.id, ctx.params.meetingId),
  }),
  defineRoute({
    method: 'GET',
    url: '/coaching/:id/meetings/:meetingId/delete',
    kind: 'page',
    access,
    params: meetingParams,
    handler: async (ctx) => {
      const t = tr(ctx as AnyCtx);
      const { view, meeting } = await meetings.getMeeting(
        ctx.db,
        ctx.actor,
        ctx.params.id,
        ctx.params.meetingId,
      );
      if (!view.canEdit) throw new AppError('FORBIDDEN');
      return ctx.page(
        t('coaching.meetings.deleteTitle', { date: meeting.heldOn }),
        <DeleteMeetingView
          t={t}
          csrf={ctx.csrfToken()}
          engagementId={ctx.params.id}
          companyName={view.engagement.companyName}
          meetingId={meeting.id}
          heldOn={meeting.heldOn}
        />,
      );
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/coaching/:id/meetings/:meetingId/delete',
    kind: 'page',
    access,
    params: meetingParams,
    handler: async (ctx) => {
      await meetings.deleteMeeting(ctx.db, wctx(ctx as AnyCtx), ctx.params.id, ctx.params.meetingId);
      return ctx.redirect(
        `/coaching/${ctx.params.id}/meetings`,
        tr(ctx as AnyCtx)('coaching.meetings.deleted'),
      );
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/coaching/:id/meetings/:meetingId/attachments',
    kind: 'page',
    access,
    multipart: true,
    params: meetingParams,
    handler: async (ctx) => {
      const { id, meetingId } = ctx.params;
      try {
        await attachments.addAttachment(ctx.db, wctx(ctx as AnyCtx), id, meetingId, filePart(ctx.req.body));
      } catch (err) {
        if (err instanceof AppError && err.code === 'VALIDATION')
          return renderMeeting(ctx as AnyCtx, id, meetingId, err.fields, 422);
        throw err;
      }
      return ctx.redirect(
        `/coaching/${id}/meetings/${meetingId}`,
        tr(ctx as AnyCtx)('coaching.meetings.uploaded'),
      );
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/coaching/:id/meetings/:meetingId/attachments/:attachmentId',
    kind: 'page',
    access,
    params: attachmentParams,
    handler: async (ctx) =>
      attachmentDownload(
        ctx.reply,
        await attachments.getAttachment(
          ctx.db,
          ctx.actor,
          ctx.params.id,
          ctx.params.meetingId,
          ctx.params.attachmentId,
        ),
      ),
  }),
  defineRoute({
    method: 'POST',
    url: '/coaching/:id/meetings/:meetingId/attachments/:attachmentId/delete',
    kind: 'page',
    access,
    params: attachmentParams,
    handler: async (ctx) => {
      const { id, meetingId, attachmentId } = ctx.params;
      await attachments.deleteAttachment(ctx.db, wctx(ctx as AnyCtx), id, meetingId, attachmentId);
      return ctx.redirect(
        `/coaching/${id}/meetings/${meetingId}`,
        tr(ctx as AnyCtx)('coaching.meetings.attachmentDeleted'),
      );
    },
  }),
  ...meetingApiRoutes,
];
