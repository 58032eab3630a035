/**
 * The declared authorisation matrix: who may use which route. Written by hand, never computed from the
 * policies. How an expectation is found for a route `METHOD /url`:
 *   1. `OVERRIDES['METHOD /url']` when present;
 *   2. a PUBLIC route: `PUBLIC_ROUTES['METHOD /url']` (every public route is listed on purpose);
 *   3. otherwise the roles of `POLICY_ROLES[policy name]`, and for a route with `:params` (which the world fills
 *      with home objects) only those actors that hold the object: `HOLDERS` of the first matching URL family.
 * The suite fails for a route whose policy has no entry, a public route not listed, a URL with params in no
 * family, or an entry that names no route.
 */
import type { Role } from '../../src/platform/auth.ts';
import type { AnyRoute } from '../../src/platform/http/registry.ts';
import { ACTOR_KEYS, type ActorKey } from './world.ts';

export type Expected = readonly ActorKey[];

export const ROLE_OF: Record<Exclude<ActorKey, 'anonymous'>, Role> = {
  regionAdmin: 'region_admin',
  regionAdminOther: 'region_admin',
  officerHome: 'municipality_officer',
  officerOther: 'municipality_officer',
  coachHome: 'coach',
  coachOther: 'coach',
  contactHome: 'company_contact',
  contactOther: 'company_contact',
  participantHome: 'participant',
  participantOther: 'participant',
  providerHome: 'provider',
  providerOther: 'provider',
  esfAdmin: 'esf_admin',
  esfAdminOther: 'esf_admin',
};

export const EVERYONE: Expected = ACTOR_KEYS;
export const NOBODY: Expected = [];

/** Route-level access: the roles each named policy admits (`src/domains/* /policy.ts`). */
export const POLICY_ROLES: Record<string, readonly Role[] | 'signedIn'> = {
  signedIn: 'signedIn',
  canSeeEngagements: ['region_admin', 'municipality_officer', 'coach', 'company_contact'],
  canManageEngagements: ['region_admin', 'municipality_officer'],
  canUseCoaching: ['region_admin', 'municipality_officer', 'coach'],
  canAssignCoaches: ['region_admin', 'municipality_officer'],
  isRegionAdmin: ['region_admin'],
  canAuthorCourses: ['provider', 'region_admin'],
  canManageCourses: ['provider', 'region_admin'],
  canManageLtiTools: ['provider', 'region_admin'],
  canLaunchLti: ['participant', 'provider', 'region_admin'],
  canSeeEsf: ['esf_admin', 'region_admin'],
  canSetEsfRules: ['esf_admin', 'region_admin'],
  isEsfAdmin: ['esf_admin'],
  canSeeEsfOrCompanyContact: ['esf_admin', 'region_admin', 'company_contact'],
  canEnrol: ['company_contact', 'provider', 'region_admin', 'municipality_officer', 'coach'],
  canTakeAttendance: ['provider', 'coach', 'region_admin'],
  canLogTime: ['coach', 'municipality_officer', 'region_admin', 'esf_admin'],
  canManageStaff: ['region_admin', 'municipality_officer'],
  canLearn: ['participant'],
  isLearner: ['participant'],
  isCompanyContact: ['company_contact'],
  canFollowCompanyLearning: ['company_contact'],
  canInviteLearners: ['company_contact', 'region_admin', 'municipality_officer'],
  canSeeLearningStudy: ['region_admin', 'esf_admin'],
  canViewInsights: ['region_admin', 'municipality_officer', 'coach', 'esf_admin'],
  canListMappings: ['region_admin', 'municipality_officer', 'coach', 'esf_admin', 'company_contact'],
  canStartMappings: ['region_admin', 'municipality_officer', 'coach'],
  canReopenMappings: ['region_admin'],
  canReadNotes: ['region_admin', 'municipality_officer', 'coach'],
  canManagePersonRatings: ['company_contact'],
  canReadOwnRatings: ['participant'],
  canManageInstruments: ['region_admin'],
  canViewInstruments: ['region_admin', 'municipality_officer', 'coach', 'esf_admin'],
  canListCompanies: ['region_admin', 'municipality_officer', 'coach', 'esf_admin', 'company_contact'],
  canSeeMatches: ['region_admin', 'municipality_officer', 'coach', 'esf_admin', 'company_contact'],
  canCreateCompany: ['region_admin', 'municipality_officer'],
  canImportCompanies: ['region_admin', 'municipality_officer'],
  canEditSomeCompany: ['region_admin', 'municipality_officer', 'company_contact'],
  canViewUnmet: ['region_admin', 'municipality_officer'],
  canPublishUnmet: ['region_admin'],
  canReadPublishedUnmet: ['provider', 'region_admin', 'municipality_officer'],
  canHoldCredentials: 'signedIn',
  canIssueCredentials: ['provider', 'region_admin'],
  canManageXapi: ['region_admin'],
  canManageUsers: ['region_admin', 'municipality_officer'],
  canManageOrganisations: ['region_admin'],
  canViewOrganisations: ['region_admin', 'municipality_officer', 'esf_admin', 'coach'],
  canReadJobs: ['region_admin'],
  canReadOutbox: ['region_admin'],
  canHandleSubjectRequests: ['region_admin'],
  canAnswerRecordsRequests: ['region_admin', 'municipality_officer'],
  canReadAuditLog: ['region_admin', 'esf_admin'],
  canReadAccessibilityReports: ['region_admin'],
};

/** Region 07 staff of every kind (the "Other" actors of region 06 excluded). */
const REGION07: Expected = ACTOR_KEYS.filter(
  (a) => !['anonymous', 'regionAdminOther', 'esfAdminOther'].includes(a),
);

/** Who changes the home engagement's meetings and plan (not the company contact, who reads them). */
const COACHING_EDITORS: Expected = ['regionAdmin', 'officerHome', 'coachHome'];

/** Who acts on the home company's learners and enrolments (training is region-wide). */
const TRAINING_ACTORS: Expected = [
  'regionAdmin',
  'officerHome',
  'officerOther',
  'coachHome',
  'coachOther',
  'contactHome',
  'providerHome',
  'providerOther',
];

/**
 * Object level: who holds the home object a route's params point at (first matching family wins). The
 * "Other" actors never do: another municipality, an unassigned coach, another company, another provider,
 * another region.
 */
export const HOLDERS: [RegExp, Expected][] = [
  [/^\/account\/|^\/api\/v1\/account\//, ['participantHome']],
  // Privacy: a person, a disposal proposal, an accessibility report of region 07 (region administrators only).
  [/^(\/api\/v1)?\/privacy\/|^(\/api\/v1|\/admin)\/accessibility-reports\//, ['regionAdmin']],
  [/^(\/api\/v1)?\/coaching\/rules/, ['regionAdmin']],
  [/^(\/api\/v1)?\/companies\/imports?\//, ['regionAdmin']],
  // Meeting attachments follow the engagement's sharing rule (coaching/README.md, "Who sees what"): under the
  // demo's rule the coach and the municipality's officer read them; the region administrator and the
  // company contact get 404.
  [
    /^(\/api\/v1)?\/coaching\/(engagements\/)?:id\/meetings\/:meetingId\/attachments/,
    ['officerHome', 'coachHome'],
  ],
  // A company contact reads the plan and the meetings and comments on actions, but edits neither (403).
  [
    /^(\/api\/v1)?\/coaching\/(engagements\/)?:id\/(meetings\/(new|:meetingId\/(edit|delete))|plan\/(edit|build|actions\/(new|:actionId\/(edit|delete))))/,
    COACHING_EDITORS,
  ],
  [
    /^(\/api\/v1)?\/(companies|coaching|mappings)\/|^(\/api\/v1)?\/esf\/deminimis/,
    ['regionAdmin', 'officerHome', 'coachHome', 'contactHome', 'participantHome', 'esfAdmin'],
  ],
  // Instruments: the home company's mapping uses the national instrument, which every region's staff read
  // (and a region administrator may copy into their own region).
  [/^(\/api\/v1)?\/mapping\/instruments/, EVERYONE],
  // Training acts region-wide by design (training/service/enrolment-access.ts): staff and providers of the
  // region act for any company's learners and enrolments, a company contact for its own company.
  // A sign-in code signs in as the learner: a provider issues one only for a learner on its own courses
  // (training/service/enrolment-logincode.ts codeLearner); the home learner is on provider 0's course.
  [
    /^(\/api\/v1)?\/training\/(people|learners)\/:id\/login-code/,
    TRAINING_ACTORS.filter((a) => a !== 'providerOther'),
  ],
  [/^(\/api\/v1)?\/training\/(people|learners|enrolments)\//, TRAINING_ACTORS],
  // Participants of an occasion: its provider and the region's staff (seesParticipants); not a company contact.
  [
    /^(\/api\/v1)?\/training\/occasions\/:id\/participants/,
    TRAINING_ACTORS.filter((a) => !a.startsWith('contact') && a !== 'providerOther'),
  ],
  // Enrolling on a catalogue occasion: every company contact and the region's staff; other providers not.
  [
    /^\/training\/occasions\/:id\/enrol|^\/api\/v1\/training\/occasions\/:id\/enrolments/,
    [...TRAINING_ACTORS.filter((a) => a !== 'providerOther'), 'contactOther'],
  ],
  [
    /^(\/api\/v1)?\/training\/(occasions|sessions)\/|^\/training\/courses\/:id\/occasions/,
    ['regionAdmin', 'officerHome', 'coachHome', 'contactHome', 'providerHome'],
  ],
  [/^(\/api\/v1)?\/training\/courses\/|^\/kurser\//, REGION07.filter((a) => a !== 'providerOther')],
  [/^(\/api\/v1)?\/my\/(courses|certificates|credentials)\//, ['participantHome']],
  [/^(\/api\/v1)?\/learning\/courses\//, ['regionAdmin', 'providerHome']],
  // Media of a course: its authors, and a learner with a live enrolment in it.
  [/^\/learning\/media\//, ['regionAdmin', 'providerHome', 'participantHome']],
  // Every participant of the region enrols on the region's published digital courses.
  [
    /^(\/api\/v1)?\/learning\/(catalogue\/)?:(courseId|trainingCourseId)/,
    ['participantHome', 'participantOther'],
  ],
  [/^(\/api\/v1)?\/learning\//, ['participantHome']],
  // Every participant of the region launches the region's active links (lti/README.md).
  [/^(\/api\/v1)?\/lti\/launch/, ['participantHome', 'participantOther', 'providerHome', 'regionAdmin']],
  [/^(\/api\/v1)?\/lti\//, ['regionAdmin', 'providerHome']],
  [/^(\/api\/v1)?\/esf\/certificates\//, ['regionAdmin', 'esfAdmin', 'contactHome']],
  [/^(\/api\/v1)?\/esf\//, ['regionAdmin', 'esfAdmin']],
  [/^(\/api\/v1)?\/credentials\/issued/, ['regionAdmin', 'providerHome']],
  // A month of staff time is the actor's own month: every actor the policy admits holds it.
  [/^(\/api\/v1)?\/time\/months?\//, EVERYONE],
  [/^(\/api\/v1)?\/time\//, ['regionAdmin', 'officerHome', 'coachHome', 'esfAdmin']],
  // The membership is a coach's of the home municipality: its officers manage its users too.
  [/^(\/api\/v1)?\/admin\/users\/memberships/, ['regionAdmin', 'officerHome']],
  // The user is that coach of the home municipality (SSO unlink): the same managers.
  [/^(\/api\/v1\/users|\/admin\/users)\/:id/, ['regionAdmin', 'officerHome']],
  [/^(\/api\/v1)?\/(admin|xapi)\//, ['regionAdmin']],
];

/**
 * Routes without params whose data hang on the region's ESF programme or published needs: the other
 * region (06) has none, so its administrators get 404 there.
 */
export const REGION_DATA: [RegExp, Expected][] = [
  [
    /^(\/api\/v1)?\/esf(\/|$)|^\/api\/v1\/training\/unmet\/published$/,
    ACTOR_KEYS.filter((a) => a !== 'regionAdminOther' && a !== 'esfAdminOther'),
  ],
];

/** Every PUBLIC route, declared one by one. Token links carry a well-formed token that matches nothing. */
export const PUBLIC_ROUTES: Record<string, Expected> = {
  'GET /': EVERYONE,
  'GET /login': EVERYONE,
  'POST /login': EVERYONE,
  // Signing out always ends on /login, which the matrix reads as a refusal.
  'POST /logout': NOBODY,
  'GET /invitation/:token': NOBODY,
  'POST /invitation/:token': NOBODY,
  'GET /password/forgot': EVERYONE,
  'POST /password/forgot': EVERYONE,
  'GET /password/reset/:token': NOBODY,
  'POST /password/reset/:token': NOBODY,
  'GET /calendar/feed/:file': NOBODY,
  'GET /statistik': EVERYONE,
  'GET /api/v1/insights/public': EVERYONE,
  'GET /kurser': EVERYONE,
  'GET /kurser/kalender.ics': EVERYONE,
  'GET /kurser/:id': EVERYONE,
  'GET /kurser/:id/kalender.ics': EVERYONE,
  'GET /api/v1/training/courses': EVERYONE,
  'GET /api/v1/training/courses/:id': EVERYONE,
  'GET /api/v1/training/courses/:id/occasions': EVERYONE,
  'GET /login/code': EVERYONE,
  // A sign-in attempt without a code is refused (401) for everyone.
  'POST /login/code': NOBODY,
  'GET /esf/sign/:token': NOBODY,
  'POST /esf/sign/:token': NOBODY,
  'GET /.well-known/jwks.json': EVERYONE,
  'GET /issuers/:orgId/did.json': EVERYONE,
  'GET /issuers/:orgId': EVERYONE,
  'GET /credentials/status/:orgId': EVERYONE,
  'GET /credentials/:id.json': EVERYONE,
  'GET /credentials/:id': EVERYONE,
  'GET /api/v1/credentials/public/:id': EVERYONE,
  'POST /api/v1/credentials/verify': EVERYONE,
  'GET /lti/jwks': EVERYONE,
  'GET /accessibility': EVERYONE,
  'GET /privacy': EVERYONE,
  // The report form is for everyone; an empty submission is a 422 (allowed, nothing written).
  'GET /accessibility/report': EVERYONE,
  'POST /accessibility/report': EVERYONE,
  'GET /accessibility/report/sent': EVERYONE,
  'POST /api/v1/accessibility-reports': EVERYONE,
  // The second-factor step needs a pending sign-in (a password or code just accepted); without one every
  // caller is sent back to /login. Single sign-on is not configured in the test app: 404 for everyone.
  'GET /login/totp': NOBODY,
  'POST /login/totp': NOBODY,
  'GET /login/totp/enrol': NOBODY,
  'POST /login/totp/enrol': NOBODY,
  'GET /login/sso': NOBODY,
  'GET /login/sso/callback': NOBODY,
  'GET /api/v1/openapi.json': EVERYONE,
  // xAPI (LRS): the about resource is open; everything else needs the LRS's Basic credentials, so every
  // caller here (sessions and anonymous alike) is refused. Non-GET verbs of the about resource are 405.
  'GET /xapi/about': EVERYONE,
  'PUT /xapi/about': EVERYONE,
  'POST /xapi/about': EVERYONE,
  'DELETE /xapi/about': EVERYONE,
  ...Object.fromEntries(
    [
      'statements',
      'activities/state',
      'activities/profile',
      'agents/profile',
      'activities',
      'agents',
    ].flatMap((r) => ['GET', 'PUT', 'POST', 'DELETE'].map((m) => [`${m} /xapi/${r}`, NOBODY])),
  ),
  // LTI OIDC login: open by protocol; without the signed login and message hints it is a 400 (or the OIDC
  // error sent back to the tool), for every caller alike.
  'GET /lti/auth': EVERYONE,
  'POST /lti/auth': EVERYONE,
};

/** Exceptions to the defaults above, each with its reason. */
export const OVERRIDES: Record<string, Expected> = {
  // Approving a course is the region's decision, not the provider's (canManageCourses admits providers).
  'POST /training/courses/:id/approve': ['regionAdmin'],
  'POST /api/v1/training/courses/:id/approve': ['regionAdmin'],
  // The archive of a disposal exists only once a proposal is confirmed; the world's proposal is still open.
  'GET /privacy/retention/proposals/:id/archive.json': NOBODY,
  // As the pages (HOLDERS): a company contact does not delete meetings or plan actions (403).
  'DELETE /api/v1/coaching/engagements/:id/meetings/:meetingId': COACHING_EDITORS,
  'DELETE /api/v1/coaching/engagements/:id/plan/actions/:actionId': COACHING_EDITORS,
  // Both validate their required query before looking anything up: 422 for every caller the policy admits
  // (the other region's included), the same for an unknown id, so nothing is disclosed.
  'GET /api/v1/esf/indicators/rows': ['regionAdmin', 'regionAdminOther', 'esfAdmin', 'esfAdminOther'],
  'GET /esf/indicators/rows': ['regionAdmin', 'regionAdminOther', 'esfAdmin', 'esfAdminOther'],
  // Signed in: sends the caller on to the course's next occasion or, failing that, its public page (/kurser).
  'GET /training/courses/:id/enrol-next': ACTOR_KEYS.filter((a) => a !== 'anonymous'),
  // Signing out everywhere ends on /login, which the matrix reads as a refusal (it runs last).
  'POST /account/logout-everywhere': NOBODY,
  'GET /api/v1/mappings/:id/results/compare': ACTOR_KEYS.filter(
    (a) => !['anonymous', 'participantHome', 'participantOther', 'providerHome', 'providerOther'].includes(a),
  ),
  // The consent step of an external lesson needs the signed consent cookie of the player's previous step.
  'GET /learning/e/:enrolmentId/lessons/:lessonId/consent': NOBODY,
};

export const keyOf = (r: AnyRoute) => `${r.method} ${r.url}`;
export const policyName = (r: AnyRoute) => ('public' in r.access ? null : r.access.name);

/** The declared expectation of a route, or a message telling the developer what to add. */
export function expectationOf(r: AnyRoute): Expected | string {
  const key = keyOf(r);
  const override = OVERRIDES[key];
  if (override) return override;
  const name = policyName(r);
  if (name === null)
    return (
      PUBLIC_ROUTES[key] ?? `public route ${key}: declare it in PUBLIC_ROUTES (test/security/authz-matrix.ts)`
    );
  const roles = POLICY_ROLES[name];
  if (!roles) return `${key}: policy '${name}' has no entry in POLICY_ROLES; add it (or an OVERRIDES entry)`;
  const byRole = ACTOR_KEYS.filter(
    (a) => a !== 'anonymous' && (roles === 'signedIn' || roles.includes(ROLE_OF[a])),
  );
  if (!r.url.includes(':')) {
    const scoped = REGION_DATA.find(([re]) => re.test(r.url))?.[1];
    return scoped ? byRole.filter((a) => scoped.includes(a)) : byRole;
  }
  const holders = HOLDERS.find(([re]) => re.test(r.url))?.[1];
  if (!holders) return `${key}: its :params match no family in HOLDERS; add one (or an OVERRIDES entry)`;
  return byRole.filter((a) => holders.includes(a));
}
