// SQL of the caseload list and board: engagements in the actor's scope with filters, and the scope's
// municipalities.
import type { Db, SqlParam } from '../../platform/db.ts';
import { type EngagementScope, scopeSql } from './repo.ts';
import type { Step } from './schema.ts';

export interface EngagementListRow {
  id: string;
  companyId: string;
  companyName: string;
  municipalityCode: string;
  municipalityName: string;
  step: Step;
  stepChangedAt: Date;
  plannedHours: number;
  usedMinutes: number;
  nextMeetingOn: string | null;
  overdueFollowups: number;
  overdueActions: number;
  coachNames: string | null;
}

export interface ListFilter {
  step?: Step;
  municipality?: string;
  coach?: string;
  q?: string;
  open?: 'open' | 'closed' | 'all';
}

function filterSql(scope: EngagementScope, filter: ListFilter, params: SqlParam[]): string {
  const where = [scopeSql(scope, params)];
  if (filter.step) {
    params.push(filter.step);
    where.push(`e.step = $${params.length}`);
  } else if ((filter.open ?? 'open') === 'open') where.push(`e.step <> 'closed'`);
  else if (filter.open === 'closed') where.push(`e.step = 'closed'`);
  if (filter.municipality) {
    params.push(filter.municipality);
    where.push(`e.municipality_code = $${params.length}`);
  }
  if (filter.coach) {
    params.push(filter.coach);
    where.push(
      `EXISTS (SELECT 1 FROM engagement_coaches fc WHERE fc.engagement_id = e.id AND fc.user_id = $${params.length} AND fc.removed_at IS NULL)`,
    );
  }
  if (filter.q) {
    params.push(`%${filter.q.replace(/[\\%_]/g, (ch) => `\\${ch}`).toLowerCase()}%`);
    where.push(`lower(c.name) LIKE $${params.length}`);
  }
  return where.join(' AND ');
}

export async function listEngagements(
  db: Db,
  scope: EngagementScope,
  filter: ListFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: EngagementListRow[]; total: number }> {
  const params: SqlParam[] = [];
  const where = filterSql(scope, filter, params);
  params.push(page.limit, page.offset);
  // One statement: the total and the page (an empty page is one row without an id).
  const found = await db.query<EngagementListRow & { total: number; sort_name: string }>(
    `SELECT t.n AS total, p.* FROM
       (SELECT count(*)::int AS n FROM engagements e JOIN companies c ON c.id = e.company_id WHERE ${where}) t
       LEFT JOIN LATERAL (
     SELECT e.id, e.company_id AS "companyId", c.name AS "companyName", e.municipality_code AS "municipalityCode",
            m.name AS "municipalityName", e.step, e.step_changed_at AS "stepChangedAt",
            e.planned_hours::float8 AS "plannedHours",
            (SELECT coalesce(sum(cm.minutes), 0)::int FROM coaching_meetings cm
              WHERE cm.engagement_id = e.id AND cm.status = 'held') AS "usedMinutes",
            (SELECT to_char(min(cm.held_on), 'YYYY-MM-DD') FROM coaching_meetings cm
              WHERE cm.engagement_id = e.id AND cm.status = 'planned' AND cm.held_on >= current_date) AS "nextMeetingOn",
            (SELECT count(*)::int FROM plan_followups pf
              WHERE pf.engagement_id = e.id AND pf.done_at IS NULL AND pf.due_on < current_date) AS "overdueFollowups",
            (SELECT count(*)::int FROM plan_actions pa JOIN coaching_plans cp ON cp.id = pa.plan_id
              WHERE cp.engagement_id = e.id AND pa.status IN ('planned', 'ongoing') AND pa.due_on < current_date)
              AS "overdueActions",
            (SELECT string_agg(u.name, ', ' ORDER BY u.name) FROM engagement_coaches ec JOIN users u ON u.id = ec.user_id
              WHERE ec.engagement_id = e.id AND ec.removed_at IS NULL) AS "coachNames",
            lower(c.name) AS sort_name
       FROM engagements e JOIN companies c ON c.id = e.company_id JOIN ref_municipalities m ON m.code = e.municipality_code
      WHERE ${where}
      ORDER BY lower(c.name), e.id
      LIMIT $${params.length - 1} OFFSET $${params.length}) p ON true
      ORDER BY p.sort_name, p.id`,
    params,
  );
  const total = found[0]?.total ?? 0;
  const rows = found.filter((r) => r.id !== null).map(({ total: _, sort_name: __, ...row }) => row);
  return { rows, total };
}

/** Municipalities that have engagements in scope, for the filter. */
export async function scopeMunicipalities(
  db: Db,
  scope: EngagementScope,
): Promise<{ code: string; name: string }[]> {
  const params: SqlParam[] = [];
  return db.query(
    `SELECT DISTINCT m.code, m.name FROM engagements e JOIN ref_municipalities m ON m.code = e.municipality_code
      WHERE ${scopeSql(scope, params)} ORDER BY m.name`,
    params,
  );
}
