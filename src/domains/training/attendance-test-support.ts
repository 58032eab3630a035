// Test data for the attendance tests (integration and browser): a provider organisation, a course with one
// occasion and its sessions, learners and enrolments, straight into the tables (no other helper's service).
import { randomUUID } from 'node:crypto';
import type { Db } from '../../platform/db.ts';

export async function makeProviderOrg(db: Db, regionId: string, name: string): Promise<string> {
  const id = randomUUID();
  await db.query(`INSERT INTO organisations (id, kind, name, region_id) VALUES ($1, 'provider', $2, $3)`, [
    id,
    name,
    regionId,
  ]);
  return id;
}

export interface OccasionFixture {
  courseId: string;
  occasionId: string;
  sessionIds: string[];
}

export async function makeOccasion(
  db: Db,
  o: {
    regionId: string;
    providerOrgId: string;
    title: string;
    sessions: { startsAt: string; endsAt: string; activity?: string }[];
    pct?: number;
    priceSek?: number;
    procured?: boolean;
    courseId?: string;
  },
): Promise<OccasionFixture> {
  const courseId = o.courseId ?? randomUUID();
  if (!o.courseId)
    await db.query(
      `INSERT INTO courses (id, region_id, provider_org_id, title, format, hours, price_sek, financing,
                            contract_reference, contract_from, contract_to, completion_attendance_pct, status)
       VALUES ($1, $2, $3, $4, 'classroom', 8, $5, $6, $7, $8, $9, $10, 'approved')`,
      [
        courseId,
        o.regionId,
        o.providerOrgId,
        o.title,
        o.priceSek ?? 0,
        o.procured ? 'procured' : 'company',
        o.procured ? 'AVT-2025-07' : null,
        o.procured ? '2025-01-01' : null,
        o.procured ? '2027-12-31' : null,
        o.pct ?? 80,
      ],
    );
  const occasionId = randomUUID();
  const days = o.sessions.map((s) => s.startsAt.slice(0, 10)).sort();
  await db.query(
    `INSERT INTO course_occasions (id, course_id, starts_on, ends_on, seats, enrolment_deadline)
     VALUES ($1, $2, $3, $4, 20, $3)`,
    [occasionId, courseId, days[0], days.at(-1) ?? days[0]],
  );
  const sessionIds: string[] = [];
  for (const s of o.sessions) {
    const id = randomUUID();
    await db.query(
      `INSERT INTO course_sessions (id, occasion_id, starts_at, ends_at, activity) VALUES ($1, $2, $3, $4, $5)`,
      [id, occasionId, s.startsAt, s.endsAt, s.activity ?? 'teaching'],
    );
    sessionIds.push(id);
  }
  return { courseId, occasionId, sessionIds };
}

export async function makeLearner(
  db: Db,
  companyId: string,
  firstName: string,
  lastName: string,
  userId: string | null = null,
): Promise<string> {
  const id = randomUUID();
  await db.query(
    `INSERT INTO learners (id, company_id, first_name, last_name, user_id) VALUES ($1, $2, $3, $4, $5)`,
    [id, companyId, firstName, lastName, userId],
  );
  return id;
}

export async function enrol(
  db: Db,
  occasionId: string,
  learnerId: string,
  companyId: string,
  paidBy: 'programme' | 'company' | 'free',
): Promise<string> {
  const id = randomUUID();
  await db.query(
    `INSERT INTO enrolments (id, occasion_id, learner_id, company_id, status, paid_by)
     VALUES ($1, $2, $3, $4, 'enrolled', $5)`,
    [id, occasionId, learnerId, companyId, paidBy],
  );
  return id;
}

/** An ISO timestamp `daysAgo` days before now at the given UTC hour and minute (negative: in the future). */
export function daysFromNow(days: number, hour: number, minute = 0): string {
  const d = new Date(Date.now() + days * 86_400_000);
  d.setUTCHours(hour, minute, 0, 0);
  return d.toISOString();
}
