// SQL of the programme's ESF rule set and unit costs.
import type { Db, SqlParam } from '../../platform/db.ts';

export interface ProgrammeBase {
  id: string;
  regionId: string;
  name: string;
  startsOn: string;
  endsOn: string;
  ruleSet: 'esf-2014-2020' | 'esf-plus-2021-2027';
  funders: { name: string; amountSek: number }[];
}

export interface RulesRow {
  ageBands: unknown;
  scbColumns: string[];
  grants: unknown;
  targets: unknown;
  flatRate: 'none' | 'indirect15' | 'other40';
  informationText: string;
  inactiveDays: number;
  deminimisCeilingEur: number;
  deminimisWarnShare: number;
  sekPerEur: number;
  retentionYears: number;
  updatedAt: Date;
}

export interface UnitCostRow {
  year: number;
  participantHourSek: number;
  staffHourSek: number;
}

const PROGRAMME_COLS = `id, region_id AS "regionId", name, to_char(starts_on, 'YYYY-MM-DD') AS "startsOn",
  to_char(ends_on, 'YYYY-MM-DD') AS "endsOn", rule_set AS "ruleSet", funders`;

/**
 * Another read about the same programme, done in programmeWithRules' statement (a round trip saved on pages
 * that need both): `expression` is one SQL value (JSON, say) that refers to the programme's id as
 * `programmes.id` and to its own `params` as $2, $3, …; `read` turns that value into its result.
 */
export interface AlongsideProgramme<T> {
  expression: string;
  params: SqlParam[];
  read(value: unknown): T;
}

/**
 * The region's programme running today (else the latest) with its rules (null before they were first
 * written) and unit costs, in one statement; with `along`, that read's result too.
 */
export async function programmeWithRules<T = undefined>(
  db: Db,
  regionIds: string[],
  along?: AlongsideProgramme<T>,
): Promise<
  (ProgrammeBase & { rules: RulesRow | null; unitCosts: UnitCostRow[]; along: T | undefined }) | null
> {
  const [row] = await db.query<
    ProgrammeBase & {
      rules: (Omit<RulesRow, 'updatedAt'> & { updatedAt: string }) | null;
      unitCosts: UnitCostRow[];
      along?: unknown;
    }
  >(
    `SELECT ${PROGRAMME_COLS},
            (SELECT row_to_json(r) FROM (${RULES_SELECT} WHERE programme_id = programmes.id) r) AS rules,
            coalesce((SELECT json_agg(json_build_object('year', year,
                        'participantHourSek', participant_hour_sek::float8, 'staffHourSek', staff_hour_sek::float8)
                        ORDER BY year)
                 FROM esf_unit_costs WHERE programme_id = programmes.id), '[]'::json) AS "unitCosts"
            ${along ? `, ${along.expression} AS along` : ''}
       FROM programmes WHERE region_id = ANY($1::uuid[])
      ORDER BY (current_date BETWEEN starts_on AND ends_on) DESC, starts_on DESC, id LIMIT 1`,
    [regionIds, ...(along?.params ?? [])],
  );
  if (!row) return null;
  const { along: raw, ...rest } = row;
  return {
    ...rest,
    rules: row.rules ? { ...row.rules, updatedAt: new Date(row.rules.updatedAt) } : null,
    along: along ? along.read(raw) : undefined,
  };
}

/** The region's programmes, the one running today first, then the latest. */
export async function programmesOfRegions(db: Db, regionIds: string[]): Promise<ProgrammeBase[]> {
  return db.query<ProgrammeBase>(
    `SELECT ${PROGRAMME_COLS} FROM programmes WHERE region_id = ANY($1::uuid[])
      ORDER BY (current_date BETWEEN starts_on AND ends_on) DESC, starts_on DESC, id`,
    [regionIds],
  );
}

export async function findProgramme(db: Db, id: string): Promise<ProgrammeBase | null> {
  const [row] = await db.query<ProgrammeBase>(`SELECT ${PROGRAMME_COLS} FROM programmes WHERE id = $1`, [id]);
  return row ?? null;
}

const RULES_SELECT = `SELECT age_bands AS "ageBands", scb_columns AS "scbColumns", grants, targets,
            flat_rate AS "flatRate", information_text AS "informationText", inactive_days AS "inactiveDays",
            deminimis_ceiling_eur::float8 AS "deminimisCeilingEur", deminimis_warn_share::float8 AS "deminimisWarnShare",
            sek_per_eur::float8 AS "sekPerEur", retention_years AS "retentionYears", updated_at AS "updatedAt"
       FROM esf_programme_rules`;

export async function findRules(db: Db, programmeId: string): Promise<RulesRow | null> {
  const [row] = await db.query<RulesRow>(`${RULES_SELECT} WHERE programme_id = $1`, [programmeId]);
  return row ?? null;
}

export interface RulesWrite {
  ageBands: unknown;
  scbColumns: string[];
  grants: unknown;
  targets: unknown;
  flatRate: string;
  informationText: string;
  inactiveDays: number;
  deminimisCeilingEur: number;
  deminimisWarnShare: number;
  sekPerEur: number;
  retentionYears: number;
}

/** Insert or replace the rule set (`ON CONFLICT DO NOTHING` when `onlyIfMissing`). */
export async function upsertRules(
  db: Db,
  programmeId: string,
  r: RulesWrite,
  updatedBy: string | null,
  onlyIfMissing = false,
): Promise<void> {
  await db.query(
    `INSERT INTO esf_programme_rules (programme_id, age_bands, scb_columns, grants, targets, flat_rate, information_text,
       inactive_days, deminimis_ceiling_eur, deminimis_warn_share, sek_per_eur, retention_years, updated_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
     ON CONFLICT (programme_id) DO ${
       onlyIfMissing
         ? 'NOTHING'
         : `UPDATE SET age_bands = excluded.age_bands, scb_columns = excluded.scb_columns, grants = excluded.grants,
       targets = excluded.targets, flat_rate = excluded.flat_rate, information_text = excluded.information_text,
       inactive_days = excluded.inactive_days, deminimis_ceiling_eur = excluded.deminimis_ceiling_eur,
       deminimis_warn_share = excluded.deminimis_warn_share, sek_per_eur = excluded.sek_per_eur,
       retention_years = excluded.retention_years, updated_by = excluded.updated_by, updated_at = now()`
     }`,
    [
      programmeId,
      JSON.stringify(r.ageBands),
      r.scbColumns,
      JSON.stringify(r.grants),
      JSON.stringify(r.targets),
      r.flatRate,
      r.informationText,
      r.inactiveDays,
      r.deminimisCeilingEur,
      r.deminimisWarnShare,
      r.sekPerEur,
      r.retentionYears,
      updatedBy,
    ],
  );
}

export async function listUnitCosts(db: Db, programmeId: string): Promise<UnitCostRow[]> {
  return db.query<UnitCostRow>(
    `SELECT year, participant_hour_sek::float8 AS "participantHourSek", staff_hour_sek::float8 AS "staffHourSek"
       FROM esf_unit_costs WHERE programme_id = $1 ORDER BY year`,
    [programmeId],
  );
}

/** Replace the unit costs of a programme (all years at once). */
export async function replaceUnitCosts(db: Db, programmeId: string, rows: UnitCostRow[]): Promise<void> {
  await db.query('DELETE FROM esf_unit_costs WHERE programme_id = $1', [programmeId]);
  for (const r of rows)
    await db.query(
      `INSERT INTO esf_unit_costs (programme_id, year, participant_hour_sek, staff_hour_sek) VALUES ($1, $2, $3, $4)`,
      [programmeId, r.year, r.participantHourSek, r.staffHourSek],
    );
}
