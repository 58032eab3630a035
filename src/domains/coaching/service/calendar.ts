// Calendars of coaching meetings: one meeting as an .ics download (staff and company contacts of the
// engagement) and a personal subscription feed behind a secret URL (only its sha256 hash is stored; revocable;
// stops with a disabled account). Events carry company, kind and agenda, never the notes.
import { randomUUID } from 'node:crypto';
import { audit } from '../../../platform/audit.ts';
import { type Actor, hashToken, newToken } from '../../../platform/auth.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { type Locale, translator } from '../../../platform/i18n/index.ts';
import { type IcsEvent, renderCalendar } from '../../../platform/ical.ts';
import { messages } from '../messages.ts';
import * as repo from '../repo-meetings.ts';
import type { WriteCtx } from './engagements.ts';
import { getMeeting } from './meetings.ts';

/** How far back the feed reaches. */
export const FEED_PAST_DAYS = 30;

interface EventSource {
  id: string;
  engagementId: string;
  companyName: string;
  heldOn: string;
  startsAt: string | null;
  endsAt: string | null;
  minutes: number;
  kind: repo.FeedMeetingRow['kind'];
  status: repo.MeetingStatus;
  location: string | null;
  agenda: string;
  updatedAt: Date;
  version?: number;
}

export const meetingUid = (meetingId: string): string => `${meetingId}@kompetensnavet`;

function toEvent(m: EventSource, locale: Locale, baseUrl: string): IcsEvent {
  const t = translator(messages, locale);
  const description = [
    t('coaching.meetings.ics.company', { company: m.companyName }),
    t('coaching.meetings.ics.kind', { kind: t(`coaching.meetings.kind.${m.kind}`) }),
    ...(m.agenda ? ['', t('coaching.meetings.ics.agenda'), m.agenda] : []),
  ].join('\n');
  return {
    uid: meetingUid(m.id),
    date: m.heldOn,
    start: m.startsAt,
    end: m.endsAt,
    minutes: m.minutes,
    summary: t('coaching.meetings.ics.summary', { company: m.companyName }),
    location: m.location,
    description,
    url: `${baseUrl}/coaching/${m.engagementId}/meetings/${m.id}`,
    status: m.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
    modified: m.updatedAt,
    sequence: m.version !== undefined ? m.version - 1 : undefined,
  };
}

/** One meeting as an iCalendar file. */
export async function meetingIcs(
  db: Db,
  actor: Actor,
  engagementId: string,
  meetingId: string,
  opts: { locale: Locale; baseUrl: string },
): Promise<{ fileName: string; body: string }> {
  const { view, meeting } = await getMeeting(db, actor, engagementId, meetingId);
  const body = renderCalendar({
    events: [toEvent({ ...meeting, companyName: view.engagement.companyName }, opts.locale, opts.baseUrl)],
  });
  return { fileName: `coaching-${meeting.heldOn}.ics`, body };
}

export interface FeedStatus {
  active: { createdAt: Date; lastUsedAt: Date | null } | null;
  isCoach: boolean;
}

export async function feedStatus(db: Db, actor: Actor): Promise<FeedStatus> {
  const feed = await repo.activeFeed(db, actor.userId);
  return {
    active: feed ? { createdAt: feed.createdAt, lastUsedAt: feed.lastUsedAt } : null,
    isCoach: actor.memberships.some((m) => m.role === 'coach'),
  };
}

export const feedUrl = (baseUrl: string, token: string): string => `${baseUrl}/calendar/feed/${token}.ics`;

/** A new secret feed URL (any earlier feed of the user is revoked). The token is returned once, never stored. */
export async function createFeed(db: Db, ctx: WriteCtx, baseUrl: string): Promise<{ url: string }> {
  const { token, hash } = newToken(32);
  const id = randomUUID();
  await db.tx(async (tx) => {
    const revoked = await repo.revokeFeeds(tx, ctx.actor.userId);
    await repo.insertFeed(tx, { id, userId: ctx.actor.userId, tokenHash: hash });
    await audit(tx, {
      actorUserId: ctx.actor.userId,
      action: 'calendar.feed.create',
      entityType: 'calendar_feed',
      entityId: id,
      ip: ctx.ip,
      details: { revokedEarlier: revoked },
    });
  });
  return { url: feedUrl(baseUrl, token) };
}

/** Revokes the user's feed; NOT_FOUND when there was none. */
export async function revokeFeed(db: Db, ctx: WriteCtx): Promise<void> {
  await db.tx(async (tx) => {
    const revoked = await repo.revokeFeeds(tx, ctx.actor.userId);
    if (revoked === 0) throw new AppError('NOT_FOUND');
    await audit(tx, {
      actorUserId: ctx.actor.userId,
      action: 'calendar.feed.revoke',
      entityType: 'calendar_feed',
      ip: ctx.ip,
      details: { revoked },
    });
  });
}

const daysAgo = (n: number): string => {
  const d = new Date(Date.now() - n * 24 * 3600 * 1000);
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(d);
};

/** The feed behind a secret token; NOT_FOUND for an unknown or revoked token or a disabled account. */
export async function feedCalendar(db: Db, token: string, opts: { baseUrl: string }): Promise<string> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw new AppError('NOT_FOUND');
  const owner = await repo.useFeed(db, hashToken(token));
  if (!owner) throw new AppError('NOT_FOUND');
  const rows = await repo.feedMeetings(db, owner.userId, daysAgo(FEED_PAST_DAYS));
  // Calendar apps send no language: the feed speaks the owner's language.
  const t = translator(messages, owner.locale);
  return renderCalendar({
    name: t('coaching.meetings.ics.calendarName'),
    events: rows.map((m) => toEvent(m, owner.locale, opts.baseUrl)),
  });
}
