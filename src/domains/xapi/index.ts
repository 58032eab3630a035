// The xAPI 1.0.3 Learning Record Store (issue 7): /xapi/ for external tools, and the product's own
// learning events. Other domains import only this file.
import type { Db } from '../../platform/db.ts';
import type { AnyRoute } from '../../platform/http/registry.ts';
import { adminRoutes } from './routes/admin.tsx';
import { lrsRoutes } from './routes/lrs.ts';
import { recordProductStatements } from './service/record.ts';

/** Every route of the xAPI domain: the LRS resources under /xapi/ and the credential administration. */
export const xapiRoutes: AnyRoute[] = [...lrsRoutes, ...adminRoutes];
export { messages as xapiMessages } from './messages.ts';
export { canManageXapi } from './policy.ts';

/** An account-based xAPI agent: never an e-mail address or a personnummer. */
export interface XapiAgent {
  objectType: 'Agent';
  account: { homePage: string; name: string };
}

/** A statement the product records about its own learning events (ids, stored and authority are set here). */
export interface ProductStatement {
  actor: XapiAgent;
  verb: { id: string; display: Record<string, string> };
  object: {
    objectType?: 'Activity';
    id: string;
    definition?: {
      type?: string;
      name?: Record<string, string>;
      description?: Record<string, string>;
      /** Questions: the cmi.interaction's kind, its choices and the correct response. */
      interactionType?: 'choice';
      choices?: Array<{ id: string; description: Record<string, string> }>;
      correctResponsesPattern?: string[];
      extensions?: Record<string, unknown>;
    };
  };
  result?: {
    score?: { scaled?: number; raw?: number; min?: number; max?: number };
    success?: boolean;
    completion?: boolean;
    response?: string;
    duration?: string;
    extensions?: Record<string, unknown>;
  };
  context?: {
    registration?: string;
    contextActivities?: Record<string, Array<{ id: string; objectType?: 'Activity' }>>;
    platform?: string;
    language?: string;
    extensions?: Record<string, unknown>;
  };
  timestamp?: string;
}

/** The agent of a user of this installation: `homePage` the base URL, `name` the internal user id. */
export function learnerAgent(baseUrl: string, userId: string): XapiAgent {
  return { objectType: 'Agent', account: { homePage: baseUrl, name: userId } };
}

/**
 * Store statements of the product's own learning events (in the caller's transaction when `db` is one),
 * validated like any statement, with id, stored, timestamp, version 1.0.3 and the product as authority.
 * The region is `regionId` when given, else the region of the actor's user (account name = user id).
 * Returns the statement ids.
 */
export async function recordStatements(
  db: Db,
  baseUrl: string,
  statements: ProductStatement[],
  regionId?: string,
): Promise<string[]> {
  return recordProductStatements(db, baseUrl, statements, regionId);
}
export { seedXapiDemo } from './service/demo.ts';
