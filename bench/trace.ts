// npm run bench -- --suite trace [--scale county] [--requests 20] [--keep]: what one request of each main page
// costs — its SQL statements (count, time as the app saw it, and PostgreSQL's own planning and execution time
// from EXPLAIN ANALYZE) and the wall time — measured in-process (the app built by createApp over a counting
// database wrapper), one request at a time, after warm-up. For finding where a page's time goes; no JSON.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../src/app.ts';
import { openDatabase } from '../src/bootstrap.ts';
import { DEMO_ESF_TOTP_SECRET } from '../src/demo/seed.ts';
import { DEFAULT_SEED } from '../src/demo/synthetic.ts';
import { actorForUser, totp } from '../src/domains/accounts/index.ts';
import type { Db, SqlParam } from '../src/platform/db.ts';
import { parseEnv } from '../src/platform/env.ts';
import { createLogger } from '../src/platform/logger.ts';
import { createMailer } from '../src/platform/mail.ts';
import { newKeyLine, parseKeyring } from '../src/platform/secrets.ts';
import { createBenchDatabase, withDatabase } from './database.ts';
import { PAGES, SCALES, type ScaleName, seedBenchData, USERS, type Who } from './pages.ts';
import { signIn } from './server.ts';

interface Statement {
  sql: string;
  ms: number;
  text: string;
  params?: SqlParam[];
}

/** The database with every statement's text and time appended to `log` while `log` is set. */
function counting(db: Db, sink: { log: Statement[] | null }): Db {
  const wrap = (inner: Db): Db => ({
    kind: inner.kind,
    async query<T>(text: string, params?: SqlParam[]) {
      const t0 = performance.now();
      try {
        return await inner.query<T>(text, params);
      } finally {
        sink.log?.push({ sql: text.replace(/\s+/g, ' ').trim(), ms: performance.now() - t0, text, params });
      }
    },
    exec: (text) => inner.exec(text),
    tx: (fn) => inner.tx((t) => fn(wrap(t))),
    close: () => inner.close(),
    reads: inner.reads ? wrap(inner.reads) : undefined,
  });
  return wrap(db);
}

export interface TraceOptions {
  scale: ScaleName;
  serverUrl?: string;
  /** Measured requests per page (after 5 for warm-up). */
  requests: number;
  /** Keep the database afterwards and print where it is, with the demo users' password and the ESF key. */
  keep?: boolean;
  log: (line: string) => void;
}

export async function runTrace(opts: TraceOptions): Promise<string> {
  const scale = SCALES[opts.scale];
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kn-bench-trace-'));
  const password = randomBytes(18).toString('base64url');
  const esfKey = newKeyLine();
  const target = await createBenchDatabase({ serverUrl: opts.serverUrl, tempDir });
  const out: string[] = [];
  try {
    await withDatabase(target, (db) =>
      seedBenchData(db, { scale, seed: DEFAULT_SEED, password, esfKey, alreadySeeded: false, log: opts.log }),
    );
    const parsed = parseEnv({ ...target.env, NODE_ENV: 'production', LOG_LEVEL: 'silent', ESF_KEY: esfKey });
    if (!parsed.ok) throw new Error(parsed.problems.join('; '));
    const { db: raw, lock } = await openDatabase(parsed.env);
    const sink: { log: Statement[] | null } = { log: null };
    const db = counting(raw, sink);
    const app = await createApp(
      {
        db,
        env: parsed.env,
        mailer: createMailer({ from: 'bench@kompetensnavet.local' }),
        logger: createLogger('silent'),
        baseUrl: 'http://127.0.0.1',
        keyring: parseKeyring(esfKey),
      },
      { cookieSecret: randomBytes(24).toString('base64url'), trustProxy: false },
    );
    try {
      await app.listen({ host: '127.0.0.1', port: 0 });
      const address = app.server.address();
      const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
      const cookies = {} as Record<Who, string>;
      for (const [who, u] of Object.entries(USERS) as [Who, (typeof USERS)[Who]][])
        cookies[who] = await signIn(
          base,
          u.email,
          password,
          u.totp ? () => totp(DEMO_ESF_TOTP_SECRET) : undefined,
        );
      const paths = await withPaths(raw);
      for (const p of paths) {
        const get = async () => {
          const res = await fetch(base + p.path, { headers: { cookie: cookies[p.who] } });
          await res.arrayBuffer();
          if (res.status !== 200) throw new Error(`${p.path} answered ${res.status}`);
        };
        for (let i = 0; i < 5; i++) await get();
        const walls: number[] = [];
        const all: Statement[][] = [];
        for (let i = 0; i < opts.requests; i++) {
          sink.log = [];
          const t0 = performance.now();
          await get();
          walls.push(performance.now() - t0);
          all.push(sink.log);
          sink.log = null;
        }
        const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
        const dbMs = all.map((s) => s.reduce((a, x) => a + x.ms, 0));
        out.push(
          `## ${p.name} (${p.path}) — wall ${med(walls).toFixed(1)} ms, ${all[0]?.length} statements, sum of statement times ${med(dbMs).toFixed(1)} ms (medians of ${opts.requests})`,
        );
        const bySql = new Map<string, number[]>();
        const sample = new Map<string, Statement>();
        for (const run of all)
          for (const s of run) {
            bySql.set(s.sql, [...(bySql.get(s.sql) ?? []), s.ms]);
            sample.set(s.sql, s);
          }
        const rows = [...bySql].map(([sql, ms]) => ({
          sql,
          n: ms.length / opts.requests,
          total: ms.reduce((a, b) => a + b, 0) / opts.requests,
        }));
        rows.sort((a, b) => b.total - a.total);
        for (const r of rows) {
          let plan = '';
          const st = sample.get(r.sql);
          if (st && /^\s*(--[^\n]*\n\s*)*(SELECT|WITH)/i.test(st.text)) {
            let last: { 'Planning Time': number; 'Execution Time': number } | undefined;
            for (let i = 0; i < 3; i++) {
              const [x] = await raw
                .query<{ 'QUERY PLAN': { 'Planning Time': number; 'Execution Time': number }[] }>(
                  `EXPLAIN (ANALYZE, SUMMARY, FORMAT JSON) ${st.text}`,
                  st.params,
                )
                .catch(() => [undefined]);
              last = x?.['QUERY PLAN'][0];
            }
            for (let i = 0; i < 0; i++) {
              const [x] = await raw.query<{
                'QUERY PLAN': { 'Planning Time': number; 'Execution Time': number }[];
              }>(`EXPLAIN (ANALYZE, SUMMARY, FORMAT JSON) ${st.text}`, st.params);
              last = x?.['QUERY PLAN'][0];
            }
            if (last)
              plan = ` [plan ${last['Planning Time'].toFixed(2)} exec ${last['Execution Time'].toFixed(2)}]`;
          }
          out.push(
            `  ${r.total.toFixed(2).padStart(7)} ms  ×${r.n.toFixed(1)}${plan}  ${r.sql.slice(0, 200)}`,
          );
        }
      }
    } finally {
      await app.close();
      await raw.close();
      lock?.release();
    }
  } finally {
    if (!opts.keep) await target.drop();
    else opts.log(`kept ${target.where} password ${password} esfKey ${esfKey}`);
    fs.rmSync(tempDir, { recursive: true, force: true });
  }
  return out.join('\n');
}

/** The pages' paths, as the pages suite builds them (the capture step gives the path). */
async function withPaths(db: Db) {
  const res: { name: string; who: Who; path: string }[] = [];
  for (const p of PAGES) {
    const [u] = await db.query<{ id: string }>('SELECT id::text AS id FROM users WHERE email = $1', [
      USERS[p.who].email,
    ]);
    const actor = await actorForUser(db, u?.id ?? '', 'session');
    if (!actor) throw new Error(`no actor for ${p.who}`);
    res.push({ name: p.name, who: p.who, path: (await p.capture(db, actor)).path });
  }
  return res;
}
