// De minimis aid (Regulation (EU) 2023/2831): the value the programme gave each company of its region
// over three years, the companies' declarations of other aid, and the warning that coaching intake and
// training enrolment show before the ceiling.
import { randomUUID } from 'node:crypto';
import { audit } from '../../../platform/audit.ts';
import type { Actor } from '../../../platform/auth.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError, validation } from '../../../platform/errors.ts';
import { maskOrgNumber } from '../../../platform/identifiers.ts';
import { isEsfAdmin } from '../policy.ts';
import * as repo from '../repo-deminimis.ts';
import {
  type AidLevel,
  type AidRules,
  type AidWindow,
  aidByCompany,
  type CompanyAid,
  emptyAid,
  levelOf,
  rulesOf,
  windowOf,
} from './deminimis-calc.ts';
import type { DeclarationInput } from './deminimis-schema.ts';
import { swedishToday } from './participants.ts';
import {
  currentProgramme,
  type EsfProgramme,
  programmeOfRegion,
  unitCostFor,
  type WriteCtx,
} from './programme.ts';

export type { AidLevel, AidLine, CompanyAid } from './deminimis-calc.ts';

export interface CompanyAidItem extends CompanyAid {
  companyName: string;
  /** Masked for a sole trader. */
  orgNumber: string;
}

export interface DeminimisOverview {
  window: AidWindow;
  rules: AidRules;
  companies: CompanyAidItem[];
}

export interface DeminimisDetail {
  window: AidWindow;
  rules: AidRules;
  programmeName: string;
  company: CompanyAidItem;
  declarations: repo.DeclarationRow[];
}

const DEFAULT_RULES: AidRules = { ceilingEur: 300_000, warnShare: 0.8, sekPerEur: 11.5 };

const item = (aid: CompanyAid, c: repo.CompanyRef): CompanyAidItem => ({
  ...aid,
  companyName: c.name,
  orgNumber: maskOrgNumber(c.orgNumber, c.soleTrader),
});

/** Companies of the programme's region given aid or with a declaration, the largest total first. */
export async function listDeminimis(db: Db, actor: Actor, asOf: string | null): Promise<DeminimisOverview> {
  const p = await currentProgramme(db, actor);
  const window = windowOf(asOf ?? swedishToday());
  const rules = rulesOf(p);
  const aid = await aidByCompany(db, p, p.regionId, window, null, rules);
  const companies = new Map((await repo.companiesByIds(db, [...aid.keys()])).map((c) => [c.id, c]));
  const list = [...aid.values()]
    .filter((a) => companies.has(a.companyId))
    .map((a) => item(a, companies.get(a.companyId) as repo.CompanyRef))
    .sort((a, b) => b.totalEur - a.totalEur || a.companyName.localeCompare(b.companyName, 'sv'));
  return { window, rules, companies: list };
}

async function companyOf(db: Db, p: EsfProgramme, companyId: string): Promise<repo.CompanyRef> {
  const c = await repo.findCompany(db, companyId);
  if (!c || c.regionId !== p.regionId) throw new AppError('NOT_FOUND');
  return c;
}

/** One company's aid by year and activity, and its declarations (NOT_FOUND outside the region). */
export async function getDeminimis(
  db: Db,
  actor: Actor,
  companyId: string,
  asOf: string | null,
): Promise<DeminimisDetail> {
  const p = await currentProgramme(db, actor);
  const c = await companyOf(db, p, companyId);
  const window = windowOf(asOf ?? swedishToday());
  const rules = rulesOf(p);
  const aid = (await aidByCompany(db, p, p.regionId, window, c.id, rules)).get(c.id) ?? emptyAid(c.id);
  return {
    window,
    rules,
    programmeName: p.name,
    company: item(aid, c),
    declarations: await repo.declarationsOf(db, c.id),
  };
}

/** Record the company's declaration of other de minimis aid (ESF administrators). */
export async function declareDeminimis(
  db: Db,
  ctx: WriteCtx,
  companyId: string,
  input: DeclarationInput,
): Promise<DeminimisDetail> {
  if (!isEsfAdmin(ctx.actor)) throw new AppError('FORBIDDEN');
  const p = await currentProgramme(db, ctx.actor);
  const c = await companyOf(db, p, companyId);
  if (input.declaredOn > swedishToday())
    throw validation([{ field: 'declaredOn', message: 'esf.deminimis.declaredFuture' }]);
  const id = randomUUID();
  await db.tx(async (tx) => {
    await repo.insertDeclaration(tx, {
      id,
      programmeId: p.id,
      companyId: c.id,
      declaredOn: input.declaredOn,
      otherAidEur: input.otherAidEur,
      details: input.details.replace(/\r\n?/g, '\n'),
      recordedBy: ctx.actor.userId,
    });
    await audit(tx, {
      actorUserId: ctx.actor.userId,
      action: 'esf.deminimis.declare',
      entityType: 'company',
      entityId: c.id,
      ip: ctx.ip,
      details: { declarationId: id, declaredOn: input.declaredOn, otherAidEur: input.otherAidEur },
    });
  });
  return getDeminimis(db, ctx.actor, c.id, null);
}

export interface DeminimisWarning {
  level: AidLevel;
  /** The company's total over the three years, including `addSek`. */
  totalEur: number;
  ceilingEur: number;
}

/**
 * The de minimis level of a company if `addSek` more aid were given today: for the warnings of coaching
 * intake and training enrolment. No access check (the caller has checked the company); no personal data.
 */
export async function deminimisWarning(db: Db, companyId: string, addSek: number): Promise<DeminimisWarning> {
  const c = await repo.findCompany(db, companyId);
  if (!c) throw new AppError('NOT_FOUND');
  const p = await programmeOfRegion(db, c.regionId);
  const rules = p ? rulesOf(p) : DEFAULT_RULES;
  const window = windowOf(swedishToday());
  const aid = (await aidByCompany(db, p, c.regionId, window, c.id, rules)).get(c.id) ?? emptyAid(c.id);
  const totalEur = Math.round((aid.totalEur + Math.max(0, addSek) / rules.sekPerEur) * 100) / 100;
  return { level: levelOf(totalEur, rules), totalEur, ceilingEur: rules.ceilingEur };
}

/**
 * The warning for coaching intake: `hours` more coaching for the company, valued at this year's
 * staff-hour unit cost of the company's region's programme (none → valued at 0).
 */
export async function deminimisWarningForHours(
  db: Db,
  companyId: string,
  hours: number,
): Promise<DeminimisWarning> {
  const c = await repo.findCompany(db, companyId);
  if (!c) throw new AppError('NOT_FOUND');
  const p = await programmeOfRegion(db, c.regionId);
  const year = Number(swedishToday().slice(0, 4));
  const unit = p ? (unitCostFor(p, year)?.staffHourSek ?? 0) : 0;
  return deminimisWarning(db, companyId, Math.max(0, hours) * unit);
}

/** The warning for enrolment paid by the programme: `learners` more places on the course for the company. */
export async function deminimisWarningForCourse(
  db: Db,
  companyId: string,
  courseId: string,
  learners: number,
): Promise<DeminimisWarning> {
  const price = await repo.coursePrice(db, courseId);
  if (price === null) throw new AppError('NOT_FOUND');
  return deminimisWarning(db, companyId, price * Math.max(0, learners));
}
