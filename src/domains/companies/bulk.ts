// Bulk writes of companies with their workplaces and contacts: one multi-row INSERT per table over
// unnest()ed arrays, so a batch of a few thousand companies costs three statements. Used by the
// synthetic-data seeder and the benchmark; derived columns (size class, SME) follow the same rules as
// a registration through the service.
import type { Db, SqlParam } from '../../platform/db.ts';
import { classifySme, sizeClass } from './sme.ts';

export interface BulkWorkplace {
  id: string;
  name: string | null;
  street: string | null;
  postalCode: string | null;
  city: string | null;
  municipalityCode: string;
}

export interface BulkContact {
  id: string;
  name: string;
  roleTitle: string | null;
  email: string | null;
  phone: string | null;
}

export interface BulkCompany {
  id: string;
  orgNumber: string;
  isSoleTrader: boolean;
  name: string;
  sniCode: string | null;
  regionId: string;
  ownerOrgId: string;
  employeesWomen: number;
  employeesMen: number;
  turnoverTsek: number | null;
  balanceTsek: number | null;
  partOfGroup: boolean;
  groupEmployees: number | null;
  groupTurnoverTsek: number | null;
  groupBalanceTsek: number | null;
  status: 'interested' | 'eligible' | 'active' | 'closed';
  foundVia: string;
  /** ISO 8601 timestamps. */
  createdAt: string;
  updatedAt: string;
  workplaces: BulkWorkplace[];
  contacts: BulkContact[];
}

type Cell = string | number | boolean | null;
type Column<T> = readonly [name: string, pgType: string, value: (row: T) => Cell];

type CompanyRow = BulkCompany & { sizeClass: string; isSme: boolean; smeReason: string };

const companyColumns: Column<CompanyRow>[] = [
  ['id', 'uuid', (c) => c.id],
  ['org_number', 'text', (c) => c.orgNumber],
  ['is_sole_trader', 'boolean', (c) => c.isSoleTrader],
  ['name', 'text', (c) => c.name],
  ['sni_code', 'text', (c) => c.sniCode],
  ['region_id', 'uuid', (c) => c.regionId],
  ['owner_org_id', 'uuid', (c) => c.ownerOrgId],
  ['employees_women', 'int', (c) => c.employeesWomen],
  ['employees_men', 'int', (c) => c.employeesMen],
  ['size_class', 'text', (c) => c.sizeClass],
  ['turnover_tsek', 'bigint', (c) => c.turnoverTsek],
  ['balance_tsek', 'bigint', (c) => c.balanceTsek],
  ['part_of_group', 'boolean', (c) => c.partOfGroup],
  ['group_employees', 'int', (c) => (c.partOfGroup ? c.groupEmployees : null)],
  ['group_turnover_tsek', 'bigint', (c) => (c.partOfGroup ? c.groupTurnoverTsek : null)],
  ['group_balance_tsek', 'bigint', (c) => (c.partOfGroup ? c.groupBalanceTsek : null)],
  ['is_sme', 'boolean', (c) => c.isSme],
  ['sme_reason', 'text', (c) => c.smeReason],
  ['status', 'text', (c) => c.status],
  ['found_via', 'text', (c) => c.foundVia],
  ['created_at', 'timestamptz', (c) => c.createdAt],
  ['updated_at', 'timestamptz', (c) => c.updatedAt],
];

type Child<T> = T & { companyId: string; position: number; createdAt: string };

const workplaceColumns: Column<Child<BulkWorkplace>>[] = [
  ['id', 'uuid', (w) => w.id],
  ['company_id', 'uuid', (w) => w.companyId],
  ['name', 'text', (w) => w.name],
  ['street', 'text', (w) => w.street],
  ['postal_code', 'text', (w) => w.postalCode],
  ['city', 'text', (w) => w.city],
  ['municipality_code', 'text', (w) => w.municipalityCode],
  ['position', 'smallint', (w) => w.position],
  ['created_at', 'timestamptz', (w) => w.createdAt],
];

const contactColumns: Column<Child<BulkContact>>[] = [
  ['id', 'uuid', (c) => c.id],
  ['company_id', 'uuid', (c) => c.companyId],
  ['name', 'text', (c) => c.name],
  ['role_title', 'text', (c) => c.roleTitle],
  ['email', 'text', (c) => c.email],
  ['phone', 'text', (c) => c.phone],
  ['position', 'smallint', (c) => c.position],
  ['created_at', 'timestamptz', (c) => c.createdAt],
];

/** INSERT … SELECT FROM unnest($1::type[], $2::type[], …): one array parameter per column. */
async function insertUnnest<T>(db: Db, table: string, columns: Column<T>[], rows: T[]): Promise<void> {
  if (rows.length === 0) return;
  const names = columns.map(([name]) => name).join(', ');
  const arrays = columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ');
  // Both drivers serialise null elements of an array parameter as NULL; SqlParam has no nullable array type.
  const params = columns.map(([, , value]) => rows.map(value) as unknown as SqlParam);
  await db.query(`INSERT INTO ${table} (${names}) SELECT * FROM unnest(${arrays})`, params);
}

function withDerived(c: BulkCompany): CompanyRow {
  const employees = c.employeesWomen + c.employeesMen;
  const sme = classifySme({
    employees,
    turnoverTsek: c.turnoverTsek,
    balanceTsek: c.balanceTsek,
    partOfGroup: c.partOfGroup,
    groupEmployees: c.partOfGroup ? c.groupEmployees : null,
    groupTurnoverTsek: c.partOfGroup ? c.groupTurnoverTsek : null,
    groupBalanceTsek: c.partOfGroup ? c.groupBalanceTsek : null,
  });
  return { ...c, sizeClass: sizeClass(employees), isSme: sme.isSme, smeReason: sme.reason };
}

function children<T>(companies: BulkCompany[], list: (c: BulkCompany) => T[]): Child<T>[] {
  return companies.flatMap((c) =>
    list(c).map((item, position) => ({ ...item, companyId: c.id, position, createdAt: c.createdAt })),
  );
}

/** Insert companies with their workplaces and contacts in one transaction (three statements). */
export async function insertCompaniesBulk(db: Db, companies: BulkCompany[]): Promise<void> {
  await db.tx(async (tx) => {
    await insertUnnest(tx, 'companies', companyColumns, companies.map(withDerived));
    await insertUnnest(
      tx,
      'company_workplaces',
      workplaceColumns,
      children(companies, (c) => c.workplaces),
    );
    await insertUnnest(
      tx,
      'company_contacts',
      contactColumns,
      children(companies, (c) => c.contacts),
    );
  });
}

/**
 * The highest serial used in the fictitious organisationsnummer series 502sss-sssC (the six digits
 * between the prefix and the check digit), or -1 when none is used yet.
 */
export async function maxFictitiousSerial(db: Db): Promise<number> {
  const rows = await db.query<{ serial: number | null }>(
    `SELECT max((substring(org_number FROM 4 FOR 3) || substring(org_number FROM 8 FOR 3))::int) AS serial
       FROM companies WHERE org_number LIKE '502___-____'`,
  );
  return rows[0]?.serial ?? -1;
}

/**
 * After a bulk load: ANALYZE for the planner's statistics, VACUUM for the visibility map that lets
 * counts use index-only scans. PostgreSQL's autovacuum would get there on its own; PGlite runs as a
 * single backend without autovacuum. One statement: VACUUM cannot run inside a transaction block.
 */
export async function vacuumAnalyzeCompanies(db: Db): Promise<void> {
  await db.exec('VACUUM (ANALYZE) companies, company_workplaces, company_contacts');
}

export async function countCompanies(db: Db): Promise<number> {
  const rows = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM companies');
  return rows[0]?.n ?? 0;
}
