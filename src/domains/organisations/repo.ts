import type { Db } from '../../platform/db.ts';

export interface OrganisationRow {
  id: string;
  kind: 'region' | 'municipality' | 'provider';
  name: string;
  code: string | null;
  regionId: string;
  orgNumber: string | null;
}

const COLUMNS = `id, kind, name, code, region_id AS "regionId", org_number AS "orgNumber"`;

export async function insertOrganisation(db: Db, o: OrganisationRow): Promise<void> {
  await db.query(
    'INSERT INTO organisations (id, kind, name, code, region_id, org_number) VALUES ($1, $2, $3, $4, $5, $6)',
    [o.id, o.kind, o.name, o.code, o.regionId, o.orgNumber],
  );
}

export async function findByKindCode(db: Db, kind: string, code: string): Promise<OrganisationRow | null> {
  const rows = await db.query<OrganisationRow>(
    `SELECT ${COLUMNS} FROM organisations WHERE kind = $1 AND code = $2`,
    [kind, code],
  );
  return rows[0] ?? null;
}

export async function findById(db: Db, id: string): Promise<OrganisationRow | null> {
  const rows = await db.query<OrganisationRow>(`SELECT ${COLUMNS} FROM organisations WHERE id = $1`, [id]);
  return rows[0] ?? null;
}

export async function listInRegion(db: Db, regionId: string): Promise<OrganisationRow[]> {
  return db.query<OrganisationRow>(
    `SELECT ${COLUMNS} FROM organisations WHERE region_id = $1
      ORDER BY CASE kind WHEN 'region' THEN 0 WHEN 'municipality' THEN 1 ELSE 2 END, name`,
    [regionId],
  );
}

export interface ProgrammeRow {
  id: string;
  regionId: string;
  name: string;
  startsOn: string;
  endsOn: string;
  ruleSet: 'esf-2014-2020' | 'esf-plus-2021-2027';
  funders: { name: string; amountSek: number }[];
}

export async function insertProgramme(db: Db, p: ProgrammeRow): Promise<void> {
  await db.query(
    `INSERT INTO programmes (id, region_id, name, starts_on, ends_on, rule_set, funders)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [p.id, p.regionId, p.name, p.startsOn, p.endsOn, p.ruleSet, JSON.stringify(p.funders)],
  );
}

export async function listProgrammes(db: Db, regionIds: string[]): Promise<ProgrammeRow[]> {
  return db.query<ProgrammeRow>(
    `SELECT id, region_id AS "regionId", name, starts_on AS "startsOn", ends_on AS "endsOn", rule_set AS "ruleSet", funders
       FROM programmes WHERE region_id = ANY($1::uuid[]) ORDER BY starts_on DESC, name`,
    [regionIds],
  );
}
