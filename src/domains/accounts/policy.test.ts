import { describe, expect, it } from 'vitest';
import type { Actor, Membership, Role } from '../../platform/auth.ts';
import { canRevokeMembership, grantableRoles, userScope } from './policy.ts';

const REGION = 'r-07';
const LJUNGBY = 'o-0781';
const VAXJO = 'o-0780';

function actor(...memberships: Partial<Membership>[]): Actor {
  return {
    userId: 'me',
    name: 'Me',
    email: 'me@example.test',
    locale: 'sv',
    via: 'session',
    memberships: memberships.map((m) => ({
      role: 'coach' as Role,
      organisationId: REGION,
      organisationKind: 'region',
      organisationName: 'Region',
      municipalityCode: null,
      regionId: REGION,
      companyId: null,
      ...m,
    })),
  };
}

const regionAdmin = actor({ role: 'region_admin' });
const officer = actor({
  role: 'municipality_officer',
  organisationId: LJUNGBY,
  organisationKind: 'municipality',
  municipalityCode: '0781',
});

describe('grantableRoles', () => {
  it('a region admin grants the roles fitting each kind of organisation in their region', () => {
    expect(grantableRoles(regionAdmin, { id: REGION, kind: 'region', regionId: REGION }).sort()).toEqual([
      'coach',
      'esf_admin',
      'region_admin',
    ]);
    expect(grantableRoles(regionAdmin, { id: VAXJO, kind: 'municipality', regionId: REGION }).sort()).toEqual(
      ['coach', 'municipality_officer'],
    );
    expect(grantableRoles(regionAdmin, { id: 'p', kind: 'provider', regionId: REGION })).toEqual([
      'provider',
    ]);
    expect(grantableRoles(regionAdmin, { id: 'x', kind: 'region', regionId: 'r-12' })).toEqual([]);
  });

  it('an officer grants officer and coach roles in their own municipality only', () => {
    expect(grantableRoles(officer, { id: LJUNGBY, kind: 'municipality', regionId: REGION }).sort()).toEqual([
      'coach',
      'municipality_officer',
    ]);
    expect(grantableRoles(officer, { id: VAXJO, kind: 'municipality', regionId: REGION })).toEqual([]);
    expect(grantableRoles(officer, { id: REGION, kind: 'region', regionId: REGION })).toEqual([]);
  });

  it('other roles grant nothing', () => {
    const coach = actor({ role: 'coach' });
    expect(grantableRoles(coach, { id: REGION, kind: 'region', regionId: REGION })).toEqual([]);
    expect(userScope(coach)).toEqual({ regionIds: [], organisationIds: [] });
  });
});

describe('canRevokeMembership', () => {
  const target = (m: { role: Role; organisationId: string | null; userId?: string }) => ({
    userId: 'them',
    regionId: REGION,
    ...m,
  });

  it('never one’s own membership', () => {
    expect(
      canRevokeMembership(
        regionAdmin,
        target({ role: 'region_admin', organisationId: REGION, userId: 'me' }),
      ),
    ).toBe(false);
  });

  it('a region admin anything in their region; an officer only the roles they could grant, in their municipality', () => {
    expect(canRevokeMembership(regionAdmin, target({ role: 'company_contact', organisationId: null }))).toBe(
      true,
    );
    expect(canRevokeMembership(officer, target({ role: 'coach', organisationId: LJUNGBY }))).toBe(true);
    expect(canRevokeMembership(officer, target({ role: 'coach', organisationId: VAXJO }))).toBe(false);
    expect(canRevokeMembership(officer, target({ role: 'provider', organisationId: LJUNGBY }))).toBe(false);
  });
});
