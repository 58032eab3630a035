import type { AnyRoute } from '../../platform/http/registry.ts';

/** The county roll-up, coverage, exports and the public summary (pages and /api/v1). */
export const insightsRoutes: AnyRoute[] = [];
