// Data-subject requests over HTTP on the demo data: search, preview, the JSON and tagged PDF exports (audited
// and logged), self-service, region scope (404 like an unknown id), and an erasure that anonymises what may be
// and keeps what must be. Pages and their /api/v1 twins.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiToken, Client, makeUser, type TestUser, testApp } from '../../../test/app.ts';
import { testDb } from '../../../test/db.ts';
import type { Db } from '../../platform/db.ts';

let db: Db;
let app: FastifyInstance;
let admin: TestUser;
let participant: TestUser;
let adminToken: string;

const userByEmail = async (email: string): Promise<TestUser> => {
  const [u] = await db.query<{ id: string; email: string }>('SELECT id, email FROM users WHERE email = $1', [
    email,
  ]);
  if (!u) throw new Error(`no demo user ${email}`);
  return u;
};
const api = (method: 'GET' | 'POST', url: string, token: string, payload?: object) =>
  app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, payload });

beforeAll(async () => {
  db = await testDb({ demo: true });
  ({ app } = await testApp(db));
  admin = await userByEmail('region.admin@example.org');
  participant = await userByEmail('participant@example.org');
  adminToken = await apiToken(db, admin.id);
}, 180_000);
afterAll(async () => {
  await app.close();
  await db.close();
});

describe('data-subject export', () => {
  it('finds a demo person by e-mail and shows their rows across domains', async () => {
    const c = await Client.as(app, db, admin);
    const search = await c.get('/privacy/requests?q=participant%40example.org');
    expect(search.statusCode).toBe(200);
    expect(search.body).toContain(`/privacy/requests/people/users/${participant.id}`);
    const byName = await api('GET', '/api/v1/privacy/subjects?q=a', adminToken);
    expect(byName.statusCode).toBe(422);
    const preview = await c.get(`/privacy/requests/people/users/${participant.id}`);
    expect(preview.statusCode).toBe(200);
    for (const t of ['users', 'memberships', 'learners', 'enrolments'])
      expect(preview.body, t).toContain(`data-table="${t}"`);
    const apiPreview = await api('GET', `/api/v1/privacy/subjects/users/${participant.id}`, adminToken);
    expect(apiPreview.statusCode).toBe(200);
    const domains = new Set(apiPreview.json().tables.map((t: { domain: string }) => t.domain));
    expect(domains.size).toBeGreaterThanOrEqual(3);
  });

  it('downloads everything as JSON without secrets or the full identity number, audited and logged', async () => {
    const c = await Client.as(app, db, admin);
    const res = await c.get(`/privacy/requests/people/users/${participant.id}/export.json`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/^attachment;/);
    expect(res.headers['cache-control']).toBe('no-store');
    const e = res.json();
    expect(e.tables.users.rows[0].email).toBe('participant@example.org');
    expect(e.tables.users.rows[0]).not.toHaveProperty('password_hash');
    expect(e.tables.learners.rows.length).toBeGreaterThan(0);
    for (const row of e.tables.esf_identities?.rows ?? []) {
      expect(row).not.toHaveProperty('sealed');
      expect(row.masked).toMatch(/\*{4}$/);
    }
    expect(res.body).not.toMatch(/\b(19|20)\d{6}-?\d{4}\b/);
    const [audit] = await db.query<{ details: Record<string, unknown> }>(
      `SELECT details FROM audit_log WHERE action = 'privacy.export' AND actor_user_id = $1 ORDER BY id DESC LIMIT 1`,
      [admin.id],
    );
    expect(audit?.details).toMatchObject({ format: 'json', channel: 'admin' });
    expect(JSON.stringify(audit?.details)).not.toContain('participant@');
    const log = await api('GET', '/api/v1/privacy/requests', adminToken);
    expect(log.json().requests[0]).toMatchObject({
      kind: 'export',
      channel: 'admin',
      subjectUserId: participant.id,
    });
  });

  it('renders a tagged PDF with headings in the locale', async () => {
    const c = await Client.as(app, db, admin);
    const res = await c.get(`/privacy/requests/people/users/${participant.id}/export.pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const buf = res.rawPayload;
    expect(buf.toString('latin1')).toContain('/Marked true');
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await pdfjs.getDocument({
      data: new Uint8Array(buf),
      useSystemFonts: false,
      isEvalSupported: false,
    }).promise;
    const meta = (await doc.getMetadata()).info as { Language?: string; Title?: string };
    expect(meta.Language).toBe('sv-SE');
    expect(meta.Title).toBe('Utdrag av personuppgifter');
    const page = await doc.getPage(1);
    const text = (await page.getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join(' ');
    expect(text).toContain('Utdrag av personuppgifter');
    const tree = (await page.getStructTree()) as {
      children?: { role: string; children?: { role: string }[] }[];
    };
    const roles = (tree.children?.[0]?.children ?? []).map((n) => n.role);
    expect(roles[0]).toBe('H1');
    expect(roles).toContain('H2');
    expect(roles).toContain('Table');
    await doc.destroy();
  }, 90_000);

  it('gives every signed-in user their own data (page, JSON, PDF, API)', async () => {
    const c = await Client.as(app, db, participant);
    const page = await c.get('/privacy/my-data');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('data-table="learners"');
    const json = await c.get('/privacy/my-data/export.json');
    expect(json.json().tables.users.rows[0].id).toBe(participant.id);
    const pdf = await c.get('/privacy/my-data/export.pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const viaApi = await api('GET', '/api/v1/privacy/my-data', await apiToken(db, participant.id));
    expect(viaApi.statusCode).toBe(200);
    expect(viaApi.json().subject.userId).toBe(participant.id);
    const [n] = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM data_subject_requests WHERE channel = 'self' AND handled_by = $1`,
      [participant.id],
    );
    expect(n?.n).toBe(3);
  }, 90_000);

  it('answers 404 for a person outside the region exactly like an unknown id, and 403 to other roles', async () => {
    const other = await makeUser(db, [{ role: 'region_admin', org: 'region' }], { county: '06' });
    const c = await Client.as(app, db, other);
    const outside = await c.get(`/privacy/requests/people/users/${participant.id}`);
    const unknown = await c.get(`/privacy/requests/people/users/${randomUUID()}`);
    expect(outside.statusCode).toBe(404);
    expect(unknown.statusCode).toBe(404);
    const token = await apiToken(db, other.id);
    expect(
      (await api('GET', `/api/v1/privacy/subjects/users/${participant.id}/export`, token)).statusCode,
    ).toBe(404);
    expect((await api('GET', `/api/v1/privacy/users/${participant.id}/erasure`, token)).statusCode).toBe(404);
    const hits = await api('GET', '/api/v1/privacy/subjects?q=participant%40example.org', token);
    expect(hits.json().hits).toEqual([]);
    const p = await Client.as(app, db, participant);
    expect((await p.get('/privacy/requests')).statusCode).toBe(403);
  });
});

describe('data-subject erasure', () => {
  it('previews, refuses a wrong confirmation, then anonymises what may be and keeps what must be', async () => {
    const c = await Client.as(app, db, admin);
    const before = await Client.as(app, db, participant);
    const preview = await c.get(`/privacy/requests/${participant.id}/erase`);
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toMatch(/data-table="auth_sessions" data-action="delete"/);
    expect(preview.body).toMatch(/data-table="users" data-action="anonymise"/);
    expect(preview.body).toMatch(/data-table="audit_log" data-action="keep"/);
    const [esf] = await db.query<{ id: string; first_name: string }>(
      'SELECT id, first_name FROM esf_participants WHERE user_id = $1',
      [participant.id],
    );

    const wrong = await c.post(`/privacy/requests/${participant.id}/erase`, {
      confirmEmail: 'x@example.org',
      reason: 'RK 1',
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('ds-error-summary');
    expect(
      (
        await db.query('SELECT 1 FROM users WHERE id = $1 AND email = $2', [
          participant.id,
          participant.email,
        ])
      ).length,
    ).toBe(1);

    const done = await c.post(`/privacy/requests/${participant.id}/erase`, {
      confirmEmail: 'Participant@example.org',
      reason: 'RK 2026/17',
    });
    expect(done.statusCode).toBe(303);
    const [u] = await db.query<{
      email: string;
      name: string;
      password_hash: string | null;
      disabled_at: Date | null;
    }>('SELECT email, name, password_hash, disabled_at FROM users WHERE id = $1', [participant.id]);
    expect(u?.email).toBe(`erased-${participant.id}@invalid`);
    expect(u?.name).toBe('Raderad användare');
    expect(u?.password_hash).toBeNull();
    expect(u?.disabled_at).not.toBeNull();
    for (const t of ['auth_sessions', 'memberships', 'api_tokens'])
      expect((await db.query(`SELECT 1 FROM ${t} WHERE user_id = $1`, [participant.id])).length, t).toBe(0);
    const learners = await db.query<{ first_name: string; email: string | null }>(
      'SELECT first_name, email FROM learners WHERE user_id = $1',
      [participant.id],
    );
    expect(learners.every((l) => l.first_name === 'Raderad' && l.email === null)).toBe(true);
    if (esf) {
      const [kept] = await db.query<{ first_name: string }>(
        'SELECT first_name FROM esf_participants WHERE id = $1',
        [esf.id],
      );
      expect(kept?.first_name).toBe(esf.first_name);
    }
    expect(
      (await db.query("SELECT 1 FROM xapi_statements WHERE actor_key LIKE 'mbox:mailto:participant@%'"))
        .length,
    ).toBe(0);
    const [audit] = await db.query<{ details: Record<string, unknown> }>(
      `SELECT details FROM audit_log WHERE action = 'privacy.erase' ORDER BY id DESC LIMIT 1`,
    );
    expect(audit?.details).toHaveProperty('deleted');
    expect(JSON.stringify(audit?.details)).not.toMatch(/participant|@/);
    const [req] = await db.query<{ outcome: Record<string, { action: string; rows: number }> }>(
      `SELECT outcome FROM data_subject_requests WHERE kind = 'erasure' AND subject_user_id = $1`,
      [participant.id],
    );
    expect(req?.outcome.users).toEqual({ action: 'anonymise', rows: 1 });
    // The person's old session is gone: they are signed out and cannot come back in.
    const after = await before.get('/privacy/my-data');
    expect(after.statusCode).toBe(302);
  });

  it('the API twin: 422 without change on bad input, refuses self-erasure, erases on confirmation', async () => {
    const coach = await userByEmail('coach@example.org');
    const url = `/api/v1/privacy/users/${coach.id}/erasure`;
    const preview = await api('GET', url, adminToken);
    expect(preview.statusCode).toBe(200);
    expect(preview.json().lines.find((l: { table: string }) => l.table === 'users')?.action).toBe(
      'anonymise',
    );
    expect(
      (await api('POST', url, adminToken, { confirmEmail: 'not-an-email', reason: 'x' })).statusCode,
    ).toBe(422);
    expect(
      (await api('POST', url, adminToken, { confirmEmail: 'other@example.org', reason: 'x' })).statusCode,
    ).toBe(422);
    const self = await api('POST', `/api/v1/privacy/users/${admin.id}/erasure`, adminToken, {
      confirmEmail: admin.email,
      reason: 'x',
    });
    expect(self.statusCode).toBe(422);
    expect(
      (await db.query('SELECT 1 FROM users WHERE id = $1 AND email = $2', [coach.id, coach.email])).length,
    ).toBe(1);
    const ok = await api('POST', url, adminToken, { confirmEmail: coach.email, reason: 'RK 2026/18' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().rows).toBeGreaterThan(0);
    const kept = await db.query('SELECT 1 FROM coaching_meetings WHERE coach_id = $1', [coach.id]);
    expect(kept.length).toBeGreaterThan(0);
  });
});
