// ESF indicators for a period against the targets (women/men, age bands at start, SMEs, companies mapped,
// coached, with an adopted plan and with the plan in use at six months, training hours), the rows behind a
// figure, the export, the progress report (texts with optimistic concurrency, PDF without personnummer),
// and access.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiToken, Client, testApp } from '../../../test/app.ts';
import { testDb } from '../../../test/db.ts';
import { makeCompany } from '../../../test/factories.ts';
import type { Db } from '../../platform/db.ts';
import { figureRows, indicators } from './service/indicators.ts';
import { currentProgramme } from './service/programme.ts';
import { createReport, getReport, reportPdf, saveReport } from './service/progress-reports.ts';
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
const LAST = new Date().getUTCFullYear() - 1;
const period = { from: `${LAST}-01-01`, to: `${LAST}-12-31` };
const numbers: string[] = [];

async function participant(gender: 'woman' | 'man', birth: string, startedOn: string, lastName: string) {
  const personnummer = fictitiousPersonnummer({ gender, birth });
  numbers.push(personnummer);
  return makeParticipant(db, s, { gender, personnummer, startedOn, lastName });
}

async function coaching(companyId: string) {
  const engagementId = randomUUID();
  await db.query(
    `INSERT INTO engagements (id, company_id, region_id, programme_id, municipality_code, step, planned_hours)
     VALUES ($1, $2, $3, $4, '0781', 'follow_up', 20)`,
    [engagementId, companyId, s.regionId, s.programmeId],
  );
  await db.query(
    `INSERT INTO coaching_meetings (id, engagement_id, held_on, minutes, kind, status, owner_org_id)
     VALUES ($1, $2, $3, 90, 'on_site', 'held', $4), ($5, $2, $6, 90, 'on_site', 'planned', $4)`,
    [randomUUID(), engagementId, `${LAST}-05-10`, s.regionId, randomUUID(), `${LAST + 1}-12-01`],
  );
  const planId = randomUUID();
  await db.query('INSERT INTO coaching_plans (id, engagement_id, adopted_version) VALUES ($1, $2, 1)', [
    planId,
    engagementId,
  ]);
  await db.query(
    `INSERT INTO plan_versions (id, plan_id, number, content, adopted_by_name, adopted_at)
     VALUES ($1, $2, 1, '{}', 'Vd', $3::date + time '10:00')`,
    [randomUUID(), planId, `${LAST}-06-01`],
  );
  await db.query(
    `INSERT INTO plan_followups (id, engagement_id, months, due_on, done_at, plan_in_use)
     VALUES ($1, $2, 3, $3, $3::date + time '10:00', false), ($4, $2, 6, $5, $5::date + time '10:00', true)`,
    [randomUUID(), engagementId, `${LAST}-09-01`, randomUUID(), `${LAST}-12-01`],
  );
}

async function mapping(companyId: string) {
  const instrumentId = randomUUID();
  const key = `test-${instrumentId.slice(0, 8)}`;
  await db.query(
    `INSERT INTO mapping_instruments (id, key, version, status, definition, published_at)
     VALUES ($1, $2, 1, 'published', jsonb_build_object('key', $2::text, 'version', 1), now())`,
    [instrumentId, key],
  );
  const roundId = randomUUID();
  await db.query(
    `INSERT INTO mapping_rounds (id, region_id, key, name_sv, name_en) VALUES ($1, $2, $3, 'Runda', 'Round')`,
    [roundId, s.regionId, key],
  );
  await db.query(
    `INSERT INTO mappings (id, company_id, round_id, instrument_id, region_id, mode, status, submitted_at)
     VALUES ($1, $2, $3, $4, $5, 'interview', 'submitted', $6::date + time '12:00')`,
    [randomUUID(), companyId, roundId, instrumentId, s.regionId, `${LAST}-02-15`],
  );
}

beforeAll(async () => {
  db = await testDb();
  s = await esfSetup(db);
  await currentProgramme(db, s.adminActor);
  await db.query('UPDATE esf_programme_rules SET targets = $2::jsonb WHERE programme_id = $1', [
    s.programmeId,
    JSON.stringify({ companies: 10, participantsWomen: 4, participantsMen: 2, hours: 30, plans: 5 }),
  ]);
  const w1 = await participant('woman', '1990-05-15', `${LAST}-02-01`, 'Andersson');
  await participant('woman', '1960-01-10', `${LAST}-06-01`, 'Bengtsson');
  const m1 = await participant('man', '2000-02-02', `${LAST}-04-01`, 'Carlsson');
  const before = await participant('woman', '1985-03-03', `${LAST - 1}-06-01`, 'Davidsson');
  await addAttendance(db, s, w1.id, [
    { date: `${LAST}-03-02`, minutes: 200 },
    { date: `${LAST}-03-03`, minutes: 20 },
  ]);
  await addAttendance(db, s, m1.id, [{ date: `${LAST}-05-05`, minutes: 125 }]);
  await addAttendance(db, s, before.id, [{ date: `${LAST - 1}-07-01`, minutes: 300 }]);
  await coaching(await makeCompany(db, s.officer));
  await mapping(s.companyId);
});
afterAll(async () => {
  await db?.close();
});

describe('ESF indicators', () => {
  it('counts women and men by age band, SMEs, mappings, coaching, plans and hours against the targets', async () => {
    const ind = await indicators(db, s.adminActor, period);
    const fig = Object.fromEntries(ind.figures.map((f) => [f.figure, [f.value, f.target, f.percent]]));
    expect(fig).toEqual({
      participants: [3, 6, 50],
      women: [2, 4, 50],
      men: [1, 2, 50],
      companies: [2, 10, 20],
      mapped: [1, null, null],
      coached: [1, null, null],
      plans: [1, 5, 20],
      plansInUse: [1, null, null],
      hours: [5, 30, 17],
    });
    expect(ind.ageBands.map((b) => [b.key, b.women, b.men])).toEqual([
      ['under30', 0, 1],
      ['30to54', 1, 0],
      ['55plus', 1, 0],
    ]);
    expect(ind.byCompany).toHaveLength(1);
    expect(ind.byMunicipality[0]?.total).toBe(3);
    // The whole programme by default includes the earlier participant.
    const all = await indicators(db, s.adminActor, {});
    expect(all.figures.find((f) => f.figure === 'women')?.value).toBe(3);
    await expect(indicators(db, s.adminActor, { from: period.to, to: period.from })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
  });

  it('lists the rows behind a figure with masked numbers only', async () => {
    const women = await figureRows(db, s.adminActor, 'women', period);
    expect(women.result.kind).toBe('participants');
    const rows = women.result.rows as { lastName: string; masked: string | null; ageBand: string }[];
    expect(rows.map((r) => r.lastName)).toEqual(['Andersson', 'Bengtsson']);
    expect(rows[0]?.masked).toBe('19900515-****');
    expect(rows[0]?.ageBand).toBe('30–54');
    const hours = await figureRows(db, s.adminActor, 'hours', period);
    expect(hours.result.rows.map((r) => ('hours' in r ? r.hours : 0)).sort()).toEqual([2, 3]);
    const plans = await figureRows(db, s.adminActor, 'plansInUse', period);
    expect(plans.result).toMatchObject({ kind: 'companies', rows: [{ date: `${LAST}-12-01` }] });
  });

  it('the report keeps its texts with a version, and its PDF has the indicators and no personnummer', async () => {
    const ctx = { actor: s.adminActor, ip: '127.0.0.1' };
    const id = await createReport(db, ctx, { periodFrom: period.from, periodTo: period.to });
    await saveReport(db, ctx, id, {
      activities: '## Utbildning\n\n- Svets för **tre** deltagare',
      deviations: '',
      version: 1,
    });
    await expect(
      saveReport(db, ctx, id, { activities: 'gammal', deviations: '', version: 1 }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await getReport(db, s.adminActor, id)).report.version).toBe(2);
    const buf = await reportPdf(db, s.adminActor, id, 'sv');
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await pdfjs.getDocument({
      data: new Uint8Array(buf),
      useSystemFonts: false,
      isEvalSupported: false,
    }).promise;
    let text = '';
    for (let i = 1; i <= doc.numPages; i++)
      text += (await (await doc.getPage(i)).getTextContent()).items
        .map((x) => ('str' in x ? x.str : ''))
        .join(' ');
    await doc.destroy();
    text = text.replace(/\s+/g, ' ');
    expect(text).toContain('Deltagare, kvinnor');
    expect(text).toContain('Timmar kompetensutveckling');
    expect(text).toContain('Svets för tre deltagare');
    for (const pnr of numbers) {
      expect(text).not.toContain(pnr);
      expect(text).not.toContain(pnr.replace('-', ''));
      expect(text).not.toContain(pnr.slice(0, 8));
    }
  });

  it('pages, rows, export and API for administrators; a company contact gets 403', async () => {
    const { app } = await testApp(db);
    try {
      const admin = await Client.as(app, db, s.admin);
      const q = `from=${period.from}&to=${period.to}`;
      const page = await admin.get(`/esf/indicators?${q}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(`/esf/indicators/rows?figure=women&${q}`);
      expect((await admin.get(`/esf/indicators?from=${period.to}&to=${period.from}`)).statusCode).toBe(422);
      const rows = await admin.get(`/esf/indicators/rows?figure=participants&${q}`);
      expect(rows.statusCode).toBe(200);
      expect(rows.body).toContain('19900515-****');
      for (const pnr of numbers) expect(rows.body).not.toContain(pnr);
      const csv = await admin.get(`/esf/indicators/export.csv?${q}`);
      expect(csv.headers['content-type']).toContain('text/csv');
      expect(csv.body).toContain('"Deltagare, kvinnor";2;4;50');
      const xlsx = await admin.get(`/esf/indicators/export.xlsx?${q}`);
      expect(xlsx.headers['content-type']).toContain('spreadsheetml');
      const bad = await admin.post('/esf/reports', { periodFrom: period.to, periodTo: 'igår' });
      expect(bad.statusCode).toBe(422);
      expect(bad.body).toContain('value="igår"');
      const created = await admin.post('/esf/reports', { periodFrom: period.from, periodTo: period.to });
      expect(created.statusCode).toBe(303);
      const url = String(created.headers.location);
      const report = await admin.get(url);
      expect(report.statusCode).toBe(200);
      const pdf = await admin.get(`${url}.pdf`);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect((await admin.get(`/esf/reports/${randomUUID()}`)).statusCode).toBe(404);
      const stale = await admin.post(url, { activities: 'a', deviations: '', version: 1 });
      expect(stale.statusCode).toBe(303);
      const conflict = await admin.post(url, { activities: 'min text', deviations: '', version: 1 });
      expect(conflict.statusCode).toBe(409);
      expect(conflict.body).toContain('min text');
      const token = await apiToken(db, s.admin.id);
      const api = await app.inject({
        method: 'GET',
        url: `/api/v1/esf/indicators?${q}`,
        headers: { authorization: `Bearer ${token}` },
      });
      expect(api.statusCode).toBe(200);
      expect((api.json() as { figures: { figure: string; value: number }[] }).figures[0]?.value).toBe(3);
      const contact = await Client.as(app, db, await makeContactUser(db, s.companyId));
      for (const u of [
        '/esf/indicators',
        `/esf/indicators/rows?figure=women&${q}`,
        '/esf/reports',
        `${url}.pdf`,
      ])
        expect((await contact.get(u)).statusCode).toBe(403);
    } finally {
      await app.close();
    }
  });
});
