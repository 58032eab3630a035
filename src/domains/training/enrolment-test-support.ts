// Helpers shared by the enrolment tests (not a test file itself): courses and occasions straight into the
// tables (approved), since the catalogue's services are built in parallel.
import { randomUUID } from 'node:crypto';
import type { Db } from '../../platform/db.ts';

/** An ISO date `offset` days from today (UTC). */
export function day(offset: number): string {
  return new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
}

export async function regionOf(db: Db, companyId: string): Promise<string> {
  const rows = await db.query<{ regionId: string }>(
    'SELECT region_id AS "regionId" FROM companies WHERE id = $1',
    [companyId],
  );
  return rows[0]?.regionId as string;
}

export async function makeProviderOrg(db: Db, regionId: string, name = 'Utbildarna AB'): Promise<string> {
  const id = randomUUID();
  await db.query(`INSERT INTO organisations (id, kind, name, region_id) VALUES ($1, 'provider', $2, $3)`, [
    id,
    name,
    regionId,
  ]);
  return id;
}

export async function makeCourse(
  db: Db,
  c: {
    regionId: string;
    providerOrgId: string;
    financing: 'procured' | 'company' | 'public';
    contractFrom?: string;
    contractTo?: string;
    title?: string;
    status?: string;
  },
): Promise<string> {
  const id = randomUUID();
  const procured = c.financing === 'procured';
  await db.query(
    `INSERT INTO courses (id, region_id, provider_org_id, title, format, hours, financing, contract_reference,
                          contract_from, contract_to, status, approved_at)
     VALUES ($1, $2, $3, $4, 'classroom', 16, $5, $6, $7, $8, $9, now())`,
    [
      id,
      c.regionId,
      c.providerOrgId,
      c.title ?? `Kurs ${id.slice(0, 6)}`,
      c.financing,
      procured ? 'LOU-2026-1' : null,
      procured ? (c.contractFrom ?? day(-30)) : null,
      procured ? (c.contractTo ?? day(90)) : null,
      c.status ?? 'approved',
    ],
  );
  return id;
}

export async function makeOccasion(
  db: Db,
  courseId: string,
  o: { startsOn: string; endsOn: string; seats: number; deadline: string; status?: 'open' | 'cancelled' },
): Promise<string> {
  const id = randomUUID();
  await db.query(
    `INSERT INTO course_occasions (id, course_id, starts_on, ends_on, seats, enrolment_deadline, status, location)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 'Ljungby')`,
    [id, courseId, o.startsOn, o.endsOn, o.seats, o.deadline, o.status ?? 'open'],
  );
  return id;
}

export async function addSession(db: Db, occasionId: string, startsOn: string): Promise<void> {
  await db.query(
    `INSERT INTO course_sessions (id, occasion_id, starts_at, ends_at)
     VALUES ($1, $2, ($3::date + time '08:00') AT TIME ZONE 'Europe/Stockholm',
                     ($3::date + time '16:00') AT TIME ZONE 'Europe/Stockholm')`,
    [randomUUID(), occasionId, startsOn],
  );
}

export async function statusCounts(db: Db, occasionId: string): Promise<Record<string, number>> {
  const rows = await db.query<{ status: string; n: number }>(
    'SELECT status, count(*)::int AS n FROM enrolments WHERE occasion_id = $1 GROUP BY status',
    [occasionId],
  );
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}
