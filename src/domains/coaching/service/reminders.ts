import type { Db } from '../../../platform/db.ts';
import { type T, translator } from '../../../platform/i18n/index.ts';
import type { JobDeps, JobHandler, JobSchedule } from '../../../platform/jobs.ts';
import { reminderMessages } from '../messages/reminders.ts';
import { claimReminders, type ReminderCandidate, reminderCandidates } from '../repo-reminders.ts';

const stockholmDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today's date in Europe/Stockholm (YYYY-MM-DD). */
export function stockholmToday(now = new Date()): string {
  return stockholmDate.format(now);
}

type ReminderKey = keyof typeof reminderMessages.sv;

function line(t: T<ReminderKey>, c: ReminderCandidate): string {
  if (c.kind === 'meeting')
    return c.startsAt
      ? t('coaching.reminders.meetingAt', { date: c.date, time: c.startsAt })
      : t('coaching.reminders.meeting', { date: c.date });
  if (c.kind === 'action') return t('coaching.reminders.action', { date: c.date });
  return t('coaching.reminders.followup', { date: c.date, months: c.months ?? 0 });
}

/** One plain-text mail of a coach's reminders, grouped by engagement, in the coach's language. */
function compose(items: ReminderCandidate[], baseUrl: string): { subject: string; text: string } {
  const first = items[0];
  const t = translator(reminderMessages, first?.locale === 'en' ? 'en' : 'sv');
  const byEngagement = new Map<string, ReminderCandidate[]>();
  for (const c of items) byEngagement.set(c.engagementId, [...(byEngagement.get(c.engagementId) ?? []), c]);
  const blocks = [...byEngagement].map(([engagementId, list]) =>
    [
      list[0]?.companyName ?? '',
      ...list.map((c) => `- ${line(t, c)}`),
      t('coaching.reminders.open', { url: `${baseUrl}/coaching/${engagementId}` }),
    ].join('\n'),
  );
  return {
    subject: t('coaching.reminders.subject', { count: items.length }),
    text: [t('coaching.reminders.intro'), ...blocks, t('coaching.reminders.footer')].join('\n\n'),
  };
}

/**
 * Mail every current coach what is due (see reminderCandidates): one mail per coach and region. Each
 * reminder is recorded in the same transaction as its mail, so a rerun or a second process sends
 * nothing twice on one day. Returns the number of mails sent.
 */
export async function sendCoachingReminders(db: Db, deps: JobDeps, today: string): Promise<number> {
  const candidates = await reminderCandidates(db, today);
  const groups = new Map<string, ReminderCandidate[]>();
  for (const c of candidates) {
    const key = `${c.userId}:${c.regionId}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  let sent = 0;
  for (const group of groups.values()) {
    const first = group[0];
    if (!first) continue;
    const mailed = await db.tx(async (tx) => {
      const claimed = await claimReminders(tx, {
        userId: first.userId,
        today,
        items: group.map((c) => ({ kind: c.kind, objectId: c.objectId })),
      });
      const items = group.filter((c) => claimed.has(c.objectId));
      if (items.length === 0) return false;
      const { subject, text } = compose(items, deps.baseUrl);
      await deps.mailer.send(tx, { to: first.email, subject, text, regionId: first.regionId });
      return true;
    });
    if (mailed) sent++;
  }
  return sent;
}

export const coachingJobHandlers: Record<string, JobHandler> = {
  'coaching.reminders': async ({ db, deps }) => {
    await sendCoachingReminders(db, deps, stockholmToday());
  },
};

/** Reminders go out every morning at 07:00 Swedish time. */
export const coachingJobSchedules: JobSchedule[] = [{ name: 'coaching.reminders', dailyAt: '07:00' }];
