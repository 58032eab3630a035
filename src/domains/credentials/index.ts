// Open Badges 3.0 credentials (issue 7): issuing, signing, publishing keys, status lists, verification.
// Other domains import only this file.
import type { AnyRoute, AppDeps } from '../../platform/http/registry.ts';
import { apiRoutes } from './routes/api.ts';
import { documentRoutes } from './routes/documents.ts';
import { pageRoutes } from './routes/pages.tsx';
import { issue } from './service/issue.ts';
import type { IssueInput } from './service/types.ts';

/** Every route of the credentials domain (pages, /api/v1 and the public documents). */
export const credentialsRoutes: AnyRoute[] = [...documentRoutes, ...pageRoutes, ...apiRoutes];
export { messages as credentialsMessages } from './messages.ts';

export { canHoldCredentials, canIssueCredentials } from './policy.ts';
export { shareCredentialForDemo } from './service/holders.ts';
export type { AchievementInput, IssueInput } from './service/types.ts';
export { type VerificationResult, verifyCredential } from './service/verify.ts';

/**
 * Issue (or return the already issued) credential for a completion. Returns its id. The organisation's
 * signing key is created on first use.
 */
export async function issueCredential(
  deps: Pick<AppDeps, 'db' | 'keyring' | 'baseUrl'>,
  input: IssueInput,
): Promise<string | null> {
  return issue(deps, input);
}
