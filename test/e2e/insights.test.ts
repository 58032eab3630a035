// Browser journeys for the county roll-up: region admin and an officer open the roll-up, drill down,
// coverage, and the public statistics page; axe on each page type.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { seedRollupData } from '../../src/domains/insights/test-support.ts';
import { ensureCommonInstrument } from '../../src/domains/mapping/index.ts';
import { axeCheck, type E2e, login, shot, startE2e } from '../browser.ts';

vi.setConfig({ testTimeout: 90_000 });

let e2e: E2e;
beforeAll(async () => {
  e2e = await startE2e();
  const { db } = e2e;
  const [region] = await db.query<{ id: string }>(
    `SELECT id FROM organisations WHERE kind = 'region' ORDER BY created_at, id LIMIT 1`,
  );
  if (!region) throw new Error('no demo region');
  let [round] = await db.query<{ id: string }>(
    `SELECT id FROM mapping_rounds WHERE region_id = $1 ORDER BY position DESC, created_at DESC, key LIMIT 1`,
    [region.id],
  );
  if (!round) {
    [round] = await db.query<{ id: string }>(
      `INSERT INTO mapping_rounds (id, region_id, key, name_sv, name_en) VALUES (gen_random_uuid(), $1, 'e2e', 'Start', 'Start')
       RETURNING id`,
      [region.id],
    );
  }
  if (!round) throw new Error('no round');
  const instrumentId = await ensureCommonInstrument(db);
  await seedRollupData(db, { regionId: region.id, roundId: round.id, instrumentId, count: 90, seed: 31 });
}, 180_000);
afterAll(async () => {
  await e2e?.close();
});

const h1 = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();

describe('roll-up (region admin)', () => {
  test('overview, needs table with flags, drill-down, coverage with a target', async () => {
    const { page } = await e2e.newPage();
    await login(page, 'region.admin@example.org');
    await page.goto('/insights');
    expect(await h1(page)).toBe('Resultat');
    await shot(page, 'insights-overview-admin');
    await axeCheck(page, 'insights overview (admin)');

    await page.getByRole('link', { name: 'Kompetensbehov', exact: true }).click();
    await page.waitForURL('**/insights/needs');
    expect(await h1(page)).toBe('Kompetensbehov');
    expect(await page.locator('[data-cell="would-suppress"]').count()).toBeGreaterThan(0);
    await shot(page, 'insights-needs-admin');
    await axeCheck(page, 'insights needs (admin)');

    // Drill down: a municipality row shows that municipality by SNI section.
    const row = page.locator('[data-testid="rollup-table"] tbody tr[data-level="leaf"] th a').first();
    const label = (await row.textContent()) ?? '';
    await Promise.all([page.waitForNavigation(), row.click()]);
    expect(page.url()).toContain('rows=sniSection');
    expect(await page.locator('body').textContent()).toContain(`Kommun: ${label}`);
    await shot(page, 'insights-needs-drilled-admin');
    await axeCheck(page, 'insights needs drilled (admin)');

    // The selection form works without JavaScript semantics: a plain GET form.
    await page.getByLabel('Rader').selectOption('urgency');
    await page.getByLabel('Kolumner').selectOption('strategy');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Visa' }).click()]);
    expect(page.url()).toContain('rows=urgency');

    await page.goto('/insights/coverage');
    expect(await h1(page)).toBe('Täckning');
    await page.getByLabel('Kommun', { exact: true }).selectOption({ label: 'Ljungby' });
    await page.getByLabel('Bransch (SNI-avdelning)').selectOption('C');
    await page.getByLabel('Mål', { exact: true }).fill('12');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Spara mål' }).click()]);
    expect(await page.getByRole('status').textContent()).toContain('Målet är sparat.');
    await shot(page, 'insights-coverage-admin');
    await axeCheck(page, 'insights coverage (admin)');
    await page.locator('[data-testid="coverage-table"] a').first().click();
    await page.waitForURL('**/insights/coverage/missing**');
    await axeCheck(page, 'insights missing companies (admin)');
  });
});

describe('roll-up (officer, Ljungby)', () => {
  test('sees Ljungby against the county, suppressed, and only Ljungby in coverage', async () => {
    const { page } = await e2e.newPage();
    await login(page, 'officer.ljungby@example.org');
    await page.goto('/insights/needs?rows=sniSection&cols=urgency');
    const rows = await page.locator('[data-testid="rollup-table"] tbody th').allTextContents();
    expect(rows.at(-1)).toBe('Länet');
    expect(rows).toContain('Ljungby');
    expect(await page.locator('[data-cell="would-suppress"]').count()).toBe(0);
    await shot(page, 'insights-needs-officer');
    await axeCheck(page, 'insights needs (officer)');
    await page.goto('/insights/coverage');
    const municipalities = await page.locator('[data-testid="coverage-table"] tbody th').allTextContents();
    expect(new Set(municipalities)).toEqual(new Set(['Ljungby']));
    await axeCheck(page, 'insights coverage (officer)');
  });
});

describe('public statistics', () => {
  test('open without signing in, suppressed, linked from the accessibility page', async () => {
    const { page } = await e2e.newPage();
    await page.goto('/accessibility');
    await page.getByRole('link', { name: 'Öppen statistik om kompetensbehoven i länet' }).click();
    await page.waitForURL('**/statistik');
    expect(await h1(page)).toBe('Kompetensbehov i länet');
    expect(await page.locator('[data-cell="would-suppress"]').count()).toBe(0);
    await shot(page, 'statistik-public');
    await axeCheck(page, 'public statistics');
  });
});
