// All SQL of mapping rounds, mappings, their draft sections and their structured results.
import type { Db, SqlParam } from '../../platform/db.ts';
import { type CompanyScope, companyScopeSql } from '../companies/index.ts';
import type { SectionAnswers } from './answers/shape.ts';
import type { NeedRow, RecruitmentRow, RequirementRow, RoleRow } from './answers/typed.ts';

export interface RoundRow {
  id: string;
  regionId: string;
  key: string;
  nameSv: string;
  nameEn: string;
  position: number;
  opensOn: string | null;
  closesOn: string | null;
}

const ROUND = `id, region_id AS "regionId", key, name_sv AS "nameSv", name_en AS "nameEn", position,
  to_char(opens_on, 'YYYY-MM-DD') AS "opensOn", to_char(closes_on, 'YYYY-MM-DD') AS "closesOn"`;

export async function listRounds(db: Db, regionIds: string[]): Promise<RoundRow[]> {
  return db.query<RoundRow>(
    `SELECT ${ROUND} FROM mapping_rounds WHERE region_id = ANY($1::uuid[]) ORDER BY position, key`,
    [regionIds],
  );
}

export async function findRound(db: Db, id: string): Promise<RoundRow | null> {
  const rows = await db.query<RoundRow>(`SELECT ${ROUND} FROM mapping_rounds WHERE id = $1`, [id]);
  return rows[0] ?? null;
}

export async function insertRound(db: Db, r: RoundRow): Promise<void> {
  await db.query(
    `INSERT INTO mapping_rounds (id, region_id, key, name_sv, name_en, position, opens_on, closes_on)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [r.id, r.regionId, r.key, r.nameSv, r.nameEn, r.position, r.opensOn, r.closesOn],
  );
}

export type MappingStatus = 'in_progress' | 'submitted';
export type MappingMode = 'interview' | 'self_service';

export interface MappingRow {
  id: string;
  companyId: string;
  companyName: string;
  roundId: string;
  instrumentId: string;
  regionId: string;
  mode: MappingMode;
  status: MappingStatus;
  revision: number;
  noticeAcceptedAt: Date | null;
  sensitiveQuestions: string[];
  startedAt: Date;
  startedByName: string | null;
  updatedAt: Date;
  updatedByName: string | null;
  submittedAt: Date | null;
  maturityScore: number | null;
  municipalityCode: string | null;
  sniCode: string | null;
}

const MAPPING = `m.id, m.company_id AS "companyId", c.name AS "companyName", m.round_id AS "roundId",
  m.instrument_id AS "instrumentId", m.region_id AS "regionId", m.mode, m.status, m.revision,
  m.notice_accepted_at AS "noticeAcceptedAt", m.sensitive_questions AS "sensitiveQuestions",
  m.started_at AS "startedAt", su.name AS "startedByName", m.updated_at AS "updatedAt",
  uu.name AS "updatedByName", m.submitted_at AS "submittedAt", m.maturity_score::float8 AS "maturityScore",
  m.municipality_code AS "municipalityCode", m.sni_code AS "sniCode"`;
const FROM = `FROM mappings m JOIN companies c ON c.id = m.company_id
  LEFT JOIN users su ON su.id = m.started_by LEFT JOIN users uu ON uu.id = m.updated_by`;

/** A mapping whose company is within the scope; null otherwise (exactly as for an unknown id). */
export async function findMapping(
  db: Db,
  scope: CompanyScope,
  id: string,
  lock = false,
): Promise<MappingRow | null> {
  const params: SqlParam[] = [id];
  const where = companyScopeSql(scope, params, 'c');
  const rows = await db.query<MappingRow>(
    `SELECT ${MAPPING} ${FROM} WHERE m.id = $1 AND ${where}${lock ? ' FOR UPDATE OF m' : ''}`,
    params,
  );
  return rows[0] ?? null;
}

/** As `findMapping` with the read scope, plus whether the company is also within the edit scope. */
export async function findMappingForView(
  db: Db,
  scope: CompanyScope,
  editScope: CompanyScope,
  id: string,
): Promise<(MappingRow & { editable: boolean; round: RoundRow | null; sections: SectionRow[] }) | null> {
  const params: SqlParam[] = [id];
  const where = companyScopeSql(scope, params, 'c');
  const editable = companyScopeSql(editScope, params, 'c');
  // One statement: the mapping in scope, its round and its sections (what a mapping page needs).
  const rows = await db.query<
    MappingRow & {
      editable: boolean;
      round: RoundRow | null;
      sections: (Omit<SectionRow, 'updatedAt'> & { updatedAt: string })[];
    }
  >(
    `SELECT ${MAPPING}, ${editable} AS editable,
            (SELECT row_to_json(r) FROM (SELECT ${ROUND} FROM mapping_rounds WHERE id = m.round_id) r) AS round,
            coalesce((SELECT json_agg(json_build_object('sectionKey', s.section_key, 'answers', s.answers,
                        'revision', s.revision, 'updatedAt', s.updated_at, 'updatedByName', u.name))
                 FROM mapping_sections s LEFT JOIN users u ON u.id = s.updated_by WHERE s.mapping_id = m.id),
              '[]'::json) AS sections
     ${FROM} WHERE m.id = $1 AND ${where}`,
    params,
  );
  const row = rows[0];
  if (!row) return null;
  return { ...row, sections: row.sections.map((x) => ({ ...x, updatedAt: new Date(x.updatedAt) })) };
}

export async function findByCompanyRound(db: Db, companyId: string, roundId: string): Promise<string | null> {
  const rows = await db.query<{ id: string }>(
    'SELECT id FROM mappings WHERE company_id = $1 AND round_id = $2',
    [companyId, roundId],
  );
  return rows[0]?.id ?? null;
}

export interface MappingListQuery {
  roundId?: string | undefined;
  status?: MappingStatus | undefined;
  companyId?: string | undefined;
  q?: string | undefined;
  page: number;
  pageSize: number;
}

export interface MappingListRow {
  id: string;
  companyId: string;
  companyName: string;
  roundId: string;
  roundNameSv: string;
  roundNameEn: string;
  mode: MappingMode;
  status: MappingStatus;
  updatedAt: Date;
  submittedAt: Date | null;
  maturityScore: number | null;
}

export async function listMappings(
  db: Db,
  scope: CompanyScope,
  query: MappingListQuery,
): Promise<{ items: MappingListRow[]; total: number }> {
  const params: SqlParam[] = [];
  const where = [companyScopeSql(scope, params, 'c')];
  if (query.roundId) {
    params.push(query.roundId);
    where.push(`m.round_id = $${params.length}`);
  }
  if (query.status) {
    params.push(query.status);
    where.push(`m.status = $${params.length}`);
  }
  if (query.companyId) {
    params.push(query.companyId);
    where.push(`m.company_id = $${params.length}`);
  }
  if (query.q) {
    params.push(`%${query.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`);
    where.push(`c.name ILIKE $${params.length}`);
  }
  const sqlWhere = where.join(' AND ');
  const total = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM mappings m JOIN companies c ON c.id = m.company_id WHERE ${sqlWhere}`,
    params,
  );
  params.push(query.pageSize, (query.page - 1) * query.pageSize);
  const items = await db.query<MappingListRow>(
    `SELECT m.id, m.company_id AS "companyId", c.name AS "companyName", m.round_id AS "roundId",
       r.name_sv AS "roundNameSv", r.name_en AS "roundNameEn", m.mode, m.status, m.updated_at AS "updatedAt",
       m.submitted_at AS "submittedAt", m.maturity_score::float8 AS "maturityScore"
     FROM mappings m JOIN companies c ON c.id = m.company_id JOIN mapping_rounds r ON r.id = m.round_id
     WHERE ${sqlWhere}
     ORDER BY m.updated_at DESC, m.id LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
  return { items, total: total[0]?.n ?? 0 };
}

export async function insertMapping(
  db: Db,
  m: {
    id: string;
    companyId: string;
    roundId: string;
    instrumentId: string;
    regionId: string;
    mode: MappingMode;
    startedBy: string;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO mappings (id, company_id, round_id, instrument_id, region_id, mode, status, started_by, updated_by)
     VALUES ($1, $2, $3, $4, $5, $6, 'in_progress', $7, $7)`,
    [m.id, m.companyId, m.roundId, m.instrumentId, m.regionId, m.mode, m.startedBy],
  );
}

export interface SectionRow {
  sectionKey: string;
  answers: SectionAnswers;
  revision: number;
  updatedAt: Date;
  updatedByName: string | null;
}

export async function listSections(db: Db, mappingId: string): Promise<SectionRow[]> {
  return db.query<SectionRow>(
    `SELECT s.section_key AS "sectionKey", s.answers, s.revision, s.updated_at AS "updatedAt", u.name AS "updatedByName"
     FROM mapping_sections s LEFT JOIN users u ON u.id = s.updated_by WHERE s.mapping_id = $1`,
    [mappingId],
  );
}

export async function upsertSection(
  db: Db,
  mappingId: string,
  sectionKey: string,
  answers: SectionAnswers,
  revision: number,
  userId: string,
): Promise<void> {
  await db.query(
    `INSERT INTO mapping_sections (mapping_id, section_key, answers, revision, updated_by)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (mapping_id, section_key)
     DO UPDATE SET answers = EXCLUDED.answers, revision = EXCLUDED.revision, updated_by = EXCLUDED.updated_by,
       updated_at = now()`,
    [mappingId, sectionKey, JSON.stringify(answers), revision, userId],
  );
}

export async function bumpRevision(db: Db, id: string, userId: string): Promise<number> {
  const rows = await db.query<{ revision: number }>(
    `UPDATE mappings SET revision = revision + 1, updated_by = $2, updated_at = now() WHERE id = $1 RETURNING revision`,
    [id, userId],
  );
  return rows[0]?.revision ?? 0;
}

export async function acceptNotice(db: Db, id: string, userId: string, sensitive: string[]): Promise<void> {
  await db.query(
    `UPDATE mappings SET notice_accepted_at = coalesce(notice_accepted_at, now()),
       notice_accepted_by = coalesce(notice_accepted_by, $2), sensitive_questions = $3 WHERE id = $1`,
    [id, userId, sensitive],
  );
}

export async function setSensitive(db: Db, id: string, sensitive: string[]): Promise<void> {
  await db.query('UPDATE mappings SET sensitive_questions = $2 WHERE id = $1', [id, sensitive]);
}

export interface SubmissionFacts {
  mappingId: string;
  companyId: string;
  roundId: string;
  regionId: string;
  municipalityCode: string | null;
  sniCode: string | null;
  maturityScore: number | null;
  userId: string;
  roles: RoleRow[];
  requirements: RequirementRow[];
  needs: NeedRow[];
  recruitments: RecruitmentRow[];
  maturity: Record<string, number>;
}

const chunk = <T>(xs: T[], n: number): T[][] =>
  Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n));

async function insertRows(db: Db, table: string, columns: string[], rows: SqlParam[][]): Promise<void> {
  for (const part of chunk(rows, 500)) {
    const params: SqlParam[] = [];
    const values = part.map((r) => {
      const start = params.length;
      params.push(...r);
      return `(${r.map((_, i) => `$${start + i + 1}`).join(', ')})`;
    });
    await db.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values.join(', ')}`, params);
  }
}

export async function deleteResults(db: Db, mappingId: string): Promise<void> {
  for (const t of [
    'mapping_roles',
    'mapping_requirements',
    'mapping_needs',
    'mapping_recruitments',
    'mapping_maturity',
  ])
    await db.query(`DELETE FROM ${t} WHERE mapping_id = $1`, [mappingId]);
}

/** Write the structured results of a submission and lock the mapping. */
export async function writeSubmission(db: Db, s: SubmissionFacts): Promise<void> {
  await deleteResults(db, s.mappingId);
  const m = s.mappingId;
  const ssykOfRole = new Map(s.roles.map((r) => [r.key, r.ssyk]));
  await insertRows(
    db,
    'mapping_roles',
    [
      'mapping_id',
      'row_key',
      'position',
      'title',
      'ssyk_code',
      'women',
      'men',
      'critical',
      'key_person',
      'sun_level',
      'sun_field',
    ],
    s.roles.map((r, i) => [
      m,
      r.key,
      i,
      r.title,
      r.ssyk,
      r.women,
      r.men,
      r.critical,
      r.keyPerson,
      r.sunLevel,
      r.sunField,
    ]),
  );
  await insertRows(
    db,
    'mapping_requirements',
    [
      'mapping_id',
      'position',
      'role_key',
      'competence_id',
      'competence_text',
      'level_now',
      'level_future',
      'meeting_now',
    ],
    s.requirements.map((r, i) => [
      m,
      i,
      r.role,
      r.competenceId,
      r.competenceText,
      r.levelNow,
      r.levelFuture,
      r.meetingNow,
    ]),
  );
  const where = [s.companyId, s.roundId, s.regionId, s.municipalityCode, s.sniCode];
  await insertRows(
    db,
    'mapping_needs',
    [
      'mapping_id',
      'position',
      'company_id',
      'round_id',
      'region_id',
      'municipality_code',
      'sni_code',
      'role_key',
      'ssyk_code',
      'competence_id',
      'competence_text',
      'gap_size',
      'women',
      'men',
      'urgency',
      'cause',
      'strategy',
      'difficulty',
      'hours',
      'cost_sek',
      'priority',
    ],
    s.needs.map((n, i) => [
      m,
      i,
      ...where,
      n.role,
      ssykOfRole.get(n.role) ?? null,
      n.competenceId,
      n.competenceText,
      n.gapSize,
      n.women,
      n.men,
      n.urgency,
      n.cause,
      n.strategy,
      n.difficulty,
      n.hours,
      n.costSek,
      n.priority,
    ]),
  );
  await insertRows(
    db,
    'mapping_recruitments',
    [
      'mapping_id',
      'position',
      'company_id',
      'round_id',
      'region_id',
      'municipality_code',
      'sni_code',
      'ssyk_code',
      'count',
      'timing',
      'difficulty',
      'difficulty_reason',
      'gender_goal',
    ],
    s.recruitments.map((r, i) => [
      m,
      i,
      ...where,
      r.ssyk,
      r.count,
      r.timing,
      r.difficulty,
      r.difficultyReason,
      r.genderGoal,
    ]),
  );
  await insertRows(
    db,
    'mapping_maturity',
    ['mapping_id', 'statement_key', 'score'],
    Object.entries(s.maturity).map(([k, v]) => [m, k, v]),
  );
  await db.query(
    `UPDATE mappings SET status = 'submitted', submitted_at = now(), submitted_by = $2, updated_at = now(),
       updated_by = $2, revision = revision + 1, maturity_score = $3, municipality_code = $4, sni_code = $5
     WHERE id = $1`,
    [m, s.userId, s.maturityScore, s.municipalityCode, s.sniCode],
  );
  await refreshRollupCell(db, {
    roundId: s.roundId,
    regionId: s.regionId,
    municipalityCode: s.municipalityCode,
    sniCode: s.sniCode,
  });
}

export async function reopen(db: Db, mappingId: string, userId: string): Promise<void> {
  await deleteResults(db, mappingId);
  const cell = await db.query<{
    roundId: string;
    regionId: string;
    municipalityCode: string | null;
    sniCode: string | null;
  }>(
    `UPDATE mappings SET status = 'in_progress', submitted_at = NULL, submitted_by = NULL, maturity_score = NULL,
       revision = revision + 1, updated_at = now(), updated_by = $2 WHERE id = $1
     RETURNING round_id AS "roundId", region_id AS "regionId", municipality_code AS "municipalityCode",
       sni_code AS "sniCode"`,
    [mappingId, userId],
  );
  if (cell[0]) await refreshRollupCell(db, cell[0]);
}

/** The instrument new mappings of a region use: the highest published version, the region's own or national. */
export async function currentInstrumentId(db: Db, key: string, regionId: string): Promise<string | null> {
  const rows = await db.query<{ id: string }>(
    `SELECT id FROM mapping_instruments
      WHERE key = $1 AND status = 'published' AND (region_id IS NULL OR region_id = $2)
      ORDER BY version DESC, region_id NULLS LAST LIMIT 1`,
    [key, regionId],
  );
  return rows[0]?.id ?? null;
}

export async function instrumentDefinitionOf(db: Db, id: string): Promise<unknown> {
  const rows = await db.query<{ definition: unknown }>(
    'SELECT definition FROM mapping_instruments WHERE id = $1',
    [id],
  );
  return rows[0]?.definition ?? null;
}

const CELL_AGGREGATE = `
  SELECT round_id, region_id, municipality_code, sni_code, count(*)::int, sum(p), max(p), sum(w), sum(m), sum(k)
    FROM (SELECT round_id, region_id, municipality_code, sni_code, company_id,
                 sum(women + men) AS p, sum(women) AS w, sum(men) AS m, count(*) AS k
            FROM mapping_needs
           WHERE women + men > 0 AND %WHERE%
           GROUP BY round_id, region_id, municipality_code, sni_code, company_id) per_company
   GROUP BY round_id, region_id, municipality_code, sni_code`;

/** Recompute the pre-aggregated roll-up cell of (round, municipality, SNI code); under a row lock. */
export async function refreshRollupCell(
  db: Db,
  cell: { roundId: string; regionId: string; municipalityCode: string | null; sniCode: string | null },
): Promise<void> {
  const key = [cell.roundId, cell.municipalityCode ?? '', cell.sniCode ?? ''];
  const match = `round_id = $1 AND coalesce(municipality_code, '') = $2 AND coalesce(sni_code, '') = $3`;
  // Lock the cell (created empty if new) so that concurrent submissions to it recompute one after another.
  await db.query(
    `INSERT INTO mapping_rollup_cells (round_id, region_id, municipality_code, sni_code, companies, people, largest, women, men, needs)
     VALUES ($1, $2, $3, $4, 0, 0, 0, 0, 0, 0) ON CONFLICT DO NOTHING`,
    [cell.roundId, cell.regionId, cell.municipalityCode, cell.sniCode],
  );
  await db.query(`SELECT 1 FROM mapping_rollup_cells WHERE ${match} FOR UPDATE`, key);
  await db.query(`DELETE FROM mapping_rollup_cells WHERE ${match}`, key);
  await db.query(
    `INSERT INTO mapping_rollup_cells (round_id, region_id, municipality_code, sni_code, companies, people, largest, women, men, needs)
     ${CELL_AGGREGATE.replace('%WHERE%', match)}`,
    key,
  );
}

/** Rebuild every pre-aggregated roll-up cell of a round (after bulk loads; also a repair). */
export async function refreshRollupCells(db: Db, roundId: string): Promise<void> {
  await db.query('DELETE FROM mapping_rollup_cells WHERE round_id = $1', [roundId]);
  await db.query(
    `INSERT INTO mapping_rollup_cells (round_id, region_id, municipality_code, sni_code, companies, people, largest, women, men, needs)
     ${CELL_AGGREGATE.replace('%WHERE%', 'round_id = $1')}`,
    [roundId],
  );
}
