// Digital learning (pillar 4, issue 7): digital courses in versions, learners' progress, the study page.
// Other domains import only this file.
import type { AnyRoute } from '../../platform/http/registry.ts';
import { authoringRoutes } from './routes/authoring.tsx';
import { learningRoutes } from './routes/learning.tsx';
import { studyRoutes } from './routes/study.tsx';

/** Every route of the digital-learning domain (pages and /api/v1). */
export const elearningRoutes: AnyRoute[] = [...authoringRoutes, ...learningRoutes, ...studyRoutes];
export { messages as elearningMessages } from './messages.ts';
export { canAuthorCourses } from './policy.ts';
export { canFollowCompanyLearning, canInviteLearners, canLearn } from './policy-learning.ts';
export { canSeeLearningStudy } from './policy-study.ts';
export { seedElearningCourses } from './service/demo-courses.ts';
export { seedElearningLearners } from './service/demo-learning.ts';
