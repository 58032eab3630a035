// Tool registrations and resource links: providers manage their organisation's tools, region
// administrators any provider's tools in their region. Every change is audited (no personal data).
import { randomBytes, randomUUID } from 'node:crypto';
import { audit } from '../../../platform/audit.ts';
import type { Actor } from '../../../platform/auth.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError, validation } from '../../../platform/errors.ts';
import { canManageLtiTools, toolScope } from '../policy.ts';
import { launchCounts } from '../repo-launches.ts';
import * as repo from '../repo-tools.ts';
import {
  type LinkInput,
  type NewLinkInput,
  type NewToolInput,
  onRedirectOrigin,
  type ToolInput,
} from '../schema.ts';

export type { LinkRow, ProviderOption, ToolRow } from '../repo-tools.ts';

export interface WriteCtx {
  actor: Actor;
  ip: string;
}

/** What a tool's configuration screen needs from the platform. */
export interface PlatformConfig {
  issuer: string;
  authUrl: string;
  jwksUrl: string;
}

export const platformConfig = (baseUrl: string): PlatformConfig => ({
  issuer: baseUrl,
  authUrl: `${baseUrl}/lti/auth`,
  jwksUrl: `${baseUrl}/lti/jwks`,
});

export interface ToolDetail {
  tool: repo.ToolRow;
  links: (repo.LinkRow & { launches: number })[];
}

function scopeOf(actor: Actor) {
  if (!canManageLtiTools(actor)) throw new AppError('FORBIDDEN');
  return toolScope(actor);
}

export async function listTools(db: Db, actor: Actor) {
  return repo.listTools(db, scopeOf(actor));
}

export async function providerOptions(db: Db, actor: Actor): Promise<repo.ProviderOption[]> {
  return repo.providersInScope(db, scopeOf(actor));
}

async function toolOr404(db: Db, actor: Actor, id: string): Promise<repo.ToolRow> {
  const tool = await repo.findTool(db, scopeOf(actor), id);
  if (!tool) throw new AppError('NOT_FOUND');
  return tool;
}

export async function getTool(db: Db, actor: Actor, id: string): Promise<ToolDetail> {
  const tool = await toolOr404(db, actor, id);
  const counts = await launchCounts(db, id);
  const links = (await repo.listLinks(db, id)).map((l) => ({ ...l, launches: counts.get(l.id) ?? 0 }));
  return { tool, links };
}

export async function getLink(db: Db, actor: Actor, toolId: string, linkId: string) {
  const tool = await toolOr404(db, actor, toolId);
  const link = await repo.findLink(db, toolId, linkId);
  if (!link) throw new AppError('NOT_FOUND');
  return { tool, link };
}

/** Register a tool: the platform generates its client id and deployment id and a pseudonym secret. */
export async function createTool(db: Db, w: WriteCtx, input: NewToolInput): Promise<string> {
  const providers = await providerOptions(db, w.actor);
  const provider = providers.find((p) => p.id === input.providerOrgId);
  if (!provider) throw validation([{ field: 'providerOrgId', message: 'validation.choice' }]);
  const id = randomUUID();
  await db.tx(async (tx) => {
    await repo.insertTool(tx, {
      id,
      regionId: provider.regionId,
      providerOrgId: provider.id,
      name: input.name,
      clientId: randomBytes(16).toString('hex'),
      deploymentId: randomUUID(),
      loginUrl: input.loginUrl,
      redirectUris: input.redirectUris,
      targetLinkUri: input.targetLinkUri,
      jwksUrl: input.jwksUrl,
      shareName: input.shareName,
      shareEmail: input.shareEmail,
      pseudonymSecret: randomBytes(32),
      createdBy: w.actor.userId,
    });
    await audit(tx, {
      actorUserId: w.actor.userId,
      action: 'lti.tool.create',
      entityType: 'lti_tool',
      entityId: id,
      organisationId: provider.id,
      ip: w.ip,
      details: { shareName: input.shareName, shareEmail: input.shareEmail },
    });
  });
  return id;
}

export async function updateTool(db: Db, w: WriteCtx, id: string, input: ToolInput): Promise<void> {
  const tool = await toolOr404(db, w.actor, id);
  const links = await repo.listLinks(db, id);
  const stranded = links.filter((l) => !onRedirectOrigin(l.targetUrl, input.redirectUris));
  if (stranded.length > 0)
    throw validation([{ field: 'redirectUris', message: 'lti.validation.linksOrigin' }]);
  await db.tx(async (tx) => {
    await repo.updateTool(tx, id, input);
    await audit(tx, {
      actorUserId: w.actor.userId,
      action: 'lti.tool.update',
      entityType: 'lti_tool',
      entityId: id,
      organisationId: tool.providerOrgId,
      ip: w.ip,
      details: { active: input.active, shareName: input.shareName, shareEmail: input.shareEmail },
    });
  });
}

function checkTarget(tool: repo.ToolRow, targetUrl: string): void {
  if (!onRedirectOrigin(targetUrl, tool.redirectUris))
    throw validation([{ field: 'targetUrl', message: 'lti.validation.origin' }]);
}

export async function createLink(db: Db, w: WriteCtx, toolId: string, input: NewLinkInput): Promise<string> {
  const tool = await toolOr404(db, w.actor, toolId);
  checkTarget(tool, input.targetUrl);
  const id = randomUUID();
  await db.tx(async (tx) => {
    await repo.insertLink(tx, { ...input, active: true, id, toolId, createdBy: w.actor.userId });
    await audit(tx, {
      actorUserId: w.actor.userId,
      action: 'lti.link.create',
      entityType: 'lti_link',
      entityId: id,
      organisationId: tool.providerOrgId,
      ip: w.ip,
      details: { toolId },
    });
  });
  return id;
}

export async function updateLink(
  db: Db,
  w: WriteCtx,
  toolId: string,
  linkId: string,
  input: LinkInput,
): Promise<void> {
  const { tool } = await getLink(db, w.actor, toolId, linkId);
  checkTarget(tool, input.targetUrl);
  await db.tx(async (tx) => {
    await repo.updateLink(tx, linkId, input);
    await audit(tx, {
      actorUserId: w.actor.userId,
      action: 'lti.link.update',
      entityType: 'lti_link',
      entityId: linkId,
      organisationId: tool.providerOrgId,
      ip: w.ip,
      details: { toolId, active: input.active },
    });
  });
}
