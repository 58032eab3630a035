export { hashPassword } from './passwords.ts';
export { canManageUsers, canReadOutbox } from './policy.ts';
export { insertMembership, insertUser, usersWithRoleInRegion } from './repo.ts';
export { accountRoutes } from './routes.tsx';
export { bootstrapRegionAdmin } from './service/bootstrap.ts';
export {
  type InviteResult,
  type InviteTarget,
  type InviteUserInput,
  inviteUser,
} from './service/invite-user.ts';
export { actorForUser, actorFromApiToken, actorFromSession, housekeeping, startPage } from './service.ts';
