// Helpers of the catalogue routes: form bodies to inputs, courses to form strings and to JSON.
import { z } from 'zod';
import type { FieldError } from '../../../platform/errors.ts';
import { toFieldErrors } from '../../../platform/http/forms.ts';
import type { CourseView } from '../service/catalogue-courses.ts';
import type { OccasionView } from '../service/catalogue-occasions.ts';

/** A form body as strings, except the repeated `competences` checkboxes as a list. */
export function formBody(body: unknown): { values: Record<string, string>; competences: string[] } {
  const values: Record<string, string> = {};
  let competences: string[] = [];
  if (typeof body === 'object' && body !== null)
    for (const [k, v] of Object.entries(body)) {
      if (k === '_csrf') continue;
      const list = (Array.isArray(v) ? v : [v]).map((x) => String(x ?? ''));
      if (k === 'competences') competences = [...new Set(list.filter((x) => x.trim() !== ''))];
      else values[k] = list[0] ?? '';
    }
  return { values, competences };
}

/** Parse with a schema; field errors or the value. */
export function parseWith<S extends z.ZodType>(
  schema: S,
  input: unknown,
): { ok: true; value: z.infer<S> } | { ok: false; errors: FieldError[] } {
  const parsed = schema.safeParse(input);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, errors: toFieldErrors(parsed.error) };
}

const str = (v: string | number | null | undefined) => (v === null || v === undefined ? '' : String(v));

export function courseFormValues(c: CourseView): Record<string, string> {
  return {
    providerOrgId: c.providerOrgId,
    title: c.title,
    description: c.description,
    sunFieldCode: str(c.sunFieldCode),
    sunLevelCode: str(c.sunLevelCode),
    targetGroup: c.targetGroup,
    format: c.format,
    hours: str(c.hours),
    language: c.language,
    municipalityCode: str(c.municipalityCode),
    address: str(c.address),
    priceSek: str(c.priceSek),
    prerequisites: c.prerequisites,
    contactName: str(c.contactName),
    contactEmail: str(c.contactEmail),
    contactPhone: str(c.contactPhone),
    financing: c.financing,
    contractReference: str(c.contractReference),
    contractFrom: str(c.contractFrom),
    contractTo: str(c.contractTo),
    completionAttendancePct: str(c.completionAttendancePct),
    issuesCredential: c.issuesCredential ? 'on' : '',
  };
}

export const courseOut = z.object({
  id: z.string().uuid(),
  providerOrgId: z.string().uuid(),
  providerName: z.string(),
  title: z.string(),
  description: z.string(),
  competences: z.array(z.object({ id: z.string(), name: z.string() })),
  sunFieldCode: z.string().nullable(),
  sunLevelCode: z.string().nullable(),
  targetGroup: z.string(),
  format: z.enum(['classroom', 'digital', 'blended']),
  hours: z.number(),
  language: z.string(),
  municipalityCode: z.string().nullable(),
  municipalityName: z.string().nullable(),
  address: z.string().nullable(),
  priceSek: z.number().int(),
  prerequisites: z.string(),
  contactName: z.string().nullable(),
  contactEmail: z.string().nullable(),
  contactPhone: z.string().nullable(),
  financing: z.enum(['procured', 'company', 'public']),
  contractReference: z.string().nullable(),
  contractFrom: z.string().nullable(),
  contractTo: z.string().nullable(),
  completionAttendancePct: z.number().int(),
  issuesCredential: z.boolean(),
  status: z.enum(['draft', 'submitted', 'approved', 'withdrawn']),
  approvedAt: z.string().nullable(),
  version: z.number().int(),
});

export function courseJson(c: CourseView): z.infer<typeof courseOut> {
  return {
    id: c.id,
    providerOrgId: c.providerOrgId,
    providerName: c.providerName,
    title: c.title,
    description: c.description,
    competences: c.competences,
    sunFieldCode: c.sunFieldCode,
    sunLevelCode: c.sunLevelCode,
    targetGroup: c.targetGroup,
    format: c.format,
    hours: c.hours,
    language: c.language,
    municipalityCode: c.municipalityCode,
    municipalityName: c.municipalityName,
    address: c.address,
    priceSek: c.priceSek,
    prerequisites: c.prerequisites,
    contactName: c.contactName,
    contactEmail: c.contactEmail,
    contactPhone: c.contactPhone,
    financing: c.financing,
    // The contract is the programme's business: shown to the course's managers only.
    contractReference: c.canManage ? c.contractReference : null,
    contractFrom: c.canManage ? c.contractFrom : null,
    contractTo: c.canManage ? c.contractTo : null,
    completionAttendancePct: c.completionAttendancePct,
    issuesCredential: c.issuesCredential,
    status: c.status,
    approvedAt: c.approvedAt ? new Date(c.approvedAt).toISOString() : null,
    version: c.version,
  };
}

export const sessionOut = z.object({
  id: z.string().uuid(),
  date: z.string(),
  start: z.string().describe('HH:MM Europe/Stockholm'),
  end: z.string().describe('HH:MM Europe/Stockholm'),
  startsAt: z.string().describe('ISO 8601 UTC'),
  endsAt: z.string(),
  activity: z.enum(['teaching', 'practice', 'digital', 'exam']),
  location: z.string().nullable(),
});

export const occasionOut = z.object({
  id: z.string().uuid(),
  courseId: z.string().uuid(),
  startsOn: z.string(),
  endsOn: z.string(),
  seats: z.number().int(),
  freeSeats: z.number().int(),
  enrolmentDeadline: z.string(),
  municipalityCode: z.string().nullable(),
  location: z.string().nullable(),
  onlineLink: z.string().nullable(),
  status: z.enum(['open', 'cancelled']),
  sessions: z.array(sessionOut),
});

export function occasionJson(o: OccasionView): z.infer<typeof occasionOut> {
  return {
    id: o.id,
    courseId: o.courseId,
    startsOn: o.startsOn,
    endsOn: o.endsOn,
    seats: o.seats,
    freeSeats: o.freeSeats,
    enrolmentDeadline: o.enrolmentDeadline,
    municipalityCode: o.municipalityCode,
    location: o.location,
    onlineLink: o.onlineLink,
    status: o.status,
    sessions: o.sessions.map((s) => ({
      id: s.id,
      date: s.date,
      start: s.start,
      end: s.end,
      startsAt: new Date(s.startsAt).toISOString(),
      endsAt: new Date(s.endsAt).toISOString(),
      activity: s.activity,
      location: s.location,
    })),
  };
}
