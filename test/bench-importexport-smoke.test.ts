// A small round of the import/export benchmark (`npm run bench -- --suite importexport`) so it cannot rot:
// 200 companies imported through the pages, the needs export at the tiny scale for one second. It checks
// that exactly the file's companies were created, that the exports hold the rows SQL counts, and the
// JSON's shape. No timing thresholds: targets live in bench/README.md, not in tests.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import {
  EXPORTS,
  formatImportExportTable,
  type ImportExportBenchResult,
  importCsv,
  parseCsv,
  runImportExportBench,
} from '../bench/importexport.ts';
import { DEMO_PASSWORD } from './db.ts';

const resultsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kn-bench-importexport-smoke-'));
afterAll(() => fs.rmSync(resultsDir, { recursive: true, force: true }));

describe('import/export benchmark smoke round', () => {
  it('imports 200 companies, downloads the needs export as CSV and XLSX and writes its JSON', {
    timeout: 300_000,
  }, async () => {
    const { result, file } = await runImportExportBench({
      companies: 200,
      scale: 'tiny',
      duration: 1,
      connections: 2,
      repeats: 2,
      serverUrl: process.env.DATABASE_URL || undefined,
      resultsDir,
      log: process.env.BENCH_LOG
        ? (l) => console.log(`${(performance.now() / 1000).toFixed(1)} ${l}`)
        : undefined,
      // The suite's demo-seeded copy for the product and its migrated copy for the floor (global setup).
      startFrom: {
        pgliteSnapshot: inject('pgliteDemoSnapshot') || undefined,
        pgTemplate: inject('pgDemoTemplate') || undefined,
      },
      seeded: { password: DEMO_PASSWORD, esfKey: `test1:${Buffer.alloc(32, 0x42).toString('base64')}` },
      floorStartFrom: {
        pgliteSnapshot: inject('pgliteSnapshot') || undefined,
        pgTemplate: inject('pgTemplate') || undefined,
      },
    });

    const db = process.env.DATABASE_URL ? 'postgres' : 'pglite';
    expect(path.basename(file)).toBe(`${result.startedAt.slice(0, 10)}-${db}-importexport.json`);
    const written = JSON.parse(fs.readFileSync(file, 'utf8')) as ImportExportBenchResult;
    expect(written).toEqual(JSON.parse(JSON.stringify(result)));
    expect(written).toMatchObject({
      schema: 'kompetensnavet-bench-importexport/1',
      database: db,
      scale: { name: 'tiny' },
      options: { companies: 200, duration: 1, connections: 2, repeats: 2, scale: 'tiny' },
    });
    expect(written.environment.loadAverage.start).toBeGreaterThanOrEqual(0);

    // Exactly the file's companies, each with its workplace and contact, audited; sampled rows equal.
    expect(written.import.verified).toEqual({
      companiesInDb: 200,
      workplaces: 200,
      contacts: 200,
      auditRows: 200,
      sampled: 50,
      mismatches: [],
    });
    expect(written.import.companies).toBe(200);
    expect(written.import.floor.statements).toBe(3);
    expect(written.import.ratio).toBeGreaterThan(0);

    // Both exports hold the rows SQL counts (the round's needs), and answered only 200s under load.
    expect(written.export.needs).toBeGreaterThan(0);
    expect(written.export.floor.rows).toBe(written.export.needs);
    expect(written.export.endpoints.map((e) => e.name)).toEqual(EXPORTS.map((e) => e.name));
    for (const e of written.export.endpoints) {
      expect({ name: e.name, rows: e.rows }).toEqual({ name: e.name, rows: written.export.needs });
      expect(e.expectedRows).toBe(written.export.needs);
      expect({
        name: e.name,
        errors: e.loaded.errors,
        timeouts: e.loaded.timeouts,
        non2xx: e.loaded.non2xx,
      }).toEqual({
        name: e.name,
        errors: 0,
        timeouts: 0,
        non2xx: 0,
      });
      // A one-second run may finish no XLSX download on a busy machine; whatever was answered was a 200.
      expect(Object.keys(e.loaded.statusCodes).filter((code) => code !== '200')).toEqual([]);
      expect(e.sequential.requests).toBe(2);
      expect(e.ratio).toBeGreaterThan(0);
    }
    expect(formatImportExportTable(written)).toContain('needs.xlsx');
  });

  it('writes a file the CSV reader gives back cell for cell', () => {
    const csv = importCsv([]);
    const [header] = parseCsv(csv);
    expect(header).toContain('Organisationsnummer');
    expect(parseCsv('\ufeffa;"b;""c"""\r\n1;\r\n')).toEqual([
      ['a', 'b;"c"'],
      ['1', ''],
    ]);
  });
});
