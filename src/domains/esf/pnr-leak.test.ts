// Every registered personnummer stays out of everything except the three documents allowed to carry it
// (the SCB file, the certificate PDF, the audited reveal): the request logs, error pages and answers with
// the number in the input, every page and API answer the ESF and region administrators can GET, and every
// export of the route registry (CSV, XLSX and PDF read as text).
import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiToken, Client, makeUser, TEST_KEYRING } from '../../../test/app.ts';
import { testDb } from '../../../test/db.ts';
import { allRoutes, createApp } from '../../app.ts';
import type { Db } from '../../platform/db.ts';
import { parseEnv } from '../../platform/env.ts';
import { createMailer } from '../../platform/mail.ts';
import { generateMonth } from './service/certificates.ts';
import { produceMonth } from './service/scb.ts';
import {
  addAttendance,
  type EsfSetup,
  esfSetup,
  fictitiousPersonnummer,
  makeParticipant,
} from './test-support.ts';

let db: Db;
let app: FastifyInstance;
let s: EsfSetup;
let logs = '';
const numbers: string[] = [];
const lastMonth = (() => {
  const d = new Date();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - 1);
  return d.toISOString().slice(0, 7);
})();

/** The forms a number can take in text: 12 digits with or without hyphen, and the 10-digit form. */
const forms = (pnr: string) => {
  const digits = pnr.replace('-', '');
  return [pnr, digits, `${digits.slice(2, 8)}-${digits.slice(8)}`, digits.slice(2)];
};
function leaks(text: string): string[] {
  return numbers.flatMap((n) => forms(n).filter((f) => text.includes(f)));
}

async function textOf(body: Buffer, type: string): Promise<string> {
  if (type.includes('spreadsheetml')) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(body as unknown as ArrayBuffer);
    const out: string[] = [];
    wb.eachSheet((ws) => ws.eachRow((row) => out.push(JSON.stringify(row.values))));
    return out.join('\n');
  }
  if (type.includes('pdf')) {
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await pdfjs.getDocument({ data: new Uint8Array(body), useSystemFonts: true }).promise;
    const out: string[] = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const content = await (await doc.getPage(i)).getTextContent();
      out.push(content.items.map((it) => ('str' in it ? it.str : '')).join(' '));
    }
    return out.join('\n');
  }
  return body.toString('utf8');
}

beforeAll(async () => {
  db = await testDb();
  s = await esfSetup(db);
  const parsed = parseEnv({ NODE_ENV: 'test', LOG_LEVEL: 'trace' });
  if (!parsed.ok) throw new Error('env');
  const stream = new Writable({
    write(chunk, _enc, done) {
      logs += chunk.toString();
      done();
    },
  });
  app = await createApp(
    {
      db,
      env: parsed.env,
      mailer: createMailer({ from: 'test@kompetensnavet.local' }),
      logger: pino({ level: 'trace' }, stream),
      baseUrl: 'http://localhost',
      keyring: TEST_KEYRING,
    },
    { cookieSecret: 'test-secret-test-secret-test-secret-123', trustProxy: false },
  );
  // A handler that fails with a number in its error message (and one in the request body): the product logs
  // only failures, so this makes sure the error log below has something to be searched.
  app.post('/test-only/fail', async () => {
    throw new Error(`failed for ${numbers[0]}`);
  });
  await app.ready();
  // Participants through the API (their numbers pass through the request pipeline), with activity last month.
  const token = await apiToken(db, s.admin.id);
  for (const gender of ['woman', 'man', 'woman'] as const) {
    const pnr = fictitiousPersonnummer({ gender });
    numbers.push(pnr);
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/esf/participants',
      headers: { authorization: `Bearer ${token}` },
      payload: {
        source: 'manual',
        companyId: s.companyId,
        personnummer: pnr,
        firstName: 'Läcka',
        lastName: `Test ${gender}`,
        managerContactId: s.contactId,
        informationAcknowledged: true,
        eligibilityConfirmed: true,
      },
    });
    expect(res.statusCode).toBe(201);
    await addAttendance(db, s, res.json().id, [{ date: `${lastMonth}-10`, minutes: 180 }]);
  }
  const made = await makeParticipant(db, s, { startedOn: `${lastMonth}-02` });
  numbers.push(made.personnummer);
  const ctx = { actor: s.adminActor, ip: '127.0.0.1' };
  const p = await db.query<{ startsOn: string }>(
    `SELECT to_char(starts_on, 'YYYY-MM') AS "startsOn" FROM programmes WHERE id = $1`,
    [s.programmeId],
  );
  let m = p[0]?.startsOn as string;
  while (m <= lastMonth) {
    await produceMonth(db, TEST_KEYRING, ctx, m, null);
    const [y, mm] = m.split('-').map(Number) as [number, number];
    m = mm === 12 ? `${y + 1}-01` : `${y}-${String(mm + 1).padStart(2, '0')}`;
  }
  await generateMonth(db, ctx, lastMonth);
}, 120_000);
afterAll(async () => {
  await app?.close();
  await db?.close();
});

describe('the personnummer stays where it belongs', () => {
  it('error pages and answers never echo a number typed into a form or the API', async () => {
    const admin = await Client.as(app, db, s.admin);
    const dup = await admin.post('/esf/participants', {
      source: 'manual',
      companyId: s.companyId,
      personnummer: numbers[0] as string,
      firstName: 'Dubbel',
      lastName: 'Person',
      managerContactId: s.contactId,
      informationAcknowledged: 'on',
      eligibilityConfirmed: 'on',
    });
    expect(dup.statusCode).toBe(422);
    expect(dup.body).toContain('redan registrerad');
    expect(leaks(dup.body)).toEqual([]);
    const token = await apiToken(db, s.admin.id);
    const api = await app.inject({
      method: 'POST',
      url: '/api/v1/esf/participants',
      headers: { authorization: `Bearer ${token}` },
      payload: {
        source: 'manual',
        companyId: s.companyId,
        personnummer: numbers[1],
        firstName: 'X',
        lastName: 'Y',
      },
    });
    expect(api.statusCode).toBe(422);
    expect(leaks(api.body)).toEqual([]);
    const notFound = await admin.get(`/esf/participants/${encodeURIComponent(numbers[2] as string)}`);
    expect([400, 404, 422]).toContain(notFound.statusCode);
    expect(leaks(notFound.body)).toEqual([]);
  });

  it('no page, API answer or export carries a number, except the SCB file, the certificate PDF and the reveal', async () => {
    const ids = {
      participant: (await db.query<{ id: string }>('SELECT id FROM esf_participants')).map((r) => r.id),
      certificate: (await db.query<{ id: string }>('SELECT id FROM esf_certificates')).map((r) => r.id),
      company: [s.companyId],
    };
    const allowed = [/^\/esf\/scb\/:month\/v\/:version\.(csv|xlsx)$/, /^\/esf\/certificates\/:id\.pdf$/];
    const fill = (url: string): string[] => {
      if (!url.includes(':')) return [url];
      let urls = [url];
      const sub = (name: string, values: string[]) => {
        urls = urls.flatMap((u) =>
          u.includes(`:${name}`) ? values.map((v) => u.replace(`:${name}`, v)) : [u],
        );
      };
      sub('month', [lastMonth]);
      sub('version', ['1']);
      sub('companyId', ids.company);
      if (url.startsWith('/esf/certificates') || url.startsWith('/api/v1/esf/certificates'))
        sub('id', ids.certificate);
      else if (url.includes('/participants/')) sub('id', ids.participant.slice(0, 2));
      return urls.filter((u) => !u.includes(':'));
    };
    const viewers = [s.admin, await makeUser(db, [{ role: 'region_admin', org: 'region' }])];
    let checked = 0;
    const checkedUrls: string[] = [];
    for (const user of viewers) {
      const client = await Client.as(app, db, user);
      const token = await apiToken(db, user.id);
      for (const route of allRoutes()) {
        if (route.method !== 'GET' || allowed.some((a) => a.test(route.url))) continue;
        if (
          !/^\/(esf|api\/v1\/esf|my|insights|training|companies|api\/v1\/(training|companies|insights))/.test(
            route.url,
          )
        )
          continue;
        for (const url of fill(route.url)) {
          const res =
            route.kind === 'api'
              ? await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } })
              : await client.get(url);
          if (res.statusCode !== 200) continue;
          const text = await textOf(res.rawPayload, String(res.headers['content-type'] ?? ''));
          expect(leaks(text), `${url} as ${user.email}`).toEqual([]);
          checked++;
          checkedUrls.push(url);
        }
      }
    }
    // The ESF pages, their exports and PDFs were among them.
    expect(checked).toBeGreaterThan(40);
    for (const must of [
      '/esf/participants',
      '/api/v1/esf/participants',
      '/esf/indicators/export.xlsx',
      `/esf/scb/${lastMonth}`,
    ])
      expect(checkedUrls).toContain(must);
    expect(
      checkedUrls.some((u) => /^\/esf\/reports\/.+\.pdf$/.test(u) || /^\/esf\/deminimis\/.+\.pdf$/.test(u)),
    ).toBe(true);
  });

  it('the allowed documents do carry the number (so the search above would have found one)', async () => {
    const admin = await Client.as(app, db, s.admin);
    const csv = await admin.get(`/esf/scb/${lastMonth}/v/1.csv`);
    expect(csv.statusCode).toBe(200);
    expect(leaks(csv.body).length).toBeGreaterThan(0);
    const [cert] = await db.query<{ id: string }>('SELECT id FROM esf_certificates LIMIT 1');
    const pdf = await admin.get(`/esf/certificates/${cert?.id}.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(leaks(await textOf(pdf.rawPayload, 'application/pdf')).length).toBeGreaterThan(0);
  });

  it('the logs of all of the above hold no number', async () => {
    const failed = await app.inject({
      method: 'POST',
      url: '/test-only/fail',
      payload: { personnummer: numbers[0] },
    });
    expect(failed.statusCode).toBe(500);
    expect(logs).toContain('request failed');
    expect(leaks(logs)).toEqual([]);
  });
});
