// The launch against an independent LTI 1.3 tool implementation: ltijs (IMS-certified) on 127.0.0.1, the
// product listening on another port, a browser imitated with fetch (manual redirects and cookies per
// origin, the auto-post form submitted as a browser would). ltijs validates the id_token against our JWK set
// (`JWK_SET`), checks iss, aud, nonce uniqueness, the LTI core claims and its own state cookie.
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import net from 'node:net';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { apiToken, Client, TEST_KEYRING, type TestUser } from '../../../test/app.ts';
import { testDb } from '../../../test/db.ts';
import { createApp } from '../../app.ts';
import { newToken } from '../../platform/auth.ts';
import type { Db } from '../../platform/db.ts';
import { parseEnv } from '../../platform/env.ts';
import { createLogger } from '../../platform/logger.ts';
import { createMailer } from '../../platform/mail.ts';
import { makeWorld, type World } from './test-support.ts';

/** The part of ltijs's API this test uses (the package ships no types). */
interface LtiToken {
  iss: string;
  user: string;
  clientId: string;
  deploymentId: string;
  userInfo: { name?: string; email?: string };
  platformContext: {
    resource: { id: string; title: string };
    roles: string[];
    custom: Record<string, string>;
    targetLinkUri: string;
    context: { id: string; title: string };
    launchPresentation: { return_url: string; locale: string };
    messageType: string;
  };
}
interface LtiProvider {
  setup(key: string, db: { plugin: unknown }, options: Record<string, unknown>): void;
  onConnect(
    cb: (token: LtiToken, req: { query: Record<string, string> }, res: { send(body: string): void }) => void,
  ): void;
  deploy(options: { port: number; silent: boolean }): Promise<boolean>;
  registerPlatform(platform: Record<string, unknown>): Promise<unknown>;
  close(options: { silent: boolean }): Promise<boolean>;
}

const require = createRequire(import.meta.url);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** A browser's cookie jar per origin (enough for ltijs's and the product's cookies on 127.0.0.1). */
class Browser {
  private readonly jars = new Map<string, Map<string, string>>();
  set(origin: string, name: string, value: string): void {
    const jar = this.jars.get(origin) ?? new Map<string, string>();
    jar.set(name, value);
    this.jars.set(origin, jar);
  }
  private header(origin: string): string {
    return [...(this.jars.get(origin) ?? new Map<string, string>())].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  async go(url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Response> {
    let next = url;
    let method = init.method ?? 'GET';
    let body: string | undefined = init.form ? new URLSearchParams(init.form).toString() : undefined;
    for (let hop = 0; hop < 10; hop++) {
      const origin = new URL(next).origin;
      const res = await fetch(next, {
        method,
        redirect: 'manual',
        headers: {
          cookie: this.header(origin),
          ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        },
        body,
      });
      for (const c of res.headers.getSetCookie()) {
        const [pair] = c.split(';');
        const at = pair?.indexOf('=') ?? -1;
        if (pair && at > 0) this.set(origin, pair.slice(0, at), pair.slice(at + 1));
      }
      const location = res.headers.get('location');
      if (res.status < 300 || res.status >= 400 || !location) return res;
      next = new URL(location, next).toString();
      method = 'GET';
      body = undefined;
    }
    throw new Error('too many redirects');
  }
}

const html = (s: string) => s.replace(/&amp;/g, '&').replace(/&quot;/g, '"');

// ltijs needs a server database: its default is MongoDB (not available here) and its PostgreSQL plugin,
// ltijs-sequelize, needs a network PostgreSQL server, which PGlite is not. So this runs in the PostgreSQL pass.
describe.skipIf(!process.env.DATABASE_URL)('launch into ltijs (independent LTI 1.3 tool)', () => {
  let db: Db;
  let app: FastifyInstance;
  let w: World;
  let lti: LtiProvider;
  let admin: pg.Client;
  let sequelizeDb = '';
  let baseUrl = '';
  let toolUrl = '';
  const received: { token: LtiToken; query: Record<string, string> }[] = [];

  beforeAll(async () => {
    db = await testDb();
    w = await makeWorld(db);
    const [productPort, toolPort] = [await freePort(), await freePort()];
    baseUrl = `http://127.0.0.1:${productPort}`;
    toolUrl = `http://127.0.0.1:${toolPort}`;
    const parsed = parseEnv({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
    if (!parsed.ok) throw new Error(parsed.problems.join('; '));
    app = await createApp(
      {
        db,
        env: parsed.env,
        mailer: createMailer({ from: 'test@kompetensnavet.local' }),
        logger: createLogger('silent'),
        baseUrl,
        keyring: TEST_KEYRING,
      },
      { cookieSecret: 'test-secret-test-secret-test-secret-123', trustProxy: false },
    );
    await app.listen({ port: productPort, host: '127.0.0.1' });

    const url = new URL(process.env.DATABASE_URL as string);
    admin = new pg.Client({ connectionString: url.toString() });
    await admin.connect();
    sequelizeDb = `kn_ltijs_${process.pid}_${Date.now()}`;
    await admin.query(`CREATE DATABASE ${sequelizeDb}`);
    const Database = require('ltijs-sequelize') as new (...args: unknown[]) => unknown;
    const plugin = new Database(
      sequelizeDb,
      decodeURIComponent(url.username),
      decodeURIComponent(url.password),
      {
        host: url.hostname,
        port: Number(url.port || 5432),
        dialect: 'postgres',
        logging: false,
      },
    );
    lti = (require('ltijs') as { Provider: LtiProvider }).Provider;
    lti.setup(
      randomUUID(),
      { plugin },
      { appRoute: '/', loginRoute: '/login', cookies: { secure: false, sameSite: '' }, devMode: false },
    );
    lti.onConnect((token, req, res) => {
      received.push({ token, query: { ...req.query } });
      res.send('ltijs-ok');
    });
    // ltijs-sequelize reports its schema migrations on the console.
    const quiet = [vi.spyOn(console, 'log'), vi.spyOn(console, 'info')].map((s) =>
      s.mockImplementation(() => undefined),
    );
    try {
      await lti.deploy({ port: toolPort, silent: true });
    } finally {
      for (const s of quiet) s.mockRestore();
    }
  });

  afterAll(async () => {
    await lti?.close({ silent: true });
    await app?.close();
    await db?.close();
    if (sequelizeDb) await admin.query(`DROP DATABASE IF EXISTS ${sequelizeDb} WITH (FORCE)`);
    await admin?.end();
  });

  async function signedIn(user: TestUser): Promise<Browser> {
    const { token, hash } = newToken();
    await db.query(
      `INSERT INTO auth_sessions (token_hash, user_id, expires_at) VALUES ($1, $2, now() + interval '1 hour')`,
      [hash, user.id],
    );
    const browser = new Browser();
    browser.set(baseUrl, 'kn_session', app.signCookie(token));
    return browser;
  }

  it('ltijs receives the validated id_token with our claims', async () => {
    // The provider registers the tool in the product (the page form), and a link (the API).
    const provider = await Client.as(app, db, w.userA);
    const created = await provider.post('/lti/tools', {
      providerOrgId: w.providerA,
      name: 'ltijs',
      loginUrl: `${toolUrl}/login`,
      redirectUris: `${toolUrl}/`,
      targetLinkUri: `${toolUrl}/`,
    });
    expect(created.statusCode).toBe(303);
    const toolId = String(created.headers.location).split('/').pop();
    const linkRes = await app.inject({
      method: 'POST',
      url: `/api/v1/lti/tools/${toolId}/links`,
      headers: { authorization: `Bearer ${await apiToken(db, w.userA.id)}` },
      payload: { title: 'Kapitel 1', targetUrl: `${toolUrl}/?chapter=1`, custom: 'level=basic' },
    });
    expect(linkRes.statusCode).toBe(201);
    const { tool, links } = linkRes.json() as {
      tool: { clientId: string; deploymentId: string };
      links: { id: string }[];
    };
    const linkId = links[0]?.id as string;

    // The platform is registered in ltijs with our JWK set.
    await lti.registerPlatform({
      url: baseUrl,
      name: 'Kompetensnavet',
      clientId: tool.clientId,
      authenticationEndpoint: `${baseUrl}/lti/auth`,
      accesstokenEndpoint: `${baseUrl}/lti/token`,
      authConfig: { method: 'JWK_SET', key: `${baseUrl}/lti/jwks` },
    });

    // The learner's browser: launch → ltijs login → our auth endpoint → the auto-post form.
    const browser = await signedIn(w.learner);
    const page = await browser.go(`${baseUrl}/lti/launch/${linkId}?return=/my/courses`);
    expect(page.status).toBe(200);
    const body = await page.text();
    const action = html(body.match(/<form method="post" action="([^"]+)" data-lti-autopost/)?.[1] ?? '');
    expect(action).toBe(`${toolUrl}/`);
    const fields: Record<string, string> = {};
    const form = body.slice(
      body.indexOf('data-lti-autopost'),
      body.indexOf('</form>', body.indexOf('data-lti-autopost')),
    );
    for (const m of form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g))
      fields[m[1] as string] = html(m[2] as string);
    expect(Object.keys(fields).sort()).toEqual(['id_token', 'state']);

    // Submitting the form as the browser would: ltijs validates and opens the app route.
    const landed = await browser.go(action, { method: 'POST', form: fields });
    expect(await landed.text()).toBe('ltijs-ok');
    expect(received).toHaveLength(1);
    const { token, query } = received[0] as (typeof received)[number];
    expect(token.iss).toBe(baseUrl);
    expect(token.clientId).toBe(tool.clientId);
    expect(token.deploymentId).toBe(tool.deploymentId);
    expect(token.user).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(token.user).not.toBe(w.learner.id);
    expect(token.userInfo.name).toBeUndefined();
    expect(token.userInfo.email).toBeUndefined();
    expect(token.platformContext.messageType).toBe('LtiResourceLinkRequest');
    expect(token.platformContext.resource).toEqual({ id: linkId, title: 'Kapitel 1' });
    expect(token.platformContext.roles).toEqual([
      'http://purl.imsglobal.org/vocab/lis/v2/membership#Learner',
    ]);
    expect(token.platformContext.custom).toEqual({ level: 'basic' });
    expect(token.platformContext.targetLinkUri).toBe(`${toolUrl}/?chapter=1`);
    expect(token.platformContext.context.id).toBe(toolId);
    expect(token.platformContext.launchPresentation.return_url).toBe(`${baseUrl}/my/courses`);
    // ltijs carried the target link URI's query through its state.
    expect(query.chapter).toBe('1');
    const launches = await db.query<{ role: string }>('SELECT role FROM lti_launches WHERE link_id = $1', [
      linkId,
    ]);
    expect(launches).toEqual([{ role: 'learner' }]);
  });
});
