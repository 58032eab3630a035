// Browser journey for a mapping's results: the page of a submitted follow-up mapping (matrix, gaps,
// charts, maturity, before/after), axe-scanned, in Swedish and English, and its printable view.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { actorForUser } from '../../src/domains/accounts/index.ts';
import { ensureCommonInstrument, mappings, sampleAnswers } from '../../src/domains/mapping/index.ts';
import { searchCompetences } from '../../src/domains/reference/index.ts';
import type { Actor } from '../../src/platform/auth.ts';
import { axeCheck, type E2e, login, newOrgNumber, shot, startE2e } from '../browser.ts';
import { makeCompany } from '../factories.ts';

const OFFICER = 'officer.vaxjo@example.org';

vi.setConfig({ testTimeout: 120_000 });

let e2e: E2e;
let followUpId: string;

async function actorByEmail(email: string): Promise<Actor> {
  const rows = await e2e.db.query<{ id: string }>('SELECT id FROM users WHERE email = $1', [email]);
  const a = rows[0] ? await actorForUser(e2e.db, rows[0].id, 'session') : null;
  if (!a) throw new Error(`no user ${email}`);
  return a;
}

/** A Växjö company with a submitted mapping in each of two new rounds. */
async function twoRounds(): Promise<string> {
  const db = e2e.db;
  await ensureCommonInstrument(db);
  const admin = await actorByEmail('region.admin@example.org');
  const officer = await actorByEmail(OFFICER);
  const round = (key: string, name: string) =>
    mappings.createRound(db, admin, { key, nameSv: name, nameEn: name, opensOn: null, closesOn: null });
  const start = await round('e2e-start', 'E2E start');
  const followUp = await round('e2e-followup', 'E2E uppföljning');
  const company = await makeCompany(
    db,
    { id: officer.userId, email: OFFICER },
    {
      orgNumber: newOrgNumber(),
      name: 'Resultatbolaget AB',
      workplaces: [{ name: 'Verkstan', city: 'Växjö', municipalityCode: '0780' }],
    },
  );
  const competenceIds = (await searchCompetences(db, 'svetsning', 4)).map((c) => c.conceptId);
  const roles = [
    { title: 'Svetsare', ssyk: '7212', women: 1, men: 4 },
    { title: 'Montör', ssyk: '8211', women: 2, men: 2 },
  ];
  let seed = 7;
  const random = () => {
    seed = (seed * 16_807) % 2_147_483_647;
    return seed / 2_147_483_647;
  };
  const ids: string[] = [];
  for (const [roundId, maturity] of [
    [start, [1, 2]],
    [followUp, [3, 4]],
  ] as const) {
    const { id } = await mappings.startMapping(db, officer, { companyId: company, roundId });
    await mappings.acceptNotice(db, officer, id, []);
    const view = await mappings.getMapping(db, officer, id);
    let revision = view.mapping.revision;
    const answers = sampleAnswers(view.definition, { roles, competenceIds, maturity: [...maturity], random });
    for (const [key, section] of Object.entries(answers)) {
      const r = await mappings.saveSection(db, officer, id, key, {
        baseRevision: revision,
        answers: section,
      });
      if (r.kind !== 'saved') throw new Error('conflict');
      revision = r.revision;
    }
    await mappings.submitMapping(db, officer, id);
    ids.push(id);
  }
  return ids[1] ?? '';
}

beforeAll(async () => {
  e2e = await startE2e();
  followUpId = await twoRounds();
}, 180_000);
afterAll(async () => {
  await e2e?.close();
});

const h1 = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();

describe('results of a mapping (officer, Växjö)', () => {
  test('the page: matrix, gaps, charts with text alternatives, maturity, before/after; axe-clean', async () => {
    const { page } = await e2e.newPage();
    await login(page, OFFICER);
    await page.goto(`/mappings/${followUpId}/results`);
    expect(await h1(page)).toBe('Resultat: Resultatbolaget AB');
    expect(await page.getByTestId('results-matrix').textContent()).toMatch(/\d+ av \d+ når krävd nivå/);
    const chart = page.getByRole('img', { name: /Poäng per påstående/ });
    expect(await chart.count()).toBe(1);
    expect(await page.getByTestId('maturity-score').textContent()).toBe('Mognadspoäng: 3,5 av 4');
    const compare = page.getByTestId('results-compare');
    expect(await compare.textContent()).toContain('E2E start → E2E uppföljning');
    expect(await page.getByTestId('compare-gaps').textContent()).toContain('Mognadspoäng (medel)');
    await shot(page, 'results-sv');
    await axeCheck(page, 'results (sv)');

    // The comparison's select works without JavaScript (a GET form).
    await Promise.all([
      page.waitForNavigation(),
      page.getByRole('button', { name: 'Visa jämförelse' }).click(),
    ]);
    expect(page.url()).toContain('compare=');
    expect(await page.getByTestId('compare-maturity').isVisible()).toBe(true);

    await Promise.all([page.waitForNavigation(), page.getByTestId('lang-switch').click()]);
    expect(await h1(page)).toBe('Results: Resultatbolaget AB');
    expect(await page.getByTestId('maturity-score').textContent()).toBe('Maturity score: 3,5 of 4');
    await axeCheck(page, 'results (en)');
    await shot(page, 'results-en');
  });

  test('the printable view: no navigation, the same content, print styles hide the rest', async () => {
    // The print view has no scripts at all (checked in results-http.test.ts); axe itself needs JavaScript.
    const { page } = await e2e.newPage();
    await login(page, OFFICER);
    await page.goto(`/mappings/${followUpId}/results`);
    await Promise.all([page.waitForNavigation(), page.getByTestId('results-print-link').click()]);
    expect(new URL(page.url()).searchParams.get('print')).toBe('1');
    expect(await page.locator('nav.kn-nav').count()).toBe(0);
    expect(await page.locator('header.kn-header').count()).toBe(0);
    expect(await page.getByTestId('results-gap-table').isVisible()).toBe(true);
    await axeCheck(page, 'results print view');
    await shot(page, 'results-print');
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('link', { name: 'Tillbaka till resultatet' }).isVisible()).toBe(false);
    const breaks = await page
      .locator('section.kn-results-section')
      .first()
      .evaluate((el) => getComputedStyle(el).breakBefore);
    expect(breaks).toBe('page');
    await shot(page, 'results-print-media');
  });
});
