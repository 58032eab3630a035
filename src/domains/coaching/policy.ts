// Who may use the coaching pages at all; the engagement itself is checked per record in service/engagements.ts.
import { type Actor, hasRole } from '../../platform/auth.ts';

/** Staff who work with engagements (their scope is checked per engagement). */
export const canUseCoaching = (actor: Actor): boolean =>
  hasRole(actor, 'region_admin', 'municipality_officer', 'coach');

/** Region admins and municipality officers start engagements, assign coaches and record the intake. */
export const canManageEngagements = (actor: Actor): boolean =>
  hasRole(actor, 'region_admin', 'municipality_officer');

/** Staff, and company contacts (who read their plan, decisions and next steps, and adopt the plan). */
export const canSeeEngagements = (actor: Actor): boolean =>
  hasRole(actor, 'region_admin', 'municipality_officer', 'coach', 'company_contact');
