// Privacy (issue 8): the personal-data inventory, data-subject requests and (privacy-retention) disposal under
// retention decisions. Other domains import only this file.
import type { AnyRoute } from '../../platform/http/registry.ts';
import { subjectPageRoutes } from './routes/subject.tsx';
import { subjectApiRoutes } from './routes/subject-api.ts';

/** The data-subject request routes (pages and /api/v1). */
export const subjectRoutes: AnyRoute[] = [...subjectPageRoutes, ...subjectApiRoutes];
export { type InventoryEntry, inventory, inventoryEntry } from './inventory.ts';
export { auditMessages } from './messages/audit.ts';
export { recordsMessages } from './messages/records.ts';
export { retentionMessages } from './messages/retention.ts';
export { messages as privacyMessages } from './messages.ts';
export { auditRoutes, canReadAuditLog } from './routes/audit.tsx';
export { canAnswerRecordsRequests, recordsRoutes } from './routes/records.tsx';
export { retentionRoutes } from './routes/retention.tsx';
export { scanRetention } from './service/retention.ts';
export { seedRetentionDemo } from './service/retention-demo.ts';
export { seedPrivacyDemo } from './service/subject-demo.ts';
export { canHandleSubjectRequests } from './subject-policy.ts';
