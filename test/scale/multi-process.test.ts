// Scale-out: the real product as several processes against one PostgreSQL database, behind a small
// round-robin load balancer written here. Sessions, forms, background jobs (exactly once), schedules
// (once per period), a process killed with SIGKILL, a job-worker-only process (JOBS=off + npm run
// worker) and a read replica for the insights pages (DATABASE_READ_URL).
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type net from 'node:net';
import path from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../db.ts';
import { ownDatabase } from '../faults/support.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
/** The key ring the demo template was seeded with (test/app.ts TEST_KEYRING). */
const ESF_KEY = `test1:${Buffer.alloc(32, 0x42).toString('base64')}`;
const ADMIN = 'region.admin@example.org';
const REPLICA_REGION = 'Replikaregionen (läsreplik)';

interface Proc {
  child: ChildProcess;
  /** http://127.0.0.1:port for an app process; '' for the worker. */
  url: string;
  exited: Promise<{ code: number | null; signal: string | null }>;
  output: () => string;
}

const children: ChildProcess[] = [];

/** Start `src/main.ts` (or the worker) as a real process; resolves once it announced readiness. */
async function startProcess(script: string, env: Record<string, string>): Promise<Proc> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'warn',
      DEMO_DATA: 'off',
      ESF_KEY,
      DB_POOL_SIZE: '4',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  child.stdout?.on('data', (d) => {
    out += d;
  });
  child.stderr?.on('data', (d) => {
    out += d;
  });
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const m = out.match(/running at (http:\/\/\S+)/);
      if (m?.[1]) resolve(m[1]);
      else if (out.includes('job worker is running')) resolve('');
      else return;
      clearInterval(timer);
    }, 50);
    void exited.then(({ code }) => {
      clearInterval(timer);
      reject(new Error(`${script} exited ${code}: ${out}`));
    });
  });
  return { child, url, exited, output: () => out };
}

/**
 * A round-robin HTTP load balancer. A backend that refuses or drops a connection answers 502 and is
 * left out for a while (passive health check, like nginx's max_fails): the client's one retry lands on
 * a live one.
 */
async function balancer() {
  let backends: string[] = [];
  const downUntil = new Map<string, number>();
  let next = 0;
  const pick = (): string | undefined => {
    for (let i = 0; i < backends.length; i++) {
      const b = backends[next++ % backends.length];
      if (b && (downUntil.get(b) ?? 0) < Date.now()) return b;
    }
    return undefined;
  };
  const server = http.createServer((req, res) => {
    const target = pick();
    if (!target) {
      res.writeHead(503).end();
      return;
    }
    const u = new URL(target);
    const upstream = http.request(
      {
        host: u.hostname,
        port: u.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: u.host },
        agent: false,
      },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
        up.on('error', () => res.destroy());
      },
    );
    upstream.on('error', () => {
      downUntil.set(target, Date.now() + 10_000);
      if (!res.headersSent) res.writeHead(502).end();
      else res.destroy();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    use(list: string[]) {
      backends = list;
      downUntil.clear();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A browser-like client: a cookie jar, no automatic redirects. */
class Browser {
  readonly cookies = new Map<string, string>();

  async request(url: string, init: { method?: string; form?: Record<string, string> } = {}) {
    const headers: Record<string, string> = {
      cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
    };
    let body: string | undefined;
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(init.form).toString();
    }
    const res = await fetch(url, { method: init.method ?? 'GET', headers, body, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      const [name, value] = [pair.slice(0, eq), pair.slice(eq + 1)];
      if (value === '' || /max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return { status: res.status, text: await res.text(), location: res.headers.get('location') };
  }

  async csrf(base: string, page: string): Promise<string> {
    const res = await this.request(`${base}${page}`);
    const token = res.text.match(/name="_csrf" value="([^"]+)"/)?.[1];
    if (!token) throw new Error(`no csrf token on ${page} (${res.status})`);
    return token;
  }

  async signIn(base: string, email: string, password: string): Promise<void> {
    const _csrf = await this.csrf(base, '/login');
    const res = await this.request(`${base}/login`, { method: 'POST', form: { email, password, _csrf } });
    if (res.status !== 303 || !this.cookies.has('kn_session'))
      throw new Error(`sign-in failed: ${res.status}`);
  }
}

async function until(what: string, fn: () => Promise<boolean>, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await fn())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// Several processes need a database server outside them; PGlite runs inside one process.
describe.skipIf(!process.env.DATABASE_URL)('scale-out: several processes, one PostgreSQL', () => {
  let primary: Awaited<ReturnType<typeof ownDatabase>>;
  let replica: Awaited<ReturnType<typeof ownDatabase>>;
  let check: pg.Client;
  let lb: Awaited<ReturnType<typeof balancer>>;
  let a: Proc;
  let b: Proc;
  const admin = new Browser();

  const n = async (sql: string, params: unknown[] = []) =>
    Number((await check.query<{ n: number }>(sql, params)).rows[0]?.n ?? 0);

  /** Enqueue housekeeping jobs straight into the table (as platform/jobs enqueue() does). */
  const enqueueMany = async (count: number, batch: string): Promise<string[]> => {
    const ids = Array.from({ length: count }, () => randomUUID());
    await check.query(
      `INSERT INTO jobs (id, name, payload) SELECT id, 'accounts.housekeeping', jsonb_build_object('batch', $2::text)
         FROM unnest($1::uuid[]) AS id`,
      [ids, batch],
    );
    return ids;
  };

  beforeAll(async () => {
    [primary, replica] = await Promise.all([ownDatabase({ demo: true }), ownDatabase({ demo: true })]);
    check = await primary.connect('kn-scale-check');
    // Counted from outside the product: every claim of a job (attempts goes up) with the claiming
    // worker, and every run of housekeeping's last statement (its effect).
    await check.query(`
      CREATE TABLE scale_claims (job_id uuid, name text, worker text, at timestamptz DEFAULT clock_timestamp());
      CREATE FUNCTION scale_claim() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN INSERT INTO scale_claims (job_id, name, worker) VALUES (NEW.id, NEW.name, NEW.locked_by); RETURN NULL; END $$;
      CREATE TRIGGER scale_claim AFTER UPDATE ON jobs FOR EACH ROW
        WHEN (NEW.attempts > OLD.attempts) EXECUTE FUNCTION scale_claim();
      CREATE TABLE scale_effects (at timestamptz DEFAULT clock_timestamp());
      CREATE FUNCTION scale_effect() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN INSERT INTO scale_effects DEFAULT VALUES; RETURN NULL; END $$;
      CREATE TRIGGER scale_effect AFTER DELETE ON rate_limits FOR EACH STATEMENT EXECUTE FUNCTION scale_effect();
    `);
    const r = await replica.connect('kn-scale-replica');
    await r.query(`UPDATE organisations SET name = $1 WHERE kind = 'region'`, [REPLICA_REGION]);
    await r.end();
    lb = await balancer();
    // Two all-in-one processes (HTTP and jobs); the cookie secret is generated once in the database.
    [a, b] = await Promise.all([
      startProcess('src/main.ts', { DATABASE_URL: primary.url }),
      startProcess('src/main.ts', { DATABASE_URL: primary.url }),
    ]);
    lb.use([a.url, b.url]);
  }, 90_000);

  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await lb?.close();
    await check?.end();
    await primary?.drop();
    await replica?.drop();
  });

  it('a session made through one process works on the other', async () => {
    await admin.signIn(a.url, ADMIN, DEMO_PASSWORD);
    for (const p of [b, a]) {
      const res = await admin.request(`${p.url}/account`);
      expect(res.status).toBe(200);
      expect(res.text).toContain(ADMIN);
    }
    // A stranger's cookie is refused by both.
    const anonymous = new Browser();
    expect((await anonymous.request(`${b.url}/account`)).status).toBe(302);
  });

  it('a form posted through one process (its CSRF token from that process) is read back from the other', async () => {
    const name = `scale-${randomUUID().slice(0, 8)}`;
    const _csrf = await admin.csrf(a.url, '/account');
    const posted = await admin.request(`${a.url}/account/api-tokens`, {
      method: 'POST',
      form: { name, _csrf },
    });
    expect(posted.status).toBe(200);
    expect((await admin.request(`${b.url}/account`)).text).toContain(name);
    // And the other way round, with a token from process B.
    const other = `scale-${randomUUID().slice(0, 8)}`;
    const token = await admin.csrf(b.url, '/account');
    expect(
      (
        await admin.request(`${b.url}/account/api-tokens`, {
          method: 'POST',
          form: { name: other, _csrf: token },
        })
      ).status,
    ).toBe(200);
    expect((await admin.request(`${a.url}/account`)).text).toContain(other);
  });

  it('scheduled jobs: one run per schedule and period although both processes enqueue them', async () => {
    const schedules = ['accounts.housekeeping', 'privacy.retention.scan', 'coaching.reminders'];
    await until('the scheduled runs to finish', async () => {
      const done = await n(
        `SELECT count(DISTINCT name)::int AS n FROM jobs WHERE unique_key IS NOT NULL AND status = 'done' AND name = ANY($1)`,
        [schedules],
      );
      return done === schedules.length;
    });
    const rows = await check.query<{ name: string; jobs: number; claims: number }>(
      `SELECT j.name, count(DISTINCT j.id)::int AS jobs, count(c.job_id)::int AS claims
         FROM jobs j LEFT JOIN scale_claims c ON c.job_id = j.id
        WHERE j.unique_key IS NOT NULL GROUP BY j.name, j.run_at ORDER BY j.name`,
    );
    expect(rows.rows.map((r) => r.name).sort()).toEqual([...schedules].sort());
    for (const r of rows.rows)
      expect({ name: r.name, jobs: r.jobs, claims: r.claims }).toEqual({ ...r, jobs: 1, claims: 1 });
  });

  it('background jobs run exactly once with two processes polling the queue', async () => {
    await check.query('DELETE FROM scale_effects');
    const since = (await check.query<{ t: Date }>('SELECT clock_timestamp() AS t')).rows[0]?.t;
    const ids = await enqueueMany(150, 'two-workers');
    await until('150 jobs done', async () => {
      const done = await n(`SELECT count(*)::int AS n FROM jobs WHERE id = ANY($1) AND status = 'done'`, [
        ids,
      ]);
      return done === ids.length;
    });
    const claims = await check.query<{ job_id: string; n: number }>(
      `SELECT job_id, count(*)::int AS n FROM scale_claims WHERE job_id = ANY($1) GROUP BY job_id`,
      [ids],
    );
    expect(claims.rows).toHaveLength(ids.length);
    expect(claims.rows.every((r) => r.n === 1)).toBe(true);
    // The effect (housekeeping's last statement) happened once per housekeeping run, no more.
    const runs = await n(
      `SELECT count(*)::int AS n FROM scale_claims WHERE name = 'accounts.housekeeping' AND at >= $1`,
      [since],
    );
    expect(runs).toBeGreaterThanOrEqual(ids.length);
    expect(await n('SELECT count(*)::int AS n FROM scale_effects')).toBe(runs);
    // Both processes run jobs: the workers are one per process.
    const workers = await n(`SELECT count(DISTINCT worker)::int AS n FROM scale_claims`);
    expect(workers).toBeGreaterThanOrEqual(1);
    expect(workers).toBeLessThanOrEqual(2);
  }, 60_000);

  it('a process killed with SIGKILL loses no request: each succeeds after at most one retry', async () => {
    const results: { ok: boolean; retried: boolean }[] = [];
    let stop = false;
    const once = async () => {
      for (let attempt = 1; attempt <= 2; attempt++) {
        const res = await admin.request(`${lb.url}/account`).catch(() => null);
        if (res?.status === 200 && res.text.includes(ADMIN)) return { ok: true, retried: attempt > 1 };
      }
      return { ok: false, retried: true };
    };
    const loop = async () => {
      while (!stop) results.push(await once());
    };
    const loops = [loop(), loop(), loop(), loop()];
    await until('some answers through both processes', async () => results.length >= 20);
    b.child.kill('SIGKILL');
    const killedAt = results.length;
    expect((await b.exited).signal).toBe('SIGKILL');
    await until('requests after the kill', async () => results.length >= killedAt + 40);
    stop = true;
    await Promise.all(loops);
    expect(results.filter((r) => !r.ok)).toEqual([]);
    // The balancer sent at least one request to the dead process: the client's retry answered it.
    expect(results.filter((r) => r.retried).length).toBeGreaterThanOrEqual(1);
  }, 60_000);

  it('JOBS=off app processes run no jobs; one npm run worker process runs them all; insights read the replica', async () => {
    a.child.kill('SIGTERM');
    expect(await a.exited).toEqual({ code: 0, signal: null });
    const env = { DATABASE_URL: primary.url, DATABASE_READ_URL: replica.url, JOBS: 'off' };
    const [c1, c2, worker] = await Promise.all([
      startProcess('src/main.ts', env),
      startProcess('src/main.ts', env),
      startProcess('src/cli/worker.ts', { DATABASE_URL: primary.url }),
    ]);
    expect(c1.output()).toContain('Jobs: off here');
    lb.use([c1.url, c2.url]);

    const ids = await enqueueMany(60, 'worker-only');
    await until('60 jobs done', async () => {
      const done = await n(`SELECT count(*)::int AS n FROM jobs WHERE id = ANY($1) AND status = 'done'`, [
        ids,
      ]);
      return done === ids.length;
    });
    const byWorker = await check.query<{ worker: string; n: number }>(
      `SELECT worker, count(*)::int AS n FROM scale_claims WHERE job_id = ANY($1) GROUP BY worker`,
      [ids],
    );
    expect(byWorker.rows).toHaveLength(1);
    expect(byWorker.rows[0]?.worker).toContain(`:${worker.child.pid}:`);
    expect(byWorker.rows[0]?.n).toBe(ids.length);

    // The public insights page and its API twin read the replica (its region has another name) …
    for (let i = 0; i < 2; i++) {
      const page = await admin.request(`${lb.url}/statistik`);
      expect(page.status).toBe(200);
      expect(page.text).toContain(REPLICA_REGION);
    }
    const api = await fetch(`${lb.url}/api/v1/insights/public`);
    expect(await api.text()).toContain(REPLICA_REGION);
    // … while every other page reads the primary (the session itself lives only there).
    const region = (
      await check.query<{ name: string }>(`SELECT name FROM organisations WHERE kind = 'region'`)
    ).rows[0]?.name;
    expect(region).not.toBe(REPLICA_REGION);
    for (let i = 0; i < 2; i++) {
      const account = await admin.request(`${lb.url}/account`);
      expect(account.status).toBe(200);
      expect(account.text).toContain(region);
      expect(account.text).not.toContain(REPLICA_REGION);
    }

    // The worker stops cleanly on SIGTERM.
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toEqual({ code: 0, signal: null });
    expect(worker.output()).not.toContain(ADMIN);
  }, 90_000);
});
