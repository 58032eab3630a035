import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import pg from 'pg';

export type SqlParam = string | number | boolean | null | Date | string[] | number[] | Uint8Array;

/**
 * The one database interface every repository uses. Plain parameterised SQL ($1, $2, …) that runs
 * unchanged on PGlite and on PostgreSQL 15+. int8 is parsed to number and `date` stays a string
 * (`2026-11-28`) on both drivers.
 */
export interface Db {
  readonly kind: 'pglite' | 'postgres';
  query<T = Record<string, unknown>>(text: string, params?: SqlParam[]): Promise<T[]>;
  /** Run a multi-statement script without parameters (migrations). */
  exec(text: string): Promise<void>;
  /** Run fn in one transaction; nested calls reuse the outer transaction. */
  tx<T>(fn: (db: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** PGlite only: a gzipped tarball of the whole data directory (a consistent snapshot). */
  snapshot?: () => Promise<Uint8Array>;
  /**
   * A read-only pool for reads that tolerate replication lag (a replica, DATABASE_READ_URL); absent
   * means "read from this database". Never for a page that must show the user's own last write.
   */
  readonly reads?: Db;
}

/** The primary with a read replica attached; closing it closes both pools. */
export function withReadReplica(primary: Db, replica: Db): Db {
  return {
    kind: primary.kind,
    query<T>(text: string, params?: SqlParam[]) {
      return primary.query<T>(text, params);
    },
    exec: (text) => primary.exec(text),
    tx<T>(fn: (db: Db) => Promise<T>) {
      return primary.tx(fn);
    },
    reads: replica,
    async close() {
      await Promise.all([primary.close(), replica.close()]);
    },
  };
}

const INT8 = 20;
const DATE = 1082;
const NUMERIC = 1700;

export function pgCode(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const e = err as { code?: unknown; cause?: { code?: unknown } };
  if (typeof e.code === 'string') return e.code;
  if (typeof e.cause?.code === 'string') return e.cause.code;
  return undefined;
}

export function isUniqueViolation(err: unknown): boolean {
  return pgCode(err) === '23505';
}

// ---------------------------------------------------------------- PGlite

type PgliteLike = Pick<PGlite, 'query' | 'exec'>;

function pgliteDb(client: PGlite, scope: PgliteLike, inTx: boolean): Db {
  return {
    kind: 'pglite',
    async query<T>(text: string, params: SqlParam[] = []) {
      const res = await scope.query<T>(text, params);
      return res.rows;
    },
    async exec(text: string) {
      await scope.exec(text);
    },
    async tx<T>(fn: (db: Db) => Promise<T>) {
      if (inTx) return fn(this);
      return client.transaction((t) => fn(pgliteDb(client, t, true)));
    },
    async close() {
      if (!inTx) await client.close();
    },
  };
}

export interface PgliteOptions {
  dataDir?: string;
  /** A tarball made by dumpDataDir: the database starts from it (tests). */
  loadDataDir?: Blob;
}

export async function openPglite(opts: PgliteOptions): Promise<{ db: Db; client: PGlite }> {
  const client = await PGlite.create({
    dataDir: opts.dataDir,
    loadDataDir: opts.loadDataDir,
    extensions: { pg_trgm },
    parsers: {
      [INT8]: (v: string) => Number(v),
      [DATE]: (v: string) => v,
      [NUMERIC]: (v: string) => v,
    },
  });
  const db = pgliteDb(client, client, false);
  db.snapshot = async () => new Uint8Array(await (await client.dumpDataDir('gzip')).arrayBuffer());
  return { db, client };
}

// ---------------------------------------------------------------- PostgreSQL

pg.types.setTypeParser(INT8, (v) => Number(v));
pg.types.setTypeParser(DATE, (v) => v);

/**
 * Server-side prepared statements for the statements a process runs again and again: PostgreSQL then
 * parses and plans such a statement once per connection (and may keep a generic plan) instead of on every
 * execution. A text is named from its third execution on (one-off and generated statements stay unnamed);
 * at most `max` texts are named, so a process never holds an unbounded number per connection.
 */
export class StatementNames {
  private readonly counts = new Map<string, number>();
  private readonly names = new Map<string, string>();
  constructor(
    private readonly after = 3,
    private readonly max = 2000,
  ) {}

  /**
   * Never name this text again: its prepared form is stale (the schema under it changed, SQLSTATE 0A000
   * "cached plan must not change result type"); it runs unnamed from now on.
   */
  forget(text: string): void {
    this.names.set(text, '');
  }

  /** The statement's name, or undefined to run it unnamed this time. */
  nameOf(text: string): string | undefined {
    const known = this.names.get(text);
    if (known !== undefined || this.names.size >= this.max) return known || undefined;
    const n = (this.counts.get(text) ?? 0) + 1;
    if (n < this.after) {
      if (this.counts.size < this.max * 4) this.counts.set(text, n);
      return undefined;
    }
    this.counts.delete(text);
    const name = `kn_${createHash('sha256').update(text).digest('base64url').slice(0, 24)}`;
    this.names.set(text, name);
    return name;
  }
}

/** Run a statement, named when `names` says so; a stale prepared statement is forgotten and run unnamed. */
async function run(
  on: pg.Pool | pg.PoolClient,
  names: StatementNames | null,
  text: string,
  values: SqlParam[],
): Promise<pg.QueryResult> {
  const name = names?.nameOf(text);
  if (!name) return on.query(text, values);
  try {
    return await on.query({ name, text, values });
  } catch (err) {
    if (pgCode(err) !== '0A000' || !names) throw err;
    names.forget(text);
    // Inside a transaction the error has aborted it: the caller's transaction fails, the next one works.
    if (!(on instanceof pg.Pool)) throw err;
    return on.query(text, values);
  }
}

function clientDb(client: pg.PoolClient, names: StatementNames | null): Db {
  const db: Db = {
    kind: 'postgres',
    async query<T>(text: string, params: SqlParam[] = []) {
      const res = await run(client, names, text, params);
      return res.rows as T[];
    },
    async exec(text: string) {
      await client.query(text);
    },
    async tx<T>(fn: (db: Db) => Promise<T>) {
      return fn(db);
    },
    async close() {},
  };
  return db;
}

export interface PostgresOptions {
  poolSize?: number;
  /** Waiting for a new connection (TCP + start-up). */
  connectTimeoutMs?: number;
  /**
   * A statement running longer is cancelled by the server (statement_timeout); the client gives up
   * a little later (query_timeout) when the server cannot even say so (network cut or hung).
   */
  statementTimeoutMs?: number;
  /** A transaction left idle this long (a crashed or hung app process) is ended by the server. */
  idleInTransactionMs?: number;
  /** Name statements that run again and again (server-side prepared statements, see StatementNames). */
  preparedStatements?: boolean;
}

/**
 * Sensible limits: no request waits forever on a database that is gone or hangs. 30 s covers the
 * longest statements (SCB month, 20 000-row imports, the bulk seed) with room to spare.
 */
export const POSTGRES_DEFAULTS: Required<PostgresOptions> = {
  poolSize: 10,
  connectTimeoutMs: 5_000,
  statementTimeoutMs: 30_000,
  idleInTransactionMs: 60_000,
  preparedStatements: true,
};

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  '57014', // query_canceled (statement_timeout)
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '53300', // too_many_connections
]);

const UNAVAILABLE_MESSAGES = [
  'Query read timeout',
  'timeout exceeded when trying to connect',
  'Connection terminated',
  'Client has encountered a connection error',
  'Client was closed and is not queryable',
];

/**
 * True when an error means the database cannot be reached or did not answer in time (a 503 with
 * "try again in a moment"), not that the statement was wrong.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e = err, depth = 0; typeof e === 'object' && e !== null && depth < 3; depth++) {
    const { code, message, cause } = e as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || code.startsWith('08'))) return true;
    if (typeof message === 'string' && UNAVAILABLE_MESSAGES.some((m) => message.startsWith(m))) return true;
    e = cause;
  }
  return false;
}

export function openPostgres(url: string, options: number | PostgresOptions = {}): Db {
  const o = { ...POSTGRES_DEFAULTS, ...(typeof options === 'number' ? { poolSize: options } : options) };
  const pool = new pg.Pool({
    connectionString: url,
    max: o.poolSize,
    connectionTimeoutMillis: o.connectTimeoutMs,
    statement_timeout: o.statementTimeoutMs,
    query_timeout: o.statementTimeoutMs + 5_000,
    idle_in_transaction_session_timeout: o.idleInTransactionMs,
    // A connection whose peer vanished without a word is noticed by TCP keepalive.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
  });
  // An idle client that loses its connection must not crash the process (the pool drops it).
  pool.on('error', () => {});
  const names = o.preparedStatements ? new StatementNames() : null;
  return {
    kind: 'postgres',
    async query<T>(text: string, params: SqlParam[] = []) {
      const res = await run(pool, names, text, params);
      return res.rows as T[];
    },
    async exec(text: string) {
      await pool.query(text);
    },
    async tx<T>(fn: (db: Db) => Promise<T>) {
      const client = await pool.connect();
      // A checked-out client has no listener of the pool's: a connection lost between two statements
      // would otherwise be an unhandled 'error' event. The next statement fails instead.
      const onError = () => {};
      client.on('error', onError);
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const result = await fn(clientDb(client, names));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch((e: Error) => {
          broken = e;
        });
        throw err;
      } finally {
        client.removeListener('error', onError);
        // A connection that could not even roll back is not given to the next request.
        client.release(broken);
      }
    },
    async close() {
      await pool.end();
    },
  };
}

// ---------------------------------------------------------------- data-directory lock

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(`DATA_DIR ${dataDir} is in use by another process (pid ${pid}).`);
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface DataDirLock {
  /** True when a lock of a process that is gone was found: the last run did not shut down cleanly. */
  readonly wasUnclean: boolean;
  release(): void;
}

/** PGlite takes no lock of its own: hold a pid file so a second process is refused. */
export function lockDataDir(dataDir: string): DataDirLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, 'kompetensnavet.pid');
  let wasUnclean = false;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(lockPath, 'wx');
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      return {
        wasUnclean,
        release() {
          try {
            if (fs.readFileSync(lockPath, 'utf8').trim() === String(process.pid)) fs.unlinkSync(lockPath);
          } catch {
            // already gone
          }
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number.parseInt(fs.readFileSync(lockPath, 'utf8').trim(), 10);
      if (Number.isInteger(pid) && pid !== process.pid && pidAlive(pid))
        throw new DataDirLockedError(dataDir, pid);
      fs.unlinkSync(lockPath);
      wasUnclean = true;
    }
  }
  throw new Error(`Could not lock ${dataDir}`);
}
