// All SQL of the insights domain. A read model: besides its own tables (coverage_targets,
// insights_disclosure_rules) it reads the mapping domain's structured results (mapping_needs,
// mapping_recruitments, mappings, mapping_rounds, mapping_requirements), companies and reference tables.
import type { Db, SqlParam } from '../../platform/db.ts';
import { type ConceptKind, conceptNames } from '../reference/index.ts';
import { type Dim, OTHER_COMPETENCE, UNKNOWN } from './dims.ts';

export type Source = 'needs' | 'recruitments';

/** An axis of a roll-up: a dimension (or one constant column), optionally split into own municipality / rest. */
export interface AxisSpec {
  readonly dim: Dim | 'all';
  /** Include the dimension's parent level (e.g. SNI section above division). */
  readonly withParent: boolean;
  /** Officers: leaves become `own|<code>` / `rest|<code>` under the parents `own` and `rest`. */
  readonly splitMunicipality?: string;
}

export interface RollupSpec {
  readonly source: Source;
  readonly regionId: string;
  readonly roundId: string | null;
  readonly rows: AxisSpec;
  readonly cols: AxisSpec;
  readonly filters: readonly { readonly dim: Dim; readonly value: string }[];
  /** Compute from the raw needs even where the pre-aggregated cells would answer (tests compare the two). */
  readonly raw?: boolean;
}

/** One cell at any level, as the database grouped it. `rowLevel`/`colLevel`: 0 leaf, 1 group, 2 total. */
export interface StatsRow {
  rowLevel: number;
  colLevel: number;
  rl: string | null;
  rp: string | null;
  cl: string | null;
  cp: string | null;
  companies: number;
  people: number;
  largest: number;
  women: number;
  men: number;
  needs: number;
  weighted: number;
}

const u = `'${UNKNOWN}'`;

function leafExpr(source: Source, dim: Dim | 'all'): string {
  switch (dim) {
    case 'all':
      return `'all'`;
    case 'municipality':
      return `coalesce(n.municipality_code, ${u})`;
    case 'sniSection':
      return `coalesce(s.section, ${u})`;
    case 'sniDivision':
      return `coalesce(left(n.sni_code, 2), ${u})`;
    case 'ssykMajor':
      return `coalesce(left(n.ssyk_code, 1), ${u})`;
    case 'ssykUnit':
      return `coalesce(n.ssyk_code, ${u})`;
    case 'competence':
      return source === 'needs'
        ? `coalesce(n.competence_id, '${OTHER_COMPETENCE}')`
        : `'${OTHER_COMPETENCE}'`;
    case 'urgency':
      return source === 'needs' ? 'n.urgency' : 'n.timing';
    case 'strategy':
      return source === 'needs' ? 'n.strategy' : `'recruit'`;
    case 'round':
      return 'n.round_id::text';
  }
}

function parentExpr(source: Source, dim: Dim | 'all'): string | null {
  if (dim === 'sniDivision') return leafExpr(source, 'sniSection');
  if (dim === 'ssykUnit') return leafExpr(source, 'ssykMajor');
  return null;
}

function axisExprs(
  source: Source,
  axis: AxisSpec,
  params: SqlParam[],
): { leaf: string; parent: string | null } {
  const leaf = leafExpr(source, axis.dim);
  if (axis.splitMunicipality) {
    params.push(axis.splitMunicipality);
    const scope = `(CASE WHEN n.municipality_code = $${params.length} THEN 'own' ELSE 'rest' END)`;
    return { leaf: `${scope} || '|' || ${leaf}`, parent: scope };
  }
  return { leaf, parent: axis.withParent ? parentExpr(source, axis.dim) : null };
}

/** Grouping sets: every (row level × column level) cell, each per company. */
function groupingSets(rowParent: boolean, colParent: boolean): string {
  // rp / cp are always grouped with their leaf (a constant NULL without a hierarchy) so GROUPING() sees them.
  const rowLevels = [['rl', 'rp'], ...(rowParent ? [['rp']] : []), []];
  const colLevels = [['cl', 'cp'], ...(colParent ? [['cp']] : []), []];
  const sets = rowLevels.flatMap((r) => colLevels.map((c) => `(${[...r, ...c, 'company_id'].join(', ')})`));
  return sets.join(', ');
}

/**
 * The roll-up's cell statistics computed by the database: for every cell at every level (leaf, parent,
 * total on each axis) the distinct companies, the people, the largest company's people, and the other
 * measures. Only O(cells) rows come back, whatever the number of needs.
 */
export async function rollupStats(db: Db, spec: RollupSpec): Promise<StatsRow[]> {
  if (!spec.raw && fromCells(spec)) return rollupStatsFromCells(db, spec);
  const params: SqlParam[] = [spec.regionId];
  const table = spec.source === 'needs' ? 'mapping_needs' : 'mapping_recruitments';
  const where = ['n.region_id = $1'];
  if (spec.roundId) {
    params.push(spec.roundId);
    where.push(`n.round_id = $${params.length}::uuid`);
  }
  for (const f of spec.filters) {
    params.push(f.value);
    where.push(`${leafExpr(spec.source, f.dim)} = $${params.length}`);
  }
  where.push(spec.source === 'needs' ? 'n.women + n.men > 0' : 'n.count > 0');
  const row = axisExprs(spec.source, spec.rows, params);
  const col = axisExprs(spec.source, spec.cols, params);
  const people = spec.source === 'needs' ? 'n.women + n.men' : 'n.count';
  const women = spec.source === 'needs' ? 'n.women' : '0';
  const men = spec.source === 'needs' ? 'n.men' : '0';
  const weighted = spec.source === 'needs' ? '0' : 'n.difficulty * n.count';
  const text = `${row.leaf} ${row.parent ?? ''} ${col.leaf} ${col.parent ?? ''} ${where.join(' ')}`;
  const joinSni = text.includes('s.section') ? 'LEFT JOIN ref_sni s ON s.code = n.sni_code' : '';
  const sql = `
    WITH leafc AS (
      SELECT ${row.leaf} AS rl, ${row.parent ?? 'NULL::text'} AS rp, ${col.leaf} AS cl,
             ${col.parent ?? 'NULL::text'} AS cp, n.company_id,
             sum(${people})::bigint AS people, sum(${women})::bigint AS women, sum(${men})::bigint AS men,
             count(*)::bigint AS needs, sum(${weighted})::bigint AS weighted
        FROM ${table} n ${joinSni}
       WHERE ${where.join(' AND ')}
       GROUP BY 1, 2, 3, 4, 5
    ), per AS (
      SELECT GROUPING(rl) AS grl, GROUPING(rp) AS grp, GROUPING(cl) AS gcl, GROUPING(cp) AS gcp,
             rl, rp, cl, cp, company_id, sum(people) AS people, sum(women) AS women, sum(men) AS men,
             sum(needs) AS needs, sum(weighted) AS weighted
        FROM leafc
       GROUP BY GROUPING SETS (${groupingSets(row.parent !== null, col.parent !== null)})
    )
    SELECT CASE WHEN grl = 0 THEN 0 WHEN grp = 0 THEN 1 ELSE 2 END AS "rowLevel",
           CASE WHEN gcl = 0 THEN 0 WHEN gcp = 0 THEN 1 ELSE 2 END AS "colLevel",
           rl, rp, cl, cp, count(*)::int AS companies, sum(people)::bigint AS people,
           max(people)::bigint AS largest, sum(women)::bigint AS women, sum(men)::bigint AS men,
           sum(needs)::bigint AS needs, sum(weighted)::bigint AS weighted
      FROM per
     GROUP BY grl, grp, gcl, gcp, rl, rp, cl, cp`;
  return db.query<StatsRow>(sql, params);
}

/** Dimensions that are the same for all of a company's needs in a round (its cell). */
const companyLevelDims: readonly (Dim | 'all')[] = [
  'municipality',
  'sniSection',
  'sniDivision',
  'round',
  'all',
];

/** Whether the pre-aggregated cells (mapping_rollup_cells) answer this roll-up. */
function fromCells(spec: RollupSpec): boolean {
  return (
    spec.source === 'needs' &&
    companyLevelDims.includes(spec.rows.dim) &&
    companyLevelDims.includes(spec.cols.dim) &&
    spec.filters.every((f) => companyLevelDims.includes(f.dim))
  );
}

/**
 * The same statistics as `rollupStats`, from the mapping domain's pre-aggregated cells (one row per round ×
 * municipality × SNI code, maintained at submission). A company is in exactly one cell per round, so
 * companies and people add up over cells and the largest company of a group is the largest of its cells:
 * the result equals the raw computation, read from O(cells) rows instead of O(needs).
 */
async function rollupStatsFromCells(db: Db, spec: RollupSpec): Promise<StatsRow[]> {
  const params: SqlParam[] = [spec.regionId];
  const where = ['n.region_id = $1'];
  if (spec.roundId) {
    params.push(spec.roundId);
    where.push(`n.round_id = $${params.length}::uuid`);
  }
  for (const f of spec.filters) {
    params.push(f.value);
    where.push(`${leafExpr('needs', f.dim)} = $${params.length}`);
  }
  const row = axisExprs('needs', spec.rows, params);
  const col = axisExprs('needs', spec.cols, params);
  const text = `${row.leaf} ${row.parent ?? ''} ${col.leaf} ${col.parent ?? ''} ${where.join(' ')}`;
  const joinSni = text.includes('s.section') ? 'LEFT JOIN ref_sni s ON s.code = n.sni_code' : '';
  const rowLevels = [['rl', 'rp'], ...(row.parent !== null ? [['rp']] : []), []];
  const colLevels = [['cl', 'cp'], ...(col.parent !== null ? [['cp']] : []), []];
  const sets = rowLevels.flatMap((r) => colLevels.map((c) => `(${[...r, ...c].join(', ')})`)).join(', ');
  const sql = `
    -- coalesce: over no cells at all the grand-total set still yields one row, of NULL sums.
    SELECT CASE WHEN GROUPING(rl) = 0 THEN 0 WHEN GROUPING(rp) = 0 THEN 1 ELSE 2 END AS "rowLevel",
           CASE WHEN GROUPING(cl) = 0 THEN 0 WHEN GROUPING(cp) = 0 THEN 1 ELSE 2 END AS "colLevel",
           rl, rp, cl, cp, coalesce(sum(companies), 0)::int AS companies,
           coalesce(sum(people), 0)::bigint AS people, coalesce(max(largest), 0)::bigint AS largest,
           coalesce(sum(women), 0)::bigint AS women, coalesce(sum(men), 0)::bigint AS men,
           coalesce(sum(needs), 0)::bigint AS needs, 0::bigint AS weighted
      FROM (SELECT ${row.leaf} AS rl, ${row.parent ?? 'NULL::text'} AS rp, ${col.leaf} AS cl,
                   ${col.parent ?? 'NULL::text'} AS cp, n.companies, n.people, n.largest, n.women, n.men, n.needs
              FROM mapping_rollup_cells n ${joinSni}
             WHERE ${where.join(' AND ')}) c
     GROUP BY GROUPING SETS (${sets})`;
  return db.query<StatsRow>(sql, params);
}

// ---------------------------------------------------------------- labels, rounds, regions

export interface RoundRow {
  id: string;
  key: string;
  nameSv: string;
  nameEn: string;
}

export async function roundsOf(db: Db, regionId: string): Promise<RoundRow[]> {
  return db.query<RoundRow>(
    `SELECT id, key, name_sv AS "nameSv", name_en AS "nameEn" FROM mapping_rounds
      WHERE region_id = $1 ORDER BY position DESC, created_at DESC, key`,
    [regionId],
  );
}

/** The region shown on the public page: the first region created. */
export async function firstRegion(db: Db): Promise<{ id: string; name: string } | null> {
  const rows = await db.query<{ id: string; name: string }>(
    `SELECT id, name FROM organisations WHERE kind = 'region' ORDER BY created_at, id LIMIT 1`,
  );
  return rows[0] ?? null;
}

export async function regionMunicipalities(
  db: Db,
  regionId: string,
): Promise<{ code: string; name: string }[]> {
  return db.query(
    `SELECT m.code, m.name FROM organisations o JOIN ref_municipalities m ON m.code = o.code
      WHERE o.kind = 'municipality' AND o.region_id = $1 ORDER BY m.name`,
    [regionId],
  );
}

export async function sniSections(db: Db): Promise<{ code: string; name: string }[]> {
  return db.query(`SELECT code, coalesce(name_sv, code) AS name FROM ref_sni WHERE level = 1 ORDER BY code`);
}

/** Reference dimensions and the reference kind that names their codes (read through its cache). */
const referenceKind: Partial<Record<Dim, ConceptKind>> = {
  municipality: 'municipality',
  sniSection: 'sni',
  sniDivision: 'sni',
  ssykMajor: 'ssyk',
  ssykUnit: 'ssyk',
  competence: 'competence',
};

/** Names of the given codes of one dimension (codes without a name are left out). */
export async function labelsFor(db: Db, dim: Dim, codes: string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const kind = referenceKind[dim];
  if (kind) return conceptNames(db, kind, codes);
  if (dim !== 'round') return new Map();
  const rows = await db.query<{ code: string; name: string }>(
    'SELECT id::text AS code, name_sv AS name FROM mapping_rounds WHERE id::text = ANY($1::text[])',
    [codes],
  );
  return new Map(rows.map((r) => [r.code, r.name]));
}

// ---------------------------------------------------------------- disclosure rules of a region

export interface RulesRow {
  minCompanies: number;
  minPeople: number;
  dominance: number;
}

export async function regionRules(db: Db, regionId: string): Promise<RulesRow | null> {
  const rows = await db.query<{ minCompanies: number; minPeople: number; dominance: string }>(
    `SELECT min_companies AS "minCompanies", min_people AS "minPeople", dominance::text AS dominance
       FROM insights_disclosure_rules WHERE region_id = $1`,
    [regionId],
  );
  const r = rows[0];
  return r ? { minCompanies: r.minCompanies, minPeople: r.minPeople, dominance: Number(r.dominance) } : null;
}

export async function saveRegionRules(
  db: Db,
  regionId: string,
  rules: RulesRow,
  userId: string,
): Promise<void> {
  await db.query(
    `INSERT INTO insights_disclosure_rules (region_id, min_companies, min_people, dominance, updated_by)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (region_id) DO UPDATE SET min_companies = $2, min_people = $3, dominance = $4,
       updated_by = $5, updated_at = now()`,
    [regionId, rules.minCompanies, rules.minPeople, rules.dominance, userId],
  );
}

// ---------------------------------------------------------------- coverage

export interface CoverageRow {
  municipalityCode: string;
  sniSection: string;
  submitted: number;
  inProgress: number;
  eligible: number;
  target: number | null;
}

const HOME = `(SELECT w.municipality_code FROM company_workplaces w WHERE w.company_id = c.id
                ORDER BY w.position, w.created_at, w.id LIMIT 1)`;

/** Per municipality (a company's first workplace) × SNI section: mappings of the round and the target. */
export async function coverage(db: Db, regionId: string, roundId: string): Promise<CoverageRow[]> {
  return db.query<CoverageRow>(
    `WITH home AS (
       SELECT c.id, c.status, coalesce(s.section, '${UNKNOWN}') AS section, ${HOME} AS municipality_code
         FROM companies c LEFT JOIN ref_sni s ON s.code = c.sni_code WHERE c.region_id = $1
     ), counts AS (
       SELECT h.municipality_code, h.section,
              count(*) FILTER (WHERE m.status = 'submitted')::int AS submitted,
              count(*) FILTER (WHERE m.status = 'in_progress')::int AS in_progress,
              count(*) FILTER (WHERE h.status IN ('active', 'eligible'))::int AS eligible
         FROM home h LEFT JOIN mappings m ON m.company_id = h.id AND m.round_id = $2
        WHERE h.municipality_code IS NOT NULL
        GROUP BY 1, 2
     )
     SELECT coalesce(k.municipality_code, t.municipality_code) AS "municipalityCode",
            coalesce(k.section, t.sni_section) AS "sniSection", coalesce(k.submitted, 0) AS submitted,
            coalesce(k.in_progress, 0) AS "inProgress", coalesce(k.eligible, 0) AS eligible, t.target
       FROM counts k FULL JOIN (SELECT * FROM coverage_targets WHERE region_id = $1 AND round_id = $2) t
         ON t.municipality_code = k.municipality_code AND t.sni_section = k.section
      ORDER BY 1, 2`,
    [regionId, roundId],
  );
}

export interface MissingCompany {
  id: string;
  name: string;
  status: string;
  mappingStatus: string | null;
}

/** Active/eligible companies of a municipality × section without a submitted mapping, within a scope. */
export async function missingCompanies(
  db: Db,
  opts: {
    regionId: string;
    roundId: string;
    municipalityCode: string;
    sniSection: string;
    scopeWhere: string;
    params: SqlParam[];
  },
): Promise<MissingCompany[]> {
  const params = [...opts.params];
  params.push(opts.regionId, opts.roundId, opts.municipalityCode, opts.sniSection);
  const n = params.length;
  return db.query<MissingCompany>(
    `SELECT c.id, c.name, c.status, m.status AS "mappingStatus"
       FROM companies c
       LEFT JOIN ref_sni s ON s.code = c.sni_code
       LEFT JOIN mappings m ON m.company_id = c.id AND m.round_id = $${n - 2}::uuid
      WHERE c.region_id = $${n - 3}::uuid AND c.status IN ('active', 'eligible')
        AND ${HOME} = $${n - 1} AND coalesce(s.section, '${UNKNOWN}') = $${n}
        AND (m.status IS NULL OR m.status <> 'submitted') AND ${opts.scopeWhere}
      ORDER BY lower(c.name), c.id LIMIT 500`,
    params,
  );
}

export async function upsertTarget(
  db: Db,
  t: {
    regionId: string;
    roundId: string;
    municipalityCode: string;
    sniSection: string;
    target: number;
    userId: string | null;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO coverage_targets (region_id, round_id, municipality_code, sni_section, target, updated_by)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (region_id, round_id, municipality_code, sni_section)
     DO UPDATE SET target = $5, updated_by = $6, updated_at = now()`,
    [t.regionId, t.roundId, t.municipalityCode, t.sniSection, t.target, t.userId],
  );
}

// ---------------------------------------------------------------- exports (region admin only)

export interface NeedExportRow {
  mappingId: string;
  companyId: string;
  companyName: string;
  municipalityCode: string | null;
  sniCode: string | null;
  ssykCode: string | null;
  competenceId: string | null;
  competenceText: string | null;
  gapSize: number;
  women: number;
  men: number;
  urgency: string;
  cause: string | null;
  strategy: string;
  difficulty: number | null;
  hours: number | null;
  costSek: number | null;
  priority: number;
}

export async function needRows(db: Db, regionId: string, roundId: string): Promise<NeedExportRow[]> {
  return db.query<NeedExportRow>(
    `SELECT n.mapping_id AS "mappingId", n.company_id AS "companyId", c.name AS "companyName",
            n.municipality_code AS "municipalityCode", n.sni_code AS "sniCode", n.ssyk_code AS "ssykCode",
            n.competence_id AS "competenceId", n.competence_text AS "competenceText", n.gap_size AS "gapSize",
            n.women, n.men, n.urgency, n.cause, n.strategy, n.difficulty, n.hours, n.cost_sek AS "costSek",
            n.priority
       FROM mapping_needs n JOIN companies c ON c.id = n.company_id
      WHERE n.region_id = $1 AND n.round_id = $2 ORDER BY lower(c.name), n.mapping_id, n.position`,
    [regionId, roundId],
  );
}

export interface WideMapping {
  mappingId: string;
  companyId: string;
  companyName: string;
  municipalityCode: string | null;
  sniCode: string | null;
  maturityScore: string | null;
  submittedAt: string | null;
  needs: number;
  people: number;
}

export interface WideRequirement {
  mappingId: string;
  competence: string;
  levelNow: number;
  levelFuture: number;
  meetingNow: number;
}

export async function wideMappings(db: Db, regionId: string, roundId: string): Promise<WideMapping[]> {
  return db.query<WideMapping>(
    `SELECT m.id AS "mappingId", m.company_id AS "companyId", c.name AS "companyName",
            m.municipality_code AS "municipalityCode", m.sni_code AS "sniCode",
            m.maturity_score::text AS "maturityScore", to_char(m.submitted_at, 'YYYY-MM-DD') AS "submittedAt",
            (SELECT count(*)::int FROM mapping_needs n WHERE n.mapping_id = m.id) AS needs,
            (SELECT coalesce(sum(n.women + n.men), 0)::int FROM mapping_needs n WHERE n.mapping_id = m.id) AS people
       FROM mappings m JOIN companies c ON c.id = m.company_id
      WHERE m.region_id = $1 AND m.round_id = $2 AND m.status = 'submitted'
      ORDER BY lower(c.name), m.id`,
    [regionId, roundId],
  );
}

/** Role × competence requirements of the round's mappings, per mapping and competence. */
export async function wideRequirements(
  db: Db,
  regionId: string,
  roundId: string,
): Promise<WideRequirement[]> {
  return db.query<WideRequirement>(
    `SELECT r.mapping_id AS "mappingId", coalesce(r.competence_id, '${OTHER_COMPETENCE}') AS competence,
            max(r.level_now)::int AS "levelNow", max(r.level_future)::int AS "levelFuture",
            sum(r.meeting_now)::int AS "meetingNow"
       FROM mapping_requirements r JOIN mappings m ON m.id = r.mapping_id
      WHERE m.region_id = $1 AND m.round_id = $2 AND m.status = 'submitted'
      GROUP BY 1, 2 ORDER BY 2, 1`,
    [regionId, roundId],
  );
}
