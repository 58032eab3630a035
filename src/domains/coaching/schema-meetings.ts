// Input of a coaching meeting (form and JSON API alike) and its parsing from the page's flat form.
import { z } from 'zod';
import { f, isCalendarDate } from '../../platform/http/forms.ts';
import { meetingKinds } from './schema.ts';

export const meetingStatuses = ['planned', 'held', 'cancelled'] as const;
export const MAX_OTHERS = 3;
export const NOTES_MAX = 50_000;
export const TEXT_MAX = 10_000;

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const time = z
  .preprocess(
    (v) => (typeof v === 'string' ? (blank(v) === undefined ? undefined : v.trim()) : (v ?? undefined)),
    z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'coaching.meetings.error.time')
      .optional(),
  )
  .transform((v) => v ?? null);

const date = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim() || undefined : v),
  z
    .string({ error: 'validation.required' })
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'validation.date')
    .refine(isCalendarDate, 'validation.date'),
);

/** Long free text (Markdown): line breaks normalised, surrounding blanks trimmed; absent is ''. */
const longText = (max: number) =>
  z.preprocess(
    (v) =>
      v === undefined || v === null ? '' : typeof v === 'string' ? v.replace(/\r\n?/g, '\n').trim() : v,
    z.string().max(max, 'validation.tooLong'),
  );

const idList = z.preprocess((v) => (v === undefined || v === null ? [] : v), z.array(f.uuid()).max(50));

const otherPerson = z.object({ name: f.text(200), roleTitle: f.optText(200) });

const minutesBetween = (from: string, to: string): number => {
  const [fh = 0, fm = 0] = from.split(':').map(Number);
  const [th = 0, tm = 0] = to.split(':').map(Number);
  return th * 60 + tm - (fh * 60 + fm);
};

export const meetingInput = z
  .object({
    heldOn: date,
    startsAt: time,
    endsAt: time,
    minutes: f.optInt(1, 1440),
    kind: f.choice(meetingKinds),
    status: z.preprocess(
      (v) => blank(v) ?? 'planned',
      z.enum(meetingStatuses, { error: 'validation.choice' }),
    ),
    location: f.optText(500),
    agenda: longText(TEXT_MAX),
    notes: longText(NOTES_MAX),
    decisions: longText(TEXT_MAX),
    nextSteps: longText(TEXT_MAX),
    staffAttendees: idList,
    contactAttendees: idList,
    otherAttendees: z.preprocess(
      (v) => (v === undefined || v === null ? [] : v),
      z.array(otherPerson).max(MAX_OTHERS, 'coaching.meetings.error.others'),
    ),
    /** The version the edit started from (required when updating). */
    version: f.optInt(1, 1_000_000),
  })
  .superRefine((v, ctx) => {
    if (v.startsAt && v.endsAt && minutesBetween(v.startsAt, v.endsAt) <= 0)
      ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'coaching.meetings.error.endBeforeStart' });
    if (!(v.startsAt && v.endsAt) && v.minutes === null)
      ctx.addIssue({ code: 'custom', path: ['minutes'], message: 'coaching.meetings.error.duration' });
  })
  .transform((v) => ({
    ...v,
    minutes: v.startsAt && v.endsAt ? minutesBetween(v.startsAt, v.endsAt) : (v.minutes ?? 0),
  }));

export type MeetingInput = z.infer<typeof meetingInput>;

/**
 * The page form is flat: attendee checkboxes are `staff.<userId>` and `contact.<contactId>`, other people
 * `others.<n>.name` and `others.<n>.roleTitle`. Builds the object `meetingInput` parses.
 */
export function formToMeetingInput(raw: Record<string, string>): Record<string, unknown> {
  const staff: string[] = [];
  const contacts: string[] = [];
  const others: { name: string; roleTitle: string }[] = [];
  for (const [key, value] of Object.entries(raw)) {
    const sm = key.match(/^staff\.(.+)$/);
    if (sm?.[1] && value) staff.push(sm[1]);
    const cm = key.match(/^contact\.(.+)$/);
    if (cm?.[1] && value) contacts.push(cm[1]);
  }
  for (let i = 0; i < MAX_OTHERS; i++) {
    const name = raw[`others.${i}.name`] ?? '';
    const roleTitle = raw[`others.${i}.roleTitle`] ?? '';
    if (name.trim() !== '' || roleTitle.trim() !== '') others.push({ name, roleTitle });
  }
  return {
    heldOn: raw.heldOn,
    startsAt: raw.startsAt,
    endsAt: raw.endsAt,
    minutes: raw.minutes,
    kind: raw.kind,
    status: raw.status,
    location: raw.location,
    agenda: raw.agenda,
    notes: raw.notes,
    decisions: raw.decisions,
    nextSteps: raw.nextSteps,
    staffAttendees: staff,
    contactAttendees: contacts,
    otherAttendees: others,
    version: raw.version,
  };
}

/** The JSON API's body: the same fields, with attendees as lists. */
export const meetingApiBody = z.object({
  heldOn: z.string().describe('yyyy-mm-dd'),
  startsAt: z.string().nullable().optional().describe('HH:MM, Europe/Stockholm'),
  endsAt: z.string().nullable().optional().describe('HH:MM, Europe/Stockholm'),
  minutes: z
    .number()
    .int()
    .nullable()
    .optional()
    .describe('required unless both startsAt and endsAt are given'),
  kind: z.enum(meetingKinds),
  status: z.enum(meetingStatuses).optional(),
  location: z.string().nullable().optional(),
  agenda: z.string().optional(),
  notes: z.string().optional().describe('Markdown; ignored when the caller may not read the notes'),
  decisions: z.string().optional(),
  nextSteps: z.string().optional(),
  staffAttendees: z.array(z.string()).optional().describe('user ids of current coaches'),
  contactAttendees: z.array(z.string()).optional().describe('ids of the company contacts'),
  otherAttendees: z
    .array(z.object({ name: z.string(), roleTitle: z.string().nullable().optional() }))
    .optional(),
});

export const meetingPatchBody = meetingApiBody.partial().extend({
  version: z.number().int().describe('the version the change is based on (optimistic concurrency)'),
});
