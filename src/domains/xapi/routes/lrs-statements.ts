// The Statement resource (Communication 2.1): PUT, POST and GET with their parameters.
import { agentKey, validateActor } from '../agents.ts';
import {
  bad,
  isIri,
  isObject,
  isTimestamp,
  isUuid,
  type JsonObject,
  normaliseTimestamp,
  parseJson,
  XapiError,
} from '../formats.ts';
import type { StatementFilter } from '../repo-statements.ts';
import { clientAuthority } from '../service/clients.ts';
import { buildMultipart, statementParts } from '../service/multipart.ts';
import { type Format, getStatement, MAX_LIMIT, queryStatements, readMoreToken } from '../service/query.ts';
import { storeStatements } from '../service/store.ts';
import type { LrsRequest, ResourceHandler } from './lrs-types.ts';

const GET_PARAMS = [
  'statementId',
  'voidedStatementId',
  'agent',
  'verb',
  'activity',
  'registration',
  'related_activities',
  'related_agents',
  'since',
  'until',
  'limit',
  'format',
  'attachments',
  'ascending',
  'more',
];

function allowOnly(params: Record<string, string>, allowed: string[]): void {
  for (const k of Object.keys(params)) if (!allowed.includes(k)) throw bad(`unknown parameter "${k}"`);
}

function bool(params: Record<string, string>, name: string): boolean {
  const v = params[name];
  if (v === undefined) return false;
  if (v !== 'true' && v !== 'false') throw bad(`${name} must be true or false`);
  return v === 'true';
}

/** The statements of a PUT/POST body (JSON or multipart/mixed with attachments). */
function readBody(req: LrsRequest) {
  const ct = req.contentType.toLowerCase();
  if (ct.startsWith('multipart/mixed')) {
    const { json, attachments } = statementParts(req.body, req.contentType);
    return { value: parseJson(json, 'the statement part'), attachments };
  }
  if (!ct.startsWith('application/json')) throw bad('statements must be application/json or multipart/mixed');
  return { value: parseJson(req.body.toString('utf8'), 'the request body'), attachments: [] };
}

function storeContext(req: LrsRequest, attachments: ReturnType<typeof readBody>['attachments']) {
  return {
    regionId: req.client.regionId,
    authority: clientAuthority(req.ctx.deps.baseUrl, req.client),
    clientId: req.client.id,
    attachments,
    defaultVersion: '1.0.0',
  };
}

async function put(req: LrsRequest) {
  allowOnly(req.params, ['statementId']);
  const id = req.params.statementId;
  if (!id) throw bad('PUT needs the statementId parameter');
  if (!isUuid(id)) throw bad('statementId must be a UUID');
  const { value, attachments } = readBody(req);
  if (!isObject(value)) throw bad('PUT takes one statement');
  if (value.id !== undefined && String(value.id).toLowerCase() !== id.toLowerCase())
    throw bad('the statement id differs from statementId');
  await storeStatements(req.ctx.db, storeContext(req, attachments), [{ ...value, id: id.toLowerCase() }]);
  return { status: 204 };
}

async function post(req: LrsRequest) {
  allowOnly(req.params, []);
  const { value, attachments } = readBody(req);
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0) throw bad('no statements');
  const ids = await storeStatements(req.ctx.db, storeContext(req, attachments), list);
  return { status: 200, body: ids };
}

function filterOf(p: Record<string, string>): StatementFilter {
  let agent: string | null = null;
  if (p.agent !== undefined) {
    const a = parseJson(p.agent, 'agent');
    validateActor(a, 'agent');
    agent = agentKey(a as JsonObject);
    if (!agent) throw bad('agent must be identified');
  }
  for (const k of ['verb', 'activity'] as const)
    if (p[k] !== undefined && !isIri(p[k])) throw bad(`${k} must be an IRI`);
  if (p.registration !== undefined && !isUuid(p.registration)) throw bad('registration must be a UUID');
  for (const k of ['since', 'until'] as const)
    if (p[k] !== undefined && !isTimestamp(p[k])) throw bad(`${k} must be an ISO 8601 timestamp`);
  let limit = MAX_LIMIT;
  if (p.limit !== undefined) {
    if (!/^\d+$/.test(p.limit)) throw bad('limit must be a non-negative integer');
    const n = Number(p.limit);
    limit = n === 0 ? MAX_LIMIT : Math.min(n, MAX_LIMIT);
  }
  return {
    agent,
    relatedAgents: bool(p, 'related_agents'),
    verb: p.verb ?? null,
    activity: p.activity ?? null,
    relatedActivities: bool(p, 'related_activities'),
    registration: p.registration?.toLowerCase() ?? null,
    since: p.since ? normaliseTimestamp(p.since) : null,
    until: p.until ? normaliseTimestamp(p.until) : null,
    ascending: bool(p, 'ascending'),
    after: null,
    limit,
  };
}

function formatOf(p: Record<string, string>): Format {
  const f = p.format ?? 'exact';
  if (f !== 'exact' && f !== 'ids' && f !== 'canonical') throw bad('format must be exact, ids or canonical');
  return f;
}

function answer(
  json: unknown,
  attachments: boolean,
  parts: Parameters<typeof buildMultipart>[1],
  extra: Record<string, string>,
) {
  if (!attachments) return { status: 200, headers: extra, body: json };
  const { contentType, body } = buildMultipart(JSON.stringify(json), parts);
  return { status: 200, headers: { ...extra, 'content-type': contentType }, body };
}

async function get(req: LrsRequest) {
  const p = req.params;
  allowOnly(p, GET_PARAMS);
  const db = req.ctx.db;
  const regionId = req.client.regionId;
  const consistent = { 'x-experience-api-consistent-through': new Date().toISOString() };
  const reading = {
    format: formatOf(p),
    attachments: bool(p, 'attachments'),
    acceptLanguage: req.headers['accept-language'] ?? '',
  };
  const byId = p.statementId ?? p.voidedStatementId;
  if (byId !== undefined) {
    if (p.statementId !== undefined && p.voidedStatementId !== undefined)
      throw bad('give statementId or voidedStatementId, not both');
    allowOnly(p, ['statementId', 'voidedStatementId', 'format', 'attachments']);
    if (!isUuid(byId)) throw bad('the statement id must be a UUID');
    const found = await getStatement(db, regionId, byId, p.voidedStatementId !== undefined, reading);
    if (!found) throw new XapiError(404, 'no such statement');
    const stored = String(found.statement.stored ?? '');
    return answer(found.statement, reading.attachments, found.attachments, {
      ...consistent,
      ...(stored ? { 'last-modified': new Date(stored).toUTCString() } : {}),
    });
  }
  const morePath = '/xapi/statements';
  if (p.more !== undefined) {
    allowOnly(p, ['more']);
    const t = readMoreToken(p.more, regionId);
    const r = { ...reading, format: t.format, attachments: t.attachments };
    const result = await queryStatements(db, regionId, t.filter, r, morePath);
    return answer(
      { statements: result.statements, more: result.more },
      r.attachments,
      result.attachments,
      consistent,
    );
  }
  const result = await queryStatements(db, regionId, filterOf(p), reading, morePath);
  return answer(
    { statements: result.statements, more: result.more },
    reading.attachments,
    result.attachments,
    consistent,
  );
}

export const statementsResource: ResourceHandler = async (req) => {
  if (req.method === 'PUT') return put(req);
  if (req.method === 'POST') return post(req);
  if (req.method === 'GET') return get(req);
  throw new XapiError(405, 'statements cannot be deleted: void them');
};
