export { canManageOrganisations, canViewOrganisations } from './policy.ts';
export { organisationRoutes } from './routes.tsx';
export {
  createProgramme,
  createProvider,
  ensureRegion,
  findMunicipalityOrganisation,
  findOrganisation,
  findRegionByCounty,
  type OrganisationRow,
  type ProgrammeRow,
  regionIdsOf,
} from './service.ts';
