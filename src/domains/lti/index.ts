// LTI 1.3 platform (issue 7): launching providers' external tools. Other domains import only this file.
import type { Db } from '../../platform/db.ts';
import type { AnyRoute } from '../../platform/http/registry.ts';
import { activeLinksOfProvider } from './repo-tools.ts';
import { launchRoutes } from './routes/launch.tsx';
import { toolRoutes } from './routes/tools.tsx';

/** Every route of the LTI domain (tool administration, launch, OIDC auth endpoint). */
export const ltiRoutes: AnyRoute[] = [...toolRoutes, ...launchRoutes];
export { messages as ltiMessages } from './messages.ts';
export { canLaunchLti, canManageLtiTools } from './policy.ts';

/** A resource link a digital-course lesson can launch (`/lti/launch/:id`). */
export interface LtiLinkOption {
  id: string;
  title: string;
  toolName: string;
}

/** The active resource links of the active tools of a provider (for the lesson editor). */
export async function ltiLinksForProvider(db: Db, providerOrgId: string): Promise<LtiLinkOption[]> {
  return activeLinksOfProvider(db, providerOrgId);
}
export { seedLtiDemo } from './service/demo.ts';
