// Employment (employed with an hourly cost, or external), summaries per week and month with employed vs
// external totals, consultant invoices, staffHoursByKind, and the CSV/XLSX downloads read back.

import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, type TestUser } from '../../../test/app.ts';
import type { Db } from '../../platform/db.ts';
import { staffHoursByKind } from './index.ts';
import { setupWorld, type World } from './test-support.ts';

let w: World;
let db: Db;
let app: FastifyInstance;
let admin: TestUser;
let ljungby: TestUser;
let vaxjo: TestUser;
let coach: TestUser;
let consultant: TestUser;
let regionId: string;
let ljungbyOrg: string;
let alvestaOrg: string;

beforeAll(async () => {
  w = await setupWorld();
  ({ db, app, admin, ljungby, vaxjo, coach, consultant, regionId, ljungbyOrg, alvestaOrg } = w);
});
afterAll(async () => {
  await w?.app.close();
  await w?.db.close();
});

const api: World['api'] = (...args) => w.api(...args);

describe('employment, summaries and invoices', () => {
  it('sums hours and cost for employed vs external staff', async () => {
    const employed = await api(admin, 'PUT', `/api/v1/time/staff/${coach.id}/employment`, {
      organisationId: ljungbyOrg,
      kind: 'employed',
      validFrom: '2020-01-01',
      hourlyCostSek: 500,
    });
    expect(employed.statusCode).toBe(200);
    // Officers set their own organisation's staff only.
    expect(
      (
        await api(vaxjo, 'PUT', `/api/v1/time/staff/${consultant.id}/employment`, {
          organisationId: alvestaOrg,
          kind: 'external',
          validFrom: '2020-01-01',
        })
      ).statusCode,
    ).toBe(404);
    const costly = await api(admin, 'PUT', `/api/v1/time/staff/${consultant.id}/employment`, {
      organisationId: alvestaOrg,
      kind: 'external',
      validFrom: '2020-01-01',
      hourlyCostSek: 900,
    });
    expect(costly.statusCode).toBe(422);
    const client = await Client.as(app, db, admin);
    const form = await client.post('/time/staff', {
      member: `${consultant.id}|${alvestaOrg}`,
      kind: 'external',
      validFrom: '2020-01-01',
      hourlyCostSek: '',
    });
    expect(form.statusCode).toBe(303);
    const staffPage = await client.get('/time/staff');
    expect(staffPage.body).toContain('Alva Konsult');
    expect(staffPage.body).toContain('Extern (konsult)');

    for (const [user, date, hours, activity] of [
      [coach, '2025-03-03', 2, 'coaching'],
      [coach, '2025-03-04', 1.5, 'coaching'],
      [coach, '2025-03-10', 3, 'administration'],
      [consultant, '2025-03-05', 4, 'coaching'],
      [consultant, '2025-03-12', 2.5, 'mapping'],
    ] as const) {
      const res = await api(user, 'POST', '/api/v1/time/entries', { workDate: date, hours, activity });
      expect(res.statusCode).toBe(201);
    }
    const s = (await api(admin, 'GET', '/api/v1/time/summary?month=2025-03')).json();
    expect(s.totals.employed).toEqual({ hours: 6.5, costSek: 3250 });
    expect(s.totals.external.hours).toBe(6.5);
    expect(s.totals.all).toBe(13);
    const coaching = s.rows.find(
      (r: { userName: string; activity: string }) =>
        r.userName === 'Conny Coach' && r.activity === 'coaching',
    );
    expect(coaching).toMatchObject({ period: '2025-03-01', hours: 3.5, costSek: 1750, kind: 'employed' });
    const weekly = (await api(admin, 'GET', '/api/v1/time/summary?month=2025-03&period=week')).json();
    expect(
      weekly.rows
        .filter((r: { userName: string }) => r.userName === 'Conny Coach')
        .map((r: { period: string }) => r.period),
    ).toEqual(['2025-03-03', '2025-03-10']);
    const filtered = (
      await api(admin, 'GET', `/api/v1/time/summary?month=2025-03&organisation=${alvestaOrg}`)
    ).json();
    expect(filtered.totals.all).toBe(6.5);

    // A raise from April: history kept, March still costs 500 an hour; an earlier date is refused.
    const raise = await api(ljungby, 'PUT', `/api/v1/time/staff/${coach.id}/employment`, {
      organisationId: ljungbyOrg,
      kind: 'employed',
      validFrom: '2025-04-01',
      hourlyCostSek: '550,50',
    });
    expect(raise.statusCode).toBe(200);
    expect(raise.json()).toHaveLength(2);
    expect(raise.json()[1]).toMatchObject({
      validFrom: '2020-01-01',
      validTo: '2025-03-31',
      hourlyCostSek: 500,
    });
    const back = await api(ljungby, 'PUT', `/api/v1/time/staff/${coach.id}/employment`, {
      organisationId: ljungbyOrg,
      kind: 'employed',
      validFrom: '2025-01-01',
      hourlyCostSek: 400,
    });
    expect(back.statusCode).toBe(422);

    const invoice = await api(consultant, 'POST', '/api/v1/time/invoices', {
      companyId: null,
      invoiceNumber: 'F-2025-031',
      invoiceDate: '2025-04-02',
      periodFrom: '2025-03-01',
      periodTo: '2025-03-31',
      hours: 6.5,
      amountSek: 6500,
    });
    expect(invoice.statusCode).toBe(201);
    expect(invoice.json()).toMatchObject({ userName: 'Alva Konsult', amountSek: 6500 });
    expect(
      (
        await api(consultant, 'POST', '/api/v1/time/invoices', {
          invoiceNumber: 'F-2025-031',
          invoiceDate: '2025-04-02',
          periodFrom: '2025-03-01',
          periodTo: '2025-03-31',
          hours: 1,
          amountSek: 1000,
        })
      ).statusCode,
    ).toBe(422);
    const notExternal = await api(coach, 'POST', '/api/v1/time/invoices', {
      invoiceNumber: '1',
      invoiceDate: '2025-04-02',
      periodFrom: '2025-03-01',
      periodTo: '2025-03-31',
      hours: 1,
      amountSek: 1000,
    });
    expect(notExternal.statusCode).toBe(422);
    expect((await api(vaxjo, 'GET', '/api/v1/time/invoices')).json()).toEqual([]);
    expect((await api(admin, 'GET', '/api/v1/time/invoices')).json()).toHaveLength(1);
    const invoicesPage = await (await Client.as(app, db, consultant)).get('/time/invoices');
    expect(invoicesPage.body).toContain('F-2025-031');

    const byKind = await staffHoursByKind(db, regionId, { from: '2025-03-01', to: '2025-03-31' });
    expect(byKind.employed).toEqual({ hours: 6.5, costSek: 3250 });
    expect(byKind.external).toEqual({ hours: 6.5, invoicedSek: 6500, invoicedHours: 6.5 });
  });

  it('downloads the summary as CSV for Swedish Excel and as XLSX', async () => {
    const client = await Client.as(app, db, admin);
    const csv = await client.get('/time/export.csv?month=2025-03');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toContain('tidrapport-2025-03.csv');
    expect(csv.body.startsWith('\ufeff')).toBe(true);
    const lines: string[][] = parse(csv.body, { delimiter: ';', bom: true, record_delimiter: '\r\n' });
    expect(lines[0]).toEqual([
      'Månad',
      'Person',
      'Organisation',
      'Anställningsform',
      'Aktivitet',
      'Företag',
      'Timmar',
      'Kostnad (kr)',
    ]);
    const row = lines.find((l) => l[1] === 'Conny Coach' && l[4] === 'Coachning');
    expect(row).toEqual([
      '2025-03',
      'Conny Coach',
      'Ljungby kommun',
      'Anställd',
      'Coachning',
      '',
      '3,5',
      '1750',
    ]);
    expect(lines).toHaveLength(5);

    const xlsx = await client.get('/time/export.xlsx?month=2025-03&period=week');
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet?.getRow(1).getCell(1).value).toBe('Vecka från');
    const values = [];
    for (let i = 2; i <= (sheet?.rowCount ?? 0); i++) values.push(sheet?.getRow(i).getCell(7).value);
    expect(values.reduce((a: number, b) => a + Number(b), 0)).toBe(13);
    const exports = await db.query(`SELECT 1 FROM audit_log WHERE action = 'stafftime.export'`);
    expect(exports).toHaveLength(2);
  });
});
