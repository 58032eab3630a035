// A small iCalendar (RFC 5545) writer (coaching meetings, the course catalogue's sessions): one VCALENDAR
// with the Europe/Stockholm VTIMEZONE (CET/CEST rules), events in local time with TZID, text escaped (control
// characters dropped), lines folded at 75 octets and ended with CRLF. Pure: no database, no clock.

export const TZID = 'Europe/Stockholm';

export interface IcsEvent {
  /** Stable per event, e.g. `<meeting id>@kompetensnavet`. */
  uid: string;
  /** yyyy-mm-dd (local date in Europe/Stockholm). */
  date: string;
  /** HH:MM local time; null makes an all-day event. */
  start: string | null;
  /** HH:MM local time; when null the end is start + minutes. */
  end: string | null;
  minutes: number;
  summary: string;
  location: string | null;
  description: string;
  url?: string;
  status: 'CONFIRMED' | 'TENTATIVE' | 'CANCELLED';
  /** When the meeting was last changed (DTSTAMP and LAST-MODIFIED). */
  modified: Date;
  sequence?: number;
}

export interface IcsCalendar {
  name?: string;
  /** The product part of PRODID, e.g. `Coaching` or `Kurskatalog`. */
  product?: string;
  events: IcsEvent[];
  /** PUBLISH for a one-off download or a subscription feed. */
  method?: 'PUBLISH';
}

const VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  `TZID:${TZID}`,
  `X-LIC-LOCATION:${TZID}`,
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

/** TEXT value escaping: backslash, semicolon, comma and newlines; other control characters are dropped. */
export function escapeText(s: string): string {
  return [...s]
    .filter((ch) => ch === '\n' || ch === '\r' || (ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) !== 0x7f))
    .join('')
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** Fold a content line so that no line exceeds 75 octets (UTF-8), never splitting a character. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (octets + size > 75) {
      // The continuation starts with a space, which counts towards its 75 octets.
      out.push(current);
      current = ' ';
      octets = 1;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n');
}

const pad = (n: number) => String(n).padStart(2, '0');

function utcStamp(d: Date): string {
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(
    d.getUTCMinutes(),
  )}${pad(d.getUTCSeconds())}Z`;
}

const compactDate = (date: string) => date.replace(/-/g, '');

/** Local wall-clock arithmetic: the date and time `minutes` after `date` `time`. */
function addMinutes(date: string, time: string, minutes: number): { date: string; time: string } {
  const [h = 0, m = 0] = time.split(':').map(Number);
  const base = new Date(`${date}T00:00:00Z`);
  const total = h * 60 + m + minutes;
  base.setUTCMinutes(total);
  return {
    date: base.toISOString().slice(0, 10),
    time: `${pad(base.getUTCHours())}:${pad(base.getUTCMinutes())}`,
  };
}

const localStamp = (date: string, time: string) => `${compactDate(date)}T${time.replace(':', '')}00`;

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

function eventLines(e: IcsEvent): string[] {
  const lines = ['BEGIN:VEVENT', `UID:${e.uid}`, `DTSTAMP:${utcStamp(e.modified)}`];
  if (e.start) {
    const end = e.end
      ? { date: e.end > e.start ? e.date : addMinutes(e.date, e.start, e.minutes).date, time: e.end }
      : addMinutes(e.date, e.start, e.minutes);
    lines.push(`DTSTART;TZID=${TZID}:${localStamp(e.date, e.start)}`);
    lines.push(`DTEND;TZID=${TZID}:${localStamp(end.date, end.time)}`);
  } else {
    lines.push(`DTSTART;VALUE=DATE:${compactDate(e.date)}`);
    lines.push(`DTEND;VALUE=DATE:${compactDate(nextDay(e.date))}`);
  }
  lines.push(`SUMMARY:${escapeText(e.summary)}`);
  if (e.location) lines.push(`LOCATION:${escapeText(e.location)}`);
  if (e.description) lines.push(`DESCRIPTION:${escapeText(e.description)}`);
  if (e.url) lines.push(`URL:${e.url}`);
  lines.push(`STATUS:${e.status}`);
  lines.push(`LAST-MODIFIED:${utcStamp(e.modified)}`);
  if (e.sequence !== undefined) lines.push(`SEQUENCE:${e.sequence}`);
  lines.push('TRANSP:OPAQUE', 'END:VEVENT');
  return lines;
}

/** The calendar as an iCalendar document (CRLF line ends, folded). */
export function renderCalendar(cal: IcsCalendar): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:-//Kompetensnavet//${cal.product ?? 'Kompetensnavet'}//SV`,
    'CALSCALE:GREGORIAN',
    `METHOD:${cal.method ?? 'PUBLISH'}`,
  ];
  if (cal.name) {
    lines.push(`X-WR-CALNAME:${escapeText(cal.name)}`, `X-WR-TIMEZONE:${TZID}`);
    lines.push('REFRESH-INTERVAL;VALUE=DURATION:PT1H', 'X-PUBLISHED-TTL:PT1H');
  }
  lines.push(...VTIMEZONE);
  for (const e of cal.events) lines.push(...eventLines(e));
  lines.push('END:VCALENDAR');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
