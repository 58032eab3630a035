import { randomUUID } from 'node:crypto';
import { audit, auditTrail } from '../../platform/audit.ts';
import type { Actor } from '../../platform/auth.ts';
import { type Db, isUniqueViolation } from '../../platform/db.ts';
import { AppError, type FieldError } from '../../platform/errors.ts';
import { findOrganisation } from '../organisations/index.ts';
import { findMunicipality, sniExists } from '../reference/index.ts';
import { isEmptyScope, readScope, registeringMembership, writeScope } from './policy.ts';
import * as repo from './repo.ts';
import type { CompanyInput, CompanyListQuery } from './schema.ts';
import { classifySme, sizeClass } from './sme.ts';

export async function listCompanies(db: Db, actor: Actor, query: CompanyListQuery) {
  const scope = readScope(actor);
  if (isEmptyScope(scope)) throw new AppError('FORBIDDEN');
  return repo.listCompanies(db, scope, query);
}

export interface CompanyDetail {
  company: repo.CompanyRow;
  workplaces: repo.WorkplaceRow[];
  contacts: repo.ContactRow[];
  coaches: repo.CoachRow[];
  canEdit: boolean;
  canAssignCoaches: boolean;
}

/** A company the actor may see, or NOT_FOUND (exactly as for an unknown id). */
export async function getCompany(db: Db, actor: Actor, id: string): Promise<CompanyDetail> {
  const company = await repo.findCompany(db, readScope(actor), id);
  if (!company) throw new AppError('NOT_FOUND');
  const editable = await repo.findCompany(db, writeScope(actor), id);
  const [workplaces, contacts, coaches] = await Promise.all([
    repo.listWorkplaces(db, id),
    repo.listContacts(db, id),
    repo.listCoaches(db, id),
  ]);
  const staffEditor =
    editable !== null &&
    actor.memberships.some((m) => m.role === 'region_admin' || m.role === 'municipality_officer');
  return {
    company,
    workplaces,
    contacts,
    coaches,
    canEdit: editable !== null,
    canAssignCoaches: staffEditor,
  };
}

export async function companyHistory(db: Db, actor: Actor, id: string) {
  const company = await repo.findCompany(db, readScope(actor), id);
  if (!company) throw new AppError('NOT_FOUND');
  return auditTrail(db, 'company', id);
}

/** Checks against reference data and scope that a schema cannot make; all problems at once. */
async function referenceErrors(
  db: Db,
  input: CompanyInput,
  regionId: string | null,
  actor: Actor,
  isNew: boolean,
): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  if (input.sniCode && !(await sniExists(db, input.sniCode)))
    errors.push({ field: 'sniCode', message: 'validation.sni.unknown' });
  const region = regionId ? await findOrganisation(db, regionId) : null;
  for (const [i, w] of input.workplaces.entries()) {
    const municipality = await findMunicipality(db, w.municipalityCode);
    if (!municipality)
      errors.push({ field: `workplaces.${i}.municipalityCode`, message: 'validation.municipality.unknown' });
    else if (region?.code && municipality.countyCode !== region.code)
      errors.push({
        field: `workplaces.${i}.municipalityCode`,
        message: 'validation.municipality.outsideRegion',
      });
  }
  if (
    isNew &&
    errors.length === 0 &&
    !registeringMembership(
      actor,
      input.workplaces.map((w) => w.municipalityCode),
    )
  ) {
    errors.push({ field: 'workplaces.0.municipalityCode', message: 'validation.municipality.outsideScope' });
  }
  return errors;
}

export function toWrite(
  input: CompanyInput,
  base: { id: string; regionId: string; ownerOrgId: string },
): repo.CompanyWrite {
  const employees = input.employeesWomen + input.employeesMen;
  const sme = classifySme({
    employees,
    turnoverTsek: input.turnoverTsek,
    balanceTsek: input.balanceTsek,
    partOfGroup: input.partOfGroup,
    groupEmployees: input.groupEmployees,
    groupTurnoverTsek: input.groupTurnoverTsek,
    groupBalanceTsek: input.groupBalanceTsek,
  });
  return {
    ...base,
    orgNumber: input.orgNumber.value,
    isSoleTrader: input.orgNumber.soleTrader,
    name: input.name,
    sniCode: input.sniCode,
    employeesWomen: input.employeesWomen,
    employeesMen: input.employeesMen,
    sizeClass: sizeClass(employees),
    turnoverTsek: input.turnoverTsek,
    balanceTsek: input.balanceTsek,
    partOfGroup: input.partOfGroup,
    groupEmployees: input.partOfGroup ? input.groupEmployees : null,
    groupTurnoverTsek: input.partOfGroup ? input.groupTurnoverTsek : null,
    groupBalanceTsek: input.partOfGroup ? input.groupBalanceTsek : null,
    isSme: sme.isSme,
    smeReason: sme.reason,
    status: input.status,
    foundVia: input.foundVia,
  };
}

function withIds<T extends { id?: string }>(list: T[]): (T & { id: string })[] {
  return list.map((item) => ({ ...item, id: item.id ?? randomUUID() }));
}

async function saveChildren(db: Db, companyId: string, input: CompanyInput): Promise<void> {
  await repo.replaceWorkplaces(db, companyId, withIds(input.workplaces));
  await repo.replaceContacts(db, companyId, withIds(input.contacts));
}

export interface WriteContext {
  actor: Actor;
  ip: string;
}

/** Register a company. The region and owning organisation follow the registering membership. */
export async function createCompany(db: Db, ctx: WriteContext, input: CompanyInput): Promise<string> {
  const membership = registeringMembership(
    ctx.actor,
    input.workplaces.map((w) => w.municipalityCode),
  );
  const errors = await referenceErrors(db, input, membership?.regionId ?? null, ctx.actor, true);
  if (errors.length || !membership?.organisationId) throw new AppError('VALIDATION', 'VALIDATION', errors);
  const id = randomUUID();
  const write = toWrite(input, { id, regionId: membership.regionId, ownerOrgId: membership.organisationId });
  try {
    await db.tx(async (tx) => {
      await repo.insertCompany(tx, write);
      await saveChildren(tx, id, input);
      await audit(tx, {
        actorUserId: ctx.actor.userId,
        action: 'company.create',
        entityType: 'company',
        entityId: id,
        organisationId: membership.organisationId,
        ip: ctx.ip,
        details: { name: write.name, workplaces: input.workplaces.length, contacts: input.contacts.length },
      });
    });
  } catch (err) {
    if (isUniqueViolation(err))
      throw new AppError('VALIDATION', 'VALIDATION', [
        { field: 'orgNumber', message: 'validation.orgNumber.taken' },
      ]);
    throw err;
  }
  return id;
}

const AUDITED: (keyof repo.CompanyWrite)[] = [
  'orgNumber',
  'name',
  'sniCode',
  'employeesWomen',
  'employeesMen',
  'turnoverTsek',
  'balanceTsek',
  'partOfGroup',
  'groupEmployees',
  'groupTurnoverTsek',
  'groupBalanceTsek',
  'isSme',
  'status',
  'foundVia',
];

/** Update a company the actor may edit. A stale version answers CONFLICT with nothing written. */
export async function updateCompany(
  db: Db,
  ctx: WriteContext,
  id: string,
  input: CompanyInput,
): Promise<void> {
  const current = await repo.findCompany(db, writeScope(ctx.actor), id);
  if (!current) {
    if (await repo.findCompany(db, readScope(ctx.actor), id)) throw new AppError('FORBIDDEN');
    throw new AppError('NOT_FOUND');
  }
  const errors = await referenceErrors(db, input, current.regionId, ctx.actor, false);
  if (errors.length) throw new AppError('VALIDATION', 'VALIDATION', errors);
  const write = toWrite(input, { id, regionId: current.regionId, ownerOrgId: current.ownerOrgId });
  const changes: Record<string, [unknown, unknown]> = {};
  for (const key of AUDITED) {
    const before = (current as unknown as Record<string, unknown>)[key] ?? null;
    const after = write[key] ?? null;
    if (String(before) !== String(after)) changes[key] = [before, after];
  }
  try {
    await db.tx(async (tx) => {
      const ok = await repo.updateCompany(tx, write, input.version ?? null);
      if (!ok) throw new AppError('CONFLICT', 'validation.stale');
      await saveChildren(tx, id, input);
      await audit(tx, {
        actorUserId: ctx.actor.userId,
        action: 'company.update',
        entityType: 'company',
        entityId: id,
        organisationId: current.ownerOrgId,
        ip: ctx.ip,
        details: { changes, workplaces: input.workplaces.length, contacts: input.contacts.length },
      });
    });
  } catch (err) {
    if (isUniqueViolation(err))
      throw new AppError('VALIDATION', 'VALIDATION', [
        { field: 'orgNumber', message: 'validation.orgNumber.taken' },
      ]);
    throw err;
  }
}

export async function assignCoach(
  db: Db,
  ctx: WriteContext,
  companyId: string,
  coachUserId: string,
  coachIds: string[],
): Promise<void> {
  const detail = await getCompany(db, ctx.actor, companyId);
  if (!detail.canAssignCoaches) throw new AppError('FORBIDDEN');
  if (!coachIds.includes(coachUserId))
    throw new AppError('VALIDATION', 'VALIDATION', [{ field: 'coach', message: 'validation.choice' }]);
  if (await repo.assignCoach(db, companyId, coachUserId, ctx.actor.userId))
    await audit(db, {
      actorUserId: ctx.actor.userId,
      action: 'company.coach.assign',
      entityType: 'company',
      entityId: companyId,
      ip: ctx.ip,
      details: { coach: coachUserId },
    });
}

export async function unassignCoach(
  db: Db,
  ctx: WriteContext,
  companyId: string,
  coachUserId: string,
): Promise<void> {
  const detail = await getCompany(db, ctx.actor, companyId);
  if (!detail.canAssignCoaches) throw new AppError('FORBIDDEN');
  if (await repo.unassignCoach(db, companyId, coachUserId))
    await audit(db, {
      actorUserId: ctx.actor.userId,
      action: 'company.coach.unassign',
      entityType: 'company',
      entityId: companyId,
      ip: ctx.ip,
      details: { coach: coachUserId },
    });
}
