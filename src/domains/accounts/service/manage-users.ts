import { audit } from '../../../platform/audit.ts';
import type { Actor, Role } from '../../../platform/auth.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import {
  canManageUsers,
  canRevokeMembership,
  grantableRoles,
  type OrganisationKind,
  userScope,
} from '../policy.ts';
import * as repo from '../repo.ts';
import type { UserListQuery } from '../schema.ts';

export type UserStatus = 'active' | 'invited' | 'disabled';

export interface UserListItem {
  id: string;
  name: string;
  email: string;
  status: UserStatus;
  /** Bound to an identity at a single sign-on issuer (the next SSO sign-in then must match it). */
  ssoLinked: boolean;
  memberships: (repo.MembershipRow & { canRemove: boolean })[];
}

/** Users holding a role in the actor's region (admin) or municipality organisation (officer). */
export async function listUsers(
  db: Db,
  actor: Actor,
  query: UserListQuery,
): Promise<{ total: number; items: UserListItem[] }> {
  if (!canManageUsers(actor)) throw new AppError('FORBIDDEN');
  const { total, rows, memberships } = await repo.listUsers(db, userScope(actor), query);
  const items = rows.map((u) => ({
    id: u.id,
    name: u.name,
    email: u.email,
    status: (u.disabled ? 'disabled' : u.hasPassword ? 'active' : 'invited') as UserStatus,
    ssoLinked: u.ssoLinks > 0,
    memberships: memberships
      .filter((m) => m.userId === u.id)
      .map((m) => ({ ...m, canRemove: canRevokeMembership(actor, m) })),
  }));
  return { total, items };
}

export interface OrganisationChoice {
  id: string;
  name: string;
  kind: OrganisationKind;
  roles: Role[];
}

/** The organisations the actor may invite to, each with the roles the actor may grant there. */
export async function inviteChoices(db: Db, actor: Actor): Promise<OrganisationChoice[]> {
  const scope = userScope(actor);
  const inRegions = await repo.organisationsInRegions(db, scope.regionIds);
  const own = actor.memberships
    .filter(
      (m) => m.role === 'municipality_officer' && m.organisationKind === 'municipality' && m.organisationId,
    )
    .map((m) => ({
      id: m.organisationId as string,
      kind: 'municipality' as const,
      name: m.organisationName,
      regionId: m.regionId,
    }));
  const seen = new Set<string>();
  const choices: OrganisationChoice[] = [];
  for (const org of [...inRegions, ...own]) {
    if (seen.has(org.id)) continue;
    seen.add(org.id);
    const roles = grantableRoles(actor, org);
    if (roles.length) choices.push({ id: org.id, name: org.name, kind: org.kind, roles });
  }
  return choices;
}

/** Remove a role. Outside the actor's user scope answers NOT_FOUND; in scope but not theirs to remove, FORBIDDEN. */
export async function removeMembership(db: Db, actor: Actor, id: string, ip: string): Promise<void> {
  const m = await repo.findMembership(db, id);
  const scope = userScope(actor);
  const visible =
    m &&
    (scope.regionIds.includes(m.regionId) ||
      (m.organisationId && scope.organisationIds.includes(m.organisationId)));
  if (!m || !visible) throw new AppError('NOT_FOUND');
  if (!canRevokeMembership(actor, m)) throw new AppError('FORBIDDEN');
  await db.tx(async (tx) => {
    if (!(await repo.deleteMembership(tx, id))) throw new AppError('NOT_FOUND');
    await audit(tx, {
      actorUserId: actor.userId,
      action: 'membership.delete',
      entityType: 'membership',
      entityId: id,
      organisationId: m.organisationId,
      ip,
      details: { userId: m.userId, role: m.role, organisationId: m.organisationId, companyId: m.companyId },
    });
  });
}

/**
 * Unbind a user's single sign-on identities, e.g. when the identity provider gave the person a new identity
 * (the old binding refuses it): the next SSO sign-in binds again by verified e-mail. NOT_FOUND outside the
 * actor's scope or when nothing is bound.
 */
export async function unlinkSso(db: Db, actor: Actor, userId: string, ip: string): Promise<void> {
  if (!canManageUsers(actor)) throw new AppError('FORBIDDEN');
  if (!(await repo.userInScope(db, userScope(actor), userId))) throw new AppError('NOT_FOUND');
  await db.tx(async (tx) => {
    const issuers = await repo.deleteSsoLinks(tx, userId);
    if (issuers.length === 0) throw new AppError('NOT_FOUND');
    await audit(tx, {
      actorUserId: actor.userId,
      action: 'sso.unlink',
      entityType: 'user',
      entityId: userId,
      ip,
      details: { issuers },
    });
  });
}
