// The LRS at the HTTP level: attachments (multipart/mixed with sha2), invalid statements, authentication,
// conflicts, the version header, the alternate request syntax and region isolation.
import { createHash, randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../../test/app.ts';
import { testDb } from '../../../test/db.ts';
import type { Db } from '../../platform/db.ts';
import { makeLrsClient, statement, type TestLrsClient } from './test-support.ts';

let db: Db;
let app: FastifyInstance;
let c: TestLrsClient;
let readOnly: TestLrsClient;

beforeAll(async () => {
  db = await testDb();
  ({ app } = await testApp(db));
  c = await makeLrsClient(db);
  readOnly = await makeLrsClient(db, { scopes: ['read'] });
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

const headers = (client = c, extra: Record<string, string> = {}) => ({
  authorization: client.auth,
  'x-experience-api-version': '1.0.3',
  ...extra,
});

function post(body: unknown, client = c) {
  return app.inject({
    method: 'POST',
    url: '/xapi/statements',
    headers: headers(client, { 'content-type': 'application/json' }),
    payload: JSON.stringify(body),
  });
}

describe('attachments', () => {
  const content = Buffer.from('Intyg: genomförd kurs\n');
  const sha2 = createHash('sha256').update(content).digest('hex');
  const withAttachment = (hash = sha2) =>
    statement({
      id: randomUUID(),
      attachments: [
        {
          usageType: 'http://id.tincanapi.com/attachment/certificate-of-completion',
          display: { 'en-US': 'Certificate' },
          contentType: 'text/plain',
          length: content.length,
          sha2: hash,
        },
      ],
    });
  const multipart = (s: unknown, hash = sha2) => {
    const b = 'kn-test-boundary';
    const body = Buffer.concat([
      Buffer.from(`--${b}\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(s)}\r\n`),
      Buffer.from(
        `--${b}\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: binary\r\nX-Experience-API-Hash: ${hash}\r\n\r\n`,
      ),
      content,
      Buffer.from(`\r\n--${b}--\r\n`),
    ]);
    return app.inject({
      method: 'POST',
      url: '/xapi/statements',
      headers: headers(c, { 'content-type': `multipart/mixed; boundary=${b}` }),
      payload: body,
    });
  };

  it('stores a statement with its attachment and returns both as multipart/mixed', async () => {
    const s = withAttachment();
    const res = await multipart(s);
    expect(res.statusCode).toBe(200);
    const get = await app.inject({
      method: 'GET',
      url: `/xapi/statements?statementId=${s.id}&attachments=true`,
      headers: headers(),
    });
    expect(get.headers['content-type']).toMatch(/^multipart\/mixed; boundary=/);
    expect(get.body).toContain(`X-Experience-API-Hash: ${sha2}`);
    expect(get.body).toContain('Intyg: genomförd kurs');
  });

  it('refuses a part whose content does not match its hash, and a missing part', async () => {
    const wrong = createHash('sha256').update('something else').digest('hex');
    expect((await multipart(withAttachment(wrong), wrong)).statusCode).toBe(400);
    const missing = withAttachment(createHash('sha256').update('never sent').digest('hex'));
    expect((await post(missing)).statusCode).toBe(400);
  });
});

describe('invalid statements', () => {
  const cases: [string, Record<string, unknown>][] = [
    ['two identifiers', { actor: { mbox: 'mailto:a@example.test', openid: 'https://id.example.test/a' } }],
    ['mbox without mailto', { actor: { mbox: 'a@example.test' } }],
    ['verb id without scheme', { verb: { id: 'completed' } }],
    [
      'bad language tag',
      { verb: { id: 'http://adlnet.gov/expapi/verbs/completed', display: { 'not a tag': 'x' } } },
    ],
    ['unknown property', { mood: 'happy' }],
    ['bad UUID', { id: 'not-a-uuid' }],
    ['timestamp with -00:00', { timestamp: '2026-11-28T10:00:00-00:00' }],
    ['bad duration', { result: { duration: 'ten minutes' } }],
    ['scaled score out of range', { result: { score: { scaled: 1.5 } } }],
    [
      'nested SubStatement',
      {
        object: {
          objectType: 'SubStatement',
          ...statement({ object: { objectType: 'SubStatement', ...statement() } }),
        },
      },
    ],
    ['voiding without StatementRef', { verb: { id: 'http://adlnet.gov/expapi/verbs/voided' } }],
    [
      'platform with an Agent object',
      { object: { mbox: 'mailto:b@example.test', objectType: 'Agent' }, context: { platform: 'x' } },
    ],
  ];
  it.each(cases)('refuses %s with 400 and a JSON message', async (_name, patch) => {
    const res = await post(statement(patch));
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toEqual(expect.any(String));
    expect(res.headers['x-experience-api-version']).toBe('1.0.3');
  });

  it('stores nothing of a batch with one bad statement', async () => {
    const good = statement({ id: randomUUID() });
    expect((await post([good, statement({ verb: { id: 'nope' } })])).statusCode).toBe(400);
    const get = await app.inject({
      method: 'GET',
      url: `/xapi/statements?statementId=${good.id}`,
      headers: headers(),
    });
    expect(get.statusCode).toBe(404);
  });
});

describe('protocol rules', () => {
  it('answers 401 with WWW-Authenticate without or with wrong credentials', async () => {
    const none = await app.inject({
      method: 'GET',
      url: '/xapi/statements',
      headers: { 'x-experience-api-version': '1.0.3' },
    });
    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toMatch(/^Basic/);
    const wrong = await app.inject({
      method: 'GET',
      url: '/xapi/statements',
      headers: { ...headers(), authorization: `Basic ${Buffer.from(`${c.key}:wrong`).toString('base64')}` },
    });
    expect(wrong.statusCode).toBe(401);
  });

  it('requires the version header (except on About)', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/xapi/statements',
      headers: { authorization: c.auth },
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['x-experience-api-version']).toBe('1.0.3');
    expect((await app.inject({ method: 'GET', url: '/xapi/about' })).statusCode).toBe(200);
  });

  it('answers 204 to the same PUT again and 409 to a conflicting one', async () => {
    const id = randomUUID();
    const put = (s: unknown) =>
      app.inject({
        method: 'PUT',
        url: `/xapi/statements?statementId=${id}`,
        headers: headers(c, { 'content-type': 'application/json' }),
        payload: JSON.stringify(s),
      });
    expect((await put(statement())).statusCode).toBe(204);
    expect((await put(statement())).statusCode).toBe(204);
    const conflict = await put(statement({ verb: { id: 'http://adlnet.gov/expapi/verbs/failed' } }));
    expect(conflict.statusCode).toBe(409);
  });

  it('refuses writes of a read-only client with 403', async () => {
    expect((await post(statement(), readOnly)).statusCode).toBe(403);
  });

  it('accepts the alternate request syntax', async () => {
    const id = randomUUID();
    const form = new URLSearchParams({
      statementId: id,
      content: JSON.stringify(statement()),
      Authorization: c.auth,
      'X-Experience-API-Version': '1.0.3',
      'Content-Type': 'application/json',
    });
    const res = await app.inject({
      method: 'POST',
      url: '/xapi/statements?method=PUT',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: form.toString(),
    });
    expect(res.statusCode).toBe(204);
  });

  it('isolates regions: a client of another region sees nothing', async () => {
    const s = statement({ id: randomUUID() });
    expect((await post(s)).statusCode).toBe(200);
    const stranger = await makeLrsClient(db, { county: '01' });
    const one = await app.inject({
      method: 'GET',
      url: `/xapi/statements?statementId=${s.id}`,
      headers: headers(stranger),
    });
    expect(one.statusCode).toBe(404);
    const all = await app.inject({ method: 'GET', url: '/xapi/statements', headers: headers(stranger) });
    expect(all.json().statements).toEqual([]);
    // The same id in the other region is a different statement, not a conflict.
    expect(
      (await post({ ...s, verb: { id: 'http://adlnet.gov/expapi/verbs/failed' } }, stranger)).statusCode,
    ).toBe(200);
  });
});
