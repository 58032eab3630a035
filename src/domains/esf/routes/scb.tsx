// ESF scb: pages and /api/v1.
import type { AnyRoute } from '../../../platform/http/registry.ts';

export const scbRoutes: AnyRoute[] = [];
