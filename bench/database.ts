// The benchmark's own throw-away database: PGlite in a temporary DATA_DIR, or a fresh database on the
// server of DATABASE_URL. Never the user's data.
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, prepareDatabase } from '../src/bootstrap.ts';
import { hashPassword, insertMembership, insertUser } from '../src/domains/accounts/index.ts';
import { ensureRegion } from '../src/domains/organisations/index.ts';
import { newToken } from '../src/platform/auth.ts';
import { type Db, openPglite } from '../src/platform/db.ts';
import { parseEnv } from '../src/platform/env.ts';

export interface BenchDatabase {
  kind: 'pglite' | 'postgres';
  /** DATA_DIR or DATABASE_URL (and nothing else) for openDatabase and for the app process. */
  env: Record<string, string>;
  /** Where it lives, without credentials. */
  where: string;
  drop(): Promise<void>;
}

/** Where a new benchmark database may start from instead of an empty one (tests reuse their migrated copy). */
export interface StartFrom {
  /** A PGlite data-directory tarball (dumpDataDir). */
  pgliteSnapshot?: string;
  /** A database on the PostgreSQL server to clone (CREATE DATABASE … TEMPLATE). */
  pgTemplate?: string;
}

/** A new database. With `serverUrl`, a database named kn_bench_… is created on that server. */
export async function createBenchDatabase(opts: {
  serverUrl?: string;
  tempDir: string;
  startFrom?: StartFrom;
}): Promise<BenchDatabase> {
  if (!opts.serverUrl) {
    const dataDir = path.join(opts.tempDir, 'data');
    if (opts.startFrom?.pgliteSnapshot) {
      // Unpack the snapshot where openDatabase will look for it (DATA_DIR/pgdata).
      const blob = new Blob([fs.readFileSync(opts.startFrom.pgliteSnapshot)]);
      fs.mkdirSync(path.join(dataDir, 'pgdata'), { recursive: true });
      const { db } = await openPglite({ dataDir: path.join(dataDir, 'pgdata'), loadDataDir: blob });
      await db.close();
    }
    return { kind: 'pglite', env: { DATA_DIR: dataDir }, where: `PGlite ${dataDir}`, drop: async () => {} };
  }
  const name = `kn_bench_${process.pid}_${Date.now()}`;
  const template = opts.startFrom?.pgTemplate;
  if (template && !/^[a-z_][a-z0-9_]*$/.test(template))
    throw new Error('the template must be a plain database name');
  const admin = new pg.Client({ connectionString: opts.serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
  } finally {
    await admin.end();
  }
  const url = new URL(opts.serverUrl);
  url.pathname = `/${name}`;
  return {
    kind: 'postgres',
    env: { DATABASE_URL: url.toString() },
    where: `PostgreSQL ${url.host}/${name}`,
    async drop() {
      const client = new pg.Client({ connectionString: opts.serverUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** Open the benchmark database (taking PGlite's data-directory lock), run fn, close it again. */
export async function withDatabase<T>(target: BenchDatabase, fn: (db: Db) => Promise<T>): Promise<T> {
  // The benchmark measures the pages, not the API's rate limit.
  const parsed = parseEnv({ ...target.env, DB_POOL_SIZE: '2', API_RATE_LIMIT: '1000000' });
  if (!parsed.ok) throw new Error(parsed.problems.join('; '));
  const { db, lock } = await openDatabase(parsed.env);
  try {
    return await fn(db);
  } finally {
    await db.close();
    lock?.release();
  }
}

export interface BenchUser {
  email: string;
  password: string;
  /** A personal API token for the JSON API (Bearer). */
  apiToken: string;
}

/** Migrations, reference data, the region of Kronoberg and a region admin with an API token. */
export async function prepareBenchDatabase(db: Db): Promise<BenchUser> {
  await prepareDatabase(db);
  const regionId = await ensureRegion(db, '07');
  const user = {
    id: randomUUID(),
    email: 'bench.admin@example.org',
    password: randomBytes(18).toString('base64url'),
  };
  await insertUser(db, {
    id: user.id,
    email: user.email,
    name: 'Bench Admin',
    passwordHash: await hashPassword(user.password),
    locale: 'sv',
  });
  await insertMembership(db, {
    id: randomUUID(),
    userId: user.id,
    role: 'region_admin',
    organisationId: regionId,
    companyId: null,
    createdBy: null,
  });
  const { token, hash } = newToken();
  await db.query(
    `INSERT INTO api_tokens (id, user_id, name, token_hash, token_prefix) VALUES ($1, $2, 'bench', $3, $4)`,
    [randomUUID(), user.id, hash, token.slice(0, 6)],
  );
  return { email: user.email, password: user.password, apiToken: token };
}
