// Who may use the training pages at all; records are checked per course, occasion and company in the services.
import { type Actor, hasRole } from '../../platform/auth.ts';

/** Providers manage their own courses; region admins add and approve any course of their region. */
export const canManageCourses = (actor: Actor): boolean => hasRole(actor, 'provider', 'region_admin');

/** Company contacts enrol their employees; providers and staff may act for a company. */
export const canEnrol = (actor: Actor): boolean =>
  hasRole(actor, 'company_contact', 'provider', 'region_admin', 'municipality_officer', 'coach');

/** Attendance is taken by the course's provider, or by a coach / region admin. */
export const canTakeAttendance = (actor: Actor): boolean =>
  hasRole(actor, 'provider', 'coach', 'region_admin');

/** A learner (participant role) sees their own courses. */
export const isLearner = (actor: Actor): boolean => hasRole(actor, 'participant');

/** Company contacts manage their employees' enrolments. */
export const isCompanyContact = (actor: Actor): boolean => hasRole(actor, 'company_contact');

/** Unmet training demand: region admins and officers see the figures; providers the published snapshot. */
export const canSeeUnmet = (actor: Actor): boolean => hasRole(actor, 'region_admin', 'municipality_officer');
