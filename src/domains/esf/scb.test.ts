// Monthly SCB files: months produced in order, immutable versions checked against their checksum on
// download, the re-send cascade after a correction, frozen months of a closed claim, the CSV and XLSX read
// back (the full number only there), access (region admins read the status only), audited downloads.
import { createHash, randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiToken,
  Client,
  failure,
  makeUser,
  TEST_KEYRING,
  type TestUser,
  testApp,
} from '../../../test/app.ts';
import { testDb } from '../../../test/db.ts';
import type { Db } from '../../platform/db.ts';
import { seal } from '../../platform/secrets.ts';
import { closeInput } from './schema.ts';
import { closeParticipant, getParticipant } from './service/participants.ts';
import { markMonthSent, produceMonth, scbMonth, scbOverview } from './service/scb.ts';
import { scbFile } from './service/scb-file.ts';
import {
  addAttendance,
  type EsfSetup,
  esfSetup,
  fictitiousPersonnummer,
  makeContactUser,
  makeParticipant,
} from './test-support.ts';

let db: Db;
let s: EsfSetup;
let app: FastifyInstance;
let regionAdmin: TestUser;
const ctx = () => ({ actor: s.adminActor, ip: '127.0.0.1' });
const a = { id: '', pnr: '' };
const b = { id: '', pnr: '' };
const c = { id: '', pnr: '' };

beforeAll(async () => {
  db = await testDb();
  s = await esfSetup(db);
  await db.query(`UPDATE programmes SET starts_on = '2026-01-01' WHERE id = $1`, [s.programmeId]);
  regionAdmin = await makeUser(db, [{ role: 'region_admin', org: 'region' }]);
  ({ app } = await testApp(db));
  const pa = await makeParticipant(db, s, {
    firstName: 'Anna',
    lastName: 'Andersson',
    startedOn: '2026-01-15',
    personnummer: fictitiousPersonnummer({ gender: 'woman' }),
  });
  Object.assign(a, { id: pa.id, pnr: pa.personnummer });
  const pb = await makeParticipant(db, s, { firstName: 'Bo', lastName: 'Berg', startedOn: '2026-02-03' });
  Object.assign(b, { id: pb.id, pnr: pb.personnummer });
  const pc = await makeParticipant(db, s, { firstName: 'Cecilia', lastName: 'Carlsson', startedOn: null });
  Object.assign(c, { id: pc.id, pnr: pc.personnummer });
  await addAttendance(db, s, pc.id, [{ date: '2026-02-20', minutes: 240 }]);
  // B ends in March, before February is produced: February must not carry that end.
  const bRow = await getParticipant(db, ctx(), b.id);
  await closeParticipant(db, ctx(), b.id, closeInput.parse({ endedOn: '2026-03-10', version: bRow.version }));
  // An end is reported in the month it is set: this one was set on 12 March.
  await db.query(`UPDATE esf_participants SET closed_at = '2026-03-12T10:00:00Z' WHERE id = $1`, [b.id]);
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

const digits = (pnr: string) => pnr.replace('-', '');
const sha = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const auditCount = async (action: string, entityId: string) =>
  (
    await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM audit_log WHERE action = $1 AND entity_id = $2',
      [action, entityId],
    )
  )[0]?.n ?? 0;
const stateOf = async (month: string) =>
  (await scbOverview(db, ctx())).months.find((m) => m.month === month)?.state;

describe('ESF monthly SCB files', () => {
  it('produces months in order only, from the programme start, and not before the month is over', async () => {
    expect((await failure(produceMonth(db, TEST_KEYRING, ctx(), '2026-02', null))).message).toBe(
      'esf.scb.errors.outOfOrder',
    );
    expect((await failure(produceMonth(db, TEST_KEYRING, ctx(), '2025-12', null))).code).toBe('NOT_FOUND');
    const current = (await scbOverview(db, ctx())).currentMonth;
    expect(await stateOf(current)).toBe('open');
    const jan = await produceMonth(db, TEST_KEYRING, ctx(), '2026-01', null);
    expect(jan).toMatchObject({ month: '2026-01', version: 1, rowCount: 1, resendRequired: false });
    expect(await stateOf('2026-01')).toBe('produced');
    expect(await stateOf('2026-02')).toBe('due');
    // February: B's start, and C's start taken from the first activity (syncStarts before producing).
    const feb = await produceMonth(db, TEST_KEYRING, ctx(), '2026-02', null);
    expect((await getParticipant(db, ctx(), c.id)).startedOn).toBe('2026-02-20');
    const febRows = (await scbMonth(db, ctx(), '2026-02', null)).rows;
    expect(febRows.map((r) => [r.lastName, r.startedOn, r.endedOn])).toEqual([
      ['Berg', '2026-02-03', null],
      ['Carlsson', '2026-02-20', null],
    ]);
    expect(feb.rowCount).toBe(2);
    // March: B's end, with the start it had.
    await produceMonth(db, TEST_KEYRING, ctx(), '2026-03', null);
    const marRows = (await scbMonth(db, ctx(), '2026-03', null)).rows;
    expect(marRows.map((r) => [r.lastName, r.startedOn, r.endedOn])).toEqual([
      ['Berg', '2026-02-03', '2026-03-10'],
    ]);
    // A second version of a produced month needs a reason.
    const err = await failure(produceMonth(db, TEST_KEYRING, ctx(), '2026-01', null));
    expect(err.fields.map((f) => `${f.field}:${f.message}`)).toEqual(['reason:esf.scb.errors.reasonNeeded']);
  });

  it('writes the CSV (BOM, semicolons) and XLSX with the full number only there, matching the checksum', async () => {
    const [jan] = (await scbMonth(db, ctx(), '2026-01', 1)).versions;
    const csv = await scbFile(db, TEST_KEYRING, ctx(), '2026-01', 1, 'csv');
    const text = csv.body.toString('utf8');
    expect(text.startsWith('\ufeff')).toBe(true);
    const content = text.slice(1);
    expect(content.split('\r\n')[0]).toBe(
      'Personnummer;Förnamn;Efternamn;Startdatum;Slutdatum;Organisationsnummer;E-post;Mobilnummer',
    );
    expect(content.split('\r\n')[1]?.startsWith(`${digits(a.pnr)};Anna;Andersson;2026-01-15;;`)).toBe(true);
    expect(sha(content)).toBe(jan?.checksum);

    const xlsx = await scbFile(db, TEST_KEYRING, ctx(), '2026-01', 1, 'xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    expect(sheet?.getRow(1).getCell(1).value).toBe('Personnummer');
    expect(sheet?.getRow(2).getCell(1).value).toBe(digits(a.pnr));
    expect(sheet?.getRow(2).getCell(3).value).toBe('Andersson');
    expect(sheet?.rowCount).toBe(2);

    // Pages and the API show the masked number only.
    const admin = await Client.as(app, db, s.admin);
    const page = await admin.get('/esf/scb/2026-01');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Andersson');
    expect(page.body).not.toContain(digits(a.pnr));
    expect(page.body).not.toContain(a.pnr);
    const token = await apiToken(db, s.admin.id);
    const api = await app.inject({
      method: 'GET',
      url: '/api/v1/esf/scb/2026-01/v/1',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(api.statusCode).toBe(200);
    expect(api.json()).toMatchObject({ checksum: jan?.checksum, rows: [{ lastName: 'Andersson' }] });
    expect(api.body).not.toContain(digits(a.pnr));
  });

  it('keeps a produced version unchanged when the participant changes, and audits every download', async () => {
    await db.query(
      `UPDATE esf_participants SET first_name = 'Annika', email = 'ny@example.test' WHERE id = $1`,
      [a.id],
    );
    const d = await scbMonth(db, ctx(), '2026-01', 1);
    expect(d.rows[0]).toMatchObject({ firstName: 'Anna', email: null });
    const id = d.shown?.id as string;
    const before = await auditCount('esf.identity.document.scb_file', id);
    const admin = await Client.as(app, db, s.admin);
    const res = await admin.get('/esf/scb/2026-01/v/1.csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toContain('scb-2026-01-v1.csv');
    expect(res.body).toContain(';Anna;');
    const x = await admin.get('/esf/scb/2026-01/v/1.xlsx');
    expect(x.statusCode).toBe(200);
    expect(await auditCount('esf.identity.document.scb_file', id)).toBe(before + 2);
    expect(await auditCount('esf.scb.download', id)).toBeGreaterThanOrEqual(2);
    expect((await admin.get('/esf/scb/2026-01/v/9.csv')).statusCode).toBe(404);
  });

  it('sends in order; a correction marks every later month for re-sending until it is produced again', async () => {
    expect((await failure(markMonthSent(db, ctx(), '2026-02', null))).message).toBe(
      'esf.scb.errors.sendInOrder',
    );
    await markMonthSent(db, ctx(), '2026-01', 1);
    await markMonthSent(db, ctx(), '2026-02', null);
    await markMonthSent(db, ctx(), '2026-03', null);
    expect(await stateOf('2026-03')).toBe('sent');
    expect((await failure(markMonthSent(db, ctx(), '2026-03', null))).message).toBe(
      'esf.scb.errors.alreadySent',
    );

    const jan2 = await produceMonth(db, TEST_KEYRING, ctx(), '2026-01', 'Förnamnet var fel');
    expect(jan2).toMatchObject({ version: 2, reason: 'Förnamnet var fel', rowCount: 1 });
    expect((await scbMonth(db, ctx(), '2026-01', 2)).rows[0]?.firstName).toBe('Annika');
    expect((await scbMonth(db, ctx(), '2026-01', 1)).rows[0]?.firstName).toBe('Anna');
    expect(await stateOf('2026-01')).toBe('produced');
    expect(await stateOf('2026-02')).toBe('resend');
    expect(await stateOf('2026-03')).toBe('resend');
    expect((await failure(markMonthSent(db, ctx(), '2026-02', null))).message).toBe(
      'esf.scb.errors.produceAgainFirst',
    );
    // The corrected month's stale version cannot be marked sent.
    expect((await failure(markMonthSent(db, ctx(), '2026-01', 1))).message).toBe(
      'esf.scb.errors.staleVersion',
    );

    // Through the page forms (no JavaScript): send January, produce February again, send it.
    const admin = await Client.as(app, db, s.admin);
    const sent = await admin.post('/esf/scb/2026-01/sent', { version: 2 });
    expect(sent.statusCode).toBe(303);
    const noReason = await admin.post('/esf/scb/2026-02', { reason: '' });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.body).toContain('f-reason');
    const again = await admin.post('/esf/scb/2026-02', { reason: 'Omsändning' });
    expect(again.statusCode).toBe(303);
    expect(await stateOf('2026-02')).toBe('produced');
    expect(await stateOf('2026-03')).toBe('resend');
    const overview = await admin.get('/esf/scb');
    expect(overview.statusCode).toBe(200);
    expect(overview.body).toContain('data-testid="state-2026-03"');
  });

  it('refuses a new version of a month inside a closed claim period', async () => {
    await db.query(
      `INSERT INTO esf_claim_periods (id, programme_id, first_month, last_month, status, closed_at)
       VALUES ($1, $2, '2026-01', '2026-01', 'closed', now())`,
      [randomUUID(), s.programmeId],
    );
    const err = await failure(produceMonth(db, TEST_KEYRING, ctx(), '2026-01', 'Sent rättelse'));
    expect([err.code, err.message]).toEqual(['CONFLICT', 'esf.scb.errors.frozen']);
    const token = await apiToken(db, s.admin.id);
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/esf/scb/2026-01',
      headers: { authorization: `Bearer ${token}` },
      payload: { reason: 'Sent rättelse' },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().reason).toBe('esf.scb.errors.frozen');
  });

  it('lets region admins read the status only; company contacts get nothing', async () => {
    const ra = await Client.as(app, db, regionAdmin);
    const page = await ra.get('/esf/scb');
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('/esf/scb/2026-01/v/');
    expect((await ra.get('/esf/scb/2026-01/v/1.csv')).statusCode).toBe(403);
    expect((await ra.get('/esf/scb/2026-01')).statusCode).toBe(403);
    expect((await ra.post('/esf/scb/2026-04', {})).statusCode).toBe(403);
    const token = await apiToken(db, regionAdmin.id);
    const list = await app.inject({
      method: 'GET',
      url: '/api/v1/esf/scb',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(list.statusCode).toBe(200);
    expect(list.json().months[0]).toMatchObject({ month: '2026-01', canProduce: false, canSend: false });
    const rows = await app.inject({
      method: 'GET',
      url: '/api/v1/esf/scb/2026-01/v/1',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(rows.statusCode).toBe(403);

    const contact = await makeContactUser(db, s.companyId);
    const cc = await Client.as(app, db, contact);
    expect((await cc.get('/esf/scb')).statusCode).toBe(403);
    expect((await cc.get('/esf/scb/2026-01/v/1.csv')).statusCode).toBe(403);
  });

  it('produces and sends through the API', async () => {
    const token = await apiToken(db, s.admin.id);
    const headers = { authorization: `Bearer ${token}` };
    const made = await app.inject({ method: 'POST', url: '/api/v1/esf/scb/2026-04', headers, payload: {} });
    expect(made.statusCode).toBe(201);
    expect(made.json()).toMatchObject({ month: '2026-04', version: 1, rowCount: 0 });
    const bad = await app.inject({ method: 'POST', url: '/api/v1/esf/scb/2026-13', headers, payload: {} });
    expect(bad.statusCode).toBe(404);
    const sent = await app.inject({
      method: 'POST',
      url: '/api/v1/esf/scb/2026-03/sent',
      headers,
      payload: {},
    });
    expect(sent.statusCode).toBe(409);
    expect(sent.json().reason).toBe('esf.scb.errors.produceAgainFirst');
    // A participant registered late, with a start in a produced month: the month shows the change.
    await makeParticipant(db, s, { lastName: 'Dahl', startedOn: '2026-02-25' });
    const list = await app.inject({ method: 'GET', url: '/api/v1/esf/scb', headers });
    const months = list.json().months as { month: string; changes: number }[];
    expect(months.filter((m) => m.changes > 0).map((m) => [m.month, m.changes])).toEqual([['2026-02', 1]]);
    const page = await (await Client.as(app, db, s.admin)).get('/esf/scb');
    expect(page.body).toContain('data-testid="changes-2026-02"');
    // The month's own page counts the same change (its one-statement read: repo.monthView); March has none.
    const feb = await (await Client.as(app, db, s.admin)).get('/esf/scb/2026-02');
    expect(feb.statusCode).toBe(200);
    expect(feb.body).toContain('data-testid="changes-2026-02"');
    const mar = await (await Client.as(app, db, s.admin)).get('/esf/scb/2026-03');
    expect(mar.statusCode).toBe(200);
    expect(mar.body).not.toContain('data-testid="changes-');
    const doc = (await app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    for (const path of [
      '/api/v1/esf/scb',
      '/api/v1/esf/scb/{month}',
      '/api/v1/esf/scb/{month}/sent',
      '/api/v1/esf/scb/{month}/v/{version}',
    ])
      expect(doc.paths[path], path).toBeDefined();
  });

  it('refuses a download whose rebuilt file no longer matches the checksum', async () => {
    // The identity was changed behind the version's back (e.g. a corrected number).
    const other = fictitiousPersonnummer({ gender: 'woman' });
    const sealed = seal(TEST_KEYRING, other, a.id);
    await db.query('UPDATE esf_identities SET sealed = $2, key_id = $3 WHERE participant_id = $1', [
      a.id,
      sealed.sealed,
      sealed.keyId,
    ]);
    const err = await failure(scbFile(db, TEST_KEYRING, ctx(), '2026-01', 2, 'csv'));
    expect([err.code, err.message]).toEqual(['CONFLICT', 'esf.scb.errors.checksumMismatch']);
    const admin = await Client.as(app, db, s.admin);
    const res = await admin.get('/esf/scb/2026-01/v/2.xlsx');
    expect(res.statusCode).toBe(409);
    expect(res.body).not.toContain(digits(other));
  });
});
