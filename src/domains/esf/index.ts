// The ESF participant administration and funder reporting (issue 6). Other domains import only this file.
import type { AnyRoute } from '../../platform/http/registry.ts';
import { certificatesRoutes } from './routes/certificates.tsx';
import { claimsRoutes } from './routes/claims.tsx';
import { deminimisRoutes } from './routes/deminimis.tsx';
import { economyRoutes } from './routes/economy.tsx';
import { indicatorsRoutes } from './routes/indicators.tsx';
import { participantRoutes } from './routes/participants.tsx';
import { programmeRoutes } from './routes/programme.tsx';
import { scbRoutes } from './routes/scb.tsx';

/** Every route of the ESF domain (pages and /api/v1). */
export const esfRoutes: AnyRoute[] = [
  ...programmeRoutes,
  ...participantRoutes,
  ...scbRoutes,
  ...certificatesRoutes,
  ...claimsRoutes,
  ...deminimisRoutes,
  ...economyRoutes,
  ...indicatorsRoutes,
];
export { messages as esfMessages } from './messages.ts';
export { canSeeEsf, canSignCertificates } from './policy.ts';
export { insertRows as insertScbRows, insertVersion as insertScbVersion } from './repo-scb.ts';
export {
  type DeminimisWarning,
  deminimisWarning,
  deminimisWarningForCourse,
  deminimisWarningForHours,
} from './service/deminimis.ts';
export { seedEsfDemo } from './service/demo.ts';
export { resealAll } from './service/identity.ts';
// The SCB file's canonical form (the synthetic scale data produces months exactly as the product does).
export {
  canonicalCsv,
  checksumOf,
  type FileRow as ScbFileRow,
  fileGrid as scbFileGrid,
} from './service/scb-file.ts';
