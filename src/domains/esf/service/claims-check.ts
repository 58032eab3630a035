// What a payment-claim period holds and what stops it from closing: per month and employer the
// participants, their whole hours and certificates; and every inconsistency, each with where to fix it —
// hours without a reported start, hours after an end date, a month with hours but no signed certificate,
// an SCB month not produced or waiting to be re-sent.

import type { Db } from '../../../platform/db.ts';
import { maskOrgNumber } from '../../../platform/identifiers.ts';
import { activityDays } from '../repo-activity.ts';
import * as repo from '../repo-claims.ts';
import { syncStarts } from './participants.ts';

export type ProblemKind =
  | 'noStart'
  | 'startNotReported'
  | 'hoursAfterEnd'
  | 'noCertificate'
  | 'unsigned'
  | 'scbMissing'
  | 'scbResend';

export interface ClaimProblem {
  kind: ProblemKind;
  /** Where to fix it. */
  href: string;
  month: string;
  participantId: string | null;
  /** The participant's name (never the personnummer). */
  participantName: string | null;
  /** A date the problem is about (the start, the first hour after the end). */
  date: string | null;
}

export interface SummaryRow {
  month: string;
  companyId: string;
  companyName: string;
  /** Masked for a sole trader. */
  orgNumber: string;
  participants: number;
  /** Whole hours from attendance and held coaching meetings. */
  hours: number;
  /** Whole hours of signed certificates. */
  certifiedHours: number;
  signed: number;
  unsigned: number;
}

export interface PeriodCheck {
  months: string[];
  problems: ClaimProblem[];
  summary: SummaryRow[];
}

/** The months `first`…`last` (YYYY-MM), in order. */
export function monthsBetween(first: string, last: string): string[] {
  const out: string[] = [];
  let [y, m] = first.split('-').map(Number) as [number, number];
  for (let guard = 0; guard < 1200; guard++) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    if (month > last) break;
    out.push(month);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

/** The last date of a month (YYYY-MM-DD). */
export function lastDayOf(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

interface MonthHours {
  participant: repo.ClaimParticipantRow;
  month: string;
  hours: number;
  days: string[];
}

/** Whole hours per participant and month (floor of the minutes per date and activity line). */
function hoursByMonth(
  participants: Map<string, repo.ClaimParticipantRow>,
  rows: Awaited<ReturnType<typeof activityDays>>,
): MonthHours[] {
  const out = new Map<string, MonthHours>();
  for (const r of rows) {
    const hours = Math.floor(r.minutes / 60);
    const participant = participants.get(r.participantId);
    if (hours === 0 || !participant) continue;
    const month = r.day.slice(0, 7);
    const key = `${r.participantId}|${month}`;
    const entry = out.get(key) ?? { participant, month, hours: 0, days: [] };
    entry.hours += hours;
    entry.days.push(r.day);
    out.set(key, entry);
  }
  return [...out.values()];
}

const nameOf = (p: repo.ClaimParticipantRow) => `${p.firstName} ${p.lastName}`;

function participantProblems(mh: MonthHours, reported: Set<string>, scbMonths: Set<string>): ClaimProblem[] {
  const p = mh.participant;
  const base = { month: mh.month, participantId: p.id, participantName: nameOf(p) };
  const out: ClaimProblem[] = [];
  if (!p.startedOn) out.push({ ...base, kind: 'noStart', href: `/esf/participants/${p.id}`, date: null });
  else if (!scbMonths.has(p.startedOn.slice(0, 7)) || !reported.has(p.id))
    out.push({ ...base, kind: 'startNotReported', href: '/esf/scb', date: p.startedOn });
  const after = p.endedOn ? mh.days.filter((d) => d > (p.endedOn as string)).sort() : [];
  if (after.length > 0)
    out.push({ ...base, kind: 'hoursAfterEnd', href: `/esf/participants/${p.id}`, date: after[0] ?? null });
  return out;
}

/** Check a period's months: the problems that stop closing and the summary per month and employer. */
export async function checkPeriod(
  db: Db,
  programmeId: string,
  firstMonth: string,
  lastMonth: string,
): Promise<PeriodCheck> {
  const months = monthsBetween(firstMonth, lastMonth);
  await syncStarts(db, { id: programmeId });
  const people = await repo.programmeParticipants(db, programmeId);
  const byId = new Map(people.map((p) => [p.id, p]));
  const days = await activityDays(
    db,
    people.map((p) => p.id),
    `${firstMonth}-01`,
    lastDayOf(lastMonth),
  );
  const hours = hoursByMonth(byId, days);
  const scb = await repo.latestScbMonths(db, programmeId);
  const scbMonths = new Set(scb.map((s) => s.month));
  const reported = await repo.reportedStarts(db, programmeId);
  const certs = await repo.latestCertificates(db, programmeId, firstMonth, lastMonth);
  const certOf = new Map(certs.map((c) => [`${c.participantId}|${c.month}`, c]));

  const problems: ClaimProblem[] = [];
  for (const month of months) {
    const state = scb.find((s) => s.month === month);
    const base = { month, participantId: null, participantName: null, date: null };
    if (!state) problems.push({ ...base, kind: 'scbMissing', href: `/esf/scb/${month}` });
    else if (state.resendRequired) problems.push({ ...base, kind: 'scbResend', href: `/esf/scb/${month}` });
  }
  for (const mh of hours) {
    problems.push(...participantProblems(mh, reported, scbMonths));
    const cert = certOf.get(`${mh.participant.id}|${mh.month}`);
    const base = {
      month: mh.month,
      participantId: mh.participant.id,
      participantName: nameOf(mh.participant),
      date: null,
    };
    if (!cert || cert.status === 'superseded')
      problems.push({ ...base, kind: 'noCertificate', href: `/esf/certificates?month=${mh.month}` });
    else if (cert.status !== 'signed')
      problems.push({ ...base, kind: 'unsigned', href: `/esf/certificates/${cert.id}` });
  }
  problems.sort(
    (a, b) =>
      a.month.localeCompare(b.month) ||
      (a.participantName ?? '').localeCompare(b.participantName ?? '', 'sv') ||
      a.kind.localeCompare(b.kind),
  );
  return { months, problems, summary: summarise(hours, certs, byId) };
}

function summarise(
  hours: MonthHours[],
  certs: repo.CertificateState[],
  byId: Map<string, repo.ClaimParticipantRow>,
): SummaryRow[] {
  const rows = new Map<string, SummaryRow & { people: Set<string> }>();
  const rowFor = (month: string, p: repo.ClaimParticipantRow) => {
    const key = `${month}|${p.companyId}`;
    let row = rows.get(key);
    if (!row) {
      row = {
        month,
        companyId: p.companyId,
        companyName: p.companyName,
        orgNumber: maskOrgNumber(p.orgNumber, p.soleTrader),
        participants: 0,
        hours: 0,
        certifiedHours: 0,
        signed: 0,
        unsigned: 0,
        people: new Set(),
      };
      rows.set(key, row);
    }
    return row;
  };
  for (const mh of hours) {
    const row = rowFor(mh.month, mh.participant);
    row.people.add(mh.participant.id);
    row.hours += mh.hours;
  }
  for (const c of certs) {
    const p = byId.get(c.participantId);
    if (!p || c.status === 'superseded') continue;
    const row = rowFor(c.month, p);
    row.people.add(p.id);
    if (c.status === 'signed') {
      row.signed += 1;
      row.certifiedHours += c.totalHours;
    } else row.unsigned += 1;
  }
  return [...rows.values()]
    .map(({ people, ...r }) => ({ ...r, participants: people.size }))
    .sort((a, b) => a.month.localeCompare(b.month) || a.companyName.localeCompare(b.companyName, 'sv'));
}
