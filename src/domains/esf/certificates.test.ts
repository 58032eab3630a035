// Time certificates: whole hours per date (rounded down), versions (signed = frozen, a correction is the
// next version), the participant's confirmation and the manager's countersignature (session, batch,
// one-time link: single use and expiry, paper), access (own company, own certificates), the PDF with the
// full number (audited) and the month locked by a closed claim period.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorOf, apiToken, Client, failure, makeUser, type TestUser, testApp } from '../../../test/app.ts';
import { testDb } from '../../../test/db.ts';
import { makeCompany } from '../../../test/factories.ts';
import type { Db } from '../../platform/db.ts';
import { correctCertificate, generateMonth, getCertificate } from './service/certificates.ts';
import { certificateStatusForMonths } from './service/certificates-read.ts';
import { confirmOwn, countersign, recordPaper } from './service/certificates-sign.ts';
import { addAttendance, type EsfSetup, esfSetup, makeContactUser, makeParticipant } from './test-support.ts';

let db: Db;
let s: EsfSetup;
let app: FastifyInstance;
let contact: TestUser;
const ctx = () => ({ actor: s.adminActor, ip: '127.0.0.1' });

beforeAll(async () => {
  db = await testDb();
  s = await esfSetup(db);
  app = (await testApp(db)).app;
  contact = await makeContactUser(db, s.companyId);
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

/** A participant with their own login and attendance in a month; returns ids and the user. */
async function participantWithUser(days: { date: string; minutes: number }[], companyId = s.companyId) {
  const p = await makeParticipant(db, s, { companyId });
  const user = await makeUser(db, [{ role: 'participant', org: `company:${companyId}` }]);
  await db.query('UPDATE esf_participants SET user_id = $2 WHERE id = $1', [p.id, user.id]);
  await addAttendance(db, s, p.id, days);
  return { ...p, user };
}

async function certOf(participantId: string, month: string) {
  const [row] = await db.query<{ id: string; version: number; status: string }>(
    `SELECT id, version, status FROM esf_certificates WHERE participant_id = $1 AND month = $2
      ORDER BY version DESC LIMIT 1`,
    [participantId, month],
  );
  if (!row) throw new Error('no certificate');
  return row;
}

const asUser = async (u: TestUser) => ({ actor: await actorOf(db, u.id), ip: '127.0.0.1' });

describe('ESF time certificates', () => {
  it('rounds each date down to whole hours (20 min → 0 h, 200 min → 3 h) and shows the rule', async () => {
    const p = await participantWithUser([
      { date: '2026-10-05', minutes: 200 },
      { date: '2026-10-06', minutes: 20 },
      { date: '2026-10-07', minutes: 60 },
    ]);
    const r = await generateMonth(db, ctx(), '2026-10');
    expect(r.created).toBeGreaterThanOrEqual(1);
    const d = await getCertificate(db, s.adminActor, (await certOf(p.id, '2026-10')).id);
    expect(d.certificate.lines.map((l) => [l.date, l.minutes, l.hours])).toEqual([
      ['2026-10-05', 200, 3],
      ['2026-10-06', 20, 0],
      ['2026-10-07', 60, 1],
    ]);
    expect(d.certificate.totalHours).toBe(4);
    expect(d.certificate.employerOrgNumber).toMatch(/^\d{6}-\d{4}$/);
    const page = await (await Client.as(app, db, p.user)).get('/my/certificates');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('20 minuter en dag blir 0 timmar');
    expect(page.body).not.toContain(p.personnummer);
  });

  it('regenerates a draft in place; a signed certificate is frozen and a correction creates version 2', async () => {
    const p = await participantWithUser([{ date: '2026-08-03', minutes: 120 }]);
    await generateMonth(db, ctx(), '2026-08');
    const v1 = await certOf(p.id, '2026-08');
    await addAttendance(db, s, p.id, [{ date: '2026-08-04', minutes: 90 }]);
    expect((await generateMonth(db, ctx(), '2026-08')).updated).toBeGreaterThanOrEqual(1);
    expect(await certOf(p.id, '2026-08')).toMatchObject({ id: v1.id, version: 1, status: 'draft' });
    expect((await getCertificate(db, s.adminActor, v1.id)).certificate.totalHours).toBe(3);
    await confirmOwn(db, await asUser(p.user), v1.id);
    await countersign(db, await asUser(contact), [v1.id]);
    expect((await certOf(p.id, '2026-08')).status).toBe('signed');
    // Frozen: generating again leaves it alone; nothing signs it again.
    await addAttendance(db, s, p.id, [{ date: '2026-08-05', minutes: 60 }]);
    expect((await generateMonth(db, ctx(), '2026-08')).locked).toBeGreaterThanOrEqual(1);
    expect((await getCertificate(db, s.adminActor, v1.id)).certificate.totalHours).toBe(3);
    expect(
      (await failure(recordPaper(db, ctx(), v1.id, { participantName: 'A', managerName: 'B' }))).code,
    ).toBe('CONFLICT');
    const v2 = await correctCertificate(db, ctx(), v1.id, 'Missad närvaro 5 augusti');
    expect(v2.version).toBe(2);
    const d = await getCertificate(db, s.adminActor, v2.id);
    expect(d.certificate).toMatchObject({
      status: 'draft',
      totalHours: 4,
      reason: 'Missad närvaro 5 augusti',
    });
    expect(d.versions.map((v) => [v.version, v.status])).toEqual([
      [2, 'draft'],
      [1, 'superseded'],
    ]);
    // The superseded version keeps its signatures; it cannot be corrected again.
    expect((await getCertificate(db, s.adminActor, v1.id)).signatures).toHaveLength(2);
    expect((await failure(correctCertificate(db, ctx(), v1.id, 'igen'))).code).toBe('CONFLICT');
  });

  it('the participant confirms on the page; the manager countersigns a reviewed batch of several', async () => {
    const a = await participantWithUser([{ date: '2026-07-01', minutes: 180 }]);
    const b = await participantWithUser([{ date: '2026-07-02', minutes: 240 }]);
    await generateMonth(db, ctx(), '2026-07');
    const ca = await certOf(a.id, '2026-07');
    const cb = await certOf(b.id, '2026-07');
    const pa = await Client.as(app, db, a.user);
    const missing = await pa.post(`/my/certificates/${ca.id}/confirm`, {});
    expect(missing.statusCode).toBe(422);
    expect(missing.body).toContain('Kryssa i rutan');
    expect((await pa.post(`/my/certificates/${ca.id}/confirm`, { confirmed: 'on' })).statusCode).toBe(303);
    // Another participant's certificate is not theirs: 404.
    expect((await pa.post(`/my/certificates/${cb.id}/confirm`, { confirmed: 'on' })).statusCode).toBe(404);
    await confirmOwn(db, await asUser(b.user), cb.id);
    const manager = await Client.as(app, db, contact);
    const list = await manager.get('/esf/certificates/sign');
    expect(list.body).toContain(ca.id);
    expect(list.body).toContain(cb.id);
    const unreviewed = await manager.post('/esf/certificates/sign', { ids: `${ca.id},${cb.id}` });
    expect(unreviewed.statusCode).toBe(422);
    expect(unreviewed.body).toContain('granskat');
    const ok = await manager.post('/esf/certificates/sign', { ids: `${ca.id},${cb.id}`, reviewed: 'on' });
    expect(ok.statusCode).toBe(303);
    const sigs = await db.query<{ method: string; batchId: string | null; signerUserId: string }>(
      `SELECT method, batch_id AS "batchId", signer_user_id AS "signerUserId" FROM esf_certificate_signatures
        WHERE certificate_id = ANY($1::uuid[]) AND role = 'manager'`,
      [[ca.id, cb.id]],
    );
    expect(sigs).toHaveLength(2);
    expect(sigs.every((x) => x.method === 'batch' && x.signerUserId === contact.id)).toBe(true);
    expect(new Set(sigs.map((x) => x.batchId)).size).toBe(1);
    expect((await certOf(a.id, '2026-07')).status).toBe('signed');
    const audits = await db.query(
      "SELECT 1 FROM audit_log WHERE action = 'esf.certificate.sign.manager' AND entity_id = $1",
      [ca.id],
    );
    expect(audits).toHaveLength(1);
  });

  it('a named manager signs once through a one-time link; a used or expired link is gone', async () => {
    const p = await participantWithUser([{ date: '2026-06-10', minutes: 300 }]);
    await generateMonth(db, ctx(), '2026-06');
    const c = await certOf(p.id, '2026-06');
    const admin = await Client.as(app, db, s.admin);
    const made = await admin.post(`/esf/certificates/${c.id}/link`, {});
    expect(made.statusCode).toBe(200);
    expect(made.headers['cache-control']).toBe('no-store');
    const url = made.body.match(/data-testid="sign-link">([^<]+)</)?.[1] ?? '';
    const path = new URL(url).pathname;
    expect(path).toMatch(/^\/esf\/sign\/[A-Za-z0-9_-]{43}$/);
    const [stored] = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM esf_sign_links WHERE token_hash = $1',
      [path.split('/').pop() as string],
    );
    expect(stored?.n).toBe(0);
    const anon = await Client.as(app, db, null);
    // Not confirmed by the participant yet: the page says so and signing is refused.
    expect((await anon.get(path)).body).toContain('inte bekräftat');
    await confirmOwn(db, await asUser(p.user), c.id);
    const page = await anon.get(path);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain(p.personnummer);
    expect((await anon.post(path, { name: '', confirmed: 'on' })).statusCode).toBe(422);
    const signed = await anon.post(path, { name: 'Maja Chef', confirmed: 'on' });
    expect(signed.statusCode).toBe(200);
    const d = await getCertificate(db, s.adminActor, c.id);
    expect(d.certificate.status).toBe('signed');
    expect(d.signatures.find((x) => x.role === 'manager')).toMatchObject({
      method: 'link',
      signerName: 'Maja Chef',
    });
    expect((await anon.get(path)).statusCode).toBe(410);
    expect((await anon.post(path, { name: 'Maja Chef', confirmed: 'on' })).statusCode).toBe(410);
    // Expiry.
    const q = await participantWithUser([{ date: '2026-06-11', minutes: 60 }]);
    await generateMonth(db, ctx(), '2026-06');
    const cq = await certOf(q.id, '2026-06');
    const made2 = await admin.post(`/esf/certificates/${cq.id}/link`, {});
    const path2 = new URL(made2.body.match(/data-testid="sign-link">([^<]+)</)?.[1] ?? '').pathname;
    await db.query(
      `UPDATE esf_sign_links SET expires_at = now() - interval '1 minute' WHERE certificate_id = $1`,
      [cq.id],
    );
    expect((await anon.get(path2)).statusCode).toBe(410);
    expect((await anon.get('/esf/sign/not-a-token')).statusCode).toBe(404);
  });

  it('a contact of another company gets 404; a participant sees only their own certificates', async () => {
    const p = await participantWithUser([{ date: '2026-05-04', minutes: 120 }]);
    const other = await participantWithUser([{ date: '2026-05-05', minutes: 120 }]);
    await generateMonth(db, ctx(), '2026-05');
    const c = await certOf(p.id, '2026-05');
    const otherCompany = await makeCompany(db, s.officer);
    const stranger = await Client.as(app, db, await makeContactUser(db, otherCompany));
    expect((await stranger.get(`/esf/certificates/${c.id}`)).statusCode).toBe(404);
    expect((await stranger.post('/esf/certificates/sign', { ids: c.id, reviewed: 'on' })).statusCode).toBe(
      404,
    );
    expect((await (await Client.as(app, db, contact)).get(`/esf/certificates/${c.id}`)).statusCode).toBe(200);
    const mine = await (await Client.as(app, db, p.user)).get('/my/certificates');
    expect(mine.body).toContain(c.id);
    expect(mine.body).not.toContain((await certOf(other.id, '2026-05')).id);
    const token = await apiToken(db, p.user.id);
    const api = await app.inject({
      url: '/api/v1/my/certificates',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(api.statusCode).toBe(200);
    expect((api.json() as { id: string }[]).map((x) => x.id)).toEqual([c.id]);
    const foreign = await app.inject({
      url: `/api/v1/esf/certificates/${(await certOf(other.id, '2026-05')).id}`,
      headers: {
        authorization: `Bearer ${await apiToken(db, (await makeContactUser(db, otherCompany)).id)}`,
      },
    });
    expect(foreign.statusCode).toBe(404);
  });

  it('the PDF carries the full number for ESF administrators only, and every download is audited', async () => {
    const p = await participantWithUser([{ date: '2026-04-07', minutes: 200 }]);
    await generateMonth(db, ctx(), '2026-04');
    const c = await certOf(p.id, '2026-04');
    expect((await (await Client.as(app, db, contact)).get(`/esf/certificates/${c.id}.pdf`)).statusCode).toBe(
      403,
    );
    const res = await (await Client.as(app, db, s.admin)).get(`/esf/certificates/${c.id}.pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await pdfjs.getDocument({
      data: new Uint8Array(res.rawPayload),
      useSystemFonts: false,
      isEvalSupported: false,
    }).promise;
    const page = await doc.getPage(1);
    const text = (await page.getTextContent()).items
      .map((i) => ('str' in i ? i.str : ''))
      .join(' ')
      .replace(/\s+/g, ' ');
    await doc.destroy();
    expect(text).toContain(p.personnummer);
    expect(text).toContain('2026-04-07');
    expect(text).toContain('Summa hela timmar: 3');
    const audits = await db.query(
      "SELECT 1 FROM audit_log WHERE action = 'esf.identity.document.certificate_pdf' AND entity_id = $1",
      [c.id],
    );
    expect(audits).toHaveLength(1);
  });

  it('a month in a closed claim period is locked (409); the claim read model sees each latest version', async () => {
    const p = await participantWithUser([{ date: '2026-03-03', minutes: 130 }]);
    await generateMonth(db, ctx(), '2026-03');
    const c = await certOf(p.id, '2026-03');
    await db.query(
      `INSERT INTO esf_claim_periods (id, programme_id, first_month, last_month, status, closed_at)
       VALUES (gen_random_uuid(), $1, '2026-01', '2026-03', 'closed', now())`,
      [s.programmeId],
    );
    expect((await failure(generateMonth(db, ctx(), '2026-03'))).code).toBe('CONFLICT');
    expect((await failure(confirmOwn(db, await asUser(p.user), c.id))).code).toBe('CONFLICT');
    const admin = await Client.as(app, db, s.admin);
    expect((await admin.post('/esf/certificates/generate', { month: '2026-02' })).statusCode).toBe(409);
    const bad = await admin.post('/esf/certificates/generate', { month: '2026-13' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('2026-13');
    const rows = await certificateStatusForMonths(db, s.programmeId, '2026-03', '2026-10');
    expect(rows.find((r) => r.participantId === p.id)).toEqual({
      participantId: p.id,
      month: '2026-03',
      latestVersion: 1,
      status: 'draft',
      totalHours: 2,
    });
    expect(rows.every((r) => r.status !== 'superseded')).toBe(true);
  });
});
