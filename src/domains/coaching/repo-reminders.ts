import type { Db } from '../../platform/db.ts';

export type ReminderKind = 'meeting' | 'action' | 'followup';

/** One thing to remind one current coach of. Only what the coach may see: company, dates. */
export interface ReminderCandidate {
  kind: ReminderKind;
  objectId: string;
  engagementId: string;
  regionId: string;
  companyName: string;
  /** The meeting's date, the action's or the follow-up's due date (YYYY-MM-DD). */
  date: string;
  /** Meetings: the start time (HH:MM), when set. */
  startsAt: string | null;
  /** Follow-ups: months after adoption. */
  months: number | null;
  userId: string;
  email: string;
  locale: 'sv' | 'en';
}

/** The current coaches (not disabled) of open engagements, with the engagement's company. */
const COACHES = `
  FROM engagements e
  JOIN companies c ON c.id = e.company_id
  JOIN engagement_coaches ec ON ec.engagement_id = e.id AND ec.removed_at IS NULL
  JOIN users u ON u.id = ec.user_id AND u.disabled_at IS NULL`;

const COLUMNS = `e.id AS "engagementId", e.region_id AS "regionId", c.name AS "companyName",
  u.id AS "userId", u.email, u.locale`;

/**
 * What is due on `today` (Europe/Stockholm): planned meetings held tomorrow; plan actions overdue
 * (planned or ongoing, due before today) and follow-ups not done and due within a week — the latter two
 * at most once a week per coach. Closed engagements are left out.
 */
export async function reminderCandidates(db: Db, today: string): Promise<ReminderCandidate[]> {
  const notRemindedThisWeek = (kind: string, id: string) => `NOT EXISTS (
    SELECT 1 FROM coaching_reminders_sent s
     WHERE s.kind = '${kind}' AND s.object_id = ${id} AND s.user_id = u.id AND s.sent_on > $1::date - 7)`;
  return db.query<ReminderCandidate>(
    `SELECT 'meeting' AS kind, m.id AS "objectId", m.held_on::text AS date,
            to_char(m.starts_at, 'HH24:MI') AS "startsAt", NULL::int AS months, ${COLUMNS}
       ${COACHES}
       JOIN coaching_meetings m ON m.engagement_id = e.id
      WHERE e.step <> 'closed' AND m.status = 'planned' AND m.held_on = $1::date + 1
     UNION ALL
     SELECT 'action', a.id, a.due_on::text, NULL, NULL, ${COLUMNS}
       ${COACHES}
       JOIN coaching_plans p ON p.engagement_id = e.id
       JOIN plan_actions a ON a.plan_id = p.id
      WHERE e.step <> 'closed' AND a.status IN ('planned', 'ongoing') AND a.due_on < $1::date
        AND ${notRemindedThisWeek('action', 'a.id')}
     UNION ALL
     SELECT 'followup', f.id, f.due_on::text, NULL, f.months, ${COLUMNS}
       ${COACHES}
       JOIN plan_followups f ON f.engagement_id = e.id
      WHERE e.step <> 'closed' AND f.done_at IS NULL AND f.due_on <= $1::date + 7
        AND ${notRemindedThisWeek('followup', 'f.id')}
      ORDER BY "userId", "companyName", date`,
    [today],
  );
}

/**
 * Record reminders as sent today for a user; returns the object ids this call recorded. A reminder
 * another run (or process) recorded first is not returned, so it is not sent twice.
 */
export async function claimReminders(
  db: Db,
  input: { userId: string; today: string; items: { kind: ReminderKind; objectId: string }[] },
): Promise<Set<string>> {
  if (input.items.length === 0) return new Set();
  const rows = await db.query<{ object_id: string }>(
    `INSERT INTO coaching_reminders_sent (kind, object_id, user_id, sent_on)
     SELECT k, o, $3, $4::date FROM unnest($1::text[], $2::uuid[]) AS t(k, o)
     ON CONFLICT DO NOTHING
     RETURNING object_id`,
    [input.items.map((i) => i.kind), input.items.map((i) => i.objectId), input.userId, input.today],
  );
  return new Set(rows.map((r) => r.object_id));
}
