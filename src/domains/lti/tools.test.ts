// Tool registrations and links through the pages and /api/v1: validation (input kept), provider isolation
// (another provider's tool answers 404), region administrators, roles that may never manage tools (403),
// audit, and ltiLinksForProvider.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiToken, Client, testApp } from '../../../test/app.ts';
import { testDb } from '../../../test/db.ts';
import type { Db } from '../../platform/db.ts';
import { ltiLinksForProvider } from './index.ts';
import { makeWorld, registerTool, TOOL, toolForm, type World } from './test-support.ts';

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

const api = async (userId: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
  app.inject({ method, url, headers: { authorization: `Bearer ${await apiToken(db, userId)}` }, payload });

describe('tool registration', () => {
  it('shows the generated client id, deployment id and the platform URLs on the tool page', async () => {
    const page = await (await Client.as(app, db, w.userA)).get(`/lti/tools/${tool.toolId}`);
    expect(page.statusCode).toBe(200);
    expect(tool.clientId).toMatch(/^[0-9a-f]{32}$/);
    expect(page.body).toContain(tool.clientId);
    expect(page.body).toContain(tool.deploymentId);
    expect(page.body).toContain('http://localhost:3000/lti/auth');
    expect(page.body).toContain('http://localhost:3000/lti/jwks');
    expect(page.body).toContain('Modul 1: MIG-svetsning');
    const list = await (await Client.as(app, db, w.userA)).get('/lti/tools');
    expect(list.body).toContain(`data-tool="${tool.toolId}"`);
  });

  it('keeps personal data off by default and audits the registration without personal data', async () => {
    const res = await api(w.userA.id, 'GET', `/api/v1/lti/tools/${tool.toolId}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.tool).toMatchObject({ shareName: false, shareEmail: false, active: true });
    expect(body.tool.redirectUris).toEqual([TOOL.launch, TOOL.other]);
    expect(body.platform.jwksUrl).toBe('http://localhost:3000/lti/jwks');
    expect(body.links[0]).toMatchObject({ custom: { module: '1' }, active: true, launches: 0 });
    const audits = await db.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE entity_id IN ($1, $2) ORDER BY id`,
      [tool.toolId, tool.linkId],
    );
    expect(audits.map((a) => a.action)).toEqual(['lti.tool.create', 'lti.link.create']);
  });

  it('re-renders the form with field errors and the input kept (422), writing nothing', async () => {
    const client = await Client.as(app, db, w.userA);
    const before = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM lti_tools');
    const res = await client.post(
      '/lti/tools',
      toolForm(w.providerA, {
        loginUrl: 'ftp://tool',
        targetLinkUri: 'https://elsewhere.test/x',
        name: 'Kvar',
      }),
    );
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Ange en fullständig https-adress.');
    expect(res.body).toContain('value="Kvar"');
    expect(res.body).toContain('value="ftp://tool"');
    const originRes = await client.post(
      '/lti/tools',
      toolForm(w.providerA, { targetLinkUri: 'https://elsewhere.test/x' }),
    );
    expect(originRes.statusCode).toBe(422);
    expect(originRes.body).toContain('samma ursprung');
    const after = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM lti_tools');
    expect(after[0]?.n).toBe(before[0]?.n);
  });

  it('refuses a link whose target is not on a redirect URI origin (page and API)', async () => {
    const client = await Client.as(app, db, w.userA);
    const res = await client.post(`/lti/tools/${tool.toolId}/links`, {
      title: 'Fel',
      targetUrl: 'https://evil.example.test/x',
      custom: 'a=1',
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('value="Fel"');
    const bad = await api(w.userA.id, 'POST', `/api/v1/lti/tools/${tool.toolId}/links`, {
      title: 'Fel',
      targetUrl: TOOL.launch,
      custom: 'inte en parameter',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0]).toMatchObject({ field: 'custom', code: 'lti.validation.custom' });
  });

  it("answers 404 for another provider's tool and link, 403 for a role that never manages tools", async () => {
    const b = await Client.as(app, db, w.userB);
    expect((await b.get(`/lti/tools/${tool.toolId}`)).statusCode).toBe(404);
    expect((await b.get(`/lti/tools/${tool.toolId}/links/${tool.linkId}`)).statusCode).toBe(404);
    expect(
      (await b.post(`/lti/tools/${tool.toolId}/links`, { title: 'x', targetUrl: TOOL.launch })).statusCode,
    ).toBe(404);
    expect((await api(w.userB.id, 'GET', `/api/v1/lti/tools/${tool.toolId}`)).statusCode).toBe(404);
    const list = await api(w.userB.id, 'GET', '/api/v1/lti/tools');
    expect(list.json().tools).toEqual([]);
    // Provider B cannot register a tool for provider A.
    const forA = await api(w.userB.id, 'POST', '/api/v1/lti/tools', toolForm(w.providerA));
    expect(forA.statusCode).toBe(422);
    expect((await (await Client.as(app, db, w.contact)).get('/lti/tools')).statusCode).toBe(403);
    expect((await api(w.learner.id, 'GET', '/api/v1/lti/tools')).statusCode).toBe(403);
  });

  it("lets a region administrator manage any provider's tools of the region", async () => {
    const list = await api(w.admin.id, 'GET', '/api/v1/lti/tools');
    expect(list.json().tools.map((t: { id: string }) => t.id)).toContain(tool.toolId);
    const created = await api(w.admin.id, 'POST', '/api/v1/lti/tools', {
      ...toolForm(w.providerB),
      redirectUris: [TOOL.launch],
      name: 'Regionens verktyg',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().tool).toMatchObject({ providerOrgId: w.providerB, name: 'Regionens verktyg' });
    const b = await api(w.userB.id, 'GET', '/api/v1/lti/tools');
    expect(b.json().tools).toHaveLength(1);
  });

  it('edits a tool and a link; ltiLinksForProvider lists only active links of active tools', async () => {
    expect(await ltiLinksForProvider(db, w.providerA)).toEqual([
      { id: tool.linkId, title: 'Modul 1: MIG-svetsning', toolName: 'Svetsträning VR' },
    ]);
    const client = await Client.as(app, db, w.userA);
    const edit = await client.post(`/lti/tools/${tool.toolId}/links/${tool.linkId}`, {
      title: 'Modul 1 (ny)',
      targetUrl: TOOL.launch,
      custom: 'module=1\nlevel=2',
    });
    expect(edit.statusCode).toBe(303);
    const form = await client.get(`/lti/tools/${tool.toolId}/links/${tool.linkId}`);
    expect(form.body).toContain('level=2');
    expect(await ltiLinksForProvider(db, w.providerA)).toEqual([]);
    const put = await api(w.userA.id, 'PUT', `/api/v1/lti/tools/${tool.toolId}/links/${tool.linkId}`, {
      title: 'Modul 1',
      targetUrl: TOOL.launch,
      custom: { module: '1' },
      active: true,
    });
    expect(put.statusCode).toBe(200);
    expect(await ltiLinksForProvider(db, w.providerA)).toHaveLength(1);
    // Removing the origin that a link uses is refused.
    const strand = await client.post(`/lti/tools/${tool.toolId}`, {
      ...toolForm(w.providerA),
      redirectUris: TOOL.other,
      targetLinkUri: TOOL.other,
      active: 'on',
    });
    expect(strand.statusCode).toBe(422);
    const off = await client.post(`/lti/tools/${tool.toolId}`, { ...toolForm(w.providerA) });
    expect(off.statusCode).toBe(303);
    expect(await ltiLinksForProvider(db, w.providerA)).toEqual([]);
  });
});
