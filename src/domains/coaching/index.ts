import type { AnyRoute } from '../../platform/http/registry.ts';
import { engagementApiRoutes } from './routes/api-engagements.ts';
import { calendarRoutes } from './routes/calendar.tsx';
import { engagementPageRoutes } from './routes/engagements.tsx';
import { followupRoutes } from './routes/followups.tsx';
import { meetingRoutes } from './routes/meetings.tsx';
import { planRoutes } from './routes/plan.tsx';
import { rulesRoutes } from './routes/rules.tsx';

/** Every route of the coaching domain (pages and /api/v1). */
export const coachingRoutes: AnyRoute[] = [
  ...engagementApiRoutes,
  ...engagementPageRoutes,
  ...meetingRoutes,
  ...calendarRoutes,
  ...planRoutes,
  ...followupRoutes,
  ...rulesRoutes,
];
export { messages as coachingMessages } from './messages.ts';
export { canManageEngagements, canSeeEngagements, canUseCoaching } from './policy.ts';
export { actionKinds, meetingKinds, type Step, steps } from './schema.ts';
export * as coachingDemo from './service/demo.ts';
export {
  assignCoach,
  canReadNotesOf,
  changeStep,
  createEngagement,
  type EngagementView,
  getEngagement,
  removeCoach,
  saveIntake,
} from './service/engagements.ts';
export { coachingJobHandlers, coachingJobSchedules } from './service/reminders.ts';
