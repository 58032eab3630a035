import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_KEYRING } from '../../../test/app.ts';
import { testDb } from '../../../test/db.ts';
import type { Actor } from '../../platform/auth.ts';
import type { Db } from '../../platform/db.ts';
import { parseEnv } from '../../platform/env.ts';
import { buildServer } from '../../platform/http/server.ts';
import { createLogger } from '../../platform/logger.ts';
import { createMailer } from '../../platform/mail.ts';
import { referenceRoutes } from './index.ts';
import { safeReturnPath, suggestion, withPick } from './schema.ts';

const actor: Actor = {
  userId: '00000000-0000-4000-8000-000000000001',
  name: 'Test Person',
  email: 'test@example.test',
  locale: 'sv',
  memberships: [],
  via: 'session',
};

let db: Db;
let app: FastifyInstance;
let session: string;

beforeAll(async () => {
  db = await testDb();
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
    cookieSecret: 'pickers-test-secret-pickers-test-secret',
    trustProxy: false,
    auth: {
      fromApiToken: async () => null,
      fromSession: async (_deps, token) => (token === 'test-session' ? actor : null),
      startPage: () => '/',
    },
  });
  await app.ready();
  session = `kn_session=${app.signCookie('test-session')}`;
});

afterAll(async () => {
  await app?.close();
  await db?.close();
});

const get = (url: string, cookie: string | null = session) =>
  app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });

/** The markup with every quoted attribute value dropped: what is left is tags and text. */
const withoutAttributes = (html: string) => html.replace(/="[^"]*"/g, '=""');

describe('return paths', () => {
  it('accepts relative paths only', () => {
    expect(safeReturnPath('/mappings/new')).toBe('/mappings/new');
    expect(safeReturnPath('/mappings/new?step=2')).toBe('/mappings/new?step=2');
    for (const bad of [
      'https://evil.example/',
      '//evil.example/x',
      '/\\evil.example',
      'mappings/new',
      'javascript:alert(1)',
      '/x#frag',
      '/x\ny',
      '',
      `/${'a'.repeat(600)}`,
      undefined,
      ['/a', '/b'],
    ]) {
      expect(safeReturnPath(bad), String(bad)).toBeUndefined();
    }
    expect(withPick('/m/new', '7212')).toBe('/m/new?pick=7212');
    expect(withPick('/m/new?step=2', 'a b')).toBe('/m/new?step=2&pick=a%20b');
  });
});

describe('occupation picker page', () => {
  it('sends a visitor who is not signed in to the login page', async () => {
    const res = await get('/reference/occupations?q=svets', null);
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe(`/login?next=${encodeURIComponent('/reference/occupations?q=svets')}`);
  });

  it('shows the form only, then a table of SSYK groups', async () => {
    const empty = await get('/reference/occupations');
    expect(empty.statusCode).toBe(200);
    expect(empty.body).toContain('<form method="get" action="/reference/occupations"');
    expect(empty.body).not.toContain('<table');
    expect(empty.body).toContain('data-combobox="occupations"');

    const res = await get('/reference/occupations?q=svets');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<caption>Yrkesgrupper som matchar ”svets”</caption>');
    expect(res.body).toContain('<th scope="col">SSYK-kod</th>');
    expect(res.body).toContain('<code>7212</code>');
    expect(res.body).toContain('value="svets"');
    // No return path: no "Choose" column.
    expect(res.body).not.toContain('?pick=');

    const truck = await get('/reference/occupations?q=truckforare');
    expect(truck.body).toContain('<code>8344</code>');
    expect(truck.body).toContain('Truckförare');

    const en = await get('/reference/occupations?q=svets', `${session}; kn_lang=en`);
    expect(en.body).toContain('Find an occupation (SSYK)');
    expect(en.body).toContain('<th scope="col">SSYK code</th>');
  });

  it('links each result back to a relative return path with ?pick=', async () => {
    const res = await get(
      `/reference/occupations?q=svets&return=${encodeURIComponent('/mappings/new?step=2')}`,
    );
    expect(res.body).toContain('href="/mappings/new?step=2&pick=7212"');
    expect(res.body).toContain('<input type="hidden" name="return" value="/mappings/new?step=2"/>');
    // The combobox form goes to the same place, keeping the query parameters.
    expect(res.body).toContain('action="/mappings/new"');
    expect(res.body).toContain('<input type="hidden" name="step" value="2"/>');
  });

  it('ignores a return parameter that is not a relative path', async () => {
    for (const bad of [
      'https://evil.example/',
      '//evil.example/',
      '/\\evil.example',
      'javascript:alert(1)',
    ]) {
      const res = await get(`/reference/occupations?q=svets&return=${encodeURIComponent(bad)}`);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('<code>7212</code>');
      // The language switch in the header carries the whole URL; the page content must not.
      const main = res.body.slice(res.body.indexOf('<main'), res.body.indexOf('</main>'));
      expect(main).not.toContain('pick=');
      expect(main).not.toContain('evil.example');
      expect(main).not.toContain('javascript:');
      expect(main).not.toContain('name="return"');
    }
  });

  it('renders HTML in q inert and says when nothing matches', async () => {
    const res = await get(`/reference/occupations?q=${encodeURIComponent('"><script>alert(1)</script>')}`);
    expect(res.statusCode).toBe(200);
    // Inside a quoted attribute only the quote needs escaping; in text, the angle bracket.
    expect(res.body).toContain('value="&#34;><script>alert(1)</script>"');
    expect(withoutAttributes(res.body)).not.toContain('<script>alert(1)');
    const none = await get(`/reference/occupations?q=${encodeURIComponent('<b>qqxyzzy</b>')}`);
    expect(none.body).toContain('Inget yrke matchar ”&lt;b>qqxyzzy&lt;/b>”');
  });
});

describe('competence picker page', () => {
  it('sends a visitor who is not signed in to the login page', async () => {
    const res = await get('/reference/competences?ssyk=7212', null);
    expect(res.statusCode).toBe(302);
  });

  it('searches competences by words', async () => {
    const res = await get('/reference/competences?q=svetsning');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<caption>Kompetenser som matchar ”svetsning”</caption>');
    expect(res.body).toContain('<th scope="col">Kompetens</th>');
    expect(res.body).toMatch(/<td>Svetsning[^<]*<\/td>/);
  });

  it('lists the competences JobTech relates to an occupation when only ssyk is given', async () => {
    const res = await get('/reference/competences?ssyk=7212');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('JobTech kopplar de här kompetenserna till yrket 7212');
    expect(res.body).toContain('<table');
    expect(res.body).toContain('<input type="hidden" name="ssyk" value="7212"/>');

    const en = await get('/reference/competences?ssyk=7212', `${session}; kn_lang=en`);
    expect(en.body).toContain('JobTech relates these competences to the occupation 7212');

    const unknown = await get('/reference/competences?ssyk=0000');
    expect(unknown.body).toContain('Yrkesgruppen 0000 finns inte i SSYK 2012.');
    const bad = await get(`/reference/competences?ssyk=${encodeURIComponent('<b>')}`);
    expect(bad.statusCode).toBe(200);
    expect(bad.body).not.toContain('<table');
  });

  it('links results back with the concept id and ignores a foreign return path', async () => {
    const res = await get('/reference/competences?q=svetsning&return=/mappings/new');
    expect(res.body).toMatch(/href="\/mappings\/new\?pick=[A-Za-z0-9_-]+"/);
    const bad = await get(
      `/reference/competences?q=svetsning&return=${encodeURIComponent('https://evil.example')}`,
    );
    expect(bad.body).not.toContain('pick=');
  });

  it('renders HTML in q inert', async () => {
    const res = await get(`/reference/competences?q=${encodeURIComponent('<img src=x onerror=alert(1)>')}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('value="<img src=x onerror=alert(1)>"');
    expect(withoutAttributes(res.body)).not.toContain('<img');
    expect(res.body).toContain('&lt;img src=x onerror=alert(1)>');
  });
});

describe('suggestion endpoints', () => {
  it('answer only a signed-in session', async () => {
    for (const url of ['/reference/suggest/occupations?q=svets', '/reference/suggest/competences?q=svets']) {
      const res = await get(url, null);
      expect(res.statusCode).toBe(302);
      expect(res.headers['content-type'] ?? '').not.toContain('json');
    }
  });

  it('suggest occupations as value, label and detail, at most ten', async () => {
    const res = await get('/reference/suggest/occupations?q=svets');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    const items = suggestion.array().parse(res.json());
    expect(items.length).toBeGreaterThan(0);
    expect(items.length).toBeLessThanOrEqual(10);
    expect(items.map((i) => i.value)).toContain('7212');
    for (const item of items) expect(item.value).toMatch(/^\d{4}$/);

    const truck = suggestion
      .array()
      .parse((await get('/reference/suggest/occupations?q=truckforare')).json());
    expect(truck[0]?.value).toBe('8344');
    expect(suggestion.array().parse((await get('/reference/suggest/occupations?q=')).json())).toEqual([]);
    expect((await get('/reference/suggest/occupations')).json()).toEqual([]);
  });

  it('suggest competences by concept id', async () => {
    const items = suggestion.array().parse((await get('/reference/suggest/competences?q=svetsning')).json());
    expect(items.length).toBeGreaterThan(0);
    expect(items.length).toBeLessThanOrEqual(10);
    expect(items[0]?.label.toLowerCase()).toContain('svets');
    const html = await get(`/reference/suggest/competences?q=${encodeURIComponent('<script>')}`);
    expect(html.statusCode).toBe(200);
    expect(Array.isArray(html.json())).toBe(true);
  });
});
