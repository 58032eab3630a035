// Time on task of digital courses as a read model for the ESF time certificates (a separate activity kind).
// SKELETON: the study/ESF-feed helper implements this.
import type { Db } from '../../../platform/db.ts';

/** Minutes of digital learning per learner, company and day (Europe/Stockholm). */
export interface LearningMinutesRow {
  learnerId: string;
  userId: string;
  companyId: string;
  day: string;
  minutes: number;
}

export async function learningMinutes(
  _db: Db,
  _regionId: string,
  _period: { from: string; to: string },
): Promise<LearningMinutesRow[]> {
  return [];
}
