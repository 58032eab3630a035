// Realistic roll-up data for tests (integration and browser): companies in several municipalities and
// industries, many small cells, a few dominant companies, written straight into the mapping tables
// (one statement per table).

import { randomUUID } from 'node:crypto';
import type { Db } from '../../platform/db.ts';
import { mappings } from '../mapping/index.ts';

export const MUNICIPALITIES = ['0760', '0761', '0763', '0764', '0765', '0767', '0780', '0781'];

/** A small deterministic PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SeededData {
  companyIds: string[];
  /** Active companies without a mapping in the round. */
  notMapped: string[];
}

type Row = Record<string, string | number | boolean | null>;

async function insertRows(db: Db, table: string, rows: Row[]): Promise<void> {
  const [first] = rows;
  if (!first) return;
  const cols = Object.keys(first).join(', ');
  await db.query(
    `INSERT INTO ${table} (${cols}) SELECT ${cols} FROM json_populate_recordset(NULL::${table}, $1::json)`,
    [JSON.stringify(rows)],
  );
}

async function pools(db: Db) {
  const divisions = await db.query<{ code: string; section: string }>(
    `SELECT DISTINCT ON (left(code, 2)) code, section FROM ref_sni
      WHERE level = 5 AND section IN ('C', 'F', 'G', 'Q', 'M') ORDER BY left(code, 2), code`,
  );
  const bySection = new Map<string, string[]>();
  for (const d of divisions) bySection.set(d.section, [...(bySection.get(d.section) ?? []), d.code]);
  // Manufacturing is the county's big industry: it gets more weight.
  const sni = [...bySection.entries()].flatMap(([section, codes]) =>
    codes.slice(0, 3).flatMap((c) => (section === 'C' ? [c, c, c] : [c])),
  );
  const ssyk = (
    await db.query<{ code: string }>(`SELECT code FROM ref_ssyk WHERE level = 4 ORDER BY code LIMIT 40`)
  ).map((x) => x.code);
  const comps = (
    await db.query<{ id: string }>(`SELECT concept_id AS id FROM ref_competences ORDER BY concept_id LIMIT 8`)
  ).map((x) => x.id);
  const [rare] = await db.query<{ code: string }>(
    `SELECT code FROM ref_sni WHERE level = 5 AND section = 'A' ORDER BY code LIMIT 1`,
  );
  return { sni, rare: rare?.code ?? '01110', ssyk: [0, 5, 12, 20, 33].map((i) => ssyk[i] ?? '7212'), comps };
}

/**
 * Inserts `count` companies with submitted mappings, needs and recruitments in the round (plus 6 active
 * companies without one). Big municipalities (0780, 0781) get most companies; every 17th company is
 * dominant (40–80 people per need); two are in
 * agriculture, a section with too few companies to publish.
 */
export async function seedRollupData(
  db: Db,
  opts: { regionId: string; roundId: string; instrumentId: string; count: number; seed: number },
): Promise<SeededData> {
  const r = prng(opts.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const { sni, rare, ssyk, comps } = await pools(db);
  const urg = ['now', 'within6Months', 'within6To12Months', 'within1To3Years'];
  const strat = ['trainInternally', 'externalTraining', 'recruit', 'validate', 'redeploy', 'retain'];
  const companies: Row[] = [];
  const workplaces: Row[] = [];
  const maps: Row[] = [];
  const needs: Row[] = [];
  const recruitments: Row[] = [];
  const companyIds: string[] = [];
  const notMapped: string[] = [];
  for (let i = 0; i < opts.count + 6; i++) {
    const id = randomUUID();
    const municipality = r() < 0.55 ? pick(['0780', '0781']) : pick(MUNICIPALITIES);
    // Two companies in agriculture (a rare industry): its cells always fail the rules.
    const sniCode = i % 100 === 7 ? rare : pick(sni);
    companies.push({
      id,
      org_number: `55${String(opts.seed * 10000 + i).padStart(8, '0')}`,
      name: `Rollup AB ${opts.seed}-${i}`,
      sni_code: sniCode,
      region_id: opts.regionId,
      owner_org_id: opts.regionId,
      size_class: '10-49',
      is_sme: true,
      sme_reason: 'test',
      status: 'active',
      found_via: 'municipality',
    });
    workplaces.push({ id: randomUUID(), company_id: id, name: 'Fabriken', municipality_code: municipality });
    if (i >= opts.count) {
      notMapped.push(id);
      continue;
    }
    companyIds.push(id);
    const mappingId = randomUUID();
    const base = { company_id: id, round_id: opts.roundId, region_id: opts.regionId };
    maps.push({
      id: mappingId,
      ...base,
      instrument_id: opts.instrumentId,
      mode: 'interview',
      status: 'submitted',
      submitted_at: new Date().toISOString(),
      maturity_score: 2.5,
      municipality_code: municipality,
      sni_code: sniCode,
    });
    const dominant = i % 17 === 3;
    const n = 1 + Math.floor(r() * 4);
    for (let p = 0; p < n; p++) {
      const people = dominant ? 40 + Math.floor(r() * 40) : 1 + Math.floor(r() * 5);
      const women = Math.floor(people * r());
      const coded = r() < 0.85;
      needs.push({
        mapping_id: mappingId,
        position: p,
        ...base,
        municipality_code: municipality,
        sni_code: sniCode,
        role_key: 'r1',
        ssyk_code: pick(ssyk),
        competence_id: coded ? pick(comps) : null,
        competence_text: coded ? null : 'Truckkort',
        gap_size: 1,
        women,
        men: people - women,
        urgency: pick(urg),
        strategy: pick(strat),
        difficulty: 2,
        priority: 1,
      });
    }
    if (r() < 0.7)
      recruitments.push({
        mapping_id: mappingId,
        position: 0,
        ...base,
        municipality_code: municipality,
        sni_code: sniCode,
        ssyk_code: pick(ssyk),
        count: dominant ? 30 : 1 + Math.floor(r() * 3),
        timing: 'now',
        difficulty: 1 + Math.floor(r() * 4),
        gender_goal: 'none',
      });
  }
  await insertRows(db, 'companies', companies);
  await insertRows(db, 'company_workplaces', workplaces);
  await insertRows(db, 'mappings', maps);
  await insertRows(db, 'mapping_needs', needs);
  await insertRows(db, 'mapping_recruitments', recruitments);
  // Written straight into the result tables, so the roll-up's pre-aggregated cells are rebuilt as a bulk
  // load would.
  await mappings.rebuildRollupCells(db, opts.roundId);
  return { companyIds, notMapped };
}
