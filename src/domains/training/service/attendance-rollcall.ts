// The roll-call of one course session: every enrolled learner the actor may see with the minutes
// attended (prefilled with the session's full length), saved all at once. Changing an already recorded
// row is a correction: it needs a reason and is audited with the old and new minutes (ids only).
import { audit } from '../../../platform/audit.ts';
import type { Actor } from '../../../platform/auth.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError, type FieldError, validation } from '../../../platform/errors.ts';
import * as repo from '../repo-attendance.ts';
import { occasionAccess } from './attendance-access.ts';

export const REASON_MAX = 500;

export interface RollCallRow {
  enrolmentId: string;
  firstName: string;
  lastName: string;
  companyName: string;
  /** The recorded minutes, or null when not yet recorded. */
  minutes: number | null;
  corrected: boolean;
}

export interface RollCall {
  session: repo.SessionRow;
  occasion: repo.OccasionContext;
  manager: boolean;
  /** True once the session has started (attendance can be taken). */
  started: boolean;
  /** True when some row is recorded already: a save that changes it is a correction. */
  recorded: boolean;
  rows: RollCallRow[];
}

async function sessionAccess(db: Db, actor: Actor, sessionId: string) {
  const session = await repo.findSession(db, sessionId);
  if (!session) throw new AppError('NOT_FOUND');
  const access = await occasionAccess(db, actor, session.occasionId);
  return { session, ...access };
}

export async function getRollCall(db: Db, actor: Actor, sessionId: string): Promise<RollCall> {
  const { session, occasion, enrolled, manager } = await sessionAccess(db, actor, sessionId);
  const recorded = new Map((await repo.sessionAttendance(db, sessionId)).map((a) => [a.enrolmentId, a]));
  const rows = enrolled.map((e) => {
    const a = recorded.get(e.enrolmentId);
    return {
      enrolmentId: e.enrolmentId,
      firstName: e.firstName,
      lastName: e.lastName,
      companyName: e.companyName,
      minutes: a ? a.minutes : null,
      corrected: a?.corrected ?? false,
    };
  });
  return {
    session,
    occasion,
    manager,
    started: session.startsAt.getTime() <= Date.now(),
    recorded: rows.some((r) => r.minutes !== null),
    rows,
  };
}

export interface RollCallEntry {
  enrolmentId: string;
  minutes: number;
}

/** Saves the roll-call; returns how many rows were recorded and corrected. */
export async function saveRollCall(
  db: Db,
  actor: Actor,
  sessionId: string,
  entries: RollCallEntry[],
  reason: string | null,
  ip: string | null = null,
): Promise<{ recorded: number; corrected: number }> {
  const { session, enrolled } = await sessionAccess(db, actor, sessionId);
  const visible = new Set(enrolled.map((e) => e.enrolmentId));
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  for (const e of entries) {
    if (!visible.has(e.enrolmentId) || seen.has(e.enrolmentId)) throw new AppError('NOT_FOUND');
    seen.add(e.enrolmentId);
    if (!Number.isInteger(e.minutes) || e.minutes < 0 || e.minutes > session.length)
      errors.push({
        field: `minutes-${e.enrolmentId}`,
        message: 'training.attendance.minutesRange',
        params: { max: session.length },
      });
  }
  const why = (reason ?? '').trim();
  if (why.length > REASON_MAX)
    errors.push({ field: 'reason', message: 'validation.tooLong', params: { max: REASON_MAX } });
  if (errors.length > 0) throw validation(errors);
  if (session.startsAt.getTime() > Date.now())
    throw new AppError('CONFLICT', 'training.attendance.notStarted');
  return db.tx(async (tx) => {
    const before = new Map(
      (await repo.sessionAttendance(tx, sessionId, true)).map((a) => [a.enrolmentId, a]),
    );
    const changes = entries.filter((e) => {
      const old = before.get(e.enrolmentId);
      return old !== undefined && old.minutes !== e.minutes;
    });
    if (changes.length > 0 && why === '')
      throw validation([{ field: 'reason', message: 'training.attendance.reasonRequired' }]);
    let recorded = 0;
    for (const e of entries) {
      if (before.has(e.enrolmentId)) continue;
      if (await repo.insertAttendance(tx, sessionId, e.enrolmentId, e.minutes, actor.userId)) recorded++;
    }
    if (recorded > 0)
      await audit(tx, {
        actorUserId: actor.userId,
        action: 'training.attendance_recorded',
        entityType: 'course_session',
        entityId: sessionId,
        ip,
        details: { occasionId: session.occasionId, rows: recorded },
      });
    for (const e of changes) {
      const old = before.get(e.enrolmentId) as repo.AttendanceRow;
      await repo.correctAttendance(tx, sessionId, e.enrolmentId, e.minutes, actor.userId);
      await audit(tx, {
        actorUserId: actor.userId,
        action: 'training.attendance_corrected',
        entityType: 'course_session',
        entityId: sessionId,
        ip,
        details: {
          occasionId: session.occasionId,
          enrolmentId: e.enrolmentId,
          oldMinutes: old.minutes,
          newMinutes: e.minutes,
          reason: why,
        },
      });
    }
    return { recorded, corrected: changes.length };
  });
}
