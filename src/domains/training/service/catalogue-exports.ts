// What the catalogue offers the other training areas, other domains and the demo seed (re-exported by
// training/index.ts as `catalogue`, plus the three most used functions by name).
export {
  type CourseView,
  changeStatus,
  courseTitle,
  createCourse,
  getCourse,
  listManagedCourses,
  providerOrgIdsOf,
  updateCourse,
} from './catalogue-courses.ts';
export {
  addSession,
  cancelOccasion,
  createOccasion,
  findOccasion,
  listCourseOccasions,
  type OccasionInfo,
  type OccasionView,
} from './catalogue-occasions.ts';
export type { CourseInput, OccasionInput, SessionInput } from './catalogue-schema.ts';
export { searchCatalogue } from './catalogue-search.ts';
