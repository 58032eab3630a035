import type { AnyRoute } from '../../platform/http/registry.ts';
import { jobRoutes } from './routes/jobs.tsx';
import { accountRoutes as coreRoutes } from './routes.tsx';

export { hashPassword } from './passwords.ts';
export { canManageUsers, canReadJobs, canReadOutbox } from './policy.ts';
export { insertMembership, insertUser, usersWithRoleInRegion } from './repo.ts';
export { bootstrapRegionAdmin } from './service/bootstrap.ts';
export {
  type InviteResult,
  type InviteTarget,
  type InviteUserInput,
  inviteUser,
} from './service/invite-user.ts';
export { loginWithCode, normaliseLoginCode } from './service/login-code.ts';
export { actorForUser, actorFromApiToken, actorFromSession, housekeeping, startPage } from './service.ts';

/** Every route of the accounts area (sign-in, account, administration, background jobs). */
export const accountRoutes: AnyRoute[] = [...coreRoutes, ...jobRoutes];
