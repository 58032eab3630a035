// Time on task (pure arithmetic). Every request of an enrolment (opening a lesson, marking it done, answering
// a quiz, the optional heartbeat of public/elearning-learn.js) credits the time since the enrolment's
// `last_active_at`: a gap of up to 30 minutes counts in whole minutes and the remainder carries over (the
// mark moves on by the credited minutes only), a longer gap counts as at most the estimate of the lesson the
// learner was on and restarts the clock. So the credit never exceeds the time that passed: at most one minute
// per minute, however often the heartbeat posts. Minutes go to the day of the request in Europe/Stockholm.

export const GAP_CAP_MINUTES = 30;
const MINUTE = 60_000;

export interface Credit {
  minutes: number;
  /** The new `last_active_at`. */
  activeAt: Date;
}

export function creditMinutes(input: {
  lastActiveAt: Date | null;
  now: Date;
  /** The estimate of the lesson the learner was on (minutes). */
  estimateMinutes: number;
  capMinutes?: number;
}): Credit {
  const { lastActiveAt, now } = input;
  if (!lastActiveAt || now.getTime() <= lastActiveAt.getTime())
    return { minutes: 0, activeAt: lastActiveAt ?? now };
  const gap = now.getTime() - lastActiveAt.getTime();
  const cap = input.capMinutes ?? GAP_CAP_MINUTES;
  if (gap > cap * MINUTE)
    return { minutes: Math.min(Math.floor(gap / MINUTE), Math.max(0, input.estimateMinutes)), activeAt: now };
  const minutes = Math.floor(gap / MINUTE);
  return { minutes, activeAt: new Date(lastActiveAt.getTime() + minutes * MINUTE) };
}

const dayFormat = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar day (YYYY-MM-DD) of an instant in Europe/Stockholm. */
export function stockholmDay(at: Date): string {
  return dayFormat.format(at);
}

/** Progress as a whole percent of lessons done. */
export function progressPercent(done: number, total: number): number {
  return total === 0 ? 0 : Math.floor((done * 100) / total);
}
