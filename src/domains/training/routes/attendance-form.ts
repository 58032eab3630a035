// Reading the roll-call form: per learner a minutes field and a choice (as entered / full / absent).
import type { RollCall, RollCallEntry } from '../service/attendance-rollcall.ts';

/** The entries of the rows that were posted; a non-number becomes NaN (rejected by the service at the field). */
export function rollCallEntries(rc: RollCall, raw: Record<string, string>): RollCallEntry[] {
  const out: RollCallEntry[] = [];
  for (const row of rc.rows) {
    const typed = raw[`minutes-${row.enrolmentId}`];
    const mode = raw[`mode-${row.enrolmentId}`];
    if (typed === undefined && mode === undefined) continue;
    const minutes =
      mode === 'full'
        ? rc.session.length
        : mode === 'absent'
          ? 0
          : /^\s*\d{1,5}\s*$/.test(typed ?? '')
            ? Number(typed)
            : Number.NaN;
    out.push({ enrolmentId: row.enrolmentId, minutes });
  }
  return out;
}
