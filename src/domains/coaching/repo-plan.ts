// SQL of the competence-supply plan: the working copy (plan, goals, actions with their needs, courses and
// comments), the adopted versions and the follow-ups. Callers check access to the engagement first.
import type { Db } from '../../platform/db.ts';
import type { ActionKind } from './schema.ts';

export type ActionStatus = 'planned' | 'ongoing' | 'done' | 'dropped';

export interface PlanRow {
  id: string;
  engagementId: string;
  summary: string;
  adoptedVersion: number;
  changedSinceAdoption: boolean;
  updatedAt: Date;
  revision: number;
}

const PLAN = `id, engagement_id AS "engagementId", summary, adopted_version AS "adoptedVersion",
  changed_since_adoption AS "changedSinceAdoption", updated_at AS "updatedAt", revision`;

export async function findPlan(db: Db, engagementId: string, lock = false): Promise<PlanRow | null> {
  const rows = await db.query<PlanRow>(
    `SELECT ${PLAN} FROM coaching_plans WHERE engagement_id = $1${lock ? ' FOR UPDATE' : ''}`,
    [engagementId],
  );
  return rows[0] ?? null;
}

/** The engagement's plan, created empty when there is none yet; locked for the transaction. */
export async function ensurePlan(db: Db, id: string, engagementId: string): Promise<PlanRow> {
  await db.query(
    'INSERT INTO coaching_plans (id, engagement_id) VALUES ($1, $2) ON CONFLICT (engagement_id) DO NOTHING',
    [id, engagementId],
  );
  const plan = await findPlan(db, engagementId, true);
  if (!plan) throw new Error('plan missing');
  return plan;
}

/** Marks a change of the working copy: a new revision, and changed since adoption once adopted. */
export async function touchPlan(db: Db, planId: string, summary?: string): Promise<void> {
  await db.query(
    `UPDATE coaching_plans SET revision = revision + 1, updated_at = now(),
            changed_since_adoption = adopted_version > 0, summary = coalesce($2, summary)
      WHERE id = $1`,
    [planId, summary ?? null],
  );
}

export interface GoalRow {
  id: string;
  position: number;
  title: string;
  measure: string;
}

export async function listGoals(db: Db, planId: string): Promise<GoalRow[]> {
  return db.query<GoalRow>(
    'SELECT id, position, title, measure FROM plan_goals WHERE plan_id = $1 ORDER BY position, id',
    [planId],
  );
}

export async function deleteGoalsExcept(db: Db, planId: string, keep: string[]): Promise<void> {
  await db.query('DELETE FROM plan_goals WHERE plan_id = $1 AND NOT (id = ANY($2::uuid[]))', [planId, keep]);
}

export async function upsertGoal(db: Db, planId: string, g: GoalRow): Promise<void> {
  await db.query(
    `INSERT INTO plan_goals (id, plan_id, position, title, measure) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (id) DO UPDATE SET position = EXCLUDED.position, title = EXCLUDED.title, measure = EXCLUDED.measure`,
    [g.id, planId, g.position, g.title, g.measure],
  );
}

export interface ActionFields {
  title: string;
  kind: ActionKind;
  goalId: string | null;
  ownerName: string | null;
  dueOn: string | null;
  costSek: number | null;
  hours: number | null;
}

export interface ActionRow extends ActionFields {
  id: string;
  position: number;
  status: ActionStatus;
  updatedAt: Date;
}

export async function listActions(db: Db, planId: string): Promise<ActionRow[]> {
  return db.query<ActionRow>(
    `SELECT id, position, title, kind, goal_id AS "goalId", owner_name AS "ownerName",
            to_char(due_on, 'YYYY-MM-DD') AS "dueOn", cost_sek AS "costSek", hours::float8 AS hours, status,
            updated_at AS "updatedAt"
       FROM plan_actions WHERE plan_id = $1 ORDER BY position, created_at, id`,
    [planId],
  );
}

export async function nextActionPosition(db: Db, planId: string): Promise<number> {
  const rows = await db.query<{ n: number }>(
    'SELECT coalesce(max(position), 0)::int + 1 AS n FROM plan_actions WHERE plan_id = $1',
    [planId],
  );
  return rows[0]?.n ?? 1;
}

export async function insertAction(
  db: Db,
  a: ActionFields & { id: string; planId: string; position: number },
): Promise<void> {
  await db.query(
    `INSERT INTO plan_actions (id, plan_id, goal_id, position, title, kind, owner_name, due_on, cost_sek, hours)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [a.id, a.planId, a.goalId, a.position, a.title, a.kind, a.ownerName, a.dueOn, a.costSek, a.hours],
  );
}

export async function updateAction(db: Db, id: string, a: ActionFields): Promise<void> {
  await db.query(
    `UPDATE plan_actions SET title = $2, kind = $3, goal_id = $4, owner_name = $5, due_on = $6, cost_sek = $7,
            hours = $8, updated_at = now() WHERE id = $1`,
    [id, a.title, a.kind, a.goalId, a.ownerName, a.dueOn, a.costSek, a.hours],
  );
}

export async function setActionStatus(db: Db, id: string, status: ActionStatus): Promise<void> {
  await db.query('UPDATE plan_actions SET status = $2, updated_at = now() WHERE id = $1', [id, status]);
}

export async function deleteAction(db: Db, id: string): Promise<void> {
  await db.query('DELETE FROM plan_actions WHERE id = $1', [id]);
}

export interface ActionNeedRow {
  actionId: string;
  mappingId: string;
  position: number;
}

export async function listActionNeeds(db: Db, planId: string): Promise<ActionNeedRow[]> {
  return db.query<ActionNeedRow>(
    `SELECT n.action_id AS "actionId", n.mapping_id AS "mappingId", n.need_position AS position
       FROM plan_action_needs n JOIN plan_actions a ON a.id = n.action_id
      WHERE a.plan_id = $1 ORDER BY n.need_position`,
    [planId],
  );
}

export async function setActionNeeds(
  db: Db,
  actionId: string,
  mappingId: string | null,
  positions: number[],
): Promise<void> {
  await db.query('DELETE FROM plan_action_needs WHERE action_id = $1', [actionId]);
  if (!mappingId || positions.length === 0) return;
  await db.query(
    `INSERT INTO plan_action_needs (action_id, mapping_id, need_position)
     SELECT $1, $2, p FROM unnest($3::int[]) AS p ON CONFLICT DO NOTHING`,
    [actionId, mappingId, positions],
  );
}

export interface CourseRow {
  actionId: string;
  courseId: string;
  courseTitle: string;
}

export async function listCourses(db: Db, planId: string): Promise<CourseRow[]> {
  return db.query<CourseRow>(
    `SELECT c.action_id AS "actionId", c.course_id AS "courseId", c.course_title AS "courseTitle"
       FROM plan_action_courses c JOIN plan_actions a ON a.id = c.action_id
      WHERE a.plan_id = $1 ORDER BY c.course_title`,
    [planId],
  );
}

/** Links a course; false when it was linked already. */
export async function insertCourse(db: Db, c: CourseRow): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO plan_action_courses (action_id, course_id, course_title) VALUES ($1, $2, $3)
     ON CONFLICT DO NOTHING RETURNING course_id`,
    [c.actionId, c.courseId, c.courseTitle],
  );
  return rows.length > 0;
}

export interface CommentRow {
  id: string;
  actionId: string;
  authorName: string;
  body: string;
  createdAt: Date;
}

export async function listComments(db: Db, planId: string): Promise<CommentRow[]> {
  return db.query<CommentRow>(
    `SELECT c.id, c.action_id AS "actionId", c.author_name AS "authorName", c.body, c.created_at AS "createdAt"
       FROM plan_action_comments c JOIN plan_actions a ON a.id = c.action_id
      WHERE a.plan_id = $1 ORDER BY c.created_at, c.id`,
    [planId],
  );
}

export async function insertComment(
  db: Db,
  c: { id: string; actionId: string; authorId: string; authorName: string; body: string },
): Promise<void> {
  await db.query(
    `INSERT INTO plan_action_comments (id, action_id, author_id, author_name, body) VALUES ($1, $2, $3, $4, $5)`,
    [c.id, c.actionId, c.authorId, c.authorName, c.body],
  );
}

export interface VersionRow {
  number: number;
  adoptedByName: string;
  adoptedAt: Date;
}

export async function listVersions(db: Db, planId: string): Promise<VersionRow[]> {
  return db.query<VersionRow>(
    `SELECT number, adopted_by_name AS "adoptedByName", adopted_at AS "adoptedAt"
       FROM plan_versions WHERE plan_id = $1 ORDER BY number DESC`,
    [planId],
  );
}

export async function findVersion(
  db: Db,
  planId: string,
  n: number,
): Promise<(VersionRow & { content: unknown }) | null> {
  const rows = await db.query<VersionRow & { content: unknown }>(
    `SELECT number, adopted_by_name AS "adoptedByName", adopted_at AS "adoptedAt", content
       FROM plan_versions WHERE plan_id = $1 AND number = $2`,
    [planId, n],
  );
  return rows[0] ?? null;
}

export async function insertVersion(
  db: Db,
  v: { id: string; planId: string; number: number; content: unknown; by: string; byName: string },
): Promise<Date> {
  const rows = await db.query<{ at: Date }>(
    `INSERT INTO plan_versions (id, plan_id, number, content, adopted_by, adopted_by_name)
     VALUES ($1, $2, $3, $4::jsonb, $5, $6) RETURNING adopted_at AS at`,
    [v.id, v.planId, v.number, JSON.stringify(v.content), v.by, v.byName],
  );
  const at = rows[0]?.at;
  if (!at) throw new Error('version not stored');
  return at;
}

export async function markAdopted(db: Db, planId: string, n: number): Promise<void> {
  await db.query(
    `UPDATE coaching_plans SET adopted_version = $2, changed_since_adoption = false, updated_at = now(),
            revision = revision + 1 WHERE id = $1`,
    [planId, n],
  );
}

export interface FollowupRow {
  id: string;
  months: number;
  dueOn: string;
  doneAt: Date | null;
  doneByName: string | null;
  actionStatuses: { actionId: string; title: string; status: ActionStatus }[];
  maturityScore: number | null;
  planInUse: boolean | null;
  companyFeedback: string;
  coachComment: string;
}

const FOLLOWUP = `f.id, f.months, to_char(f.due_on, 'YYYY-MM-DD') AS "dueOn", f.done_at AS "doneAt",
  u.name AS "doneByName", f.action_statuses AS "actionStatuses", f.maturity_score::float8 AS "maturityScore",
  f.plan_in_use AS "planInUse", f.company_feedback AS "companyFeedback", f.coach_comment AS "coachComment"`;

/** Follow-ups at `months` after the adoption date (Europe/Stockholm); existing ones are kept. */
export async function insertFollowups(
  db: Db,
  engagementId: string,
  adoptedAt: Date,
  rows: { id: string; months: number }[],
): Promise<number> {
  const inserted = await db.query(
    `INSERT INTO plan_followups (id, engagement_id, months, due_on)
     SELECT r.id, $1, r.m, (($2::timestamptz AT TIME ZONE 'Europe/Stockholm')::date + make_interval(months => r.m))::date
       FROM unnest($3::uuid[], $4::int[]) AS r(id, m)
     ON CONFLICT (engagement_id, months) DO NOTHING RETURNING id`,
    [engagementId, adoptedAt, rows.map((r) => r.id), rows.map((r) => r.months)],
  );
  return inserted.length;
}

export async function listFollowups(db: Db, engagementId: string): Promise<FollowupRow[]> {
  return db.query<FollowupRow>(
    `SELECT ${FOLLOWUP} FROM plan_followups f LEFT JOIN users u ON u.id = f.done_by
      WHERE f.engagement_id = $1 ORDER BY f.months`,
    [engagementId],
  );
}

export async function findFollowup(db: Db, engagementId: string, id: string): Promise<FollowupRow | null> {
  const rows = await db.query<FollowupRow>(
    `SELECT ${FOLLOWUP} FROM plan_followups f LEFT JOIN users u ON u.id = f.done_by
      WHERE f.engagement_id = $1 AND f.id = $2`,
    [engagementId, id],
  );
  return rows[0] ?? null;
}

/** The company's part: feedback and whether the plan is still in use. */
export async function updateFollowupCompany(
  db: Db,
  id: string,
  v: { companyFeedback: string; planInUse: boolean | null },
): Promise<void> {
  await db.query('UPDATE plan_followups SET company_feedback = $2, plan_in_use = $3 WHERE id = $1', [
    id,
    v.companyFeedback,
    v.planInUse,
  ]);
}

/** Staff complete the follow-up (done the first time; saving again updates it). */
export async function completeFollowup(
  db: Db,
  id: string,
  v: {
    actionStatuses: FollowupRow['actionStatuses'];
    maturityScore: number | null;
    planInUse: boolean | null;
    companyFeedback: string;
    coachComment: string;
    by: string;
  },
): Promise<void> {
  await db.query(
    `UPDATE plan_followups SET action_statuses = $2::jsonb, maturity_score = $3, plan_in_use = $4,
            company_feedback = $5, coach_comment = $6, done_at = coalesce(done_at, now()),
            done_by = coalesce(done_by, $7)
      WHERE id = $1`,
    [
      id,
      JSON.stringify(v.actionStatuses),
      v.maturityScore,
      v.planInUse,
      v.companyFeedback,
      v.coachComment,
      v.by,
    ],
  );
}
