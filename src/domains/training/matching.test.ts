// Needs-to-course matching and unmet demand over HTTP: ranking order on a constructed set (overlap, place,
// urgency × date), the reasons in words, access (another company's contact: 404), unmet-demand
// aggregation with disclosure control, export, and publication to providers only after publishing.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiToken, Client, makeUser, type TestUser, testApp } from '../../../test/app.ts';
import { testDb } from '../../../test/db.ts';
import { makeCompany } from '../../../test/factories.ts';
import type { Db } from '../../platform/db.ts';
import { ensureCommonInstrument } from '../mapping/index.ts';
import {
  makeCourse,
  makeProviderOrg,
  regionIdOf,
  someCompetences,
  submitMappingWithNeeds,
} from './matching-fixtures.ts';
import { rankCourses } from './service/matching-rank.ts';

let db: Db;
let app: FastifyInstance;
let admin: TestUser;
let officer: TestUser;
let contact: TestUser;
let otherContact: TestUser;
let provider: TestUser;
let provider2: TestUser;
let companyA: string;
let comps: { id: string; name: string }[];
const course: Record<string, string> = {};

interface MatchesJson {
  mappingId: string | null;
  needs: unknown[];
  matches: { courseId: string; title: string; reasons: string[]; matchedCount: number; place: string }[];
}
interface Cell {
  competenceId: string;
  municipalityCode: string | null;
  flag: string;
  companies: number | null;
  people: number | null;
  women: number | null;
  men: number | null;
}

async function api(
  user: TestUser,
  method: 'GET' | 'POST',
  url: string,
  headers: Record<string, string> = {},
) {
  const token = await apiToken(db, user.id);
  return app.inject({ method, url, headers: { authorization: `Bearer ${token}`, ...headers } });
}

beforeAll(async () => {
  db = await testDb();
  await ensureCommonInstrument(db);
  ({ app } = await testApp(db));
  admin = await makeUser(db, [{ role: 'region_admin', org: 'region' }]);
  officer = await makeUser(db, [{ role: 'municipality_officer', org: '0781' }]);
  const regionId = await regionIdOf(db);
  comps = await someCompetences(db, 8);
  const c = (i: number) => (comps[i] as { id: string }).id;
  companyA = await makeCompany(db, admin, {
    name: 'Ljungby Svets AB',
    workplaces: [{ name: 'Verkstaden', city: 'Ljungby', municipalityCode: '0781' }],
  });
  const companyB = await makeCompany(db, admin, { name: 'Växjö Trä AB' });
  contact = await makeUser(db, [{ role: 'company_contact', org: `company:${companyA}` }]);
  otherContact = await makeUser(db, [{ role: 'company_contact', org: `company:${companyB}` }]);
  // Company A: six needed competences c0..c5; c3 is urgent (now). c5 has no course (unmet).
  await submitMappingWithNeeds(db, {
    companyId: companyA,
    regionId,
    municipalityCode: '0781',
    formats: ['classroom'],
    needs: [
      { competenceId: c(0), urgency: 'within6To12Months', women: 1, men: 2 },
      { competenceId: c(1), urgency: 'within6To12Months', women: 1, men: 1 },
      { competenceId: c(2), urgency: 'within6To12Months', women: 0, men: 2 },
      { competenceId: c(3), urgency: 'now', women: 2, men: 0 },
      { competenceId: c(4), urgency: 'within1To3Years', women: 1, men: 0 },
      { competenceId: c(5), urgency: 'now', women: 1, men: 1 },
    ],
  });
  // Three more companies in Ljungby need c5 (unmet, shown); one company in Växjö needs c6 alone (suppressed).
  for (const [i, w, m] of [
    [1, 1, 1],
    [2, 2, 0],
    [3, 0, 3],
  ] as const) {
    const id = await makeCompany(db, admin, { name: `Ljungby Företag ${i}` });
    await submitMappingWithNeeds(db, {
      companyId: id,
      regionId,
      municipalityCode: '0781',
      needs: [{ competenceId: c(5), urgency: 'within6Months', women: w, men: m }],
    });
  }
  await submitMappingWithNeeds(db, {
    companyId: companyB,
    regionId,
    municipalityCode: '0780',
    needs: [{ competenceId: c(6), urgency: 'now', women: 1, men: 1 }],
  });

  const providerOrg = await makeProviderOrg(db, regionId, 'Utbildarna AB');
  const providerOrg2 = await makeProviderOrg(db, regionId, 'Kurshuset AB');
  provider = await makeUser(db, [{ role: 'provider', org: providerOrg }]);
  provider2 = await makeUser(db, [{ role: 'provider', org: providerOrg2 }]);
  const mk = async (key: string, competenceIds: string[], municipalityCode: string, days: number[]) => {
    course[key] = (
      await makeCourse(db, {
        regionId,
        providerOrgId: providerOrg,
        title: key,
        competenceIds,
        municipalityCode,
        occasionsInDays: days,
      })
    ).id;
  };
  await mk('Overlap two', [c(0), c(1)], '0781', [60]);
  await mk('Overlap one', [c(0)], '0781', [60]);
  await mk('Place Ljungby', [c(2)], '0781', [60]);
  await mk('Place Stockholm', [c(2)], '0180', [60]);
  await mk('Urgent soon', [c(3)], '0781', [10]);
  await mk('Urgent late', [c(3)], '0781', [200]);
  await mk('Only past occasion', [c(4)], '0781', [-30]);
  await mk('Upcoming elsewhere', [c(4)], '0180', [90]);
  // Not candidates for c5: a draft course; c6: an approved course without any occasion.
  await makeCourse(db, {
    regionId,
    providerOrgId: providerOrg,
    title: 'Draft course',
    competenceIds: [c(5)],
    status: 'draft',
    occasionsInDays: [20],
  });
  await makeCourse(db, { regionId, providerOrgId: providerOrg, title: 'No occasion', competenceIds: [c(6)] });
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

const order = (m: MatchesJson, a: string, b: string) => {
  const ia = m.matches.findIndex((x) => x.title === a);
  const ib = m.matches.findIndex((x) => x.title === b);
  expect(ia).toBeGreaterThanOrEqual(0);
  expect(ib).toBeGreaterThanOrEqual(0);
  return ia < ib;
};

describe('suggested courses', () => {
  let json: MatchesJson;
  beforeAll(async () => {
    const res = await api(contact, 'GET', `/api/v1/training/matches?company=${companyA}`);
    expect(res.statusCode).toBe(200);
    json = res.json() as MatchesJson;
  });

  it('ranks more overlap above less, same municipality above another county, a sooner occasion for an urgent need', () => {
    expect(json.needs).toHaveLength(6);
    expect(order(json, 'Overlap two', 'Overlap one')).toBe(true);
    expect(order(json, 'Place Ljungby', 'Place Stockholm')).toBe(true);
    expect(order(json, 'Urgent soon', 'Urgent late')).toBe(true);
    expect(json.matches.map((m) => m.title)).not.toContain('Draft course');
    // A course without an upcoming occasion is still suggested, last among equals.
    const past = json.matches.find((m) => m.title === 'Only past occasion');
    expect(past?.reasons).toContain('Inget kommande tillfälle med öppen anmälan');
  });

  it('explains the reason in words (Swedish and English)', async () => {
    const two = json.matches.find((m) => m.title === 'Overlap two');
    expect(two?.matchedCount).toBe(2);
    expect(two?.reasons[0]).toBe('Lär ut 2 av era 6 efterfrågade kompetenser');
    expect(two?.reasons).toContain('I Ljungby');
    expect(two?.reasons.some((r) => /^Startar \d{4}-\d{2}-\d{2}$/.test(r))).toBe(true);
    expect(two?.reasons).toContain('Passar er önskade form');
    const stockholm = json.matches.find((m) => m.title === 'Place Stockholm');
    expect(stockholm?.place).toBe('elsewhere');
    const en = (
      await api(contact, 'GET', `/api/v1/training/matches?company=${companyA}`, { cookie: 'kn_lang=en' })
    ).json() as MatchesJson;
    const twoEn = en.matches.find((m) => m.title === 'Overlap two');
    expect(twoEn?.reasons[0]).toBe('Teaches 2 of your 6 needed competences');
    expect(twoEn?.reasons).toContain('In Ljungby');
  });

  it('shows the page with links to the course and to enrolment on its next occasion', async () => {
    const res = await (await Client.as(app, db, contact)).get(`/training/matches?company=${companyA}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Lär ut 2 av era 6 efterfrågade kompetenser');
    expect(res.body).toContain(`href="/kurser/${course['Overlap two']}"`);
    expect(res.body).toMatch(/href="\/training\/occasions\/[0-9a-f-]{36}\/enrol"/);
    const staff = await (await Client.as(app, db, officer)).get(`/training/matches?company=${companyA}`);
    expect(staff.statusCode).toBe(200);
  });

  it("hides another company's suggestions from a contact (404)", async () => {
    expect((await api(otherContact, 'GET', `/api/v1/training/matches?company=${companyA}`)).statusCode).toBe(
      404,
    );
    const page = await (await Client.as(app, db, otherContact)).get(`/training/matches?company=${companyA}`);
    expect(page.statusCode).toBe(404);
  });

  it('redirects the plan link to the enrolment of the next open occasion', async () => {
    const res = await (await Client.as(app, db, contact)).get(
      `/training/courses/${course['Urgent soon']}/enrol-next`,
    );
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toMatch(/^\/training\/occasions\/[0-9a-f-]{36}\/enrol$/);
    const none = await (await Client.as(app, db, contact)).get(
      `/training/courses/${course['Only past occasion']}/enrol-next`,
    );
    expect(none.headers.location).toBe(`/kurser/${course['Only past occasion']}`);
  });

  it('the pure ranking: neutral format without preferences, digital counts as near', () => {
    const base = {
      title: 'x',
      providerName: 'p',
      courseCompetences: 1,
      matched: ['a'],
      occasionId: null,
      startsOn: null,
      municipalityName: null,
    };
    const ranked = rankCourses({
      candidates: [
        { ...base, courseId: 'far', format: 'classroom', municipalityCode: '0180', countyCode: '01' },
        { ...base, courseId: 'online', format: 'digital', municipalityCode: null, countyCode: null },
      ],
      needs: new Map([['a', 'now']]),
      places: [{ municipalityCode: '0781', countyCode: '07' }],
      formats: [],
      today: '2026-01-01',
    });
    expect(ranked.map((r) => r.courseId)).toEqual(['online', 'far']);
    expect(ranked[0]?.place).toBe('digital');
    expect(ranked[0]?.parts.format).toBe(0.5);
  });
});

describe('unmet demand', () => {
  const c = (i: number) => (comps[i] as { id: string }).id;

  it('aggregates uncovered needs by competence × municipality with disclosure control', async () => {
    const res = await api(admin, 'GET', '/api/v1/training/unmet');
    expect(res.statusCode).toBe(200);
    const body = res.json() as { audience: string; cells: Cell[] };
    expect(body.audience).toBe('admin');
    const ids = new Set(body.cells.map((x) => x.competenceId));
    // Covered competences (approved course with an upcoming occasion) are not unmet.
    for (const i of [0, 1, 2, 3, 4]) expect(ids.has(c(i))).toBe(false);
    // c5: only a draft course; c6: an approved course without any occasion.
    for (const i of [5, 6]) expect(ids.has(c(i))).toBe(true);
    const c5 = body.cells.find((x) => x.competenceId === c(5) && x.municipalityCode === '0781');
    expect(c5).toMatchObject({ flag: 'shown', companies: 4, people: 9, women: 4, men: 5 });
    // One company in Växjö needs c6: the admin sees the number, flagged as protected.
    const c6 = body.cells.find((x) => x.competenceId === c(6) && x.municipalityCode === '0780');
    expect(c6).toMatchObject({ flag: 'wouldSuppress', people: 2, companies: 1 });
    // No shown cell breaks the rules (at least 3 companies and 3 people).
    for (const cell of body.cells.filter((x) => x.flag === 'shown')) {
      expect(cell.companies).toBeGreaterThanOrEqual(3);
      expect(cell.people).toBeGreaterThanOrEqual(3);
    }
  });

  it('officers see their municipality only, with suppressed cells withheld', async () => {
    const body = (await api(officer, 'GET', '/api/v1/training/unmet')).json() as { cells: Cell[] };
    expect(body.cells.every((x) => x.municipalityCode === null || x.municipalityCode === '0781')).toBe(true);
    expect(body.cells.some((x) => x.competenceId === c(6))).toBe(false);
    for (const cell of body.cells.filter((x) => x.flag !== 'shown')) {
      expect(cell.flag).toBe('suppressed');
      expect(cell.people).toBeNull();
    }
    const page = await (await Client.as(app, db, officer)).get('/training/unmet');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('data-testid="unmet"');
    expect(page.body).not.toContain('action="/training/unmet/publish"');
    expect((await api(contact, 'GET', '/api/v1/training/unmet')).statusCode).toBe(403);
    expect((await api(provider, 'GET', '/api/v1/training/unmet')).statusCode).toBe(403);
  });

  it('exports CSV and XLSX', async () => {
    const client = await Client.as(app, db, admin);
    const csv = await client.get('/training/unmet.csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\r\n')[0]).toBe(
      '\ufeffcompetence_id;competence;municipality_code;municipality;status;companies;people;women;men;urgent_people;most_urgent',
    );
    expect(csv.body).toContain(c(5));
    const xlsx = await client.get('/training/unmet.xlsx');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const audits = await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'training.unmet.exported'",
    );
    expect(audits[0]?.n).toBe(2);
  });

  it('providers see nothing before publishing, then all see the same snapshot, never unpublished figures', async () => {
    expect((await api(provider, 'GET', '/api/v1/training/unmet/published')).statusCode).toBe(404);
    const before = await (await Client.as(app, db, provider)).get('/training/unmet/published');
    expect(before.statusCode).toBe(200);
    expect(before.body).toContain('data-testid="published-none"');
    // Providers may not publish; a region admin does, on the page (no JavaScript).
    expect((await api(provider, 'POST', '/api/v1/training/unmet/publish')).statusCode).toBe(403);
    const admins = await Client.as(app, db, admin);
    const posted = await admins.post('/training/unmet/publish', {});
    expect(posted.statusCode).toBe(303);
    const one = (await api(provider, 'GET', '/api/v1/training/unmet/published')).json() as {
      id: string;
      cells: Cell[];
    };
    const two = (await api(provider2, 'GET', '/api/v1/training/unmet/published')).json() as { id: string };
    expect(two.id).toBe(one.id);
    const c6 = one.cells.find((x) => x.competenceId === c(6) && x.municipalityCode === '0780');
    expect(c6).toMatchObject({ flag: 'suppressed', people: null, companies: null });
    const c5 = one.cells.find((x) => x.competenceId === c(5) && x.municipalityCode === '0781');
    expect(c5?.people).toBe(9);
    // New figures are not seen until the next publication.
    const regionId = await regionIdOf(db);
    const late = await makeCompany(db, admin, { name: 'Sen Ljungby AB' });
    await submitMappingWithNeeds(db, {
      companyId: late,
      regionId,
      municipalityCode: '0781',
      needs: [{ competenceId: c(5), urgency: 'now', women: 5, men: 5 }],
    });
    const still = (await api(provider, 'GET', '/api/v1/training/unmet/published')).json() as {
      cells: Cell[];
    };
    expect(still.cells.find((x) => x.competenceId === c(5) && x.municipalityCode === '0781')?.people).toBe(9);
    const page = await (await Client.as(app, db, provider)).get('/training/unmet/published');
    expect(page.body).toContain('data-testid="published"');
    const audits = await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'training.unmet.published'",
    );
    expect(audits[0]?.n).toBe(1);
  });
});
