import {
  accountRoutes,
  actorFromApiToken,
  actorFromSession,
  canManageUsers,
  canReadJobs,
  canReadOutbox,
  setSessionCookie,
  startPage,
} from './domains/accounts/index.ts';
import {
  canSeeEngagements,
  canUseCoaching,
  coachingMessages,
  coachingRoutes,
} from './domains/coaching/index.ts';
import { canListCompanies, companyRoutes } from './domains/companies/index.ts';
import { canIssueCredentials, credentialsMessages, credentialsRoutes } from './domains/credentials/index.ts';
import {
  canAuthorCourses,
  canFollowCompanyLearning,
  canLearn,
  canSeeLearningStudy,
  elearningMessages,
  elearningRoutes,
} from './domains/elearning/index.ts';
import { canSeeEsf, esfMessages, esfRoutes } from './domains/esf/index.ts';
import { canViewInsights, insightsMessages, insightsRoutes } from './domains/insights/index.ts';
import { canManageLtiTools, ltiMessages, ltiRoutes } from './domains/lti/index.ts';
import {
  canReadOwnRatings,
  canViewInstruments,
  mappingMessages,
  mappingRoutes,
  mappings,
} from './domains/mapping/index.ts';
import { canReadAccessibilityReports, noticesMessages, noticesRoutes } from './domains/notices/index.ts';
import { canViewOrganisations, organisationRoutes } from './domains/organisations/index.ts';
import {
  auditMessages,
  auditRoutes,
  canHandleSubjectRequests,
  privacyMessages,
  recordsMessages,
  recordsRoutes,
  retentionMessages,
  retentionRoutes,
  subjectRoutes,
} from './domains/privacy/index.ts';
import { referenceRoutes } from './domains/reference/index.ts';
import { canLogTime, stafftimeMessages, stafftimeRoutes } from './domains/stafftime/index.ts';
import {
  canManageCourses,
  canSeeUnmet,
  isCompanyContact,
  isLearner,
  trainingMessages,
  trainingRoutes,
} from './domains/training/index.ts';
import { canManageXapi, xapiMessages, xapiRoutes } from './domains/xapi/index.ts';
import { hasRole } from './platform/auth.ts';
import { openApiDocument } from './platform/http/openapi.ts';
import { type AnyRoute, type AppDeps, defineRoute, PUBLIC } from './platform/http/registry.ts';
import { buildServer } from './platform/http/server.ts';
import type { NavItem } from './platform/http/views.tsx';
import { registerCatalogue } from './platform/i18n/index.ts';

export const nav: NavItem[] = [
  { href: '/companies', label: 'nav.companies', visible: canListCompanies },
  { href: '/mappings', label: 'nav.mappings', visible: mappings.canListMappings },
  { href: '/coaching', label: 'nav.coaching', visible: canSeeEngagements },
  { href: '/calendar', label: 'nav.calendar', visible: canUseCoaching },
  { href: '/insights', label: 'nav.insights', visible: canViewInsights },
  { href: '/training/courses', label: 'nav.courses', visible: canManageCourses },
  { href: '/learning/courses', label: 'nav.digitalCourses', visible: canAuthorCourses },
  { href: '/training/enrolments', label: 'nav.enrolments', visible: isCompanyContact },
  { href: '/training/unmet', label: 'nav.trainingNeeds', visible: canSeeUnmet },
  { href: '/my/courses', label: 'nav.myCourses', visible: isLearner },
  { href: '/learning', label: 'nav.learning', visible: canLearn },
  { href: '/my/learning', label: 'nav.myLearning', visible: canLearn },
  { href: '/learning/company', label: 'nav.companyLearning', visible: canFollowCompanyLearning },
  { href: '/esf', label: 'nav.esf', visible: canSeeEsf },
  { href: '/learning/study', label: 'nav.learningStudy', visible: canSeeLearningStudy },
  { href: '/my/certificates', label: 'nav.myCertificates', visible: isLearner },
  { href: '/my/credentials', label: 'nav.myCredentials', visible: isLearner },
  { href: '/credentials/issued', label: 'nav.issuedCredentials', visible: canIssueCredentials },
  { href: '/esf/certificates/sign', label: 'nav.signCertificates', visible: isCompanyContact },
  { href: '/lti/tools', label: 'nav.ltiTools', visible: canManageLtiTools },
  { href: '/mapping/instruments', label: 'nav.instruments', visible: canViewInstruments },
  { href: '/organisations', label: 'nav.organisations', visible: canViewOrganisations },
  { href: '/admin/users', label: 'nav.users', visible: canManageUsers },
  { href: '/admin/outbox', label: 'nav.outbox', visible: canReadOutbox },
  { href: '/admin/jobs', label: 'nav.jobs', visible: canReadJobs },
  { href: '/admin/xapi', label: 'nav.xapi', visible: canManageXapi },
  { href: '/my/ratings', label: 'nav.myRatings', visible: canReadOwnRatings },
  { href: '/time', label: 'nav.time', visible: canLogTime },
  { href: '/admin/audit', label: 'nav.audit', visible: (a) => hasRole(a, 'region_admin', 'esf_admin') },
  { href: '/privacy/requests', label: 'nav.privacyRequests', visible: canHandleSubjectRequests },
  { href: '/privacy/retention', label: 'nav.retention', visible: canHandleSubjectRequests },
  {
    href: '/privacy/public-records',
    label: 'nav.publicRecords',
    visible: (a) => hasRole(a, 'region_admin', 'municipality_officer'),
  },
  {
    href: '/admin/accessibility-reports',
    label: 'nav.accessibilityReports',
    visible: canReadAccessibilityReports,
  },
  { href: '/account', label: 'nav.account', visible: () => true },
];

/** Every route of the product: the registry that tests enumerate. */
export function allRoutes(): AnyRoute[] {
  const routes: AnyRoute[] = [
    ...accountRoutes,
    ...organisationRoutes,
    ...companyRoutes,
    ...referenceRoutes,
    ...mappingRoutes,
    ...coachingRoutes,
    ...insightsRoutes,
    ...stafftimeRoutes,
    ...trainingRoutes,
    ...esfRoutes,
    ...elearningRoutes,
    ...xapiRoutes,
    ...credentialsRoutes,
    ...ltiRoutes,
    ...subjectRoutes,
    ...retentionRoutes,
    ...recordsRoutes,
    ...auditRoutes,
    ...noticesRoutes,
  ];
  routes.push(
    defineRoute({
      method: 'GET',
      url: '/api/v1/openapi.json',
      kind: 'api',
      access: PUBLIC,
      summary: 'This document',
      handler: async (ctx) => openApiDocument(routes, ctx.deps.baseUrl),
    }),
  );
  return routes;
}

export async function createApp(deps: AppDeps, opts: { cookieSecret: string; trustProxy: boolean }) {
  // Error answers may carry any domain's message keys.
  registerCatalogue(mappingMessages);
  registerCatalogue(insightsMessages);
  registerCatalogue(stafftimeMessages);
  registerCatalogue(coachingMessages);
  registerCatalogue(trainingMessages);
  registerCatalogue(esfMessages);
  registerCatalogue(elearningMessages);
  registerCatalogue(xapiMessages);
  registerCatalogue(noticesMessages);
  registerCatalogue(privacyMessages);
  registerCatalogue(retentionMessages);
  registerCatalogue(recordsMessages);
  registerCatalogue(auditMessages);
  registerCatalogue(credentialsMessages);
  registerCatalogue(ltiMessages);
  return buildServer({
    deps,
    routes: allRoutes(),
    nav,
    cookieSecret: opts.cookieSecret,
    trustProxy: opts.trustProxy,
    auth: {
      fromSession: (d, token, reply) =>
        actorFromSession(d.db, token, (fresh) => setSessionCookie(reply, fresh)),
      fromApiToken: (d, token) => actorFromApiToken(d.db, token),
      startPage,
    },
  });
}
