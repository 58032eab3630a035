// The provider's view of an occasion: the sessions × learners grid of minutes, whole hours per learner,
// date and activity (rounded down), the invoice basis with sums per payer, and closing the occasion
// (completion status per enrolment from the course's attendance rule). Provider or region admin only.
import { audit } from '../../../platform/audit.ts';
import type { Actor } from '../../../platform/auth.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import * as repo from '../repo-attendance.ts';
import { occasionAccess, wholeHours } from './attendance-access.ts';
import { type CredentialDeps, issueOccasionCredentials } from './attendance-credentials.ts';

export interface OverviewLearner {
  enrolmentId: string;
  firstName: string;
  lastName: string;
  companyName: string;
  completion: 'pending' | 'completed' | 'not_completed';
  /** Minutes per session (same order as `sessions`); null when not recorded. */
  minutes: (number | null)[];
  totalMinutes: number;
  /** Whole hours: the sum over dates and activities of each one rounded down. */
  hours: number;
  /** Attended share of the scheduled minutes, in per cent (rounded down). */
  pct: number;
}

export interface Overview {
  occasion: repo.OccasionContext;
  sessions: repo.SessionRow[];
  scheduledMinutes: number;
  learners: OverviewLearner[];
  /** Total minutes per session. */
  sessionTotals: number[];
  totalMinutes: number;
  totalHours: number;
  /** True when the last session has ended (the occasion can be closed). */
  ended: boolean;
  closed: boolean;
}

export interface HoursRow {
  enrolmentId: string;
  firstName: string;
  lastName: string;
  companyName: string;
  day: string;
  activity: string;
  minutes: number;
  hours: number;
}

/** Whole hours per learner, date and activity (each rounded down). */
export async function occasionHours(db: Db, occasionId: string): Promise<HoursRow[]> {
  return (await repo.occasionDayMinutes(db, occasionId)).map((r) => ({
    enrolmentId: r.enrolmentId,
    firstName: r.firstName,
    lastName: r.lastName,
    companyName: r.companyName,
    day: r.day,
    activity: r.activity,
    minutes: r.minutes,
    hours: wholeHours(r.minutes),
  }));
}

function hoursByEnrolment(rows: HoursRow[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of rows) out.set(r.enrolmentId, (out.get(r.enrolmentId) ?? 0) + r.hours);
  return out;
}

export async function getOverview(db: Db, actor: Actor, occasionId: string): Promise<Overview> {
  const { occasion, enrolled } = await occasionAccess(db, actor, occasionId, { managerOnly: true });
  const [sessions, attendance, hoursRows] = await Promise.all([
    repo.listSessions(db, occasionId),
    repo.listAttendance(db, occasionId),
    occasionHours(db, occasionId),
  ]);
  const byKey = new Map(attendance.map((a) => [`${a.sessionId}:${a.enrolmentId}`, a.minutes]));
  const hours = hoursByEnrolment(hoursRows);
  const scheduledMinutes = sessions.reduce((s, x) => s + x.length, 0);
  const learners = enrolled.map((e) => {
    const minutes = sessions.map((s) => byKey.get(`${s.id}:${e.enrolmentId}`) ?? null);
    const totalMinutes = minutes.reduce<number>((s, m) => s + (m ?? 0), 0);
    return {
      enrolmentId: e.enrolmentId,
      firstName: e.firstName,
      lastName: e.lastName,
      companyName: e.companyName,
      completion: e.completion,
      minutes,
      totalMinutes,
      hours: hours.get(e.enrolmentId) ?? 0,
      pct: scheduledMinutes > 0 ? Math.floor((totalMinutes * 100) / scheduledMinutes) : 0,
    };
  });
  const sessionTotals = sessions.map((_, i) => learners.reduce((s, l) => s + (l.minutes[i] ?? 0), 0));
  const last = sessions.at(-1);
  return {
    occasion,
    sessions,
    scheduledMinutes,
    learners,
    sessionTotals,
    totalMinutes: learners.reduce((s, l) => s + l.totalMinutes, 0),
    totalHours: learners.reduce((s, l) => s + l.hours, 0),
    ended: last !== undefined && last.endsAt.getTime() <= Date.now(),
    closed: enrolled.length > 0 && enrolled.every((e) => e.completion !== 'pending'),
  };
}

/** The hours report of an occasion (export), provider or region admin only. */
export async function getHoursReport(
  db: Db,
  actor: Actor,
  occasionId: string,
): Promise<{ occasion: repo.OccasionContext; rows: HoursRow[] }> {
  const { occasion, enrolled } = await occasionAccess(db, actor, occasionId, { managerOnly: true });
  const live = new Set(enrolled.map((e) => e.enrolmentId));
  const rows = (await occasionHours(db, occasionId)).filter((r) => live.has(r.enrolmentId));
  return { occasion, rows };
}

export type PayerKind = 'programme' | 'company' | 'free';

export interface InvoiceAttendee {
  enrolmentId: string;
  firstName: string;
  lastName: string;
  companyName: string;
  minutes: number;
  hours: number;
  payer: PayerKind;
  priceSek: number;
}

export interface InvoicePayer {
  kind: PayerKind;
  /** The company for a company payer; null for the programme and free places. */
  companyId: string | null;
  companyName: string | null;
  /** The programme's contract reference (procured courses). */
  contractReference: string | null;
  participants: number;
  hours: number;
  sumSek: number;
}

export interface InvoiceBasis {
  occasion: repo.OccasionContext;
  priceSek: number;
  attendees: InvoiceAttendee[];
  payers: InvoicePayer[];
  totalSek: number;
  totalHours: number;
}

/** Attendees (enrolled learners with attendance above zero), hours, price and sums per payer. */
export async function getInvoiceBasis(db: Db, actor: Actor, occasionId: string): Promise<InvoiceBasis> {
  const { occasion, enrolled } = await occasionAccess(db, actor, occasionId, { managerOnly: true });
  const [attendance, hoursRows] = await Promise.all([
    repo.listAttendance(db, occasionId),
    occasionHours(db, occasionId),
  ]);
  const minutes = new Map<string, number>();
  for (const a of attendance) minutes.set(a.enrolmentId, (minutes.get(a.enrolmentId) ?? 0) + a.minutes);
  const hours = hoursByEnrolment(hoursRows);
  const attendees: InvoiceAttendee[] = [];
  const payers = new Map<string, InvoicePayer>();
  for (const e of enrolled) {
    const m = minutes.get(e.enrolmentId) ?? 0;
    if (m <= 0) continue;
    const price = e.paidBy === 'free' ? 0 : occasion.priceSek;
    const h = hours.get(e.enrolmentId) ?? 0;
    attendees.push({
      enrolmentId: e.enrolmentId,
      firstName: e.firstName,
      lastName: e.lastName,
      companyName: e.companyName,
      minutes: m,
      hours: h,
      payer: e.paidBy,
      priceSek: price,
    });
    const key = e.paidBy === 'company' ? `company:${e.companyId}` : e.paidBy;
    const p = payers.get(key) ?? {
      kind: e.paidBy,
      companyId: e.paidBy === 'company' ? e.companyId : null,
      companyName: e.paidBy === 'company' ? e.companyName : null,
      contractReference: e.paidBy === 'programme' ? occasion.contractReference : null,
      participants: 0,
      hours: 0,
      sumSek: 0,
    };
    p.participants++;
    p.hours += h;
    p.sumSek += price;
    payers.set(key, p);
  }
  const order = { programme: 0, company: 1, free: 2 };
  const list = [...payers.values()].sort(
    (a, b) => order[a.kind] - order[b.kind] || (a.companyName ?? '').localeCompare(b.companyName ?? '', 'sv'),
  );
  return {
    occasion,
    priceSek: occasion.priceSek,
    attendees,
    payers: list,
    totalSek: list.reduce((s, p) => s + p.sumSek, 0),
    totalHours: list.reduce((s, p) => s + p.hours, 0),
  };
}

/** Whether attended minutes meet the course's rule (share of the scheduled session minutes). */
export function meetsRule(attended: number, scheduled: number, pct: number): boolean {
  return scheduled > 0 && attended * 100 >= scheduled * pct;
}

/**
 * Closes the occasion: every enrolled learner's completion is set from the attendance rule. Allowed once the
 * last session has ended; closing again recomputes (after a correction). Audited with counts only. With
 * `credentials` (the routes pass their deps), a course marked "issues a credential" issues one to each
 * completed learner with an account (issue 7; idempotent per enrolment).
 */
export async function completeOccasion(
  db: Db,
  actor: Actor,
  occasionId: string,
  ip: string | null = null,
  credentials: CredentialDeps | null = null,
): Promise<{ completed: number; notCompleted: number }> {
  const overview = await getOverview(db, actor, occasionId);
  if (!overview.ended) throw new AppError('CONFLICT', 'training.attendance.notEnded');
  let completed = 0;
  let notCompleted = 0;
  await db.tx(async (tx) => {
    for (const l of overview.learners) {
      const ok = meetsRule(l.totalMinutes, overview.scheduledMinutes, overview.occasion.completionPct);
      await repo.setCompletion(tx, l.enrolmentId, ok ? 'completed' : 'not_completed');
      if (ok) completed++;
      else notCompleted++;
    }
    await audit(tx, {
      actorUserId: actor.userId,
      action: 'training.occasion_completed',
      entityType: 'course_occasion',
      entityId: occasionId,
      organisationId: overview.occasion.providerOrgId,
      ip,
      details: { completed, notCompleted, rulePct: overview.occasion.completionPct },
    });
  });
  if (credentials) await issueOccasionCredentials(db, credentials, occasionId);
  return { completed, notCompleted };
}
