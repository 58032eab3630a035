// Calendars: one meeting as .ics, the personal subscription page (create: the secret URL is shown once in
// the answer to the POST, never stored; revoke), the public feed behind the secret token, and the API.
import { z } from 'zod';
import { type AnyRoute, type Ctx, defineRoute, PUBLIC, policy } from '../../../platform/http/registry.ts';
import { translator } from '../../../platform/i18n/index.ts';
import { messages } from '../messages.ts';
import { canSeeEngagements, canUseCoaching } from '../policy.ts';
import * as calendar from '../service/calendar.ts';
import { CalendarView } from '../views/calendar.tsx';

const seeAccess = policy('canSeeEngagements', canSeeEngagements);
const staffAccess = policy('canUseCoaching', canUseCoaching);
type AnyCtx = Ctx<unknown, unknown, unknown>;
const meetingParams = z.object({ id: z.string().uuid(), meetingId: z.string().uuid() });
const ICS = 'text/calendar; charset=utf-8';

async function renderCalendarPage(ctx: AnyCtx, newUrl: string | null) {
  const t = translator(messages, ctx.locale);
  const status = await calendar.feedStatus(ctx.db, ctx.actor);
  ctx.reply.header('cache-control', 'no-store');
  return ctx.page(
    t('coaching.meetings.calendar.title'),
    <CalendarView t={t} csrf={ctx.csrfToken()} vm={{ ...status, newUrl }} />,
  );
}

export const calendarRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/coaching/:id/meetings/:meetingId/meeting.ics',
    kind: 'page',
    access: seeAccess,
    params: meetingParams,
    handler: async (ctx) => {
      const out = await calendar.meetingIcs(ctx.db, ctx.actor, ctx.params.id, ctx.params.meetingId, {
        locale: ctx.locale,
        baseUrl: ctx.deps.baseUrl,
      });
      return ctx.reply
        .header('content-disposition', `attachment; filename="${out.fileName}"`)
        .header('cache-control', 'private, no-store')
        .type(ICS)
        .send(out.body);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/calendar',
    kind: 'page',
    access: staffAccess,
    handler: async (ctx) => renderCalendarPage(ctx as AnyCtx, null),
  }),
  defineRoute({
    method: 'POST',
    url: '/calendar/feed',
    kind: 'page',
    access: staffAccess,
    handler: async (ctx) => {
      const { url } = await calendar.createFeed(ctx.db, { actor: ctx.actor, ip: ctx.ip }, ctx.deps.baseUrl);
      return renderCalendarPage(ctx as AnyCtx, url);
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/calendar/feed/revoke',
    kind: 'page',
    access: staffAccess,
    handler: async (ctx) => {
      const t = translator(messages, ctx.locale);
      try {
        await calendar.revokeFeed(ctx.db, { actor: ctx.actor, ip: ctx.ip });
      } catch {
        // Nothing to revoke: the page says so.
      }
      return ctx.redirect('/calendar', t('coaching.meetings.calendar.revoked'));
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/calendar/feed/:file',
    kind: 'page',
    access: PUBLIC,
    params: z.object({ file: z.string().regex(/^[A-Za-z0-9_-]{20,100}\.ics$/) }),
    handler: async (ctx) => {
      const body = await calendar.feedCalendar(ctx.db, ctx.params.file.slice(0, -4), {
        baseUrl: ctx.deps.baseUrl,
      });
      return ctx.reply
        .header('cache-control', 'private, max-age=300')
        .header('x-robots-tag', 'noindex')
        .type(ICS)
        .send(body);
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/calendar/feed',
    kind: 'api',
    access: staffAccess,
    summary:
      'Create a personal calendar subscription feed of your coaching meetings; the secret URL is returned only now (an earlier feed is revoked)',
    tag: 'Coaching',
    response: z.object({ url: z.string() }),
    successStatus: 201,
    handler: async (ctx) => calendar.createFeed(ctx.db, { actor: ctx.actor, ip: ctx.ip }, ctx.deps.baseUrl),
  }),
  defineRoute({
    method: 'DELETE',
    url: '/api/v1/calendar/feed',
    kind: 'api',
    access: staffAccess,
    summary: 'Revoke your calendar subscription feed (404 when there is none)',
    tag: 'Coaching',
    handler: async (ctx) => {
      await calendar.revokeFeed(ctx.db, { actor: ctx.actor, ip: ctx.ip });
      return undefined;
    },
  }),
];
