// A short round of the queries benchmark (`npm run bench -- --suite queries`) at the tiny scale so it cannot
// rot: every product query and its SQL floor return the same figures over the same rows, and the JSON has
// its shape. No timing thresholds: targets live in bench/README.md, not in tests.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { QUERIES, QUERIES_TARGETS, type QueriesBenchResult, runQueriesBench } from '../bench/queries.ts';
import { DEMO_PASSWORD } from './db.ts';

const resultsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kn-bench-queries-smoke-'));
afterAll(() => fs.rmSync(resultsDir, { recursive: true, force: true }));

describe('queries benchmark smoke round', () => {
  it('measures every ESF query against a floor that returns the same figures, and writes its JSON', {
    timeout: 300_000,
  }, async () => {
    const { result, file } = await runQueriesBench({
      scale: 'tiny',
      repeats: 2,
      warmup: 1,
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
    expect(path.basename(file)).toBe(`${result.startedAt.slice(0, 10)}-${db}-tiny-queries.json`);
    const written = JSON.parse(fs.readFileSync(file, 'utf8')) as QueriesBenchResult;
    expect(written).toEqual(JSON.parse(JSON.stringify(result)));
    expect(written).toMatchObject({
      schema: 'kompetensnavet-bench-queries/1',
      database: db,
      scale: { name: 'tiny', companies: 20 },
      options: { repeats: 2, warmup: 1 },
      targets: QUERIES_TARGETS,
    });
    // The synthetic ESF generator ran and the measured month has rows.
    const esf = written.data.generators.find((g) => g.name.startsWith('esf'));
    expect(esf?.added.participants).toBeGreaterThan(0);
    expect(written.data.esfParticipants).toBeGreaterThan(esf?.added.participants ?? 0);
    expect(written.data.scbRows).toBeGreaterThan(0);
    expect(written.queries.map((q) => q.name)).toEqual([...QUERIES]);
    for (const q of written.queries) {
      // The floor is honest: the same figures as the product over the same rows.
      expect({ name: q.name, same: q.check.same }).toEqual({ name: q.name, same: true });
      expect(q.product.runs).toBe(2);
      expect(q.floor.runs).toBe(2);
      expect(q.product.p95).toBeGreaterThanOrEqual(q.product.p50);
      expect(q.floor.p50).toBeGreaterThan(0);
      expect(q.ratio).toBeGreaterThan(0);
      expect(typeof q.target).toBe('boolean');
    }
    const figures = written.queries.find((q) => q.name === 'esf-indicators')?.check.summary ?? {};
    expect(figures.participants).toBeGreaterThan(0);
    expect(figures.hours).toBeGreaterThan(0);
  });
});
