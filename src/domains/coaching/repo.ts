// SQL of engagements: the engagement, its coaches with history, its step changes, programme rules (the
// caseload list is in repo-list.ts).
import type { Db, SqlParam } from '../../platform/db.ts';
import type { Step } from './schema.ts';

/** Which engagements an actor may see (the union over memberships), applied inside every query. */
export interface EngagementScope {
  regionIds: string[];
  municipalityCodes: string[];
  coachUserId: string | null;
  companyIds: string[];
}

export function scopeSql(scope: EngagementScope, params: SqlParam[], alias = 'e'): string {
  const parts: string[] = [];
  if (scope.regionIds.length) {
    params.push(scope.regionIds);
    parts.push(`${alias}.region_id = ANY($${params.length}::uuid[])`);
  }
  if (scope.municipalityCodes.length) {
    params.push(scope.municipalityCodes);
    parts.push(`${alias}.municipality_code = ANY($${params.length}::text[])`);
  }
  if (scope.coachUserId) {
    params.push(scope.coachUserId);
    parts.push(
      `EXISTS (SELECT 1 FROM engagement_coaches sc WHERE sc.engagement_id = ${alias}.id AND sc.user_id = $${params.length} AND sc.removed_at IS NULL)`,
    );
  }
  if (scope.companyIds.length) {
    params.push(scope.companyIds);
    parts.push(`${alias}.company_id = ANY($${params.length}::uuid[])`);
  }
  return parts.length ? `(${parts.join(' OR ')})` : 'false';
}

export interface EngagementRow {
  id: string;
  companyId: string;
  companyName: string;
  companyIsSme: boolean;
  regionId: string;
  programmeId: string | null;
  municipalityCode: string;
  municipalityName: string;
  step: Step;
  stepChangedAt: Date;
  plannedHours: number;
  smeChecked: boolean;
  inCountyChecked: boolean;
  agreementSignedOn: string | null;
  agreementReference: string | null;
  mappingId: string | null;
  createdAt: Date;
  closedAt: Date | null;
  version: number;
  notesSharing: 'organisation' | 'programme';
  followupMonths: number[];
}

const ENGAGEMENT_COLUMNS = `e.id, e.company_id AS "companyId", c.name AS "companyName", c.is_sme AS "companyIsSme",
  e.region_id AS "regionId",
  e.programme_id AS "programmeId", e.municipality_code AS "municipalityCode", m.name AS "municipalityName",
  e.step, e.step_changed_at AS "stepChangedAt", e.planned_hours::float8 AS "plannedHours",
  e.sme_checked AS "smeChecked", e.in_county_checked AS "inCountyChecked",
  to_char(e.agreement_signed_on, 'YYYY-MM-DD') AS "agreementSignedOn", e.agreement_reference AS "agreementReference",
  e.mapping_id AS "mappingId", e.created_at AS "createdAt", e.closed_at AS "closedAt", e.version,
  coalesce(p.coaching_notes_sharing, 'organisation') AS "notesSharing",
  coalesce(p.coaching_followup_months, '{3,6,12}') AS "followupMonths"`;

const ENGAGEMENT_FROM = `engagements e JOIN companies c ON c.id = e.company_id
  JOIN ref_municipalities m ON m.code = e.municipality_code LEFT JOIN programmes p ON p.id = e.programme_id`;

export async function findEngagement(db: Db, id: string, forUpdate = false): Promise<EngagementRow | null> {
  const rows = await db.query<EngagementRow>(
    `SELECT ${ENGAGEMENT_COLUMNS} FROM ${ENGAGEMENT_FROM} WHERE e.id = $1${forUpdate ? ' FOR UPDATE OF e' : ''}`,
    [id],
  );
  return rows[0] ?? null;
}

export async function openEngagementOfCompany(db: Db, companyId: string): Promise<string | null> {
  const rows = await db.query<{ id: string }>(
    `SELECT id FROM engagements WHERE company_id = $1 AND step <> 'closed'`,
    [companyId],
  );
  return rows[0]?.id ?? null;
}

export interface CoachRow {
  id: string;
  userId: string;
  name: string;
  organisationId: string;
  organisationName: string;
  assignedAt: Date;
  assignedByName: string | null;
  removedAt: Date | null;
  removedByName: string | null;
  removedReason: string | null;
}

export async function coachAssignments(db: Db, engagementId: string): Promise<CoachRow[]> {
  return db.query<CoachRow>(
    `SELECT ec.id, ec.user_id AS "userId", u.name, ec.organisation_id AS "organisationId",
            o.name AS "organisationName", ec.assigned_at AS "assignedAt", ab.name AS "assignedByName",
            ec.removed_at AS "removedAt", rb.name AS "removedByName", ec.removed_reason AS "removedReason"
       FROM engagement_coaches ec JOIN users u ON u.id = ec.user_id JOIN organisations o ON o.id = ec.organisation_id
       LEFT JOIN users ab ON ab.id = ec.assigned_by LEFT JOIN users rb ON rb.id = ec.removed_by
      WHERE ec.engagement_id = $1
      ORDER BY ec.assigned_at, u.name`,
    [engagementId],
  );
}

export interface StepChangeRow {
  fromStep: Step | null;
  toStep: Step;
  reason: string | null;
  changedByName: string | null;
  changedAt: Date;
}

export async function stepChanges(db: Db, engagementId: string): Promise<StepChangeRow[]> {
  return db.query<StepChangeRow>(
    `SELECT s.from_step AS "fromStep", s.to_step AS "toStep", s.reason, u.name AS "changedByName",
            s.changed_at AS "changedAt"
       FROM engagement_step_changes s LEFT JOIN users u ON u.id = s.changed_by
      WHERE s.engagement_id = $1 ORDER BY s.changed_at, s.id`,
    [engagementId],
  );
}

export interface NewEngagement {
  id: string;
  companyId: string;
  regionId: string;
  programmeId: string | null;
  municipalityCode: string;
  plannedHours: number;
  smeChecked: boolean;
  inCountyChecked: boolean;
  createdBy: string;
}

export async function insertEngagement(db: Db, e: NewEngagement): Promise<void> {
  await db.query(
    `INSERT INTO engagements (id, company_id, region_id, programme_id, municipality_code, step, planned_hours,
                              sme_checked, in_county_checked, created_by)
     VALUES ($1, $2, $3, $4, $5, 'intake', $6, $7, $8, $9)`,
    [
      e.id,
      e.companyId,
      e.regionId,
      e.programmeId,
      e.municipalityCode,
      e.plannedHours,
      e.smeChecked,
      e.inCountyChecked,
      e.createdBy,
    ],
  );
}

export async function insertStepChange(
  db: Db,
  c: { id: string; engagementId: string; from: Step | null; to: Step; reason: string | null; by: string },
): Promise<void> {
  await db.query(
    `INSERT INTO engagement_step_changes (id, engagement_id, from_step, to_step, reason, changed_by)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [c.id, c.engagementId, c.from, c.to, c.reason, c.by],
  );
}

export async function setStep(db: Db, id: string, step: Step): Promise<void> {
  await db.query(
    `UPDATE engagements SET step = $2, step_changed_at = now(), updated_at = now(), version = version + 1,
            closed_at = CASE WHEN $2 = 'closed' THEN now() ELSE NULL END
      WHERE id = $1`,
    [id, step],
  );
}

export async function setMapping(db: Db, id: string, mappingId: string | null): Promise<void> {
  await db.query('UPDATE engagements SET mapping_id = $2, updated_at = now() WHERE id = $1', [id, mappingId]);
}

export async function updateIntake(
  db: Db,
  id: string,
  v: {
    smeChecked: boolean;
    inCountyChecked: boolean;
    agreementSignedOn: string | null;
    agreementReference: string | null;
    plannedHours: number;
  },
): Promise<void> {
  await db.query(
    `UPDATE engagements SET sme_checked = $2, in_county_checked = $3, agreement_signed_on = $4::date,
            agreement_reference = $5, planned_hours = $6, updated_at = now(), version = version + 1
      WHERE id = $1`,
    [id, v.smeChecked, v.inCountyChecked, v.agreementSignedOn, v.agreementReference, v.plannedHours],
  );
}

export async function insertCoach(
  db: Db,
  a: { id: string; engagementId: string; userId: string; organisationId: string; by: string },
): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO engagement_coaches (id, engagement_id, user_id, organisation_id, assigned_by)
     VALUES ($1, $2, $3, $4, $5) ON CONFLICT (engagement_id, user_id) WHERE removed_at IS NULL DO NOTHING
     RETURNING id`,
    [a.id, a.engagementId, a.userId, a.organisationId, a.by],
  );
  return rows.length > 0;
}

export async function endCoach(
  db: Db,
  engagementId: string,
  userId: string,
  by: string,
  reason: string | null,
): Promise<boolean> {
  const rows = await db.query(
    `UPDATE engagement_coaches SET removed_at = now(), removed_by = $3, removed_reason = $4
      WHERE engagement_id = $1 AND user_id = $2 AND removed_at IS NULL RETURNING id`,
    [engagementId, userId, by, reason],
  );
  return rows.length > 0;
}

/** Coaches of the region (a coach membership of one of its organisations), with that organisation. */
export async function coachCandidates(
  db: Db,
  regionId: string,
): Promise<{ userId: string; name: string; organisationId: string; organisationName: string }[]> {
  return db.query(
    `SELECT DISTINCT ON (u.name, u.id) u.id AS "userId", u.name, o.id AS "organisationId", o.name AS "organisationName"
       FROM memberships ms JOIN organisations o ON o.id = ms.organisation_id JOIN users u ON u.id = ms.user_id
      WHERE o.region_id = $1 AND ms.role = 'coach' AND u.disabled_at IS NULL
      ORDER BY u.name, u.id, o.name`,
    [regionId],
  );
}

export interface ProgrammeRules {
  id: string;
  plannedHours: number;
}

/** The region's current programme (the one running today, else the latest), for default rules. */
export async function currentProgramme(db: Db, regionId: string): Promise<ProgrammeRules | null> {
  const rows = await db.query<ProgrammeRules>(
    `SELECT id, coaching_planned_hours::float8 AS "plannedHours" FROM programmes WHERE region_id = $1
      ORDER BY (current_date BETWEEN starts_on AND ends_on) DESC, ends_on DESC LIMIT 1`,
    [regionId],
  );
  return rows[0] ?? null;
}

/** The company's latest submitted mapping, else its latest started one. */
export async function latestMapping(
  db: Db,
  companyId: string,
): Promise<{ id: string; status: 'in_progress' | 'submitted' } | null> {
  const rows = await db.query<{ id: string; status: 'in_progress' | 'submitted' }>(
    `SELECT id, status FROM mappings WHERE company_id = $1
      ORDER BY (status = 'submitted') DESC, coalesce(submitted_at, started_at) DESC LIMIT 1`,
    [companyId],
  );
  return rows[0] ?? null;
}

export async function mappingStatus(db: Db, mappingId: string): Promise<'in_progress' | 'submitted' | null> {
  const rows = await db.query<{ status: 'in_progress' | 'submitted' }>(
    'SELECT status FROM mappings WHERE id = $1',
    [mappingId],
  );
  return rows[0]?.status ?? null;
}

export async function adoptedPlanVersion(db: Db, engagementId: string): Promise<number> {
  const rows = await db.query<{ v: number }>(
    'SELECT adopted_version AS v FROM coaching_plans WHERE engagement_id = $1',
    [engagementId],
  );
  return rows[0]?.v ?? 0;
}

/** Minutes of held meetings: the coaching hours used. */
export async function usedMinutes(db: Db, engagementId: string): Promise<number> {
  const rows = await db.query<{ n: number }>(
    `SELECT coalesce(sum(minutes), 0)::int AS n FROM coaching_meetings WHERE engagement_id = $1 AND status = 'held'`,
    [engagementId],
  );
  return rows[0]?.n ?? 0;
}

export interface ProgrammeRulesRow {
  id: string;
  regionId: string;
  name: string;
  plannedHours: number;
  followupMonths: number[];
  notesSharing: 'organisation' | 'programme';
}

export async function listProgrammeRules(db: Db, regionIds: string[]): Promise<ProgrammeRulesRow[]> {
  return db.query<ProgrammeRulesRow>(
    `SELECT id, region_id AS "regionId", name, coaching_planned_hours::float8 AS "plannedHours",
            coaching_followup_months AS "followupMonths", coaching_notes_sharing AS "notesSharing"
       FROM programmes WHERE region_id = ANY($1::uuid[]) ORDER BY starts_on DESC, name`,
    [regionIds],
  );
}

export async function updateProgrammeRules(
  db: Db,
  id: string,
  v: { plannedHours: number; followupMonths: number[]; notesSharing: 'organisation' | 'programme' },
): Promise<void> {
  await db.query(
    `UPDATE programmes SET coaching_planned_hours = $2, coaching_followup_months = $3::int[],
            coaching_notes_sharing = $4, updated_at = now() WHERE id = $1`,
    [id, v.plannedHours, v.followupMonths, v.notesSharing],
  );
}

/** The municipalities of the region's county (the region organisation's code is the county code). */
export async function regionMunicipalities(db: Db, regionId: string): Promise<string[]> {
  const rows = await db.query<{ code: string }>(
    `SELECT m.code FROM ref_municipalities m JOIN organisations r ON r.code = m.county_code
      WHERE r.id = $1 AND r.kind = 'region'`,
    [regionId],
  );
  return rows.map((r) => r.code);
}
