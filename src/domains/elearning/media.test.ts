// Media of digital courses: checked by their bytes (a fake MP4 with an ftyp box passes, HTML named .mp4
// does not; WebVTT must parse), served with Range (206), ETag and nosniff, to the authors in scope and to
// learners enrolled in a course using the file; anyone else gets 404.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiToken, Client, failure, makeUser, testApp } from '../../../test/app.ts';
import { testDb } from '../../../test/db.ts';
import { makeCompany } from '../../../test/factories.ts';
import type { Db } from '../../platform/db.ts';
import * as content from './service/authoring-content.ts';
import { lessonInput } from './service/authoring-schema.ts';
import { parseRange, uploadMedia } from './service/media.ts';
import { isWebVtt, sniff } from './service/media-sniff.ts';
import { publish } from './service/publish.ts';
import {
  type AuthoringSetup,
  authoringSetup,
  fakeMp4,
  makeCourse,
  tinyPng,
  vtt,
  w,
} from './test-support-authoring.ts';

let db: Db;
let app: FastifyInstance;
let s: AuthoringSetup;

beforeAll(async () => {
  db = await testDb();
  s = await authoringSetup(db);
  ({ app } = await testApp(db));
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

/** A multipart body with the CSRF token, text fields and one file. */
function multipart(fields: Record<string, string>, file: { name: string; data: Buffer }) {
  const boundary = `----kn${randomUUID()}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    file.data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function upload(client: Client, courseId: string, kind: string, file: { name: string; data: Buffer }) {
  const { payload, contentType } = multipart({ _csrf: await client.csrf(), kind, language: 'sv' }, file);
  return app.inject({
    method: 'POST',
    url: `/learning/courses/${courseId}/media`,
    headers: {
      cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      'content-type': contentType,
    },
    payload,
  });
}

describe('checking the bytes', () => {
  it('recognises formats by content, not by name', () => {
    expect(sniff(fakeMp4())?.contentType).toBe('video/mp4');
    expect(sniff(Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 1, 2]))?.contentType).toBe('video/webm');
    expect(sniff(tinyPng())?.contentType).toBe('image/png');
    expect(sniff(Buffer.from('<!doctype html><script>alert(1)</script>'))).toBeNull();
    expect(sniff(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(sniff(Buffer.from('ID3\u0004\u0000rest'))?.contentType).toBe('audio/mpeg');
  });

  it('parses WebVTT: signature line and at least one cue timing', () => {
    expect(isWebVtt(vtt())).toBe(true);
    expect(
      isWebVtt(
        Buffer.from('\uFEFFWEBVTT - med rubrik\r\n\r\n1\r\n00:01.000 --> 00:02.500 align:start\r\nText\r\n'),
      ),
    ).toBe(true);
    expect(isWebVtt(Buffer.from('WEBVTT\n\nbara text utan tider\n'))).toBe(false);
    expect(isWebVtt(Buffer.from('1\n00:00:01,000 --> 00:00:02,000\nSRT-fil\n'))).toBe(false);
    expect(isWebVtt(Buffer.from([0x57, 0x45, 0x42, 0x56, 0x54, 0x54, 0x0a, 0xff, 0xfe]))).toBe(false);
  });

  it('parses Range headers', () => {
    expect(parseRange('bytes=0-9', 100)).toEqual({ start: 0, end: 9 });
    expect(parseRange('bytes=90-', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=-10', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=50-500', 100)).toEqual({ start: 50, end: 99 });
    expect(parseRange('bytes=200-', 100)).toBe('unsatisfiable');
    expect(parseRange('bytes=0-1,5-6', 100)).toBeNull();
    expect(parseRange(undefined, 100)).toBeNull();
  });
});

describe('upload', () => {
  it('accepts a fake MP4 with an ftyp box and rejects HTML named .mp4 with a field error', async () => {
    const { courseId } = await makeCourse(db, s.author);
    const client = await Client.as(app, db, s.author);
    const ok = await upload(client, courseId, 'video', { name: 'film.mp4', data: fakeMp4() });
    expect(ok.statusCode).toBe(303);
    const stored = await db.query<{ content_type: string; sha256: string; size_bytes: number }>(
      `SELECT content_type, sha256, size_bytes FROM dl_media WHERE filename = 'film.mp4'`,
    );
    expect(stored[0]).toMatchObject({ content_type: 'video/mp4', size_bytes: 4096 });
    expect(stored[0]?.sha256).toMatch(/^[0-9a-f]{64}$/);

    const html = await upload(client, courseId, 'video', {
      name: 'film.mp4',
      data: Buffer.from('<html><body>hej</body></html>'),
    });
    expect(html.statusCode).toBe(422);
    expect(html.body).toContain('Filen är inte en video i MP4- eller WebM-format.');
    const notVtt = await upload(client, courseId, 'captions', {
      name: 'text.vtt',
      data: Buffer.from('WEBVTT\n\nutan tider'),
    });
    expect(notVtt.statusCode).toBe(422);
    expect(notVtt.body).toContain('Filen är inte en WebVTT-fil');
    const svg = await upload(client, courseId, 'image', { name: 'bild.png', data: Buffer.from('<svg/>') });
    expect(svg.statusCode).toBe(422);
    // An MP4 is no image, however it is named.
    expect((await upload(client, courseId, 'image', { name: 'bild.png', data: fakeMp4() })).statusCode).toBe(
      422,
    );
  });

  it('uploads through the API (201) and refuses another provider’s course (404)', async () => {
    const { courseId } = await makeCourse(db, s.author);
    const theirs = await makeCourse(db, s.otherAuthor);
    const token = await apiToken(db, s.author.id);
    const send = (id: string) => {
      const { payload, contentType } = multipart({ kind: 'image' }, { name: 'logga.png', data: tinyPng() });
      return app.inject({
        method: 'POST',
        url: `/api/v1/learning/courses/${id}/media`,
        headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
        payload,
      });
    };
    const res = await send(courseId);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ kind: 'image', contentType: 'image/png', filename: 'logga.png' });
    expect((await send(theirs.courseId)).statusCode).toBe(404);
  });
});

describe('serving', () => {
  it('serves Range requests with 206 and the right bytes, ETag, nosniff and an inline disposition', async () => {
    const { courseId } = await makeCourse(db, s.author);
    const data = fakeMp4(2000);
    data.write('MARK', 100, 'latin1');
    const m = await uploadMedia(db, await w(db, s.author), courseId, {
      kind: 'video',
      language: undefined,
      file: { fileName: 'säkerhet.mp4', data },
    });
    const client = await Client.as(app, db, s.author);
    const full = await client.get(`/learning/media/${m.id}`);
    expect(full.statusCode).toBe(200);
    expect(full.headers['content-type']).toBe('video/mp4');
    expect(full.headers['x-content-type-options']).toBe('nosniff');
    expect(full.headers['accept-ranges']).toBe('bytes');
    expect(String(full.headers['content-disposition'])).toMatch(
      /^inline; filename="sakerhet.mp4"; filename\*=UTF-8''s%C3%A4kerhet.mp4$/,
    );
    expect(full.rawPayload.equals(data)).toBe(true);
    const part = await client.get(`/learning/media/${m.id}`, { range: 'bytes=100-103' });
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe('bytes 100-103/2000');
    expect(part.rawPayload.toString('latin1')).toBe('MARK');
    expect((await client.get(`/learning/media/${m.id}`, { range: 'bytes=5000-' })).statusCode).toBe(416);
    const etag = String(full.headers.etag);
    expect((await client.get(`/learning/media/${m.id}`, { 'if-none-match': etag })).statusCode).toBe(304);
  });

  it('lets an enrolled learner fetch the course’s media; another company’s user and other providers get 404', async () => {
    const c = await makeCourse(db, s.author);
    const ctx = await w(db, s.author);
    const image = await uploadMedia(db, ctx, c.courseId, {
      kind: 'image',
      language: undefined,
      file: { fileName: 'bild.png', data: tinyPng() },
    });
    await content.updateLesson(
      db,
      ctx,
      c.courseId,
      c.textId,
      lessonInput.parse({
        title: 'Text',
        body: `![Ett diagram](/learning/media/${image.id})`,
        estimatedMinutes: '5',
      }),
    );
    const loose = await uploadMedia(db, ctx, c.courseId, {
      kind: 'image',
      language: undefined,
      file: { fileName: 'oanvänd.png', data: tinyPng() },
    });
    const { versionId } = await publish(db, ctx, c.courseId);

    const staff = await makeUser(db, [{ role: 'region_admin', org: 'region' }]);
    const companyId = await makeCompany(db, staff);
    const otherCompanyId = await makeCompany(db, staff);
    const learnerUser = await makeUser(db, [{ role: 'participant', org: `company:${companyId}` }]);
    const outsider = await makeUser(db, [{ role: 'participant', org: `company:${otherCompanyId}` }]);
    const learnerId = randomUUID();
    await db.query(
      `INSERT INTO learners (id, company_id, first_name, last_name) VALUES ($1, $2, 'Lena', 'Lär')`,
      [learnerId, companyId],
    );
    await db.query(
      `INSERT INTO dl_enrolments (id, course_id, version_id, learner_id, user_id, company_id, source)
       VALUES ($1, $2, $3, $4, $5, $6, 'self')`,
      [randomUUID(), c.courseId, versionId, learnerId, learnerUser.id, companyId],
    );
    const learner = await Client.as(app, db, learnerUser);
    expect((await learner.get(`/learning/media/${c.captionsId}`)).statusCode).toBe(200);
    expect((await learner.get(`/learning/media/${image.id}`)).statusCode).toBe(200);
    expect((await learner.get(`/learning/media/${loose.id}`)).statusCode).toBe(404);
    const other = await Client.as(app, db, outsider);
    expect((await other.get(`/learning/media/${c.captionsId}`)).statusCode).toBe(404);
    const otherProvider = await Client.as(app, db, s.otherAuthor);
    expect((await otherProvider.get(`/learning/media/${image.id}`)).statusCode).toBe(404);
    const admin = await Client.as(app, db, s.regionAdmin);
    expect((await admin.get(`/learning/media/${loose.id}`)).statusCode).toBe(200);
    // The image renders in the lesson with its alt text.
    const preview = await (await Client.as(app, db, s.author)).get(`/learning/courses/${c.courseId}/preview`);
    expect(preview.body).toContain(
      `<img class="kn-lesson-image" src="/learning/media/${image.id}" alt="Ett diagram"`,
    );
    expect(
      (await failure(uploadMedia(db, ctx, c.courseId, { kind: 'captions', language: 'sv', file: undefined })))
        .fields[0]?.field,
    ).toBe('file');
  });
});
