import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openPglite, openPostgres } from '../../platform/db.ts';
import { migrate } from '../../platform/migrate.ts';
import { findMunicipality, type LoadResult, loadReferenceData, REFERENCE_DATA_DIR } from './index.ts';

// A fresh database: in-memory PGlite, or a new database on DATABASE_URL's server (dropped afterwards).
// To be replaced by the shared test helper.
async function openTestDb(): Promise<{ db: Db; close: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const { db } = await openPglite({});
    return { db, close: () => db.close() };
  }
  const name = `ref_test_${randomBytes(6).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(sql).finally(() => client.end());
  };
  await admin(`CREATE DATABASE ${name}`);
  const dbUrl = new URL(url);
  dbUrl.pathname = `/${name}`;
  const db = openPostgres(dbUrl.toString(), 2);
  return {
    db,
    close: async () => {
      await db.close();
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

const ALL = [
  'ref_counties',
  'ref_municipalities',
  'ref_sni',
  'ref_ssyk',
  'ref_ssyk_jobtech',
  'ref_isco',
  'ref_ssyk_isco',
  'ref_occupation_names',
  'ref_occupation_titles_scb',
  'ref_competences',
  'ref_ssyk_competences',
  'ref_sun_levels',
  'ref_sun_fields',
  'ref_esco_occupations',
  'ref_esco_skill_groups',
];

let db: Db;
let close: () => Promise<void>;
let first: LoadResult;
const tmpDirs: string[] = [];

beforeAll(async () => {
  ({ db, close } = await openTestDb());
  await migrate(db);
  first = await loadReferenceData(db);
}, 60_000);

afterAll(async () => {
  for (const dir of tmpDirs) fs.rmSync(dir, { recursive: true, force: true });
  await close?.();
});

async function count(sql: string, params: string[] = []): Promise<number> {
  const rows = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params);
  return rows[0]?.n ?? -1;
}

async function rowVersion(table: string, keyColumn: string, key: string): Promise<string> {
  const rows = await db.query<{ v: string }>(`SELECT xmin::text AS v FROM ${table} WHERE ${keyColumn} = $1`, [
    key,
  ]);
  return rows[0]?.v ?? 'missing';
}

/** A copy of reference-data/ that a test may edit. */
function copyOfReferenceData(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ref-data-'));
  tmpDirs.push(dir);
  fs.cpSync(REFERENCE_DATA_DIR, dir, { recursive: true });
  return dir;
}

function editFile(dir: string, file: string, edit: (text: string) => string): void {
  const target = path.join(dir, file);
  const before = fs.readFileSync(target, 'utf8');
  const after = edit(before);
  expect(after).not.toBe(before);
  fs.writeFileSync(target, after);
}

describe('first load', () => {
  it('loads every data set', () => {
    expect(first.loaded).toEqual(ALL);
    expect(first.unchanged).toEqual([]);
  });

  it('records the checksum and row count of every data set', async () => {
    const rows = await db.query<{ name: string; checksum: string; row_count: number }>(
      'SELECT name, checksum, row_count FROM reference_datasets ORDER BY name',
    );
    expect(rows.map((r) => r.name)).toEqual([...ALL].sort());
    for (const row of rows) {
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(row.row_count).toBe(await count(row.name));
    }
  });

  it('has the regions of the country', async () => {
    expect(await count('ref_counties')).toBe(21);
    expect(await count('ref_municipalities')).toBe(290);
    const kronoberg = await db.query<{ code: string }>(
      "SELECT code FROM ref_municipalities WHERE county_code = '07' ORDER BY code",
    );
    expect(kronoberg.map((r) => r.code)).toEqual([
      '0760',
      '0761',
      '0763',
      '0764',
      '0765',
      '0767',
      '0780',
      '0781',
    ]);
  });

  it('builds SNI 2007 with all five levels, names where the data has them', async () => {
    const levels = await db.query<{ level: number; n: number; named: number }>(
      'SELECT level::int AS level, count(*)::int AS n, count(name_sv)::int AS named FROM ref_sni GROUP BY level ORDER BY level',
    );
    expect(levels).toEqual([
      { level: 1, n: 21, named: 21 },
      { level: 2, n: 88, named: 88 },
      { level: 3, n: 272, named: 0 },
      { level: 4, n: 615, named: 0 },
      { level: 5, n: 821, named: 821 },
    ]);
    // Every row below a section hangs under a row one level up in the same section.
    expect(
      await count(`ref_sni c LEFT JOIN ref_sni p ON p.code = c.parent_code
        WHERE c.level > 1 AND (p.code IS NULL OR p.level <> c.level - 1 OR p.section <> c.section)`),
    ).toBe(0);
    const detail = await db.query(
      'SELECT level, name_sv, parent_code, section FROM ref_sni WHERE code = $1',
      ['25620'],
    );
    expect(detail).toEqual([{ level: 5, name_sv: 'Metallegoarbeten', parent_code: '2562', section: 'C' }]);
  });

  it('has both SSYK 2012 variants and the other classifications', async () => {
    expect(await count('ref_ssyk WHERE level = 4')).toBe(429);
    expect(await count('ref_ssyk')).toBe(633);
    expect(await count('ref_ssyk_jobtech')).toBe(603);
    expect(await count('ref_ssyk_jobtech WHERE level = 4')).toBe(400);
    expect(await count('ref_ssyk_isco')).toBe(672);
    expect(await count('ref_occupation_names')).toBe(2365);
    expect(await count('ref_occupation_titles_scb')).toBe(8618);
    expect(await count('ref_competences')).toBe(6640);
    expect(await count('ref_ssyk_competences')).toBe(17517);
    expect(await count('ref_sun_levels')).toBe(71);
    expect(await count('ref_sun_fields')).toBe(531);
    expect(await count('ref_isco')).toBe(619);
    expect(await count('ref_esco_occupations')).toBe(3007);
    expect(await count('ref_esco_skill_groups')).toBe(640);
  });

  it('keeps codes as strings with their leading zeros, and empty values as NULL', async () => {
    expect(await count('ref_municipalities WHERE code = $1', ['0114'])).toBe(1);
    expect(await count('ref_sni WHERE code = $1', ['01110'])).toBe(1);
    expect(await count('ref_ssyk WHERE code = $1', ['0110'])).toBe(1);
    expect(await count('ref_sun_fields WHERE code = $1', ['010a'])).toBe(1);
    expect(await count('ref_occupation_titles_scb WHERE id = 1 AND ssyk_code = $1', ['0110'])).toBe(1);
    expect(await count('ref_ssyk WHERE parent_code IS NULL')).toBe(10);
    expect(await count("ref_ssyk_jobtech WHERE definition_sv = ''")).toBe(0);
    expect(await count('ref_esco_skill_groups WHERE code IS NULL')).toBeGreaterThan(0);
  });
});

describe('loading again', () => {
  it('reports everything unchanged and writes nothing', async () => {
    const before = await db.query('SELECT name, checksum, loaded_at FROM reference_datasets ORDER BY name');
    const sniVersion = await rowVersion('ref_sni', 'code', '25620');
    const result = await loadReferenceData(db);
    expect(result).toEqual({ loaded: [], unchanged: ALL });
    expect(await db.query('SELECT name, checksum, loaded_at FROM reference_datasets ORDER BY name')).toEqual(
      before,
    );
    expect(await rowVersion('ref_sni', 'code', '25620')).toBe(sniVersion);
  });

  it('updates a changed row in place, keeps rows that left the file, and leaves other data sets alone', async () => {
    const dir = copyOfReferenceData();
    const name = 'Växjö "stad", {test} \\ 100%';
    editFile(dir, 'regions/kommuner.csv', (text) =>
      text.replace('0780,Växjö,', `0780,"${name.replaceAll('"', '""')}",`).replace(/^0781,.*\n/m, ''),
    );
    const untouched = await rowVersion('ref_municipalities', 'code', '0760');
    const sniVersion = await rowVersion('ref_sni', 'code', '25620');

    const result = await loadReferenceData(db, dir);

    expect(result.loaded).toEqual(['ref_municipalities']);
    expect(result.unchanged).toHaveLength(ALL.length - 1);
    expect(await findMunicipality(db, '0780')).toMatchObject({ code: '0780', name, countyCode: '07' });
    expect(await findMunicipality(db, '0781')).toMatchObject({ name: 'Ljungby' });
    expect(await count('ref_municipalities')).toBe(290);
    expect(await rowVersion('ref_municipalities', 'code', '0760')).toBe(untouched);
    expect(await rowVersion('ref_sni', 'code', '25620')).toBe(sniVersion);
    const [recorded] = await db.query<{ row_count: number }>(
      "SELECT row_count FROM reference_datasets WHERE name = 'ref_municipalities'",
    );
    expect(recorded?.row_count).toBe(289);

    expect((await loadReferenceData(db, dir)).loaded).toEqual([]);
    expect((await loadReferenceData(db)).loaded).toEqual(['ref_municipalities']);
    expect(await findMunicipality(db, '0780')).toMatchObject({ name: 'Växjö' });
  });

  it('writes nothing when a file is broken, and names the file and line', async () => {
    const dir = copyOfReferenceData();
    editFile(dir, 'regions/kommuner.csv', (text) => text.replace('0780,Växjö,', '0780,Växjö ändrad,'));
    editFile(dir, 'sni2007/sni2007_detaljgrupper.csv', (text) =>
      text.replace('25620,25.620,', '2562X,25.62X,'),
    );

    await expect(loadReferenceData(db, dir)).rejects.toThrow(/sni2007_detaljgrupper\.csv line \d+/);
    expect(await findMunicipality(db, '0780')).toMatchObject({ name: 'Växjö' });
    expect((await loadReferenceData(db)).loaded).toEqual([]);
  });

  it('refuses a file with a duplicate key', async () => {
    const dir = copyOfReferenceData();
    editFile(dir, 'regions/lan.csv', (text) => `${text}07,Kronobergs län igen\n`);
    await expect(loadReferenceData(db, dir)).rejects.toThrow(/ref_counties: duplicate key 07/);
    expect(await count('ref_counties')).toBe(21);
  });
});
