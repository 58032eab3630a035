import type { AnyRoute } from '../../platform/http/registry.ts';
import { stafftimeApiRoutes } from './api.ts';
import { pageRoutes } from './routes/pages.tsx';
import { weekRoutes } from './routes/week.tsx';

/** Every route of the staff time log (pages under /time and /api/v1/time). */
export const stafftimeRoutes: AnyRoute[] = [...weekRoutes, ...pageRoutes, ...stafftimeApiRoutes];
export { messages as stafftimeMessages, type StaffTimeKey } from './messages.ts';
export { canLogTime, canManageStaff as canManageStaffTime } from './policy.ts';
export type { KindTotals } from './repo-staff.ts';
export {
  type Activity,
  activities,
  type EmploymentKind,
  employmentInput,
  entryInput,
  invoiceInput,
} from './schema.ts';
export { createEntry } from './service/entries.ts';
export { signMonth } from './service/months.ts';
export { recordInvoice, setEmployment } from './service/staff.ts';
export { staffHoursByKind } from './service/summary.ts';
