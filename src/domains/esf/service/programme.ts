// The programme an ESF administrator works in, and its rule set: period, age bands, SCB columns, grants,
// targets, unit costs per year and the flat-rate model. Missing rules are created with the period's
// defaults on first use. Every other ESF use case starts here.
import { createHash } from 'node:crypto';
import { audit } from '../../../platform/audit.ts';
import type { Actor } from '../../../platform/auth.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { canSeeEsf, canSetEsfRules } from '../policy.ts';
import * as repo from '../repo-programme.ts';
import { type RulesInput, SCB_COLUMNS, type ScbColumn, type UnitCostInput } from '../schema.ts';

export interface AgeBand {
  key: string;
  /** Inclusive bounds in whole years; null = open. */
  min: number | null;
  max: number | null;
}

export interface Targets {
  companies: number;
  participantsWomen: number;
  participantsMen: number;
  hours: number;
  plans: number;
}

export interface EsfRules {
  ageBands: AgeBand[];
  scbColumns: ScbColumn[];
  grants: { funder: string; amountSek: number }[];
  targets: Targets;
  flatRate: 'none' | 'indirect15' | 'other40';
  informationText: string;
  /** SHA-256 of the information text: what each acknowledgement refers to. */
  informationTextSha256: string;
  inactiveDays: number;
  deminimisCeilingEur: number;
  deminimisWarnShare: number;
  sekPerEur: number;
  retentionYears: number;
}

export interface EsfProgramme extends repo.ProgrammeBase {
  rules: EsfRules;
  unitCosts: repo.UnitCostRow[];
}

/** The age bands of each programme period (age at participation start). */
export const AGE_BANDS: Record<repo.ProgrammeBase['ruleSet'], AgeBand[]> = {
  'esf-2014-2020': [
    { key: 'under25', min: null, max: 24 },
    { key: '25to54', min: 25, max: 54 },
    { key: 'over54', min: 55, max: null },
  ],
  'esf-plus-2021-2027': [
    { key: 'under30', min: null, max: 29 },
    { key: '30to54', min: 30, max: 54 },
    { key: '55plus', min: 55, max: null },
  ],
};

export const DEFAULT_TARGETS: Targets = {
  companies: 0,
  participantsWomen: 0,
  participantsMen: 0,
  hours: 0,
  plans: 0,
};

export const DEFAULT_INFORMATION_TEXT_SV = `Du deltar i ett projekt som finansieras av Europeiska socialfonden (ESF+). För att följa upp projektet lämnar vi ditt personnummer, namn, start- och slutdatum och din arbetsgivares organisationsnummer till Statistiska centralbyrån (SCB), som på uppdrag av Svenska ESF-rådet hämtar uppgifter om bland annat utbildning och sysselsättning ur sina register. Uppgifterna används bara för uppföljning och utvärdering av socialfonden och redovisas så att ingen enskild kan identifieras. Du har rätt att få veta vilka uppgifter som behandlas om dig och att begära rättelse. Personuppgiftsansvarig för projektets register är den region som driver projektet.`;

export const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** The band key for an age, or null when unknown. */
export function ageBandOf(bands: AgeBand[], age: number | null): string | null {
  if (age === null) return null;
  return bands.find((b) => (b.min === null || age >= b.min) && (b.max === null || age <= b.max))?.key ?? null;
}

function defaults(p: repo.ProgrammeBase): repo.RulesWrite {
  return {
    ageBands: AGE_BANDS[p.ruleSet],
    scbColumns: [...SCB_COLUMNS],
    grants: p.funders.map((f) => ({ funder: f.name, amountSek: f.amountSek })),
    targets: DEFAULT_TARGETS,
    flatRate: 'none',
    informationText: DEFAULT_INFORMATION_TEXT_SV,
    inactiveDays: 90,
    deminimisCeilingEur: 300_000,
    deminimisWarnShare: 0.8,
    sekPerEur: 11.5,
    retentionYears: 10,
  };
}

const regionsOf = (actor: Actor, roles: string[]) => [
  ...new Set(actor.memberships.filter((m) => roles.includes(m.role)).map((m) => m.regionId)),
];

/** A programme with its rules (created with the defaults when missing). */
export async function loadProgramme(db: Db, base: repo.ProgrammeBase): Promise<EsfProgramme> {
  let row = await repo.findRules(db, base.id);
  if (!row) {
    await repo.upsertRules(db, base.id, defaults(base), null, true);
    row = await repo.findRules(db, base.id);
  }
  if (!row) throw new Error('programme rules missing');
  return programmeOf(base, row, await repo.listUnitCosts(db, base.id));
}

function programmeOf(
  base: repo.ProgrammeBase,
  row: repo.RulesRow,
  unitCosts: repo.UnitCostRow[],
): EsfProgramme {
  return {
    ...base,
    rules: {
      ageBands: row.ageBands as AgeBand[],
      scbColumns: row.scbColumns as ScbColumn[],
      grants: row.grants as EsfRules['grants'],
      targets: { ...DEFAULT_TARGETS, ...(row.targets as Partial<Targets>) },
      flatRate: row.flatRate,
      informationText: row.informationText,
      informationTextSha256: sha256(row.informationText),
      inactiveDays: row.inactiveDays,
      deminimisCeilingEur: row.deminimisCeilingEur,
      deminimisWarnShare: row.deminimisWarnShare,
      sekPerEur: row.sekPerEur,
      retentionYears: row.retentionYears,
    },
    unitCosts,
  };
}

/**
 * The programme the actor works in: the one of their region running today (else the latest). FORBIDDEN
 * without an ESF or region-admin role; NOT_FOUND when the region has no programme.
 */
export async function currentProgramme(db: Db, actor: Actor): Promise<EsfProgramme> {
  return (await currentProgrammeWith(db, actor)).programme;
}

/** The current programme and another read about it, in one statement (see repo.AlongsideProgramme). */
export async function currentProgrammeWith<T = undefined>(
  db: Db,
  actor: Actor,
  along?: repo.AlongsideProgramme<T>,
): Promise<{ programme: EsfProgramme; along: T }> {
  if (!canSeeEsf(actor)) throw new AppError('FORBIDDEN');
  const found = await repo.programmeWithRules(db, regionsOf(actor, ['esf_admin', 'region_admin']), along);
  if (!found) throw new AppError('NOT_FOUND');
  const { rules, unitCosts, along: read, ...base } = found;
  // Rules are written with their defaults the first time a programme is used.
  const programme = rules ? programmeOf(base, rules, unitCosts) : await loadProgramme(db, base);
  return { programme, along: read as T };
}

/** The programme of a region (for read models that other ESF use cases share), or null. */
export async function programmeOfRegion(db: Db, regionId: string): Promise<EsfProgramme | null> {
  const [base] = await repo.programmesOfRegions(db, [regionId]);
  return base ? loadProgramme(db, base) : null;
}

/** The unit cost of a year (the latest earlier year's when that year has none), or null. */
export function unitCostFor(p: EsfProgramme, year: number): repo.UnitCostRow | null {
  return [...p.unitCosts].reverse().find((u) => u.year <= year) ?? p.unitCosts[0] ?? null;
}

export interface WriteCtx {
  actor: Actor;
  ip: string;
}

export async function saveRules(db: Db, ctx: WriteCtx, input: RulesInput): Promise<EsfProgramme> {
  if (!canSetEsfRules(ctx.actor)) throw new AppError('FORBIDDEN');
  const p = await currentProgramme(db, ctx.actor);
  const flatRate = input.indirectCosts15 ? 'indirect15' : input.otherCosts40 ? 'other40' : 'none';
  await db.tx(async (tx) => {
    await repo.upsertRules(
      tx,
      p.id,
      {
        ageBands: p.rules.ageBands,
        scbColumns: input.scbColumns,
        grants: input.grants,
        targets: {
          companies: input.targetCompanies,
          participantsWomen: input.targetParticipantsWomen,
          participantsMen: input.targetParticipantsMen,
          hours: input.targetHours,
          plans: input.targetPlans,
        },
        flatRate,
        informationText: input.informationText,
        inactiveDays: input.inactiveDays,
        deminimisCeilingEur: input.deminimisCeilingEur,
        deminimisWarnShare: p.rules.deminimisWarnShare,
        sekPerEur: input.sekPerEur,
        retentionYears: input.retentionYears,
      },
      ctx.actor.userId,
    );
    await audit(tx, {
      actorUserId: ctx.actor.userId,
      action: 'esf.rules.update',
      entityType: 'programme',
      entityId: p.id,
      ip: ctx.ip,
      details: { flatRate, scbColumns: input.scbColumns.join(',') },
    });
  });
  return currentProgramme(db, ctx.actor);
}

export async function saveUnitCost(db: Db, ctx: WriteCtx, input: UnitCostInput): Promise<EsfProgramme> {
  if (!canSetEsfRules(ctx.actor)) throw new AppError('FORBIDDEN');
  const p = await currentProgramme(db, ctx.actor);
  const rows = [...p.unitCosts.filter((u) => u.year !== input.year), input].sort((a, b) => a.year - b.year);
  await db.tx(async (tx) => {
    await repo.replaceUnitCosts(tx, p.id, rows);
    await audit(tx, {
      actorUserId: ctx.actor.userId,
      action: 'esf.unitCost.set',
      entityType: 'programme',
      entityId: p.id,
      ip: ctx.ip,
      details: { ...input },
    });
  });
  return currentProgramme(db, ctx.actor);
}
