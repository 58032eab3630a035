// Time entries: a staff member logs their own hours per day, activity and (optionally) company and
// engagement. Whole and half hours; at most 24 hours a day; not in the future; never in a signed month.
import { randomUUID } from 'node:crypto';
import { audit } from '../../../platform/audit.ts';
import type { Actor } from '../../../platform/auth.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError, type FieldError, validation } from '../../../platform/errors.ts';
import { getCompany } from '../../companies/index.ts';
import { firstDay, monthOf, today } from '../dates.ts';
import { canLogTime, staffOrganisations } from '../policy.ts';
import * as repo from '../repo.ts';
import type { EntryInput } from '../schema.ts';

export const DAY_MAX = 24;

function mustLog(actor: Actor): void {
  if (!canLogTime(actor)) throw new AppError('FORBIDDEN');
}

/** Whether the actor may see the company (NOT_FOUND from the companies domain means no). */
async function companyVisible(db: Db, actor: Actor, companyId: string): Promise<boolean> {
  try {
    await getCompany(db, actor, companyId);
    return true;
  } catch (err) {
    if (err instanceof AppError && (err.code === 'NOT_FOUND' || err.code === 'FORBIDDEN')) return false;
    throw err;
  }
}

/** Check an entry against the rules that need no lock; returns the values to store. */
async function resolve(db: Db, actor: Actor, input: EntryInput): Promise<repo.EntryValues> {
  const errors: FieldError[] = [];
  if (input.workDate > today()) errors.push({ field: 'workDate', message: 'stafftime.error.future' });
  const orgs = staffOrganisations(actor);
  const organisationId = input.organisationId ?? orgs[0]?.organisationId ?? null;
  if (!organisationId || !orgs.some((m) => m.organisationId === organisationId))
    errors.push({ field: 'organisationId', message: 'stafftime.error.organisation' });
  let companyId = input.companyId;
  if (input.engagementId) {
    const engagement = await repo.findEngagement(db, input.engagementId);
    if (!engagement || !(await companyVisible(db, actor, engagement.companyId)))
      errors.push({ field: 'engagementId', message: 'stafftime.error.engagement' });
    else if (companyId && companyId !== engagement.companyId)
      errors.push({ field: 'engagementId', message: 'stafftime.error.engagementCompany' });
    else companyId = engagement.companyId;
  }
  if (input.companyId && !(await companyVisible(db, actor, input.companyId)))
    errors.push({ field: 'companyId', message: 'stafftime.error.company' });
  if (errors.length) throw validation(errors);
  return {
    organisationId: organisationId as string,
    workDate: input.workDate,
    hours: input.hours,
    activity: input.activity,
    companyId,
    engagementId: input.engagementId,
    note: input.note.replace(/\r\n?/g, '\n'),
  };
}

/** Inside the transaction: the month is not signed and the day stays within 24 hours. */
async function checkDay(tx: Db, userId: string, v: repo.EntryValues, exceptId: string | null): Promise<void> {
  await repo.lockDay(tx, userId, v.workDate);
  const signed = await repo.signedMonths(tx, userId, [firstDay(monthOf(v.workDate))]);
  if (signed.size > 0) throw validation([{ field: 'workDate', message: 'stafftime.error.signed' }]);
  if (await repo.monthClaimClosed(tx, userId, monthOf(v.workDate)))
    throw validation([{ field: 'workDate', message: 'stafftime.error.claimClosed' }]);
  const logged = await repo.dayTotal(tx, userId, v.workDate, exceptId);
  if (logged + v.hours > DAY_MAX)
    throw validation([
      { field: 'hours', message: 'stafftime.error.dayFull', params: { left: Math.max(0, DAY_MAX - logged) } },
    ]);
}

/** The actor's own entry, or NOT_FOUND (someone else's entry looks unknown). */
async function ownEntry(db: Db, actor: Actor, id: string): Promise<repo.EntryRow> {
  const entry = await repo.findEntry(db, id);
  if (!entry || entry.userId !== actor.userId) throw new AppError('NOT_FOUND');
  return entry;
}

async function refuseSigned(db: Db, entry: repo.EntryRow): Promise<void> {
  const signed = await repo.signedMonths(db, entry.userId, [firstDay(monthOf(entry.workDate))]);
  if (signed.size > 0) throw new AppError('CONFLICT', 'stafftime.error.signed');
  if (await repo.monthClaimClosed(db, entry.userId, monthOf(entry.workDate)))
    throw new AppError('CONFLICT', 'stafftime.error.claimClosed');
}

export type EntryView = repo.EntryRow;

export async function getOwnEntry(db: Db, actor: Actor, id: string): Promise<repo.EntryRow> {
  mustLog(actor);
  return ownEntry(db, actor, id);
}

export async function createEntry(db: Db, actor: Actor, input: EntryInput, ip: string | null = null) {
  mustLog(actor);
  const values = await resolve(db, actor, input);
  const id = randomUUID();
  await db.tx(async (tx) => {
    await checkDay(tx, actor.userId, values, null);
    await repo.insertEntry(tx, id, actor.userId, values);
    await audit(tx, {
      actorUserId: actor.userId,
      action: 'stafftime.entry_created',
      entityType: 'staff_time_entry',
      entityId: id,
      organisationId: values.organisationId,
      ip,
      details: { workDate: values.workDate, hours: values.hours, activity: values.activity },
    });
  });
  return (await repo.findEntry(db, id)) as repo.EntryRow;
}

export async function updateEntry(
  db: Db,
  actor: Actor,
  id: string,
  input: EntryInput,
  ip: string | null = null,
) {
  mustLog(actor);
  const before = await ownEntry(db, actor, id);
  await refuseSigned(db, before);
  const values = await resolve(db, actor, input);
  await db.tx(async (tx) => {
    await refuseSigned(tx, before);
    await checkDay(tx, actor.userId, values, id);
    await repo.updateEntry(tx, id, values);
    await audit(tx, {
      actorUserId: actor.userId,
      action: 'stafftime.entry_updated',
      entityType: 'staff_time_entry',
      entityId: id,
      organisationId: values.organisationId,
      ip,
      details: {
        from: { workDate: before.workDate, hours: before.hours, activity: before.activity },
        to: { workDate: values.workDate, hours: values.hours, activity: values.activity },
      },
    });
  });
  return (await repo.findEntry(db, id)) as repo.EntryRow;
}

export async function deleteEntry(db: Db, actor: Actor, id: string, ip: string | null = null): Promise<void> {
  mustLog(actor);
  const before = await ownEntry(db, actor, id);
  await db.tx(async (tx) => {
    await repo.lockDay(tx, actor.userId, before.workDate);
    await refuseSigned(tx, before);
    await repo.deleteEntry(tx, id);
    await audit(tx, {
      actorUserId: actor.userId,
      action: 'stafftime.entry_deleted',
      entityType: 'staff_time_entry',
      entityId: id,
      organisationId: before.organisationId,
      ip,
      details: { workDate: before.workDate, hours: before.hours, activity: before.activity },
    });
  });
}

/** The actor's entries between two dates (inclusive). */
export async function listOwnEntries(db: Db, actor: Actor, from: string, to: string) {
  mustLog(actor);
  return repo.listEntries(db, actor.userId, from, to);
}
