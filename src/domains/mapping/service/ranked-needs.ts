// The gaps of a submitted mapping in the order to act on them, with the names of their competences and
// occupations: what other domains (the coaching plan) build on. Callers check access to the mapping first
// (the coaching plan checks access to its engagement, whose company owns the mapping).
import type { Db } from '../../../platform/db.ts';
import { conceptNames } from '../../reference/index.ts';
import { maturityScore, rankNeeds } from '../answers/scoring.ts';
import type { NeedRow } from '../answers/typed.ts';
import { submittedRows } from '../repo-results.ts';

export interface RankedNeed {
  /** The need's key within its mapping (mapping_needs.position). */
  position: number;
  /** 1 = act on it first. */
  rank: number;
  roleKey: string;
  roleTitle: string;
  ssykCode: string | null;
  occupationName: string | null;
  competenceId: string | null;
  /** The JobTech competence's name, or the text the company typed. */
  competenceName: string;
  gapSize: number;
  women: number;
  men: number;
  urgency: NeedRow['urgency'];
  strategy: NeedRow['strategy'];
  hours: number | null;
  costSek: number | null;
  priority: number;
}

/** The ranked needs and maturity score of a submitted mapping (empty when it has no structured results). */
export async function rankedNeedsOf(
  db: Db,
  mappingId: string,
): Promise<{ needs: RankedNeed[]; maturityScore: number | null }> {
  const rows = await submittedRows(db, mappingId);
  const roles = new Map(rows.roles.map((r) => [r.key, r]));
  const [ssyk, competence] = await Promise.all([
    conceptNames(
      db,
      'ssyk',
      rows.roles.map((r) => r.ssyk),
    ),
    conceptNames(
      db,
      'competence',
      rows.needs.map((n) => n.competenceId).filter((c): c is string => c !== null),
    ),
  ]);
  // mapping_needs are read in position order, and positions are 0, 1, 2… as written at submission.
  const withPosition = rows.needs.map((n, position) => ({ ...n, position }));
  const needs = rankNeeds(withPosition).map((n, i) => {
    const role = roles.get(n.role);
    return {
      position: n.position,
      rank: i + 1,
      roleKey: n.role,
      roleTitle: role?.title ?? n.role,
      ssykCode: role?.ssyk ?? null,
      occupationName: role ? (ssyk.get(role.ssyk) ?? null) : null,
      competenceId: n.competenceId,
      competenceName:
        (n.competenceId ? competence.get(n.competenceId) : undefined) ??
        n.competenceText ??
        n.competenceId ??
        '',
      gapSize: n.gapSize,
      women: n.women,
      men: n.men,
      urgency: n.urgency,
      strategy: n.strategy,
      hours: n.hours,
      costSek: n.costSek,
      priority: n.priority,
    };
  });
  return { needs, maturityScore: maturityScore(rows.maturity) };
}
