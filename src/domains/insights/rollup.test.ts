import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiToken, Client, makeUser, type TestUser, testApp } from '../../../test/app.ts';
import { testDb } from '../../../test/db.ts';
import type { Actor } from '../../platform/auth.ts';
import type { Db } from '../../platform/db.ts';
import { actorForUser } from '../accounts/index.ts';
import { ensureCommonInstrument, mappings, sampleAnswers } from '../mapping/index.ts';
import type { Dim } from './dims.ts';
import { suppressTable } from './disclosure.ts';
import { derivableCells } from './disclosure-derivable.ts';
import {
  type AxisRef,
  type Contribution,
  cellKey,
  group,
  isSuppressed,
  leaf,
  type SuppressedTable,
  type TableCell,
  TOTAL,
} from './disclosure-types.ts';
import { type RollupSpec, rollupStats, type StatsRow } from './repo.ts';
import { type Audience, audienceOf, type RollupQuery, rollup } from './service/rollup.ts';
import { seedRollupData } from './test-support.ts';

let db: Db;
let app: FastifyInstance;
let regionId: string;
let roundId: string;
const users: Record<string, TestUser> = {};
const tokens: Record<string, string> = {};
let notMapped: string[];
let hidden = 0;
let secondary = 0;

async function actorOf(name: string): Promise<Actor> {
  const user = users[name];
  if (!user) throw new Error(name);
  const a = await actorForUser(db, user.id, 'session');
  if (!a) throw new Error('no actor');
  return a;
}

beforeAll(async () => {
  db = await testDb();
  const instrumentId = await ensureCommonInstrument(db);
  users.admin = await makeUser(db, [{ role: 'region_admin', org: 'region' }]);
  users.ljungby = await makeUser(db, [{ role: 'municipality_officer', org: '0781' }]);
  users.vaxjo = await makeUser(db, [{ role: 'municipality_officer', org: '0780' }]);
  users.esf = await makeUser(db, [{ role: 'esf_admin', org: 'region' }]);
  users.coach = await makeUser(db, [{ role: 'coach', org: '0781' }]);
  const admin = await actorOf('admin');
  regionId = admin.memberships[0]?.regionId ?? '';
  roundId = await mappings.createRound(db, admin, {
    key: 'start',
    nameSv: 'Start',
    nameEn: 'Start',
    opensOn: '2026-01-01',
    closesOn: null,
  });
  const seeded = await seedRollupData(db, { regionId, roundId, instrumentId, count: 150, seed: 7 });
  notMapped = seeded.notMapped;
  const firstCompany = seeded.companyIds[0] ?? '';
  users.company = await makeUser(db, [{ role: 'company_contact', org: `company:${firstCompany}` }]);
  for (const [name, user] of Object.entries(users)) tokens[name] = await apiToken(db, user.id);
  app = (await testApp(db)).app;
}, 120_000);

afterAll(async () => {
  await app.close();
  await db.close();
});

const combos: [Dim, Dim | 'all'][] = [
  ['municipality', 'sniSection'],
  ['sniDivision', 'urgency'],
  ['ssykUnit', 'strategy'],
  ['competence', 'urgency'],
  ['sniSection', 'all'],
];

const query = (rows: Dim, cols: Dim | 'all'): RollupQuery => ({
  rows,
  cols,
  measure: 'people',
  round: roundId,
  filters: {},
});

function refOf(level: string, code: string): AxisRef {
  return level === 'leaf' ? leaf(code) : level === 'group' ? group(code) : TOTAL;
}

/**
 * The outsider's view: every cell of the full table whose value was not published becomes an unknown.
 * Returns the published values that differ from the truth and the sensitive cells one can derive.
 */
function audit(full: SuppressedTable, published: Map<string, number | null>) {
  const cells = new Map<string, TableCell>();
  const wrong: string[] = [];
  for (const [key, c] of full.cells) {
    const v = published.get(key);
    const known = v !== undefined && v !== null;
    if (known && v !== c.value) wrong.push(key);
    if (known && isSuppressed(c)) wrong.push(`leaked ${key}`);
    cells.set(key, { ...c, status: known ? (c.value === 0 ? 'zero' : 'shown') : 'secondary' });
  }
  const derived = derivableCells({ ...full, cells }).filter((d) => {
    const c = full.cells.get(d.key);
    return c !== undefined && isSuppressed(c);
  });
  return { wrong, derived };
}

interface ApiRollup {
  rows: { level: string; code: string }[];
  cols: { level: string; code: string }[];
  cells: { value: number | null; flag: string }[][];
}

function publishedFromApi(body: ApiRollup): Map<string, number | null> {
  const out = new Map<string, number | null>();
  body.rows.forEach((r, i) => {
    body.cols.forEach((c, j) => {
      out.set(cellKey(refOf(r.level, r.code), refOf(c.level, c.code)), body.cells[i]?.[j]?.value ?? null);
    });
  });
  return out;
}

/** The numbers of the roll-up table on a page, row by row (null where a dash is shown). */
function pageMatrix(html: string): (number | null)[][] {
  const table =
    html.match(/<table class="ds-table" data-testid="rollup-table">([\s\S]*?)<\/table>/)?.[1] ?? '';
  const body = table.split('<tbody>')[1] ?? '';
  return body
    .split('</tr>')
    .filter((tr) => tr.includes('<th'))
    .map((tr) =>
      [...tr.matchAll(/<td class="kn-num">([\s\S]*?)<\/td>/g)].map((m) => {
        const cell = m[1] ?? '';
        if (cell.includes('data-cell="suppressed"')) return null;
        const digits = (cell.match(/data-cell="[a-z-]+"[^>]*>(?:<span[^>]*>)?([^<]*)/)?.[1] ?? '').replace(
          /\D/g,
          '',
        );
        return Number(digits);
      }),
    );
}

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ';') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n') {
      row.push(cell.replace(/\r$/, ''));
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  return rows;
}

function qs(rows: string, cols: string): string {
  return `rows=${rows}&cols=${cols}&round=${roundId}`;
}

describe('database grouping', () => {
  it('gives the same suppressed table as the microdata (municipality × SNI section)', async () => {
    const raw = await db.query<{ companyId: string; m: string; s: string; people: number }>(
      `SELECT n.company_id AS "companyId", n.municipality_code AS m, s.section AS s, n.women + n.men AS people
         FROM mapping_needs n JOIN ref_sni s ON s.code = n.sni_code WHERE n.round_id = $1`,
      [roundId],
    );
    const micro: Contribution[] = raw.map((x) => ({
      row: x.m,
      col: x.s,
      companyId: x.companyId,
      people: x.people,
    }));
    const expected = suppressTable(micro);
    const audience: Audience = { kind: 'county', regionId };
    const got = await rollup(db, audience, query('municipality', 'sniSection'));
    expect([...got.table.cells.keys()]).toEqual([...expected.cells.keys()]);
    for (const [key, cell] of expected.cells) {
      const mine = got.table.cells.get(key);
      expect({ key, value: mine?.value, companies: mine?.companies, status: mine?.status }).toEqual({
        key,
        value: cell.value,
        companies: cell.companies,
        status: cell.status,
      });
    }
    const statuses = [...expected.cells.values()].map((c) => c.status);
    expect(statuses).toContain('primary');
    expect(statuses).toContain('secondary');
    expect(statuses).toContain('shown');
  });

  it('gives the same table with a parent level (SNI division under section × urgency)', async () => {
    const raw = await db.query<{ companyId: string; d: string; s: string; u: string; people: number }>(
      `SELECT n.company_id AS "companyId", left(n.sni_code, 2) AS d, s.section AS s, n.urgency AS u,
              n.women + n.men AS people
         FROM mapping_needs n JOIN ref_sni s ON s.code = n.sni_code WHERE n.round_id = $1`,
      [roundId],
    );
    const rowParents = Object.fromEntries(raw.map((x) => [x.d, x.s]));
    const micro = raw.map((x) => ({ row: x.d, col: x.u, companyId: x.companyId, people: x.people }));
    const expected = suppressTable(micro, {
      rowParents,
      cols: ['now', 'within6Months', 'within6To12Months', 'within1To3Years'],
    });
    const got = await rollup(db, { kind: 'county', regionId }, query('sniDivision', 'urgency'));
    expect(got.table.rowGroups.length).toBeGreaterThan(1);
    for (const [key, cell] of expected.cells) {
      expect([key, got.table.cells.get(key)?.status, got.table.cells.get(key)?.value]).toEqual([
        key,
        cell.status,
        cell.value,
      ]);
    }
  });
});

describe('nothing suppressed can be derived from what leaves the region admin', () => {
  for (const who of ['esf', 'coach', 'ljungby', 'vaxjo'] as const) {
    for (const [rows, cols] of combos) {
      it(`${who}: ${rows} × ${cols} — API, page and CSV`, async () => {
        const actor = await actorOf(who);
        const full = await rollup(db, audienceOf(actor), query(rows, cols));
        const res = await app.inject({
          method: 'GET',
          url: `/api/v1/insights/needs?${qs(rows, cols)}`,
          headers: { authorization: `Bearer ${tokens[who]}` },
        });
        expect(res.statusCode).toBe(200);
        const body = res.json() as ApiRollup;
        expect(body.cells.flat().some((c) => c.flag === 'wouldSuppress')).toBe(false);
        const fromApi = audit(full.table, publishedFromApi(body));
        expect(fromApi.wrong).toEqual([]);
        expect(fromApi.derived).toEqual([]);

        const client = await Client.as(app, db, users[who] ?? null);
        const page = await client.get(`/insights/needs?${qs(rows, cols)}`);
        expect(page.statusCode).toBe(200);
        const matrix = pageMatrix(page.body);
        expect(matrix.length).toBe(body.rows.length);
        const fromPage = new Map<string, number | null>();
        body.rows.forEach((r, i) => {
          body.cols.forEach((c, j) => {
            fromPage.set(cellKey(refOf(r.level, r.code), refOf(c.level, c.code)), matrix[i]?.[j] ?? null);
          });
        });
        const pageAudit = audit(full.table, fromPage);
        expect(pageAudit.wrong).toEqual([]);
        expect(pageAudit.derived).toEqual([]);

        const csv = await client.get(`/insights/export/needs.csv?${qs(rows, cols)}`);
        expect(csv.statusCode).toBe(200);
        expect(csv.body.startsWith('\ufeff')).toBe(true);
        const [header, ...lines] = parseCsv(csv.body.slice(1));
        expect(header).toEqual([
          'rowLevel',
          'rowCode',
          'rowLabel',
          'colLevel',
          'colCode',
          'colLabel',
          'value',
          'flag',
        ]);
        const officer = who === 'ljungby' || who === 'vaxjo';
        const fromCsv = new Map<string, number | null>();
        for (const l of lines) {
          const [rl, rc = '', , cl, cc = '', , v] = l;
          const rowCode = officer && rl === 'leaf' ? `own|${rc}` : rc;
          fromCsv.set(cellKey(refOf(rl ?? '', rowCode), refOf(cl ?? '', cc)), v === '' ? null : Number(v));
        }
        const csvAudit = audit(full.table, fromCsv);
        expect(csvAudit.wrong).toEqual([]);
        expect(csvAudit.derived).toEqual([]);
        const values = [...fromCsv.values()];
        expect(values.some((v) => v !== null && v > 0)).toBe(true);
        hidden += values.filter((v) => v === null).length;
        secondary += [...full.table.cells.values()].filter((c) => c.status === 'secondary').length;
      });
    }
  }

  it('the audits above were meaningful: many cells were hidden, also by complementary suppression', () => {
    expect(hidden).toBeGreaterThan(50);
    expect(secondary).toBeGreaterThan(10);
  });

  it('the public page and its API hide the same cells, also for a signed-in region admin', async () => {
    const anon = await Client.as(app, db, null);
    const page = await anon.get('/statistik');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('data-cell="suppressed"');
    const admin = await Client.as(app, db, users.admin ?? null);
    const adminPage = await admin.get('/statistik');
    expect(adminPage.body).not.toContain('would-suppress');
    expect(adminPage.body).toContain('data-cell="suppressed"');
    const api = await app.inject({ method: 'GET', url: '/api/v1/insights/public' });
    expect(api.statusCode).toBe(200);
    const body = api.json() as { byUrgency: ApiRollup; bySection: ApiRollup };
    const full = await rollup(db, { kind: 'public', regionId }, query('urgency', 'strategy'));
    const a = audit(full.table, publishedFromApi(body.byUrgency));
    expect(a).toEqual({ wrong: [], derived: [] });
    const full2 = await rollup(db, { kind: 'public', regionId }, query('sniSection', 'all'));
    expect(audit(full2.table, publishedFromApi(body.bySection))).toEqual({ wrong: [], derived: [] });
  });
});

describe('region admin', () => {
  it('sees every number and which cells others do not see', async () => {
    const res = await app.inject({
      method: 'GET',
      url: `/api/v1/insights/needs?${qs('municipality', 'sniSection')}`,
      headers: { authorization: `Bearer ${tokens.admin}` },
    });
    const body = res.json() as ApiRollup & { audience: string };
    expect(body.audience).toBe('admin');
    const flat = body.cells.flat();
    expect(flat.some((c) => c.flag === 'wouldSuppress')).toBe(true);
    expect(flat.every((c) => c.value !== null)).toBe(true);
    const page = await (await Client.as(app, db, users.admin ?? null)).get(
      `/insights/needs?${qs('municipality', 'sniSection')}`,
    );
    expect(page.body).toContain('data-cell="would-suppress"');
  });

  it('exports microdata: one row per need, UTF-8 BOM and semicolons', async () => {
    const client = await Client.as(app, db, users.admin ?? null);
    const csv = await client.get(`/insights/export/needs.csv?round=${roundId}`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const [header, ...lines] = parseCsv(csv.body.slice(1));
    expect(csv.body.startsWith('\ufeff')).toBe(true);
    expect(header?.slice(0, 3)).toEqual(['mappingId', 'companyId', 'companyName']);
    const [{ n }] = (await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM mapping_needs WHERE round_id = $1',
      [roundId],
    )) as [{ n: number }];
    expect(lines.length).toBe(n);
    const wide = await client.get(`/insights/export/wide.xlsx?round=${roundId}`);
    expect(wide.statusCode).toBe(200);
    expect(wide.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const codebook = await client.get(`/insights/export/codebook.csv?round=${roundId}`);
    expect(codebook.body).toContain('companyName');
  });

  it('an officer gets the suppressed table instead of microdata', async () => {
    const res = await app.inject({
      method: 'GET',
      url: `/api/v1/insights/export/needs?round=${roundId}`,
      headers: { authorization: `Bearer ${tokens.ljungby}` },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { kind: string; sheets: { columns: { key: string }[] }[] };
    expect(body.kind).toBe('aggregate');
    expect(body.sheets[0]?.columns.map((c) => c.key)).not.toContain('companyId');
  });
});

describe('access and input', () => {
  it('company users get 403 on pages and the API', async () => {
    const client = await Client.as(app, db, users.company ?? null);
    expect((await client.get('/insights/needs')).statusCode).toBe(403);
    expect((await client.get('/insights/coverage')).statusCode).toBe(403);
    const api = await app.inject({
      method: 'GET',
      url: '/api/v1/insights/needs',
      headers: { authorization: `Bearer ${tokens.company}` },
    });
    expect(api.statusCode).toBe(403);
  });

  it('rows and columns must differ; unknown dimensions are refused', async () => {
    const client = await Client.as(app, db, users.esf ?? null);
    expect((await client.get('/insights/needs?rows=urgency&cols=urgency')).statusCode).toBe(422);
    expect((await client.get('/insights/needs?rows=nope')).statusCode).toBe(422);
  });

  it('drill-down: a section links to its divisions, filtered', async () => {
    const client = await Client.as(app, db, users.esf ?? null);
    const page = await client.get(`/insights/needs?${qs('sniSection', 'urgency')}`);
    expect(page.body).toMatch(
      /href="\/insights\/needs\?rows=sniDivision&(amp;)?cols=urgency&(amp;)?measure=people&(amp;)?round=[0-9a-f-]+&(amp;)?sniSection=C"/,
    );
    const drilled = await client.get(
      `/insights/needs?rows=sniDivision&cols=urgency&round=${roundId}&sniSection=C`,
    );
    expect(drilled.statusCode).toBe(200);
    expect(drilled.body).toContain('Ta bort filter');
  });

  it('an officer sees the own municipality and the county, not other municipalities', async () => {
    const res = await app.inject({
      method: 'GET',
      url: `/api/v1/insights/needs?${qs('municipality', 'sniSection')}`,
      headers: { authorization: `Bearer ${tokens.ljungby}` },
    });
    const body = res.json() as ApiRollup & { rows: { level: string; code: string; label: string }[] };
    expect(body.rows.map((r) => [r.level, r.code])).toEqual([
      ['group', 'own'],
      ['total', ''],
    ]);
    expect(body.rows[0]?.label).toBe('Ljungby');
  });
});

describe('coverage', () => {
  it('region admins set targets; bad input is kept and explained', async () => {
    const admin = await Client.as(app, db, users.admin ?? null);
    const bad = await admin.post('/insights/coverage/targets', {
      roundId,
      municipalityCode: '0781',
      sniSection: 'C',
      target: '-4',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('value="-4"');
    const ok = await admin.post('/insights/coverage/targets', {
      roundId,
      municipalityCode: '0781',
      sniSection: 'C',
      target: '25',
    });
    expect(ok.statusCode).toBe(303);
    const api = await app.inject({
      method: 'GET',
      url: `/api/v1/insights/coverage?round=${roundId}`,
      headers: { authorization: `Bearer ${tokens.admin}` },
    });
    const rows = (
      api.json() as {
        rows: { municipalityCode: string; sniSection: string; target: number | null; submitted: number }[];
      }
    ).rows;
    expect(rows.find((r) => r.municipalityCode === '0781' && r.sniSection === 'C')?.target).toBe(25);
    expect(rows.reduce((s, r) => s + r.submitted, 0)).toBe(150);
    const officer = await Client.as(app, db, users.ljungby ?? null);
    const refused = await officer.post('/insights/coverage/targets', {
      roundId,
      municipalityCode: '0781',
      sniSection: 'C',
      target: '3',
    });
    expect(refused.statusCode).toBe(403);
  });

  it('officers see their municipality and whom to call next', async () => {
    const api = await app.inject({
      method: 'GET',
      url: `/api/v1/insights/coverage?round=${roundId}`,
      headers: { authorization: `Bearer ${tokens.ljungby}` },
    });
    const rows = (api.json() as { rows: { municipalityCode: string }[] }).rows;
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.municipalityCode))).toEqual(new Set(['0781']));
    const missing = await db.query<{ id: string; m: string; s: string }>(
      `SELECT c.id, w.municipality_code AS m, s.section AS s FROM companies c
         JOIN company_workplaces w ON w.company_id = c.id JOIN ref_sni s ON s.code = c.sni_code
        WHERE c.id = ANY($1::uuid[])`,
      [notMapped],
    );
    const target = missing.find((x) => x.m === '0781') ?? missing[0];
    if (!target) throw new Error('no unmapped company');
    const client = await Client.as(app, db, users.admin ?? null);
    const page = await client.get(
      `/insights/coverage/missing?round=${roundId}&municipality=${target.m}&sniSection=${target.s}`,
    );
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`/companies/${target.id}`);
    const other = missing.find((x) => x.m !== '0781');
    if (other) {
      const officer = await Client.as(app, db, users.ljungby ?? null);
      const refused = await officer.get(
        `/insights/coverage/missing?round=${roundId}&municipality=${other.m}&sniSection=${other.s}`,
      );
      expect(refused.statusCode).toBe(404);
    }
  });
});

describe('the pre-aggregated cells', () => {
  const sort = (rows: StatsRow[]) =>
    rows
      .map((r) => ({
        ...r,
        companies: Number(r.companies),
        people: Number(r.people),
        largest: Number(r.largest),
      }))
      .map((r) =>
        JSON.stringify([
          r.rowLevel,
          r.colLevel,
          r.rl,
          r.rp,
          r.cl,
          r.cp,
          r.companies,
          r.people,
          r.largest,
          Number(r.women),
          Number(r.men),
          Number(r.needs),
        ]),
      )
      .sort();

  it('give exactly the raw computation for company-level tables, margins and splits included', async () => {
    const specs: RollupSpec[] = [
      { rows: { dim: 'municipality', withParent: false }, cols: { dim: 'sniSection', withParent: false } },
      { rows: { dim: 'sniDivision', withParent: true }, cols: { dim: 'municipality', withParent: false } },
      {
        rows: { dim: 'municipality', withParent: false, splitMunicipality: '0781' },
        cols: { dim: 'all', withParent: false },
      },
    ].map((axes) => ({ source: 'needs', regionId, roundId, filters: [], ...axes }) as RollupSpec);
    specs.push({ ...(specs[0] as RollupSpec), filters: [{ dim: 'sniSection', value: 'C' }] });
    for (const spec of specs) {
      const cells = await rollupStats(db, spec);
      expect(cells.length).toBeGreaterThan(5);
      expect(sort(cells)).toEqual(sort(await rollupStats(db, { ...spec, raw: true })));
    }
  });

  it('follow submissions and reopenings through the mapping service', async () => {
    const admin = await actorOf('admin');
    const table = {
      rows: { dim: 'municipality', withParent: false },
      cols: { dim: 'all', withParent: false },
    } as const;
    const spec: RollupSpec = { source: 'needs', regionId, roundId, filters: [], ...table };
    const company = notMapped[0] as string;
    const { id } = await mappings.startMapping(db, admin, { companyId: company, roundId });
    await mappings.acceptNotice(db, admin, id, []);
    const view = await mappings.getMapping(db, admin, id);
    const sections = sampleAnswers(view.definition, {
      roles: [{ title: 'Svetsare', ssyk: '7212', women: 1, men: 3 }],
      competenceIds: (
        await db.query<{ id: string }>('SELECT concept_id AS id FROM ref_competences LIMIT 3')
      ).map((r) => r.id),
    });
    await mappings.saveAnswers(db, admin, id, { baseRevision: view.mapping.revision, sections });
    await mappings.submitMapping(db, admin, id);
    expect(sort(await rollupStats(db, spec))).toEqual(sort(await rollupStats(db, { ...spec, raw: true })));
    await mappings.reopenMapping(db, admin, id, 'Kontroll av sammanställningen');
    expect(sort(await rollupStats(db, spec))).toEqual(sort(await rollupStats(db, { ...spec, raw: true })));
  });
});
