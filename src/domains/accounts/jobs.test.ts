import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiToken, Client, makeUser, type TestUser, testApp } from '../../../test/app.ts';
import { testDb } from '../../../test/db.ts';
import type { Db } from '../../platform/db.ts';
import { enqueue } from '../../platform/jobs.ts';
import { ensureRegion } from '../organisations/index.ts';

let db: Db;
let app: FastifyInstance;
let admin: TestUser;
let otherAdmin: TestUser;
let coach: TestUser;
let ownFailed: string;
let ownDone: string;
let installationFailed: string;
let otherFailed: string;

async function failedJob(name: string, regionId: string | null, error: string): Promise<string> {
  const id = (await enqueue(db, { name, regionId })) ?? '';
  await db.query(
    `UPDATE jobs SET status = 'failed', attempts = 5, last_error = $2, finished_at = now() WHERE id = $1`,
    [id, error],
  );
  return id;
}

beforeAll(async () => {
  db = await testDb();
  ({ app } = await testApp(db));
  admin = await makeUser(db, [{ role: 'region_admin', org: 'region' }]);
  otherAdmin = await makeUser(db, [{ role: 'region_admin', org: 'region' }], { county: '06' });
  coach = await makeUser(db, [{ role: 'coach', org: '0781' }]);
  const own = await ensureRegion(db, '07');
  const other = await ensureRegion(db, '06');
  ownFailed = await failedJob('coaching.reminders', own, 'Error: SMTP timeout');
  ownDone = (await enqueue(db, { name: 'coaching.reminders', regionId: own })) ?? '';
  await db.query(`UPDATE jobs SET status = 'done', attempts = 1, finished_at = now() WHERE id = $1`, [
    ownDone,
  ]);
  installationFailed = await failedJob('accounts.housekeeping', null, 'Error: database busy');
  otherFailed = await failedJob('coaching.reminders', other, 'Error: other region');
});

afterAll(async () => {
  await app.close();
  await db.close();
});

describe('/admin/jobs', () => {
  it("shows the region admin their region's jobs and the installation-wide ones, with the last error", async () => {
    const res = await (await Client.as(app, db, admin)).get('/admin/jobs');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Bakgrundsjobb');
    expect(res.body).toContain('Error: SMTP timeout');
    expect(res.body).toContain('Error: database busy');
    expect(res.body).toContain('Hela installationen');
    expect(res.body).toContain('Påminnelser till coacher');
    expect(res.body).not.toContain('Error: other region');
    expect(res.body).toContain(`action="/admin/jobs/${ownFailed}/retry"`);
    expect(res.body).not.toContain(`action="/admin/jobs/${ownDone}/retry"`);
  });

  it('filters by status and pages; in English with the language cookie', async () => {
    const client = await Client.as(app, db, admin);
    const done = await client.get('/admin/jobs?status=done');
    expect(done.body).toContain('Klart');
    expect(done.body).not.toContain('Error: SMTP timeout');
    expect(done.body).toContain('<option value="done" selected');
    client.cookies.set('kn_lang', 'en');
    const en = await client.get('/admin/jobs?status=failed&page=1');
    expect(en.body).toContain('Background jobs');
    expect(en.body).toContain('Run again');
    const bad = await client.get('/admin/jobs?status=exploded');
    expect(bad.statusCode).toBe(422);
  });

  it('is for region admins only: a coach gets 403 on the page and the API', async () => {
    expect((await (await Client.as(app, db, coach)).get('/admin/jobs')).statusCode).toBe(403);
    const token = await apiToken(db, coach.id);
    const api = await app.inject({
      method: 'GET',
      url: '/api/v1/admin/jobs',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(api.statusCode).toBe(403);
  });

  it('"Run again" queues a failed job, audited; another region\'s job is 404, a done job 409', async () => {
    const client = await Client.as(app, db, admin);
    const res = await client.post(`/admin/jobs/${ownFailed}/retry`, { status: 'failed' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/admin/jobs?status=failed');
    const [job] = await db.query<{ status: string; attempts: number }>(
      'SELECT status, attempts FROM jobs WHERE id = $1',
      [ownFailed],
    );
    expect(job).toEqual({ status: 'queued', attempts: 0 });
    const audits = await db.query<{ actor_user_id: string }>(
      `SELECT actor_user_id FROM audit_log WHERE action = 'job.retry' AND entity_id = $1`,
      [ownFailed],
    );
    expect(audits.map((a) => a.actor_user_id)).toEqual([admin.id]);
    expect((await client.post(`/admin/jobs/${otherFailed}/retry`, {})).statusCode).toBe(404);
    expect((await client.post(`/admin/jobs/${ownDone}/retry`, {})).statusCode).toBe(409);
    const without = await client.post(`/admin/jobs/${installationFailed}/retry`, {}, { csrf: false });
    expect(without.statusCode).toBe(403);
  });
});

describe('/api/v1/admin/jobs', () => {
  it('lists in scope without payloads, and retries', async () => {
    const token = await apiToken(db, otherAdmin.id);
    const headers = { authorization: `Bearer ${token}` };
    const list = await app.inject({ method: 'GET', url: '/api/v1/admin/jobs?status=failed', headers });
    expect(list.statusCode).toBe(200);
    const body = list.json() as { total: number; items: { id: string; lastError: string | null }[] };
    const ids = body.items.map((i) => i.id);
    expect(ids).toContain(otherFailed);
    expect(ids).toContain(installationFailed);
    expect(ids).not.toContain(ownFailed);
    expect(body.items[0]).not.toHaveProperty('payload');
    const retry = await app.inject({
      method: 'POST',
      url: `/api/v1/admin/jobs/${otherFailed}/retry`,
      headers,
    });
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toMatchObject({ id: otherFailed, status: 'queued', attempts: 0 });
    const again = await app.inject({
      method: 'POST',
      url: `/api/v1/admin/jobs/${otherFailed}/retry`,
      headers,
    });
    expect(again.statusCode).toBe(409);
    const foreign = await app.inject({ method: 'POST', url: `/api/v1/admin/jobs/${ownDone}/retry`, headers });
    expect(foreign.statusCode).toBe(404);
  });
});
