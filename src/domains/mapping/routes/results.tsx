import type { AnyRoute } from '../../../platform/http/registry.ts';

export const resultRoutes: AnyRoute[] = [];
