import type { AnyRoute } from '../../../platform/http/registry.ts';

/** Instrument versions: list, read, copy to a draft, edit, publish (pages and /api/v1). */
export const instrumentRoutes: AnyRoute[] = [];
