// Payment-claim periods: every kind of problem blocks closing and is listed with a link to fix it; once
// fixed, the period closes and stamps the latest certificates and SCB months; overlapping periods and
// months out of order are refused; company contacts may not see the pages, region admins may read.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiToken, Client, failure, makeUser, testApp } from '../../../test/app.ts';
import { testDb } from '../../../test/db.ts';
import type { Db } from '../../platform/db.ts';
import { monthClosed } from './repo-claims.ts';
import { closeClaimPeriod, createClaimPeriod, getClaimPeriod } from './service/claims.ts';
import { claimPeriodInput } from './service/claims-schema.ts';
import { addAttendance, type EsfSetup, esfSetup, makeContactUser, makeParticipant } from './test-support.ts';

let db: Db;
let s: EsfSetup;
let app: FastifyInstance;
const Y = new Date().getUTCFullYear() - 1;
const M1 = `${Y}-03`;
const M2 = `${Y}-04`;
const ctx = () => ({ actor: s.adminActor, ip: '127.0.0.1' });
const input = (firstMonth: string, lastMonth: string) => claimPeriodInput.parse({ firstMonth, lastMonth });

beforeAll(async () => {
  db = await testDb();
  s = await esfSetup(db);
  ({ app } = await testApp(db));
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

async function certificate(participantId: string, month: string, status: string, version = 1) {
  const id = randomUUID();
  await db.query(
    `INSERT INTO esf_certificates (id, participant_id, month, version, status, lines, total_hours, employer_name,
       employer_org_number) VALUES ($1, $2, $3, $4, $5, '[]', 3, 'Testbolaget', '5560000000')`,
    [id, participantId, month, version, status],
  );
  return id;
}

async function scbMonth(
  month: string,
  version: number,
  resend: boolean,
  rows: { id: string; start: string }[],
) {
  const id = randomUUID();
  await db.query(
    `INSERT INTO esf_scb_months (id, programme_id, month, version, columns, row_count, checksum, resend_required)
     VALUES ($1, $2, $3, $4, '{personnummer}', $5, 'x', $6)`,
    [id, s.programmeId, month, version, rows.length, resend],
  );
  let position = 0;
  for (const r of rows)
    await db.query(
      `INSERT INTO esf_scb_month_rows (month_id, participant_id, position, first_name, last_name, started_on,
         employer_org_number) VALUES ($1, $2, $3, 'T', 'D', $4, '5560000000')`,
      [id, r.id, position++, r.start],
    );
  return id;
}

describe('ESF payment-claim periods', () => {
  let periodId: string;
  let a: string;
  let b: string;
  let c: string;
  let cCert: string;

  it('refuses months out of order, outside the programme, and overlapping periods', async () => {
    const order = await failure(createClaimPeriod(db, ctx(), input(M2, M1)));
    expect(order.fields).toEqual([{ field: 'lastMonth', message: 'esf.claims.order' }]);
    const outside = await failure(createClaimPeriod(db, ctx(), input(`${Y - 5}-01`, M1)));
    expect(outside.fields.map((f) => f.message)).toEqual(['esf.claims.outside']);
    const p = await createClaimPeriod(db, ctx(), input(M1, M2));
    periodId = p.id;
    expect(p).toMatchObject({ firstMonth: M1, lastMonth: M2, status: 'open' });
    const overlap = await failure(createClaimPeriod(db, ctx(), input(M2, `${Y}-06`)));
    expect(overlap.fields).toEqual([{ field: 'firstMonth', message: 'esf.claims.overlap' }]);
    expect(claimPeriodInput.safeParse({ firstMonth: `${Y}-13`, lastMonth: 'x' }).success).toBe(false);
  });

  it('lists every kind of problem and refuses to close', async () => {
    a = (await makeParticipant(db, s, { firstName: 'Anna', lastName: 'Utanstart' })).id;
    await addAttendance(db, s, a, [{ date: `${M1}-10`, minutes: 120 }]);
    b = (await makeParticipant(db, s, { firstName: 'Bo', lastName: 'Slutad', startedOn: `${M1}-05` })).id;
    await addAttendance(db, s, b, [
      { date: `${M1}-10`, minutes: 180 },
      { date: `${M2}-02`, minutes: 60 },
    ]);
    await db.query('UPDATE esf_participants SET ended_on = $2 WHERE id = $1', [b, `${M1}-20`]);
    c = (await makeParticipant(db, s, { firstName: 'Cia', lastName: 'Osignerad', startedOn: `${M1}-05` })).id;
    await addAttendance(db, s, c, [{ date: `${M1}-12`, minutes: 65 }]);
    cCert = await certificate(c, M1, 'participant_confirmed');
    const d = (await makeParticipant(db, s, { firstName: 'Dan', lastName: 'Kort', startedOn: `${M1}-05` }))
      .id;
    await addAttendance(db, s, d, [{ date: `${M1}-13`, minutes: 20 }]);

    const { check } = await getClaimPeriod(db, s.adminActor, periodId);
    const kinds = check.problems.map((p) => `${p.kind}:${p.month}:${p.participantName ?? ''}`);
    expect(kinds).toEqual(
      expect.arrayContaining([
        `scbMissing:${M1}:`,
        `scbMissing:${M2}:`,
        // Anna's start is taken from her first activity (no start is left empty when there are hours).
        `startNotReported:${M1}:Anna Utanstart`,
        `noCertificate:${M1}:Anna Utanstart`,
        `startNotReported:${M1}:Bo Slutad`,
        `hoursAfterEnd:${M2}:Bo Slutad`,
        `unsigned:${M1}:Cia Osignerad`,
      ]),
    );
    expect(kinds.some((k) => k.includes('Dan Kort'))).toBe(false);
    expect(check.problems.find((p) => p.kind === 'unsigned')?.href).toBe(`/esf/certificates/${cCert}`);
    expect(check.problems.find((p) => p.kind === 'hoursAfterEnd')?.href).toBe(`/esf/participants/${b}`);
    expect(check.problems.find((p) => p.kind === 'scbMissing')?.href).toBe(`/esf/scb/${M1}`);
    const row = check.summary.find((r) => r.month === M1);
    expect(row).toMatchObject({ participants: 3, hours: 2 + 3 + 1, signed: 0, unsigned: 1 });

    const refused = await failure(closeClaimPeriod(db, ctx(), periodId));
    expect(refused.code).toBe('VALIDATION');
    expect(refused.fields.map((f) => f.message)).toContain('esf.claims.problem.hoursAfterEnd');
    const [p] = await db.query<{ status: string }>('SELECT status FROM esf_claim_periods WHERE id = $1', [
      periodId,
    ]);
    expect(p?.status).toBe('open');
  });

  it('pages: the problem list with links, a refused close re-renders with 422; access by role', async () => {
    const admin = await Client.as(app, db, s.admin);
    const page = await admin.get(`/esf/claims/${periodId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`href="/esf/participants/${b}"`);
    expect(page.body).toContain(`href="/esf/certificates?month=${M1}"`);
    const close = await admin.post(`/esf/claims/${periodId}/close`, {});
    expect(close.statusCode).toBe(422);
    expect(close.body).toContain('data-problem="hoursAfterEnd"');
    const bad = await admin.post('/esf/claims', { firstMonth: M2, lastMonth: `${Y}-05` });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain(`value="${Y}-05"`);

    const contact = await Client.as(app, db, await makeContactUser(db, s.companyId));
    expect((await contact.get('/esf/claims')).statusCode).toBe(403);
    expect((await contact.get(`/esf/claims/${periodId}`)).statusCode).toBe(403);
    const regionAdmin = await makeUser(db, [{ role: 'region_admin', org: 'region' }]);
    const ra = await Client.as(app, db, regionAdmin);
    expect((await ra.get(`/esf/claims/${periodId}`)).statusCode).toBe(200);
    expect((await ra.post(`/esf/claims/${periodId}/close`, {})).statusCode).toBe(403);

    const token = await apiToken(db, s.admin.id);
    const api = await app.inject({
      method: 'POST',
      url: `/api/v1/esf/claims/${periodId}/close`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(api.statusCode).toBe(422);
    expect(api.json().errors.map((e: { code: string }) => e.code)).toContain(
      'esf.claims.problem.hoursAfterEnd',
    );
    const got = await app.inject({
      method: 'GET',
      url: `/api/v1/esf/claims/${periodId}`,
      headers: { authorization: `Bearer ${await apiToken(db, regionAdmin.id)}` },
    });
    expect(got.statusCode).toBe(200);
    expect(got.json().problems.length).toBeGreaterThan(0);
  });

  it('closes once every problem is fixed, and stamps the latest certificates and SCB months', async () => {
    await db.query('UPDATE esf_participants SET started_on = $2 WHERE id = $1', [a, `${M1}-10`]);
    await db.query('UPDATE esf_participants SET ended_on = $2 WHERE id = $1', [b, `${M2}-30`]);
    await scbMonth(M1, 1, false, [
      { id: a, start: `${M1}-10` },
      { id: b, start: `${M1}-05` },
      { id: c, start: `${M1}-05` },
    ]);
    await scbMonth(M2, 1, true, []);
    let check = (await getClaimPeriod(db, s.adminActor, periodId)).check;
    expect(check.problems.map((p) => p.kind)).toContain('scbResend');
    const m2v2 = await scbMonth(M2, 2, false, []);
    await db.query(`UPDATE esf_certificates SET status = 'superseded' WHERE id = $1`, [cCert]);
    const cSigned = await certificate(c, M1, 'signed', 2);
    await certificate(a, M1, 'signed');
    await certificate(b, M1, 'signed');
    await certificate(b, M2, 'signed');
    check = (await getClaimPeriod(db, s.adminActor, periodId)).check;
    expect(check.problems).toEqual([]);

    const closed = await closeClaimPeriod(db, ctx(), periodId);
    expect(closed.period).toMatchObject({ status: 'closed' });
    expect(closed.period.closedAt).toBeInstanceOf(Date);
    const stamped = await db.query<{ id: string }>(
      'SELECT id FROM esf_certificates WHERE claim_period_id = $1 ORDER BY id',
      [periodId],
    );
    expect(stamped.map((r) => r.id)).toContain(cSigned);
    expect(stamped.map((r) => r.id)).not.toContain(cCert);
    expect(stamped.length).toBe(4);
    const months = await db.query<{ id: string }>(
      'SELECT id FROM esf_scb_months WHERE claim_period_id = $1',
      [periodId],
    );
    expect(months.map((r) => r.id).sort()).toEqual(
      [
        m2v2,
        ...(await db.query<{ id: string }>(`SELECT id FROM esf_scb_months WHERE month = $1`, [M1])).map(
          (r) => r.id,
        ),
      ].sort(),
    );
    expect(await monthClosed(db, s.programmeId, M2)).toBe(true);
    expect(await monthClosed(db, s.programmeId, `${Y}-05`)).toBe(false);
    expect((await failure(closeClaimPeriod(db, ctx(), periodId))).code).toBe('CONFLICT');
    const audit = await db.query('SELECT 1 FROM audit_log WHERE action = $1 AND entity_id = $2', [
      'esf.claim.close',
      periodId,
    ]);
    expect(audit.length).toBe(1);
  });
});
