import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_KEYRING } from '../../../test/app.ts';
import { testDb } from '../../../test/db.ts';
import type { Actor } from '../../platform/auth.ts';
import type { Db } from '../../platform/db.ts';
import { parseEnv } from '../../platform/env.ts';
import { openApiDocument } from '../../platform/http/openapi.ts';
import { buildServer } from '../../platform/http/server.ts';
import { createLogger } from '../../platform/logger.ts';
import { createMailer } from '../../platform/mail.ts';
import {
  competencesForSsyk,
  englishNamesForSsyk,
  findCounty,
  findMunicipality,
  findSni,
  findSsyk,
  listCounties,
  listMunicipalities,
  listSunLevels,
  municipalitiesOfCounty,
  referenceRoutes,
  searchCompetences,
  searchSni,
  searchSsyk,
  searchSunFields,
  sniExists,
} from './index.ts';
import {
  competenceSearchResponse,
  municipalitiesResponse,
  sniSearchResponse,
  ssykSearchResponse,
} from './schema.ts';
import {
  dottedSni,
  mergedJobtechGroup,
  normalizeSniCode,
  scbGroupsFor,
  sniDigits,
  textQuery,
} from './service/codes.ts';

let db: Db;

beforeAll(async () => {
  db = await testDb();
});

afterAll(async () => {
  await db?.close();
});

const codes = (items: { code: string }[]) => items.map((i) => i.code);

describe('codes and search text', () => {
  it('reads SNI codes as people type them', () => {
    expect(['25.620', '25620', '25 620', ' 25.620 '].map(sniDigits)).toEqual([
      '25620',
      '25620',
      '25620',
      '25620',
    ]);
    expect(['2562', '25.62', '25.', '25', '2'].map(sniDigits)).toEqual(['2562', '2562', '25', '25', '2']);
    expect(['plast', '2.5620', '256200', '25-620', ''].map(sniDigits)).toEqual([
      null,
      null,
      null,
      null,
      null,
    ]);
    expect(normalizeSniCode('c')).toBe('C');
    expect(normalizeSniCode('25.620')).toBe('25620');
    expect(['C', '25', '256', '2562', '25620'].map(dottedSni)).toEqual([
      'C',
      '25',
      '25.6',
      '25.62',
      '25.620',
    ]);
  });

  it('splits search text into words of letters and digits only', () => {
    expect(textQuery('  Trä,  PLAST%_\\ ')).toEqual({ phrase: 'trä plast', words: ['trä', 'plast'] });
    expect(textQuery("'; DROP TABLE x; --")).toEqual({
      phrase: 'drop table x',
      words: ['drop', 'table', 'x'],
    });
    expect(textQuery('-- %% __')).toBeNull();
  });

  it("maps SCB's SSYK groups to JobTech's merged ones and back", () => {
    expect(mergedJobtechGroup('1211')).toBe('1210');
    expect(mergedJobtechGroup('1792')).toBe('1790');
    expect(mergedJobtechGroup('5324')).toBe('5323');
    expect(mergedJobtechGroup('2512')).toBeNull();
    expect(scbGroupsFor('1210')).toEqual(['1210', '1211', '1212']);
    expect(scbGroupsFor('2512')).toEqual(['2512']);
  });
});

describe('SNI 2007', () => {
  it('finds a code at any level, with section and division as context', async () => {
    expect(await findSni(db, '25.620')).toEqual({
      code: '25620',
      codeDotted: '25.620',
      level: 5,
      name: 'Metallegoarbeten',
      parentCode: '2562',
      sectionCode: 'C',
      sectionName: 'Tillverkning',
      divisionCode: '25',
      divisionName: 'Tillv. av metallvaror utom maskiner o apparater',
    });
    expect(await findSni(db, '256')).toMatchObject({
      level: 3,
      name: null,
      parentCode: '25',
      codeDotted: '25.6',
    });
    expect(await findSni(db, 'c')).toMatchObject({
      code: 'C',
      level: 1,
      name: 'Tillverkning',
      divisionCode: null,
    });
    expect(await findSni(db, '99999')).toBeNull();
    expect(await findSni(db, 'nonsense')).toBeNull();
  });

  it('accepts only existing five-digit detail groups', async () => {
    expect(await sniExists(db, '25620')).toBe(true);
    expect(await sniExists(db, '25.620')).toBe(true);
    expect(await sniExists(db, '01110')).toBe(true);
    expect(await sniExists(db, '1110')).toBe(false);
    expect(await sniExists(db, '2562')).toBe(false);
    expect(await sniExists(db, '99999')).toBe(false);
    expect(await sniExists(db, 'C')).toBe(false);
  });

  it('searches by code prefix, with or without the dot', async () => {
    for (const q of ['25.620', '25620', '2562', '25.62'])
      expect(codes(await searchSni(db, q))).toEqual(['25620']);
    const division = await searchSni(db, '25', 50);
    expect(division.length).toBeGreaterThan(10);
    expect(division.every((h) => h.code.startsWith('25') && h.code.length === 5)).toBe(true);
    expect(codes(division)).toEqual([...codes(division)].sort());
    expect(codes(await searchSni(db, '0111'))).toEqual(['01110']);
  });

  it('searches words in the Swedish name: whole words first, then word starts, then anywhere', async () => {
    const plast = await searchSni(db, 'plast');
    expect(codes(plast).slice(0, 6)).toEqual(['28960', '22220', '22290', '22210', '20160', '22230']);
    expect(plast[1]).toMatchObject({
      name: 'Plastförpackningstillverkning',
      codeDotted: '22.220',
      sectionCode: 'C',
    });
    // After the names come detail groups whose division's name has the word.
    expect(plast.slice(6).every((h) => h.divisionCode === '22')).toBe(true);

    const tra = codes(await searchSni(db, 'trä', 20));
    expect(tra.slice(0, 5).sort()).toEqual(['02300', '16101', '16102', '16232', '16233']);
    expect(tra.indexOf('16103')).toBeLessThan(tra.indexOf('74201')); // Träimpregnering before Porträttfoto…
    expect(codes(await searchSni(db, 'TRÄ'))).toEqual(codes(await searchSni(db, 'trä')));
  });

  it('ranks the whole name first and needs every word', async () => {
    expect(codes(await searchSni(db, 'odling av ris'))[0]).toBe('01120');
    expect(codes(await searchSni(db, 'sågning trä'))).toEqual(['16101']);
  });

  it('falls back to similar names when no name has the words', async () => {
    expect(codes(await searchSni(db, 'plastforpackning'))).toEqual(['22220']);
  });

  it('answers nothing for empty or symbol-only text and honours the limit', async () => {
    expect(await searchSni(db, '')).toEqual([]);
    expect(await searchSni(db, "%'_\\")).toEqual([]);
    expect(await searchSni(db, 'tillverkning', 3)).toHaveLength(3);
  });
});

describe('counties and municipalities', () => {
  it('lists the 21 counties by code', async () => {
    const counties = await listCounties(db);
    expect(counties).toHaveLength(21);
    expect(counties[0]).toEqual({ code: '01', name: 'Stockholms län' });
    expect(await findCounty(db, '07')).toEqual({ code: '07', name: 'Kronobergs län' });
    expect(await findCounty(db, '99')).toBeNull();
  });

  it('lists the municipalities of a county in Swedish alphabetical order', async () => {
    const kronoberg = await municipalitiesOfCounty(db, '07');
    expect(kronoberg.map((m) => m.code).sort()).toEqual([
      '0760',
      '0761',
      '0763',
      '0764',
      '0765',
      '0767',
      '0780',
      '0781',
    ]);
    expect(kronoberg.map((m) => m.name)).toEqual([
      'Alvesta',
      'Lessebo',
      'Ljungby',
      'Markaryd',
      'Tingsryd',
      'Uppvidinge',
      'Växjö',
      'Älmhult',
    ]);
    expect(await municipalitiesOfCounty(db, '99')).toEqual([]);
    expect(await listMunicipalities(db)).toHaveLength(290);
  });

  it('finds a municipality with its county', async () => {
    expect(await findMunicipality(db, '0780')).toEqual({
      code: '0780',
      name: 'Växjö',
      countyCode: '07',
      countyName: 'Kronobergs län',
    });
    expect(await findMunicipality(db, '0114')).toMatchObject({ name: 'Upplands Väsby', countyCode: '01' });
    expect(await findMunicipality(db, '114')).toBeNull();
  });
});

describe('SSYK 2012, competences, SUN 2020', () => {
  it('finds SCB groups by code and by group, occupation and title names', async () => {
    expect(await findSsyk(db, '2512')).toEqual({
      code: '2512',
      level: 4,
      name: 'Mjukvaru- och systemutvecklare m.fl.',
      parentCode: '251',
    });
    expect(codes(await searchSsyk(db, '251'))).toEqual([
      '2511',
      '2512',
      '2513',
      '2514',
      '2515',
      '2516',
      '2519',
    ]);
    expect((await searchSsyk(db, 'svetsare'))[0]).toMatchObject({
      code: '7212',
      matchedName: 'Svetsare',
      matchedBy: 'occupation',
    });
    expect((await searchSsyk(db, 'snickare'))[0]).toMatchObject({ code: '7111', matchedBy: 'group' });
    // A JobTech name in a merged manager group answers both of SCB's groups.
    expect(codes(await searchSsyk(db, 'ekonomichef')).slice(0, 2)).toEqual(['1211', '1212']);
    const nurses = codes(await searchSsyk(db, 'undersköterska'));
    expect(nurses.slice(0, 4).sort()).toEqual(['5321', '5322', '5323', '5324']);
  });

  it('searches competences and lists those of a group', async () => {
    const welding = await searchCompetences(db, 'svetsning', 5);
    expect(welding).toHaveLength(5);
    expect(welding.every((c) => /svetsning/i.test(c.name))).toBe(true);
    const developers = await competencesForSsyk(db, '2512');
    expect(developers.length).toBeGreaterThan(10);
    expect(developers.map((c) => c.name)).toContain('Java, programmeringsspråk');
    expect(await competencesForSsyk(db, '1211')).toEqual(await competencesForSsyk(db, '1210'));
    expect((await competencesForSsyk(db, '1211')).length).toBeGreaterThan(0);
    expect(await competencesForSsyk(db, '4430')).toEqual([]);
  });

  it('gives English names through the ISCO-08 key', async () => {
    expect(await englishNamesForSsyk(db, '2512')).toContainEqual({
      iscoCode: '2512',
      name: 'Software developers',
    });
    expect(await englishNamesForSsyk(db, '1210')).toEqual([{ iscoCode: '1211', name: 'Finance managers' }]);
    expect(await englishNamesForSsyk(db, '9999')).toEqual([]);
  });

  it('lists SUN levels and searches fields by code or words', async () => {
    const levels = await listSunLevels(db);
    expect(levels).toHaveLength(71);
    expect(levels[0]).toMatchObject({ code: '0', level: 1, parentCode: null });
    expect(codes(await searchSunFields(db, '481'))).toEqual(['481', '481a', '481b', '481x']);
    expect(codes(await searchSunFields(db, '481A'))).toEqual(['481a']);
    expect(codes(await searchSunFields(db, 'datavetenskap'))).toContain('481b');
  });
});

// ---------------------------------------------------------------- HTTP

const actor: Actor = {
  userId: '00000000-0000-4000-8000-000000000001',
  name: 'Test <Person>',
  email: 'test@example.test',
  locale: 'sv',
  memberships: [],
  via: 'session',
};

describe('routes', () => {
  let app: FastifyInstance;
  let session: string;
  const bearer = { authorization: 'Bearer test-token' };

  beforeAll(async () => {
    const parsed = parseEnv({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
    if (!parsed.ok) throw new Error(parsed.problems.join('; '));
    app = await buildServer({
      deps: {
        db,
        env: parsed.env,
        mailer: createMailer({ from: 'test@example.test' }),
        logger: createLogger('silent'),
        baseUrl: 'http://localhost:3000',
        keyring: TEST_KEYRING,
      },
      routes: referenceRoutes,
      nav: [],
      cookieSecret: 'reference-test-secret-reference-test-secret',
      trustProxy: false,
      // Authentication is not this domain's concern: a fixed token and session stand for a signed-in user.
      auth: {
        fromApiToken: async (_deps, token) =>
          token === 'test-token' ? { ...actor, via: 'api_token' } : null,
        fromSession: async (_deps, token) => (token === 'test-session' ? actor : null),
        startPage: () => '/',
      },
    });
    await app.ready();
    session = `kn_session=${app.signCookie('test-session')}`;
  });

  afterAll(async () => {
    await app?.close();
  });

  const get = (url: string, headers: Record<string, string> = bearer) =>
    app.inject({ method: 'GET', url, headers });

  it('searches SNI codes over the API', async () => {
    const res = await get('/api/v1/reference/sni?q=25.620');
    expect(res.statusCode).toBe(200);
    const body = sniSearchResponse.parse(res.json());
    expect(codes(body.items)).toEqual(['25620']);
    expect((await get('/api/v1/reference/sni?q=plast&limit=3')).json().items).toHaveLength(3);
  });

  it('searches SSYK groups and competences over the API', async () => {
    const ssyk = ssykSearchResponse.parse((await get('/api/v1/reference/ssyk?q=svetsare')).json());
    expect(ssyk.items[0]?.code).toBe('7212');
    const competences = competenceSearchResponse.parse(
      (await get('/api/v1/reference/competences?q=svetsning')).json(),
    );
    expect(competences.items.length).toBeGreaterThan(0);
  });

  it('lists municipalities over the API, all or of one county', async () => {
    const kronoberg = municipalitiesResponse.parse(
      (await get('/api/v1/reference/municipalities?county=07')).json(),
    );
    expect(kronoberg.items.map((m) => m.code).sort()).toEqual([
      '0760',
      '0761',
      '0763',
      '0764',
      '0765',
      '0767',
      '0780',
      '0781',
    ]);
    expect((await get('/api/v1/reference/municipalities')).json().items).toHaveLength(290);
    expect((await get('/api/v1/reference/municipalities?county=7')).statusCode).toBe(422);
  });

  it('answers 401 without an API token and 422 for bad input', async () => {
    expect((await get('/api/v1/reference/sni?q=plast', {})).statusCode).toBe(401);
    expect((await get('/api/v1/reference/sni?q=plast', { cookie: session })).statusCode).toBe(401);
    expect((await get('/api/v1/reference/sni')).statusCode).toBe(422);
    expect((await get('/api/v1/reference/sni?q=plast&limit=500')).statusCode).toBe(422);
    expect((await get(`/api/v1/reference/ssyk?q=${'a'.repeat(101)}`)).statusCode).toBe(422);
  });

  it('describes every API route in the OpenAPI document', () => {
    const doc = openApiDocument(referenceRoutes, 'http://localhost:3000') as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/api/v1/reference/competences',
      '/api/v1/reference/municipalities',
      '/api/v1/reference/sni',
      '/api/v1/reference/ssyk',
    ]);
    for (const route of referenceRoutes.filter((r) => r.kind === 'api')) {
      expect(route).toMatchObject({ tag: 'reference', summary: expect.any(String) });
      expect(route.response).toBeDefined();
    }
  });

  it('shows the SNI search page without JavaScript: a form, then a table of results', async () => {
    const empty = await get('/reference/sni', { cookie: session });
    expect(empty.statusCode).toBe(200);
    expect(empty.body).toContain('<form method="get" action="/reference/sni"');
    expect(empty.body).not.toContain('<table');

    const res = await get('/reference/sni?q=plast', { cookie: session });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<caption>SNI-koder som matchar ”plast”</caption>');
    expect(res.body).toContain('<th scope="col">Kod</th>');
    expect(res.body).toContain('<code>22220</code>');
    expect(res.body).toContain('Plastförpackningstillverkning');
    expect(res.body).toContain('value="plast"');

    const en = await get('/reference/sni?q=25620', { cookie: `${session}; kn_lang=en` });
    expect(en.body).toContain('Find an SNI code');
    expect(en.body).toContain('Metallegoarbeten');
  });

  it('escapes the search text and says when nothing matches', async () => {
    const res = await get(`/reference/sni?q=${encodeURIComponent('"><script>alert(1)</script>')}`, {
      cookie: session,
    });
    expect(res.statusCode).toBe(200);
    // Inside a quoted attribute only the quote needs escaping; in text, the angle bracket.
    expect(res.body).toContain('value="&#34;><script>alert(1)</script>"');
    expect(res.body).toContain('Ingen SNI-kod matchar ”&#34;>&lt;script>alert(1)&lt;/script>”');
  });

  it('sends a visitor who is not signed in to the login page', async () => {
    const res = await get('/reference/sni?q=plast', {});
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe(`/login?next=${encodeURIComponent('/reference/sni?q=plast')}`);
  });
});
