import type { AnyRoute } from '../../platform/http/registry.ts';
import { jobRoutes } from './routes/jobs.tsx';
import { oidcRoutes } from './routes/oidc.tsx';
import { accountRoutes as coreRoutes } from './routes.tsx';

export { hashPassword } from './passwords.ts';
export { canManageUsers, canReadJobs, canReadOutbox } from './policy.ts';
export { insertMembership, insertUser, usersWithRoleInRegion } from './repo.ts';
export { setSessionCookie } from './routes/session-cookie.ts';
export { bootstrapRegionAdmin } from './service/bootstrap.ts';
export {
  type InviteResult,
  type InviteTarget,
  type InviteUserInput,
  inviteUser,
} from './service/invite-user.ts';
export { loginWithCode, normaliseLoginCode } from './service/login-code.ts';
export { setTotpSecret } from './service/second-factor.ts';
export { actorForUser, actorFromApiToken, actorFromSession, housekeeping, startPage } from './service.ts';
export { otpauthUri, totp } from './totp.ts';

/** Every route of the accounts area (sign-in, account, administration, background jobs). */
export const accountRoutes: AnyRoute[] = [...coreRoutes, ...jobRoutes, ...oidcRoutes];
export { SsoLoginLink } from './routes/oidc.tsx';
