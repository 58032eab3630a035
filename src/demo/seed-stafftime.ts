// Demo staff time: employment for the demo staff (Conny Coach and the Ljungby officer employed with an
// hourly cost, Alva in Alvesta an external consultant), about five weeks of time entries up to yesterday,
// two consultant invoices, and one signed month of Conny's. Called by the demo seed after the companies.
import { actorForUser } from '../domains/accounts/index.ts';
import {
  type Activity,
  createEntry,
  employmentInput,
  entryInput,
  invoiceInput,
  recordInvoice,
  setEmployment,
  signMonth,
} from '../domains/stafftime/index.ts';
import type { Actor } from '../platform/auth.ts';
import type { Db } from '../platform/db.ts';

const stockholm = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' });

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

async function actorByEmail(db: Db, email: string): Promise<Actor | null> {
  const rows = await db.query<{ id: string }>('SELECT id FROM users WHERE lower(email) = lower($1)', [email]);
  return rows[0] ? actorForUser(db, rows[0].id, 'session') : null;
}

async function orgByCode(db: Db, code: string): Promise<string | null> {
  const rows = await db.query<{ id: string }>(
    `SELECT id FROM organisations WHERE kind = 'municipality' AND code = $1`,
    [code],
  );
  return rows[0]?.id ?? null;
}

async function coachedCompanies(db: Db, userId: string): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    'SELECT company_id AS id FROM company_coaches WHERE user_id = $1 ORDER BY company_id',
    [userId],
  );
  return rows.map((r) => r.id);
}

const PATTERN: { activity: Activity; hours: number; withCompany: boolean }[][] = [
  [
    { activity: 'coaching', hours: 3, withCompany: true },
    { activity: 'administration', hours: 1.5, withCompany: false },
  ],
  [
    { activity: 'mapping', hours: 2.5, withCompany: true },
    { activity: 'project_management', hours: 2, withCompany: false },
  ],
  [{ activity: 'coaching', hours: 4, withCompany: true }],
  [
    { activity: 'information', hours: 1, withCompany: false },
    { activity: 'training_coordination', hours: 2, withCompany: false },
  ],
  [{ activity: 'coaching', hours: 2.5, withCompany: true }],
];

async function logWeeks(
  db: Db,
  actor: Actor,
  opts: { days: number; companies: string[]; organisationId: string; scale: number },
): Promise<void> {
  const today = stockholm.format(new Date());
  let n = 0;
  for (let back = opts.days; back >= 1; back--) {
    const date = addDays(today, -back);
    const weekday = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
    if (weekday > 4) continue;
    for (const item of PATTERN[weekday] ?? []) {
      const company =
        item.withCompany && opts.companies.length ? opts.companies[n % opts.companies.length] : null;
      n++;
      await createEntry(
        db,
        actor,
        entryInput.parse({
          workDate: date,
          hours: Math.max(0.5, Math.round(item.hours * opts.scale * 2) / 2),
          activity: item.activity,
          companyId: company ?? '',
          organisationId: opts.organisationId,
          note: '',
        }),
      );
    }
  }
}

/** Seed the demo staff time (idempotent: does nothing when any time entry exists). */
export async function seedStaffTime(db: Db): Promise<void> {
  const existing = await db.query('SELECT 1 FROM staff_time_entries LIMIT 1');
  if (existing.length > 0) return;
  const [admin, coach, consultant, officer] = await Promise.all([
    actorByEmail(db, 'region.admin@example.org'),
    actorByEmail(db, 'coach@example.org'),
    actorByEmail(db, 'coach.alvesta@example.org'),
    actorByEmail(db, 'officer.ljungby@example.org'),
  ]);
  const [ljungby, vaxjo, alvesta] = await Promise.all([
    orgByCode(db, '0781'),
    orgByCode(db, '0780'),
    orgByCode(db, '0764'),
  ]);
  if (!admin || !coach || !consultant || !officer || !ljungby || !vaxjo || !alvesta) return;
  const employ = (who: Actor, organisationId: string, kind: 'employed' | 'external', cost: number | null) =>
    setEmployment(
      db,
      admin,
      who.userId,
      employmentInput.parse({ organisationId, kind, validFrom: '2024-09-01', hourlyCostSek: cost ?? '' }),
    );
  await employ(coach, ljungby, 'employed', 520);
  await employ(coach, vaxjo, 'employed', 520);
  await employ(officer, ljungby, 'employed', 480);
  await employ(consultant, alvesta, 'external', null);

  const coachCompanies = await coachedCompanies(db, coach.userId);
  const consultantCompanies = await coachedCompanies(db, consultant.userId);
  await logWeeks(db, coach, { days: 40, companies: coachCompanies, organisationId: ljungby, scale: 1 });
  await logWeeks(db, consultant, {
    days: 35,
    companies: consultantCompanies,
    organisationId: alvesta,
    scale: 1.5,
  });
  await logWeeks(db, officer, { days: 21, companies: [], organisationId: ljungby, scale: 0.5 });

  const today = stockholm.format(new Date());
  const lastMonth = addDays(`${today.slice(0, 7)}-01`, -1).slice(0, 7);
  const monthBefore = addDays(`${lastMonth}-01`, -1).slice(0, 7);
  const lastDay = (month: string) => addDays(`${addDays(`${month}-28`, 4).slice(0, 7)}-01`, -1);
  for (const [i, month] of [monthBefore, lastMonth].entries()) {
    await recordInvoice(
      db,
      consultant,
      invoiceInput.parse({
        companyId: consultantCompanies[i % Math.max(1, consultantCompanies.length)] ?? '',
        invoiceNumber: `AC-${month.replace('-', '')}-${i + 1}`,
        invoiceDate: [addDays(lastDay(month), 3), today].sort()[0],
        periodFrom: `${month}-01`,
        periodTo: lastDay(month),
        hours: 18 + i * 4.5,
        amountSek: (18 + i * 4.5) * 1150,
        note: 'Coachning enligt avtal (demo)',
      }),
    );
  }
  // Conny's report of the month before last is signed (and so locked).
  await signMonth(db, coach, monthBefore);
}
