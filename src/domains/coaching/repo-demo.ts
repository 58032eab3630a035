// SQL only the demo data needs: the company's workplace municipalities, and moving an adoption back in time
// so that the demo shows follow-ups that are due or done.
import type { Db } from '../../platform/db.ts';

export async function companyMunicipalities(db: Db, companyId: string): Promise<string[]> {
  const rows = await db.query<{ code: string }>(
    'SELECT municipality_code AS code FROM company_workplaces WHERE company_id = $1 ORDER BY position, created_at',
    [companyId],
  );
  return rows.map((r) => r.code);
}

export async function backdateAdoption(db: Db, engagementId: string, days: number): Promise<void> {
  await db.query(
    `UPDATE plan_versions v SET adopted_at = v.adopted_at - $2::int * interval '1 day'
       FROM coaching_plans p WHERE p.id = v.plan_id AND p.engagement_id = $1`,
    [engagementId, days],
  );
  await db.query(`UPDATE plan_followups SET due_on = due_on - $2::int WHERE engagement_id = $1`, [
    engagementId,
    days,
  ]);
}

export async function followupsOf(db: Db, engagementId: string): Promise<{ id: string; months: number }[]> {
  return db.query('SELECT id, months FROM plan_followups WHERE engagement_id = $1 ORDER BY months', [
    engagementId,
  ]);
}
