import type { AnyRoute } from '../../../platform/http/registry.ts';
import { enrolmentApiRoutes } from './enrolment-api.ts';
import { enrolmentPageRoutes } from './enrolment-pages.tsx';
import { enrolmentPeopleRoutes } from './enrolment-people.tsx';

/** Pages and API of the training enrolment. */
export const enrolmentRoutes: AnyRoute[] = [
  ...enrolmentPageRoutes,
  ...enrolmentPeopleRoutes,
  ...enrolmentApiRoutes,
];
