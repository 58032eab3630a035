// A small round of the matching benchmark (`npm run bench -- --suite matching`) so it cannot rot: getMatches
// runs for every company, the floor join finds pairs, both suggestion endpoints answer 200 with no errors,
// and 50 simultaneous enrolments over HTTP for 5 seats give exactly 5 enrolled and 45 waitlisted (the full
// 200-for-20 case runs in process in enrolment-concurrency.test.ts and in the benchmark itself). No timing
// thresholds: targets live in bench/README.md, not in tests.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { MATCHING_ENDPOINTS, type MatchingBenchResult, runMatchingBench } from '../bench/matching.ts';

const resultsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kn-bench-matching-smoke-'));
afterAll(() => fs.rmSync(resultsDir, { recursive: true, force: true }));

describe('matching benchmark smoke round', () => {
  it('matches 30 companies against 60 courses, serves the suggestion page and enrols 50 at once for 5 seats', {
    timeout: 300_000,
  }, async () => {
    const { result, file } = await runMatchingBench({
      sizes: [30],
      courses: 60,
      duration: 1,
      connections: 2,
      sample: 3,
      repeats: 2,
      seats: 5,
      requests: 50,
      serverUrl: process.env.DATABASE_URL || undefined,
      resultsDir,
      startFrom: {
        pgliteSnapshot: inject('pgliteSnapshot') || undefined,
        pgTemplate: inject('pgTemplate') || undefined,
      },
    });

    const written = JSON.parse(fs.readFileSync(file, 'utf8')) as MatchingBenchResult;
    expect(written).toEqual(JSON.parse(JSON.stringify(result)));
    expect(path.basename(file)).toMatch(/^matching-.*\.json$/);
    expect(written).toMatchObject({
      schema: 'kompetensnavet-bench-matching/1',
      database: process.env.DATABASE_URL ? 'postgres' : 'pglite',
      options: { sizes: [30], courses: 60, duration: 1, connections: 2, sample: 3, seats: 5, requests: 50 },
    });
    const [size] = written.results;
    expect(size.companies).toBe(30);
    expect(size.courses).toBeGreaterThanOrEqual(60);
    expect(size.needs).toBeGreaterThanOrEqual(30 * 16);
    expect(size.product.companies).toBe(30);
    expect(size.product.suggestions).toBeGreaterThan(0);
    expect(size.floor.repeats).toBe(2);
    expect(size.floor.pairs).toBeGreaterThan(0);
    expect(size.floor.companiesMatched).toBeGreaterThan(0);
    expect(size.ratio).toBeGreaterThan(0);
    expect(size.endpoints.map((e) => e.name)).toEqual(MATCHING_ENDPOINTS.map((e) => e.name));
    for (const e of size.endpoints) {
      expect({
        endpoint: e.name,
        errors: e.loaded.errors,
        timeouts: e.loaded.timeouts,
        non2xx: e.loaded.non2xx,
      }).toEqual({ endpoint: e.name, errors: 0, timeouts: 0, non2xx: 0 });
      expect(Object.keys(e.loaded.statusCodes)).toEqual(['200']);
      expect(e.loaded.requests).toBeGreaterThan(0);
      expect(e.sequential.requests).toBe(3);
    }
    expect(size.enrolment).toMatchObject({
      seats: 5,
      requests: 50,
      answered: { enrolled: 5, waitlisted: 45, errors: 0, statusCodes: { '201': 50 } },
      database: { enrolled: 5, waitlisted: 45 },
    });
  });
});
