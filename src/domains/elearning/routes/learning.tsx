import type { AnyRoute } from '../../../platform/http/registry.ts';

/** The learning routes of the digital-learning domain. */
export const learningRoutes: AnyRoute[] = [];
