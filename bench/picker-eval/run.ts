// Top-3 hit rate and time per answer of proposeConcepts over free-text.json, on an in-memory PGlite.
// node --import tsx bench/picker-eval/run.ts
import { loadReferenceData, searchCompetences, searchSsyk } from '../../src/domains/reference/index.ts';
import { openPglite } from '../../src/platform/db.ts';
import { migrate } from '../../src/platform/migrate.ts';
import { evaluate } from './evaluate.ts';

const { db } = await openPglite({});
await migrate(db);
await loadReferenceData(db);
await evaluate(db); // warm-up: first queries plan and fill caches
const result = await evaluate(db);
console.log(`proposeConcepts: ${result.items} answers, top-3 hit rate ${result.hitRate.toFixed(3)}`);
console.log(`  time per answer: median ${result.medianMs.toFixed(1)} ms, p95 ${result.p95Ms.toFixed(1)} ms`);
for (const m of result.misses)
  console.log(`  miss: ${m.text} → ${m.got.join(' | ')} (expected ${m.expected.join(', ')})`);

const queries = [
  'svets',
  'kvalitetstekink',
  'montor',
  'lasersvets',
  'cnc operator',
  'truckforare',
  'snickare',
  'undersköterska',
];
for (const [name, search] of [
  ['searchSsyk', searchSsyk],
  ['searchCompetences', searchCompetences],
] as const) {
  const times: number[] = [];
  for (let round = 0; round < 6; round++)
    for (const q of queries) {
      const start = performance.now();
      await search(db, q, 10);
      if (round > 0) times.push(performance.now() - start);
    }
  times.sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.ceil(p * times.length) - 1)] ?? 0;
  console.log(
    `${name}: median ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms, max ${at(1).toFixed(1)} ms`,
  );
}
await db.close();
