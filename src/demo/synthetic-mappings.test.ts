import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDb } from '../../test/db.ts';
import type { Db } from '../platform/db.ts';
import { seedSynthetic } from './synthetic.ts';
import { SSYK_WEIGHTS, SYNTHETIC_ROUND_KEY, seedSyntheticMappings } from './synthetic-mappings.ts';

let db: Db;
beforeAll(async () => {
  db = await testDb();
  await seedSynthetic(db, { companies: 50, seed: 11 });
});
afterAll(() => db.close());

const count = async (sql: string) => (await db.query<{ n: number }>(sql))[0].n;

/** One digest over every generated row, to compare runs. */
async function digest(): Promise<string> {
  const [row] = await db.query<{ d: string }>(
    `SELECT md5(
       (SELECT string_agg(m::text, '|' ORDER BY m.id) FROM (SELECT id, company_id, mode, revision, submitted_at,
          maturity_score, municipality_code, sni_code FROM mappings) m) ||
       (SELECT string_agg(n::text, '|' ORDER BY n.mapping_id, n.position) FROM mapping_needs n) ||
       (SELECT string_agg(r::text, '|' ORDER BY r.mapping_id, r.row_key) FROM mapping_roles r) ||
       (SELECT string_agg(q::text, '|' ORDER BY q.mapping_id, q.position) FROM mapping_requirements q) ||
       (SELECT coalesce(string_agg(c::text, '|' ORDER BY c.mapping_id, c.position), '') FROM mapping_recruitments c) ||
       (SELECT string_agg(t::text, '|' ORDER BY t.mapping_id, t.statement_key) FROM mapping_maturity t)) AS d`,
  );
  return row.d;
}

async function removeMappings(): Promise<void> {
  await db.query('DELETE FROM mapping_needs');
  await db.query('DELETE FROM mapping_recruitments');
  await db.query('DELETE FROM mappings');
}

describe('seedSyntheticMappings', () => {
  let first: Awaited<ReturnType<typeof seedSyntheticMappings>>;
  beforeAll(async () => {
    first = await seedSyntheticMappings(db, { seed: 5, batchSize: 20 });
  });

  it('submits one mapping per synthetic company in round synthetic-start of the national instrument', async () => {
    expect(first.mappings).toBe(50);
    const [round] = await db.query<{ id: string; key: string }>(
      `SELECT r.id, r.key FROM mapping_rounds r JOIN organisations o ON o.id = r.region_id WHERE r.id = $1`,
      [first.roundId],
    );
    expect(round.key).toBe(SYNTHETIC_ROUND_KEY);
    const [instrument] = await db.query<{ region_id: string | null; key: string; status: string }>(
      'SELECT region_id, key, status FROM mapping_instruments WHERE id = $1',
      [first.instrumentId],
    );
    expect(instrument).toEqual({ region_id: null, key: 'common-method', status: 'published' });
    const rows = await db.query<{ status: string; n: number; ok: number }>(
      `SELECT m.status, count(*)::int AS n,
              count(*) FILTER (WHERE m.submitted_at IS NOT NULL AND m.maturity_score BETWEEN 1 AND 4
                AND m.round_id = $1 AND m.instrument_id = $2 AND m.region_id = c.region_id
                AND m.sni_code IS NOT DISTINCT FROM c.sni_code
                AND m.municipality_code = (SELECT w.municipality_code FROM company_workplaces w
                  WHERE w.company_id = c.id ORDER BY w.position, w.created_at, w.id LIMIT 1))::int AS ok
       FROM mappings m JOIN companies c ON c.id = m.company_id GROUP BY m.status`,
      [first.roundId, first.instrumentId],
    );
    expect(rows).toEqual([{ status: 'submitted', n: 50, ok: 50 }]);
  });

  it('writes about 20 needs per company, spread over roles, with realistic mixes', async () => {
    const [per] = await db.query<{ min: number; max: number; avg: number }>(
      `SELECT min(n)::int AS min, max(n)::int AS max, avg(n)::float8 AS avg
       FROM (SELECT mapping_id, count(*) AS n FROM mapping_needs GROUP BY 1) x`,
    );
    expect(per.min).toBeGreaterThanOrEqual(16);
    expect(per.max).toBeLessThanOrEqual(24);
    expect(per.avg).toBeGreaterThan(18);
    expect(per.avg).toBeLessThan(22);
    expect(first.needs).toBe(await count('SELECT count(*)::int AS n FROM mapping_needs'));
    // Needs agree with their mapping and role.
    expect(
      await count(
        `SELECT count(*)::int AS n FROM mapping_needs n JOIN mappings m ON m.id = n.mapping_id
         JOIN mapping_roles r ON r.mapping_id = n.mapping_id AND r.row_key = n.role_key
         WHERE n.company_id = m.company_id AND n.round_id = m.round_id AND n.region_id = m.region_id
           AND n.municipality_code = m.municipality_code AND n.sni_code IS NOT DISTINCT FROM m.sni_code
           AND n.ssyk_code = r.ssyk_code AND n.women BETWEEN 0 AND 5 AND n.men BETWEEN 0 AND 5
           AND n.women + n.men >= 1`,
      ),
    ).toBe(first.needs);
    const ssyk = await db.query<{ code: string }>('SELECT DISTINCT ssyk_code AS code FROM mapping_roles');
    const allowed = new Set(SSYK_WEIGHTS.map(([c]) => c));
    for (const { code } of ssyk) expect(allowed.has(code)).toBe(true);
    const freeText = await count('SELECT count(*)::int AS n FROM mapping_needs WHERE competence_id IS NULL');
    expect(freeText).toBeGreaterThan(0);
    expect(freeText / first.needs).toBeLessThan(0.1);
    const urgencies = await db.query<{ urgency: string }>('SELECT DISTINCT urgency FROM mapping_needs');
    expect(urgencies.map((u) => u.urgency).sort()).toEqual([
      'now',
      'within1To3Years',
      'within6Months',
      'within6To12Months',
    ]);
    // Skewed: the most common competence is far above the median one.
    const [top] = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM mapping_needs WHERE competence_id IS NOT NULL
       GROUP BY competence_id ORDER BY 1 DESC LIMIT 1`,
    );
    expect(top.n).toBeGreaterThanOrEqual(20);
  });

  it('gives every mapping roles, requirements, maturity (mean on the mapping) and valid keys', async () => {
    expect(await count('SELECT count(DISTINCT mapping_id)::int AS n FROM mapping_roles')).toBe(50);
    expect(await count('SELECT count(DISTINCT mapping_id)::int AS n FROM mapping_requirements')).toBe(50);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM mappings m
         WHERE m.maturity_score = (SELECT round(avg(score), 2) FROM mapping_maturity t WHERE t.mapping_id = m.id)
           AND (SELECT count(*) FROM mapping_maturity t WHERE t.mapping_id = m.id)
             = (SELECT count(DISTINCT statement_key) FROM mapping_maturity)`,
      ),
    ).toBe(50);
    expect(
      await count('SELECT count(DISTINCT statement_key)::int AS n FROM mapping_maturity'),
    ).toBeGreaterThanOrEqual(8);
    // Foreign keys hold although the seeder may skip their triggers.
    const dangling = [
      `SELECT count(*)::int AS n FROM mapping_needs n WHERE n.competence_id IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM ref_competences c WHERE c.concept_id = n.competence_id)`,
      `SELECT count(*)::int AS n FROM mapping_needs n
         WHERE NOT EXISTS (SELECT 1 FROM ref_ssyk s WHERE s.code = n.ssyk_code)
            OR NOT EXISTS (SELECT 1 FROM ref_municipalities r WHERE r.code = n.municipality_code)
            OR NOT EXISTS (SELECT 1 FROM ref_sni r WHERE r.code = n.sni_code)
            OR NOT EXISTS (SELECT 1 FROM companies c WHERE c.id = n.company_id)`,
      `SELECT count(*)::int AS n FROM mapping_requirements q WHERE (q.competence_id IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM ref_competences c WHERE c.concept_id = q.competence_id))
         OR NOT EXISTS (SELECT 1 FROM mapping_roles r WHERE r.mapping_id = q.mapping_id AND r.row_key = q.role_key)
         OR q.meeting_now > (SELECT r.women + r.men FROM mapping_roles r
                             WHERE r.mapping_id = q.mapping_id AND r.row_key = q.role_key)`,
      `SELECT count(*)::int AS n FROM mapping_recruitments c
         WHERE NOT EXISTS (SELECT 1 FROM ref_ssyk s WHERE s.code = c.ssyk_code)`,
    ];
    for (const sql of dangling) expect(await count(sql)).toBe(0);
  });

  it('adds nothing on a second run, and the same seed gives the same rows (also with key checks on)', async () => {
    const before = await digest();
    const again = await seedSyntheticMappings(db, { seed: 5 });
    expect(again.mappings).toBe(0);
    expect(await digest()).toBe(before);

    await removeMappings();
    // With the foreign-key triggers running, every key is checked by the database itself.
    const rerun = await seedSyntheticMappings(db, { seed: 5, skipForeignKeyTriggers: false });
    expect(rerun).toMatchObject({ roundId: first.roundId, mappings: 50, needs: first.needs });
    expect(await digest()).toBe(before);

    await removeMappings();
    await seedSyntheticMappings(db, { seed: 6 });
    expect(await digest()).not.toBe(before);
  });
});
