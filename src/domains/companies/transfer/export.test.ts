import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiToken, Client, makeUser, type TestUser, testApp } from '../../../../test/app.ts';
import { testDb } from '../../../../test/db.ts';
import { makeCompany } from '../../../../test/factories.ts';
import { fictitiousOrgNumber } from '../../../demo/generate.ts';
import type { Db } from '../../../platform/db.ts';
import { luhnCheckDigit } from '../../../platform/identifiers.ts';
import { findMunicipalityOrganisation, findRegionByCounty } from '../../organisations/index.ts';
import { insertCompaniesBulk } from '../bulk.ts';
import { csv, row, upload } from './test-support.ts';

let db: Db;
let app: FastifyInstance;
let admin: TestUser;
let officer: TestUser;
const soleTraderBody = '811218987';
const soleTrader = `${soleTraderBody.slice(0, 6)}-${soleTraderBody.slice(6)}${luhnCheckDigit(soleTraderBody)}`;

const vaxjo = (extra: Record<string, unknown> = {}) => ({
  workplaces: [
    {
      name: 'Kontoret',
      street: 'Storgatan 2',
      postalCode: '352 30',
      city: 'Växjö',
      municipalityCode: '0780',
      ...extra,
    },
  ],
});

beforeAll(async () => {
  db = await testDb();
  ({ app } = await testApp(db));
  admin = await makeUser(db, [{ role: 'region_admin', org: 'region' }]);
  officer = await makeUser(db, [{ role: 'municipality_officer', org: '0781' }]);
  await makeCompany(db, admin, { name: 'Ljungby Export AB' });
  await makeCompany(db, admin, { name: 'Växjö Export AB', ...vaxjo() });
  await makeCompany(db, admin, { name: 'Stängt Export AB', status: 'closed' });
  await makeCompany(db, admin, {
    name: '=HYPERLINK("http://evil.example")',
    contacts: [{ name: '@Kontakt', phone: '+46 70 123' }],
  });
  await makeCompany(db, admin, { name: 'Enskild Firma Svensson', orgNumber: soleTrader });
  for (const n of [1, 2, 3])
    await makeCompany(db, admin, { name: `Rundresa ${n} AB`, orgNumber: fictitiousOrgNumber(740_000 + n) });
});

afterAll(async () => {
  await app.close();
  await db.close();
});

function rowsOf(body: string): string[][] {
  return parse(body.replace(/^\ufeff/, ''), { delimiter: ';', relax_column_count: true });
}

describe('export as CSV', () => {
  it('writes UTF-8 with BOM, semicolons and CRLF, a dated attachment and a header in the user’s language', async () => {
    const client = await Client.as(app, db, admin);
    const res = await client.get('/companies/export.csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
    expect(res.headers['content-disposition']).toBe(`attachment; filename="foretag-${today}.csv"`);
    expect(res.body.startsWith('\ufeffOrganisationsnummer;Namn;SNI;Status;')).toBe(true);
    expect(res.body.split('\r\n').length).toBe(rowsOf(res.body).length + 1);
    expect(res.body.replace(/\r\n/g, '')).not.toContain('\n');
    client.cookies.set('kn_lang', 'en');
    const en = await client.get('/companies/export.csv');
    expect(en.body.startsWith('\ufeffOrganisation number;Name;SNI;Status;')).toBe(true);
    expect(en.headers['content-disposition']).toContain('filename="companies-');
  });

  it("has only the officer's own municipality", async () => {
    const client = await Client.as(app, db, officer);
    const names = rowsOf((await client.get('/companies/export.csv')).body).map((r) => r[1]);
    expect(names).toContain('Ljungby Export AB');
    expect(names).not.toContain('Växjö Export AB');
  });

  it('applies the list filters to all matching rows', async () => {
    const client = await Client.as(app, db, admin);
    const closed = rowsOf((await client.get('/companies/export.csv?status=closed')).body);
    expect(closed.slice(1).map((r) => r[1])).toEqual(['Stängt Export AB']);
    const search = rowsOf(
      (await client.get('/companies/export.csv?q=Export&municipality=0780&page=7&pageSize=1')).body,
    );
    expect(search.slice(1).map((r) => r[1])).toEqual(['Växjö Export AB']);
  });

  it('neutralises cells that start like a formula, and masks a sole trader’s number', async () => {
    const client = await Client.as(app, db, admin);
    const rows = rowsOf((await client.get('/companies/export.csv')).body);
    const evil = rows.find((r) => r[1].includes('HYPERLINK'));
    expect(evil?.[1]).toBe('\'=HYPERLINK("http://evil.example")');
    expect(evil?.[15]).toBe("'@Kontakt");
    expect(evil?.[18]).toBe("'+46 70 123");
    for (const r of rows) for (const cell of r) expect(cell).not.toMatch(/^[=+\-@]/);
    const sole = rows.find((r) => r[1] === 'Enskild Firma Svensson');
    expect(sole?.[0]).toBe(`${soleTrader.slice(0, 6)}-****`);
    expect(JSON.stringify(rows)).not.toContain(soleTrader);
  });

  it('audits the export with its filters and row count, without personal data', async () => {
    const client = await Client.as(app, db, officer);
    await client.get('/companies/export.csv?q=Svensson&status=active');
    const [entry] = await db.query<{ details: Record<string, unknown> }>(
      `SELECT details FROM audit_log WHERE action = 'company.export' AND actor_user_id = $1 ORDER BY id DESC LIMIT 1`,
      [officer.id],
    );
    expect(entry.details).toMatchObject({
      format: 'csv',
      rows: 1,
      filters: { status: 'active', search: true },
    });
    expect(JSON.stringify(entry.details)).not.toContain('Svensson');
  });

  it('pages through more than one chunk of 1 000 companies', async () => {
    const regionId = (await findRegionByCounty(db, '07'))?.id ?? '';
    const owner = (await findMunicipalityOrganisation(db, '0765'))?.id ?? '';
    const now = new Date().toISOString();
    await insertCompaniesBulk(
      db,
      Array.from({ length: 1100 }, (_, i) => ({
        id: randomUUID(),
        orgNumber: fictitiousOrgNumber(200_000 + i),
        isSoleTrader: false,
        name: `Massbolag ${String(i).padStart(4, '0')} AB`,
        sniCode: '25620',
        regionId,
        ownerOrgId: owner,
        employeesWomen: 1,
        employeesMen: 1,
        turnoverTsek: null,
        balanceTsek: null,
        partOfGroup: false,
        groupEmployees: null,
        groupTurnoverTsek: null,
        groupBalanceTsek: null,
        status: 'interested' as const,
        foundVia: 'other',
        createdAt: now,
        updatedAt: now,
        workplaces: [
          {
            id: randomUUID(),
            name: null,
            street: null,
            postalCode: null,
            city: 'Älmhult',
            municipalityCode: '0765',
          },
        ],
        contacts: [],
      })),
    );
    const client = await Client.as(app, db, admin);
    const rows = rowsOf((await client.get('/companies/export.csv?q=Massbolag')).body).slice(1);
    expect(rows).toHaveLength(1100);
    expect(new Set(rows.map((r) => r[0])).size).toBe(1100);
    expect(rows[0][1]).toBe('Massbolag 0000 AB');
    expect(rows[1099][1]).toBe('Massbolag 1099 AB');
  });
});

describe('export as XLSX and import it again', () => {
  async function exported(client: Client, query: string) {
    const res = await client.get(`/companies/export.xlsx${query}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="foretag-\d{4}-\d{2}-\d{2}\.xlsx"$/,
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    return { wb, sheet: wb.worksheets[0], data: res.rawPayload };
  }

  async function importPreview(client: Client, data: Buffer, mode: 'skip' | 'update') {
    const res = await upload(
      client,
      '/companies/import',
      { duplicateMode: mode },
      { name: 'export.xlsx', data },
    );
    expect(res.statusCode).toBe(303);
    const url = String(res.headers.location);
    return { url, page: (await client.get(url)).body };
  }

  const countOf = (html: string, outcome: string) =>
    Number(html.match(new RegExp(`data-outcome="${outcome}"><th scope="row">[^<]*</th><td>([^<]*)<`))?.[1]);

  it('keeps text as text (no formulas) in the workbook', async () => {
    const { sheet } = await exported(await Client.as(app, db, admin), '?q=HYPERLINK');
    expect(sheet.getRow(1).getCell(1).value).toBe('Organisationsnummer');
    const cell = sheet.getRow(2).getCell(2);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe('=HYPERLINK("http://evil.example")');
  });

  it('skips every row when imported again with "skip"', async () => {
    const client = await Client.as(app, db, admin);
    const { data, sheet } = await exported(client, '?q=Rundresa');
    expect(sheet.actualRowCount).toBe(4);
    const { page } = await importPreview(client, data, 'skip');
    expect([countOf(page, 'skip'), countOf(page, 'new'), countOf(page, 'error')]).toEqual([3, 0, 0]);
  });

  it('updates only the changed row with "update", keeping its workplace and contact', async () => {
    const client = await Client.as(app, db, admin);
    const { wb, sheet } = await exported(client, '?q=Rundresa');
    const target = sheet.getRow(3);
    const orgNumber = String(target.getCell(1).value);
    target.getCell(2).value = 'Rundresa Omdöpt AB';
    const changed = Buffer.from(await wb.xlsx.writeBuffer());
    const { url, page } = await importPreview(client, changed, 'update');
    expect([countOf(page, 'update'), countOf(page, 'unchanged'), countOf(page, 'error')]).toEqual([1, 2, 0]);
    expect((await client.post(`${url}/confirm`, {})).statusCode).toBe(303);
    const [company] = await db.query<{ id: string; name: string; version: number }>(
      'SELECT id, name, version FROM companies WHERE org_number = $1',
      [orgNumber],
    );
    expect(company).toMatchObject({ name: 'Rundresa Omdöpt AB', version: 2 });
    const children = await db.query<{ n: number }>(
      `SELECT (SELECT count(*) FROM company_workplaces WHERE company_id = $1)::int + (SELECT count(*) FROM company_contacts WHERE company_id = $1)::int AS n`,
      [company.id],
    );
    expect(children[0].n).toBe(2);
    const [entry] = await db.query<{ details: { operation: string; changed: string[] } }>(
      `SELECT details FROM audit_log WHERE action = 'company.import' AND entity_id = $1`,
      [company.id],
    );
    expect(entry.details).toMatchObject({ operation: 'update', changed: ['name'] });
  });
});

describe('the JSON API', () => {
  it('previews CSV text with line numbers, confirms, and keeps imports private', async () => {
    const token = await apiToken(db, admin.id);
    const auth = { authorization: `Bearer ${token}` };
    const bad = row({ sni: '99999' });
    const body = { csv: csv([row(), bad, row({ municipality: '9999' })]), duplicateMode: 'skip' };
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/companies/imports',
      headers: auth,
      payload: body,
    });
    expect(created.statusCode).toBe(201);
    const preview = created.json();
    expect(preview.counts).toMatchObject({ new: 1, error: 2 });
    expect(preview.errors.map((e: { line: number }) => e.line)).toEqual([3, 4]);
    expect(preview.errors[0].errors[0]).toMatchObject({ column: 'sniCode', code: 'validation.sni.unknown' });
    expect(preview.errors[0].errors[0].message).toContain('SNI: SNI-koden finns inte');

    const otherToken = await apiToken(db, officer.id);
    const peek = await app.inject({
      method: 'GET',
      url: `/api/v1/companies/imports/${preview.id}`,
      headers: { authorization: `Bearer ${otherToken}` },
    });
    expect(peek.statusCode).toBe(404);

    const confirmed = await app.inject({
      method: 'POST',
      url: `/api/v1/companies/imports/${preview.id}/confirm`,
      headers: auth,
    });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json()).toMatchObject({ status: 'done', added: 1, errors: 2 });
    const again = await app.inject({
      method: 'POST',
      url: `/api/v1/companies/imports/${preview.id}/confirm`,
      headers: auth,
    });
    expect(again.statusCode).toBe(409);
  });

  it('answers a file it cannot read with a problem document, and exports CSV', async () => {
    const auth = { authorization: `Bearer ${await apiToken(db, admin.id)}` };
    const junk = await app.inject({
      method: 'POST',
      url: '/api/v1/companies/imports',
      headers: { ...auth, 'accept-language': 'en' },
      payload: {
        xlsxBase64: Buffer.from('89504e470d0a1a0a0000', 'hex').toString('base64'),
        duplicateMode: 'update',
      },
    });
    expect(junk.statusCode).toBe(422);
    expect(junk.json().errors[0]).toMatchObject({ field: 'file', code: 'transfer.file.notTabular' });
    const res = await app.inject({
      method: 'GET',
      url: '/api/v1/companies/export.csv?q=Rundresa',
      headers: auth,
    });
    expect(res.statusCode).toBe(200);
    expect(rowsOf(res.body)).toHaveLength(4);
    const doc = (await app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/companies/imports',
        '/api/v1/companies/imports/{id}/confirm',
        '/api/v1/companies/export.csv',
      ]),
    );
    expect(
      doc.paths['/api/v1/companies/imports'].post.requestBody.content['application/json'].schema.properties,
    ).toHaveProperty('xlsxBase64');
  });
});
