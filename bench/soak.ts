// The soak (`npm run soak -- [--minutes 10] [--users 100] [--scale county] [--seed S]`): the demo plus a
// synthetic scale in its own database, the real app in a child process, and N virtual users looping over a
// weighted mix of journeys (sign-in, browsing, mapping autosave, enrolment, attendance, e-learning progress)
// for the given time. At the end: no 5xx, no lost writes (checked with SQL before the database is dropped)
// and the app's memory over time. Exit code 1 when a check fails. See bench/README.md, "Soak".
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEMO_ESF_TOTP_SECRET } from '../src/demo/seed.ts';
import { DEFAULT_SEED } from '../src/demo/synthetic.ts';
import { actorForUser, insertMembership, totp } from '../src/domains/accounts/index.ts';
import { mappings } from '../src/domains/mapping/index.ts';
import { newToken } from '../src/platform/auth.ts';
import type { Db, SqlParam } from '../src/platform/db.ts';
import { newKeyLine } from '../src/platform/secrets.ts';
import { type BenchDatabase, createBenchDatabase, withDatabase } from './database.ts';
import { RESULTS_DIR, SCALES, type ScaleName, seedBenchData, USERS } from './pages.ts';
import { type RunningApp, signIn, startApp } from './server.ts';

// ---------------------------------------------------------------- options

export interface SoakOptions {
  minutes: number;
  users: number;
  scale: ScaleName;
  seed: number;
  serverUrl?: string;
  resultsDir?: string;
  log?: (line: string) => void;
}

const THINK_MS = { min: 200, max: 800 };
const REQUEST_TIMEOUT_MS = 30_000;
const MEMORY_EVERY_MS = 10_000;
/** The app allows 60 sign-in attempts a minute from one address (accounts/service.ts); stay well below. */
const LOGINS_PER_MINUTE = 40;
/** Rounds of the soak's own in-progress mappings for the demo company contact's two companies. */
const SOAK_ROUNDS = 30;
/** Synthetic provider organisations the demo provider also joins, so that roll-calls spread over more sessions. */
const EXTRA_PROVIDERS = 8;

type Journey = 'login' | 'browse' | 'autosave' | 'enrolment' | 'attendance' | 'elearning';
const WEIGHTS: Record<Journey, number> = {
  login: 5,
  browse: 40,
  autosave: 20,
  enrolment: 12,
  attendance: 10,
  elearning: 13,
};

/** Demo users a sign-in journey may use (never the ESF administrator: a TOTP code works once per 30 s). */
const LOGIN_USERS = [
  'region.admin@example.org',
  'officer.ljungby@example.org',
  'officer.vaxjo@example.org',
  'coach@example.org',
  'coach.alvesta@example.org',
  'company@example.org',
  'participant@example.org',
  'provider@example.org',
];

// ---------------------------------------------------------------- the data the journeys use

interface AutosaveSlot {
  mappingId: string;
  section: string;
  /** Text questions of the section (form field `q.<key>`). */
  fields: string[];
  busy: boolean;
}

interface SessionSlot {
  sessionId: string;
  busy: boolean;
}

interface Fixture {
  companyIds: string[];
  contactCompanyIds: string[];
  occasions: { id: string; paidBy: 'company' | 'free' }[];
  autosave: AutosaveSlot[];
  sessions: SessionSlot[];
  lessons: { enrolmentId: string; lessonId: string }[];
  tokens: { contact: string; provider: string; participant: string };
  esfMonth: string | null;
}

async function rows<T>(db: Db, sql: string, params: SqlParam[] = []): Promise<T[]> {
  return db.query<T>(sql, params);
}

async function userId(db: Db, email: string): Promise<string> {
  const [u] = await rows<{ id: string }>(db, 'SELECT id::text AS id FROM users WHERE email = $1', [email]);
  if (!u) throw new Error(`no demo user ${email}`);
  return u.id;
}

async function apiToken(db: Db, uid: string, name: string): Promise<string> {
  const { token, hash } = newToken();
  await db.query(
    'INSERT INTO api_tokens (id, user_id, name, token_hash, token_prefix) VALUES ($1, $2, $3, $4, $5)',
    [randomUUID(), uid, name, hash, token.slice(0, 6)],
  );
  return token;
}

/** After the seed: the soak's mappings in progress, API tokens, and the ids the journeys pick from. */
async function prepareFixture(db: Db): Promise<Fixture> {
  const adminId = await userId(db, 'region.admin@example.org');
  const contactId = await userId(db, 'company@example.org');
  const admin = await actorForUser(db, adminId, 'session');
  if (!admin) throw new Error('no demo region admin');
  const contactCompanyIds = (
    await rows<{ id: string }>(
      db,
      `SELECT company_id::text AS id FROM memberships WHERE user_id = $1 AND role = 'company_contact'
        ORDER BY company_id`,
      [contactId],
    )
  ).map((r) => r.id);
  // Mappings in progress the company contact may edit: one per company and soak round, notice accepted.
  const autosave: AutosaveSlot[] = [];
  for (let i = 1; i <= SOAK_ROUNDS; i++) {
    const roundId = await mappings.createRound(db, admin, {
      key: `soak-${i}`,
      nameSv: `Soak ${i}`,
      nameEn: `Soak ${i}`,
      opensOn: null,
      closesOn: null,
    });
    for (const companyId of contactCompanyIds) {
      const { id } = await mappings.startMapping(db, admin, { companyId, roundId });
      await mappings.acceptNotice(db, admin, id, []);
      const view = await mappings.getMapping(db, admin, id);
      for (const s of view.definition.sections) {
        const fields = s.questions
          .filter((q) => (q.type === 'text' || q.type === 'longText') && !q.showIf && !q.prefill)
          .map((q) => q.key);
        if (fields.length > 0) autosave.push({ mappingId: id, section: s.key, fields, busy: false });
      }
    }
  }
  const occasions = (
    await rows<{ id: string; financing: string }>(
      db,
      `SELECT o.id::text AS id, c.financing FROM course_occasions o JOIN courses c ON c.id = o.course_id
        WHERE o.status = 'open' AND c.status = 'approved'
          AND o.enrolment_deadline >= (now() AT TIME ZONE 'Europe/Stockholm')::date + 1
        ORDER BY o.starts_on, o.id LIMIT 40`,
    )
  ).map((o) => ({ id: o.id, paidBy: o.financing === 'public' ? ('free' as const) : ('company' as const) }));
  const providerId = await userId(db, 'provider@example.org');
  const extraProviders = await rows<{ id: string }>(
    db,
    `SELECT DISTINCT c.provider_org_id::text AS id FROM courses c
       JOIN course_occasions o ON o.course_id = c.id JOIN course_sessions s ON s.occasion_id = o.id
      WHERE s.starts_at < now() AND c.provider_org_id IS NOT NULL
        AND c.provider_org_id NOT IN (SELECT organisation_id FROM memberships WHERE user_id = $1 AND organisation_id IS NOT NULL)
        AND EXISTS (SELECT 1 FROM enrolments e WHERE e.occasion_id = o.id AND e.status = 'enrolled')
      ORDER BY 1 LIMIT ${EXTRA_PROVIDERS}`,
    [providerId],
  );
  for (const p of extraProviders)
    await insertMembership(db, {
      id: randomUUID(),
      userId: providerId,
      role: 'provider',
      organisationId: p.id,
      companyId: null,
      createdBy: null,
    });
  const sessions = (
    await rows<{ id: string }>(
      db,
      `SELECT s.id::text AS id FROM course_sessions s
         JOIN course_occasions o ON o.id = s.occasion_id JOIN courses c ON c.id = o.course_id
        WHERE c.provider_org_id IN (SELECT organisation_id FROM memberships WHERE user_id = $1 AND role = 'provider')
          AND s.starts_at < now()
          AND EXISTS (SELECT 1 FROM enrolments e WHERE e.occasion_id = o.id AND e.status = 'enrolled')
        ORDER BY s.starts_at DESC LIMIT 60`,
      [providerId],
    )
  ).map((s) => ({ sessionId: s.id, busy: false }));
  const participantId = await userId(db, 'participant@example.org');
  const lessons = await rows<{ enrolmentId: string; lessonId: string }>(
    db,
    `SELECT e.id::text AS "enrolmentId", l.id::text AS "lessonId"
       FROM dl_enrolments e JOIN dl_modules m ON m.version_id = e.version_id JOIN dl_lessons l ON l.module_id = m.id
      WHERE e.user_id = $1 AND e.status IN ('active', 'completed') AND l.kind IN ('text', 'video')
      ORDER BY e.id, m.position, l.position`,
    [participantId],
  );
  const companyIds = (
    await rows<{ id: string }>(db, 'SELECT id::text AS id FROM companies ORDER BY id LIMIT 200')
  ).map((r) => r.id);
  const [month] = await rows<{ v: string }>(
    db,
    'SELECT month::text AS v FROM esf_scb_months ORDER BY month DESC LIMIT 1',
  );
  const fixture: Fixture = {
    companyIds,
    contactCompanyIds,
    occasions,
    autosave,
    sessions,
    lessons,
    tokens: {
      contact: await apiToken(db, contactId, 'soak'),
      provider: await apiToken(db, providerId, 'soak'),
      participant: await apiToken(db, participantId, 'soak'),
    },
    esfMonth: month?.v ?? null,
  };
  for (const [what, n] of [
    ['contact companies', contactCompanyIds.length],
    ['open occasions', occasions.length],
    ['autosave sections', autosave.length],
    ['provider sessions', sessions.length],
    ['participant lessons', lessons.length],
  ] as const)
    if (n === 0) throw new Error(`the soak data has no ${what}`);
  return fixture;
}

// ---------------------------------------------------------------- recording

interface Sample {
  ms: number;
  status: number;
}

interface Failure {
  at: string;
  journey: Journey;
  method: string;
  path: string;
  status: number;
  body: string;
}

class Recorder {
  readonly samples = new Map<Journey, Sample[]>();
  readonly serverErrors: Failure[] = [];
  readonly clientErrors = new Map<string, number>();
  /** Network errors and timeouts (status 0). */
  readonly transportErrors: Failure[] = [];

  add(journey: Journey, ms: number, status: number, method: string, url: string, body: string): void {
    let list = this.samples.get(journey);
    if (!list) {
      list = [];
      this.samples.set(journey, list);
    }
    list.push({ ms, status });
    const p = new URL(url).pathname;
    const failure = {
      at: new Date().toISOString(),
      journey,
      method,
      path: p,
      status,
      body: body.slice(0, 500),
    };
    if (status >= 500) this.serverErrors.push(failure);
    else if (status === 0) this.transportErrors.push(failure);
    else if (status >= 400) {
      const key = `${status} ${method} ${p.replace(/[0-9a-f-]{36}/g, ':id')}`;
      this.clientErrors.set(key, (this.clientErrors.get(key) ?? 0) + 1);
    }
  }
}

// ---------------------------------------------------------------- HTTP as a browser or an API client does

interface Answer {
  status: number;
  text: string;
  location: string | null;
  /** name → value of the Set-Cookie headers. */
  cookies: Map<string, string>;
}

class Client {
  constructor(
    private readonly baseUrl: string,
    private readonly rec: Recorder,
    private readonly journey: Journey,
  ) {}

  async send(
    method: string,
    pathAndQuery: string,
    opts: { cookie?: string; token?: string; form?: Record<string, string>; json?: unknown } = {},
  ): Promise<Answer> {
    const url = this.baseUrl + pathAndQuery;
    const headers: Record<string, string> = {};
    if (opts.cookie) headers.cookie = opts.cookie;
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let body: string | undefined;
    if (opts.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(opts.form).toString();
    } else if (opts.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(opts.json);
    }
    const started = performance.now();
    let status = 0;
    let text = '';
    let location: string | null = null;
    const cookies = new Map<string, string>();
    try {
      const res = await fetch(url, {
        method,
        headers,
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      text = await res.text();
      status = res.status;
      location = res.headers.get('location');
      for (const line of res.headers.getSetCookie()) {
        const [pair = ''] = line.split(';');
        const eq = pair.indexOf('=');
        if (eq > 0) cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
      }
    } catch (err) {
      text = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    }
    this.rec.add(this.journey, performance.now() - started, status, method, url, text);
    return { status, text, location, cookies };
  }
}

const ok = (a: Answer) => a.status >= 200 && a.status < 300;
const csrfOf = (html: string) => html.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? null;

// ---------------------------------------------------------------- the journeys

interface World {
  baseUrl: string;
  rec: Recorder;
  fx: Fixture;
  password: string;
  /** Signed-in cookies, shared by the virtual users like tabs of one browser. */
  cookies: { admin: string; coach: string; contact: string; esf: string };
  /** Last value saved per mapping field: `mapping/section/question` → text. */
  autosaved: Map<string, { mappingId: string; section: string; question: string; value: string }>;
  /** Every enrolment id a 2xx answer gave. */
  enrolled: { enrolmentId: string; learnerId: string; occasionId: string }[];
  /** Last minutes recorded per `session/enrolment` by a 2xx answer. */
  attendance: Map<string, { sessionId: string; enrolmentId: string; minutes: number }>;
  /** Lessons a 2xx answer marked done. */
  lessonsDone: Map<string, { enrolmentId: string; lessonId: string }>;
  loginTimes: number[];
  writes: { autosave: number; enrolment: number; attendance: number; elearning: number };
}

const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)] as T;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const think = () => sleep(THINK_MS.min + Math.random() * (THINK_MS.max - THINK_MS.min));

const SEARCHES = ['svets', 'el', 'truck', 'ledarskap', 'cnc', 'excel'];
const MUNICIPALITIES = ['0780', '0781', '0764', '0765', '0767'];
const STATUSES = ['active', 'interested', 'eligible'];

async function browse(w: World, c: Client): Promise<void> {
  const pages: (() => Promise<Answer>)[] = [
    () =>
      c.send('GET', `/companies?municipality=${pick(MUNICIPALITIES)}&status=${pick(STATUSES)}`, {
        cookie: w.cookies.admin,
      }),
    () => c.send('GET', `/companies?q=${pick(['ab', 'plast', 'tra', 'meta'])}`, { cookie: w.cookies.admin }),
    () => c.send('GET', `/kurser?q=${pick(SEARCHES)}`, { cookie: w.cookies.contact }),
    () => c.send('GET', '/insights/needs?rows=municipality&cols=sniSection', { cookie: w.cookies.admin }),
    () => c.send('GET', '/coaching', { cookie: w.cookies.coach }),
    () => c.send('GET', `/companies/${pick(w.fx.companyIds)}`, { cookie: w.cookies.admin }),
  ];
  if (w.fx.esfMonth) pages.push(() => c.send('GET', `/esf/scb/${w.fx.esfMonth}`, { cookie: w.cookies.esf }));
  const n = 2 + Math.floor(Math.random() * 2);
  for (let i = 0; i < n; i++) {
    await pick(pages)();
    await think();
  }
}

const jarHeader = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');

/**
 * A sign-in through the form (GET /login, POST /login with the CSRF token and cookie), then the page it
 * leads to. Never the ESF administrator (a TOTP code works once per 30 s); at most LOGINS_PER_MINUTE.
 */
async function login(w: World, c: Client): Promise<boolean> {
  const now = Date.now();
  while (w.loginTimes.length > 0 && (w.loginTimes[0] as number) < now - 60_000) w.loginTimes.shift();
  if (w.loginTimes.length >= LOGINS_PER_MINUTE) return false;
  w.loginTimes.push(now);
  const page = await c.send('GET', '/login');
  const csrf = csrfOf(page.text);
  if (!csrf) return true;
  const jar = new Map(page.cookies);
  await think();
  const posted = await c.send('POST', '/login', {
    cookie: jarHeader(jar),
    form: { email: pick(LOGIN_USERS), password: w.password, _csrf: csrf },
  });
  for (const [k, v] of posted.cookies) jar.set(k, v);
  if (posted.status !== 302 && posted.status !== 303) return true;
  await think();
  await c.send('GET', posted.location?.startsWith('/') ? posted.location : '/', { cookie: jarHeader(jar) });
  return true;
}

async function autosave(w: World, c: Client, vu: number): Promise<boolean> {
  const free = w.fx.autosave.filter((s) => !s.busy);
  if (free.length === 0) return false;
  const slot = pick(free);
  slot.busy = true;
  try {
    const base = `/mappings/${slot.mappingId}/sections/${slot.section}`;
    const page = await c.send('GET', base, { cookie: w.cookies.contact });
    if (page.status !== 200) return true;
    const csrf = csrfOf(page.text);
    let revision = page.text.match(/name="baseRevision" value="(\d+)"/)?.[1] ?? '0';
    if (!csrf) return true;
    // Typing: a few autosaves a second or so apart, each with the revision the last one answered.
    const saves = 2 + Math.floor(Math.random() * 3);
    for (let i = 0; i < saves; i++) {
      const values: Record<string, string> = {};
      for (const q of slot.fields) values[`q.${q}`] = `soak vu${vu} ${randomBytes(4).toString('hex')}`;
      const a = await c.send('POST', `${base}/autosave`, {
        cookie: w.cookies.contact,
        form: { _csrf: csrf, baseRevision: revision, ...values },
      });
      if (a.status === 200) {
        w.writes.autosave++;
        const r = JSON.parse(a.text) as { revision: number };
        revision = String(r.revision);
        for (const q of slot.fields)
          w.autosaved.set(`${slot.mappingId}/${slot.section}/${q}`, {
            mappingId: slot.mappingId,
            section: slot.section,
            question: q,
            value: values[`q.${q}`] as string,
          });
      }
      await think();
    }
    return true;
  } finally {
    slot.busy = false;
  }
}

async function enrolment(w: World, c: Client, vu: number): Promise<void> {
  const token = w.fx.tokens.contact;
  const learner = await c.send('POST', '/api/v1/training/learners', {
    token,
    json: {
      companyId: pick(w.fx.contactCompanyIds),
      firstName: 'Soak',
      lastName: `Deltagare ${vu}-${randomBytes(3).toString('hex')}`,
    },
  });
  if (!ok(learner)) return;
  const learnerId = (JSON.parse(learner.text) as { id: string }).id;
  await think();
  const occ = pick(w.fx.occasions);
  const a = await c.send('POST', `/api/v1/training/occasions/${occ.id}/enrolments`, {
    token,
    json: { learnerIds: [learnerId], paidBy: occ.paidBy },
  });
  if (ok(a)) {
    w.writes.enrolment++;
    for (const r of JSON.parse(a.text) as { enrolmentId: string; learnerId: string }[])
      w.enrolled.push({ enrolmentId: r.enrolmentId, learnerId: r.learnerId, occasionId: occ.id });
  }
}

async function attendance(w: World, c: Client): Promise<boolean> {
  const free = w.fx.sessions.filter((s) => !s.busy);
  if (free.length === 0) return false;
  const slot = pick(free);
  slot.busy = true;
  try {
    const token = w.fx.tokens.provider;
    const path = `/api/v1/training/sessions/${slot.sessionId}/attendance`;
    const rc = await c.send('GET', path, { token });
    if (!ok(rc)) return true;
    const roll = JSON.parse(rc.text) as {
      session: { lengthMinutes: number };
      rows: { enrolmentId: string; minutes: number | null }[];
    };
    if (roll.rows.length === 0) return true;
    await think();
    const entries = roll.rows.map((r) => ({
      enrolmentId: r.enrolmentId,
      minutes: Math.floor(Math.random() * (roll.session.lengthMinutes + 1)),
    }));
    const a = await c.send('PUT', path, { token, json: { entries, reason: 'Soak: corrected' } });
    if (ok(a)) {
      w.writes.attendance++;
      for (const e of entries)
        w.attendance.set(`${slot.sessionId}/${e.enrolmentId}`, { sessionId: slot.sessionId, ...e });
    }
    return true;
  } finally {
    slot.busy = false;
  }
}

async function elearning(w: World, c: Client): Promise<void> {
  const l = pick(w.fx.lessons);
  const a = await c.send('POST', `/api/v1/learning/enrolments/${l.enrolmentId}/lessons/${l.lessonId}/done`, {
    token: w.fx.tokens.participant,
  });
  if (ok(a)) {
    w.writes.elearning++;
    w.lessonsDone.set(`${l.enrolmentId}/${l.lessonId}`, l);
  }
}

function drawJourney(): Journey {
  const total = Object.values(WEIGHTS).reduce((a, b) => a + b, 0);
  let x = Math.random() * total;
  for (const [j, wt] of Object.entries(WEIGHTS) as [Journey, number][]) {
    x -= wt;
    if (x < 0) return j;
  }
  return 'browse';
}

async function virtualUser(w: World, vu: number, until: number): Promise<void> {
  // Spread the start over the first few seconds.
  await sleep(Math.random() * 3000);
  while (Date.now() < until) {
    const j = drawJourney();
    const c = (name: Journey) => new Client(w.baseUrl, w.rec, name);
    let done = true;
    if (j === 'login') {
      done = await login(w, c('login'));
    } else if (j === 'autosave') done = await autosave(w, c('autosave'), vu);
    else if (j === 'enrolment') await enrolment(w, c('enrolment'), vu);
    else if (j === 'attendance') done = await attendance(w, c('attendance'));
    else if (j === 'elearning') await elearning(w, c('elearning'));
    if (j === 'browse' || !done) await browse(w, c('browse'));
    await think();
  }
}

// ---------------------------------------------------------------- memory

interface MemorySample {
  seconds: number;
  rssMb: number;
}

function rssMb(pid: number): number | null {
  try {
    const kb = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+)\s+kB/m)?.[1];
    return kb ? Number(kb) / 1024 : null;
  } catch {
    return null;
  }
}

export interface MemoryReport {
  samples: MemorySample[];
  startMb: number;
  afterWarmupMb: number;
  warmupSeconds: number;
  endMb: number;
  maxMb: number;
  /** Least-squares slope over the second half of the run, MB per minute. */
  secondHalfSlopeMbPerMin: number;
  /** End within 15 % of the value after warm-up. */
  flat: boolean;
}

function memoryReport(samples: MemorySample[], seconds: number): MemoryReport {
  const warmupSeconds = Math.min(60, Math.max(10, seconds * 0.1));
  const first = samples[0]?.rssMb ?? 0;
  const warm = samples.find((s) => s.seconds >= warmupSeconds)?.rssMb ?? first;
  const end = samples.at(-1)?.rssMb ?? 0;
  const half = samples.filter((s) => s.seconds >= seconds / 2);
  let slope = 0;
  if (half.length >= 2) {
    const mx = half.reduce((a, s) => a + s.seconds, 0) / half.length;
    const my = half.reduce((a, s) => a + s.rssMb, 0) / half.length;
    const num = half.reduce((a, s) => a + (s.seconds - mx) * (s.rssMb - my), 0);
    const den = half.reduce((a, s) => a + (s.seconds - mx) ** 2, 0);
    slope = den > 0 ? (num / den) * 60 : 0;
  }
  return {
    samples,
    startMb: first,
    afterWarmupMb: warm,
    warmupSeconds,
    endMb: end,
    maxMb: Math.max(0, ...samples.map((s) => s.rssMb)),
    secondHalfSlopeMbPerMin: slope,
    flat: warm > 0 && Math.abs(end - warm) / warm <= 0.15,
  };
}

// ---------------------------------------------------------------- checks against the database

export interface WriteCheck {
  name: string;
  acknowledged: number;
  missing: number;
  /** A few of the missing or differing rows, for the report. */
  examples: string[];
}

/** A check: what was acknowledged, and a description of each one the database does not hold as answered. */
function verdict<T>(name: string, want: T[], wrong: (x: T) => string | null): WriteCheck {
  const bad = want.map(wrong).filter((x): x is string => x !== null);
  return { name, acknowledged: want.length, missing: bad.length, examples: bad.slice(0, 5) };
}

async function checkWrites(db: Db, w: World): Promise<WriteCheck[]> {
  const enrolments = new Map(
    (
      await rows<{ id: string; learner: string; occasion: string }>(
        db,
        `SELECT id::text AS id, learner_id::text AS learner, occasion_id::text AS occasion
           FROM enrolments WHERE id = ANY($1::uuid[])`,
        [w.enrolled.map((e) => e.enrolmentId)],
      )
    ).map((r) => [r.id, `${r.learner}/${r.occasion}`]),
  );
  const autosaved = [...w.autosaved.values()];
  const sections = new Map(
    (
      await rows<{ k: string; answers: Record<string, unknown> }>(
        db,
        `SELECT mapping_id::text || '/' || section_key AS k, answers FROM mapping_sections
          WHERE mapping_id = ANY($1::uuid[])`,
        [[...new Set(autosaved.map((x) => x.mappingId))]],
      )
    ).map((r) => [r.k, r.answers]),
  );
  const attended = [...w.attendance.values()];
  const minutes = new Map(
    (
      await rows<{ k: string; minutes: number }>(
        db,
        `SELECT session_id::text || '/' || enrolment_id::text AS k, minutes FROM attendance
          WHERE session_id = ANY($1::uuid[])`,
        [[...new Set(attended.map((x) => x.sessionId))]],
      )
    ).map((r) => [r.k, r.minutes]),
  );
  const lessons = [...w.lessonsDone.values()];
  const progress = new Set(
    (
      await rows<{ k: string }>(
        db,
        `SELECT enrolment_id::text || '/' || lesson_id::text AS k FROM dl_lesson_progress
          WHERE enrolment_id = ANY($1::uuid[])`,
        [[...new Set(lessons.map((x) => x.enrolmentId))]],
      )
    ).map((r) => r.k),
  );
  return [
    verdict('enrolments acknowledged exist', w.enrolled, (e) => {
      const held = enrolments.get(e.enrolmentId);
      return held === `${e.learnerId}/${e.occasionId}` ? null : `${e.enrolmentId}: ${held ?? 'missing'}`;
    }),
    verdict('last autosaved value per field is stored', autosaved, (x) => {
      const held = sections.get(`${x.mappingId}/${x.section}`)?.[x.question];
      return held === x.value
        ? null
        : `${x.mappingId}/${x.section}/${x.question}: saved ${JSON.stringify(x.value)}, stored ${JSON.stringify(held)}`;
    }),
    verdict('attendance rows answered 2xx exist (with the last minutes)', attended, (x) => {
      const held = minutes.get(`${x.sessionId}/${x.enrolmentId}`);
      return held === x.minutes
        ? null
        : `${x.sessionId}/${x.enrolmentId}: sent ${x.minutes}, stored ${held ?? 'nothing'}`;
    }),
    verdict('lesson progress rows exist', lessons, (x) =>
      progress.has(`${x.enrolmentId}/${x.lessonId}`) ? null : `${x.enrolmentId}/${x.lessonId}`,
    ),
  ];
}

// ---------------------------------------------------------------- the run

export interface JourneyStats {
  journey: Journey | 'all';
  requests: number;
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  status4xx: number;
  status5xx: number;
  transportErrors: number;
}

export interface SoakResult {
  schema: 'kompetensnavet-bench-soak/1';
  startedAt: string;
  finishedAt: string;
  database: 'pglite' | 'postgres';
  options: { minutes: number; users: number; scale: ScaleName; seed: number; thinkMs: typeof THINK_MS };
  environment: {
    node: string;
    cpus: number;
    cpuModel: string;
    memoryGb: number;
    loadAverage: { start: number; end: number };
  };
  weights: typeof WEIGHTS;
  fixture: { autosaveSections: number; openOccasions: number; providerSessions: number; lessons: number };
  journeys: JourneyStats[];
  total: JourneyStats;
  writes: World['writes'];
  clientErrors: Record<string, number>;
  serverErrors: Failure[];
  transportErrors: Failure[];
  writeChecks: WriteCheck[];
  memory: MemoryReport;
  /** App output lines at warn level or above that mention an error (personal data is not logged). */
  appErrorLog: string[];
  passed: boolean;
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}

function stats(journey: Journey | 'all', samples: Sample[], seconds: number): JourneyStats {
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  return {
    journey,
    requests: samples.length,
    requestsPerSec: samples.length / seconds,
    p50Ms: Math.round(quantile(ms, 0.5)),
    p99Ms: Math.round(quantile(ms, 0.99)),
    maxMs: Math.round(ms.at(-1) ?? 0),
    status4xx: samples.filter((s) => s.status >= 400 && s.status < 500).length,
    status5xx: samples.filter((s) => s.status >= 500).length,
    transportErrors: samples.filter((s) => s.status === 0).length,
  };
}

export async function runSoak(opts: SoakOptions): Promise<{ result: SoakResult; file: string }> {
  const log = opts.log ?? (() => {});
  const scale = SCALES[opts.scale];
  if (!scale) throw new Error(`unknown scale ${opts.scale}`);
  const startedAt = new Date().toISOString();
  const loadAtStart = os.loadavg()[0] ?? 0;
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kn-soak-'));
  const password = randomBytes(18).toString('base64url');
  const esfKey = newKeyLine();
  let target: BenchDatabase | null = null;
  let app: RunningApp | null = null;
  const appErrorLog: string[] = [];
  let pending = '';
  const onOutput = (chunk: string) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines)
      if (/"level":(50|60)|error/i.test(line) && appErrorLog.length < 200)
        appErrorLog.push(line.slice(0, 4000));
  };
  try {
    target = await createBenchDatabase({ serverUrl: opts.serverUrl, tempDir });
    log(`Soak database: ${target.where}; scale ${opts.scale}`);
    const fx = await withDatabase(target, async (db) => {
      await seedBenchData(db, { scale, seed: opts.seed, password, esfKey, alreadySeeded: false, log });
      return prepareFixture(db);
    });
    log(
      `Fixture: ${fx.autosave.length} autosave sections, ${fx.occasions.length} open occasions, ${fx.sessions.length} provider sessions, ${fx.lessons.length} participant lessons.`,
    );
    app = await startApp({ ...target.env, ESF_KEY: esfKey }, { onOutput });
    const running = app;
    const sign = (email: string, withTotp = false) =>
      signIn(running.baseUrl, email, password, withTotp ? () => totp(DEMO_ESF_TOTP_SECRET) : undefined);
    const world: World = {
      baseUrl: app.baseUrl,
      rec: new Recorder(),
      fx,
      password,
      cookies: {
        admin: await sign(USERS.region_admin.email),
        coach: await sign(USERS.coach.email),
        contact: await sign(USERS.company_contact.email),
        esf: await sign(USERS.esf_admin.email, true),
      },
      autosaved: new Map(),
      enrolled: [],
      attendance: new Map(),
      lessonsDone: new Map(),
      loginTimes: [],
      writes: { autosave: 0, enrolment: 0, attendance: 0, elearning: 0 },
    };
    const seconds = opts.minutes * 60;
    const memory: MemorySample[] = [];
    const t0 = Date.now();
    const sampleMemory = () => {
      const mb = rssMb(running.pid);
      if (mb !== null) memory.push({ seconds: Math.round((Date.now() - t0) / 1000), rssMb: mb });
    };
    sampleMemory();
    const timer = setInterval(() => {
      sampleMemory();
      const n = [...world.rec.samples.values()].reduce((a, s) => a + s.length, 0);
      log(
        `  ${Math.round((Date.now() - t0) / 1000)} s: ${n} requests, ${world.rec.serverErrors.length} 5xx, RSS ${memory.at(-1)?.rssMb.toFixed(0)} MB`,
      );
    }, MEMORY_EVERY_MS);
    log(`Running ${opts.users} virtual users for ${opts.minutes} min against ${app.baseUrl}.`);
    const until = t0 + seconds * 1000;
    await Promise.all(Array.from({ length: opts.users }, (_, i) => virtualUser(world, i + 1, until)));
    clearInterval(timer);
    sampleMemory();
    const elapsed = (Date.now() - t0) / 1000;
    const exit = app.exitReport();
    if (exit) throw new Error(`during the soak, ${exit}`);
    await app.stop();
    app = null;
    const writeChecks = await withDatabase(target, (db) => checkWrites(db, world));
    const order: Journey[] = ['login', 'browse', 'autosave', 'enrolment', 'attendance', 'elearning'];
    const journeys = order.map((j) => stats(j, world.rec.samples.get(j) ?? [], elapsed));
    const all = stats('all', [...world.rec.samples.values()].flat(), elapsed);
    const mem = memoryReport(memory, elapsed);
    const cpus = os.cpus();
    const passed =
      world.rec.serverErrors.length === 0 && writeChecks.every((c) => c.missing === 0 && c.acknowledged > 0);
    const result: SoakResult = {
      schema: 'kompetensnavet-bench-soak/1',
      startedAt,
      finishedAt: new Date().toISOString(),
      database: target.kind,
      options: {
        minutes: opts.minutes,
        users: opts.users,
        scale: opts.scale,
        seed: opts.seed,
        thinkMs: THINK_MS,
      },
      environment: {
        node: process.versions.node,
        cpus: cpus.length,
        cpuModel: cpus[0]?.model.trim() ?? 'unknown',
        memoryGb: Math.round(os.totalmem() / 2 ** 30),
        loadAverage: { start: loadAtStart, end: os.loadavg()[0] ?? 0 },
      },
      weights: WEIGHTS,
      fixture: {
        autosaveSections: fx.autosave.length,
        openOccasions: fx.occasions.length,
        providerSessions: fx.sessions.length,
        lessons: fx.lessons.length,
      },
      journeys,
      total: all,
      writes: world.writes,
      clientErrors: Object.fromEntries(world.rec.clientErrors),
      serverErrors: world.rec.serverErrors,
      transportErrors: world.rec.transportErrors.slice(0, 50),
      writeChecks,
      memory: mem,
      appErrorLog,
      passed,
    };
    const dir = opts.resultsDir ?? RESULTS_DIR;
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${startedAt.slice(0, 10)}-${target.kind}-soak.json`);
    fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
    return { result, file };
  } finally {
    await app?.stop();
    await target?.drop();
    fs.rmSync(tempDir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- the report

const int = (n: number) => Math.round(n).toLocaleString('en-US').replace(/,/g, ' ');

export function formatSoak(r: SoakResult): string {
  const head = ['journey', 'requests', 'req/s', 'p50 ms', 'p99 ms', 'max ms', '4xx', '5xx', 'net err'];
  const row = (s: JourneyStats, name: string) => [
    name,
    int(s.requests),
    s.requestsPerSec.toFixed(1),
    String(s.p50Ms),
    String(s.p99Ms),
    int(s.maxMs),
    String(s.status4xx),
    String(s.status5xx),
    String(s.transportErrors),
  ];
  const body = [...r.journeys.map((s) => row(s, s.journey)), row(r.total, 'all')];
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? '').length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join(' | ')} |`;
  const sep = `| ${widths.map((w, i) => (i === 0 ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`)).join(' | ')} |`;
  const m = r.memory;
  const mark = (b: boolean) => (b ? 'ok' : 'FAILED');
  return [
    `${r.database}, scale ${r.options.scale}, ${r.options.users} virtual users, ${r.options.minutes} min, think ${THINK_MS.min}–${THINK_MS.max} ms; load average ${r.environment.loadAverage.start.toFixed(1)} → ${r.environment.loadAverage.end.toFixed(1)}`,
    '',
    line(head),
    sep,
    ...body.map(line),
    '',
    `writes acknowledged: ${r.writes.autosave} autosaves, ${r.writes.enrolment} enrolment requests, ${r.writes.attendance} roll-calls, ${r.writes.elearning} lessons done`,
    ...Object.entries(r.clientErrors).map(([k, n]) => `  4xx: ${k} × ${n}`),
    '',
    `${mark(r.serverErrors.length === 0)}: 5xx answers: ${r.serverErrors.length}`,
    ...r.serverErrors
      .slice(0, 10)
      .map((f) => `  ${f.at} ${f.journey} ${f.method} ${f.path} → ${f.status}: ${f.body}`),
    ...r.writeChecks.map(
      (c) =>
        `${mark(c.missing === 0 && c.acknowledged > 0)}: ${c.name}: ${c.acknowledged} acknowledged, ${c.missing} missing${c.examples.length ? ` (${c.examples.join('; ')})` : ''}`,
    ),
    `${m.flat ? 'flat' : 'NOT FLAT'}: app RSS start ${m.startMb.toFixed(0)} MB, after ${m.warmupSeconds} s warm-up ${m.afterWarmupMb.toFixed(0)} MB, end ${m.endMb.toFixed(0)} MB, max ${m.maxMb.toFixed(0)} MB, second-half slope ${m.secondHalfSlopeMbPerMin.toFixed(2)} MB/min`,
    '',
    r.passed ? 'PASSED' : 'FAILED',
  ].join('\n');
}

// ---------------------------------------------------------------- the command

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      minutes: { type: 'string', default: '10' },
      users: { type: 'string', default: '100' },
      scale: { type: 'string', default: 'county' },
      seed: { type: 'string', default: String(DEFAULT_SEED) },
    },
  });
  const minutes = Number(values.minutes);
  const users = Number(values.users);
  const scale = values.scale as ScaleName;
  if (!(minutes > 0) || !Number.isInteger(users) || users < 1)
    throw new Error('--minutes and --users must be positive');
  if (!(scale in SCALES)) throw new Error(`unknown scale ${scale}`);
  const { result, file } = await runSoak({
    minutes,
    users,
    scale,
    seed: Number(values.seed),
    serverUrl: process.env.DATABASE_URL || undefined,
    log: (l) => console.log(l),
  });
  console.log(`\n${formatSoak(result)}\n\nWritten to ${path.relative(process.cwd(), file)}`);
  if (!result.passed) process.exitCode = 1;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
