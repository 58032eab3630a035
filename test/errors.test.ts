import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import type { Db } from '../src/platform/db.ts';
import { parseEnv } from '../src/platform/env.ts';
import { createMailer } from '../src/platform/mail.ts';
import { Client, TEST_KEYRING } from './app.ts';
import { testDb } from './db.ts';

let db: Db;
let logs = '';
const PERSONAL = 'anna.andersson@example.org 19850312-2389';

beforeAll(async () => {
  db = await testDb();
});
afterAll(async () => {
  await db.close();
});

/** An app whose database fails every query with a message full of personal data. */
async function brokenApp(code?: string) {
  const failing: Db = {
    ...db,
    kind: db.kind,
    async query() {
      throw Object.assign(new Error(`duplicate key (email)=(${PERSONAL})`), code ? { code } : {});
    },
  };
  const parsed = parseEnv({ NODE_ENV: 'test' });
  if (!parsed.ok) throw new Error('env');
  const stream = new Writable({
    write(chunk, _enc, done) {
      logs += chunk.toString();
      done();
    },
  });
  return createApp(
    {
      db: failing,
      env: parsed.env,
      mailer: createMailer({ from: 'x@y.z' }),
      logger: pino({ level: 'info' }, stream),
      baseUrl: 'http://localhost',
      keyring: TEST_KEYRING,
    },
    { cookieSecret: 'test-secret-test-secret-test-secret-123', trustProxy: false },
  );
}

describe('unexpected errors', () => {
  it('answer a localised 500 page with no stack, SQL or personal data, and log none either', async () => {
    logs = '';
    const app = await brokenApp();
    const client = new Client(app);
    const res = await client.post('/login', { email: 'anna.andersson@example.org', password: 'x' });
    expect(res.statusCode).toBe(500);
    expect(res.body).toContain('Något gick fel');
    expect(res.body).not.toContain('duplicate key');
    expect(res.body).not.toContain('19850312');
    expect(res.body).not.toMatch(/at .*\.ts:\d+/);
    expect(logs).toContain('request failed');
    expect(logs).not.toContain('19850312');
    expect(logs).not.toContain('anna.andersson');
    await app.close();
  });

  it('answer 503 when the database connection is refused, and /healthz says unavailable', async () => {
    const app = await brokenApp('ECONNREFUSED');
    const client = new Client(app);
    const res = await client.post('/login', { email: 'a@b.se', password: 'x' });
    expect(res.statusCode).toBe(503);
    expect(res.body).toContain('Databasen svarar inte');
    const health = await app.inject({ method: 'GET', url: '/healthz' });
    expect(health.statusCode).toBe(503);
    const api = await app.inject({
      method: 'GET',
      url: '/api/v1/companies',
      headers: { authorization: 'Bearer x' },
    });
    expect(api.statusCode).toBe(503);
    expect(api.headers['content-type']).toContain('application/problem+json');
    await app.close();
  });
});
