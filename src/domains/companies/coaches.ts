import type { Db } from '../../platform/db.ts';
import { usersWithRoleInRegion } from '../accounts/index.ts';
import type { CompanyDetail } from './service.ts';

/** Coaches of the company's region not yet assigned to it. */
export async function coachOptions(
  db: Db,
  detail: CompanyDetail,
): Promise<{ userId: string; name: string }[]> {
  const assigned = new Set(detail.coaches.map((c) => c.userId));
  const coaches = await usersWithRoleInRegion(db, detail.company.regionId, 'coach');
  return coaches.filter((c) => !assigned.has(c.userId));
}
