import fs from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { type Db, openPglite, openPostgres } from '../src/platform/db.ts';

let counter = 0;

/** A fresh, migrated, reference-loaded database for one test file (PGlite snapshot or a PostgreSQL clone). */
export async function testDb(): Promise<Db> {
  const url = process.env.DATABASE_URL;
  const template = inject('pgTemplate');
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
  const snapshot = inject('pgliteSnapshot');
  const blob = new Blob([fs.readFileSync(snapshot)]);
  const { db } = await openPglite({ loadDataDir: blob });
  return db;
}
