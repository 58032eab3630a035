// The reference domain's public API: the only file other domains import.
export { referenceRoutes } from './routes.tsx';
export type {
  Competence,
  County,
  EnglishName,
  Municipality,
  SniCode,
  SniHit,
  SsykGroup,
  SsykHit,
  SunEntry,
} from './schema.ts';
export { type LoadResult, loadReferenceData, REFERENCE_DATA_DIR } from './service/load-reference-data.ts';
export {
  type ConceptKind,
  competencesForSsyk,
  conceptNames,
  englishNamesForSsyk,
  findCounty,
  findMunicipality,
  findSni,
  findSsyk,
  listCounties,
  listMunicipalities,
  listSniDetailGroups,
  listSunLevels,
  municipalitiesOfCounty,
  searchCompetences,
  searchSni,
  searchSsyk,
  searchSunFields,
  sniExists,
} from './service/lookups.ts';
export { type ProposedConcept, proposeConcepts } from './service/propose.ts';
