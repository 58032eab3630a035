import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiToken, Client, makeUser, type TestUser, testApp } from '../../../test/app.ts';
import { testDb } from '../../../test/db.ts';
import { allRoutes } from '../../app.ts';
import { audit } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import { ensureRegion } from '../organisations/index.ts';

let db: Db;
let app: FastifyInstance;
let admin: TestUser;
let esf: TestUser;
let officer: TestUser;
let otherAdmin: TestUser;

beforeAll(async () => {
  db = await testDb();
  ({ app } = await testApp(db));
  admin = await makeUser(db, [{ role: 'region_admin', org: 'region' }], { name: 'Rut Region' });
  esf = await makeUser(db, [{ role: 'esf_admin', org: 'region' }], { name: 'Esa Esf' });
  officer = await makeUser(db, [{ role: 'municipality_officer', org: '0781' }], { name: 'Olle Officer' });
  otherAdmin = await makeUser(db, [{ role: 'region_admin', org: 'region' }], {
    county: '06',
    name: 'Annan Region',
  });
  const r07 = await ensureRegion(db, '07');
  const r06 = await ensureRegion(db, '06');
  const e = (actor: string | null, action: string, organisationId: string | null, entityId = 'x1') =>
    audit(db, { actorUserId: actor, action, entityType: 'thing', entityId, organisationId, ip: '10.0.0.7' });
  await e(admin.id, 'companies.create', r07, 'c-07');
  await e(otherAdmin.id, 'companies.create', r06, 'c-06');
  await e(officer.id, 'mapping.submit', null, 'm-07');
  await e(esf.id, 'esf.identity.reveal', null, 'p-07');
  await e(esf.id, 'esf.rules.update', null, 'rules-07');
  await e(otherAdmin.id, 'esf.identity.reveal', null, 'p-06');
}, 240_000);
afterAll(async () => {
  await app.close();
  await db.close();
});

const ids = (body: string) => [...body.matchAll(/<code>([a-z.]+)<\/code>/g)].map((m) => m[1]);

describe('audit log viewer', () => {
  it('a region admin sees the entries of the region only, newest first, with who, what, where from', async () => {
    const res = await (await Client.as(app, db, admin)).get('/admin/audit?entityType=thing');
    expect(res.statusCode).toBe(200);
    expect(ids(res.body)).toEqual([
      'esf.rules.update',
      'esf.identity.reveal',
      'mapping.submit',
      'companies.create',
    ]);
    expect(res.body).toContain('c-07');
    expect(res.body).not.toContain('c-06');
    expect(res.body).not.toContain('p-06');
    expect(res.body).toContain('Olle Officer');
    expect(res.body).toContain('10.0.0.7');
  });

  it('an ESF administrator sees only the identity entries of the region', async () => {
    const token = await apiToken(db, esf.id);
    const res = await app.inject({
      method: 'GET',
      url: '/api/v1/audit',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { total: number; entries: { action: string; entityId: string }[] };
    expect(body.entries.map((x) => [x.action, x.entityId])).toEqual([['esf.identity.reveal', 'p-07']]);
    expect(body.total).toBe(1);
  });

  it('filters by actor, action prefix, entity and date; bad filters give field errors', async () => {
    const c = await Client.as(app, db, admin);
    expect(ids((await c.get('/admin/audit?actor=olle')).body)).toEqual(['mapping.submit']);
    expect(ids((await c.get('/admin/audit?action=esf.')).body)).toEqual([
      'esf.rules.update',
      'esf.identity.reveal',
    ]);
    expect(ids((await c.get('/admin/audit?entityType=thing&entityId=c-07')).body)).toEqual([
      'companies.create',
    ]);
    expect(ids((await c.get('/admin/audit?from=2000-01-01&to=2000-12-31')).body)).toEqual([]);
    expect(ids((await c.get('/admin/audit?action=%25')).body)).toEqual([]);
    const bad = await c.get('/admin/audit?from=2026-02-30&to=1999-01-01');
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('ds-error-summary');
    const token = await apiToken(db, admin.id);
    const api = await app.inject({
      method: 'GET',
      url: '/api/v1/audit?from=2026-12-01&to=2026-11-01',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(api.statusCode).toBe(422);
  });

  it('exports CSV of the filtered entries; the export is audited', async () => {
    const c = await Client.as(app, db, admin);
    const res = await c.get('/admin/audit.csv?action=companies');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const lines = res.body.trim().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('c-07');
    const [row] = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'privacy.audit.export' AND actor_user_id = $1`,
      [admin.id],
    );
    expect(row?.n).toBe(1);
  });

  it('others are refused: officers 403, anonymous to login', async () => {
    expect((await (await Client.as(app, db, officer)).get('/admin/audit')).statusCode).toBe(403);
    expect((await (await Client.as(app, db, null)).get('/admin/audit')).statusCode).not.toBe(200);
  });

  it('is append-only: the table refuses update and delete, and no route writes audit rows', async () => {
    await expect(db.query(`UPDATE audit_log SET action = 'x'`)).rejects.toThrow();
    await expect(db.query(`DELETE FROM audit_log`)).rejects.toThrow();
    const auditRoutes = allRoutes().filter((r) => /audit/i.test(r.url));
    expect(auditRoutes.length).toBeGreaterThanOrEqual(3);
    expect(auditRoutes.every((r) => r.method === 'GET')).toBe(true);
    const writes = allRoutes().filter(
      (r) => r.method === 'PUT' || r.method === 'DELETE' || r.method === 'PATCH',
    );
    expect(writes.filter((r) => /audit/i.test(r.url))).toEqual([]);
  });
});
