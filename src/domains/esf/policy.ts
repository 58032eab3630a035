// Who may use the ESF administration at all; records are checked per programme and company in the services.
import { type Actor, hasRole } from '../../platform/auth.ts';

/** The ESF administration's pages: ESF administrators and the region's administrators (read and report). */
export const canSeeEsf = (actor: Actor): boolean => hasRole(actor, 'esf_admin', 'region_admin');

/** Registering participants, producing SCB months, revealing identities: ESF administrators only. */
export const isEsfAdmin = (actor: Actor): boolean => hasRole(actor, 'esf_admin');

/** Programme rules, budget and targets: ESF administrators and region administrators. */
export const canSetEsfRules = (actor: Actor): boolean => hasRole(actor, 'esf_admin', 'region_admin');

/** Time certificates: participants sign their own, company contacts (managers, HR) their employees'. */
export const canSignCertificates = (actor: Actor): boolean =>
  hasRole(actor, 'participant', 'company_contact', 'esf_admin');
