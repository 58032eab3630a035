import { type Actor, hasRole, membershipsWith } from '../../platform/auth.ts';

/** Accessibility reports are read and answered by the region administrators of the region they concern. */
export const canReadAccessibilityReports = (actor: Actor): boolean => hasRole(actor, 'region_admin');

/** The regions whose reports the actor administers. */
export const reportRegionsOf = (actor: Actor): string[] => [
  ...new Set(membershipsWith(actor, 'region_admin').map((m) => m.regionId)),
];
