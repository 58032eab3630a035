// A one-second round of the benchmark so it cannot rot. No timing thresholds here: performance targets
// live in the benchmark (bench/README.md), not in tests.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { ENDPOINTS, runBench } from '../bench/bench.ts';
import type { BenchResult } from '../bench/report.ts';

const resultsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kn-bench-smoke-'));
afterAll(() => fs.rmSync(resultsDir, { recursive: true, force: true }));

describe('benchmark smoke round', () => {
  it('measures every endpoint at 200 companies with only 2xx answers and writes its JSON', {
    timeout: 180_000,
  }, async () => {
    const { result, file } = await runBench({
      sizes: [200],
      duration: 1,
      connections: 2,
      serverUrl: process.env.DATABASE_URL || undefined,
      resultsDir,
      warmupRequests: 3,
      // The suite's migrated, reference-loaded copy (global setup) instead of a fresh initdb.
      startFrom: {
        pgliteSnapshot: inject('pgliteSnapshot') || undefined,
        pgTemplate: inject('pgTemplate') || undefined,
      },
    });

    expect(path.dirname(file)).toBe(resultsDir);
    const written = JSON.parse(fs.readFileSync(file, 'utf8')) as BenchResult;
    expect(written).toEqual(JSON.parse(JSON.stringify(result)));
    expect(written).toMatchObject({
      schema: 'kompetensnavet-bench/1',
      database: process.env.DATABASE_URL ? 'postgres' : 'pglite',
      options: { sizes: [200], duration: 1, connections: 2 },
    });
    expect(written.results).toHaveLength(1);
    const [size] = written.results;
    expect(size.companies).toBe(200);
    expect(size.seeded.companies).toBe(200);
    expect(size.endpoints.map((e) => e.path)).toEqual(ENDPOINTS.map((e) => e.path));
    for (const e of size.endpoints) {
      expect({ endpoint: e.name, errors: e.errors, timeouts: e.timeouts, non2xx: e.non2xx }).toEqual({
        endpoint: e.name,
        errors: 0,
        timeouts: 0,
        non2xx: 0,
      });
      expect(Object.keys(e.statusCodes)).toEqual(['200']);
      expect(e.requests).toBeGreaterThan(0);
      expect(e.requestsPerSec).toBeGreaterThan(0);
      expect(e.bytesPerSec).toBeGreaterThan(0);
      expect(e.latencyMs.p50).toBeGreaterThanOrEqual(0);
      expect(e.latencyMs.p99).toBeGreaterThanOrEqual(e.latencyMs.p50);
    }
  });
});
