// Property-based fuzzing of every form and API endpoint in the route registry (issue 8, "Hostile input"):
// random, over-long, wrongly typed, Unicode-edge and injection values, sent as the actor allowed to use the
// route. Per request: no 5xx; a refused request (4xx) wrote nothing; an accepted one that stored text shows it
// escaped on the next page. Writes are caught by row triggers on every table (updates included), installed in
// this test's own database copy.
//
// Two depths, to keep the PGlite CI pass within its budget:
// - quick (default on PGlite): deterministic only - one hand-picked hostile body per route, the wrong-typed and
//   broken-encoding bodies, the coverage test and the stored-text sweep. Target ≤ 60 s on a quiet machine.
// - full (on PostgreSQL, i.e. DATABASE_URL set, or FUZZ_FULL=1): adds FUZZ_RUNS (default 3) seeded random
//   bodies per route and every hand-picked hostile body. Target ≤ 150 s.
// FUZZ_ONLY=<regex> narrows either to matching routes; FUZZ_SEED changes the seed of the random bodies.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allRoutes } from '../../src/app.ts';
import type { Actor } from '../../src/platform/auth.ts';
import type { AnyRoute } from '../../src/platform/http/registry.ts';
import { actorOf } from '../app.ts';
import {
  FUZZ_EXCLUDED,
  ROUTE_WRITES_ALLOWED_ON_REFUSAL,
  WRITES_ALLOWED_ON_REFUSAL,
} from './fuzz-coverage.ts';
import {
  asFormValue,
  bodyArbitrary,
  fieldsOf,
  pickedBodies,
  unescapedPayload,
  wrongTyped,
  XSS_MARK,
} from './fuzz-inputs.ts';
import { type ActorKey, buildWorld, closeWorld, type World } from './world.ts';

const FULL = process.env.FUZZ_FULL === '1' || Boolean(process.env.DATABASE_URL);
const SEED = Number(process.env.FUZZ_SEED ?? 20_260_808);
const RUNS = FULL ? Number(process.env.FUZZ_RUNS ?? 3) : 0;
const PICKS = FULL ? 6 : 1;
const NIL = '00000000-0000-4000-8000-000000000000';

/** Routes that take input: every state change, and every GET with a query schema. */
const takesInput = (r: AnyRoute) => r.method !== 'GET' || r.query !== undefined;
const label = (r: AnyRoute) => `${r.method} ${r.url}`;
// Destructive routes last, so that the objects they remove are still there for the others.
const destructive = (r: AnyRoute) =>
  r.method === 'DELETE' || /\/(delete|remove|revoke|cancel|withdraw|close|unlock|reopen)$/.test(r.url);
// FUZZ_ONLY=<regex> narrows the run to matching routes while debugging.
const only = process.env.FUZZ_ONLY ? new RegExp(process.env.FUZZ_ONLY) : null;
const ROUTES = allRoutes()
  .filter((r) => takesInput(r) && !FUZZ_EXCLUDED[label(r)])
  .sort((a, b) => Number(destructive(a)) - Number(destructive(b)));

/** Who sends a route's requests: the owner for learner/contact/provider/coach areas, else the region admin. */
const PREFERENCES: [RegExp, ActorKey[]][] = [
  [
    /^(\/api\/v1)?\/(my|learning\/e|learning\/enrolments|learning\/catalogue|learning\/:courseId)\b/,
    ['participantHome'],
  ],
  [/^(\/api\/v1)?\/(time|calendar|coaching)\b/, ['coachHome']],
  [/^(\/api\/v1)?\/esf\b/, ['esfAdmin', 'contactHome']],
  [/^(\/api\/v1)?\/(training\/enrolments|training\/people|training\/learners)\b/, ['contactHome']],
  [/^(\/api\/v1)?\/(training\/courses|training\/occasions|training\/sessions)\b/, ['providerHome']],
  [/^(\/api\/v1)?\/learning\/courses\b/, ['providerHome']],
  [/^(\/api\/v1)?\/mappings\b/, ['contactHome', 'coachHome']],
];
const DEFAULT_ORDER: ActorKey[] = [
  'regionAdmin',
  'esfAdmin',
  'coachHome',
  'officerHome',
  'contactHome',
  'providerHome',
  'participantHome',
];

let w: World;
const actors = new Map<ActorKey, Actor>();
const csrfTokens = new Map<ActorKey, string>();
const report = { requests: 0, accepted: 0, refused: 0, shallow: [] as string[] };

function chooseActor(r: AnyRoute): ActorKey {
  if ('public' in r.access) return r.url.startsWith('/api/') ? 'regionAdmin' : 'anonymous';
  const preferred = PREFERENCES.find(([re]) => re.test(r.url))?.[1] ?? [];
  for (const key of [...preferred, ...DEFAULT_ORDER]) {
    const actor = actors.get(key);
    if (actor && r.access.policy(actor)) return key;
  }
  return 'regionAdmin';
}

function urlOf(r: AnyRoute): string {
  const filled = w.url(r);
  if (filled) return filled;
  report.shallow.push(label(r));
  return r.url.replace(/:(\w+)/g, (_, n: string) => (n === 'month' ? '2026-05' : NIL));
}

function cookieHeader(key: ActorKey): string {
  return [...w.actors[key].client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
}

async function csrf(key: ActorKey): Promise<string> {
  let token = csrfTokens.get(key);
  if (!token) {
    token = await w.actors[key].client.csrf();
    csrfTokens.set(key, token);
  }
  return token;
}

// ------------------------------------------------------------------------------- write detection

async function installWriteTriggers(): Promise<void> {
  const tables = await w.db.query<{ t: string }>(
    `SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
  );
  const ddl = [
    'CREATE SCHEMA fuzz',
    'CREATE TABLE fuzz.touched (tbl text NOT NULL, op text NOT NULL, PRIMARY KEY (tbl, op))',
    `CREATE FUNCTION fuzz.mark() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         INSERT INTO fuzz.touched VALUES (TG_TABLE_NAME, TG_OP) ON CONFLICT DO NOTHING;
         RETURN NULL;
       END $$`,
  ];
  for (const { t } of tables) {
    ddl.push(
      `CREATE TRIGGER fuzz_w AFTER INSERT OR DELETE ON public."${t}" FOR EACH ROW EXECUTE FUNCTION fuzz.mark()`,
      `CREATE TRIGGER fuzz_u AFTER UPDATE ON public."${t}" FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION fuzz.mark()`,
    );
  }
  for (const sql of ddl) await w.db.query(sql);
}

/** The tables written since the last call (committed writes only: the trigger rows roll back with them). */
async function takeWrites(): Promise<string[]> {
  const rows = await w.db.query<{ tbl: string; op: string }>('DELETE FROM fuzz.touched RETURNING tbl, op');
  return rows.map((r) => `${r.op} ${r.tbl}`).sort();
}

// ------------------------------------------------------------------------------- requests

interface Sent {
  route: string;
  status: number;
  location?: string;
  what: string;
}

async function send(
  r: AnyRoute,
  key: ActorKey,
  url: string,
  body: Record<string, unknown> | string | undefined,
  contentType: 'form' | 'json' | 'raw-json' | 'text',
): Promise<Sent> {
  const headers: Record<string, string> = {};
  const bearer = r.kind === 'api' ? w.actors[key].apiToken : null;
  if (bearer) headers.authorization = `Bearer ${bearer}`;
  else if (key !== 'anonymous') headers.cookie = cookieHeader(key);
  let payload: string | undefined;
  let target = url;
  if (r.method === 'GET') {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries((body as Record<string, unknown>) ?? {}))
      for (const x of [asFormValue(v)].flat()) qs.append(k, x);
    target = `${url}?${qs.toString()}`;
  } else if (contentType === 'form') {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries((body as Record<string, unknown>) ?? {}))
      for (const x of [asFormValue(v)].flat()) qs.append(k, x);
    if (r.kind === 'page') qs.set('_csrf', await csrf(key));
    headers['content-type'] = 'application/x-www-form-urlencoded';
    payload = qs.toString();
  } else if (contentType === 'json') {
    const obj = { ...(body as Record<string, unknown>) };
    if (r.kind === 'page') obj._csrf = await csrf(key);
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(obj);
  } else {
    headers['content-type'] = contentType === 'raw-json' ? 'application/json' : 'text/plain';
    payload = body as string;
  }
  const res = await w.app.inject({ method: r.method, url: target, headers, payload });
  report.requests++;
  const what = `${label(r)} as ${key} (${contentType}) ${String(payload ?? target).slice(0, 300)}`;
  return {
    route: label(r),
    status: res.statusCode,
    location: res.headers.location as string | undefined,
    what,
  };
}

/** The assertions every fuzzed request must pass. */
async function check(key: ActorKey, sent: Sent): Promise<void> {
  expect(sent.status, `5xx: ${sent.what}`).toBeLessThan(500);
  const writes = await takeWrites();
  if (sent.status >= 400) {
    report.refused++;
    const allowed = { ...WRITES_ALLOWED_ON_REFUSAL, ...ROUTE_WRITES_ALLOWED_ON_REFUSAL[sent.route] };
    const unexpected = writes.filter((x) => !allowed[x.split(' ')[1] as string]);
    expect(unexpected, `a refused request (${sent.status}) wrote: ${sent.what}`).toEqual([]);
    return;
  }
  report.accepted++;
  // Accepted: the page it leads to shows whatever was stored escaped.
  const next = sent.location?.startsWith('/') && !sent.location.startsWith('//') ? sent.location : null;
  if (writes.length > 0 && next && key !== 'anonymous') {
    const page = await w.actors[key].client.get(next);
    expect(page.statusCode, `after ${sent.what}`).toBeLessThan(500);
    if (String(page.headers['content-type'] ?? '').startsWith('text/html'))
      expect(unescapedPayload(page.body), `on ${next} after ${sent.what}`).toBe('');
    await takeWrites();
  }
}

/** Field names of a schema-less form: read from the form on the page that posts to it. */
async function scrapedFields(key: ActorKey, url: string): Promise<Map<string, undefined>> {
  const out = new Map<string, undefined>();
  if (key === 'anonymous') return out;
  const candidates = [url, url.replace(/\/[^/]+$/, '')];
  for (const page of candidates) {
    const res = await w.actors[key].client.get(page);
    if (res.statusCode !== 200) continue;
    for (const m of res.body.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
      const action = m[1]?.match(/action="([^"]*)"/)?.[1]?.replace(/&amp;/g, '&');
      if (action?.split('?')[0] !== url) continue;
      for (const n of (m[2] ?? '').matchAll(/\bname="([^"]+)"/g))
        if (n[1] !== '_csrf') out.set(n[1] as string, undefined);
    }
    if (out.size > 0) break;
  }
  await takeWrites();
  return out;
}

// ------------------------------------------------------------------------------- the suite

beforeAll(async () => {
  const started = Date.now();
  w = await buildWorld();
  for (const [key, a] of Object.entries(w.actors))
    if (a.userId) actors.set(key as ActorKey, await actorOf(w.db, a.userId));
  // The world's pending import is a bare row; give it the summary every real upload stores.
  await w.db.query(`UPDATE company_imports SET summary = $1::jsonb WHERE summary = '{}'::jsonb`, [
    JSON.stringify({
      counts: { new: 0, update: 0, unchanged: 0, skip: 0, error: 0 },
      total: 0,
      format: 'csv',
      encoding: 'utf-8',
      delimiter: ';',
      ignoredHeaders: [],
    }),
  ]);
  await installWriteTriggers();
  await takeWrites();
  console.info(`fuzz (${FULL ? 'full' : 'quick'}): world built in ${Date.now() - started} ms`);
}, 120_000);

afterAll(async () => {
  if (w) await closeWorld(w);
});

describe('coverage', () => {
  it('every route that takes input is fuzzed or excluded with a reason', () => {
    const inputRoutes = allRoutes().filter(takesInput).map(label);
    const fuzzed = new Set(ROUTES.map(label));
    const left = inputRoutes.filter((l) => !fuzzed.has(l) && !FUZZ_EXCLUDED[l]);
    expect(left).toEqual([]);
    for (const [l, reason] of Object.entries(FUZZ_EXCLUDED)) {
      expect(inputRoutes, `excluded route ${l} no longer exists`).toContain(l);
      expect(reason.length, l).toBeGreaterThan(10);
    }
  });
});

describe('the escape detector', () => {
  it('flags payloads that became markup or script URLs, not payloads kept as text or attribute values', () => {
    const probe = `<script>${XSS_MARK}=1</script>`;
    expect(unescapedPayload(`<p>&lt;script>${XSS_MARK}=1&lt;/script></p>`)).toBe('');
    expect(unescapedPayload(`<a aria-label="Redigera ${probe}" title="x">R</a>`)).toBe('');
    expect(unescapedPayload(`<input value="&#34;><img src=x onerror=${XSS_MARK}(1)>">`)).toBe('');
    expect(unescapedPayload(`<p>${probe}</p>`)).toContain(probe);
    expect(unescapedPayload(`<p>"><img src=x onerror=${XSS_MARK}(1)></p>`)).not.toBe('');
    expect(unescapedPayload(`<a href="javascript:${XSS_MARK}(1)">x</a>`)).not.toBe('');
  });
});

describe('fuzzing', () => {
  it.each(ROUTES.filter((r) => !only || only.test(label(r))).map((r) => [label(r), r] as const))(
    '%s',
    async (_l, r) => {
      const key = chooseActor(r);
      const url = urlOf(r);
      const schema = r.method === 'GET' ? r.query : r.body;
      let fields: Map<string, unknown> = fieldsOf(schema);
      if (fields.size === 0 && r.kind === 'page' && r.method !== 'GET')
        fields = await scrapedFields(key, url);
      const typed = fields as Map<string, never>;
      const json = r.kind === 'api';
      const mode = r.method === 'GET' ? 'form' : json ? 'json' : 'form';
      if (RUNS > 0) {
        const run = await fc.check(
          fc.asyncProperty(bodyArbitrary(typed, json), async (body) => {
            await check(key, await send(r, key, url, body, mode));
          }),
          { seed: SEED, numRuns: RUNS, endOnFailure: true },
        );
        // The counterexample can be 10 000 characters long: report the short assertion message only.
        if (run.failed)
          throw new Error(String((run.errorInstance as Error)?.message ?? run.errorInstance).slice(0, 1500));
      }
      // Hand-picked hostile values, the same one in every field at once.
      for (const body of pickedBodies(typed).slice(0, PICKS))
        await check(key, await send(r, key, url, body, mode));
      if (r.method === 'GET') return;
      // Wrong types and wrong encodings.
      const wrong = fc.sample(wrongTyped, { seed: SEED, numRuns: fields.size + 1 });
      const wrongBody = Object.fromEntries([...fields.keys()].map((k, i) => [k, wrong[i]]));
      if (r.kind === 'protocol') {
        await check(key, await send(r, key, url, '{"a":', 'raw-json'));
        await check(key, await send(r, key, url, JSON.stringify([wrongBody]), 'raw-json'));
        return;
      }
      await check(key, await send(r, key, url, wrongBody, 'json'));
      if (json) {
        await check(key, await send(r, key, url, '{"a":', 'raw-json'));
        await check(key, await send(r, key, url, '[1,2', 'text'));
        await check(key, await send(r, key, url, wrongBody, 'form'));
      }
    },
  );
});

describe('inert stored text', () => {
  it('no page shows a stored payload unescaped after the fuzzing', async () => {
    // File exports (PDF, spreadsheets, JSON) are no HTML and the slowest pages: left out.
    const pages = allRoutes().filter(
      (r) =>
        r.kind === 'page' && r.method === 'GET' && !r.query && !/\.(pdf|xlsx|csv|json|zip|ics)$/.test(r.url),
    );
    for (const r of pages) {
      const key = chooseActor(r);
      if (key === 'anonymous') continue;
      const url = w.url(r);
      if (!url) continue;
      const res = await w.actors[key].client.get(url);
      expect(res.statusCode, `${url} as ${key}`).toBeLessThan(500);
      // Only HTML can run a payload; JSON and file exports carry stored text as data, on purpose.
      if (!String(res.headers['content-type'] ?? '').startsWith('text/html')) continue;
      expect(unescapedPayload(res.body), `on ${url} as ${key}`).toBe('');
    }
    console.info(
      `fuzz: ${report.requests} requests (${report.accepted} accepted, ${report.refused} refused); ` +
        `${report.shallow.length} routes without a real object id: ${report.shallow.join(', ')}`,
    );
  }, 120_000);
});
