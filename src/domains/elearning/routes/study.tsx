import type { AnyRoute } from '../../../platform/http/registry.ts';

/** The study routes of the digital-learning domain. */
export const studyRoutes: AnyRoute[] = [];
