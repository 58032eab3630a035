import fs from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { type Db, openPglite, openPostgres } from '../src/platform/db.ts';

let counter = 0;

/** The demo accounts' password in tests (the demo-seeded databases of `testDb({ demo: true })`). */
export const DEMO_PASSWORD = 'E2e-lösenord-2026!';

/**
 * A fresh, migrated, reference-loaded database for one test file (PGlite snapshot or a PostgreSQL clone);
 * with `demo`, the demo data is seeded too (built once per run in the global setup).
 */
export async function testDb(opts: { demo?: boolean } = {}): Promise<Db> {
  const url = process.env.DATABASE_URL;
  const template = inject(opts.demo ? 'pgDemoTemplate' : 'pgTemplate');
  if (url && template) {
    const name = `kn_t_${process.ppid}_${process.pid}_${Date.now()}_${counter++}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
    const dbUrl = new URL(url);
    dbUrl.pathname = `/${name}`;
    const db = openPostgres(dbUrl.toString(), 5);
    const close = db.close.bind(db);
    return {
      ...db,
      kind: db.kind,
      async close() {
        await close();
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      },
    };
  }
  const snapshot = inject(opts.demo ? 'pgliteDemoSnapshot' : 'pgliteSnapshot');
  const blob = new Blob([fs.readFileSync(snapshot)]);
  const { db } = await openPglite({ loadDataDir: blob });
  return db;
}
