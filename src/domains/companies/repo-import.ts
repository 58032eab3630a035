// SQL for company import and export: the company_imports table, and batched reads (one query per
// kind for a whole file or export chunk) instead of one look-up per row.
import type { Db, SqlParam } from '../../platform/db.ts';
import type { CompanyScope } from './policy.ts';
import { scopeSql } from './repo.ts';

export type ImportStatus = 'pending' | 'done' | 'cancelled';

export interface ImportRow<R = unknown, S = unknown> {
  id: string;
  userId: string;
  regionId: string;
  createdAt: Date;
  expiresAt: Date;
  fileName: string;
  duplicateMode: 'update' | 'skip';
  rows: R[];
  summary: S;
  status: ImportStatus;
}

const importColumns = `id, user_id AS "userId", region_id AS "regionId", created_at AS "createdAt",
  expires_at AS "expiresAt", file_name AS "fileName", duplicate_mode AS "duplicateMode", rows, summary, status`;

export async function insertImport(
  db: Db,
  row: Pick<ImportRow, 'id' | 'userId' | 'regionId' | 'fileName' | 'duplicateMode' | 'rows' | 'summary'>,
): Promise<void> {
  await db.query(
    `INSERT INTO company_imports (id, user_id, region_id, file_name, duplicate_mode, rows, summary)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb)`,
    [
      row.id,
      row.userId,
      row.regionId,
      row.fileName,
      row.duplicateMode,
      JSON.stringify(row.rows),
      JSON.stringify(row.summary),
    ],
  );
}

/** An unexpired import of this user; `lock` takes a row lock for the rest of the transaction. */
export async function findImport<R, S>(
  db: Db,
  id: string,
  userId: string,
  lock = false,
): Promise<ImportRow<R, S> | null> {
  const rows = await db.query<ImportRow<R, S>>(
    `SELECT ${importColumns} FROM company_imports
      WHERE id = $1 AND user_id = $2 AND expires_at > now()${lock ? ' FOR UPDATE' : ''}`,
    [id, userId],
  );
  return rows[0] ?? null;
}

export async function saveImport(
  db: Db,
  id: string,
  change: { status: ImportStatus; rows: unknown[]; summary: unknown },
): Promise<void> {
  await db.query(
    `UPDATE company_imports SET status = $2, rows = $3::jsonb, summary = $4::jsonb,
       confirmed_at = CASE WHEN $2 = 'done' THEN now() ELSE confirmed_at END
     WHERE id = $1`,
    [id, change.status, JSON.stringify(change.rows), JSON.stringify(change.summary)],
  );
}

/** Expired imports hold personal data nobody needs any more: delete them (any process may do it). */
export async function deleteExpiredImports(db: Db): Promise<void> {
  await db.query('DELETE FROM company_imports WHERE expires_at <= now()');
}

// ---------------------------------------------------------------- batched reads

export async function existingSniCodes(db: Db, codes: string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await db.query<{ code: string }>(
    'SELECT code FROM ref_sni WHERE level = 5 AND code = ANY($1::text[])',
    [codes],
  );
  return new Set(rows.map((r) => r.code));
}

/** Which of these organisationsnummer exist, and whether each is in the given scope. Nothing else. */
export async function companiesByOrgNumber(
  db: Db,
  orgNumbers: string[],
  scope: CompanyScope,
): Promise<{ id: string; orgNumber: string; inScope: boolean }[]> {
  if (orgNumbers.length === 0) return [];
  const params: SqlParam[] = [orgNumbers];
  return db.query(
    `SELECT c.id, c.org_number AS "orgNumber", ${scopeSql(scope, params)} AS "inScope"
       FROM companies c WHERE c.org_number = ANY($1::text[])`,
    params,
  );
}

export interface CompanyFacts {
  id: string;
  orgNumber: string;
  isSoleTrader: boolean;
  name: string;
  sniCode: string | null;
  regionId: string;
  regionCode: string | null;
  ownerOrgId: string;
  employeesWomen: number;
  employeesMen: number;
  sizeClass: string;
  turnoverTsek: number | null;
  balanceTsek: number | null;
  partOfGroup: boolean;
  groupEmployees: number | null;
  groupTurnoverTsek: number | null;
  groupBalanceTsek: number | null;
  isSme: boolean;
  status: string;
  foundVia: string;
  version: number;
  updatedAt: Date;
}

export async function companyFacts(db: Db, ids: string[]): Promise<CompanyFacts[]> {
  if (ids.length === 0) return [];
  return db.query<CompanyFacts>(
    `SELECT c.id, c.org_number AS "orgNumber", c.is_sole_trader AS "isSoleTrader", c.name, c.sni_code AS "sniCode",
            c.region_id AS "regionId", r.code AS "regionCode", c.owner_org_id AS "ownerOrgId",
            c.employees_women AS "employeesWomen", c.employees_men AS "employeesMen", c.size_class AS "sizeClass",
            c.turnover_tsek AS "turnoverTsek", c.balance_tsek AS "balanceTsek", c.part_of_group AS "partOfGroup",
            c.group_employees AS "groupEmployees", c.group_turnover_tsek AS "groupTurnoverTsek",
            c.group_balance_tsek AS "groupBalanceTsek", c.is_sme AS "isSme", c.status, c.found_via AS "foundVia",
            c.version, c.updated_at AS "updatedAt"
       FROM companies c JOIN organisations r ON r.id = c.region_id
      WHERE c.id = ANY($1::uuid[])`,
    [ids],
  );
}

export interface WorkplaceFacts {
  id: string;
  companyId: string;
  name: string | null;
  street: string | null;
  postalCode: string | null;
  city: string | null;
  municipalityCode: string;
  municipalityName: string;
  cfar: string | null;
}

export async function workplacesOf(db: Db, companyIds: string[]): Promise<WorkplaceFacts[]> {
  if (companyIds.length === 0) return [];
  return db.query<WorkplaceFacts>(
    `SELECT w.id, w.company_id AS "companyId", w.name, w.street, w.postal_code AS "postalCode", w.city,
            w.municipality_code AS "municipalityCode", m.name AS "municipalityName", w.cfar
       FROM company_workplaces w JOIN ref_municipalities m ON m.code = w.municipality_code
      WHERE w.company_id = ANY($1::uuid[]) ORDER BY w.company_id, w.position, w.created_at`,
    [companyIds],
  );
}

export interface ContactFacts {
  id: string;
  companyId: string;
  name: string;
  roleTitle: string | null;
  email: string | null;
  phone: string | null;
}

export async function contactsOf(db: Db, companyIds: string[]): Promise<ContactFacts[]> {
  if (companyIds.length === 0) return [];
  return db.query<ContactFacts>(
    `SELECT id, company_id AS "companyId", name, role_title AS "roleTitle", email, phone
       FROM company_contacts WHERE company_id = ANY($1::uuid[]) ORDER BY company_id, position, created_at`,
    [companyIds],
  );
}

/** The CFAR numbers of newly inserted workplaces (the bulk insert does not take them). */
export async function setWorkplaceCfar(db: Db, list: { id: string; cfar: string }[]): Promise<void> {
  if (list.length === 0) return;
  await db.query(
    `UPDATE company_workplaces w SET cfar = x.cfar FROM unnest($1::uuid[], $2::text[]) AS x(id, cfar) WHERE w.id = x.id`,
    [list.map((x) => x.id), list.map((x) => x.cfar)],
  );
}
