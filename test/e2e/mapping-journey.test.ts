// The browser journey of doing a mapping: an officer starts a mapping for a company, accepts the
// visibility notice, fills in sections with the pickers (combobox), closes the browser mid-way after an
// autosave, signs in again in a new browser context, finds every answer there, finishes and submits.
// Every page is axe-checked and photographed.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { axeCheck, type E2e, login, shot, startE2e } from '../browser.ts';

vi.setConfig({ testTimeout: 240_000 });

const OFFICER = 'officer.ljungby@example.org';

let e2e: E2e;
beforeAll(async () => {
  e2e = await startE2e();
});
afterAll(async () => {
  await e2e?.close();
});

async function check(page: Page, label: string): Promise<void> {
  await axeCheck(page, label);
  await shot(page, `mapping-journey-${label.replace(/[^a-z0-9]+/gi, '-')}`);
}

/** A Ljungby company without a mapping in the follow-up round (the demo maps only a few there). */
async function companyToMap(): Promise<{ id: string; name: string }> {
  const rows = await e2e.db.query<{ id: string; name: string }>(
    `SELECT c.id, c.name FROM companies c
      WHERE EXISTS (SELECT 1 FROM company_workplaces w WHERE w.company_id = c.id AND w.municipality_code = '0781')
        AND NOT EXISTS (SELECT 1 FROM mappings m JOIN mapping_rounds r ON r.id = m.round_id
                         WHERE m.company_id = c.id AND r.key = 'uppfoljning-2027')
      ORDER BY c.name LIMIT 1`,
  );
  const row = rows[0];
  if (!row) throw new Error('no company to map');
  return row;
}

async function storedSection(mappingId: string, key: string): Promise<Record<string, unknown> | null> {
  const rows = await e2e.db.query<{ answers: Record<string, unknown> }>(
    'SELECT answers FROM mapping_sections WHERE mapping_id = $1 AND section_key = $2',
    [mappingId, key],
  );
  return rows[0]?.answers ?? null;
}

/** Choose an option of a combobox by typing and clicking the suggestion. */
async function combo(page: Page, inputId: string, typed: string, option: RegExp): Promise<void> {
  const input = page.locator(`#${inputId}`);
  await expect.poll(() => input.getAttribute('role')).toBe('combobox');
  await input.fill('');
  await input.pressSequentially(typed, { delay: 30 });
  const listbox = page.locator(`#${inputId}-listbox`);
  await listbox.waitFor({ state: 'visible' });
  await listbox.getByRole('option', { name: option }).first().click();
}

async function next(page: Page, label: string): Promise<void> {
  await Promise.all([
    page.waitForURL((u) => !u.pathname.endsWith(label)),
    page.locator('button[name="go"][value="next"]').click(),
  ]);
}

/** Companies of Ljungby counted in the roll-up of the mapping's round (submitted mappings with needs). */
async function ljungbyCompaniesInRollUp(roundKey: string): Promise<number> {
  const rows = await e2e.db.query<{ n: number }>(
    `SELECT count(DISTINCT n.company_id)::int AS n FROM mapping_needs n JOIN mapping_rounds r ON r.id = n.round_id
      WHERE r.key = $1 AND n.municipality_code = '0781'`,
    [roundKey],
  );
  return rows[0]?.n ?? 0;
}

/**
 * The county roll-up shows the submitted mapping: the region admin (who sees unsuppressed numbers) finds
 * one more Ljungby company in the round than before the journey.
 */
async function countyRollUpStep(mapping: { id: string }, before: number): Promise<void> {
  const round = await e2e.db.query<{ id: string; key: string }>(
    'SELECT r.id, r.key FROM mappings m JOIN mapping_rounds r ON r.id = m.round_id WHERE m.id = $1',
    [mapping.id],
  );
  const { id: roundId, key } = round[0] as { id: string; key: string };
  expect(await ljungbyCompaniesInRollUp(key)).toBe(before + 1);
  const { page } = await e2e.newPage();
  await login(page, 'region.admin@example.org');
  await page.goto(`/insights/needs?rows=municipality&cols=all&measure=companies&round=${roundId}`);
  await check(page, 'county-roll-up');
  const row = page
    .getByTestId('rollup-table')
    .getByRole('row', { name: /Ljungby/ })
    .first();
  expect(await row.textContent()).toContain(String(before + 1));
}

describe('doing a mapping in the browser', () => {
  test('start, notice, pickers, close mid-way, resume, finish and submit', async () => {
    const company = await companyToMap();
    const rollUpBefore = await ljungbyCompaniesInRollUp('uppfoljning-2027');

    // ---------------------------------------------------------------- first sitting
    const first = await e2e.newPage();
    const page = first.page;
    await login(page, OFFICER);
    await page.goto('/mappings');
    await check(page, 'list');
    await page.getByRole('link', { name: 'Starta en kartläggning' }).click();
    await page.waitForURL('**/mappings/new');
    await check(page, 'find-company');
    await page.goto(`/mappings/new?company=${company.id}`);
    await check(page, 'start');
    await page.getByLabel('Omgång').selectOption({ label: 'Uppföljning 2027' });
    await page.getByLabel(/Intervju nu/).check();
    await Promise.all([page.waitForURL('**/notice'), page.getByRole('button', { name: 'Starta' }).click()]);
    const mappingId = new URL(page.url()).pathname.split('/')[2] as string;
    await check(page, 'notice');
    expect(await page.getByTestId('notice-who').textContent()).toContain('kommun');
    await page.locator('#sensitive-goals').check();
    await Promise.all([
      page.waitForURL('**/sections/companyFacts'),
      page.getByTestId('accept-notice').click(),
    ]);
    await check(page, 'section-companyFacts');
    expect(await page.locator('[name="q.companyName"]').inputValue()).toBe(company.name);
    await next(page, 'companyFacts');

    await check(page, 'section-ageAndRetirements');
    await page.locator('[name="q.ageUnder30"]').fill('2');
    await page.locator('[name="q.retirementsWithin1Year"]').fill('0');
    await page.locator('[name="q.retirementsWithin3Years"]').fill('1');
    await page.locator('[name="q.retirementsWithin5Years"]').fill('2');
    await next(page, 'ageAndRetirements');

    await check(page, 'section-strategy');
    await page.locator('[name="q.goals"]').fill('Vi vill automatisera svetsningen.');
    await page.locator('[name="q.drivers"][value="automation"]').check();
    await page.locator('[name="q.drivers"][value="digitalisation"]').check();
    await page.locator('[name="q.developmentAreas"][value="automationRobotics"]').check();
    await page.locator('[name="q.developmentAreas"][value="workSafety"]').check();
    await next(page, 'strategy');

    await check(page, 'section-roles');
    await page.locator('[name="q.roles.0.title"]').fill('Svetsare');
    await combo(page, 'f-q-roles-0-ssyk', 'svets', /Svetsare/);
    expect(await page.locator('input[type="hidden"][name="q.roles.0.ssyk"]').inputValue()).toBe('7212');
    await check(page, 'section-roles-chosen');
    await page.locator('[name="q.roles.0.women"]').fill('1');
    await page.locator('[name="q.roles.0.men"]').fill('3');
    await next(page, 'roles');

    // The last page of this sitting: filled in, saved only by the autosave, no button pressed.
    await check(page, 'section-requirements');
    await page.locator('[name="q.requirements.0.role"]').selectOption({ label: 'Svetsare' });
    await combo(page, 'f-q-requirements-0-competenceId', 'svets', /svets/i);
    const competenceId = await page
      .locator('input[type="hidden"][name="q.requirements.0.competenceId"]')
      .inputValue();
    expect(competenceId).not.toBe('');
    await page.locator('[name="q.requirements.0.levelNow"]').selectOption('1');
    await page.locator('[name="q.requirements.0.levelFuture"]').selectOption('3');
    await page.locator('[name="q.requirements.0.meetingNow"]').fill('2');
    await expect
      .poll(
        async () => {
          const rows = (await storedSection(mappingId, 'requirements'))?.requirements as
            | Record<string, string>[]
            | undefined;
          return rows?.[0] ? `${rows[0].competenceId}/${rows[0].levelFuture}/${rows[0].meetingNow}` : '';
        },
        { timeout: 15_000 },
      )
      .toBe(`${competenceId}/3/2`);
    await expect.poll(() => page.getByTestId('autosave-status').textContent()).toMatch(/Sparat \d\d:\d\d/);
    await check(page, 'section-requirements-autosaved');
    await first.context.close();

    // ---------------------------------------------------------------- second sitting
    const second = await e2e.newPage();
    const again = second.page;
    await login(again, OFFICER);
    await again.goto(`/mappings?q=${encodeURIComponent(company.name)}`);
    await again.getByRole('link', { name: company.name }).first().click();
    await again.waitForURL(`**/mappings/${mappingId}`);
    await check(again, 'overview-resumed');
    await again.getByRole('link', { name: 'Kompetenskrav och nuläge' }).click();
    await again.waitForURL('**/sections/requirements');
    expect(
      await again.locator('input[type="hidden"][name="q.requirements.0.competenceId"]').inputValue(),
    ).toBe(competenceId);
    expect(await again.locator('[name="q.requirements.0.meetingNow"]').inputValue()).toBe('2');
    expect(await again.locator('[name="q.requirements.0.levelFuture"]').inputValue()).toBe('3');
    await next(again, 'requirements');

    await check(again, 'section-individualAssessment');
    await again.locator('[name="q.collectiveAgreement"][value="yes"]').check();
    await again.locator('[name="q.mblStatus"][value="notNegotiated"]').check();
    await next(again, 'individualAssessment');

    await check(again, 'section-needs');
    await again.locator('[name="q.needs.0.role"]').selectOption({ label: 'Svetsare' });
    await combo(again, 'f-q-needs-0-competenceId', 'svets', /svets/i);
    await again.locator('[name="q.needs.0.gapSize"]').fill('2');
    await again.locator('[name="q.needs.0.women"]').fill('0');
    await again.locator('[name="q.needs.0.men"]').fill('2');
    await again.locator('[name="q.needs.0.urgency"]').selectOption('within6Months');
    await again.locator('[name="q.needs.0.strategy"]').selectOption('externalTraining');
    await again.locator('[name="q.needs.0.priority"]').selectOption('1');
    await next(again, 'needs');

    await check(again, 'section-recruitment');
    await next(again, 'recruitment');

    await check(again, 'section-trainingPreferences');
    await again.locator('[name="q.trainingFormat"][value="blended"]').check();
    await again.locator('[name="q.trainingTime"][value="daytime"]').check();
    await again.locator('[name="q.trainingLanguage"][value="swedish"]').check();
    await next(again, 'trainingPreferences');

    await check(again, 'section-maturity');
    const statements = await again
      .locator('input[type="radio"][name^="q.maturity."]')
      .evaluateAll((els) => [...new Set(els.map((el) => (el as HTMLInputElement).name))]);
    expect(statements.length).toBeGreaterThan(0);
    for (const name of statements) await again.locator(`[name="${name}"][value="3"]`).check();
    await Promise.all([
      again.waitForURL(`**/mappings/${mappingId}`),
      again.locator('button[name="go"][value="overview"]').click(),
    ]);

    await check(again, 'overview-complete');
    await Promise.all([again.waitForLoadState('load'), again.getByTestId('submit-mapping').click()]);
    const problems = await again
      .getByTestId('submit-problems')
      .textContent()
      .catch(() => null);
    expect(problems).toBeNull();
    await expect.poll(() => again.getByTestId('submitted-notice').isVisible()).toBe(true);
    expect(await again.getByTestId('mapping-status').textContent()).toBe('Inskickad');
    await check(again, 'overview-submitted');
    await countyRollUpStep({ id: mappingId }, rollUpBefore);
  });
});
