import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser, type TestUser } from '../../../test/app.ts';
import { testDb } from '../../../test/db.ts';
import { makeCompany } from '../../../test/factories.ts';
import type { Db } from '../../platform/db.ts';
import { enqueue, startWorker } from '../../platform/jobs.ts';
import { createLogger } from '../../platform/logger.ts';
import { createMailer } from '../../platform/mail.ts';
import { ensureRegion } from '../organisations/index.ts';
import {
  coachingJobHandlers,
  coachingJobSchedules,
  sendCoachingReminders,
  stockholmToday,
} from './service/reminders.ts';

const BASE = 'http://kn.example';
const deps = { mailer: createMailer({ from: 'test@kompetensnavet.local' }), baseUrl: BASE };

let db: Db;
let regionId: string;
let admin: TestUser;
let coach: TestUser;
let englishCoach: TestUser;
let removedCoach: TestUser;
let engagement: string;
let closedEngagement: string;
let today: string;

const day = (offset: number): string => {
  const d = new Date(`${today}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
};

async function makeEngagement(step: string, companyName: string): Promise<string> {
  const company = await makeCompany(db, admin, { name: companyName });
  const id = randomUUID();
  await db.query(
    `INSERT INTO engagements (id, company_id, region_id, municipality_code, step, planned_hours, closed_at)
     VALUES ($1, $2, $3, '0781', $4, 15, CASE WHEN $4 = 'closed' THEN now() END)`,
    [id, company, regionId, step],
  );
  return id;
}

async function assign(engagementId: string, user: TestUser, removed = false): Promise<void> {
  await db.query(
    `INSERT INTO engagement_coaches (id, engagement_id, user_id, organisation_id, removed_at)
     VALUES ($1, $2, $3, $4, CASE WHEN $5 THEN now() END)`,
    [randomUUID(), engagementId, user.id, regionId, removed],
  );
}

async function meeting(
  engagementId: string,
  heldOn: string,
  status = 'planned',
  startsAt: string | null = null,
) {
  await db.query(
    `INSERT INTO coaching_meetings (id, engagement_id, held_on, starts_at, minutes, kind, status, owner_org_id)
     VALUES ($1, $2, $3, $4, 90, 'on_site', $5, $6)`,
    [randomUUID(), engagementId, heldOn, startsAt, status, regionId],
  );
}

async function plan(engagementId: string, actions: { dueOn: string; status: string }[]) {
  const planId = randomUUID();
  await db.query('INSERT INTO coaching_plans (id, engagement_id) VALUES ($1, $2)', [planId, engagementId]);
  for (const [i, a] of actions.entries())
    await db.query(
      `INSERT INTO plan_actions (id, plan_id, position, title, kind, due_on, status)
       VALUES ($1, $2, $3, 'Utbilda svetsare', 'externalTraining', $4, $5)`,
      [randomUUID(), planId, i, a.dueOn, a.status],
    );
}

async function followup(engagementId: string, months: number, dueOn: string, done = false) {
  await db.query(
    `INSERT INTO plan_followups (id, engagement_id, months, due_on, done_at)
     VALUES ($1, $2, $3, $4, CASE WHEN $5 THEN now() END)`,
    [randomUUID(), engagementId, months, dueOn, done],
  );
}

async function outbox() {
  return db.query<{ to_address: string; subject: string; body_text: string; region_id: string }>(
    'SELECT to_address, subject, body_text, region_id FROM mail_outbox ORDER BY created_at, to_address',
  );
}

beforeAll(async () => {
  db = await testDb();
  today = stockholmToday();
  regionId = await ensureRegion(db, '07');
  admin = await makeUser(db, [{ role: 'region_admin', org: 'region' }]);
  coach = await makeUser(db, [{ role: 'coach', org: '0781' }], { email: 'coach.sv@example.test' });
  englishCoach = await makeUser(db, [{ role: 'coach', org: 'region' }], { email: 'coach.en@example.test' });
  await db.query(`UPDATE users SET locale = 'en' WHERE id = $1`, [englishCoach.id]);
  removedCoach = await makeUser(db, [{ role: 'coach', org: '0781' }], { email: 'removed@example.test' });
  const disabled = await makeUser(db, [{ role: 'coach', org: '0781' }], { email: 'disabled@example.test' });
  await db.query('UPDATE users SET disabled_at = now() WHERE id = $1', [disabled.id]);

  engagement = await makeEngagement('implementation', 'Svetsarna i Ljungby AB');
  await assign(engagement, coach);
  await assign(engagement, englishCoach);
  await assign(engagement, removedCoach, true);
  await assign(engagement, disabled);
  await meeting(engagement, day(1), 'planned', '09:30');
  await meeting(engagement, day(1), 'cancelled');
  await meeting(engagement, day(3));
  await plan(engagement, [
    { dueOn: day(-2), status: 'ongoing' },
    { dueOn: day(-5), status: 'done' },
    { dueOn: day(2), status: 'planned' },
  ]);
  await followup(engagement, 3, day(5));
  await followup(engagement, 6, day(30));
  await followup(engagement, 12, day(-1), true);

  closedEngagement = await makeEngagement('closed', 'Stängda bolaget AB');
  await assign(closedEngagement, coach);
  await meeting(closedEngagement, day(1));
  await followup(closedEngagement, 3, day(1));
  await db.query('DELETE FROM mail_outbox');
});

afterAll(async () => {
  await db.close();
});

describe('coaching reminders', () => {
  it('mail each current coach once, in their language, with what is due and a link', async () => {
    const handler = coachingJobHandlers['coaching.reminders'];
    if (!handler) throw new Error('no handler');
    const ctx = { db, payload: {}, jobId: randomUUID(), attempt: 1, deps };
    await handler(ctx);
    await handler(ctx);
    const mails = await outbox();
    expect(mails.map((m) => m.to_address).sort()).toEqual(['coach.en@example.test', 'coach.sv@example.test']);
    const sv = mails.find((m) => m.to_address === 'coach.sv@example.test');
    const en = mails.find((m) => m.to_address === 'coach.en@example.test');
    expect(sv?.region_id).toBe(regionId);
    expect(sv?.subject).toBe('Påminnelse från Kompetensnavet: 3 saker att göra i coachningen');
    expect(sv?.body_text).toContain('Svetsarna i Ljungby AB');
    expect(sv?.body_text).toContain(`- Möte i morgon ${day(1)} kl. 09:30`);
    expect(sv?.body_text).toContain(`- Åtgärd i planen är försenad (skulle vara klar ${day(-2)})`);
    expect(sv?.body_text).toContain(`- Uppföljning efter 3 månader ska göras senast ${day(5)}`);
    expect(sv?.body_text).toContain(`${BASE}/coaching/${engagement}`);
    expect(sv?.body_text).not.toContain('Stängda bolaget');
    expect(sv?.body_text).not.toContain(day(3));
    expect(sv?.body_text).not.toContain(day(30));
    // No plan content beyond dates: action titles may name people.
    expect(sv?.body_text).not.toContain('Utbilda svetsare');
    expect(en?.subject).toBe('Reminder from Kompetensnavet: 3 things to do in coaching');
    expect(en?.body_text).toContain(`- Meeting tomorrow ${day(1)} at 09:30`);
    expect(en?.body_text).toContain(`- The 3-month follow-up is due by ${day(5)}`);
    const sent = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM coaching_reminders_sent WHERE sent_on = $1',
      [today],
    );
    expect(sent[0]?.n).toBe(6);
  });

  it('two runs at once send nothing twice; overdue items wait a week before the next reminder', async () => {
    await db.query('DELETE FROM mail_outbox');
    await db.query('DELETE FROM coaching_reminders_sent');
    const counts = await Promise.all([
      sendCoachingReminders(db, deps, today),
      sendCoachingReminders(db, deps, today),
    ]);
    expect(counts[0] + counts[1]).toBe(2);
    expect(await outbox()).toHaveLength(2);
    await db.query('DELETE FROM mail_outbox');
    // Tomorrow: no meeting the day after; the action and follow-up were reminded less than a week ago.
    expect(await sendCoachingReminders(db, deps, day(1))).toBe(0);
    // A week later both are due again.
    expect(await sendCoachingReminders(db, deps, day(7))).toBe(2);
    const again = await outbox();
    expect(again[0]?.body_text).toContain(day(-2));
    expect(again[0]?.body_text).not.toContain('Möte i morgon');
  });

  it('runs as the daily 07:00 job through the queue', async () => {
    expect(coachingJobSchedules).toEqual([{ name: 'coaching.reminders', dailyAt: '07:00' }]);
    await db.query('DELETE FROM mail_outbox');
    await db.query('DELETE FROM coaching_reminders_sent');
    await enqueue(db, { name: 'coaching.reminders' });
    const worker = startWorker({
      db,
      deps,
      handlers: coachingJobHandlers,
      logger: createLogger('silent'),
      autoStart: false,
    });
    expect(await worker.runOnce()).toBe(1);
    expect(await outbox()).toHaveLength(2);
  });
});
