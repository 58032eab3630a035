// Open Badges 3.0 credentials (issue 7): issuing, signing, publishing keys, status lists, verification.
// Other domains import only this file.
import type { AnyRoute, AppDeps } from '../../platform/http/registry.ts';

/** Every route of the credentials domain (pages, /api/v1 and the public documents). */
export const credentialsRoutes: AnyRoute[] = [];
export { messages as credentialsMessages } from './messages.ts';

/** What a completed course earns: the achievement of an OpenBadgeCredential. */
export interface AchievementInput {
  /** A stable key of the achievement (e.g. `elearning:<course id>` or `training:<course id>`). */
  key: string;
  name: string;
  description: string;
  /** Markdown narrative of what it takes. */
  criteria: string;
  /** JobTech competence concepts (alignments). */
  competences: Array<{ conceptId: string; label: string }>;
  hours: number;
  /** SUN 2020 level, if any. */
  level: { code: string; label: string } | null;
  language: string;
}

export interface IssueInput {
  /** The issuing organisation (the course's provider). */
  organisationId: string;
  /** The learner's account. */
  userId: string;
  achievement: AchievementInput;
  /** Where it came from: one credential per source (issuing again returns the same one). */
  source: { kind: 'elearning' | 'training'; id: string };
  issuedAt?: Date;
}

/**
 * Issue (or return the already issued) credential for a completion. Returns its id.
 * SKELETON: the credentials helper replaces this body with the real issuer.
 */
export async function issueCredential(
  _deps: Pick<AppDeps, 'db' | 'keyring' | 'baseUrl'>,
  _input: IssueInput,
): Promise<string | null> {
  return null;
}
