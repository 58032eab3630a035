// A minimal iCalendar (RFC 5545) writer for the catalogue feed: events in Europe/Stockholm local time with
// TZID and its VTIMEZONE, text escaped, lines folded at 75 octets, CRLF line ends. Pure.
// (The coaching domain has a fuller writer in coaching/ical.ts; it is not exported from its index.)

const TZID = 'Europe/Stockholm';

export interface IcsEvent {
  uid: string;
  /** yyyy-mm-dd local date. */
  date: string;
  /** HH:MM local start and end (same day). */
  start: string;
  end: string;
  summary: string;
  location: string | null;
  description: string;
  url?: string;
  modified: Date;
}

const VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  `TZID:${TZID}`,
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

export function escapeText(s: string): string {
  return s
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** Folds a content line at 75 octets (UTF-8), never inside a character. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (octets + size > 75) {
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
const utcStamp = (d: Date) =>
  `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(
    d.getUTCMinutes(),
  )}${pad(d.getUTCSeconds())}Z`;
const local = (date: string, time: string) => `${date.replace(/-/g, '')}T${time.replace(':', '')}00`;
/** Strips control characters (other than newlines) that have no place in a calendar. */
const clean = (s: string) =>
  [...s].filter((ch) => ch === '\n' || (ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) !== 0x7f)).join('');

export function icsCalendar(cal: { name: string; events: IcsEvent[] }): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Kompetensnavet//Kurskatalog//SV',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(clean(cal.name))}`,
    `X-WR-TIMEZONE:${TZID}`,
    ...VTIMEZONE,
  ];
  for (const e of cal.events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${e.uid}`,
      `DTSTAMP:${utcStamp(e.modified)}`,
      `LAST-MODIFIED:${utcStamp(e.modified)}`,
      `DTSTART;TZID=${TZID}:${local(e.date, e.start)}`,
      `DTEND;TZID=${TZID}:${local(e.date, e.end)}`,
      `SUMMARY:${escapeText(clean(e.summary))}`,
    );
    if (e.location) lines.push(`LOCATION:${escapeText(clean(e.location))}`);
    lines.push(`DESCRIPTION:${escapeText(clean(e.description))}`);
    if (e.url) lines.push(`URL:${e.url}`);
    lines.push('STATUS:CONFIRMED', 'END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
