// Coverage: mapped / in progress / target per municipality × SNI section, and whom to call next.
import type { Actor } from '../../../platform/auth.ts';
import type { Db, SqlParam } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { companyReadScope, companyScopeSql, isEmptyScope } from '../../companies/index.ts';
import * as repo from '../repo.ts';
import type { TargetInput } from '../schema.ts';
import { audienceOf, resolveRound } from './rollup.ts';

export interface CoverageView {
  roundId: string | null;
  rounds: { id: string; name: string }[];
  canSetTargets: boolean;
  municipalities: { code: string; name: string }[];
  sections: { code: string; name: string }[];
  rows: (repo.CoverageRow & { municipalityName: string; sectionName: string })[];
}

export async function coverageView(
  db: Db,
  actor: Actor,
  opts: { round?: string | null; locale: 'sv' | 'en' },
): Promise<CoverageView> {
  const audience = audienceOf(actor);
  const rounds = (await repo.roundsOf(db, audience.regionId)).map((r) => ({
    id: r.id,
    name: opts.locale === 'en' ? r.nameEn : r.nameSv,
  }));
  const roundId = await resolveRound(db, audience.regionId, { round: opts.round });
  const allMunicipalities = await repo.regionMunicipalities(db, audience.regionId);
  const own = audience.kind === 'officer' ? ownMunicipalities(actor) : null;
  const municipalities = own ? allMunicipalities.filter((m) => own.includes(m.code)) : allMunicipalities;
  const sections = await repo.sniSections(db);
  const mName = new Map(allMunicipalities.map((m) => [m.code, m.name]));
  const sName = new Map(sections.map((s) => [s.code, s.name]));
  const rows = roundId ? await repo.coverage(db, audience.regionId, roundId) : [];
  return {
    roundId,
    rounds,
    canSetTargets: audience.kind === 'admin',
    municipalities,
    sections,
    rows: rows
      .filter((r) => !own || own.includes(r.municipalityCode))
      .map((r) => ({
        ...r,
        municipalityName: mName.get(r.municipalityCode) ?? r.municipalityCode,
        sectionName: sName.get(r.sniSection) ?? r.sniSection,
      })),
  };
}

function ownMunicipalities(actor: Actor): string[] {
  return actor.memberships
    .filter((m) => m.role === 'municipality_officer' && m.municipalityCode)
    .map((m) => m.municipalityCode as string);
}

/** Companies still missing in one cell, limited to the actor's company scope (officers: own municipality). */
export async function missingCompanies(
  db: Db,
  actor: Actor,
  opts: { round?: string | null; municipality: string; sniSection: string },
): Promise<{ roundId: string | null; companies: repo.MissingCompany[] }> {
  const audience = audienceOf(actor);
  if (audience.kind === 'officer' && !ownMunicipalities(actor).includes(opts.municipality))
    throw new AppError('NOT_FOUND');
  const roundId = await resolveRound(db, audience.regionId, { round: opts.round });
  const scope = companyReadScope(actor);
  if (!roundId || isEmptyScope(scope)) return { roundId, companies: [] };
  const params: SqlParam[] = [];
  const scopeWhere = companyScopeSql(scope, params, 'c');
  const companies = await repo.missingCompanies(db, {
    regionId: audience.regionId,
    roundId,
    municipalityCode: opts.municipality,
    sniSection: opts.sniSection,
    scopeWhere,
    params,
  });
  return { roundId, companies };
}

/** Region admins set how many companies should be mapped per municipality × section in a round. */
export async function setTarget(db: Db, actor: Actor, input: TargetInput): Promise<void> {
  const audience = audienceOf(actor);
  if (audience.kind !== 'admin') throw new AppError('FORBIDDEN');
  await resolveRound(db, audience.regionId, { round: input.roundId });
  const municipalities = await repo.regionMunicipalities(db, audience.regionId);
  if (!municipalities.some((m) => m.code === input.municipalityCode))
    throw new AppError('VALIDATION', 'VALIDATION', [
      { field: 'municipalityCode', message: 'validation.choice' },
    ]);
  await repo.upsertTarget(db, { ...input, regionId: audience.regionId, userId: actor.userId });
}
