import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { prepareDatabase } from '../src/bootstrap.ts';
import { seedDemo } from '../src/demo/seed.ts';
import { openPglite, openPostgres } from '../src/platform/db.ts';
import { TEST_KEYRING } from './app.ts';
import { DEMO_PASSWORD } from './db.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteSnapshot: string;
    pgTemplate: string;
    /** The same with the demo data seeded (for browser tests). */
    pgliteDemoSnapshot: string;
    pgDemoTemplate: string;
  }
}

const TMP = path.resolve(import.meta.dirname, '../.tmp');

/**
 * Build one migrated, reference-loaded database per run: a PGlite tarball (restored per test file) or,
 * with DATABASE_URL, a PostgreSQL template database (cloned per test file).
 */
export default async function setup(project: TestProject) {
  fs.mkdirSync(TMP, { recursive: true });
  const url = process.env.DATABASE_URL;
  if (url) {
    const template = `kn_tpl_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${template}`);
    const tplUrl = new URL(url);
    tplUrl.pathname = `/${template}`;
    const db = openPostgres(tplUrl.toString(), 2);
    await prepareDatabase(db);
    await db.close();
    const demoTemplate = `${template}_demo`;
    await admin.query(`CREATE DATABASE ${demoTemplate} TEMPLATE ${template}`);
    tplUrl.pathname = `/${demoTemplate}`;
    const demoDb = openPostgres(tplUrl.toString(), 2);
    await seedDemo(demoDb, DEMO_PASSWORD, TEST_KEYRING);
    await demoDb.close();
    project.provide('pgTemplate', template);
    project.provide('pgDemoTemplate', demoTemplate);
    project.provide('pgliteSnapshot', '');
    project.provide('pgliteDemoSnapshot', '');
    return async () => {
      const left = await admin.query<{ datname: string }>(
        `SELECT datname FROM pg_database WHERE datname LIKE $1 OR datname = $2 OR datname = $3`,
        [`kn_t_${process.pid}_%`, template, `${template}_demo`],
      );
      for (const row of left.rows) await admin.query(`DROP DATABASE IF EXISTS ${row.datname} WITH (FORCE)`);
      await admin.end();
    };
  }
  const { db, client } = await openPglite({});
  await prepareDatabase(db);
  const file = path.join(TMP, `snapshot-${process.pid}.tar`);
  fs.writeFileSync(file, Buffer.from(await (await client.dumpDataDir('none')).arrayBuffer()));
  await seedDemo(db, DEMO_PASSWORD, TEST_KEYRING);
  const demoFile = path.join(TMP, `snapshot-demo-${process.pid}.tar`);
  fs.writeFileSync(demoFile, Buffer.from(await (await client.dumpDataDir('none')).arrayBuffer()));
  await db.close();
  project.provide('pgliteSnapshot', file);
  project.provide('pgliteDemoSnapshot', demoFile);
  project.provide('pgTemplate', '');
  project.provide('pgDemoTemplate', '');
  return () => {
    fs.rmSync(file, { force: true });
    fs.rmSync(demoFile, { force: true });
  };
}
