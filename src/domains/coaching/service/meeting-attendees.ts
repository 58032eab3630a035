// Who can be recorded as attending a meeting: the engagement's current coaches, the company's contacts, those
// already on the meeting, and up to three other people of the company by name and role.
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../../platform/auth.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError, validation } from '../../../platform/errors.ts';
import { getCompany } from '../../companies/index.ts';
import type * as repo from '../repo-meetings.ts';
import type { MeetingInput } from '../schema-meetings.ts';
import type { EngagementView } from './engagements.ts';

type Attendee = Pick<repo.AttendeeRow, 'kind' | 'userId' | 'contactId' | 'name' | 'roleTitle'>;

export interface AttendeeOption {
  kind: 'staff' | 'contact';
  id: string;
  name: string;
  roleTitle: string | null;
}

/**
 * The people who can be ticked as attendees: the current coaches and the company's contacts, plus those
 * already recorded on the meeting (a coach since removed stays on the meetings they attended).
 */
export async function attendeeOptions(
  db: Db,
  actor: Actor,
  view: EngagementView,
  existing: Attendee[] = [],
): Promise<AttendeeOption[]> {
  const staff: AttendeeOption[] = view.coaches.map((c) => ({
    kind: 'staff',
    id: c.userId,
    name: c.name,
    roleTitle: null,
  }));
  let contacts: AttendeeOption[] = [];
  try {
    const company = await getCompany(db, actor, view.engagement.companyId);
    contacts = company.contacts.map((c) => ({
      kind: 'contact',
      id: c.id,
      name: c.name,
      roleTitle: c.roleTitle ?? null,
    }));
  } catch (err) {
    if (!(err instanceof AppError && err.code === 'NOT_FOUND')) throw err;
  }
  const known = new Set([...staff, ...contacts].map((o) => `${o.kind}:${o.id}`));
  const kept: AttendeeOption[] = existing.flatMap((a): AttendeeOption[] => {
    const id = a.kind === 'staff' ? a.userId : a.kind === 'contact' ? a.contactId : null;
    if (!id || a.kind === 'company_person' || known.has(`${a.kind}:${id}`)) return [];
    return [{ kind: a.kind, id, name: a.name, roleTitle: a.roleTitle }];
  });
  return [...staff, ...contacts, ...kept];
}

/** The attendee rows of a meeting from the input; VALIDATION when a ticked person is not an option. */
export async function attendeeRows(
  db: Db,
  actor: Actor,
  view: EngagementView,
  input: MeetingInput,
  existing: Attendee[] = [],
): Promise<repo.NewAttendee[]> {
  const options = await attendeeOptions(db, actor, view, existing);
  const pick = (kind: 'staff' | 'contact', ids: string[], field: string) =>
    [...new Set(ids)].map((id) => {
      const o = options.find((x) => x.kind === kind && x.id === id);
      if (!o) throw validation([{ field, message: 'validation.choice' }]);
      return o;
    });
  const staff = pick('staff', input.staffAttendees, 'staffAttendees');
  const contacts = pick('contact', input.contactAttendees, 'contactAttendees');
  return [
    ...staff.map((o) => ({
      id: randomUUID(),
      kind: 'staff' as const,
      userId: o.id,
      contactId: null,
      name: o.name,
      roleTitle: null,
      email: null,
    })),
    ...contacts.map((o) => ({
      id: randomUUID(),
      kind: 'contact' as const,
      userId: null,
      contactId: o.id,
      name: o.name,
      roleTitle: o.roleTitle,
      email: null,
    })),
    ...input.otherAttendees.map((p) => ({
      id: randomUUID(),
      kind: 'company_person' as const,
      userId: null,
      contactId: null,
      name: p.name,
      roleTitle: p.roleTitle,
      email: null,
    })),
  ];
}
