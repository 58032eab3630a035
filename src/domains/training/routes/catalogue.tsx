import type { AnyRoute } from '../../../platform/http/registry.ts';
import { catalogueApiRoutes } from './catalogue-api.ts';
import { catalogueManageRoutes } from './catalogue-manage.tsx';
import { catalogueOccasionRoutes } from './catalogue-occasions.tsx';
import { cataloguePublicRoutes } from './catalogue-public.tsx';

/** Pages and API of the training catalogue. */
export const catalogueRoutes: AnyRoute[] = [
  ...cataloguePublicRoutes,
  ...catalogueManageRoutes,
  ...catalogueOccasionRoutes,
  ...catalogueApiRoutes,
];
