import type { AnyRoute } from '../../platform/http/registry.ts';
import { companyApiRoutes } from './api.ts';
import { inviteRoutes } from './invite.tsx';
import { companyPageRoutes } from './routes.tsx';
import { transferRoutes } from './transfer.tsx';

// Import/export routes come before `/companies/:id` so their static paths win.
export const companyRoutes: AnyRoute[] = [
  ...transferRoutes,
  ...inviteRoutes,
  ...companyPageRoutes,
  ...companyApiRoutes,
];
export {
  type BulkCompany,
  type BulkContact,
  type BulkWorkplace,
  countCompanies,
  insertCompaniesBulk,
  maxFictitiousSerial,
  vacuumAnalyzeCompanies,
} from './bulk.ts';
export { inviteContact } from './invite-contact.ts';
export {
  type CompanyScope,
  canListCompanies,
  isEmptyScope,
  readScope as companyReadScope,
} from './policy.ts';
export {
  assignCoach as assignCoachToCompany,
  linkContactsByEmail,
  scopeSql as companyScopeSql,
  unassignCoach as unassignCoachFromCompany,
} from './repo.ts';
export type { CompanyInput } from './schema.ts';
export { type CompanyListQuery, companyInput, companyListQuery } from './schema.ts';
export { assignCoach, type CompanyDetail, createCompany, getCompany, listCompanies } from './service.ts';
