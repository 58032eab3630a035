import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { createApp } from '../src/app.ts';
import { actorForUser, hashPassword, insertMembership, insertUser } from '../src/domains/accounts/index.ts';
import { ensureRegion, findMunicipalityOrganisation } from '../src/domains/organisations/index.ts';
import type { Actor, Role } from '../src/platform/auth.ts';
import { newToken } from '../src/platform/auth.ts';
import type { Db } from '../src/platform/db.ts';
import { parseEnv } from '../src/platform/env.ts';
import { AppError } from '../src/platform/errors.ts';
import { createLogger } from '../src/platform/logger.ts';
import { createMailer, type Mailer } from '../src/platform/mail.ts';
import { parseKeyring } from '../src/platform/secrets.ts';

export const TEST_PASSWORD = 'Testlösenord-2026!';
/** A fixed ESF key ring for tests (never used outside them). */
export const TEST_KEYRING = parseKeyring(`test1:${Buffer.alloc(32, 0x42).toString('base64')}`);

export async function testApp(
  db: Db,
  opts: { smtpUrl?: string; trustProxy?: boolean } = {},
): Promise<{ app: FastifyInstance; mailer: Mailer }> {
  const parsed = parseEnv({ NODE_ENV: 'test', LOG_LEVEL: 'silent', SMTP_URL: opts.smtpUrl });
  if (!parsed.ok) throw new Error(parsed.problems.join('; '));
  const mailer = createMailer({ smtpUrl: opts.smtpUrl, from: 'test@kompetensnavet.local' });
  const app = await createApp(
    {
      db,
      env: parsed.env,
      mailer,
      logger: createLogger('silent'),
      baseUrl: 'http://localhost:3000',
      keyring: TEST_KEYRING,
    },
    { cookieSecret: 'test-secret-test-secret-test-secret-123', trustProxy: opts.trustProxy ?? false },
  );
  await app.ready();
  return { app, mailer };
}

let passwordHash: Promise<string> | null = null;

export interface TestUser {
  id: string;
  email: string;
}

/**
 * A user with one or more memberships. `org` is 'region', a municipality code such as '0781', a
 * provider organisation id, or `company:<id>` for company roles. The region (county 07) is created on demand.
 */
export async function makeUser(
  db: Db,
  memberships: { role: Role; org: string }[],
  opts: { email?: string; name?: string; county?: string } = {},
): Promise<TestUser> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const id = randomUUID();
  const email = opts.email ?? `user-${id.slice(0, 8)}@example.test`;
  await insertUser(db, {
    id,
    email,
    name: opts.name ?? `Test ${email}`,
    passwordHash: await passwordHash,
    locale: 'sv',
  });
  const regionId = await ensureRegion(db, opts.county ?? '07');
  for (const m of memberships) {
    let organisationId: string | null = regionId;
    let companyId: string | null = null;
    if (m.org.startsWith('company:')) {
      organisationId = null;
      companyId = m.org.slice('company:'.length);
    } else if (/^\d{4}$/.test(m.org))
      organisationId = (await findMunicipalityOrganisation(db, m.org))?.id ?? null;
    else if (m.org !== 'region') organisationId = m.org;
    await insertMembership(db, {
      id: randomUUID(),
      userId: id,
      role: m.role,
      organisationId,
      companyId,
      createdBy: null,
    });
  }
  return { id, email };
}

/** An HTTP client over inject() with a cookie jar and CSRF handling, signed in as a user. */
export class Client {
  readonly cookies = new Map<string, string>();
  constructor(readonly app: FastifyInstance) {}

  static async as(app: FastifyInstance, db: Db, user: TestUser | null): Promise<Client> {
    const client = new Client(app);
    if (user) {
      const { token, hash } = newToken();
      // Counts as having passed the second factor (ESF administrators need it); the privileges fingerprint
      // is taken on the first request.
      await db.query(
        `INSERT INTO auth_sessions (token_hash, user_id, expires_at, second_factor, method)
         VALUES ($1, $2, now() + interval '1 hour', true, 'password')`,
        [hash, user.id],
      );
      client.cookies.set('kn_session', app.signCookie(token));
    }
    return client;
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(res: {
    cookies: { name: string; value: string; maxAge?: number; expires?: Date }[];
  }): void {
    for (const c of res.cookies) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
  }

  async get(url: string, headers: Record<string, string> = {}) {
    const res = await this.app.inject({
      method: 'GET',
      url,
      headers: { cookie: this.cookieHeader(), ...headers },
    });
    this.remember(res);
    return res;
  }

  /** A CSRF token valid for this client's csrf cookie (fetched from a page when needed). */
  async csrf(): Promise<string> {
    // Signed-in pages carry the sign-out form; the login page always has a form.
    const res = await this.get(this.cookies.has('kn_session') ? '/accessibility' : '/login');
    const token = res.body.match(/name="_csrf" value="([^"]+)"/)?.[1];
    if (!token) throw new Error('no csrf token on page');
    return token;
  }

  async post(
    url: string,
    form: Record<string, string | number | boolean>,
    opts: { csrf?: string | false } = {},
  ) {
    const data: Record<string, string> = {};
    for (const [k, v] of Object.entries(form)) data[k] = String(v);
    if (opts.csrf !== false) data._csrf = opts.csrf ?? (await this.csrf());
    const res = await this.app.inject({
      method: 'POST',
      url,
      headers: { cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(data).toString(),
    });
    this.remember(res);
    return res;
  }
}

/** A personal API token for a user, straight into the table (the UI path is tested on its own). */
export async function apiToken(db: Db, userId: string): Promise<string> {
  const { token, hash } = newToken();
  await db.query(
    `INSERT INTO api_tokens (id, user_id, name, token_hash, token_prefix) VALUES ($1, $2, 'test', $3, $4)`,
    [randomUUID(), userId, hash, token.slice(0, 6)],
  );
  return token;
}

/** The service-level actor of a test user (as a session would give it). */
export async function actorOf(db: Db, userId: string): Promise<Actor> {
  const actor = await actorForUser(db, userId, 'session');
  if (!actor) throw new Error('no actor');
  return actor;
}

/** The AppError a promise rejects with (fails the test when it resolves or throws something else). */
export async function failure(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected an AppError');
}
