// SQL of tool registrations and resource links. Every read that serves a user is scoped in the query: the
// actor's provider organisations or the regions they administer.
import type { Db } from '../../platform/db.ts';
import type { ToolScope } from './policy.ts';

export interface ToolRow {
  id: string;
  regionId: string;
  providerOrgId: string;
  providerName: string;
  name: string;
  clientId: string;
  deploymentId: string;
  loginUrl: string;
  redirectUris: string[];
  targetLinkUri: string;
  jwksUrl: string | null;
  shareName: boolean;
  shareEmail: boolean;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface LinkRow {
  id: string;
  toolId: string;
  title: string;
  targetUrl: string;
  custom: Record<string, string>;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

const TOOL_COLS = `t.id, t.region_id AS "regionId", t.provider_org_id AS "providerOrgId",
  o.name AS "providerName", t.name, t.client_id AS "clientId", t.deployment_id AS "deploymentId",
  t.login_url AS "loginUrl", t.redirect_uris AS "redirectUris", t.target_link_uri AS "targetLinkUri",
  t.jwks_url AS "jwksUrl", t.share_name AS "shareName", t.share_email AS "shareEmail", t.active,
  t.created_at AS "createdAt", t.updated_at AS "updatedAt"`;

const LINK_COLS = `l.id, l.tool_id AS "toolId", l.title, l.target_url AS "targetUrl", l.custom, l.active,
  l.created_at AS "createdAt", l.updated_at AS "updatedAt"`;

const IN_SCOPE = `(t.provider_org_id = ANY($1::uuid[]) OR t.region_id = ANY($2::uuid[]))`;
const scopeParams = (s: ToolScope) => [s.providerOrgIds, s.adminRegionIds];

export async function listTools(db: Db, scope: ToolScope): Promise<(ToolRow & { linkCount: number })[]> {
  return db.query(
    `SELECT ${TOOL_COLS},
            (SELECT count(*)::int FROM lti_links l WHERE l.tool_id = t.id) AS "linkCount"
       FROM lti_tools t JOIN organisations o ON o.id = t.provider_org_id
      WHERE ${IN_SCOPE}
      ORDER BY o.name, t.name, t.id`,
    scopeParams(scope),
  );
}

export async function findTool(db: Db, scope: ToolScope, id: string): Promise<ToolRow | null> {
  const [row] = await db.query<ToolRow>(
    `SELECT ${TOOL_COLS} FROM lti_tools t JOIN organisations o ON o.id = t.provider_org_id
      WHERE ${IN_SCOPE} AND t.id = $3`,
    [...scopeParams(scope), id],
  );
  return row ?? null;
}

/** The active tool of a client id, with its pseudonym secret (the OIDC authentication endpoint). */
export async function findActiveToolByClientId(
  db: Db,
  clientId: string,
): Promise<(ToolRow & { pseudonymSecret: Uint8Array }) | null> {
  const [row] = await db.query<ToolRow & { pseudonymSecret: Uint8Array }>(
    `SELECT ${TOOL_COLS}, t.pseudonym_secret AS "pseudonymSecret"
       FROM lti_tools t JOIN organisations o ON o.id = t.provider_org_id
      WHERE t.client_id = $1 AND t.active`,
    [clientId],
  );
  return row ?? null;
}

export interface ProviderOption {
  id: string;
  name: string;
  regionId: string;
}

/** The provider organisations the actor may register tools for. */
export async function providersInScope(db: Db, scope: ToolScope): Promise<ProviderOption[]> {
  return db.query<ProviderOption>(
    `SELECT o.id, o.name, o.region_id AS "regionId" FROM organisations o
      WHERE o.kind = 'provider' AND (o.id = ANY($1::uuid[]) OR o.region_id = ANY($2::uuid[]))
      ORDER BY o.name, o.id`,
    scopeParams(scope),
  );
}

export interface NewToolRow {
  id: string;
  regionId: string;
  providerOrgId: string;
  name: string;
  clientId: string;
  deploymentId: string;
  loginUrl: string;
  redirectUris: string[];
  targetLinkUri: string;
  jwksUrl: string | null;
  shareName: boolean;
  shareEmail: boolean;
  pseudonymSecret: Uint8Array;
  createdBy: string;
}

export async function insertTool(db: Db, t: NewToolRow): Promise<void> {
  await db.query(
    `INSERT INTO lti_tools (id, region_id, provider_org_id, name, client_id, deployment_id, login_url,
       redirect_uris, target_link_uri, jwks_url, share_name, share_email, pseudonym_secret, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
    [
      t.id,
      t.regionId,
      t.providerOrgId,
      t.name,
      t.clientId,
      t.deploymentId,
      t.loginUrl,
      t.redirectUris,
      t.targetLinkUri,
      t.jwksUrl,
      t.shareName,
      t.shareEmail,
      t.pseudonymSecret,
      t.createdBy,
    ],
  );
}

export interface ToolUpdate {
  name: string;
  loginUrl: string;
  redirectUris: string[];
  targetLinkUri: string;
  jwksUrl: string | null;
  shareName: boolean;
  shareEmail: boolean;
  active: boolean;
}

export async function updateTool(db: Db, id: string, u: ToolUpdate): Promise<void> {
  await db.query(
    `UPDATE lti_tools SET name = $2, login_url = $3, redirect_uris = $4, target_link_uri = $5, jwks_url = $6,
            share_name = $7, share_email = $8, active = $9, updated_at = now()
      WHERE id = $1`,
    [id, u.name, u.loginUrl, u.redirectUris, u.targetLinkUri, u.jwksUrl, u.shareName, u.shareEmail, u.active],
  );
}

export async function listLinks(db: Db, toolId: string): Promise<LinkRow[]> {
  return db.query<LinkRow>(
    `SELECT ${LINK_COLS} FROM lti_links l WHERE l.tool_id = $1 ORDER BY l.title, l.id`,
    [toolId],
  );
}

export async function findLink(db: Db, toolId: string, linkId: string): Promise<LinkRow | null> {
  const [row] = await db.query<LinkRow>(
    `SELECT ${LINK_COLS} FROM lti_links l WHERE l.tool_id = $1 AND l.id = $2`,
    [toolId, linkId],
  );
  return row ?? null;
}

export interface LinkWrite {
  title: string;
  targetUrl: string;
  custom: Record<string, string>;
  active: boolean;
}

export async function insertLink(
  db: Db,
  l: LinkWrite & { id: string; toolId: string; createdBy: string },
): Promise<void> {
  await db.query(
    `INSERT INTO lti_links (id, tool_id, title, target_url, custom, active, created_by)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7)`,
    [l.id, l.toolId, l.title, l.targetUrl, JSON.stringify(l.custom), l.active, l.createdBy],
  );
}

export async function updateLink(db: Db, id: string, l: LinkWrite): Promise<void> {
  await db.query(
    `UPDATE lti_links SET title = $2, target_url = $3, custom = $4::jsonb, active = $5, updated_at = now()
      WHERE id = $1`,
    [id, l.title, l.targetUrl, JSON.stringify(l.custom), l.active],
  );
}

/** Active links of active tools of a provider organisation (the lesson editor's choices). */
export async function activeLinksOfProvider(
  db: Db,
  providerOrgId: string,
): Promise<{ id: string; title: string; toolName: string }[]> {
  return db.query(
    `SELECT l.id, l.title, t.name AS "toolName"
       FROM lti_links l JOIN lti_tools t ON t.id = l.tool_id
      WHERE t.provider_org_id = $1 AND t.active AND l.active
      ORDER BY t.name, l.title, l.id`,
    [providerOrgId],
  );
}
