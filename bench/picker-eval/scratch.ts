import { loadReferenceData, searchCompetences, searchSsyk } from '../../src/domains/reference/index.ts';
import { openPglite } from '../../src/platform/db.ts';
import { migrate } from '../../src/platform/migrate.ts';

const { db, client } = await openPglite({});
await migrate(db);
await loadReferenceData(db);
const snap = await client.dumpDataDir('gzip');
const fs = await import('node:fs');
fs.writeFileSync('.tmp/scratch.tar.gz', Buffer.from(await snap.arrayBuffer()));
for (const q of ['svets', 'kvalitetstekink', 'montor', 'lasersvets', 'CNC-operatör', 'cnc operator', 'truckforare', 'snickare']) {
  const t0 = performance.now();
  const s = await searchSsyk(db, q, 5);
  const t1 = performance.now();
  const c = await searchCompetences(db, q, 5);
  const t2 = performance.now();
  console.log(q, (t1 - t0).toFixed(1), (t2 - t1).toFixed(1));
  console.log('  S', s.map((h) => `${h.code}:${h.matchedName}(${h.matchedBy})`).join(' | '));
  console.log('  C', c.map((h) => h.name).join(' | '));
}
