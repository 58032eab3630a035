// Uploads, over every multipart route of the registry: type by content (active content renamed to an
// allowed extension is refused), size limit (422 at the field, nothing stored), hostile file names stored
// and served harmlessly, and user files served with nosniff, a sandbox CSP and `attachment` unless an
// allow-listed media type is shown inline.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allRoutes } from '../../src/app.ts';
import { createEngagement } from '../../src/domains/coaching/service/engagements.ts';
import {
  type AuthoringSetup,
  authoringSetup,
  makeCourse,
  tinyPng,
} from '../../src/domains/elearning/test-support-authoring.ts';
import type { Db } from '../../src/platform/db.ts';
import { actorOf, apiToken, Client, makeUser, type TestUser, testApp } from '../app.ts';
import { testDb } from '../db.ts';
import { makeCompany } from '../factories.ts';

let db: Db;
let app: FastifyInstance;
let coach: TestUser;
let officer: TestUser;
let s: AuthoringSetup;
let courseId: string;
let meetingBase: string;

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/MediaBox[0 0 10 10]/Parent 2 0 R>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
/** Active content under innocent names. */
const HOSTILE = [
  { name: 'photo.png', data: Buffer.from('<!doctype html><script>alert(1)</script>') },
  { name: 'report.pdf', data: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>') },
  { name: 'clip.pdf', data: Buffer.from('alert(document.cookie);') },
  { name: 'book.xlsx', data: Buffer.from('<html><body onload="alert(1)">x</body></html>') },
];
/** Path traversal, quotes, a header-like tail and Unicode controls (RTL override, NEL). */
const EVIL_NAME = '../../etc/passwd\\..\\"; filename=evil.html \u202e\u0085 rapport.pdf';
const OVER = Buffer.alloc(10 * 1024 * 1024 + 1, 0x25);

function multipart(fields: Record<string, string>, file: { name: string; data: Buffer }) {
  const boundary = `----kn${randomUUID()}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  // A quoted-string with escaped quotes and backslashes, sent as UTF-8 (browsers send names this way).
  const quoted = file.name.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${quoted}"\r\nContent-Type: image/png\r\n\r\n`,
      'utf8',
    ),
    file.data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function pagePost(
  user: TestUser,
  url: string,
  fields: Record<string, string>,
  file: { name: string; data: Buffer },
) {
  const client = await Client.as(app, db, user);
  const { payload, contentType } = multipart({ _csrf: await client.csrf(), ...fields }, file);
  const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  return app.inject({ method: 'POST', url, headers: { cookie, 'content-type': contentType }, payload });
}

async function apiPost(
  user: TestUser,
  url: string,
  fields: Record<string, string>,
  file: { name: string; data: Buffer },
) {
  const { payload, contentType } = multipart(fields, file);
  const token = await apiToken(db, user.id);
  return app.inject({
    method: 'POST',
    url,
    headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
    payload,
  });
}

const count = async (table: string) =>
  (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]?.n ?? 0;

beforeAll(async () => {
  db = await testDb();
  ({ app } = await testApp(db));
  officer = await makeUser(db, [{ role: 'municipality_officer', org: '0781' }]);
  coach = await makeUser(db, [{ role: 'coach', org: 'region' }]);
  const companyId = await makeCompany(db, officer, { name: 'Uppladdning AB' });
  const engagementId = await createEngagement(
    db,
    { actor: await actorOf(db, officer.id), ip: '127.0.0.1' },
    { companyId, municipalityCode: '0781', plannedHours: 5, coachId: coach.id },
  );
  const client = await Client.as(app, db, coach);
  const created = await client.post(`/coaching/${engagementId}/meetings/new`, {
    heldOn: '2026-03-30',
    minutes: '30',
    kind: 'on_site',
    status: 'held',
  });
  expect(created.statusCode).toBe(303);
  meetingBase = String(created.headers.location);
  s = await authoringSetup(db);
  courseId = (await makeCourse(db, s.author)).courseId;
}, 180_000);
afterAll(async () => {
  await app?.close();
  await db?.close();
});

/** Every upload route, with who may use it and where its file lands. */
function targets() {
  const meetingApi = meetingBase.replace('/coaching/', '/api/v1/coaching/engagements/');
  return [
    {
      url: `${meetingBase}/attachments`,
      kind: 'page',
      user: () => coach,
      fields: {},
      table: 'coaching_attachments',
    },
    {
      url: `${meetingApi}/attachments`,
      kind: 'api',
      user: () => coach,
      fields: {},
      table: 'coaching_attachments',
    },
    {
      url: `/learning/courses/${courseId}/media`,
      kind: 'page',
      user: () => s.author,
      fields: { kind: 'image', language: 'sv' },
      table: 'dl_media',
    },
    {
      url: `/api/v1/learning/courses/${courseId}/media`,
      kind: 'api',
      user: () => s.author,
      fields: { kind: 'image', language: 'sv' },
      table: 'dl_media',
    },
    {
      url: '/companies/import',
      kind: 'page',
      user: () => officer,
      fields: { duplicateMode: 'skip' },
      table: 'company_imports',
    },
  ] as const;
}

describe('upload routes', () => {
  it('every multipart route of the registry is covered here', () => {
    const registered = allRoutes()
      .filter((r) => r.multipart)
      .map((r) => `${r.method} ${r.url}`)
      .sort();
    expect(registered).toEqual(
      [
        'POST /api/v1/coaching/engagements/:id/meetings/:meetingId/attachments',
        'POST /api/v1/learning/courses/:id/media',
        'POST /companies/import',
        'POST /coaching/:id/meetings/:meetingId/attachments',
        'POST /learning/courses/:id/media',
      ].sort(),
    );
  });

  it('refuses active content renamed to an allowed type: 422 at the file field, nothing stored', async () => {
    for (const t of targets()) {
      const before = await count(t.table);
      for (const file of HOSTILE) {
        const res =
          t.kind === 'api'
            ? await apiPost(t.user(), t.url, t.fields, file)
            : await pagePost(t.user(), t.url, t.fields, file);
        expect(res.statusCode, `${t.url} ${file.name}`).toBe(422);
        if (t.kind === 'api')
          expect((res.json() as { errors: { field: string }[] }).errors.map((e) => e.field)).toContain(
            'file',
          );
        else expect(res.body, `${t.url} ${file.name}`).toMatch(/href="#f-file"|id="f-file-error"/);
      }
      expect(await count(t.table), t.url).toBe(before);
    }
  }, 60_000);

  it('refuses a file over 10 MB: 422 at the file field, nothing stored', async () => {
    for (const t of targets()) {
      const before = await count(t.table);
      const file = { name: 'big.pdf', data: OVER };
      const res =
        t.kind === 'api'
          ? await apiPost(t.user(), t.url, t.fields, file)
          : await pagePost(t.user(), t.url, t.fields, file);
      expect(res.statusCode, t.url).toBe(422);
      if (t.kind === 'api') expect(JSON.stringify(res.json())).toContain('"field":"file"');
      expect(await count(t.table), t.url).toBe(before);
    }
  }, 60_000);
});

describe('serving user files', () => {
  function expectSafeDisposition(header: unknown, disposition: 'attachment' | 'inline') {
    const value = String(header);
    expect(value.startsWith(`${disposition};`)).toBe(true);
    expect(value).not.toMatch(/[\r\n]/);
    const ascii = value.match(/filename="([^"]*)"/)?.[1] ?? '';
    expect(ascii).not.toMatch(/[/\\"]|\.\.\//);
    expect(value).toMatch(/filename\*=UTF-8''[A-Za-z0-9%._~!'()*-]+/);
  }

  it('a coaching attachment with a hostile name: stored without path, served as an attachment in a sandbox', async () => {
    const up = await pagePost(coach, `${meetingBase}/attachments`, {}, { name: EVIL_NAME, data: PDF });
    expect(up.statusCode).toBe(303);
    const [row] = await db.query<{ id: string; name: string }>(
      `SELECT id, file_name AS name FROM coaching_attachments ORDER BY created_at DESC LIMIT 1`,
    );
    expect(row?.name).not.toMatch(/[/\\"\p{Cc}\p{Cf}]/u);
    for (const url of [
      `${meetingBase}/attachments/${row?.id}`,
      `${meetingBase.replace('/coaching/', '/api/v1/coaching/engagements/')}/attachments/${row?.id}`,
    ]) {
      const res = url.startsWith('/api/')
        ? await app.inject({ url, headers: { authorization: `Bearer ${await apiToken(db, coach.id)}` } })
        : await (await Client.as(app, db, coach)).get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(String(res.headers['content-security-policy'])).toMatch(/sandbox/);
      expect(String(res.headers['content-security-policy'])).toMatch(/default-src 'none'/);
      expectSafeDisposition(res.headers['content-disposition'], 'attachment');
    }
  });

  it('course media: an allow-listed image is shown inline, in a sandbox, never sniffed', async () => {
    const up = await apiPost(
      s.author,
      `/api/v1/learning/courses/${courseId}/media`,
      { kind: 'image', language: 'sv' },
      { name: EVIL_NAME.replace('.pdf', '.png'), data: tinyPng() },
    );
    expect(up.statusCode).toBe(201);
    const media = up.json() as { url: string; filename: string; contentType: string };
    expect(media.contentType).toBe('image/png');
    expect(media.filename).not.toMatch(/[/\\"\p{Cc}\p{Cf}]/u);
    const res = await (await Client.as(app, db, s.author)).get(media.url);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(String(res.headers['content-security-policy'])).toMatch(/sandbox/);
    expectSafeDisposition(res.headers['content-disposition'], 'inline');
  });
});
