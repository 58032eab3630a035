// SQL of the results pages: the structured results written at submission, and a company's other
// submitted mappings (for before/after comparison). Callers check access first (mappings.getMapping).
import type { Db } from '../../platform/db.ts';
import type { NeedRow, RecruitmentRow, RequirementRow, RoleRow } from './answers/validate.ts';

export interface SubmittedRows {
  roles: RoleRow[];
  requirements: RequirementRow[];
  needs: NeedRow[];
  recruitments: RecruitmentRow[];
  maturity: Record<string, number>;
}

/** The structured results of one submitted mapping, in the order they were entered. */
export async function submittedRows(db: Db, mappingId: string): Promise<SubmittedRows> {
  const [roles, requirements, needs, recruitments, maturity] = await Promise.all([
    db.query<RoleRow>(
      `SELECT row_key AS key, title, ssyk_code AS ssyk, women, men, critical, key_person AS "keyPerson",
         sun_level AS "sunLevel", sun_field AS "sunField"
       FROM mapping_roles WHERE mapping_id = $1 ORDER BY position`,
      [mappingId],
    ),
    db.query<RequirementRow>(
      `SELECT role_key AS role, competence_id AS "competenceId", competence_text AS "competenceText",
         level_now AS "levelNow", level_future AS "levelFuture", meeting_now AS "meetingNow"
       FROM mapping_requirements WHERE mapping_id = $1 ORDER BY position`,
      [mappingId],
    ),
    db.query<NeedRow>(
      `SELECT role_key AS role, competence_id AS "competenceId", competence_text AS "competenceText",
         gap_size AS "gapSize", women, men, urgency, cause, strategy, difficulty, hours, cost_sek AS "costSek",
         priority
       FROM mapping_needs WHERE mapping_id = $1 ORDER BY position`,
      [mappingId],
    ),
    db.query<RecruitmentRow>(
      `SELECT ssyk_code AS ssyk, count, timing, difficulty, difficulty_reason AS "difficultyReason",
         gender_goal AS "genderGoal"
       FROM mapping_recruitments WHERE mapping_id = $1 ORDER BY position`,
      [mappingId],
    ),
    db.query<{ key: string; score: number }>(
      'SELECT statement_key AS key, score FROM mapping_maturity WHERE mapping_id = $1',
      [mappingId],
    ),
  ]);
  return {
    roles,
    requirements,
    needs,
    recruitments,
    maturity: Object.fromEntries(maturity.map((m) => [m.key, m.score])),
  };
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
