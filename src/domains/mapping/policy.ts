import { type Actor, hasRole } from '../../platform/auth.ts';

export interface InstrumentTarget {
  regionId: string | null;
  status: 'draft' | 'published' | 'retired';
}

/** Who may copy, edit and publish instrument versions: region admins (in their own region). */
export const canManageInstruments = (actor: Actor): boolean => hasRole(actor, 'region_admin');

/** Who may read instruments at all: the programme's staff. Company users see them through a mapping. */
export const canViewInstruments = (actor: Actor): boolean =>
  hasRole(actor, 'region_admin', 'municipality_officer', 'coach', 'esf_admin');

/** Regions whose drafts the actor may see and edit. */
export const draftRegionsOf = (actor: Actor): string[] => [
  ...new Set(actor.memberships.filter((m) => m.role === 'region_admin').map((m) => m.regionId)),
];

/** Whether the actor may read this instrument: national or own region; drafts only for its admins. */
export function canReadInstrument(actor: Actor, target: InstrumentTarget): boolean {
  if (!canViewInstruments(actor)) return false;
  if (target.status === 'draft')
    return target.regionId !== null && draftRegionsOf(actor).includes(target.regionId);
  return target.regionId === null || actor.memberships.some((m) => m.regionId === target.regionId);
}

/** Whether the actor may edit or publish this (draft) instrument. */
export const canEditInstrument = (actor: Actor, target: InstrumentTarget): boolean =>
  target.regionId !== null && draftRegionsOf(actor).includes(target.regionId);
