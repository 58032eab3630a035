import type { AnyRoute } from '../../../platform/http/registry.ts';

/** The authoring routes of the digital-learning domain. */
export const authoringRoutes: AnyRoute[] = [];
