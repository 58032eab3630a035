import type { AnyRoute } from '../../platform/http/registry.ts';

export const transferRoutes: AnyRoute[] = [];
