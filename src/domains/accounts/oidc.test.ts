// Staff single sign-on against a real OpenID Connect provider (oidc-provider 9) running in this process on
// a random port: the app's redirects are followed over real HTTP at the IdP, the interaction is completed
// programmatically, and the app redeems the code at the IdP's token endpoint as in production.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { exportJWK, generateKeyPair } from 'jose';
// @ts-expect-error oidc-provider 9 ships no type declarations (a dev dependency, used by this test only)
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, makeUser, TEST_KEYRING, testApp } from '../../../test/app.ts';
import { testDb } from '../../../test/db.ts';
import { makeCompany } from '../../../test/factories.ts';
import { allRoutes, nav } from '../../app.ts';
import type { Db } from '../../platform/db.ts';
import { parseEnv } from '../../platform/env.ts';
import { buildServer } from '../../platform/http/server.ts';
import { createLogger } from '../../platform/logger.ts';
import { createMailer } from '../../platform/mail.ts';
import { actorFromApiToken, actorFromSession, startPage } from './index.ts';
import { oidcRoutes } from './routes/oidc.tsx';

const APP_BASE = 'http://localhost:3000';
const CLIENT_ID = 'kompetensnavet';
const CLIENT_SECRET = 'client-secret-for-tests-only';

/** The IdP's people: sub → claims. */
const people: Record<string, { email: string; email_verified: boolean }> = {};
/** Whom the next IdP interaction signs in. */
let nextSub = '';

let db: Db;
let app: FastifyInstance;
let idp: http.Server;
let issuer: string;

async function startIdp(): Promise<void> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  idp = http.createServer();
  await new Promise<void>((resolve) => idp.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(idp.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        redirect_uris: [`${APP_BASE}/login/sso/callback`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [jwk] },
    cookies: { keys: ['idp-cookie-key-for-tests'] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'] },
    // The product reads the e-mail from the id_token, as most brokers can be set up to send it.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    findAccount: async (_ctx: unknown, sub: string) => {
      const person = people[sub];
      if (!person) return undefined;
      return { accountId: sub, claims: async () => ({ sub, ...person }) };
    },
  });
  const callback = provider.callback();
  idp.on('request', async (req, res) => {
    if (!req.url?.startsWith('/interaction/')) return callback(req, res);
    // The "login page": sign in `nextSub` and grant the requested scopes at once.
    const details = await provider.interactionDetails(req, res);
    const grant = new provider.Grant({ accountId: nextSub, clientId: CLIENT_ID });
    grant.addOIDCScope(String(details.params.scope));
    const grantId = await grant.save();
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: nextSub }, consent: { grantId } },
      { mergeWithLastSubmission: false },
    );
  });
}

async function ssoApp(database: Db): Promise<FastifyInstance> {
  const parsed = parseEnv({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    OIDC_ISSUER: issuer,
    OIDC_CLIENT_ID: CLIENT_ID,
    OIDC_CLIENT_SECRET: CLIENT_SECRET,
  });
  if (!parsed.ok) throw new Error(parsed.problems.join('; '));
  const routes = allRoutes();
  // Until the routes are wired into accounts/index.ts, add them here (no-op afterwards).
  if (!routes.some((r) => r.url === '/login/sso')) routes.push(...oidcRoutes);
  const instance = await buildServer({
    deps: {
      db: database,
      env: parsed.env,
      mailer: createMailer({ from: 'test@kompetensnavet.local' }),
      logger: createLogger('silent'),
      baseUrl: APP_BASE,
      keyring: TEST_KEYRING,
    },
    routes,
    nav,
    cookieSecret: 'test-secret-test-secret-test-secret-123',
    trustProxy: false,
    auth: {
      fromSession: (d, token) => actorFromSession(d.db, token),
      fromApiToken: (d, token) => actorFromApiToken(d.db, token),
      startPage,
    },
  });
  await instance.ready();
  return instance;
}

/** Follow the IdP's redirects (with its cookies) until it sends the browser back to the app. */
async function throughIdp(authorizeUrl: string): Promise<string> {
  const jar = new Map<string, string>();
  let url = authorizeUrl;
  for (let hop = 0; hop < 10; hop++) {
    if (url.startsWith(APP_BASE)) return url.slice(APP_BASE.length);
    const res = await fetch(url, {
      redirect: 'manual',
      headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      jar.set(pair.slice(0, i), pair.slice(i + 1));
    }
    const location = res.headers.get('location');
    if (!location) throw new Error(`IdP stopped at ${res.status}: ${(await res.text()).slice(0, 200)}`);
    url = new URL(location, url).toString();
  }
  throw new Error('too many redirects at the IdP');
}

/** Start at /login/sso as `sub`, optionally bending the authorization request or the callback. */
async function signIn(
  sub: string,
  opts: { editAuthorize?: (u: URL) => void; editCallback?: (u: URL) => void; client?: Client } = {},
) {
  nextSub = sub;
  const client = opts.client ?? (await Client.as(app, db, null));
  const start = await client.get('/login/sso?next=/account');
  expect(start.statusCode).toBe(303);
  const authorize = new URL(String(start.headers.location));
  opts.editAuthorize?.(authorize);
  const back = new URL(await throughIdp(authorize.toString()), APP_BASE);
  opts.editCallback?.(back);
  const res = await client.get(back.pathname + back.search);
  return { res, client, authorize };
}

const reasonOf = (body: string) => body.match(/data-reason="([a-z_]+)"/)?.[1];

async function linksOf(userId: string): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM oidc_identities WHERE user_id = $1`,
    [userId],
  );
  return row.n;
}

beforeAll(async () => {
  db = await testDb();
  await startIdp();
  app = await ssoApp(db);
});

afterAll(async () => {
  await app?.close();
  await new Promise((resolve) => idp?.close(resolve));
  await db?.close();
});

describe('staff single sign-on (OpenID Connect)', () => {
  it('signs a staff member in by verified e-mail, with PKCE, state and nonce, and remembers the identity', async () => {
    const user = await makeUser(db, [{ role: 'coach', org: '0780' }], { email: 'Coach.Sso@example.test' });
    people['idp-coach'] = { email: 'coach.sso@EXAMPLE.test', email_verified: true };
    const { res, client, authorize } = await signIn('idp-coach');
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('state')).toBeTruthy();
    expect(authorize.searchParams.get('nonce')).toBeTruthy();
    expect(authorize.searchParams.has('code_verifier')).toBe(false);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/account');
    expect(client.cookies.has('kn_session')).toBe(true);
    expect(client.cookies.has('kn_sso')).toBe(false);
    const page = await client.get('/account');
    expect(page.statusCode).toBe(200);
    expect(await linksOf(user.id)).toBe(1);
    const [entry] = await db.query<{ details: Record<string, unknown> }>(
      `SELECT details FROM audit_log WHERE action = 'login.sso' AND actor_user_id = $1`,
      [user.id],
    );
    expect(entry.details).toEqual({ issuer, linked: 'new' });

    // The IdP changes the e-mail: the remembered identity still finds the person.
    people['idp-coach'] = { email: 'renamed@example.test', email_verified: true };
    const again = await signIn('idp-coach');
    expect(again.res.statusCode).toBe(303);
    expect(again.client.cookies.has('kn_session')).toBe(true);
  });

  it('refuses another identity with the e-mail of an account already linked', async () => {
    const user = await makeUser(db, [{ role: 'region_admin', org: 'region' }], {
      email: 'admin.sso@example.test',
    });
    people['idp-admin'] = { email: 'admin.sso@example.test', email_verified: true };
    expect((await signIn('idp-admin')).res.statusCode).toBe(303);
    people['idp-impostor'] = { email: 'admin.sso@example.test', email_verified: true };
    const { res, client } = await signIn('idp-impostor');
    expect(res.statusCode).toBe(403);
    expect(reasonOf(res.body)).toBe('sub_mismatch');
    expect(client.cookies.has('kn_session')).toBe(false);
    expect(await linksOf(user.id)).toBe(1);
    const [entry] = await db.query<{ entity_id: string; details: Record<string, unknown> }>(
      `SELECT entity_id, details FROM audit_log WHERE action = 'login.sso.refused' ORDER BY id DESC LIMIT 1`,
    );
    expect(entry.entity_id).toBe(user.id);
    expect(entry.details).toEqual({ reason: 'sub_mismatch', issuer });
  });

  it.each([
    ['email_unverified', 'unverified', [{ role: 'coach', org: '0780' }], false, false],
    ['unknown_account', 'nobody', null, true, false],
    ['not_staff', 'learner', [{ role: 'participant', org: 'company' }], true, false],
    ['disabled', 'gone', [{ role: 'municipality_officer', org: '0780' }], true, true],
  ] as const)(
    'refuses %s with a localised page and writes nothing',
    async (reason, sub, roles, verified, disable) => {
      const email = `${sub}.sso@example.test`;
      let userId: string | null = null;
      if (roles) {
        const memberships = [];
        for (const r of roles) {
          if (r.org === 'company') {
            const companyId = await someCompany();
            memberships.push({ role: r.role, org: `company:${companyId}` });
          } else memberships.push(r);
        }
        userId = (await makeUser(db, memberships, { email })).id;
        if (disable) await db.query(`UPDATE users SET disabled_at = now() WHERE id = $1`, [userId]);
      }
      people[`idp-${sub}`] = { email, email_verified: verified };
      const { res, client } = await signIn(`idp-${sub}`);
      expect(res.statusCode).toBe(403);
      expect(reasonOf(res.body)).toBe(reason);
      expect(res.body).toContain('lang="sv"');
      expect(client.cookies.has('kn_session')).toBe(false);
      if (userId) expect(await linksOf(userId)).toBe(0);
      const refusals = await db.query<{ details: string }>(
        `SELECT details::text AS details FROM audit_log WHERE action = 'login.sso.refused'`,
      );
      expect(refusals.some((r) => r.details.includes(reason))).toBe(true);
      expect(refusals.every((r) => !r.details.includes('@'))).toBe(true);
    },
  );

  it('refuses a tampered state and a missing attempt cookie', async () => {
    await makeUser(db, [{ role: 'coach', org: '0780' }], { email: 'state.sso@example.test' });
    people['idp-state'] = { email: 'state.sso@example.test', email_verified: true };
    const tampered = await signIn('idp-state', {
      editCallback: (u) => u.searchParams.set('state', `${u.searchParams.get('state')}x`),
    });
    expect(tampered.res.statusCode).toBe(400);
    expect(reasonOf(tampered.res.body)).toBe('state');
    expect(tampered.client.cookies.has('kn_session')).toBe(false);

    // A callback in a browser that never started the login (login CSRF) is refused too.
    nextSub = 'idp-state';
    const starter = await Client.as(app, db, null);
    const start = await starter.get('/login/sso');
    const back = await throughIdp(String(start.headers.location));
    const stranger = await Client.as(app, db, null);
    const res = await stranger.get(back);
    expect(res.statusCode).toBe(400);
    expect(reasonOf(res.body)).toBe('state');
  });

  it('refuses an id_token whose nonce belongs to another login', async () => {
    await makeUser(db, [{ role: 'coach', org: '0780' }], { email: 'nonce.sso@example.test' });
    people['idp-nonce'] = { email: 'nonce.sso@example.test', email_verified: true };
    const { res, client } = await signIn('idp-nonce', {
      editAuthorize: (u) => u.searchParams.set('nonce', 'a-nonce-from-some-other-login-attempt'),
    });
    expect(res.statusCode).toBe(400);
    expect(reasonOf(res.body)).toBe('nonce');
    expect(client.cookies.has('kn_session')).toBe(false);
  });

  it('shows the refusal in English for an English browser', async () => {
    people['idp-en'] = { email: 'nobody-en@example.test', email_verified: true };
    const client = await Client.as(app, db, null);
    client.cookies.set('kn_lang', 'en');
    const { res } = await signIn('idp-en', { client });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('There is no account in Kompetensnavet');
  });

  it('answers 404 when single sign-on is not configured', async () => {
    const { app: plain } = await testApp(db);
    try {
      expect((await plain.inject('/login/sso')).statusCode).toBe(404);
      expect((await plain.inject('/login/sso/callback?code=x&state=y')).statusCode).toBe(404);
    } finally {
      await plain.close();
    }
  });

  it('takes the OIDC settings all or none', () => {
    const partial = parseEnv({ OIDC_ISSUER: 'https://idp.example.se' });
    expect(partial.ok).toBe(false);
    if (!partial.ok) expect(partial.problems.join(' ')).toMatch(/OIDC_CLIENT_ID.*OIDC_CLIENT_SECRET/s);
    expect(parseEnv({ OIDC_LABEL: 'Logga in' }).ok).toBe(false);
    expect(parseEnv({}).ok).toBe(true);
  });
});

let company: string | null = null;
async function someCompany(): Promise<string> {
  company ??= await makeCompany(db, await makeUser(db, [{ role: 'municipality_officer', org: '0781' }]));
  return company;
}
