// The LRS's HTTP layer (Communication 1–4): one protocol route per resource and method, the alternate request
// syntax, Basic authentication, the version header and the JSON errors. Resources live in lrs-*.ts.

import { isUniqueViolation } from '../../../platform/db.ts';
import type { AnyRoute, Ctx, Method } from '../../../platform/http/registry.ts';
import { defineRoute, PUBLIC } from '../../../platform/http/registry.ts';
import { bad, XapiError } from '../formats.ts';
import { authenticate, type LrsClient } from '../service/clients.ts';
import type { LrsResponse } from '../service/documents.ts';
import { documentResources } from './lrs-documents.ts';
import { statementsResource } from './lrs-statements.ts';
import type { LrsRequest, ResourceHandler } from './lrs-types.ts';

export const XAPI_VERSION = '1.0.3';

export type { LrsRequest, ResourceHandler } from './lrs-types.ts';

const HEADER_FIELDS = [
  'authorization',
  'x-experience-api-version',
  'content-type',
  'content-length',
  'if-match',
  'if-none-match',
];
const METHODS = ['GET', 'PUT', 'POST', 'DELETE'] as const;

function queryOf(url: string): [string, string][] {
  const i = url.indexOf('?');
  return i < 0 ? [] : [...new URLSearchParams(url.slice(i + 1))];
}

function single(pairs: [string, string][]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of pairs) {
    if (k in out) throw bad(`the parameter ${k} is given twice`);
    out[k] = v;
  }
  return out;
}

/** Unfold the request: headers and parameters, the alternate request syntax (Communication 1.3). */
function unfold(ctx: Ctx<unknown, unknown, unknown>): Omit<LrsRequest, 'client'> {
  const req = ctx.req;
  const headers: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(', ') : v;
  const body = Buffer.isBuffer(ctx.body) ? ctx.body : Buffer.alloc(0);
  const params = single(queryOf(req.url));
  const head = req.method === 'HEAD';
  const httpMethod = head ? 'GET' : (req.method as Method);
  if (!('method' in params)) {
    return {
      method: httpMethod as LrsRequest['method'],
      head,
      params,
      headers,
      contentType: headers['content-type'] ?? '',
      body,
      ctx,
    };
  }
  if (httpMethod !== 'POST') throw bad('the alternate request syntax must be a POST');
  const method = params.method?.toUpperCase() as LrsRequest['method'];
  if (!METHODS.includes(method)) throw bad('the method parameter is not an HTTP method');
  if (Object.keys(params).length > 1)
    throw bad('the alternate request syntax takes no other query parameters');
  if (!/^application\/x-www-form-urlencoded\b/i.test(headers['content-type'] ?? ''))
    throw bad('the alternate request syntax needs a form body');
  const form = single([...new URLSearchParams(body.toString('utf8'))]);
  const out: Record<string, string> = {};
  let content = '';
  for (const [k, v] of Object.entries(form)) {
    const lower = k.toLowerCase();
    if (lower === 'content') content = v;
    else if (HEADER_FIELDS.includes(lower)) headers[lower] = v;
    else out[k] = v;
  }
  if ((method === 'PUT' || method === 'POST') && content === '' && !('content' in form))
    throw bad('the alternate request syntax needs a content form parameter');
  return {
    method,
    head: false,
    params: out,
    headers,
    contentType:
      headers['content-type'] && !/form-urlencoded/i.test(headers['content-type'])
        ? headers['content-type']
        : 'application/json',
    body: Buffer.from(content, 'utf8'),
    ctx,
  };
}

function send(ctx: Ctx<unknown, unknown, unknown>, res: LrsResponse) {
  const reply = ctx.reply.code(res.status).header('X-Experience-API-Version', XAPI_VERSION);
  // Every answer to a statement query says how current it is, errors included (Communication 2.1.3).
  if (ctx.req.url.startsWith('/xapi/statements') && (ctx.req.method === 'GET' || ctx.req.method === 'HEAD'))
    reply.header('X-Experience-API-Consistent-Through', new Date().toISOString());
  for (const [k, v] of Object.entries(res.headers ?? {})) reply.header(k, v);
  if (res.body === undefined) return reply.send();
  if (Buffer.isBuffer(res.body)) return reply.send(res.body);
  if (!res.headers?.['content-type']) reply.header('content-type', 'application/json; charset=utf-8');
  return reply.send(JSON.stringify(res.body));
}

function errorResponse(status: number, message: string): LrsResponse {
  const headers: Record<string, string> =
    status === 401 ? { 'www-authenticate': 'Basic realm="xAPI", charset="UTF-8"' } : {};
  return { status, headers, body: { error: message } };
}

/** Authenticate, check the version and the scope, and run the resource. */
function lrsHandler(resource: ResourceHandler, authenticated: boolean) {
  return async (ctx: Ctx<unknown, unknown, unknown>) => {
    try {
      const unfolded = unfold(ctx);
      if (!authenticated)
        return send(ctx, await resource({ ...unfolded, client: null as unknown as LrsClient }));
      const client = await authenticate(ctx.db, unfolded.headers.authorization);
      if (!client) return send(ctx, errorResponse(401, 'authentication required'));
      const version = unfolded.headers['x-experience-api-version'];
      if (!version || !/^1\.0(\.\d+)?$/.test(version.trim()))
        throw bad('the X-Experience-API-Version header must be 1.0.x');
      const need = unfolded.method === 'GET' ? 'read' : 'write';
      if (!client.scopes.includes(need)) throw new XapiError(403, `this client may not ${need}`);
      return send(ctx, await resource({ ...unfolded, client }));
    } catch (err) {
      if (err instanceof XapiError) return send(ctx, errorResponse(err.status, err.message));
      if (isUniqueViolation(err))
        return send(ctx, errorResponse(409, 'a conflicting write happened at the same time'));
      ctx.deps.logger.error({ reqId: ctx.req.id, errName: (err as Error).name }, 'xapi request failed');
      return send(ctx, errorResponse(500, 'internal error'));
    }
  };
}

const about: ResourceHandler = async (req) => {
  if (req.method !== 'GET') throw new XapiError(405, 'the about resource is read-only');
  return { status: 200, body: { version: ['1.0.3', '1.0.2', '1.0.1', '1.0.0'], extensions: {} } };
};

const RESOURCES: [string, ResourceHandler, boolean][] = [
  ['/xapi/about', about, false],
  ['/xapi/statements', statementsResource, true],
  ...documentResources.map(([url, h]) => [url, h, true] as [string, ResourceHandler, boolean]),
];

/** Every LRS route: GET (with HEAD), PUT, POST and DELETE on each resource. */
export const lrsRoutes: AnyRoute[] = RESOURCES.flatMap(([url, handler, authenticated]) =>
  METHODS.map((method) =>
    defineRoute({
      method,
      url,
      kind: 'protocol',
      access: PUBLIC,
      protocolAuth: authenticated ? 'xapi basic' : 'none (public about resource)',
      bodyLimit: 20 * 1024 * 1024,
      handler: lrsHandler(handler, authenticated),
    }),
  ),
);
