// Staff employment (employed with an hourly cost, or external) set by region admins and officers, and
// consultants' invoices recorded by the consultant or their managers.
import { randomUUID } from 'node:crypto';
import { audit } from '../../../platform/audit.ts';
import type { Actor } from '../../../platform/auth.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError, type FieldError, validation } from '../../../platform/errors.ts';
import { getCompany } from '../../companies/index.ts';
import { addDays } from '../dates.ts';
import { canLogTime, canManageStaff, manageScope, readScope, staffOrganisations } from '../policy.ts';
import * as repo from '../repo.ts';
import * as staffRepo from '../repo-staff.ts';
import type { EmploymentInput, InvoiceInput } from '../schema.ts';

export async function listStaff(db: Db, actor: Actor): Promise<staffRepo.StaffRow[]> {
  if (!canManageStaff(actor)) throw new AppError('FORBIDDEN');
  return staffRepo.listStaff(db, manageScope(actor));
}

/** The employment history of a staff member in the organisations the actor manages. */
export async function employmentOf(db: Db, actor: Actor, userId: string): Promise<staffRepo.EmploymentRow[]> {
  if (!canManageStaff(actor)) throw new AppError('FORBIDDEN');
  const staff = (await staffRepo.listStaff(db, manageScope(actor))).filter((s) => s.userId === userId);
  if (staff.length === 0) throw new AppError('NOT_FOUND');
  return staffRepo.employmentHistory(db, userId, [...new Set(staff.map((s) => s.organisationId))]);
}

/** May the actor manage the organisation (region admin of its region or its officer)? */
function manages(actor: Actor, organisationId: string, regionId: string): boolean {
  const scope = manageScope(actor);
  return scope.regionIds.includes(regionId) || scope.organisationIds.includes(organisationId);
}

/**
 * Set a staff member's employment in an organisation from a date. A later date closes the current row
 * (history kept); the same date corrects it; an earlier date is refused.
 */
export async function setEmployment(
  db: Db,
  actor: Actor,
  userId: string,
  input: EmploymentInput,
  ip: string | null = null,
): Promise<staffRepo.EmploymentRow[]> {
  if (!canManageStaff(actor)) throw new AppError('FORBIDDEN');
  const membership = await staffRepo.staffMembership(db, userId, input.organisationId);
  if (!membership || !manages(actor, input.organisationId, membership.regionId))
    throw new AppError('NOT_FOUND');
  const errors: FieldError[] = [];
  if (input.kind === 'employed' && input.hourlyCostSek === null)
    errors.push({ field: 'hourlyCostSek', message: 'stafftime.error.costRequired' });
  if (input.kind === 'external' && input.hourlyCostSek !== null)
    errors.push({ field: 'hourlyCostSek', message: 'stafftime.error.costExternal' });
  if (errors.length) throw validation(errors);
  await db.tx(async (tx) => {
    const current = await staffRepo.currentEmployment(tx, userId, input.organisationId);
    const values = { kind: input.kind, hourlyCostSek: input.hourlyCostSek, setBy: actor.userId };
    if (current && current.validFrom === input.validFrom)
      await staffRepo.correctEmployment(tx, current.id, values);
    else {
      if (current && current.validFrom > input.validFrom)
        throw validation([
          { field: 'validFrom', message: 'stafftime.error.validFrom', params: { date: current.validFrom } },
        ]);
      if (current) await staffRepo.closeEmployment(tx, current.id, addDays(input.validFrom, -1));
      await staffRepo.insertEmployment(tx, {
        id: randomUUID(),
        userId,
        organisationId: input.organisationId,
        validFrom: input.validFrom,
        ...values,
      });
    }
    await audit(tx, {
      actorUserId: actor.userId,
      action: 'stafftime.employment_set',
      entityType: 'user',
      entityId: userId,
      organisationId: input.organisationId,
      ip,
      details: { kind: input.kind, validFrom: input.validFrom, hourlyCostSek: input.hourlyCostSek },
    });
  });
  return staffRepo.employmentHistory(db, userId, [input.organisationId]);
}

// ---------------------------------------------------------------- invoices

export async function listInvoices(db: Db, actor: Actor): Promise<staffRepo.InvoiceRow[]> {
  if (!canLogTime(actor)) throw new AppError('FORBIDDEN');
  return staffRepo.listInvoices(db, readScope(actor));
}

async function companyVisible(db: Db, actor: Actor, companyId: string): Promise<boolean> {
  try {
    await getCompany(db, actor, companyId);
    return true;
  } catch (err) {
    if (err instanceof AppError && (err.code === 'NOT_FOUND' || err.code === 'FORBIDDEN')) return false;
    throw err;
  }
}

/**
 * Record an invoice of an external staff member: by the consultant (for themselves) or by a region admin
 * or officer who manages the organisation. The consultant must be registered as external there for the
 * invoiced period.
 */
export async function recordInvoice(
  db: Db,
  actor: Actor,
  input: InvoiceInput,
  ip: string | null = null,
): Promise<staffRepo.InvoiceRow> {
  if (!canLogTime(actor)) throw new AppError('FORBIDDEN');
  const userId = input.userId ?? actor.userId;
  const errors: FieldError[] = [];
  if (input.periodTo < input.periodFrom)
    errors.push({ field: 'periodTo', message: 'stafftime.error.period' });
  const externalIn = await staffRepo.externalOrganisations(db, userId, input.periodFrom, input.periodTo);
  const own = staffOrganisations(actor).map((m) => m.organisationId as string);
  const organisationId =
    input.organisationId ?? externalIn.find((o) => userId !== actor.userId || own.includes(o)) ?? null;
  if (!organisationId || !externalIn.includes(organisationId))
    errors.push({ field: 'userId', message: 'stafftime.error.notExternal' });
  else if (userId !== actor.userId) {
    const m = await staffRepo.staffMembership(db, userId, organisationId);
    if (!m || !manages(actor, organisationId, m.regionId)) throw new AppError('NOT_FOUND');
  }
  let companyId = input.companyId;
  if (input.engagementId) {
    const g = await repo.findEngagement(db, input.engagementId);
    if (!g || !(await companyVisible(db, actor, g.companyId)))
      errors.push({ field: 'engagementId', message: 'stafftime.error.engagement' });
    else if (companyId && companyId !== g.companyId)
      errors.push({ field: 'engagementId', message: 'stafftime.error.engagementCompany' });
    else companyId = null;
  }
  if (companyId && !(await companyVisible(db, actor, companyId)))
    errors.push({ field: 'companyId', message: 'stafftime.error.company' });
  // Costs of a month in a closed ESF payment claim are frozen with it.
  if (
    organisationId &&
    (await repo.organisationMonthClaimClosed(db, organisationId, input.invoiceDate.slice(0, 7)))
  )
    errors.push({ field: 'invoiceDate', message: 'stafftime.error.claimClosed' });
  if (errors.length) throw validation(errors);
  const id = randomUUID();
  await db.tx(async (tx) => {
    const added = await staffRepo.insertInvoice(tx, {
      id,
      userId,
      organisationId: organisationId as string,
      engagementId: input.engagementId,
      companyId,
      invoiceNumber: input.invoiceNumber,
      invoiceDate: input.invoiceDate,
      periodFrom: input.periodFrom,
      periodTo: input.periodTo,
      hours: input.hours,
      amountSek: input.amountSek,
      note: input.note,
      recordedBy: actor.userId,
    });
    if (!added) throw validation([{ field: 'invoiceNumber', message: 'stafftime.error.invoiceNumber' }]);
    await audit(tx, {
      actorUserId: actor.userId,
      action: 'stafftime.invoice_recorded',
      entityType: 'consultant_invoice',
      entityId: id,
      organisationId,
      ip,
      details: { userId, hours: input.hours, amountSek: input.amountSek },
    });
  });
  const rows = await staffRepo.listInvoices(db, readScope(actor));
  const row = rows.find((r) => r.id === id);
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}
