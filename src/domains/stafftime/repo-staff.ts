// All SQL of staff employment, consultant invoices and the summaries over time entries
// (staff_employment, consultant_invoices; reads staff_time_entries).
import type { Db, SqlParam } from '../../platform/db.ts';
import { EMPLOYMENT_JOIN, type Scope, scopeSql } from './repo.ts';

export interface StaffRow {
  userId: string;
  name: string;
  organisationId: string;
  organisationName: string;
  regionId: string;
  roles: string[];
  kind: 'employed' | 'external' | null;
  validFrom: string | null;
  hourlyCostSek: number | null;
}

/** Staff members (staff memberships) of the organisations in scope, with their current employment. */
export async function listStaff(db: Db, scope: Omit<Scope, 'userId'>): Promise<StaffRow[]> {
  const params: SqlParam[] = [scope.regionIds, scope.organisationIds];
  return db.query<StaffRow>(
    `SELECT u.id AS "userId", u.name, o.id AS "organisationId", o.name AS "organisationName", o.region_id AS "regionId",
            array_agg(DISTINCT m.role ORDER BY m.role) AS roles,
            se.kind, se.valid_from AS "validFrom", se.hourly_cost_sek::float8 AS "hourlyCostSek"
       FROM memberships m JOIN users u ON u.id = m.user_id JOIN organisations o ON o.id = m.organisation_id
       LEFT JOIN staff_employment se ON se.user_id = u.id AND se.organisation_id = o.id AND se.valid_to IS NULL
      WHERE m.role IN ('coach', 'municipality_officer', 'region_admin', 'esf_admin') AND u.disabled_at IS NULL
        AND (o.region_id = ANY($1::uuid[]) OR o.id = ANY($2::uuid[]))
      GROUP BY u.id, u.name, o.id, o.name, o.region_id, se.kind, se.valid_from, se.hourly_cost_sek
      ORDER BY lower(u.name), o.name`,
    params,
  );
}

/** Whether the user has a staff membership in the organisation; its region. */
export async function staffMembership(
  db: Db,
  userId: string,
  organisationId: string,
): Promise<{ regionId: string } | null> {
  const rows = await db.query<{ regionId: string }>(
    `SELECT o.region_id AS "regionId" FROM memberships m JOIN organisations o ON o.id = m.organisation_id
      WHERE m.user_id = $1 AND m.organisation_id = $2
        AND m.role IN ('coach', 'municipality_officer', 'region_admin', 'esf_admin') LIMIT 1`,
    [userId, organisationId],
  );
  return rows[0] ?? null;
}

export interface EmploymentRow {
  id: string;
  organisationId: string;
  organisationName: string;
  kind: 'employed' | 'external';
  validFrom: string;
  validTo: string | null;
  hourlyCostSek: number | null;
  setByName: string | null;
}

export async function employmentHistory(
  db: Db,
  userId: string,
  organisationIds: string[] | null,
): Promise<EmploymentRow[]> {
  return db.query<EmploymentRow>(
    `SELECT se.id, se.organisation_id AS "organisationId", o.name AS "organisationName", se.kind,
            se.valid_from AS "validFrom", se.valid_to AS "validTo", se.hourly_cost_sek::float8 AS "hourlyCostSek",
            u.name AS "setByName"
       FROM staff_employment se JOIN organisations o ON o.id = se.organisation_id
       LEFT JOIN users u ON u.id = se.set_by
      WHERE se.user_id = $1 AND ($2::uuid[] IS NULL OR se.organisation_id = ANY($2::uuid[]))
      ORDER BY o.name, se.valid_from DESC`,
    [userId, organisationIds],
  );
}

export async function currentEmployment(
  tx: Db,
  userId: string,
  organisationId: string,
): Promise<{ id: string; validFrom: string } | null> {
  const rows = await tx.query<{ id: string; validFrom: string }>(
    `SELECT id, valid_from AS "validFrom" FROM staff_employment
      WHERE user_id = $1 AND organisation_id = $2 AND valid_to IS NULL FOR UPDATE`,
    [userId, organisationId],
  );
  return rows[0] ?? null;
}

export async function closeEmployment(tx: Db, id: string, validTo: string): Promise<void> {
  await tx.query('UPDATE staff_employment SET valid_to = $2 WHERE id = $1', [id, validTo]);
}

export async function correctEmployment(
  tx: Db,
  id: string,
  v: { kind: string; hourlyCostSek: number | null; setBy: string },
): Promise<void> {
  await tx.query('UPDATE staff_employment SET kind = $2, hourly_cost_sek = $3, set_by = $4 WHERE id = $1', [
    id,
    v.kind,
    v.hourlyCostSek,
    v.setBy,
  ]);
}

export async function insertEmployment(
  tx: Db,
  v: {
    id: string;
    userId: string;
    organisationId: string;
    kind: string;
    validFrom: string;
    hourlyCostSek: number | null;
    setBy: string;
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO staff_employment (id, user_id, organisation_id, kind, valid_from, hourly_cost_sek, set_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [v.id, v.userId, v.organisationId, v.kind, v.validFrom, v.hourlyCostSek, v.setBy],
  );
}

/** The organisations where the user is registered as external staff for some day of the period. */
export async function externalOrganisations(
  db: Db,
  userId: string,
  from: string,
  to: string,
): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `SELECT DISTINCT organisation_id AS id FROM staff_employment
      WHERE user_id = $1 AND kind = 'external' AND valid_from <= $3 AND (valid_to IS NULL OR valid_to >= $2)`,
    [userId, from, to],
  );
  return rows.map((r) => r.id);
}

// ---------------------------------------------------------------- invoices

export interface InvoiceRow {
  id: string;
  userId: string;
  userName: string;
  organisationName: string;
  engagementId: string | null;
  companyId: string | null;
  companyName: string | null;
  invoiceNumber: string;
  invoiceDate: string;
  periodFrom: string;
  periodTo: string;
  hours: number;
  amountSek: number;
  note: string;
  recordedByName: string | null;
}

export async function listInvoices(db: Db, scope: Scope): Promise<InvoiceRow[]> {
  const params: SqlParam[] = [];
  const where = scopeSql(scope, params, 'i');
  return db.query<InvoiceRow>(
    `SELECT i.id, i.user_id AS "userId", u.name AS "userName", o.name AS "organisationName",
            i.engagement_id AS "engagementId", coalesce(i.company_id, g.company_id) AS "companyId", c.name AS "companyName",
            i.invoice_number AS "invoiceNumber", i.invoice_date AS "invoiceDate", i.period_from AS "periodFrom",
            i.period_to AS "periodTo", i.hours::float8 AS hours, i.amount_sek::float8 AS "amountSek", i.note,
            r.name AS "recordedByName"
       FROM consultant_invoices i JOIN users u ON u.id = i.user_id JOIN organisations o ON o.id = i.organisation_id
       LEFT JOIN engagements g ON g.id = i.engagement_id
       LEFT JOIN companies c ON c.id = coalesce(i.company_id, g.company_id)
       LEFT JOIN users r ON r.id = i.recorded_by
      WHERE ${where}
      ORDER BY i.invoice_date DESC, i.invoice_number LIMIT 500`,
    params,
  );
}

export interface InvoiceValues {
  id: string;
  userId: string;
  organisationId: string;
  engagementId: string | null;
  companyId: string | null;
  invoiceNumber: string;
  invoiceDate: string;
  periodFrom: string;
  periodTo: string;
  hours: number;
  amountSek: number;
  note: string;
  recordedBy: string;
}

/** False when the consultant already has an invoice with that number. */
export async function insertInvoice(db: Db, v: InvoiceValues): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO consultant_invoices (id, user_id, organisation_id, engagement_id, company_id, invoice_number,
            invoice_date, period_from, period_to, hours, amount_sek, note, recorded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
     ON CONFLICT (user_id, invoice_number) DO NOTHING RETURNING id`,
    [
      v.id,
      v.userId,
      v.organisationId,
      v.engagementId,
      v.companyId,
      v.invoiceNumber,
      v.invoiceDate,
      v.periodFrom,
      v.periodTo,
      v.hours,
      v.amountSek,
      v.note,
      v.recordedBy,
    ],
  );
  return rows.length > 0;
}

// ---------------------------------------------------------------- summaries

export interface SummaryRow {
  period: string;
  userId: string;
  userName: string;
  organisationName: string;
  kind: 'employed' | 'external' | 'unset';
  activity: string;
  companyName: string | null;
  hours: number;
  costSek: number | null;
}

export interface SummaryFilter {
  from: string;
  to: string;
  period: 'week' | 'month';
  userId?: string;
  organisationId?: string;
}

/** Hours per period × person × organisation × activity × company in scope, with the employed cost. */
export async function summaryRows(db: Db, scope: Scope, q: SummaryFilter): Promise<SummaryRow[]> {
  const params: SqlParam[] = [q.from, q.to];
  const where = [scopeSql(scope, params, 'e'), 'e.work_date BETWEEN $1 AND $2'];
  if (q.userId) {
    params.push(q.userId);
    where.push(`e.user_id = $${params.length}`);
  }
  if (q.organisationId) {
    params.push(q.organisationId);
    where.push(`e.organisation_id = $${params.length}`);
  }
  const unit = q.period === 'week' ? 'week' : 'month';
  return db.query<SummaryRow>(
    `SELECT date_trunc('${unit}', e.work_date)::date AS period, e.user_id AS "userId", u.name AS "userName",
            o.name AS "organisationName", coalesce(emp.kind, 'unset') AS kind, e.activity, c.name AS "companyName",
            sum(e.hours)::float8 AS hours,
            CASE WHEN coalesce(emp.kind, 'unset') = 'employed' THEN sum(e.hours * emp.hourly_cost_sek)::float8 END AS "costSek"
       FROM staff_time_entries e JOIN users u ON u.id = e.user_id JOIN organisations o ON o.id = e.organisation_id
       LEFT JOIN companies c ON c.id = e.company_id
       ${EMPLOYMENT_JOIN}
      WHERE ${where.join(' AND ')}
      GROUP BY 1, e.user_id, u.name, o.name, coalesce(emp.kind, 'unset'), e.activity, c.name
      ORDER BY 1, lower(u.name), o.name, e.activity, c.name NULLS FIRST
      LIMIT 20000`,
    params,
  );
}

export interface KindTotals {
  employed: { hours: number; costSek: number };
  external: { hours: number; invoicedSek: number; invoicedHours: number };
  unset: { hours: number };
}

/** Hours and cost of a region's staff between two dates, employed vs external (for ESF budgets). */
export async function hoursByKind(db: Db, regionId: string, from: string, to: string): Promise<KindTotals> {
  const rows = await db.query<{ kind: string; hours: number; cost: number }>(
    `SELECT coalesce(emp.kind, 'unset') AS kind, sum(e.hours)::float8 AS hours,
            coalesce(sum(e.hours * emp.hourly_cost_sek), 0)::float8 AS cost
       FROM staff_time_entries e JOIN organisations o ON o.id = e.organisation_id
       ${EMPLOYMENT_JOIN}
      WHERE o.region_id = $1 AND e.work_date BETWEEN $2 AND $3
      GROUP BY 1`,
    [regionId, from, to],
  );
  const inv = await db.query<{ amount: number; hours: number }>(
    `SELECT coalesce(sum(i.amount_sek), 0)::float8 AS amount, coalesce(sum(i.hours), 0)::float8 AS hours
       FROM consultant_invoices i JOIN organisations o ON o.id = i.organisation_id
      WHERE o.region_id = $1 AND i.period_from BETWEEN $2 AND $3`,
    [regionId, from, to],
  );
  const of = (k: string) => rows.find((r) => r.kind === k);
  return {
    employed: { hours: of('employed')?.hours ?? 0, costSek: of('employed')?.cost ?? 0 },
    external: {
      hours: of('external')?.hours ?? 0,
      invoicedSek: inv[0]?.amount ?? 0,
      invoicedHours: inv[0]?.hours ?? 0,
    },
    unset: { hours: of('unset')?.hours ?? 0 },
  };
}

/** Whether the user is staff (a staff membership) of an organisation in the scope. */
export async function staffInScope(db: Db, scope: Omit<Scope, 'userId'>, userId: string): Promise<boolean> {
  const rows = await db.query(
    `SELECT 1 FROM memberships m JOIN organisations o ON o.id = m.organisation_id
      WHERE m.user_id = $1 AND m.role IN ('coach', 'municipality_officer', 'region_admin', 'esf_admin')
        AND (o.region_id = ANY($2::uuid[]) OR o.id = ANY($3::uuid[])) LIMIT 1`,
    [userId, scope.regionIds, scope.organisationIds],
  );
  return rows.length > 0;
}

export async function userName(db: Db, userId: string): Promise<string | null> {
  const rows = await db.query<{ name: string }>('SELECT name FROM users WHERE id = $1', [userId]);
  return rows[0]?.name ?? null;
}
