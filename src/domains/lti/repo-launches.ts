// SQL of launches: the link an actor may launch (scoped in the query, with the role it gives) and the
// record of each id_token issued.
import type { Db } from '../../platform/db.ts';

export interface LaunchScope {
  learnerRegionIds: string[];
  providerOrgIds: string[];
  adminRegionIds: string[];
}

export interface LaunchableLink {
  linkId: string;
  title: string;
  targetUrl: string;
  custom: Record<string, string>;
  toolId: string;
  regionId: string;
  toolName: string;
  providerName: string;
  clientId: string;
  deploymentId: string;
  loginUrl: string;
  redirectUris: string[];
  shareName: boolean;
  shareEmail: boolean;
  pseudonymSecret: Uint8Array;
  role: 'learner' | 'instructor';
}

/**
 * An active link of an active tool that the actor may launch: as instructor (the tool's provider, a region
 * administrator of its region) or as learner (a participant of its region); null otherwise.
 */
export async function findLaunchable(
  db: Db,
  scope: LaunchScope,
  linkId: string,
): Promise<LaunchableLink | null> {
  const [row] = await db.query<LaunchableLink>(
    `SELECT l.id AS "linkId", l.title, l.target_url AS "targetUrl", l.custom, t.id AS "toolId", t.region_id AS "regionId",
            t.name AS "toolName", o.name AS "providerName", t.client_id AS "clientId",
            t.deployment_id AS "deploymentId", t.login_url AS "loginUrl", t.redirect_uris AS "redirectUris",
            t.share_name AS "shareName", t.share_email AS "shareEmail", t.pseudonym_secret AS "pseudonymSecret",
            CASE WHEN t.provider_org_id = ANY($2::uuid[]) OR t.region_id = ANY($3::uuid[])
                 THEN 'instructor' ELSE 'learner' END AS role
       FROM lti_links l
       JOIN lti_tools t ON t.id = l.tool_id
       JOIN organisations o ON o.id = t.provider_org_id
      WHERE l.id = $4 AND l.active AND t.active
        AND (t.region_id = ANY($1::uuid[]) OR t.provider_org_id = ANY($2::uuid[]) OR t.region_id = ANY($3::uuid[]))`,
    [scope.learnerRegionIds, scope.providerOrgIds, scope.adminRegionIds, linkId],
  );
  return row ?? null;
}

export async function insertLaunch(
  db: Db,
  l: {
    id: string;
    linkId: string;
    userId: string;
    role: 'learner' | 'instructor';
    statementId: string | null;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO lti_launches (id, link_id, user_id, role, statement_id) VALUES ($1, $2, $3, $4, $5)`,
    [l.id, l.linkId, l.userId, l.role, l.statementId],
  );
}

/** Launch counts per link of a tool (the tool page). */
export async function launchCounts(db: Db, toolId: string): Promise<Map<string, number>> {
  const rows = await db.query<{ linkId: string; n: number }>(
    `SELECT la.link_id AS "linkId", count(*)::int AS n
       FROM lti_launches la JOIN lti_links l ON l.id = la.link_id
      WHERE l.tool_id = $1 GROUP BY la.link_id`,
    [toolId],
  );
  return new Map(rows.map((r) => [r.linkId, r.n]));
}
