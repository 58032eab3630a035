// The accessibility statement, privacy notice and accessibility reports over HTTP on a real database.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiToken, Client, makeUser, type TestUser, testApp } from '../../../test/app.ts';
import { testDb } from '../../../test/db.ts';
import type { Db } from '../../platform/db.ts';
import { ensureRegion } from '../organisations/index.ts';
import { seedNoticesDemo } from './demo.ts';
import { REPORT_LIMIT } from './service.ts';

let db: Db;
let app: FastifyInstance;
let admin: TestUser;
let otherAdmin: TestUser;
let regionId: string;

const count = async (table: string) =>
  (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0].n;

/** A form post from its own client address (the rate limit is per address). */
async function postReport(client: Client, form: Record<string, string>, ip: string) {
  const csrf = await client.csrf();
  return app.inject({
    method: 'POST',
    url: '/accessibility/report',
    remoteAddress: ip,
    headers: {
      cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      'content-type': 'application/x-www-form-urlencoded',
    },
    payload: new URLSearchParams({ ...form, _csrf: csrf }).toString(),
  });
}

beforeAll(async () => {
  db = await testDb();
  ({ app } = await testApp(db));
  admin = await makeUser(db, [{ role: 'region_admin', org: 'region' }], { email: 'a11y-admin@example.test' });
  otherAdmin = await makeUser(db, [{ role: 'region_admin', org: 'region' }], { county: '06' });
  regionId = await ensureRegion(db, '07');
});

afterAll(async () => {
  await app?.close();
  await db?.close();
});

describe('accessibility statement and privacy notice', () => {
  it('serves the statement in Swedish and English with the report form and the supervisory authority', async () => {
    const sv = await app.inject('/accessibility');
    expect(sv.statusCode).toBe(200);
    expect(sv.body).toContain('Tillgänglighet för Kompetensnavet');
    expect(sv.body).toContain('delvis förenlig');
    expect(sv.body).toContain('https://www.digg.se/tdosanmalan');
    expect(sv.body).toContain('href="/accessibility/report"');
    const en = await app.inject({ url: '/accessibility', cookies: { kn_lang: 'en' } });
    expect(en.body).toContain('Accessibility of Kompetensnavet');
    expect(en.body).toContain('partially compliant');
  });

  it('serves the privacy notice with controllers, legal bases, IMY and the data export link', async () => {
    const sv = await app.inject('/privacy');
    expect(sv.statusCode).toBe(200);
    expect(sv.body).toContain('artikel 6.1 e');
    expect(sv.body).toContain('https://www.imy.se');
    expect(sv.body).toContain('href="/privacy/my-data"');
    const en = await app.inject({ url: '/privacy', cookies: { kn_lang: 'en' } });
    expect(en.body).toContain('Swedish Authority for Privacy Protection');
  });

  it('links both from the footer of every page', async () => {
    for (const url of ['/login', '/accessibility', '/privacy']) {
      const res = await app.inject(url);
      expect(res.body).toMatch(
        /<footer[\s\S]*href="\/accessibility"[\s\S]*href="\/privacy"[\s\S]*<\/footer>/,
      );
    }
  });
});

describe('accessibility reports', () => {
  it('prefills the page from `from`, stores the report, mails the region admins and lists it for them', async () => {
    const client = await Client.as(app, db, null);
    const form = await client.get('/accessibility/report?from=/kurser%3Fq%3Dx');
    expect(form.body).toContain('value="/kurser"');
    const res = await postReport(
      client,
      {
        page: '/kurser',
        description: 'Knappen går inte att nå med tangentbordet.',
        wantsAlternative: 'on',
        organisationId: regionId,
        name: 'Rut Rapportör',
        email: 'rut@example.test',
        website: '',
      },
      '10.0.0.1',
    );
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/accessibility/report/sent');
    const [mail] = await db.query<{ subject: string; body_text: string }>(
      `SELECT subject, body_text FROM mail_outbox WHERE to_address = 'a11y-admin@example.test'`,
    );
    expect(mail.subject).toContain('tillgänglighetsrapport');
    expect(mail.body_text).toContain('Knappen går inte att nå');
    const page = await (await Client.as(app, db, admin)).get('/admin/accessibility-reports');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Rut Rapportör, rut@example.test');
    // Another region's admin sees nothing of it.
    const other = await (await Client.as(app, db, otherAdmin)).get('/admin/accessibility-reports');
    expect(other.body).not.toContain('Rut Rapportör');
  });

  it('shows field errors on bad input and writes nothing', async () => {
    const before = await count('accessibility_reports');
    const client = await Client.as(app, db, null);
    const res = await postReport(
      client,
      { page: '', description: 'x'.repeat(4001), email: 'nope' },
      '10.0.0.2',
    );
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('ds-error-summary');
    expect(res.body).toContain('href="#f-page"');
    expect(res.body).toContain('href="#f-email"');
    expect(await count('accessibility_reports')).toBe(before);
  });

  it('takes a filled honeypot like a success but stores nothing', async () => {
    const before = await count('accessibility_reports');
    const res = await postReport(
      await Client.as(app, db, null),
      { page: '/', description: 'spam', website: 'http://spam.example', organisationId: regionId },
      '10.0.0.3',
    );
    expect(res.statusCode).toBe(303);
    expect(await count('accessibility_reports')).toBe(before);
  });

  it(`rate-limits a client address to ${REPORT_LIMIT} reports in ten minutes, form and API together`, async () => {
    const client = await Client.as(app, db, null);
    for (let i = 0; i < REPORT_LIMIT - 1; i++)
      expect(
        (
          await postReport(
            client,
            { page: '/', description: `nr ${i}`, organisationId: regionId },
            '10.0.0.4',
          )
        ).statusCode,
      ).toBe(303);
    const api = await app.inject({
      method: 'POST',
      url: '/api/v1/accessibility-reports',
      remoteAddress: '10.0.0.4',
      payload: { page: '/', description: 'via API', organisationId: regionId },
    });
    expect(api.statusCode).toBe(201);
    const before = await count('accessibility_reports');
    const blocked = await postReport(
      client,
      { page: '/', description: 'one too many', organisationId: regionId },
      '10.0.0.4',
    );
    expect(blocked.statusCode).toBe(429);
    expect(blocked.body).toContain('Vänta tio minuter');
    expect(await count('accessibility_reports')).toBe(before);
    expect(
      (
        await postReport(
          client,
          { page: '/', description: 'other address', organisationId: regionId },
          '10.0.0.5',
        )
      ).statusCode,
    ).toBe(303);
  });

  it('lets the region admin set status and note, by page and API, and answers 404 outside the region', async () => {
    await seedNoticesDemo(db, regionId);
    const [report] = await db.query<{ id: string }>(
      `SELECT id FROM accessibility_reports WHERE region_id = $1 AND status = 'new' LIMIT 1`,
      [regionId],
    );
    const page = await (await Client.as(app, db, admin)).post(`/admin/accessibility-reports/${report.id}`, {
      status: 'in_progress',
      note: 'Vi tittar på det.',
    });
    expect(page.statusCode).toBe(303);
    const token = await apiToken(db, admin.id);
    const listed = await app.inject({
      url: '/api/v1/accessibility-reports?status=in_progress',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(listed.statusCode).toBe(200);
    expect(listed.json().map((r: { id: string }) => r.id)).toContain(report.id);
    const patched = await app.inject({
      method: 'PATCH',
      url: `/api/v1/accessibility-reports/${report.id}`,
      headers: { authorization: `Bearer ${token}` },
      payload: { status: 'answered', note: 'Besvarad per e-post.' },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ status: 'answered', note: 'Besvarad per e-post.' });
    const bad = await app.inject({
      method: 'PATCH',
      url: `/api/v1/accessibility-reports/${report.id}`,
      headers: { authorization: `Bearer ${token}` },
      payload: { status: 'closed' },
    });
    expect(bad.statusCode).toBe(422);
    const otherToken = await apiToken(db, otherAdmin.id);
    const foreign = await app.inject({
      method: 'PATCH',
      url: `/api/v1/accessibility-reports/${report.id}`,
      headers: { authorization: `Bearer ${otherToken}` },
      payload: { status: 'new' },
    });
    expect(foreign.statusCode).toBe(404);
    const coach = await makeUser(db, [{ role: 'coach', org: '0780' }]);
    expect((await (await Client.as(app, db, coach)).get('/admin/accessibility-reports')).statusCode).toBe(
      403,
    );
    const [audit] = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'accessibility_report.update' AND entity_id = $1`,
      [report.id],
    );
    expect(audit.n).toBe(2);
  });
});
