import type { Db, SqlParam } from '../../platform/db.ts';
import type { CompanyScope } from './policy.ts';
import type { CompanyListQuery, CompanyStatus, ContactInput, WorkplaceInput } from './schema.ts';

/** Append the scope as one OR-ed condition; params are pushed onto `params`. */
export function scopeSql(scope: CompanyScope, params: SqlParam[], alias = 'c'): string {
  const parts: string[] = [];
  if (scope.regionIds.length === 1) {
    // Plain equality, not = ANY(array): only then can the planner walk (region_id, lower(name), id) in order.
    params.push(scope.regionIds[0]);
    parts.push(`${alias}.region_id = $${params.length}::uuid`);
  } else if (scope.regionIds.length > 1) {
    params.push(scope.regionIds);
    parts.push(`${alias}.region_id = ANY($${params.length}::uuid[])`);
  }
  if (scope.municipalityCodes.length) {
    params.push(scope.municipalityCodes);
    parts.push(
      `EXISTS (SELECT 1 FROM company_workplaces sw WHERE sw.company_id = ${alias}.id AND sw.municipality_code = ANY($${params.length}::text[]))`,
    );
  }
  if (scope.coachUserId) {
    params.push(scope.coachUserId);
    parts.push(
      `EXISTS (SELECT 1 FROM company_coaches sc WHERE sc.company_id = ${alias}.id AND sc.user_id = $${params.length})`,
    );
  }
  if (scope.companyIds.length) {
    params.push(scope.companyIds);
    parts.push(`${alias}.id = ANY($${params.length}::uuid[])`);
  }
  return parts.length ? `(${parts.join(' OR ')})` : 'false';
}

export interface CompanyListRow {
  id: string;
  orgNumber: string;
  isSoleTrader: boolean;
  name: string;
  sniCode: string | null;
  sniName: string | null;
  sizeClass: string;
  status: CompanyStatus;
  isSme: boolean;
  employeesWomen: number;
  employeesMen: number;
  municipalities: string | null;
  updatedAt: Date;
}

function filterSql(q: Omit<CompanyListQuery, 'page' | 'pageSize' | 'sort'>, params: SqlParam[]): string[] {
  const where: string[] = [];
  if (q.q) {
    const digits = q.q.replace(/[\s-]/g, '');
    params.push(`%${q.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`);
    const namePart = `c.name ILIKE $${params.length}`;
    if (/^\d{4,10}$/.test(digits)) {
      params.push(`${digits.slice(0, 6)}${digits.length > 6 ? `-${digits.slice(6)}` : ''}%`);
      where.push(`(${namePart} OR c.org_number LIKE $${params.length})`);
    } else where.push(namePart);
  }
  if (q.status) {
    params.push(q.status);
    where.push(`c.status = $${params.length}`);
  }
  if (q.municipality) {
    params.push(q.municipality);
    where.push(
      `EXISTS (SELECT 1 FROM company_workplaces fw WHERE fw.company_id = c.id AND fw.municipality_code = $${params.length})`,
    );
  }
  if (q.sni) {
    if (/^[A-U]$/.test(q.sni)) {
      params.push(q.sni);
      where.push(`c.sni_code IN (SELECT code FROM ref_sni WHERE level = 5 AND section = $${params.length})`);
    } else {
      params.push(`${q.sni}%`);
      where.push(`c.sni_code LIKE $${params.length}`);
    }
  }
  if (q.size) {
    params.push(q.size);
    where.push(`c.size_class = $${params.length}`);
  }
  if (q.sme) where.push(q.sme === 'yes' ? 'c.is_sme' : 'NOT c.is_sme');
  return where;
}

export async function listCompanies(
  db: Db,
  scope: CompanyScope,
  q: CompanyListQuery,
): Promise<{ rows: CompanyListRow[]; total: number }> {
  const params: SqlParam[] = [];
  const where = [scopeSql(scope, params), ...filterSql(q, params)].join(' AND ');
  const order = q.sort === 'updated' ? 'c.updated_at DESC, c.id' : 'lower(c.name), c.id';
  params.push(q.pageSize, (q.page - 1) * q.pageSize);
  // One statement: the total, and the page picked first with the municipalities of its rows only (not of
  // every skipped row). An empty page is one row without an id.
  const outerOrder = q.sort === 'updated' ? 'p."updatedAt" DESC, p.id' : 'p.sort_name, p.id';
  const found = await db.query<CompanyListRow & { total: number }>(
    `SELECT t.n AS total, p.id, p."orgNumber", p."isSoleTrader", p.name, p."sniCode", p."sniName", p."sizeClass",
            p.status, p."isSme", p."employeesWomen", p."employeesMen", p."updatedAt",
            (SELECT string_agg(DISTINCT m.name, ', ') FROM company_workplaces w
               JOIN ref_municipalities m ON m.code = w.municipality_code WHERE w.company_id = p.id) AS municipalities
       FROM (SELECT count(*)::int AS n FROM companies c WHERE ${where}) t
       LEFT JOIN LATERAL (
             SELECT c.id, c.org_number AS "orgNumber", c.is_sole_trader AS "isSoleTrader", c.name,
                    c.sni_code AS "sniCode", s.name_sv AS "sniName", c.size_class AS "sizeClass", c.status,
                    c.is_sme AS "isSme", c.employees_women AS "employeesWomen", c.employees_men AS "employeesMen",
                    c.updated_at AS "updatedAt", lower(c.name) AS sort_name
               FROM companies c LEFT JOIN ref_sni s ON s.code = c.sni_code
              WHERE ${where}
              ORDER BY ${order}
              LIMIT $${params.length - 1} OFFSET $${params.length}) p ON true
      ORDER BY ${outerOrder}`,
    params,
  );
  const total = found[0]?.total ?? 0;
  const rows = found.filter((r) => r.id !== null).map(({ total: _, ...row }) => row);
  return { rows, total };
}

export interface CompanyRow {
  id: string;
  orgNumber: string;
  isSoleTrader: boolean;
  name: string;
  sniCode: string | null;
  sniName: string | null;
  regionId: string;
  ownerOrgId: string;
  ownerOrgName: string;
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
  smeReason: string;
  status: CompanyStatus;
  foundVia: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export async function findCompany(db: Db, scope: CompanyScope, id: string): Promise<CompanyRow | null> {
  const params: SqlParam[] = [id];
  const rows = await db.query<CompanyRow>(
    `SELECT c.id, c.org_number AS "orgNumber", c.is_sole_trader AS "isSoleTrader", c.name, c.sni_code AS "sniCode",
            s.name_sv AS "sniName", c.region_id AS "regionId", c.owner_org_id AS "ownerOrgId", o.name AS "ownerOrgName",
            c.employees_women AS "employeesWomen", c.employees_men AS "employeesMen", c.size_class AS "sizeClass",
            c.turnover_tsek AS "turnoverTsek", c.balance_tsek AS "balanceTsek", c.part_of_group AS "partOfGroup",
            c.group_employees AS "groupEmployees", c.group_turnover_tsek AS "groupTurnoverTsek",
            c.group_balance_tsek AS "groupBalanceTsek", c.is_sme AS "isSme", c.sme_reason AS "smeReason", c.status,
            c.found_via AS "foundVia", c.version, c.created_at AS "createdAt", c.updated_at AS "updatedAt"
       FROM companies c
       LEFT JOIN ref_sni s ON s.code = c.sni_code
       JOIN organisations o ON o.id = c.owner_org_id
      WHERE c.id = $1 AND ${scopeSql(scope, params)}`,
    params,
  );
  return rows[0] ?? null;
}

export async function findIdByOrgNumber(db: Db, orgNumber: string): Promise<string | null> {
  const rows = await db.query<{ id: string }>('SELECT id FROM companies WHERE org_number = $1', [orgNumber]);
  return rows[0]?.id ?? null;
}

export interface WorkplaceRow extends Omit<WorkplaceInput, 'id'> {
  id: string;
  municipalityName: string;
}

export async function listWorkplaces(db: Db, companyId: string): Promise<WorkplaceRow[]> {
  return db.query<WorkplaceRow>(
    `SELECT w.id, w.name, w.street, w.postal_code AS "postalCode", w.city, w.municipality_code AS "municipalityCode",
            m.name AS "municipalityName", w.cfar
       FROM company_workplaces w JOIN ref_municipalities m ON m.code = w.municipality_code
      WHERE w.company_id = $1 ORDER BY w.position, w.created_at`,
    [companyId],
  );
}

export interface ContactRow extends Omit<ContactInput, 'id'> {
  id: string;
  userId: string | null;
}

export async function listContacts(db: Db, companyId: string): Promise<ContactRow[]> {
  return db.query<ContactRow>(
    `SELECT id, name, role_title AS "roleTitle", email, phone, user_id AS "userId"
       FROM company_contacts WHERE company_id = $1 ORDER BY position, created_at`,
    [companyId],
  );
}

export async function findContact(db: Db, companyId: string, contactId: string): Promise<ContactRow | null> {
  const rows = await db.query<ContactRow>(
    `SELECT id, name, role_title AS "roleTitle", email, phone, user_id AS "userId"
       FROM company_contacts WHERE company_id = $1 AND id = $2`,
    [companyId, contactId],
  );
  return rows[0] ?? null;
}

export async function linkContactUser(db: Db, contactId: string, userId: string): Promise<void> {
  await db.query('UPDATE company_contacts SET user_id = $2 WHERE id = $1', [contactId, userId]);
}

export interface CoachRow {
  userId: string;
  name: string;
}

export async function listCoaches(db: Db, companyId: string): Promise<CoachRow[]> {
  return db.query<CoachRow>(
    `SELECT u.id AS "userId", u.name FROM company_coaches cc JOIN users u ON u.id = cc.user_id
      WHERE cc.company_id = $1 ORDER BY u.name`,
    [companyId],
  );
}

export async function assignCoach(db: Db, companyId: string, userId: string, by: string): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO company_coaches (company_id, user_id, assigned_by) VALUES ($1, $2, $3)
     ON CONFLICT DO NOTHING RETURNING user_id`,
    [companyId, userId, by],
  );
  return rows.length > 0;
}

export async function unassignCoach(db: Db, companyId: string, userId: string): Promise<boolean> {
  const rows = await db.query(
    'DELETE FROM company_coaches WHERE company_id = $1 AND user_id = $2 RETURNING user_id',
    [companyId, userId],
  );
  return rows.length > 0;
}

export interface CompanyWrite {
  id: string;
  orgNumber: string;
  isSoleTrader: boolean;
  name: string;
  sniCode: string | null;
  regionId: string;
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
  smeReason: string;
  status: string;
  foundVia: string;
}

const WRITE_COLUMNS = [
  'org_number',
  'is_sole_trader',
  'name',
  'sni_code',
  'employees_women',
  'employees_men',
  'size_class',
  'turnover_tsek',
  'balance_tsek',
  'part_of_group',
  'group_employees',
  'group_turnover_tsek',
  'group_balance_tsek',
  'is_sme',
  'sme_reason',
  'status',
  'found_via',
];

function writeValues(c: CompanyWrite): SqlParam[] {
  return [
    c.orgNumber,
    c.isSoleTrader,
    c.name,
    c.sniCode,
    c.employeesWomen,
    c.employeesMen,
    c.sizeClass,
    c.turnoverTsek,
    c.balanceTsek,
    c.partOfGroup,
    c.groupEmployees,
    c.groupTurnoverTsek,
    c.groupBalanceTsek,
    c.isSme,
    c.smeReason,
    c.status,
    c.foundVia,
  ];
}

export async function insertCompany(db: Db, c: CompanyWrite): Promise<void> {
  const cols = ['id', 'region_id', 'owner_org_id', ...WRITE_COLUMNS];
  const values = [c.id, c.regionId, c.ownerOrgId, ...writeValues(c)];
  await db.query(
    `INSERT INTO companies (${cols.join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')})`,
    values,
  );
}

/** Update if the version still matches; returns false when someone else saved first. */
export async function updateCompany(
  db: Db,
  c: CompanyWrite,
  expectedVersion: number | null,
): Promise<boolean> {
  const values = writeValues(c);
  const sets = WRITE_COLUMNS.map((col, i) => `${col} = $${i + 2}`).join(', ');
  const params: SqlParam[] = [c.id, ...values];
  let versionCheck = '';
  if (expectedVersion !== null) {
    params.push(expectedVersion);
    versionCheck = ` AND version = $${params.length}`;
  }
  const rows = await db.query(
    `UPDATE companies SET ${sets}, version = version + 1, updated_at = now() WHERE id = $1${versionCheck} RETURNING id`,
    params,
  );
  return rows.length > 0;
}

export async function replaceWorkplaces(
  db: Db,
  companyId: string,
  list: (WorkplaceInput & { id: string })[],
): Promise<void> {
  await db.query('DELETE FROM company_workplaces WHERE company_id = $1 AND NOT (id = ANY($2::uuid[]))', [
    companyId,
    list.map((w) => w.id),
  ]);
  for (const [position, w] of list.entries()) {
    await db.query(
      `INSERT INTO company_workplaces (id, company_id, name, street, postal_code, city, municipality_code, cfar, position)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (id) DO UPDATE SET name = $3, street = $4, postal_code = $5, city = $6, municipality_code = $7,
         cfar = $8, position = $9 WHERE company_workplaces.company_id = $2`,
      [w.id, companyId, w.name, w.street, w.postalCode, w.city, w.municipalityCode, w.cfar, position],
    );
  }
}

export async function replaceContacts(
  db: Db,
  companyId: string,
  list: (ContactInput & { id: string })[],
): Promise<void> {
  await db.query('DELETE FROM company_contacts WHERE company_id = $1 AND NOT (id = ANY($2::uuid[]))', [
    companyId,
    list.map((c) => c.id),
  ]);
  for (const [position, c] of list.entries()) {
    await db.query(
      `INSERT INTO company_contacts (id, company_id, name, role_title, email, phone, position)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (id) DO UPDATE SET name = $3, role_title = $4, email = $5, phone = $6, position = $7
         WHERE company_contacts.company_id = $2`,
      [c.id, companyId, c.name, c.roleTitle, c.email, c.phone, position],
    );
  }
}

/** Link the company's contact rows with this e-mail address to a user account; returns how many. */
export async function linkContactsByEmail(
  db: Db,
  companyId: string,
  email: string,
  userId: string,
): Promise<number> {
  const rows = await db.query(
    `UPDATE company_contacts SET user_id = $3 WHERE company_id = $1 AND lower(email) = lower($2) RETURNING id`,
    [companyId, email, userId],
  );
  return rows.length;
}
