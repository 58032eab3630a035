// The measurements of the matching suite (bench/matching.ts): the floor join, getMatches in-process, the
// suggestion pages over HTTP and simultaneous enrolment over HTTP, with the users and rows they need.
import { randomUUID } from 'node:crypto';
import autocannon, { type Options, type Result } from 'autocannon';
import { actorForUser, insertMembership, insertUser } from '../src/domains/accounts/index.ts';
// The service itself (not re-exported by the training index): the benchmark measures exactly this path.
import { getMatches } from '../src/domains/training/index.ts';
import { newToken } from '../src/platform/auth.ts';
import type { Db } from '../src/platform/db.ts';
import { type Latency, latencyOf } from './rollup.ts';
import { type RunningApp, signIn } from './server.ts';

/** The floor: latest submitted mapping per company × its coded needs × course competences of approved
 * courses, grouped per company and course with the overlap; aggregated in the database (no row transfer). */
export const MATCHING_FLOOR_SQL = `WITH latest AS (
    SELECT DISTINCT ON (m.company_id) m.id, m.company_id FROM mappings m
     WHERE m.region_id = $1 AND m.status = 'submitted' ORDER BY m.company_id, m.submitted_at DESC, m.id),
  needs AS (
    SELECT DISTINCT l.company_id, n.competence_id FROM latest l JOIN mapping_needs n ON n.mapping_id = l.id
     WHERE n.competence_id IS NOT NULL),
  pairs AS (
    SELECT needs.company_id, cc.course_id, count(*) AS overlap
      FROM needs JOIN course_competences cc ON cc.competence_id = needs.competence_id
      JOIN courses c ON c.id = cc.course_id AND c.status = 'approved' AND c.region_id = $1
     GROUP BY 1, 2)
  SELECT count(*)::int AS pairs, count(DISTINCT company_id)::int AS companies, coalesce(sum(overlap), 0)::int AS overlaps
    FROM pairs`;

export const MATCHING_ENDPOINTS = [
  { name: 'matches-html-admin', path: '/training/matches?company=', who: 'admin-session' },
  { name: 'matches-api-admin', path: '/api/v1/training/matches?company=', who: 'admin-token' },
] as const;

export interface MatchingEndpointResult {
  name: string;
  path: string;
  /** One request at a time over the sampled companies, ms. */
  sequential: Latency & { requests: number };
  /** autocannon, `connections` connections cycling through the sampled companies. */
  loaded: {
    requestsPerSec: number;
    requests: number;
    latencyMs: Latency;
    errors: number;
    timeouts: number;
    non2xx: number;
    statusCodes: Record<string, number>;
  };
}

export interface InProcessResult {
  /** getMatches for every company as a region admin, in-process, one after the other. */
  product: Latency & { companies: number; totalMs: number; suggestions: number };
  /** The floor join over all companies at once: ms per run. */
  floor: Latency & { repeats: number; pairs: number; companiesMatched: number };
  /** product.totalMs / floor.p50. */
  ratio: number;
  companyIds: string[];
}

/** What measurePages needs of the options. */
export interface LoadOptions {
  duration: number;
  connections: number;
  log?: (line: string) => void;
  signal?: AbortSignal;
}

export interface Users {
  admin: { id: string; email: string; password: string; apiToken: string };
  contact: { companyId: string; apiToken: string };
}

/** A company contact (API token only) of the first synthetic company. */
export async function addContact(db: Db): Promise<Users['contact']> {
  const [company] = await db.query<{ id: string }>(
    `SELECT id FROM companies WHERE org_number LIKE '502%' ORDER BY org_number LIMIT 1`,
  );
  if (!company) throw new Error('no synthetic company');
  const id = randomUUID();
  await insertUser(db, {
    id,
    email: 'bench.contact@example.org',
    name: 'Bench Contact',
    passwordHash: null,
    locale: 'sv',
  });
  await insertMembership(db, {
    id: randomUUID(),
    userId: id,
    role: 'company_contact',
    organisationId: null,
    companyId: company.id,
    createdBy: null,
  });
  const { token, hash } = newToken();
  await db.query(
    `INSERT INTO api_tokens (id, user_id, name, token_hash, token_prefix) VALUES ($1, $2, 'bench', $3, $4)`,
    [randomUUID(), id, hash, token.slice(0, 6)],
  );
  return { companyId: company.id, apiToken: token };
}

/** A fresh occasion with `seats` seats on a company-paid bench course, and `requests` learners. */
export async function prepareEnrolment(
  db: Db,
  regionId: string,
  companyId: string,
  seats: number,
  requests: number,
): Promise<{ occasionId: string; learnerIds: string[] }> {
  const courseId = randomUUID();
  const occasionId = randomUUID();
  await db.query(
    `INSERT INTO courses (id, region_id, provider_org_id, title, format, hours, financing, status, approved_at)
     SELECT $1, $2, o.id, 'Benchmark: samtidig anmälan', 'classroom', 8, 'company', 'approved', now()
       FROM organisations o WHERE o.region_id = $2 AND o.kind = 'provider' ORDER BY o.id LIMIT 1`,
    [courseId, regionId],
  );
  await db.query(
    `INSERT INTO course_occasions (id, course_id, starts_on, ends_on, seats, enrolment_deadline, status)
     VALUES ($1, $2, current_date + 30, current_date + 31, $3, current_date + 20, 'open')`,
    [occasionId, courseId, seats],
  );
  const learnerIds = Array.from({ length: requests }, () => randomUUID());
  await db.query(
    `INSERT INTO learners (id, company_id, first_name, last_name)
     SELECT id, $2, 'Deltagare', 'Nr ' || ord FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, ord)`,
    [learnerIds, companyId],
  );
  return { occasionId, learnerIds };
}

/** getMatches for every company (after 3 unmeasured calls), then the floor `repeats` times. */
export async function measureInProcess(
  db: Db,
  adminId: string,
  regionId: string,
  repeats: number,
  log: (line: string) => void,
): Promise<InProcessResult> {
  const actor = await actorForUser(db, adminId, 'session');
  if (!actor) throw new Error('no region admin actor');
  const companyIds = (
    await db.query<{ id: string }>(`SELECT id FROM companies WHERE region_id = $1 ORDER BY id`, [regionId])
  ).map((c) => c.id);
  for (const id of companyIds.slice(0, 3)) await getMatches(db, actor, id);
  const samples: number[] = [];
  let suggestions = 0;
  const started = performance.now();
  let lastLog = started;
  for (const id of companyIds) {
    const t0 = performance.now();
    suggestions += (await getMatches(db, actor, id)).matches.length;
    const t1 = performance.now();
    samples.push(t1 - t0);
    if (t1 - lastLog > 15_000) {
      lastLog = t1;
      log(
        `  getMatches: ${samples.length} / ${companyIds.length} companies (${((t1 - started) / 1000).toFixed(0)} s)`,
      );
    }
  }
  const totalMs = performance.now() - started;
  // One unmeasured run (it also gives the counts), then `repeats` timed ones.
  const [floorRow] = await db.query<{ pairs: number; companies: number }>(MATCHING_FLOOR_SQL, [regionId]);
  const floorSamples: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    await db.query(MATCHING_FLOOR_SQL, [regionId]);
    floorSamples.push(performance.now() - t0);
  }
  const floor = {
    ...latencyOf(floorSamples),
    repeats,
    pairs: floorRow.pairs,
    companiesMatched: floorRow.companies,
  };
  const product = {
    ...latencyOf(samples),
    companies: companyIds.length,
    totalMs: Math.round(totalMs),
    suggestions,
  };
  return { product, floor, ratio: Math.round((totalMs / Math.max(floor.p50, 0.01)) * 100) / 100, companyIds };
}

function loadTest(app: RunningApp, paths: string[], headers: Record<string, string>, opts: LoadOptions) {
  return new Promise<Result>((resolve, reject) => {
    const stop = () => instance.stop();
    // autocannon cycles every connection through `requests` (not in its bundled typings).
    const options: Options & { requests: { method: 'GET'; path: string }[] } = {
      url: app.baseUrl,
      headers,
      connections: opts.connections,
      duration: opts.duration,
      timeout: 10,
      requests: paths.map((p) => ({ method: 'GET', path: p })),
    };
    const instance = autocannon(options, (err, result) => {
      opts.signal?.removeEventListener('abort', stop);
      if (err) reject(err);
      else resolve(result);
    });
    opts.signal?.addEventListener('abort', stop, { once: true });
  });
}

export async function measurePages(
  app: RunningApp,
  users: Users,
  sample: string[],
  opts: LoadOptions,
): Promise<MatchingEndpointResult[]> {
  const cookie = await signIn(app.baseUrl, users.admin.email, users.admin.password);
  const results: MatchingEndpointResult[] = [];
  for (const e of MATCHING_ENDPOINTS) {
    if (opts.signal?.aborted) break;
    const headers: Record<string, string> =
      e.who === 'admin-session' ? { cookie } : { authorization: `Bearer ${users.admin.apiToken}` };
    const paths = sample.map((id) => `${e.path}${id}`);
    const samples: number[] = [];
    for (const [i, p] of [paths[0], paths[1] ?? paths[0], ...paths].entries()) {
      const t0 = performance.now();
      const res = await fetch(app.baseUrl + p, { headers, redirect: 'manual' });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${e.name} ${p} answered ${res.status}`);
      if (i >= 2) samples.push(performance.now() - t0);
    }
    const r = await loadTest(app, paths, headers, opts);
    const exit = app.exitReport();
    if (exit) throw new Error(`while measuring ${e.name}, ${exit}`);
    const statusCodes: Record<string, number> = {};
    for (const [code, stat] of Object.entries(r.statusCodeStats)) statusCodes[code] = stat.count;
    const result: MatchingEndpointResult = {
      name: e.name,
      path: `${e.path}<id>`,
      sequential: { ...latencyOf(samples), requests: samples.length },
      loaded: {
        requestsPerSec: r.requests.mean,
        requests: r.requests.total ?? 0,
        // autocannon reports p97.5, not p95: the upper one (conservative).
        latencyMs: {
          p50: r.latency.p50,
          p95: r.latency.p97_5,
          p99: r.latency.p99,
          mean: r.latency.mean,
          max: r.latency.max,
        },
        errors: r.errors,
        timeouts: r.timeouts,
        non2xx: r.non2xx,
        statusCodes,
      },
    };
    opts.log?.(
      `  ${e.name.padEnd(20)} 1 user p50 ${result.sequential.p50} ms p95 ${result.sequential.p95} ms; ${opts.connections} conn: ${Math.round(result.loaded.requestsPerSec)} req/s, p97.5 ${result.loaded.latencyMs.p95} ms`,
    );
    results.push(result);
  }
  return results;
}

/** All requests at once (one learner each) through the JSON API as the company's contact. */
export async function enrolAtOnce(app: RunningApp, token: string, occasionId: string, learnerIds: string[]) {
  const statusCodes: Record<string, number> = {};
  const answered = { enrolled: 0, waitlisted: 0, errors: 0, statusCodes };
  const t0 = performance.now();
  await Promise.all(
    learnerIds.map(async (learnerId) => {
      try {
        const res = await fetch(`${app.baseUrl}/api/v1/training/occasions/${occasionId}/enrolments`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ learnerIds: [learnerId], paidBy: 'company' }),
        });
        statusCodes[res.status] = (statusCodes[res.status] ?? 0) + 1;
        const body = (await res.json()) as { status?: string }[];
        if (res.status !== 201) answered.errors++;
        else
          for (const r of body)
            if (r.status === 'enrolled' || r.status === 'waitlisted') answered[r.status]++;
      } catch {
        answered.errors++;
      }
    }),
  );
  return { wallMs: Math.round(performance.now() - t0), answered };
}
