// ESF programme: pages and /api/v1.
import type { AnyRoute } from '../../../platform/http/registry.ts';

export const programmeRoutes: AnyRoute[] = [];
