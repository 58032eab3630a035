// SQL of the results pages: the structured results written at submission, and a company's other
// submitted mappings (for before/after comparison). Callers check access first (mappings.getMapping).
import type { Db } from '../../platform/db.ts';
import type { NeedRow, RecruitmentRow, RequirementRow, RoleRow } from './answers/typed.ts';

export interface SubmittedRows {
  roles: RoleRow[];
  requirements: RequirementRow[];
  needs: NeedRow[];
  recruitments: RecruitmentRow[];
  maturity: Record<string, number>;
}

/** One table's rows of the mapping as a JSON array of objects (keys as the row types), in entry order. */
const rowsJson = (table: string, fields: Record<string, string>, orderBy = 'position') =>
  `coalesce((SELECT json_agg(json_build_object(${Object.entries(fields)
    .map(([key, column]) => `'${key}', ${column}`)
    .join(', ')}) ORDER BY ${orderBy}) FROM ${table} WHERE mapping_id = $1), '[]'::json)`;

/** The structured results of one submitted mapping, in the order they were entered (one statement). */
export async function submittedRows(db: Db, mappingId: string): Promise<SubmittedRows> {
  const [row] = await db.query<
    Omit<SubmittedRows, 'maturity'> & { maturity: { key: string; score: number }[] }
  >(
    `SELECT ${rowsJson('mapping_roles', {
      key: 'row_key',
      title: 'title',
      ssyk: 'ssyk_code',
      women: 'women',
      men: 'men',
      critical: 'critical',
      keyPerson: 'key_person',
      sunLevel: 'sun_level',
      sunField: 'sun_field',
    })} AS roles,
       ${rowsJson('mapping_requirements', {
         role: 'role_key',
         competenceId: 'competence_id',
         competenceText: 'competence_text',
         levelNow: 'level_now',
         levelFuture: 'level_future',
         meetingNow: 'meeting_now',
       })} AS requirements,
       ${rowsJson('mapping_needs', {
         role: 'role_key',
         competenceId: 'competence_id',
         competenceText: 'competence_text',
         gapSize: 'gap_size',
         women: 'women',
         men: 'men',
         urgency: 'urgency',
         cause: 'cause',
         strategy: 'strategy',
         difficulty: 'difficulty',
         hours: 'hours',
         costSek: 'cost_sek',
         priority: 'priority',
       })} AS needs,
       ${rowsJson('mapping_recruitments', {
         ssyk: 'ssyk_code',
         count: 'count',
         timing: 'timing',
         difficulty: 'difficulty',
         difficultyReason: 'difficulty_reason',
         genderGoal: 'gender_goal',
       })} AS recruitments,
       ${rowsJson('mapping_maturity', { key: 'statement_key', score: 'score' }, 'statement_key')} AS maturity`,
    [mappingId],
  );
  if (!row) return { roles: [], requirements: [], needs: [], recruitments: [], maturity: {} };
  return { ...row, maturity: Object.fromEntries(row.maturity.map((m) => [m.key, m.score])) };
}

export interface RoundMapping {
  id: string;
  roundId: string;
  roundNameSv: string;
  roundNameEn: string;
  roundPosition: number;
  instrumentId: string;
  submittedAt: Date;
}

/** The company's submitted mappings, latest round first. */
export async function submittedOfCompany(db: Db, companyId: string): Promise<RoundMapping[]> {
  return db.query<RoundMapping>(
    `SELECT m.id, m.round_id AS "roundId", r.name_sv AS "roundNameSv", r.name_en AS "roundNameEn",
       r.position AS "roundPosition", m.instrument_id AS "instrumentId", m.submitted_at AS "submittedAt"
     FROM mappings m JOIN mapping_rounds r ON r.id = m.round_id
     WHERE m.company_id = $1 AND m.status = 'submitted'
     ORDER BY r.position DESC, m.submitted_at DESC, m.id`,
    [companyId],
  );
}
