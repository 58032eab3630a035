// The programme's economy per month: outcome against budget per category and to date. Outcome:
// participant co-financing = certified hours (signed certificates) × the year's unit cost; personnel =
// employed staff's hours × hourly cost; services = external consultants' invoices; flat rate = 15 % or 40 %
// of employed personnel costs (the programme's rule), never of services. Budget lines are set per month.
import { z } from 'zod';
import { audit } from '../../../platform/audit.ts';
import type { Actor } from '../../../platform/auth.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError, validation } from '../../../platform/errors.ts';
import { isCalendarMonth } from '../../../platform/http/forms.ts';
import { canSetEsfRules } from '../policy.ts';
import * as repo from '../repo-economy.ts';
import { BUDGET_CATEGORIES, type BudgetCategory } from '../repo-economy.ts';
import { decimal } from '../schema.ts';
import {
  currentProgramme,
  type EsfProgramme,
  type EsfRules,
  unitCostFor,
  type WriteCtx,
} from './programme.ts';

export { BUDGET_CATEGORIES, type BudgetCategory };
export type Amounts = Record<BudgetCategory, number>;

export const monthParam = z.object({
  month: z.string().refine(isCalendarMonth, 'validation.date'),
});

/** A month's budget, one amount per category (blank = 0). */
export const budgetInput = z.object({
  personnel: decimal(0, 1e10).optional(),
  services: decimal(0, 1e10).optional(),
  flat_rate: decimal(0, 1e10).optional(),
  participant_cofinancing: decimal(0, 1e10).optional(),
  other: decimal(0, 1e10).optional(),
});
export type BudgetInput = z.infer<typeof budgetInput>;

export interface EconomyMonth {
  month: string;
  /** Up to and including the current month. */
  toDate: boolean;
  certifiedHours: number;
  participantHourSek: number | null;
  personnelHours: number;
  budget: Amounts;
  outcome: Amounts;
}

export interface Economy {
  programme: { name: string; startsOn: string; endsOn: string; flatRate: EsfRules['flatRate'] };
  currentMonth: string;
  months: EconomyMonth[];
  budgetToDate: Amounts;
  outcomeToDate: Amounts;
  budgetTotal: Amounts;
  grants: { funder: string; amountSek: number }[];
  grantTotal: number;
  outcomeTotalToDate: number;
  budgetTotalToDate: number;
}

const round2 = (n: number) => Math.round(n * 100) / 100;
const zero = (): Amounts => ({
  personnel: 0,
  services: 0,
  flat_rate: 0,
  participant_cofinancing: 0,
  other: 0,
});
export const sumAmounts = (a: Amounts): number => round2(BUDGET_CATEGORIES.reduce((s, c) => s + a[c], 0));

/** The flat rate on employed personnel costs: 15 % (indirect costs), 40 % (other costs) or none. */
export function flatRateOf(rule: EsfRules['flatRate'], employedPersonnelSek: number): number {
  if (rule === 'indirect15') return round2(employedPersonnelSek * 0.15);
  if (rule === 'other40') return round2(employedPersonnelSek * 0.4);
  return 0;
}

/** Every month YYYY-MM from the first to the last date (inclusive). */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const end = to.slice(0, 7);
  while (out.length < 600) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    if (key > end) break;
    out.push(key);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

const stockholmMonth = (now: Date) =>
  now.toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' }).slice(0, 7);

/** The economy of a programme (pure over the loaded figures; `now` for tests). */
export async function economyOf(db: Db, p: EsfProgramme, now = new Date()): Promise<Economy> {
  const months = monthsBetween(p.startsOn, p.endsOn);
  const first = months[0] ?? p.startsOn.slice(0, 7);
  const last = months[months.length - 1] ?? first;
  const [certified, personnel, invoices, budget] = await Promise.all([
    repo.certifiedHoursByMonth(db, p.id, first, last),
    repo.personnelByMonth(db, p.regionId, p.startsOn, p.endsOn),
    repo.invoicesByMonth(db, p.regionId, p.startsOn, p.endsOn),
    repo.budgetLines(db, p.id),
  ]);
  const currentMonth = stockholmMonth(now);
  const rows: EconomyMonth[] = months.map((month) => {
    const hours = certified.find((c) => c.month === month)?.hours ?? 0;
    const unit = unitCostFor(p, Number(month.slice(0, 4)));
    const staff = personnel.find((r) => r.month === month);
    const personnelSek = round2(staff?.costSek ?? 0);
    const outcome: Amounts = {
      personnel: personnelSek,
      services: round2(invoices.find((r) => r.month === month)?.amountSek ?? 0),
      flat_rate: flatRateOf(p.rules.flatRate, personnelSek),
      participant_cofinancing: round2(hours * (unit?.participantHourSek ?? 0)),
      other: 0,
    };
    const b = zero();
    for (const line of budget) if (line.month === month) b[line.category] = line.amountSek;
    return {
      month,
      toDate: month <= currentMonth,
      certifiedHours: hours,
      participantHourSek: unit?.participantHourSek ?? null,
      personnelHours: staff?.hours ?? 0,
      budget: b,
      outcome,
    };
  });
  const add = (pick: (m: EconomyMonth) => Amounts, only: (m: EconomyMonth) => boolean) => {
    const total = zero();
    for (const m of rows.filter(only))
      for (const c of BUDGET_CATEGORIES) total[c] = round2(total[c] + pick(m)[c]);
    return total;
  };
  const budgetToDate = add(
    (m) => m.budget,
    (m) => m.toDate,
  );
  const outcomeToDate = add(
    (m) => m.outcome,
    (m) => m.toDate,
  );
  return {
    programme: { name: p.name, startsOn: p.startsOn, endsOn: p.endsOn, flatRate: p.rules.flatRate },
    currentMonth,
    months: rows,
    budgetToDate,
    outcomeToDate,
    budgetTotal: add(
      (m) => m.budget,
      () => true,
    ),
    grants: p.rules.grants,
    grantTotal: round2(p.rules.grants.reduce((s, g) => s + g.amountSek, 0)),
    outcomeTotalToDate: sumAmounts(outcomeToDate),
    budgetTotalToDate: sumAmounts(budgetToDate),
  };
}

/** The economy of the actor's programme (ESF and region administrators). */
export async function economy(db: Db, actor: Actor, now = new Date()): Promise<Economy> {
  return economyOf(db, await currentProgramme(db, actor), now);
}

/** Set one month's budget per category (audited). The month must lie within the programme. */
export async function setBudget(db: Db, ctx: WriteCtx, month: string, input: BudgetInput): Promise<void> {
  if (!canSetEsfRules(ctx.actor)) throw new AppError('FORBIDDEN');
  const p = await currentProgramme(db, ctx.actor);
  if (month < p.startsOn.slice(0, 7) || month > p.endsOn.slice(0, 7))
    throw validation([{ field: 'month', message: 'esf.economy.monthOutside' }]);
  const lines = BUDGET_CATEGORIES.map((category) => ({
    category,
    amountSek: round2(input[category] ?? 0),
  })).filter((l) => l.amountSek > 0);
  await db.tx(async (tx) => {
    await repo.replaceBudgetMonth(tx, p.id, month, lines);
    await audit(tx, {
      actorUserId: ctx.actor.userId,
      action: 'esf.budget.set',
      entityType: 'programme',
      entityId: p.id,
      ip: ctx.ip,
      details: { month, ...Object.fromEntries(lines.map((l) => [l.category, l.amountSek])) },
    });
  });
}
