import type { AnyRoute } from '../../platform/http/registry.ts';
import { attendanceRoutes } from './routes/attendance.tsx';
import { catalogueRoutes } from './routes/catalogue.tsx';
import { enrolmentRoutes } from './routes/enrolment.tsx';
import { matchingRoutes } from './routes/matching.tsx';

/** Every route of the training domain (pages and /api/v1). */
export const trainingRoutes: AnyRoute[] = [
  ...catalogueRoutes,
  ...enrolmentRoutes,
  ...attendanceRoutes,
  ...matchingRoutes,
];
export { messages as trainingMessages } from './messages.ts';
export {
  canEnrol,
  canManageCourses,
  canSeeUnmet,
  canTakeAttendance,
  isCompanyContact,
  isLearner,
} from './policy.ts';
export {
  type CompanyHoursRow,
  type ParticipantHours,
  type ParticipantHoursRow,
  participantHours,
} from './service/attendance-hours.ts';
export type { CourseView, OccasionInfo, OccasionView } from './service/catalogue-exports.ts';
export * as catalogue from './service/catalogue-exports.ts';
export { courseTitle, findOccasion, getCourse } from './service/catalogue-exports.ts';
export {
  catalogueLearnerOn,
  ensureLearnerOfUser,
  type LearnerOfUser,
  learnerByEmail,
  learnersOfUser,
  linkLearnerUser,
} from './service/digital-learners.ts';
export { createLearner, genders, type LearnerInput, learnerInput } from './service/enrolment-learners.ts';
export { getMatches } from './service/matching.ts';
export { enrolmentUrl, findApprovedCourse } from './service/matching-courses.ts';
export { publishUnmet as publishUnmetDemo } from './service/matching-unmet.ts';
