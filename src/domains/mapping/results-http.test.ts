import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiToken, Client, makeUser, type TestUser, testApp } from '../../../test/app.ts';
import { testDb } from '../../../test/db.ts';
import { makeCompany } from '../../../test/factories.ts';
import type { Actor } from '../../platform/auth.ts';
import type { Db } from '../../platform/db.ts';
import { actorForUser } from '../accounts/index.ts';
import { searchCompetences } from '../reference/index.ts';
import { ensureCommonInstrument, mappings, sampleAnswers } from './index.ts';
import { comparisonOut, resultsOut } from './results/schema.ts';

let db: Db;
let app: FastifyInstance;
let vaxjoUser: TestUser;
let ljungbyUser: TestUser;
let contactUser: TestUser;
let vaxjo: Actor;
let company: string;
let competenceIds: string[];
let startId: string;
let followUpId: string;
let otherCompanyMapping: string;
let draftId: string;

async function actor(userId: string): Promise<Actor> {
  const a = await actorForUser(db, userId, 'session');
  if (!a) throw new Error('no actor');
  return a;
}

/** A deterministic stand-in for Math.random. */
function seeded(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
}

const roles = [
  { title: 'Svetsare & <Co>', ssyk: '7212', women: 1, men: 4 },
  { title: 'Montör', ssyk: '8211', women: 2, men: 2 },
];

async function fill(a: Actor, id: string, maturity: number[], seed: number, only?: string[]) {
  await mappings.acceptNotice(db, a, id, []);
  const view = await mappings.getMapping(db, a, id);
  const answers = sampleAnswers(view.definition, { roles, competenceIds, maturity, random: seeded(seed) });
  let revision = view.mapping.revision;
  for (const [key, section] of Object.entries(answers)) {
    if (only && !only.includes(key)) continue;
    const r = await mappings.saveSection(db, a, id, key, { baseRevision: revision, answers: section });
    if (r.kind !== 'saved') throw new Error('conflict');
    revision = r.revision;
  }
}

beforeAll(async () => {
  db = await testDb();
  ({ app } = await testApp(db));
  await ensureCommonInstrument(db);
  const admin = await actor((await makeUser(db, [{ role: 'region_admin', org: 'region' }])).id);
  vaxjoUser = await makeUser(db, [{ role: 'municipality_officer', org: '0780' }]);
  ljungbyUser = await makeUser(db, [{ role: 'municipality_officer', org: '0781' }]);
  vaxjo = await actor(vaxjoUser.id);
  const round = (key: string, name: string) =>
    mappings.createRound(db, admin, { key, nameSv: name, nameEn: name, opensOn: null, closesOn: null });
  const start = await round('start', 'Start 2026');
  const followUp = await round('uppfoljning', 'Uppföljning 2027');
  company = await makeCompany(db, vaxjoUser, {
    name: 'Växjö Verktyg AB',
    workplaces: [{ name: 'Verkstan', city: 'Växjö', municipalityCode: '0780' }],
  });
  contactUser = await makeUser(db, [{ role: 'company_contact', org: `company:${company}` }]);
  competenceIds = (await searchCompetences(db, 'svetsning', 5)).map((c) => c.conceptId);

  startId = (await mappings.startMapping(db, vaxjo, { companyId: company, roundId: start })).id;
  await fill(vaxjo, startId, [2, 3], 1);
  await mappings.submitMapping(db, vaxjo, startId);
  followUpId = (await mappings.startMapping(db, vaxjo, { companyId: company, roundId: followUp })).id;
  await fill(vaxjo, followUpId, [3, 4], 2);
  await mappings.submitMapping(db, vaxjo, followUpId);

  const other = await makeCompany(db, vaxjoUser, {
    workplaces: [{ name: 'Lagret', city: 'Växjö', municipalityCode: '0780' }],
  });
  otherCompanyMapping = (await mappings.startMapping(db, vaxjo, { companyId: other, roundId: start })).id;
  await fill(vaxjo, otherCompanyMapping, [1], 3);
  await mappings.submitMapping(db, vaxjo, otherCompanyMapping);
  draftId = (await mappings.startMapping(db, vaxjo, { companyId: other, roundId: followUp })).id;
  await fill(vaxjo, draftId, [4], 4, ['roles', 'competences', 'maturity']);
}, 120_000);

afterAll(async () => {
  await app.close();
  await db.close();
});

describe('the results page', () => {
  it('shows the matrix, ranked gaps, maturity and recruitment, escaped', async () => {
    const client = await Client.as(app, db, vaxjoUser);
    const res = await client.get(`/mappings/${startId}/results`);
    expect(res.statusCode).toBe(200);
    const html = res.body;
    expect(html).toContain('Resultat: Växjö Verktyg AB');
    expect(html).toContain('Svetsare &amp; &lt;Co');
    expect(html).not.toContain('Svetsare & <Co>');
    expect(html).toContain('data-testid="results-matrix"');
    expect(html).toMatch(/\d+ av 5 når krävd nivå/);
    expect(html).toContain('7212 Svetsare och gasskärare');
    expect(html).toContain('1 Med stöd');
    expect(html).toContain('data-testid="results-gap-table"');
    expect(html).toMatch(/2 gap berör \d+ personer/);
    expect(html).toContain('Mognadspoäng: 2,5 av 4');
    expect(html).toContain('data-testid="results-recruitment"');
    expect(html).not.toContain('data-testid="results-preliminary"');
    expect(html).toContain('href="/assets/results.css"');
  });

  it('charts are SVG images labelled by a caption and summary, with the same data as a table', async () => {
    const client = await Client.as(app, db, vaxjoUser);
    const html = (await client.get(`/mappings/${startId}/results`)).body;
    const svgs = [...html.matchAll(/<svg role="img" aria-labelledby="([^"]+)"/g)].map((m) => m[1] ?? '');
    expect(svgs).toEqual([
      'by-strategy-title by-strategy-summary',
      'by-urgency-title by-urgency-summary',
      'maturity-title maturity-summary',
    ]);
    for (const ids of svgs) for (const id of ids.split(' ')) expect(html).toContain(`id="${id}"`);
    expect(html).toMatch(
      /id="maturity-summary"[^>]*>Stapeldiagram över \d+ påståenden\. Medelvärde 2,5 av 4\./,
    );
    expect(html).toContain('data-testid="maturity-table"');
    expect(html).toContain('data-testid="by-strategy-table"');
    expect(html).toContain('data-testid="by-urgency-table"');
    // Bars are hatched, and each carries its value as text.
    expect(html).toContain('fill="url(#maturity-hatch)"');
    expect(html).toContain('Stämmer delvis');
  });

  it('a printable view without the navigation, linked from the page', async () => {
    const client = await Client.as(app, db, vaxjoUser);
    const page = await client.get(`/mappings/${startId}/results`);
    expect(page.body).toContain(`href="/mappings/${startId}/results?print=1"`);
    expect(page.body).toContain('class="kn-nav"');
    const print = await client.get(`/mappings/${startId}/results?print=1`);
    expect(print.statusCode).toBe(200);
    expect(print.body).toMatch(/^<!doctype html><html lang="sv"/);
    expect(print.body).not.toContain('class="kn-nav"');
    expect(print.body).not.toContain('/logout');
    expect(print.body).not.toContain('<script');
    expect(print.body).toContain('<main id="main"');
    expect(print.body).toContain('Tillbaka till resultatet');
    expect(print.body).toContain('href="/assets/results.css"');
    expect(print.body).toContain('data-testid="results-gap-table"');
  });

  it('a mapping in progress gives a preliminary result from the valid draft answers', async () => {
    const client = await Client.as(app, db, vaxjoUser);
    const res = await client.get(`/mappings/${draftId}/results`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('data-testid="results-preliminary"');
    expect(res.body).toContain('Preliminärt resultat');
    expect(res.body).toContain('Montör');
    expect(res.body).toContain('Mognadspoäng: 4 av 4');
    expect(res.body).toContain('Inga kompetensgap är angivna.');
    expect(res.body).not.toContain('data-testid="results-compare"');
  });
});

describe('access', () => {
  it('an officer of another municipality gets 404, exactly as for an unknown id', async () => {
    const client = await Client.as(app, db, ljungbyUser);
    expect((await client.get(`/mappings/${startId}/results`)).statusCode).toBe(404);
    expect((await client.get(`/mappings/${startId}/results?print=1`)).statusCode).toBe(404);
    expect((await client.get('/mappings/00000000-0000-4000-8000-000000000000/results')).statusCode).toBe(404);
    const token = await apiToken(db, ljungbyUser.id);
    const api = await app.inject({
      method: 'GET',
      url: `/api/v1/mappings/${startId}/results`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(api.statusCode).toBe(404);
  });

  it("the company's contact sees its own results, not another company's", async () => {
    const client = await Client.as(app, db, contactUser);
    const own = await client.get(`/mappings/${followUpId}/results`);
    expect(own.statusCode).toBe(200);
    expect(own.body).toContain('Resultat: Växjö Verktyg AB');
    expect((await client.get(`/mappings/${otherCompanyMapping}/results`)).statusCode).toBe(404);
  });

  it('signed out: to the login page', async () => {
    const res = await app.inject({ method: 'GET', url: `/mappings/${startId}/results` });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toContain('/login');
  });
});

describe('before and after', () => {
  it('the later round compares with the previous one by default: maturity, gaps, competences', async () => {
    const client = await Client.as(app, db, vaxjoUser);
    const html = (await client.get(`/mappings/${followUpId}/results`)).body;
    expect(html).toContain('data-testid="results-compare"');
    expect(html).toContain('Start 2026 → Uppföljning 2027');
    expect(html).toMatch(
      new RegExp(`<option value="${startId}" selected>Start 2026 \\(\\d{4}-\\d{2}-\\d{2}\\)</option>`),
    );
    expect(html).toMatch(
      /Mognadspoäng \(medel\)<\/th><td class="kn-num">2,5<\/td><td class="kn-num">3,5<\/td><td class="kn-num">\+1<\/td>/,
    );
    expect(html).toContain('data-testid="compare-maturity"');
    expect(html).toContain('data-testid="compare-competences"');
    // The earlier round has nothing earlier to compare with.
    expect((await client.get(`/mappings/${startId}/results`)).body).not.toContain(
      'data-testid="results-compare"',
    );
  });

  it('the API compares with a named mapping; other companies and drafts are refused', async () => {
    const token = await apiToken(db, vaxjoUser.id);
    const headers = { authorization: `Bearer ${token}` };
    const res = await app.inject({
      method: 'GET',
      url: `/api/v1/mappings/${followUpId}/results/compare?with=${startId}`,
      headers,
    });
    expect(res.statusCode).toBe(200);
    const body = comparisonOut.parse(res.json());
    expect(body.comparable).toBe(true);
    expect(body.before.id).toBe(startId);
    expect(body.after.id).toBe(followUpId);
    expect(body.maturity).toEqual({ before: 2.5, after: 3.5, change: 1 });
    expect(body.statements?.length).toBeGreaterThan(0);
    expect(body.competences?.every((c) => ['closed', 'remaining', 'new'].includes(c.status))).toBe(true);
    const other = await app.inject({
      method: 'GET',
      url: `/api/v1/mappings/${followUpId}/results/compare?with=${otherCompanyMapping}`,
      headers,
    });
    expect(other.statusCode).toBe(404);
    const draft = await app.inject({
      method: 'GET',
      url: `/api/v1/mappings/${draftId}/results/compare?with=${otherCompanyMapping}`,
      headers,
    });
    expect(draft.statusCode).toBe(409);
    const missing = await app.inject({
      method: 'GET',
      url: `/api/v1/mappings/${followUpId}/results/compare`,
      headers,
    });
    expect(missing.statusCode).toBe(422);
  });
});

describe('JSON API', () => {
  it('the same model: matrix, ranked gaps, totals, maturity, recruitment', async () => {
    const token = await apiToken(db, vaxjoUser.id);
    const res = await app.inject({
      method: 'GET',
      url: `/api/v1/mappings/${startId}/results`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.statusCode).toBe(200);
    const body = resultsOut.parse(res.json());
    expect(body.mapping).toMatchObject({ id: startId, companyName: 'Växjö Verktyg AB', status: 'submitted' });
    expect(body.preliminary).toBe(false);
    expect(body.matrix.roles.map((r) => r.title)).toEqual(['Svetsare & <Co>', 'Montör']);
    expect(body.matrix.cells).toHaveLength(2);
    expect(body.matrix.competences.length).toBeGreaterThan(0);
    expect(body.gaps.map((g) => g.rank)).toEqual([1, 2]);
    const [a, b] = body.gaps;
    if (!a || !b) throw new Error('two gaps');
    expect(a.priority <= b.priority).toBe(true);
    expect(body.totals.people).toBe(body.gaps.reduce((s, g) => s + g.women + g.men, 0));
    expect(body.byStrategy.reduce((s, c) => s + c.gaps, 0)).toBe(2);
    expect(body.maturity.score).toBe(2.5);
    expect(body.recruitments[0]).toMatchObject({ ssyk: '7212', occupation: 'Svetsare och gasskärare' });
    expect(body.earlier).toEqual([]);
    const later = resultsOut.parse(
      (
        await app.inject({
          method: 'GET',
          url: `/api/v1/mappings/${followUpId}/results`,
          headers: { authorization: `Bearer ${token}` },
        })
      ).json(),
    );
    expect(later.earlier.map((m) => m.id)).toEqual([startId]);
  });

  it('is listed in the OpenAPI document under the mapping tag', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    expect(res.statusCode).toBe(200);
    const paths = res.json().paths as Record<string, Record<string, { tags?: string[] }>>;
    const key = Object.keys(paths).find((p) => p.startsWith('/api/v1/mappings/') && p.endsWith('/results'));
    expect(key).toBeDefined();
    expect(paths[key ?? '']?.get?.tags).toContain('mapping');
  });
});
