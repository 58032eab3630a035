import type { AnyRoute } from '../../platform/http/registry.ts';
import { companyApiRoutes } from './api.ts';
import { companyPageRoutes } from './routes.tsx';

export const companyRoutes: AnyRoute[] = [...companyPageRoutes, ...companyApiRoutes];
export { canListCompanies } from './policy.ts';
export { createCompany, getCompany } from './service.ts';
export type { CompanyInput } from './schema.ts';
export { companyInput } from './schema.ts';
