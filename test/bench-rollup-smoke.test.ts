// A one-second round of the roll-up benchmark (`npm run bench -- --suite rollup`) so it cannot rot: every
// endpoint answers 200 with no errors, the floor query runs. No timing thresholds: targets live in
// bench/README.md, not in tests.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import {
  PICKER_ENDPOINTS,
  ROLLUP_ENDPOINTS,
  type RollupBenchResult,
  runRollupBench,
} from '../bench/rollup.ts';

const resultsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kn-bench-rollup-smoke-'));
afterAll(() => fs.rmSync(resultsDir, { recursive: true, force: true }));

describe('roll-up benchmark smoke round', () => {
  it('measures the roll-up (admin and officer, HTML and JSON), its floor and picker search at 100 companies', {
    timeout: 300_000,
  }, async () => {
    const { result, file } = await runRollupBench({
      sizes: [100],
      duration: 1,
      connections: 2,
      repeats: 3,
      serverUrl: process.env.DATABASE_URL || undefined,
      resultsDir,
      startFrom: {
        pgliteSnapshot: inject('pgliteSnapshot') || undefined,
        pgTemplate: inject('pgTemplate') || undefined,
      },
    });

    const written = JSON.parse(fs.readFileSync(file, 'utf8')) as RollupBenchResult;
    expect(written).toEqual(JSON.parse(JSON.stringify(result)));
    expect(written).toMatchObject({
      schema: 'kompetensnavet-bench-rollup/1',
      database: process.env.DATABASE_URL ? 'postgres' : 'pglite',
      options: { sizes: [100], duration: 1, connections: 2, repeats: 3 },
    });
    const [size] = written.results;
    expect(size.companies).toBe(100);
    expect(size.mappings).toBe(100);
    expect(size.needs).toBeGreaterThanOrEqual(1600);
    expect(size.floor.repeats).toBe(3);
    expect(size.floor.cells).toBeGreaterThan(0);
    expect(size.endpoints.map((e) => e.name)).toEqual(
      [...ROLLUP_ENDPOINTS, ...PICKER_ENDPOINTS].map((e) => e.name),
    );
    for (const e of size.endpoints) {
      expect({
        endpoint: e.name,
        errors: e.loaded.errors,
        timeouts: e.loaded.timeouts,
        non2xx: e.loaded.non2xx,
      }).toEqual({
        endpoint: e.name,
        errors: 0,
        timeouts: 0,
        non2xx: 0,
      });
      expect(Object.keys(e.loaded.statusCodes)).toEqual(['200']);
      expect(e.loaded.requests).toBeGreaterThan(0);
      expect(e.sequential.requests).toBe(3);
    }
  });
});
