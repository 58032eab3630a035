// The document resources (State, Activity Profile, Agent Profile) and the Activities and Agents resources.
import { agentKey, personOf, validateActor } from '../agents.ts';
import {
  bad,
  isIri,
  isTimestamp,
  isUuid,
  type JsonObject,
  normaliseTimestamp,
  parseJson,
  XapiError,
} from '../formats.ts';
import type { DocKind } from '../repo-documents.ts';
import { findActivity } from '../repo-statements.ts';
import { handleDocument } from '../service/documents.ts';
import type { LrsRequest, ResourceHandler } from './lrs-types.ts';

function allowOnly(params: Record<string, string>, allowed: string[]): void {
  for (const k of Object.keys(params)) if (!allowed.includes(k)) throw bad(`unknown parameter "${k}"`);
}

function agentParam(p: Record<string, string>): { agent: JsonObject; key: string } {
  if (p.agent === undefined) throw bad('the agent parameter is missing');
  const a = parseJson(p.agent, 'agent');
  validateActor(a, 'agent');
  const key = agentKey(a as JsonObject);
  if (!key) throw bad('the agent must be identified');
  return { agent: a as JsonObject, key };
}

function activityParam(p: Record<string, string>): string {
  if (p.activityId === undefined) throw bad('the activityId parameter is missing');
  if (!isIri(p.activityId)) throw bad('activityId must be an IRI');
  return p.activityId;
}

function sinceParam(req: LrsRequest, idName: string): string | null {
  const since = req.params.since;
  if (since === undefined) return null;
  if (req.method !== 'GET' || req.params[idName] !== undefined) throw bad('since is only for lists of ids');
  if (!isTimestamp(since)) throw bad('since must be an ISO 8601 timestamp');
  return normaliseTimestamp(since);
}

function document(
  kind: DocKind,
  req: LrsRequest,
  key: { activityId?: string; agentKey?: string; registration?: string },
  idName: string,
  since: string | null,
) {
  const docId = req.params[idName] ?? '';
  if (req.params[idName] !== undefined && docId === '') throw bad(`${idName} must not be empty`);
  if ((req.method === 'PUT' || req.method === 'POST') && docId === '')
    throw bad(`the ${idName} parameter is missing`);
  if (kind !== 'state' && req.method === 'DELETE' && docId === '')
    throw bad(`the ${idName} parameter is missing`);
  return handleDocument(req.ctx.db, {
    method: req.method,
    regionId: req.client.regionId,
    key: {
      kind,
      activityId: key.activityId ?? '',
      agentKey: key.agentKey ?? '',
      registration: key.registration ?? '',
      docId,
    },
    since,
    contentType: req.contentType,
    body: req.body,
    ifMatch: req.headers['if-match'],
    ifNoneMatch: req.headers['if-none-match'],
  });
}

const state: ResourceHandler = async (req) => {
  allowOnly(req.params, ['activityId', 'agent', 'registration', 'stateId', 'since']);
  const activityId = activityParam(req.params);
  const { key } = agentParam(req.params);
  const registration = req.params.registration;
  if (registration !== undefined && !isUuid(registration)) throw bad('registration must be a UUID');
  const since = sinceParam(req, 'stateId');
  return document(
    'state',
    req,
    { activityId, agentKey: key, registration: registration?.toLowerCase() },
    'stateId',
    since,
  );
};

const activityProfile: ResourceHandler = async (req) => {
  allowOnly(req.params, ['activityId', 'profileId', 'since']);
  const activityId = activityParam(req.params);
  return document('activity_profile', req, { activityId }, 'profileId', sinceParam(req, 'profileId'));
};

const agentProfile: ResourceHandler = async (req) => {
  allowOnly(req.params, ['agent', 'profileId', 'since']);
  const { key } = agentParam(req.params);
  return document('agent_profile', req, { agentKey: key }, 'profileId', sinceParam(req, 'profileId'));
};

const activities: ResourceHandler = async (req) => {
  if (req.method !== 'GET') throw new XapiError(405, 'the Activities resource is read-only');
  allowOnly(req.params, ['activityId']);
  const id = activityParam(req.params);
  const definition = await findActivity(req.ctx.db, req.client.regionId, id);
  const known = definition && Object.keys(definition).length > 0;
  return { status: 200, body: { objectType: 'Activity', id, ...(known ? { definition } : {}) } };
};

const agents: ResourceHandler = async (req) => {
  if (req.method !== 'GET') throw new XapiError(405, 'the Agents resource is read-only');
  allowOnly(req.params, ['agent']);
  const { agent } = agentParam(req.params);
  return { status: 200, body: personOf(agent) };
};

export const documentResources: [string, ResourceHandler][] = [
  ['/xapi/activities/state', state],
  ['/xapi/activities/profile', activityProfile],
  ['/xapi/agents/profile', agentProfile],
  ['/xapi/activities', activities],
  ['/xapi/agents', agents],
];
