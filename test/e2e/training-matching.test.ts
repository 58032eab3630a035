// Needs-to-course matching in the browser: a company contact's suggested courses, the region admin's
// unmet demand (publishing it without JavaScript) and the provider's published view — each axe-scanned.
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { ensureCommonInstrument } from '../../src/domains/mapping/index.ts';
import {
  makeCourse,
  someCompetences,
  submitMappingWithNeeds,
} from '../../src/domains/training/matching-fixtures.ts';
import { axeCheck, type E2e, login, startE2e } from '../browser.ts';

vi.setConfig({ testTimeout: 90_000 });

let e2e: E2e;
let companyId: string;
beforeAll(async () => {
  e2e = await startE2e();
  const db = e2e.db;
  await ensureCommonInstrument(db);
  const [company] = await db.query<{ id: string; regionId: string }>(
    `SELECT c.id, c.region_id AS "regionId" FROM companies c
       JOIN memberships m ON m.company_id = c.id AND m.role = 'company_contact'
       JOIN users u ON u.id = m.user_id
      WHERE u.email = 'company@example.org' ORDER BY c.name LIMIT 1`,
  );
  const [provider] = await db.query<{ id: string }>(
    `SELECT m.organisation_id AS id FROM memberships m JOIN users u ON u.id = m.user_id
      WHERE u.email = 'provider@example.org' AND m.role = 'provider' LIMIT 1`,
  );
  if (!company || !provider) throw new Error('demo company contact or provider missing');
  companyId = company.id;
  const comps = await someCompetences(db, 3);
  const [a, b, c] = comps.map((x) => x.id) as [string, string, string];
  await submitMappingWithNeeds(db, {
    companyId,
    regionId: company.regionId,
    municipalityCode: '0781',
    formats: ['digital'],
    needs: [
      { competenceId: a, urgency: 'now', women: 2, men: 1 },
      { competenceId: b, urgency: 'within6Months', women: 0, men: 2 },
      { competenceId: c, urgency: 'within1To3Years', women: 1, men: 1 },
    ],
  });
  for (const [title, ids, muni, format] of [
    ['Matchning: två kompetenser', [a, b], '0781', 'classroom'],
    ['Matchning: digital kurs', [a], null, 'digital'],
  ] as const)
    await makeCourse(db, {
      regionId: company.regionId,
      providerOrgId: provider.id,
      title,
      competenceIds: [...ids],
      municipalityCode: muni,
      format,
      occasionsInDays: [14],
    });
});
afterAll(async () => {
  await e2e?.close();
});

describe('training matching pages', () => {
  test('suggested courses for a company contact', async () => {
    const { page } = await e2e.newPage();
    await login(page, 'company@example.org');
    await page.goto(`/training/matches?company=${companyId}`);
    const first = page.getByTestId('match').first();
    expect(await first.textContent()).toContain('Lär ut 2 av era');
    await axeCheck(page, 'matches');
  });

  test('unmet demand: region admin publishes, the provider sees the published table', async () => {
    const { page } = await e2e.newPage();
    await login(page, 'region.admin@example.org');
    await page.goto('/training/unmet');
    await axeCheck(page, 'unmet demand');
    await page.getByRole('button', { name: 'Publicera nu' }).click();
    await page.waitForLoadState('load');
    expect(await page.getByTestId('unmet-last-published').textContent()).toContain('Senast publicerad');
    await axeCheck(page, 'unmet demand after publishing');

    const provider = await e2e.newPage();
    await login(provider.page, 'provider@example.org');
    await provider.page.goto('/training/unmet/published');
    expect(await provider.page.getByTestId('published-at').count()).toBe(1);
    await axeCheck(provider.page, 'published unmet demand');
  });
});
