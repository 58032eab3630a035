// A one-second round of the pages benchmark (`npm run bench -- --suite pages`) at the tiny scale so it cannot
// rot: every page and its view-model floor answer 200 with no errors, and the JSON has its shape. No timing
// thresholds: targets live in bench/README.md, not in tests.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { DATA_GENERATORS, PAGES, type PagesBenchResult, runPagesBench, TARGETS } from '../bench/pages.ts';
import { DEMO_PASSWORD } from './db.ts';

const resultsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kn-bench-pages-smoke-'));
afterAll(() => fs.rmSync(resultsDir, { recursive: true, force: true }));

describe('pages benchmark smoke round', () => {
  it('measures every page and its view-model floor at the tiny scale with only 200s and writes its JSON', {
    timeout: 180_000,
  }, async () => {
    const { result, file } = await runPagesBench({
      scale: 'tiny',
      duration: 1,
      connections: 2,
      warmupRequests: 2,
      serverUrl: process.env.DATABASE_URL || undefined,
      resultsDir,
      // The suite's demo-seeded copy (global setup): its password and test key ring (test/app.ts).
      startFrom: {
        pgliteSnapshot: inject('pgliteDemoSnapshot') || undefined,
        pgTemplate: inject('pgDemoTemplate') || undefined,
      },
      seeded: { password: DEMO_PASSWORD, esfKey: `test1:${Buffer.alloc(32, 0x42).toString('base64')}` },
    });

    const db = process.env.DATABASE_URL ? 'postgres' : 'pglite';
    expect(path.basename(file)).toBe(`${result.startedAt.slice(0, 10)}-${db}-tiny.json`);
    const written = JSON.parse(fs.readFileSync(file, 'utf8')) as PagesBenchResult;
    expect(written).toEqual(JSON.parse(JSON.stringify(result)));
    expect(written).toMatchObject({
      schema: 'kompetensnavet-bench-pages/1',
      database: db,
      scale: { name: 'tiny', companies: 20 },
      options: { duration: 1, connections: 2 },
      targets: TARGETS,
    });
    expect(written.data.generators.map((g) => g.name)).toEqual(DATA_GENERATORS.map((g) => g.name));
    expect(written.pages.map((p) => p.name)).toEqual(PAGES.map((p) => p.name));
    const runs = [
      { name: 'livez', run: written.livez },
      ...written.pages.flatMap((p) => [
        { name: p.name, run: p.page },
        { name: `${p.name} floor`, run: p.floor },
      ]),
    ];
    for (const { name, run } of runs) {
      expect({ name, errors: run.errors, timeouts: run.timeouts, non2xx: run.non2xx }).toEqual({
        name,
        errors: 0,
        timeouts: 0,
        non2xx: 0,
      });
      expect(Object.keys(run.statusCodes)).toEqual(['200']);
      expect(run.requests).toBeGreaterThan(0);
      expect(run.latencyMs.p99).toBeGreaterThanOrEqual(run.latencyMs.p50);
    }
    for (const p of written.pages) {
      // The floor renders the same view and layout: the same page but for its CSRF token(s).
      expect(Math.abs(p.bytes.page - p.bytes.floor)).toBeLessThan(200);
      expect(p.ratioToFloor).toBeGreaterThan(0);
      expect(typeof p.targets.floorRatio).toBe('boolean');
      expect(typeof p.targets.p99).toBe('boolean');
    }
  });
});
