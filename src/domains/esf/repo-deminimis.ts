// SQL of de minimis aid: what the region's programme gave each company (held coaching minutes, prices of
// programme-paid enrolments) per year within a window, and the companies' declarations of other aid.
import type { Db } from '../../platform/db.ts';

export interface CompanyRef {
  id: string;
  name: string;
  orgNumber: string;
  soleTrader: boolean;
  regionId: string;
}

const COMPANY_COLS = `c.id, c.name, c.org_number AS "orgNumber", c.is_sole_trader AS "soleTrader",
  c.region_id AS "regionId"`;

export async function findCompany(db: Db, id: string): Promise<CompanyRef | null> {
  const [row] = await db.query<CompanyRef>(`SELECT ${COMPANY_COLS} FROM companies c WHERE c.id = $1`, [id]);
  return row ?? null;
}

export async function companiesByIds(db: Db, ids: string[]): Promise<CompanyRef[]> {
  if (ids.length === 0) return [];
  return db.query<CompanyRef>(`SELECT ${COMPANY_COLS} FROM companies c WHERE c.id = ANY($1::uuid[])`, [ids]);
}

export interface Window {
  regionId: string;
  /** Inclusive dates. */
  from: string;
  to: string;
  /** One company, or every company of the region. */
  companyId: string | null;
}

export interface CoachingYearRow {
  companyId: string;
  year: number;
  minutes: number;
  meetings: number;
}

/** Held coaching meeting minutes per company and year, of engagements of the region's companies. */
export async function coachingByYear(db: Db, w: Window): Promise<CoachingYearRow[]> {
  return db.query<CoachingYearRow>(
    `SELECT en.company_id AS "companyId", extract(year FROM m.held_on)::int AS year,
            sum(m.minutes)::int AS minutes, count(*)::int AS meetings
       FROM coaching_meetings m
       JOIN engagements en ON en.id = m.engagement_id
       JOIN companies c ON c.id = en.company_id
      WHERE m.status = 'held' AND m.held_on BETWEEN $2::date AND $3::date AND c.region_id = $1
        AND ($4::uuid IS NULL OR en.company_id = $4)
      GROUP BY en.company_id, extract(year FROM m.held_on)`,
    [w.regionId, w.from, w.to, w.companyId],
  );
}

export interface TrainingYearRow {
  companyId: string;
  year: number;
  priceSek: number;
  enrolments: number;
}

/** Course prices of programme-paid enrolments (not cancelled) per company and year of the occasion start. */
export async function trainingByYear(db: Db, w: Window): Promise<TrainingYearRow[]> {
  return db.query<TrainingYearRow>(
    `SELECT e.company_id AS "companyId", extract(year FROM o.starts_on)::int AS year,
            sum(co.price_sek)::float8 AS "priceSek", count(*)::int AS enrolments
       FROM enrolments e
       JOIN course_occasions o ON o.id = e.occasion_id
       JOIN courses co ON co.id = o.course_id
       JOIN companies c ON c.id = e.company_id
      WHERE e.paid_by = 'programme' AND e.status <> 'cancelled'
        AND o.starts_on BETWEEN $2::date AND $3::date AND c.region_id = $1
        AND ($4::uuid IS NULL OR e.company_id = $4)
      GROUP BY e.company_id, extract(year FROM o.starts_on)`,
    [w.regionId, w.from, w.to, w.companyId],
  );
}

export interface DeclarationRow {
  id: string;
  companyId: string;
  declaredOn: string;
  otherAidEur: number;
  details: string;
  recordedByName: string | null;
  createdAt: Date;
}

const DECL_COLS = `d.id, d.company_id AS "companyId", to_char(d.declared_on, 'YYYY-MM-DD') AS "declaredOn",
  d.other_aid_eur::float8 AS "otherAidEur", d.details, u.name AS "recordedByName", d.created_at AS "createdAt"`;

/** The latest declaration of each company (of the region) made within the window. */
export async function latestDeclarations(db: Db, w: Window): Promise<DeclarationRow[]> {
  return db.query<DeclarationRow>(
    `SELECT DISTINCT ON (d.company_id) ${DECL_COLS}
       FROM esf_deminimis_declarations d
       JOIN companies c ON c.id = d.company_id
       LEFT JOIN users u ON u.id = d.recorded_by
      WHERE c.region_id = $1 AND d.declared_on BETWEEN $2::date AND $3::date
        AND ($4::uuid IS NULL OR d.company_id = $4)
      ORDER BY d.company_id, d.declared_on DESC, d.created_at DESC`,
    [w.regionId, w.from, w.to, w.companyId],
  );
}

/** Every declaration of a company, latest first. */
export async function declarationsOf(db: Db, companyId: string): Promise<DeclarationRow[]> {
  return db.query<DeclarationRow>(
    `SELECT ${DECL_COLS} FROM esf_deminimis_declarations d LEFT JOIN users u ON u.id = d.recorded_by
      WHERE d.company_id = $1 ORDER BY d.declared_on DESC, d.created_at DESC`,
    [companyId],
  );
}

export async function insertDeclaration(
  db: Db,
  v: {
    id: string;
    programmeId: string;
    companyId: string;
    declaredOn: string;
    otherAidEur: number;
    details: string;
    recordedBy: string;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO esf_deminimis_declarations (id, programme_id, company_id, declared_on, other_aid_eur, details,
       recorded_by) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [v.id, v.programmeId, v.companyId, v.declaredOn, v.otherAidEur, v.details, v.recordedBy],
  );
}

/** A course's price per participant (SEK), or null when unknown. */
export async function coursePrice(db: Db, courseId: string): Promise<number | null> {
  const [row] = await db.query<{ price: number }>(
    'SELECT price_sek::float8 AS price FROM courses WHERE id = $1',
    [courseId],
  );
  return row ? row.price : null;
}
