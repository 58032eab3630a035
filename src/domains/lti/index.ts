// LTI 1.3 platform (issue 7): launching providers' external tools. Other domains import only this file.
import type { Db } from '../../platform/db.ts';
import type { AnyRoute } from '../../platform/http/registry.ts';

/** Every route of the LTI domain (tool administration, launch, OIDC auth endpoint). */
export const ltiRoutes: AnyRoute[] = [];
export { messages as ltiMessages } from './messages.ts';

/** A resource link a digital-course lesson can launch (`/lti/launch/:id`). */
export interface LtiLinkOption {
  id: string;
  title: string;
  toolName: string;
}

/**
 * The active resource links of a provider's tools (for the lesson editor).
 * SKELETON: the LTI helper replaces this body.
 */
export async function ltiLinksForProvider(_db: Db, _providerOrgId: string): Promise<LtiLinkOption[]> {
  return [];
}
