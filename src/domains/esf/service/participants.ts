// ESF participants: registration from an enrolled learner, a coaching meeting's attendee or by hand, with
// the personnummer sealed in its own table (keyed hash for duplicates), the funder's information text
// acknowledged, eligibility checked at start, start = first activity, end = last activity when closed.
import { randomUUID } from 'node:crypto';
import { audit } from '../../../platform/audit.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError, validation } from '../../../platform/errors.ts';
import { ageOn, maskPersonnummer, parseEsfIdentity } from '../../../platform/identifiers.ts';
import { type Keyring, lookupHash, lookupHashes, seal } from '../../../platform/secrets.ts';
import { isEsfAdmin } from '../policy.ts';
import { activitySpan } from '../repo-activity.ts';
import * as repo from '../repo-participants.ts';
import * as sources from '../repo-sources.ts';
import type { CloseInput, ParticipantInput, ParticipantListQuery } from '../schema.ts';
import { currentProgramme, type EsfProgramme, type WriteCtx } from './programme.ts';

export type { ParticipantRow } from '../repo-participants.ts';

function requireAdmin(ctx: WriteCtx): void {
  if (!isEsfAdmin(ctx.actor)) throw new AppError('FORBIDDEN');
}

/** Today in Sweden, YYYY-MM-DD. */
export const swedishToday = (now = new Date()) =>
  now.toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });

export interface Eligibility {
  sme: boolean;
  inRegion: boolean;
}

export async function eligibilityOf(db: Db, p: EsfProgramme, companyId: string): Promise<Eligibility | null> {
  const company = await sources.findCompanyRef(db, companyId);
  if (!company || company.regionId !== p.regionId) return null;
  const county = await sources.regionCounty(db, p.regionId);
  return { sme: company.isSme, inRegion: county !== null && company.countyCodes.includes(county) };
}

export interface RegisterSources {
  learners: sources.LearnerSource[];
  attendees: sources.AttendeeSource[];
}

/** Enrolled learners and coached company people who are not registered yet (ESF administrators). */
export async function registrationSources(db: Db, ctx: WriteCtx): Promise<RegisterSources> {
  requireAdmin(ctx);
  const p = await currentProgramme(db, ctx.actor);
  const [learners, attendees] = await Promise.all([
    sources.unregisteredLearners(db, p.regionId, p.id, null),
    sources.unregisteredAttendees(db, p.regionId, null),
  ]);
  return { learners, attendees };
}

export interface Prefill {
  source: 'enrolment' | 'coaching' | 'manual';
  learnerId?: string;
  attendeeId?: string;
  companyId?: string;
  companyName?: string;
  firstName?: string;
  lastName?: string;
  email?: string | null;
  startedOn?: string | null;
  contacts: sources.ContactRef[];
  eligibility: Eligibility | null;
}

const splitName = (name: string) => {
  const parts = name.trim().split(/\s+/);
  return parts.length < 2
    ? { firstName: name.trim(), lastName: '' }
    : { firstName: parts.slice(0, -1).join(' '), lastName: parts[parts.length - 1] as string };
};

/** What the registration form starts from. An unknown or already registered source answers NOT_FOUND. */
export async function prefill(
  db: Db,
  ctx: WriteCtx,
  q: { learnerId?: string; attendeeId?: string; companyId?: string },
): Promise<Prefill> {
  requireAdmin(ctx);
  const p = await currentProgramme(db, ctx.actor);
  let out: Omit<Prefill, 'contacts' | 'eligibility'> = { source: 'manual' };
  if (q.learnerId) {
    const [l] = await sources.unregisteredLearners(db, p.regionId, p.id, q.learnerId);
    if (!l) throw new AppError('NOT_FOUND');
    out = {
      source: 'enrolment',
      learnerId: l.learnerId,
      companyId: l.companyId,
      companyName: l.companyName,
      firstName: l.firstName,
      lastName: l.lastName,
      email: l.email,
      startedOn: l.firstAttended,
    };
  } else if (q.attendeeId) {
    const [a] = await sources.unregisteredAttendees(db, p.regionId, q.attendeeId);
    if (!a) throw new AppError('NOT_FOUND');
    out = {
      source: 'coaching',
      attendeeId: a.attendeeId,
      companyId: a.companyId,
      companyName: a.companyName,
      ...splitName(a.name),
      email: a.email,
      startedOn: a.heldOn,
    };
  } else if (q.companyId) {
    const c = await sources.findCompanyRef(db, q.companyId);
    if (!c || c.regionId !== p.regionId) throw new AppError('NOT_FOUND');
    out = { source: 'manual', companyId: c.id, companyName: c.name };
  }
  const contacts = out.companyId ? await sources.companyContacts(db, out.companyId) : [];
  const eligibility = out.companyId ? await eligibilityOf(db, p, out.companyId) : null;
  return { ...out, contacts, eligibility };
}

/**
 * Register a participant. Refuses (422, field by field): an invalid or already registered personnummer,
 * a gender that cannot be derived and is not given, an employer that is not an SME with a workplace in
 * the region, a missing manager, eligibility or information acknowledgement not confirmed.
 */
export async function registerParticipant(
  db: Db,
  keyring: Keyring,
  ctx: WriteCtx,
  input: ParticipantInput,
): Promise<{ id: string }> {
  requireAdmin(ctx);
  const p = await currentProgramme(db, ctx.actor);
  const errors: { field: string; message: string }[] = [];
  const identity = parseEsfIdentity(input.personnummer);
  if (!identity.ok) errors.push({ field: 'personnummer', message: `esf.participant.pnr.${identity.error}` });
  let learnerId: string | null = null;
  let userId: string | null = null;
  let companyId = input.companyId ?? null;
  if (input.source === 'enrolment') {
    const [l] = input.learnerId
      ? await sources.unregisteredLearners(db, p.regionId, p.id, input.learnerId)
      : [];
    if (!l) errors.push({ field: 'learnerId', message: 'esf.participant.sourceGone' });
    else {
      learnerId = l.learnerId;
      userId = l.userId;
      companyId = l.companyId;
    }
  } else if (input.source === 'coaching') {
    const [a] = input.attendeeId ? await sources.unregisteredAttendees(db, p.regionId, input.attendeeId) : [];
    if (!a) errors.push({ field: 'attendeeId', message: 'esf.participant.sourceGone' });
    else companyId = a.companyId;
  }
  const company = companyId ? await sources.findCompanyRef(db, companyId) : null;
  if (!company || company.regionId !== p.regionId)
    errors.push({ field: 'companyId', message: 'validation.required' });
  else {
    const elig = await eligibilityOf(db, p, company.id);
    if (elig && !elig.sme) errors.push({ field: 'companyId', message: 'esf.participant.notSme' });
    else if (elig && !elig.inRegion)
      errors.push({ field: 'companyId', message: 'esf.participant.notInRegion' });
  }
  const gender = input.gender ?? (identity.ok ? identity.gender : null);
  if (!gender) errors.push({ field: 'gender', message: 'esf.participant.genderNeeded' });
  let managerName = input.managerName;
  let managerEmail = input.managerEmail;
  if (input.managerContactId && company) {
    const contact = (await sources.companyContacts(db, company.id)).find(
      (c) => c.id === input.managerContactId,
    );
    if (!contact) errors.push({ field: 'managerContactId', message: 'validation.choice' });
    else {
      managerName = contact.name;
      managerEmail = contact.email;
    }
  } else if (!managerName) errors.push({ field: 'managerName', message: 'esf.participant.managerNeeded' });
  if (!input.eligibilityConfirmed)
    errors.push({ field: 'eligibilityConfirmed', message: 'esf.participant.confirmEligibility' });
  if (!input.informationAcknowledged)
    errors.push({ field: 'informationAcknowledged', message: 'esf.participant.confirmInformation' });
  if (identity.ok && (await repo.findByLookup(db, p.id, lookupHashes(keyring, identity.value))))
    errors.push({ field: 'personnummer', message: 'esf.participant.pnr.duplicate' });
  if (errors.length > 0 || !identity.ok || !company || !gender) throw validation(errors);

  const id = randomUUID();
  const startedOn = input.startedOn;
  const ageAtStart = ageOn(identity.birthDate, startedOn ?? swedishToday());
  const sealed = seal(keyring, identity.value, id);
  await db.tx(async (tx) => {
    await repo.insertParticipant(tx, {
      id,
      programmeId: p.id,
      regionId: p.regionId,
      source: input.source,
      learnerId,
      userId,
      firstName: input.firstName,
      lastName: input.lastName,
      gender,
      ageAtStart,
      companyId: company.id,
      employerOrgNumber: company.orgNumber,
      managerContactId: input.managerContactId ?? null,
      managerName: managerName ?? '',
      managerEmail,
      email: input.email,
      mobile: input.mobile,
      startedOn,
      eligibilityConfirmed: true,
      informationAcknowledged: true,
      informationTextSha256: p.rules.informationTextSha256,
      protectedIdentity: identity.kind === 'protected',
      createdBy: ctx.actor.userId,
    });
    try {
      await repo.insertIdentity(tx, {
        participantId: id,
        programmeId: p.id,
        kind: identity.kind,
        keyId: sealed.keyId,
        sealed: sealed.sealed,
        lookupHash: lookupHash(keyring, sealed.keyId, identity.value),
        masked: maskPersonnummer(identity.value),
      });
    } catch (err) {
      // Two registrations of the same number at once: the unique keyed hash decides.
      if (
        (err as { cause?: { code?: string }; code?: string }).cause?.code === '23505' ||
        (err as { code?: string }).code === '23505'
      )
        throw validation([{ field: 'personnummer', message: 'esf.participant.pnr.duplicate' }]);
      throw err;
    }
    if (input.source === 'coaching' && input.attendeeId) await sources.linkAttendee(tx, input.attendeeId, id);
    await audit(tx, {
      actorUserId: ctx.actor.userId,
      action: 'esf.participant.register',
      entityType: 'esf_participant',
      entityId: id,
      ip: ctx.ip,
      details: { source: input.source, kind: identity.kind },
    });
  });
  if (!startedOn) await syncStarts(db, p, [id]);
  return { id };
}

/**
 * Set the start of participants without one to their first activity date (and the age then): the given ones,
 * or every participant of the programme waiting for a start that has an activity (no cap on their number).
 */
export async function syncStarts(db: Db, p: { id: string }, ids?: string[]): Promise<number> {
  const open = ids
    ? (await Promise.all(ids.map((id) => repo.findParticipant(db, p.id, id))))
        .filter((r) => r !== null && r.startedOn === null)
        .map((r) => (r as repo.ParticipantRow).id)
    : await repo.pendingStartIds(db, p.id);
  if (open.length === 0) return 0;
  const spans = await activitySpan(db, open);
  let n = 0;
  for (const id of open) {
    const span = spans.get(id);
    if (!span) continue;
    await repo.setStartedOn(db, id, span.first, null);
    n++;
  }
  return n;
}

export interface ParticipantListItem extends repo.ParticipantRow {
  /** Proposed end: the last activity, when nothing happened for the programme's inactive days. */
  proposedEnd: string | null;
  lastActivity: string | null;
}

export async function listParticipants(
  db: Db,
  ctx: WriteCtx,
  q: ParticipantListQuery,
): Promise<{ programme: EsfProgramme; rows: ParticipantListItem[] }> {
  const p = await currentProgramme(db, ctx.actor);
  await syncStarts(db, p);
  const rows = await repo.listParticipants(db, p.id, {
    q: q.q ?? null,
    status: q.status ?? 'active',
    companyId: q.company ?? null,
    companyIds: null,
  });
  const spans = await activitySpan(
    db,
    rows.map((r) => r.id),
  );
  const today = swedishToday();
  const limit = new Date(`${today}T00:00:00Z`);
  limit.setUTCDate(limit.getUTCDate() - p.rules.inactiveDays);
  const cutoff = limit.toISOString().slice(0, 10);
  return {
    programme: p,
    rows: rows.map((r) => {
      const last = spans.get(r.id)?.last ?? null;
      return {
        ...r,
        lastActivity: last,
        proposedEnd: !r.endedOn && last && last < cutoff ? last : null,
      };
    }),
  };
}

export async function getParticipant(db: Db, ctx: WriteCtx, id: string): Promise<ParticipantListItem> {
  const p = await currentProgramme(db, ctx.actor);
  const row = await repo.findParticipant(db, p.id, id);
  if (!row) throw new AppError('NOT_FOUND');
  const span = (await activitySpan(db, [id])).get(id);
  return { ...row, lastActivity: span?.last ?? null, proposedEnd: null };
}

/** Close a participation: end = the given date (the last activity, proposed), reported in the month it is set. */
export async function closeParticipant(db: Db, ctx: WriteCtx, id: string, input: CloseInput): Promise<void> {
  requireAdmin(ctx);
  const p = await currentProgramme(db, ctx.actor);
  const row = await repo.findParticipant(db, p.id, id);
  if (!row) throw new AppError('NOT_FOUND');
  if (row.endedOn) throw new AppError('CONFLICT');
  const errors: { field: string; message: string }[] = [];
  if (!row.startedOn) errors.push({ field: 'endedOn', message: 'esf.participant.closeNoStart' });
  else if (input.endedOn < row.startedOn)
    errors.push({ field: 'endedOn', message: 'esf.participant.endBeforeStart' });
  if (input.endedOn > swedishToday())
    errors.push({ field: 'endedOn', message: 'esf.participant.endInFuture' });
  const span = (await activitySpan(db, [id])).get(id);
  if (span && input.endedOn < span.last)
    errors.push({ field: 'endedOn', message: 'esf.participant.endBeforeActivity' });
  if (errors.length) throw validation(errors);
  await db.tx(async (tx) => {
    const ok = await repo.closeParticipant(tx, {
      id,
      programmeId: p.id,
      endedOn: input.endedOn,
      reason: input.reason,
      by: ctx.actor.userId,
      version: input.version,
    });
    if (!ok) throw new AppError('CONFLICT');
    await audit(tx, {
      actorUserId: ctx.actor.userId,
      action: 'esf.participant.close',
      entityType: 'esf_participant',
      entityId: id,
      ip: ctx.ip,
      details: { endedOn: input.endedOn },
    });
  });
}
