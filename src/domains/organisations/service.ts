import { randomUUID } from 'node:crypto';
import { audit } from '../../platform/audit.ts';
import { type Actor, hasRole } from '../../platform/auth.ts';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { findCounty, municipalitiesOfCounty } from '../reference/index.ts';
import * as repo from './repo.ts';
import type { ProgrammeInput, ProviderInput } from './schema.ts';

export type { OrganisationRow, ProgrammeRow } from './repo.ts';

/**
 * Make sure a region (one of the 21 counties) exists with an organisation per municipality of the
 * county, from the reference data. Idempotent: returns the region's id.
 */
export async function ensureRegion(db: Db, countyCode: string, name?: string): Promise<string> {
  const county = await findCounty(db, countyCode);
  if (!county)
    throw new AppError('VALIDATION', 'validation.invalid', [
      { field: 'county', message: 'validation.invalid' },
    ]);
  return db.tx(async (tx) => {
    const existing = await repo.findByKindCode(tx, 'region', countyCode);
    const regionId = existing?.id ?? randomUUID();
    if (!existing) {
      const regionName = name ?? `Region ${county.name.replace(/s? län$/, '')}`;
      await repo.insertOrganisation(tx, {
        id: regionId,
        kind: 'region',
        name: regionName,
        code: countyCode,
        regionId,
        orgNumber: null,
      });
      await audit(tx, {
        actorUserId: null,
        action: 'organisation.create',
        entityType: 'organisation',
        entityId: regionId,
        organisationId: regionId,
      });
    }
    for (const m of await municipalitiesOfCounty(tx, countyCode)) {
      if (await repo.findByKindCode(tx, 'municipality', m.code)) continue;
      const id = randomUUID();
      await repo.insertOrganisation(tx, {
        id,
        kind: 'municipality',
        name: `${m.name} kommun`,
        code: m.code,
        regionId,
        orgNumber: null,
      });
    }
    return regionId;
  });
}

export async function createProvider(
  db: Db,
  regionId: string,
  name: string,
  orgNumber: string | null,
): Promise<string> {
  const id = randomUUID();
  await repo.insertOrganisation(db, { id, kind: 'provider', name, code: null, regionId, orgNumber });
  return id;
}

export async function createProgramme(db: Db, programme: Omit<repo.ProgrammeRow, 'id'>): Promise<string> {
  const id = randomUUID();
  await repo.insertProgramme(db, { id, ...programme });
  return id;
}

/** The region an actor administers (first region-admin membership), or FORBIDDEN. */
function adminRegion(actor: Actor): string {
  const m = actor.memberships.find((x) => x.role === 'region_admin');
  if (!m) throw new AppError('FORBIDDEN');
  return m.regionId;
}

export async function addProvider(db: Db, actor: Actor, ip: string, input: ProviderInput): Promise<string> {
  const regionId = adminRegion(actor);
  const id = await createProvider(db, regionId, input.name, input.orgNumber);
  await audit(db, {
    actorUserId: actor.userId,
    action: 'organisation.create',
    entityType: 'organisation',
    entityId: id,
    organisationId: regionId,
    ip,
  });
  return id;
}

export async function addProgramme(db: Db, actor: Actor, ip: string, input: ProgrammeInput): Promise<string> {
  const regionId = adminRegion(actor);
  const id = await createProgramme(db, { regionId, ...input });
  await audit(db, {
    actorUserId: actor.userId,
    action: 'programme.create',
    entityType: 'programme',
    entityId: id,
    organisationId: regionId,
    ip,
  });
  return id;
}

export const findOrganisation = repo.findById;
export const findMunicipalityOrganisation = (db: Db, code: string) =>
  repo.findByKindCode(db, 'municipality', code);
export const findRegionByCounty = (db: Db, countyCode: string) =>
  repo.findByKindCode(db, 'region', countyCode);

/** Regions the actor belongs to through any membership. */
export function regionIdsOf(actor: Actor): string[] {
  return [...new Set(actor.memberships.map((m) => m.regionId))];
}

export interface RegionOverview {
  organisations: repo.OrganisationRow[];
  programmes: repo.ProgrammeRow[];
}

export async function regionOverview(db: Db, actor: Actor): Promise<RegionOverview> {
  if (!hasRole(actor, 'region_admin', 'municipality_officer', 'esf_admin', 'coach'))
    throw new AppError('FORBIDDEN');
  const regionIds = regionIdsOf(actor);
  const organisations = (await Promise.all(regionIds.map((id) => repo.listInRegion(db, id)))).flat();
  const programmes = await repo.listProgrammes(db, regionIds);
  return { organisations, programmes };
}
