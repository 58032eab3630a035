// The hours read model for the ESF administration (issue 6): attended time per learner, month and company
// of a region's courses, in minutes and in whole hours. Whole hours are rounded down per date and activity
// (the time-certificate rule: 20 minutes a day is 0 hours) and then summed over the month.
import type { Db } from '../../../platform/db.ts';
import * as repo from '../repo-attendance.ts';
import { wholeHours } from './attendance-access.ts';

export interface ParticipantHoursRow {
  learnerId: string;
  firstName: string;
  lastName: string;
  companyId: string;
  companyName: string;
  orgNumber: string;
  /** YYYY-MM (Europe/Stockholm dates). */
  month: string;
  minutes: number;
  hours: number;
  /** Dates with attendance in the month. */
  days: number;
}

export interface CompanyHoursRow {
  companyId: string;
  companyName: string;
  orgNumber: string;
  learners: number;
  minutes: number;
  hours: number;
}

export interface ParticipantHours {
  rows: ParticipantHoursRow[];
  companies: CompanyHoursRow[];
}

/**
 * Attended time of a region's course sessions whose date (Europe/Stockholm) lies in [from, to] (YYYY-MM-DD,
 * both inclusive): rows per learner × month × company, and totals per company. No access check: callers
 * (the ESF administration's services) decide who may read it.
 */
export async function participantHours(
  db: Db,
  regionId: string,
  range: { from: string; to: string },
): Promise<ParticipantHours> {
  const days = await repo.regionDayMinutes(db, regionId, range.from, range.to);
  const rows = new Map<string, ParticipantHoursRow & { dates: Set<string> }>();
  for (const d of days) {
    const month = d.day.slice(0, 7);
    const key = `${d.learnerId}:${d.companyId}:${month}`;
    const row = rows.get(key) ?? {
      learnerId: d.learnerId,
      firstName: d.firstName,
      lastName: d.lastName,
      companyId: d.companyId,
      companyName: d.companyName,
      orgNumber: d.orgNumber,
      month,
      minutes: 0,
      hours: 0,
      days: 0,
      dates: new Set<string>(),
    };
    row.minutes += d.minutes;
    row.hours += wholeHours(d.minutes);
    row.dates.add(d.day);
    rows.set(key, row);
  }
  const list = [...rows.values()].map(({ dates, ...r }) => ({ ...r, days: dates.size }));
  const companies = new Map<string, CompanyHoursRow & { people: Set<string> }>();
  for (const r of list) {
    const c = companies.get(r.companyId) ?? {
      companyId: r.companyId,
      companyName: r.companyName,
      orgNumber: r.orgNumber,
      learners: 0,
      minutes: 0,
      hours: 0,
      people: new Set<string>(),
    };
    c.minutes += r.minutes;
    c.hours += r.hours;
    c.people.add(r.learnerId);
    companies.set(r.companyId, c);
  }
  return {
    rows: list,
    companies: [...companies.values()].map(({ people, ...c }) => ({ ...c, learners: people.size })),
  };
}
