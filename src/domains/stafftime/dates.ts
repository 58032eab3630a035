// Calendar helpers over `YYYY-MM-DD` strings (no time zone arithmetic: dates are civil dates).

const stockholm = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' });

/** Today in Europe/Stockholm, `2026-11-28`. */
export const today = (now = new Date()): string => stockholm.format(now);

const utc = (date: string) => new Date(`${date}T00:00:00Z`);
const iso = (d: Date) => d.toISOString().slice(0, 10);

export function addDays(date: string, days: number): string {
  const d = utc(date);
  d.setUTCDate(d.getUTCDate() + days);
  return iso(d);
}

/** The Monday of the ISO week of a date. */
export function mondayOf(date: string): string {
  const day = utc(date).getUTCDay();
  return addDays(date, -((day + 6) % 7));
}

export const monthOf = (date: string): string => date.slice(0, 7);
export const firstDay = (month: string): string => `${month}-01`;

export function lastDay(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return iso(new Date(Date.UTC(y ?? 1970, m ?? 1, 0)));
}

export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  return iso(new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1 + n, 1))).slice(0, 7);
}

/** The seven dates of the week starting on `monday`. */
export const weekDays = (monday: string): string[] => Array.from({ length: 7 }, (_, i) => addDays(monday, i));

/** ISO week number of a date. */
export function isoWeek(date: string): number {
  const d = utc(date);
  d.setUTCDate(d.getUTCDate() + 3 - ((d.getUTCDay() + 6) % 7));
  const jan4 = new Date(Date.UTC(d.getUTCFullYear(), 0, 4));
  return 1 + Math.round(((d.getTime() - jan4.getTime()) / 86_400_000 - 3 + ((jan4.getUTCDay() + 6) % 7)) / 7);
}
