// The "my week" page model: the actor's entries of one ISO week with totals per day and activity, the
// months that are signed, and the choices of the entry form (organisations, companies, engagements).
import type { Actor } from '../../../platform/auth.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { companyListQuery, listCompanies } from '../../companies/index.ts';
import { addDays, firstDay, mondayOf, monthOf, weekDays } from '../dates.ts';
import { canLogTime, staffOrganisations } from '../policy.ts';
import * as repo from '../repo.ts';

export interface Option {
  value: string;
  label: string;
}

export interface FormChoices {
  organisations: Option[];
  companies: Option[];
  engagements: Option[];
}

export interface WeekModel {
  monday: string;
  days: string[];
  entries: repo.EntryRow[];
  perDay: Record<string, number>;
  perActivity: Record<string, number>;
  total: number;
  signedMonths: string[];
  choices: FormChoices;
}

/** Companies in the actor's company scope (the first 200 by name) for the entry form. */
async function companyOptions(db: Db, actor: Actor): Promise<Option[]> {
  try {
    const page = await listCompanies(db, actor, companyListQuery.parse({ pageSize: 200 }));
    return page.rows.map((c) => ({ value: c.id, label: c.name }));
  } catch (err) {
    if (err instanceof AppError && err.code === 'FORBIDDEN') return [];
    throw err;
  }
}

export async function formChoices(db: Db, actor: Actor): Promise<FormChoices> {
  const [companies, engagements] = await Promise.all([
    companyOptions(db, actor),
    repo.engagementsOfCoach(db, actor.userId),
  ]);
  return {
    organisations: staffOrganisations(actor).map((m) => ({
      value: m.organisationId as string,
      label: m.organisationName,
    })),
    companies,
    engagements: engagements.map((g) => ({ value: g.id, label: g.companyName })),
  };
}

export async function weekModel(db: Db, actor: Actor, anyDay: string): Promise<WeekModel> {
  if (!canLogTime(actor)) throw new AppError('FORBIDDEN');
  const monday = mondayOf(anyDay);
  const days = weekDays(monday);
  const sunday = addDays(monday, 6);
  const [entries, signed, choices] = await Promise.all([
    repo.listEntries(db, actor.userId, monday, sunday),
    repo.signedMonths(db, actor.userId, [...new Set([firstDay(monthOf(monday)), firstDay(monthOf(sunday))])]),
    formChoices(db, actor),
  ]);
  const perDay: Record<string, number> = Object.fromEntries(days.map((d) => [d, 0]));
  const perActivity: Record<string, number> = {};
  for (const e of entries) {
    perDay[e.workDate] = (perDay[e.workDate] ?? 0) + e.hours;
    perActivity[e.activity] = (perActivity[e.activity] ?? 0) + e.hours;
  }
  return {
    monday,
    days,
    entries,
    perDay,
    perActivity,
    total: entries.reduce((s, e) => s + e.hours, 0),
    signedMonths: [...signed],
    choices,
  };
}
