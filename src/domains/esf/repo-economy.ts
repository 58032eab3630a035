// The SQL of the ESF economy: certified participant hours per month (signed certificates), employed staff's
// hours and costs per month, consultants' invoices per month, and the budget lines. Staff time tables
// (stafftime's, migration 0015) are only read here, as the funder's outcome.
import type { Db } from '../../platform/db.ts';

export const BUDGET_CATEGORIES = [
  'personnel',
  'services',
  'flat_rate',
  'participant_cofinancing',
  'other',
] as const;
export type BudgetCategory = (typeof BUDGET_CATEGORIES)[number];

export interface MonthHours {
  /** YYYY-MM */
  month: string;
  hours: number;
}

/**
 * Certified hours per month: for each participant and month, the latest version with status 'signed'.
 * Months as YYYY-MM within [fromMonth, toMonth].
 */
export async function certifiedHoursByMonth(
  db: Db,
  programmeId: string,
  fromMonth: string,
  toMonth: string,
): Promise<MonthHours[]> {
  return db.query<MonthHours>(
    `SELECT month, sum(total_hours)::int AS hours
       FROM (SELECT DISTINCT ON (c.participant_id, c.month) c.month, c.total_hours
               FROM esf_certificates c JOIN esf_participants p ON p.id = c.participant_id
              WHERE p.programme_id = $1 AND c.status = 'signed' AND c.month BETWEEN $2 AND $3
              ORDER BY c.participant_id, c.month, c.version DESC) latest
      GROUP BY month ORDER BY month`,
    [programmeId, fromMonth, toMonth],
  );
}

export interface MonthCost {
  month: string;
  hours: number;
  costSek: number;
}

/**
 * Employed staff's hours × their hourly cost (the employment row valid on each date) per month, for the
 * organisations of a region (the region itself, its municipalities and providers).
 */
export async function personnelByMonth(
  db: Db,
  regionId: string,
  from: string,
  to: string,
): Promise<MonthCost[]> {
  return db.query<MonthCost>(
    `SELECT to_char(e.work_date, 'YYYY-MM') AS month, sum(e.hours)::float8 AS hours,
            coalesce(sum(e.hours * emp.hourly_cost_sek), 0)::float8 AS "costSek"
       FROM staff_time_entries e JOIN organisations o ON o.id = e.organisation_id
       JOIN LATERAL (
         SELECT se.kind, se.hourly_cost_sek FROM staff_employment se
          WHERE se.user_id = e.user_id AND se.organisation_id = e.organisation_id
            AND se.valid_from <= e.work_date AND (se.valid_to IS NULL OR se.valid_to >= e.work_date)
          ORDER BY se.valid_from DESC LIMIT 1) emp ON emp.kind = 'employed'
      WHERE (o.region_id = $1 OR o.id = $1) AND e.work_date BETWEEN $2::date AND $3::date
      GROUP BY 1 ORDER BY 1`,
    [regionId, from, to],
  );
}

export interface MonthAmount {
  month: string;
  amountSek: number;
}

/** External consultants' invoices (services) per month of the invoice date. */
export async function invoicesByMonth(
  db: Db,
  regionId: string,
  from: string,
  to: string,
): Promise<MonthAmount[]> {
  return db.query<MonthAmount>(
    `SELECT to_char(i.invoice_date, 'YYYY-MM') AS month, sum(i.amount_sek)::float8 AS "amountSek"
       FROM consultant_invoices i JOIN organisations o ON o.id = i.organisation_id
      WHERE (o.region_id = $1 OR o.id = $1) AND i.invoice_date BETWEEN $2::date AND $3::date
      GROUP BY 1 ORDER BY 1`,
    [regionId, from, to],
  );
}

export interface BudgetLine {
  month: string;
  category: BudgetCategory;
  amountSek: number;
}

export async function budgetLines(db: Db, programmeId: string): Promise<BudgetLine[]> {
  return db.query<BudgetLine>(
    `SELECT month, category, amount_sek::float8 AS "amountSek" FROM esf_budget_lines
      WHERE programme_id = $1 ORDER BY month, category`,
    [programmeId],
  );
}

/** Replace a month's budget: the given categories are set, the others removed. */
export async function replaceBudgetMonth(
  db: Db,
  programmeId: string,
  month: string,
  lines: { category: BudgetCategory; amountSek: number }[],
): Promise<void> {
  await db.query('DELETE FROM esf_budget_lines WHERE programme_id = $1 AND month = $2', [programmeId, month]);
  if (lines.length === 0) return;
  await db.query(
    `INSERT INTO esf_budget_lines (programme_id, month, category, amount_sek)
     SELECT $1, $2, c, a FROM unnest($3::text[], $4::numeric[]) AS t(c, a)`,
    [programmeId, month, lines.map((l) => l.category), lines.map((l) => String(l.amountSek))],
  );
}
