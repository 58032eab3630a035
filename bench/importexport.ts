// Import and export benchmark (`--suite importexport`, issue 9): 10 000 companies imported from a CSV file
// through the product's import page as a region admin (upload → preview → confirm), against the same rows
// loaded by one INSERT … SELECT FROM unnest(…) per table into a second fresh database of the same kind; and
// the region admin's full roll-up export (one row per need, every dimension; CSV and XLSX) downloaded over
// HTTP, one at a time and under autocannon, against the same SELECT rendered to CSV by a few lines here.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon, { type Result } from 'autocannon';
import ExcelJS from 'exceljs';
import { prepareDatabase } from '../src/bootstrap.ts';
import { fictitiousOrgNumber } from '../src/demo/generate.ts';
import { DEFAULT_SEED, syntheticCompany, syntheticContext } from '../src/demo/synthetic.ts';
import { SYNTHETIC_ROUND_KEY } from '../src/demo/synthetic-mappings.ts';
import { type BulkCompany, insertCompaniesBulk } from '../src/domains/companies/bulk.ts';
import { messages as companyMessages } from '../src/domains/companies/messages.ts';
import { type ColumnKey, columnKeys } from '../src/domains/companies/transfer/columns.ts';
import { messages as transferMessages } from '../src/domains/companies/transfer/messages.ts';
import { ensureRegion } from '../src/domains/organisations/index.ts';
import type { Db } from '../src/platform/db.ts';
import { newKeyLine } from '../src/platform/secrets.ts';
import { settle } from './bench.ts';
import { type BenchDatabase, createBenchDatabase, type StartFrom, withDatabase } from './database.ts';
import { type GeneratorRun, SCALES, type ScaleName, seedBenchData, USERS } from './pages.ts';
import { type LoadSummary, loadSummary } from './report.ts';
import { type Latency, latencyOf } from './rollup.ts';
import { type RunningApp, signIn, startApp } from './server.ts';

export const IMPORTEXPORT_RESULTS_DIR = path.resolve(import.meta.dirname, 'results');
/**
 * Imported companies get organisationsnummer 502sss-sssC from this serial on: the fictitious series of the
 * synthetic generator, far above the serials the demo and the seeded scales use (county ≈ 200, region-x10
 * ≈ 10 000), so the file never collides with what is already there.
 */
export const IMPORT_SERIAL_BASE = 800_000;
/** Loads of the import floor (the median is the figure). */
const FLOOR_RUNS = 3;
/** The largest breakdown the product exports: one row per need with every dimension (region admin). */
export const EXPORTS = [
  { name: 'needs.csv', format: 'csv', path: '/insights/export/needs.csv' },
  { name: 'needs.xlsx', format: 'xlsx', path: '/insights/export/needs.xlsx' },
] as const;
/** The needs export's columns, in the product's order (src/domains/insights/service/export.ts). */
export const NEED_COLUMNS = [
  'mappingId',
  'companyId',
  'companyName',
  'municipalityCode',
  'sniCode',
  'ssykCode',
  'competenceId',
  'competenceText',
  'gapSize',
  'women',
  'men',
  'urgency',
  'cause',
  'strategy',
  'difficulty',
  'hours',
  'costSek',
  'priority',
] as const;
/** The export floor: the same rows and order as the product's query, no audit, no sheet model. */
export const EXPORT_FLOOR_SQL = `SELECT n.mapping_id, n.company_id, c.name, n.municipality_code, n.sni_code, n.ssyk_code,
       n.competence_id, n.competence_text, n.gap_size, n.women, n.men, n.urgency, n.cause, n.strategy,
       n.difficulty, n.hours, n.cost_sek, n.priority
  FROM mapping_needs n JOIN companies c ON c.id = n.company_id
 WHERE n.region_id = $1 AND n.round_id = $2 ORDER BY lower(c.name), n.mapping_id, n.position`;

export interface ImportExportBenchOptions {
  /** Companies in the import file (default 10 000, the import's maximum). */
  companies?: number;
  /** Seconds of autocannon per export. */
  duration: number;
  connections: number;
  /** Sequential downloads per export, and runs of the export floor (default 20). */
  repeats?: number;
  /** Data the export runs over (default county). */
  scale?: ScaleName;
  serverUrl?: string;
  resultsDir?: string;
  seed?: number;
  /** Where the import/export database starts from; with `seeded`, a copy that already holds the demo seed. */
  startFrom?: StartFrom;
  seeded?: { password: string; esfKey: string };
  /** Where the floor's database starts from (a migrated, reference-loaded copy). */
  floorStartFrom?: StartFrom;
  log?: (line: string) => void;
  signal?: AbortSignal;
}

export interface ImportResult {
  companies: number;
  csvBytes: number;
  /** Wall time seen by the client, ms: upload (parse + validate + store the preview), preview page, confirm. */
  phases: { uploadMs: number; previewMs: number; confirmMs: number };
  totalMs: number;
  companiesPerSec: number;
  /** Counts the preview page showed ("new" rows) and what the database holds afterwards. */
  verified: {
    companiesInDb: number;
    workplaces: number;
    contacts: number;
    auditRows: number;
    sampled: number;
    mismatches: string[];
  };
  /** The floor's loads, ms (each into emptied tables); `ms` is their median. */
  floor: { ms: number; runsMs: number[]; companiesPerSec: number; statements: number };
  /** Product total ÷ floor. */
  ratio: number;
}

export interface ExportEndpointResult {
  name: string;
  format: 'csv' | 'xlsx';
  path: string;
  bytes: number;
  /** Data rows in the downloaded file (header excluded) and what SQL says it must hold. */
  rows: number;
  expectedRows: number;
  sequential: Latency & { requests: number };
  loaded: LoadSummary;
  /** Sequential p50 ÷ the floor's p50. */
  ratio: number;
}

export interface ImportExportBenchResult {
  schema: 'kompetensnavet-bench-importexport/1';
  startedAt: string;
  finishedAt: string;
  database: 'pglite' | 'postgres';
  scale: { name: ScaleName } & (typeof SCALES)[ScaleName];
  environment: {
    node: string;
    platform: string;
    cpus: number;
    cpuModel: string;
    memoryGb: number;
    loadAverage: { start: number; end: number };
  };
  options: {
    companies: number;
    duration: number;
    connections: number;
    repeats: number;
    seed: number;
    scale: ScaleName;
  };
  data: { demoMs: number; generators: GeneratorRun[] };
  import: ImportResult;
  export: {
    roundKey: string;
    needs: number;
    /** The floor: EXPORT_FLOOR_SQL and a few lines of CSV, in the bench process, ms. */
    floor: Latency & { repeats: number; rows: number; bytes: number };
    endpoints: ExportEndpointResult[];
  };
}

// ---------------------------------------------------------------- the file

const sv = transferMessages.sv;
const header = columnKeys.map((k) => sv[`transfer.col.${k}`]);
const statusLabel = (s: string) =>
  companyMessages.sv[`company.status.${s}` as keyof typeof companyMessages.sv] ?? s;
const foundViaLabel = (s: string) =>
  companyMessages.sv[`company.foundVia.${s}` as keyof typeof companyMessages.sv] ?? s;
/** "12 500", as Swedish spreadsheets write thousands. */
const swedishInt = (n: number | null) => (n === null ? '' : String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ' '));

/**
 * The companies of the file: the synthetic generator's companies (municipality by population, SNI mix,
 * headcounts, financials, one contact), cut to what the import takes — one workplace, no group figures —
 * with organisationsnummer from IMPORT_SERIAL_BASE on. Deterministic from the seed.
 */
export async function importCompanies(db: Db, count: number, seed: number): Promise<BulkCompany[]> {
  const ctx = await syntheticContext(db, '07', seed);
  const now = new Date().toISOString();
  const out: BulkCompany[] = [];
  for (let i = 0; i < count; i++) {
    const serial = IMPORT_SERIAL_BASE + i;
    const c = syntheticCompany(ctx, serial);
    out.push({
      ...c,
      orgNumber: fictitiousOrgNumber(serial),
      partOfGroup: false,
      groupEmployees: null,
      groupTurnoverTsek: null,
      groupBalanceTsek: null,
      createdAt: now,
      updatedAt: now,
      workplaces: c.workplaces.slice(0, 1),
    });
  }
  return out;
}

function rowOf(c: BulkCompany): Record<ColumnKey, string> {
  const w = c.workplaces[0];
  const p = c.contacts[0];
  return {
    orgNumber: c.orgNumber,
    name: c.name,
    sniCode: c.sniCode ?? '',
    status: statusLabel(c.status),
    foundVia: foundViaLabel(c.foundVia),
    employeesWomen: String(c.employeesWomen),
    employeesMen: String(c.employeesMen),
    turnoverTsek: swedishInt(c.turnoverTsek),
    balanceTsek: swedishInt(c.balanceTsek),
    municipalityCode: w?.municipalityCode ?? '',
    workplaceName: w?.name ?? '',
    street: w?.street ?? '',
    postalCode: w?.postalCode ?? '',
    city: w?.city ?? '',
    cfar: '',
    contactName: p?.name ?? '',
    contactRole: p?.roleTitle ?? '',
    contactEmail: p?.email ?? '',
    contactPhone: p?.phone ?? '',
  };
}

/** The file an operator would save from Excel: UTF-8 with BOM, semicolons, CRLF, Swedish headers. */
export function importCsv(companies: BulkCompany[]): string {
  const cell = (v: string) => (/[;"\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = [header, ...companies.map((c) => columnKeys.map((k) => rowOf(c)[k]))];
  return `\ufeff${lines.map((l) => l.map(cell).join(';')).join('\r\n')}\r\n`;
}

/** A CSV as written by the product (`;`, quotes doubled, CRLF, optional BOM) → rows of cells. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const s = text.replace(/^\ufeff/, '');
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ';') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || (ch === '\r' && s[i + 1] === '\n')) {
      if (ch === '\r') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

// ---------------------------------------------------------------- HTTP as a browser does it

class Browser {
  readonly jar = new Map<string, string>();
  constructor(
    readonly baseUrl: string,
    cookie: string,
  ) {
    for (const pair of cookie.split(/;\s*/)) {
      const eq = pair.indexOf('=');
      if (eq > 0) this.jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
  }
  get cookie(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  async request(
    url: string,
    init: { method?: string; headers?: Record<string, string>; body?: BodyInit } = {},
  ): Promise<{ status: number; location: string | null; body: Buffer }> {
    const res = await fetch(this.baseUrl + url, {
      method: init.method ?? 'GET',
      redirect: 'manual',
      headers: { ...init.headers, cookie: this.cookie },
      body: init.body,
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq > 0) this.jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
    return {
      status: res.status,
      location: res.headers.get('location'),
      body: Buffer.from(await res.arrayBuffer()),
    };
  }
}

const csrfOf = (html: string) => html.match(/name="_csrf" value="([^"]+)"/)?.[1];

/** Upload → preview → confirm through the pages, each step timed; returns the import id and phase times. */
async function importThroughPages(
  browser: Browser,
  csv: string,
  expected: number,
): Promise<{ id: string; phases: ImportResult['phases'] }> {
  const form = await browser.request('/companies/import');
  const csrf = csrfOf(form.body.toString());
  if (form.status !== 200 || !csrf)
    throw new Error(`/companies/import answered ${form.status} without a form`);
  const boundary = `----knbench${randomBytes(8).toString('hex')}`;
  const field = (name: string, value: string) =>
    `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const body = Buffer.concat([
    Buffer.from(field('_csrf', csrf) + field('duplicateMode', 'skip')),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="foretag.csv"\r\nContent-Type: text/csv\r\n\r\n`,
    ),
    Buffer.from(csv, 'utf8'),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  let t0 = performance.now();
  const uploaded = await browser.request('/companies/import', {
    method: 'POST',
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    body,
  });
  const uploadMs = performance.now() - t0;
  const id = uploaded.location?.match(/^\/companies\/import\/([0-9a-f-]{36})$/)?.[1];
  if (uploaded.status !== 303 && uploaded.status !== 302)
    throw new Error(`the upload answered ${uploaded.status}: ${uploaded.body.toString().slice(0, 300)}`);
  if (!id) throw new Error(`the upload redirected to ${uploaded.location}`);
  t0 = performance.now();
  const preview = await browser.request(`/companies/import/${id}`);
  const previewMs = performance.now() - t0;
  const html = preview.body.toString();
  const confirmCsrf = csrfOf(html);
  if (preview.status !== 200 || !confirmCsrf) throw new Error(`the preview answered ${preview.status}`);
  if (html.includes('data-testid="import-errors"'))
    throw new Error('the preview lists rows with errors: the generated file is not valid');
  t0 = performance.now();
  const confirmed = await browser.request(`/companies/import/${id}/confirm`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: confirmCsrf }).toString(),
  });
  const confirmMs = performance.now() - t0;
  if (confirmed.status !== 303 && confirmed.status !== 302)
    throw new Error(`the confirmation answered ${confirmed.status} (${expected} rows)`);
  return { id, phases: { uploadMs, previewMs, confirmMs } };
}

/** The imported rows in the database: counts, and every (N/50)th company compared field by field. */
async function verifyImport(db: Db, companies: BulkCompany[], importId: string) {
  const orgNumbers = companies.map((c) => c.orgNumber);
  const [counts] = await db.query<{ companies: number; workplaces: number; contacts: number; audit: number }>(
    `SELECT (SELECT count(*)::int FROM companies WHERE org_number = ANY($1::text[])) AS companies,
            (SELECT count(*)::int FROM company_workplaces w JOIN companies c ON c.id = w.company_id
              WHERE c.org_number = ANY($1::text[])) AS workplaces,
            (SELECT count(*)::int FROM company_contacts p JOIN companies c ON c.id = p.company_id
              WHERE c.org_number = ANY($1::text[])) AS contacts,
            (SELECT count(*)::int FROM audit_log WHERE action = 'company.import' AND details->>'importId' = $2) AS audit`,
    [orgNumbers, importId],
  );
  const step = Math.max(1, Math.floor(companies.length / 50));
  const sample = companies.filter((_, i) => i % step === 0);
  const rows = await db.query<Record<string, string | number | null>>(
    `SELECT c.org_number, c.name, c.sni_code, c.status, c.found_via, c.employees_women, c.employees_men,
            c.turnover_tsek::int AS turnover_tsek, c.balance_tsek::int AS balance_tsek, c.is_sole_trader::text AS sole,
            w.municipality_code, w.name AS workplace, w.street, w.postal_code, w.city,
            p.name AS contact, p.role_title, p.email, p.phone
       FROM companies c
       JOIN company_workplaces w ON w.company_id = c.id AND w.position = 0
       JOIN company_contacts p ON p.company_id = c.id AND p.position = 0
      WHERE c.org_number = ANY($1::text[])`,
    [sample.map((c) => c.orgNumber)],
  );
  const byOrg = new Map(rows.map((r) => [r.org_number, r]));
  const mismatches: string[] = [];
  for (const c of sample) {
    const r = byOrg.get(c.orgNumber);
    if (!r) {
      mismatches.push(`${c.orgNumber}: missing`);
      continue;
    }
    const w = c.workplaces[0];
    const p = c.contacts[0];
    const want: Record<string, string | number | null> = {
      name: c.name,
      sni_code: c.sniCode,
      status: c.status,
      found_via: c.foundVia,
      employees_women: c.employeesWomen,
      employees_men: c.employeesMen,
      turnover_tsek: c.turnoverTsek,
      balance_tsek: c.balanceTsek,
      sole: 'false',
      municipality_code: w.municipalityCode,
      workplace: w.name,
      street: w.street,
      postal_code: w.postalCode,
      city: w.city,
      contact: p.name,
      role_title: p.roleTitle,
      email: p.email,
      phone: p.phone,
    };
    for (const [k, v] of Object.entries(want))
      if (r[k] !== v) mismatches.push(`${c.orgNumber} ${k}: ${JSON.stringify(r[k])} ≠ ${JSON.stringify(v)}`);
  }
  return {
    companiesInDb: counts?.companies ?? 0,
    workplaces: counts?.workplaces ?? 0,
    contacts: counts?.contacts ?? 0,
    auditRows: counts?.audit ?? 0,
    sampled: sample.length,
    mismatches: mismatches.slice(0, 20),
  };
}

// ---------------------------------------------------------------- export

function load(url: string, headers: Record<string, string>, opts: ImportExportBenchOptions): Promise<Result> {
  return new Promise((resolve, reject) => {
    const stop = () => instance.stop();
    const instance = autocannon(
      { url, headers, connections: opts.connections, duration: opts.duration, timeout: 30 },
      (err, r) => {
        opts.signal?.removeEventListener('abort', stop);
        if (err) reject(err);
        else resolve(r);
      },
    );
    opts.signal?.addEventListener('abort', stop, { once: true });
  });
}

async function exportRows(
  format: 'csv' | 'xlsx',
  body: Buffer,
): Promise<{ header: string[]; rows: string[][] }> {
  if (format === 'csv') {
    const [head = [], ...rows] = parseCsv(body.toString('utf8'));
    return { header: head, rows };
  }
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('needs');
  if (!wb.getWorksheet('codebook')) throw new Error('the XLSX export has no codebook sheet');
  if (!ws) throw new Error('the XLSX export has no needs sheet');
  const all: string[][] = [];
  ws.eachRow((row) => {
    const values = (row.values as unknown[]).slice(1);
    all.push(values.map((v) => (v === null || v === undefined ? '' : String(v))));
  });
  const [head = [], ...rows] = all;
  return { header: head, rows };
}

/** The floor: the SELECT and a few lines of CSV, `repeats` times after 5 unmeasured runs. */
async function exportFloor(db: Db, regionId: string, roundId: string, repeats: number) {
  let csv = '';
  let rows = 0;
  const samples: number[] = [];
  for (let i = 0; i < repeats + 5; i++) {
    const t0 = performance.now();
    const result = await db.query<Record<string, string | number | null>>(EXPORT_FLOOR_SQL, [
      regionId,
      roundId,
    ]);
    const cell = (v: string | number | null) => {
      const s = v === null ? '' : String(v);
      return /[;"\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    };
    csv = `\ufeff${NEED_COLUMNS.join(';')}\r\n${result.map((r) => `${Object.values(r).map(cell).join(';')}\r\n`).join('')}`;
    if (i >= 5) samples.push(performance.now() - t0);
    rows = result.length;
  }
  return { ...latencyOf(samples), repeats, rows, bytes: Buffer.byteLength(csv) };
}

// ---------------------------------------------------------------- the run

export async function runImportExportBench(
  opts: ImportExportBenchOptions,
): Promise<{ result: ImportExportBenchResult; file: string }> {
  const log = opts.log ?? (() => {});
  const count = opts.companies ?? 10_000;
  if (!Number.isInteger(count) || count < 1 || count > 10_000)
    throw new Error('companies must be 1 to 10 000 (the import takes at most 10 000 rows)');
  const scaleName = opts.scale ?? 'county';
  const scale = SCALES[scaleName];
  if (!scale) throw new Error(`unknown scale ${scaleName}`);
  const seed = opts.seed ?? DEFAULT_SEED;
  const repeats = opts.repeats ?? 20;
  const startedAt = new Date().toISOString();
  const loadAtStart = os.loadavg()[0];
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kn-bench-importexport-'));
  const password = opts.seeded?.password ?? randomBytes(18).toString('base64url');
  const esfKey = opts.seeded?.esfKey ?? newKeyLine();
  let main: BenchDatabase | null = null;
  let floorDb: BenchDatabase | null = null;
  let app: RunningApp | null = null;
  let floorRuns: number[] = [];
  try {
    // 1. The floor database: fresh, migrated, the region; the file's companies and their plain load.
    floorDb = await createBenchDatabase({
      serverUrl: opts.serverUrl,
      tempDir: path.join(tempDir, 'floor'),
      startFrom: opts.floorStartFrom,
    });
    log(`Floor database: ${floorDb.where}`);
    const { companies, floorMs } = await withDatabase(floorDb, async (db) => {
      await prepareDatabase(db);
      await ensureRegion(db, '07');
      const list = await importCompanies(db, count, seed);
      // Three loads into emptied tables; the median counts (the first one is into a cold database).
      const runs: number[] = [];
      for (let i = 0; i < FLOOR_RUNS; i++) {
        if (i > 0) await db.exec('TRUNCATE companies, company_workplaces, company_contacts CASCADE');
        const t0 = performance.now();
        await insertCompaniesBulk(db, list);
        runs.push(performance.now() - t0);
      }
      const ms = [...runs].sort((a, b) => a - b)[Math.floor(runs.length / 2)] ?? 0;
      const [n] = await db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM companies WHERE org_number = ANY($1::text[])',
        [list.map((c) => c.orgNumber)],
      );
      if (n?.n !== count) throw new Error(`the floor loaded ${n?.n} companies, not ${count}`);
      floorRuns = runs.map((r) => Math.round(r));
      return { companies: list, floorMs: ms };
    });
    const csv = importCsv(companies);
    log(
      `Floor: ${count} companies in ${floorMs.toFixed(0)} ms (median of ${floorRuns.join(', ')} ms; 3 INSERT … SELECT FROM unnest); file ${(Buffer.byteLength(csv) / 1e6).toFixed(2)} MB`,
    );
    await floorDb.drop();
    floorDb = null;

    // 2. The product's database: demo seed and the scale's synthetic data.
    main = await createBenchDatabase({ serverUrl: opts.serverUrl, tempDir, startFrom: opts.startFrom });
    log(`Benchmark database: ${main.where}; scale ${scaleName}`);
    const { data, roundId } = await withDatabase(main, async (db) => {
      const seeded = await seedBenchData(db, {
        scale,
        seed,
        password,
        esfKey,
        alreadySeeded: opts.seeded !== undefined,
        log,
      });
      const [round] = await db.query<{ id: string }>(
        'SELECT id FROM mapping_rounds WHERE region_id = $1 AND key = $2',
        [await ensureRegion(db, '07'), SYNTHETIC_ROUND_KEY],
      );
      if (!round) throw new Error('the synthetic round is missing');
      return { data: seeded, roundId: round.id };
    });

    // 3. The app: import through the pages, then download the exports.
    app = await startApp({ ...main.env, ESF_KEY: esfKey });
    const browser = new Browser(app.baseUrl, await signIn(app.baseUrl, USERS.region_admin.email, password));
    log(`Importing ${count} companies through /companies/import …`);
    const t0 = performance.now();
    const { id: importId, phases } = await importThroughPages(browser, csv, count);
    const totalMs = performance.now() - t0;
    log(
      `  upload ${phases.uploadMs.toFixed(0)} ms, preview ${phases.previewMs.toFixed(0)} ms, confirm ${phases.confirmMs.toFixed(0)} ms: ${totalMs.toFixed(0)} ms, ${Math.round((count / totalMs) * 1000)} companies/s (floor ${floorMs.toFixed(0)} ms)`,
    );

    const headers = { cookie: browser.cookie };
    const downloads: {
      e: (typeof EXPORTS)[number];
      body: Buffer;
      seq: ExportEndpointResult['sequential'];
      loaded: LoadSummary;
    }[] = [];
    for (const e of EXPORTS) {
      if (opts.signal?.aborted) break;
      const url = `${e.path}?round=${roundId}`;
      const samples: number[] = [];
      let body: Buffer = Buffer.alloc(0);
      for (let i = 0; i < repeats + 2; i++) {
        const s0 = performance.now();
        const res = await browser.request(url);
        if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
        if (i >= 2) samples.push(performance.now() - s0);
        body = res.body;
      }
      const seq = { ...latencyOf(samples), requests: samples.length };
      const r = await load(app.baseUrl + url, headers, opts);
      await settle(app);
      const exit = app.exitReport();
      if (exit) throw new Error(`while measuring ${url}, ${exit}`);
      const loaded = loadSummary(r);
      log(
        `  ${e.name.padEnd(11)} ${(body.length / 1e3).toFixed(0)} kB; 1 user p50 ${seq.p50} ms; ${opts.connections} conn: ${Math.round(loaded.requestsPerSec)} req/s, p99 ${loaded.latencyMs.p99} ms`,
      );
      downloads.push({ e, body, seq, loaded });
    }
    if (opts.signal?.aborted) throw new Error('benchmark aborted');
    await app.stop();
    app = null;

    // 4. Checks and the export floor, on the same database.
    const checked = await withDatabase(main, async (db) => {
      const verified = await verifyImport(db, companies, importId);
      const regionId = await ensureRegion(db, '07');
      const floor = await exportFloor(db, regionId, roundId, repeats);
      const [sums] = await db.query<{ needs: number; people: number }>(
        `SELECT count(*)::int AS needs, coalesce(sum(women + men), 0)::int AS people
           FROM mapping_needs WHERE region_id = $1 AND round_id = $2`,
        [regionId, roundId],
      );
      return { verified, floor, needs: sums?.needs ?? 0, people: sums?.people ?? 0 };
    });
    if (checked.verified.companiesInDb !== count || checked.verified.mismatches.length > 0)
      throw new Error(
        `the import left ${checked.verified.companiesInDb} of ${count} companies; ${checked.verified.mismatches.join('; ')}`,
      );
    const endpoints: ExportEndpointResult[] = [];
    for (const d of downloads) {
      const { header: head, rows } = await exportRows(d.e.format, d.body);
      if (head.join(';') !== NEED_COLUMNS.join(';'))
        throw new Error(`${d.e.name}: unexpected header ${head.join(';')}`);
      const people = rows.reduce((s, r) => s + Number(r[9] || 0) + Number(r[10] || 0), 0);
      if (rows.length !== checked.needs || people !== checked.people)
        throw new Error(
          `${d.e.name}: ${rows.length} rows / ${people} people, SQL ${checked.needs} / ${checked.people}`,
        );
      endpoints.push({
        name: d.e.name,
        format: d.e.format,
        path: `${d.e.path}?round=<synthetic round>`,
        bytes: d.body.length,
        rows: rows.length,
        expectedRows: checked.needs,
        sequential: d.seq,
        loaded: d.loaded,
        ratio: d.seq.p50 / Math.max(checked.floor.p50, 0.01),
      });
    }
    const cpus = os.cpus();
    const result: ImportExportBenchResult = {
      schema: 'kompetensnavet-bench-importexport/1',
      startedAt,
      finishedAt: new Date().toISOString(),
      database: main.kind,
      scale: { name: scaleName, ...scale },
      environment: {
        node: process.versions.node,
        platform: `${os.platform()} ${os.release()}`,
        cpus: cpus.length,
        cpuModel: cpus[0]?.model.trim() ?? 'unknown',
        memoryGb: Math.round(os.totalmem() / 2 ** 30),
        loadAverage: { start: loadAtStart, end: os.loadavg()[0] },
      },
      options: {
        companies: count,
        duration: opts.duration,
        connections: opts.connections,
        repeats,
        seed,
        scale: scaleName,
      },
      data,
      import: {
        companies: count,
        csvBytes: Buffer.byteLength(csv),
        phases: {
          uploadMs: Math.round(phases.uploadMs),
          previewMs: Math.round(phases.previewMs),
          confirmMs: Math.round(phases.confirmMs),
        },
        totalMs: Math.round(totalMs),
        companiesPerSec: Math.round((count / totalMs) * 1000),
        verified: checked.verified,
        floor: {
          ms: Math.round(floorMs),
          runsMs: floorRuns,
          companiesPerSec: Math.round((count / floorMs) * 1000),
          statements: 3,
        },
        ratio: totalMs / Math.max(floorMs, 1),
      },
      export: { roundKey: SYNTHETIC_ROUND_KEY, needs: checked.needs, floor: checked.floor, endpoints },
    };
    const dir = opts.resultsDir ?? IMPORTEXPORT_RESULTS_DIR;
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${startedAt.slice(0, 10)}-${main.kind}-importexport.json`);
    fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
    return { result, file };
  } finally {
    await app?.stop();
    await floorDb?.drop();
    await main?.drop();
    fs.rmSync(tempDir, { recursive: true, force: true });
  }
}

const num = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** Two small tables: the import against its floor, the exports against theirs. */
export function formatImportExportTable(result: ImportExportBenchResult): string {
  const im = result.import;
  const table = (head: string[], rows: string[][], left: number) => {
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
    const line = (r: string[]) =>
      `| ${r.map((c, i) => (i < left ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join(' | ')} |`;
    const sep = `| ${widths.map((w, i) => (i < left ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`)).join(' | ')} |`;
    return [line(head), sep, ...rows.map(line)];
  };
  const importRows = [
    [
      'product: upload → preview → confirm',
      num(im.totalMs),
      num(im.companiesPerSec),
      `${num(im.phases.uploadMs)} / ${num(im.phases.previewMs)} / ${num(im.phases.confirmMs)}`,
      num(im.ratio, 1),
    ],
    ['floor: 3 × INSERT … SELECT FROM unnest', num(im.floor.ms), num(im.floor.companiesPerSec), '', '1.0'],
  ];
  const ex = result.export;
  const exportRows = [
    [
      'floor: SELECT + CSV in the bench',
      num(ex.floor.bytes / 1000),
      num(ex.floor.rows),
      num(ex.floor.p50, 1),
      num(ex.floor.p95, 1),
      '1.0',
      '',
      '',
      '',
      '',
    ],
    ...ex.endpoints.map((e) => [
      e.name,
      num(e.bytes / 1000),
      num(e.rows),
      num(e.sequential.p50, 1),
      num(e.sequential.p95, 1),
      num(e.ratio, 1),
      num(e.loaded.requests),
      num(e.loaded.requestsPerSec, 1),
      num(e.loaded.latencyMs.p99),
      num(e.loaded.errors + e.loaded.timeouts + e.loaded.non2xx),
    ]),
  ];
  return [
    `${result.database}, scale ${result.scale.name}, ${result.environment.cpus} × ${result.environment.cpuModel}, Node ${result.environment.node}; load average ${result.environment.loadAverage.start.toFixed(1)} → ${result.environment.loadAverage.end.toFixed(1)}`,
    `import of ${num(im.companies)} companies (${num(im.csvBytes / 1e6, 2)} MB CSV) as the region admin; verified: ${num(im.verified.companiesInDb)} companies, ${num(im.verified.workplaces)} workplaces, ${num(im.verified.contacts)} contacts, ${num(im.verified.auditRows)} audit rows, ${im.verified.sampled} sampled rows equal`,
    '',
    ...table(['import', 'ms', 'companies/s', 'upload / preview / confirm ms', '÷ floor'], importRows, 1),
    '',
    `export of the ${result.export.roundKey} round's needs (${num(ex.needs)} rows), ${result.options.repeats} sequential downloads, then ${result.options.connections} connections × ${result.options.duration} s (done: downloads completed within it)`,
    '',
    ...table(
      ['export', 'kB', 'rows', '1-user p50 ms', 'p95 ms', '÷ floor', 'done', 'req/s', 'p99 ms', 'errors'],
      exportRows,
      1,
    ),
  ].join('\n');
}
