import { createHash, randomBytes } from 'node:crypto';
import type { Locale } from './i18n/index.ts';

export const roles = [
  'region_admin',
  'municipality_officer',
  'coach',
  'company_contact',
  'participant',
  'provider',
  'esf_admin',
] as const;
export type Role = (typeof roles)[number];

/** One (organisation or company, role) pair of a signed-in user, with what policies need to know. */
export interface Membership {
  role: Role;
  /** The organisation for staff roles; null for company roles. */
  organisationId: string | null;
  organisationKind: 'region' | 'municipality' | 'provider' | null;
  organisationName: string;
  /** Municipality code for a municipality membership. */
  municipalityCode: string | null;
  /** The region the membership belongs to (a company's region for company roles). */
  regionId: string;
  companyId: string | null;
}

export interface Actor {
  userId: string;
  name: string;
  email: string;
  locale: Locale;
  memberships: Membership[];
  /** How the request was authenticated. */
  via: 'session' | 'api_token';
}

export function hasRole(actor: Actor | null, ...wanted: Role[]): boolean {
  return !!actor && actor.memberships.some((m) => wanted.includes(m.role));
}

export function membershipsWith(actor: Actor, ...wanted: Role[]): Membership[] {
  return actor.memberships.filter((m) => wanted.includes(m.role));
}

/** A random secret token (URL-safe) and the hash that is stored instead of it. */
export function newToken(bytes = 32): { token: string; hash: string } {
  const token = randomBytes(bytes).toString('base64url');
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
