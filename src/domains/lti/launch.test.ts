// The launch against a tool simulated with jose: the login initiation redirect, the OIDC authentication
// request, the id_token verified against /lti/jwks with every required claim, nonce echo and state
// passthrough; the validation failures; the cross-site POST; access; the personal-data switches; the record.
import type { FastifyInstance } from 'fastify';
import { createLocalJWKSet, decodeProtectedHeader, type JWTPayload, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiToken, Client, TEST_KEYRING, type TestUser, testApp } from '../../../test/app.ts';
import { testDb } from '../../../test/db.ts';
import type { Db } from '../../platform/db.ts';
import { loginHint, messageHint } from './service/hints.ts';
import { LTI, ROLE } from './service/id-token.ts';
import { makeWorld, registerTool, TOOL, toolForm, type World } from './test-support.ts';

const BASE = 'http://localhost:3000';
let db: Db;
let app: FastifyInstance;
let w: World;
let tool: Awaited<ReturnType<typeof registerTool>>;

beforeAll(async () => {
  db = await testDb();
  ({ app } = await testApp(db));
  w = await makeWorld(db);
  tool = await registerTool(app, db, w.userA, w.providerA);
});
afterAll(async () => {
  await app.close();
  await db.close();
});

/** Step 1 as the browser: the launch redirect's query parameters. */
async function initiate(user: TestUser, linkId = tool.linkId) {
  const client = await Client.as(app, db, user);
  const res = await client.get(`/lti/launch/${linkId}?return=/my/courses`);
  return {
    client,
    res,
    params: res.statusCode === 302 ? new URL(String(res.headers.location)).searchParams : null,
  };
}

/** Step 2 as the tool would ask (ltijs's parameters). */
function authQuery(p: URLSearchParams, overrides: Record<string, string | null> = {}): string {
  const q: Record<string, string | null> = {
    scope: 'openid',
    response_type: 'id_token',
    response_mode: 'form_post',
    prompt: 'none',
    client_id: p.get('client_id'),
    redirect_uri: TOOL.launch,
    login_hint: p.get('login_hint'),
    lti_message_hint: p.get('lti_message_hint'),
    nonce: 'nonce-123',
    state: 'state-abc',
    ...overrides,
  };
  const out = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== null) out.set(k, v);
  return out.toString();
}

function formOf(html: string): { action: string; fields: Record<string, string> } {
  const action = html.match(/<form method="post" action="([^"]+)" data-lti-autopost/)?.[1] ?? '';
  const fields: Record<string, string> = {};
  const at = html.indexOf('data-lti-autopost');
  const form = at < 0 ? '' : html.slice(at, html.indexOf('</form>', at));
  for (const m of form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g))
    fields[m[1] as string] = (m[2] as string).replace(/&amp;/g, '&');
  return { action: action.replace(/&amp;/g, '&'), fields };
}

async function verify(idToken: string): Promise<JWTPayload> {
  const jwks = (await app.inject({ method: 'GET', url: '/lti/jwks' })).json();
  const { payload } = await jwtVerify(idToken, createLocalJWKSet(jwks), {
    issuer: BASE,
    audience: tool.clientId,
    algorithms: ['RS256'],
  });
  return payload;
}

async function launch(user: TestUser) {
  const { client, params } = await initiate(user);
  if (!params) throw new Error('no launch redirect');
  const res = await client.get(`/lti/auth?${authQuery(params)}`);
  return { res, form: formOf(res.body) };
}

describe('LTI launch', () => {
  it('redirects to the login initiation URL with every parameter, hints opaque', async () => {
    const { res, params } = await initiate(w.learner);
    expect(res.statusCode).toBe(302);
    expect(String(res.headers.location).startsWith(`${TOOL.login}?`)).toBe(true);
    expect(params?.get('iss')).toBe(BASE);
    expect(params?.get('target_link_uri')).toBe(`${TOOL.launch}?module=1`);
    expect(params?.get('client_id')).toBe(tool.clientId);
    expect(params?.get('lti_deployment_id')).toBe(tool.deploymentId);
    const hints = `${params?.get('login_hint')} ${params?.get('lti_message_hint')}`;
    expect(hints).not.toContain(w.learner.id);
    expect(
      Buffer.from(String(params?.get('lti_message_hint')).split('.')[0] ?? '', 'base64url').toString(),
    ).not.toContain(w.learner.id);
  });

  it('answers a valid request with a form that posts a signed id_token carrying every claim', async () => {
    const { res, form } = await launch(w.learner);
    expect(res.statusCode).toBe(200);
    expect(String(res.headers['content-security-policy'])).toContain(
      "form-action 'self' https://tool.example.test",
    );
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toContain('src="/assets/lti-autopost.js"');
    expect(res.body).toMatch(/<button type="submit"/);
    expect(form.action).toBe(TOOL.launch);
    expect(form.fields.state).toBe('state-abc');
    const idToken = form.fields.id_token as string;
    const header = decodeProtectedHeader(idToken);
    const jwks = (await app.inject({ method: 'GET', url: '/lti/jwks' })).json();
    expect(jwks.keys.map((k: { kid: string }) => k.kid)).toContain(header.kid);
    expect(header.alg).toBe('RS256');
    const c = await verify(idToken);
    expect(c.nonce).toBe('nonce-123');
    expect(c.azp).toBe(tool.clientId);
    expect((c.exp as number) - (c.iat as number)).toBe(300);
    expect(c.sub).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(c.sub).not.toBe(w.learner.id);
    expect(c[`${LTI}/message_type`]).toBe('LtiResourceLinkRequest');
    expect(c[`${LTI}/version`]).toBe('1.3.0');
    expect(c[`${LTI}/deployment_id`]).toBe(tool.deploymentId);
    expect(c[`${LTI}/target_link_uri`]).toBe(`${TOOL.launch}?module=1`);
    expect(c[`${LTI}/resource_link`]).toEqual({ id: tool.linkId, title: 'Modul 1: MIG-svetsning' });
    expect(c[`${LTI}/roles`]).toEqual([ROLE.learner]);
    expect(c[`${LTI}/context`]).toMatchObject({ id: tool.toolId, title: 'Svetsträning VR – Anordnare A' });
    expect(c[`${LTI}/launch_presentation`]).toEqual({
      document_target: 'window',
      return_url: `${BASE}/my/courses`,
      locale: 'sv-SE',
    });
    expect(c[`${LTI}/custom`]).toEqual({ module: '1' });
    expect(c.name).toBeUndefined();
    expect(c.email).toBeUndefined();
    // The same user gets the same pseudonym again; another user another one.
    const again = await verify((await launch(w.learner)).form.fields.id_token as string);
    expect(again.sub).toBe(c.sub);
    const other = await verify((await launch(w.learner2)).form.fields.id_token as string);
    expect(other.sub).not.toBe(c.sub);
  });

  it('records each launch (row, audit) and a test launch by the provider as Instructor', async () => {
    const before = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM lti_launches WHERE link_id = $1',
      [tool.linkId],
    );
    const { form } = await launch(w.userA);
    const c = await verify(form.fields.id_token as string);
    expect(c[`${LTI}/roles`]).toEqual([ROLE.instructor]);
    const rows = await db.query<{ role: string; user_id: string; statement_id: string | null }>(
      'SELECT role, user_id, statement_id FROM lti_launches WHERE link_id = $1 ORDER BY created_at DESC',
      [tool.linkId],
    );
    expect(rows).toHaveLength((before[0]?.n ?? 0) + 1);
    expect(rows[0]).toMatchObject({ role: 'instructor', user_id: w.userA.id });
    const [statement] = await db.query<{ statement: Record<string, unknown> }>(
      'SELECT statement FROM xapi_statements WHERE id = $1 AND region_id = $2',
      [rows[0]?.statement_id ?? null, w.regionId],
    );
    expect(statement?.statement).toMatchObject({
      actor: { account: { homePage: BASE, name: w.userA.id } },
      verb: { id: 'http://adlnet.gov/expapi/verbs/launched' },
      object: { id: `${BASE}/lti/links/${tool.linkId}` },
      context: { platform: 'Kompetensnavet' },
    });
    const audits = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'lti.launch' AND entity_id = $1`,
      [tool.linkId],
    );
    expect(audits[0]?.n).toBe(rows.length);
    const admin = await launch(w.admin);
    expect((await verify(admin.form.fields.id_token as string))[`${LTI}/roles`]).toEqual([ROLE.instructor]);
  });

  it('shows a localised error page for an unknown client or an unregistered redirect URI', async () => {
    const { client, params } = await initiate(w.learner);
    if (!params) throw new Error('no params');
    const wrongUri = await client.get(
      `/lti/auth?${authQuery(params, { redirect_uri: 'https://evil.test/' })}`,
    );
    expect(wrongUri.statusCode).toBe(400);
    expect(wrongUri.body).toContain('data-testid="lti-error"');
    expect(wrongUri.body.split('<main')[1]).not.toContain('evil.test');
    const unknown = await client.get(`/lti/auth?${authQuery(params, { client_id: 'nobody-here' })}`);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('Verktyget är okänt eller inaktivt');
  });

  it('sends OIDC errors back to the tool with the state', async () => {
    const { client, params } = await initiate(w.learner);
    if (!params) throw new Error('no params');
    const cases: [Record<string, string | null>, string][] = [
      [{ nonce: null }, 'invalid_request'],
      [{ scope: 'profile' }, 'invalid_scope'],
      [{ response_type: 'code' }, 'unsupported_response_type'],
      [{ prompt: 'login' }, 'invalid_request'],
      [{ login_hint: loginHint(TEST_KEYRING, w.learner2.id) }, 'login_required'],
      [{ lti_message_hint: 'forged.hint' }, 'invalid_request'],
    ];
    for (const [overrides, error] of cases) {
      const res = await client.get(`/lti/auth?${authQuery(params, overrides)}`);
      const form = formOf(res.body);
      expect(form.fields, JSON.stringify(overrides)).toMatchObject({ error, state: 'state-abc' });
      expect(form.fields.id_token).toBeUndefined();
    }
    const expired = messageHint(
      TEST_KEYRING,
      w.learner.id,
      { linkId: tool.linkId, returnPath: '/' },
      Date.now() - 10 * 60_000,
    );
    const res = await client.get(`/lti/auth?${authQuery(params, { lti_message_hint: expired })}`);
    expect(formOf(res.body).fields.error).toBe('invalid_request');
    // Another user's hints, presented by a signed-in user: refused.
    const other = await Client.as(app, db, w.learner2);
    const stolen = await other.get(`/lti/auth?${authQuery(params)}`);
    expect(formOf(stolen.body).fields.error).toBe('login_required');
    // Without a session at all (prompt=none): login_required.
    const anon = await app.inject({ method: 'GET', url: `/lti/auth?${authQuery(params)}` });
    expect(formOf(anon.body).fields.error).toBe('login_required');
    // Another response mode: the error goes back as query parameters of a redirect.
    const query = await client.get(`/lti/auth?${authQuery(params, { response_mode: 'query' })}`);
    expect(query.statusCode).toBe(302);
    expect(String(query.headers.location)).toContain('error=invalid_request');
  });

  it('resubmits a cross-site POST from this site, and answers a same-site POST directly', async () => {
    const { client, params } = await initiate(w.learner);
    if (!params) throw new Error('no params');
    const crossSite = await app.inject({
      method: 'POST',
      url: '/lti/auth',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: authQuery(params),
    });
    expect(crossSite.statusCode).toBe(200);
    expect(crossSite.body).toContain('<form method="get" action="/lti/auth" data-lti-autopost');
    expect(crossSite.body).toContain('value="nonce-123"');
    const sameSite = await app.inject({
      method: 'POST',
      url: '/lti/auth',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: `kn_session=${client.cookies.get('kn_session')}`,
      },
      payload: authQuery(params),
    });
    expect((await verify(formOf(sameSite.body).fields.id_token as string)).nonce).toBe('nonce-123');
  });

  it("refuses another provider's tool (404) and a role that never launches (403)", async () => {
    expect((await initiate(w.userB)).res.statusCode).toBe(404);
    expect((await initiate(w.contact)).res.statusCode).toBe(403);
    const anon = await app.inject({ method: 'GET', url: `/lti/launch/${tool.linkId}` });
    expect(anon.statusCode).toBe(302);
    expect(String(anon.headers.location)).toContain('/login');
  });

  it('adds name and e-mail only when the tool may receive them', async () => {
    const token = await apiToken(db, w.userA.id);
    const put = await app.inject({
      method: 'PUT',
      url: `/api/v1/lti/tools/${tool.toolId}`,
      headers: { authorization: `Bearer ${token}` },
      payload: {
        ...toolForm(w.providerA),
        redirectUris: [TOOL.launch],
        shareName: true,
        shareEmail: true,
        active: true,
      },
    });
    expect(put.statusCode).toBe(200);
    const c = await verify((await launch(w.learner)).form.fields.id_token as string);
    expect(c).toMatchObject({ name: 'Lina Lärande', email: 'lina@example.test' });
    await app.inject({
      method: 'PUT',
      url: `/api/v1/lti/tools/${tool.toolId}`,
      headers: { authorization: `Bearer ${token}` },
      payload: { ...toolForm(w.providerA), redirectUris: [TOOL.launch], shareEmail: true, active: true },
    });
    const only = await verify((await launch(w.learner)).form.fields.id_token as string);
    expect(only.name).toBeUndefined();
    expect(only.email).toBe('lina@example.test');
  });
});
