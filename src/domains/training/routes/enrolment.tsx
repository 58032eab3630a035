import type { AnyRoute } from '../../../platform/http/registry.ts';
import { enrolmentApiRoutes } from './enrolment-api.ts';
import { enrolmentPageRoutes } from './enrolment-pages.tsx';

/** Pages and API of the training enrolment. */
export const enrolmentRoutes: AnyRoute[] = [...enrolmentPageRoutes, ...enrolmentApiRoutes];
