import { randomUUID } from 'node:crypto';
import { audit } from '../../../platform/audit.ts';
import { type Actor, newToken, type Role } from '../../../platform/auth.ts';
import { type Db, isUniqueViolation } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import type { AppDeps } from '../../../platform/http/registry.ts';
import type { Locale } from '../../../platform/i18n/index.ts';
import { enforceLimit } from '../../../platform/rate-limit.ts';
import { findOrganisation } from '../../organisations/index.ts';
import { canInviteToCompanyRegion, grantableRoles } from '../policy.ts';
import * as repo from '../repo.ts';
import { bilingualMail, type MailText } from './mail.ts';

export const INVITATION_TTL_MINUTES = 7 * 24 * 60;
/** Invitations one person may send in an hour, over every path (users, company contacts, learners). */
export const MAX_INVITATIONS_PER_HOUR = 30;

/** Where the role is held: an organisation (staff roles) or a company (company roles). */
export type InviteTarget =
  | { organisationId: string; companyId?: undefined }
  | { companyId: string; organisationId?: undefined };

export type InviteUserInput = InviteTarget & {
  email: string;
  name: string;
  role: Role;
  invitedBy: Actor;
  /** The invitee's language, for a new account (an existing account keeps its own). */
  locale: Locale;
  ip?: string | null;
};

export interface InviteResult {
  userId: string;
  membershipId: string | null;
  userCreated: boolean;
  membershipCreated: boolean;
  /** An invitation link (no password yet), a notice of the new role, or nothing (role already held). */
  mailed: 'invitation' | 'notice' | 'none';
}

interface ResolvedTarget {
  organisationId: string | null;
  companyId: string | null;
  regionId: string;
  name: string;
}

const invalid = (field: string, message: string) =>
  new AppError('VALIDATION', 'VALIDATION', [{ field, message }]);

async function resolveTarget(db: Db, input: InviteUserInput): Promise<ResolvedTarget> {
  if (input.companyId !== undefined) {
    if (input.role !== 'company_contact' && input.role !== 'participant')
      throw invalid('role', 'users.invite.roleNotAllowed');
    const company = await repo.companyRegion(db, input.companyId);
    if (!company) throw new AppError('NOT_FOUND');
    // Staff of the company's region invite either role; a contact of the company invites its employees as
    // participants (digital courses).
    const ownEmployee =
      input.role === 'participant' &&
      input.invitedBy.memberships.some(
        (m) => m.role === 'company_contact' && m.companyId === input.companyId,
      );
    if (!canInviteToCompanyRegion(input.invitedBy, company.regionId) && !ownEmployee)
      throw new AppError('FORBIDDEN');
    return {
      organisationId: null,
      companyId: input.companyId,
      regionId: company.regionId,
      name: company.name,
    };
  }
  const org = await findOrganisation(db, input.organisationId);
  const granted = org ? grantableRoles(input.invitedBy, org) : [];
  // An organisation outside the inviter's reach is answered exactly like an unknown one.
  if (!org || granted.length === 0) throw invalid('organisationId', 'validation.choice');
  if (!granted.includes(input.role)) throw invalid('role', 'users.invite.roleNotAllowed');
  return { organisationId: org.id, companyId: null, regionId: org.regionId, name: org.name };
}

interface Written {
  user: { id: string; email: string; name: string; locale: Locale };
  userCreated: boolean;
  membershipId: string | null;
  membershipCreated: boolean;
  token: string | null;
}

async function writeInvitation(tx: Db, input: InviteUserInput, target: ResolvedTarget): Promise<Written> {
  const by = input.invitedBy.userId;
  const base = { actorUserId: by, organisationId: target.organisationId, ip: input.ip ?? null };
  const email = input.email.trim();
  const existing = await repo.findUserByEmail(tx, email);
  if (existing?.disabledAt) throw invalid('email', 'users.invite.disabled');
  const user = existing ?? {
    id: randomUUID(),
    email,
    name: input.name,
    locale: input.locale,
    passwordHash: null,
  };
  if (!existing) {
    await repo.insertUser(tx, { ...user, passwordHash: null });
    await audit(tx, {
      ...base,
      action: 'user.create',
      entityType: 'user',
      entityId: user.id,
      details: { via: 'invitation' },
    });
  }
  const m = {
    userId: user.id,
    role: input.role,
    organisationId: target.organisationId,
    companyId: target.companyId,
  };
  const newId = randomUUID();
  const membershipCreated = await repo.insertMembership(tx, { id: newId, ...m, createdBy: by });
  const membershipId = membershipCreated ? newId : await repo.findMembershipOf(tx, m);
  if (membershipCreated)
    await audit(tx, {
      ...base,
      action: 'membership.create',
      entityType: 'membership',
      entityId: newId,
      details: m,
    });
  let token: string | null = null;
  if (!user.passwordHash) {
    const t = newToken();
    await repo.insertOneTimeToken(tx, {
      hash: t.hash,
      purpose: 'invitation',
      userId: user.id,
      createdBy: by,
      ttlMinutes: INVITATION_TTL_MINUTES,
    });
    await audit(tx, {
      ...base,
      action: 'invitation.create',
      entityType: 'user',
      entityId: user.id,
      details: { role: input.role },
    });
    token = t.token;
  }
  return { user, userCreated: !existing, membershipId, membershipCreated, token };
}

function composeMail(
  deps: AppDeps,
  input: InviteUserInput,
  target: ResolvedTarget,
  w: Written,
): MailText | null {
  if (!w.token && !w.membershipCreated) return null;
  const link = w.token ? `${deps.baseUrl}/invitation/${w.token}` : `${deps.baseUrl}/login`;
  return bilingualMail(w.user.locale, (t) => {
    const params = {
      name: w.user.name,
      inviter: input.invitedBy.name,
      role: t(`role.${input.role}`),
      organisation: target.name,
      link,
    };
    return w.token
      ? { subject: t('mail.invitation.subject'), text: t('mail.invitation.body', params) }
      : { subject: t('mail.notice.subject'), text: t('mail.notice.body', params) };
  });
}

/**
 * Give a person a role, creating their account (without a password) when the address is new, and mail
 * them: a single-use 7-day link to choose a password, or, if they already have one, a notice.
 * Authorisation: for an organisation, the inviter's own grants (policy); for a company, the caller has
 * checked the company's scope and here only the inviter's region is checked. Nothing is written when a
 * check fails; the mail is sent after the records are committed. Each permitted invitation counts towards
 * the inviter's hourly limit (429 past it; the limit is shared by every process).
 */
export async function inviteUser(deps: AppDeps, input: InviteUserInput): Promise<InviteResult> {
  const target = await resolveTarget(deps.db, input);
  await enforceLimit(
    deps.db,
    { bucket: `invite:${input.invitedBy.userId}`, max: MAX_INVITATIONS_PER_HOUR, windowSeconds: 3600 },
    'rateLimit.invitations',
  );
  let written: Written;
  try {
    written = await deps.db.tx((tx) => writeInvitation(tx, input, target));
  } catch (err) {
    // Two invitations of a new address at once: the second finds the account the first created.
    if (!isUniqueViolation(err)) throw err;
    written = await deps.db.tx((tx) => writeInvitation(tx, input, target));
  }
  const mail = composeMail(deps, input, target, written);
  if (mail) await deps.mailer.send(deps.db, { to: written.user.email, ...mail, regionId: target.regionId });
  return {
    userId: written.user.id,
    membershipId: written.membershipId,
    userCreated: written.userCreated,
    membershipCreated: written.membershipCreated,
    mailed: written.token ? 'invitation' : mail ? 'notice' : 'none',
  };
}
