// Browser journey for per-person ratings: the company contact adds and rates two people and fills the
// per-role totals; the employee signs in, reads their own ratings and comments on one.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { actorForUser } from '../../src/domains/accounts/index.ts';
import { mappings } from '../../src/domains/mapping/index.ts';
import type { Actor } from '../../src/platform/auth.ts';
import { axeCheck, type E2e, login, shot, startE2e } from '../browser.ts';

vi.setConfig({ testTimeout: 90_000 });

const CONTACT = 'company@example.org';
const EMPLOYEE = 'participant@example.org';
const COMMENT = 'Jag har gått en fördjupningskurs sedan bedömningen.';

let e2e: E2e;
let mappingId: string;

async function actorByEmail(email: string): Promise<Actor> {
  const rows = await e2e.db.query<{ id: string }>('SELECT id FROM users WHERE email = $1', [email]);
  const a = await actorForUser(e2e.db, rows[0]?.id as string, 'session');
  if (!a) throw new Error(`no actor ${email}`);
  return a;
}

const h1 = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();

async function submit(page: Page, button: string): Promise<void> {
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: button }).first().click()]);
}

beforeAll(async () => {
  e2e = await startE2e();
  // The demo's company 0 (the HR contact's, where the demo participant works) has a submitted start
  // mapping: a region admin reopens it and the company records MBL "negotiated" and per-person ratings.
  const admin = await actorByEmail('region.admin@example.org');
  const employee = await actorByEmail(EMPLOYEE);
  const companyId = employee.memberships.find((m) => m.role === 'participant')?.companyId as string;
  const list = await mappings.listMappings(e2e.db, admin, {
    companyId,
    status: 'submitted',
    page: 1,
    pageSize: 10,
  });
  mappingId = list.items[0]?.id as string;
  await mappings.reopenMapping(e2e.db, admin, mappingId, 'Bedömning per person ska läggas till');
  const view = await mappings.getMapping(e2e.db, admin, mappingId);
  const saved = await mappings.saveSection(e2e.db, admin, mappingId, 'individualAssessment', {
    baseRevision: view.mapping.revision,
    answers: { collectiveAgreement: 'yes', mblStatus: 'negotiated', perPersonRatings: 'perPerson' },
  });
  expect(saved.kind).toBe('saved');
});
afterAll(async () => {
  await e2e?.close();
});

describe('per-person ratings journey', () => {
  test('the contact rates two people; the employee reads and comments', async () => {
    const { page } = await e2e.newPage();
    await login(page, CONTACT);
    await page.goto(`/mappings/${mappingId}/people`);
    expect(await h1(page)).toBe('Bedömning per person');
    await axeCheck(page, 'people space, empty (sv)');

    // Add two people without JavaScript-dependent widgets: plain form posts.
    const role = await page.getByLabel('Roll', { exact: true }).locator('option').nth(1).textContent();
    await page.getByLabel('Namn', { exact: true }).fill('Pelle Deltagare');
    await page.getByLabel('E-post (valfritt)').fill(EMPLOYEE);
    await page.getByLabel('Roll', { exact: true }).selectOption({ index: 1 });
    await submit(page, 'Lägg till person');
    expect(await page.getByRole('status').first().textContent()).toContain('Personen är tillagd.');
    await page.getByLabel('Namn', { exact: true }).fill('Stina Svets');
    await page.getByLabel('Roll', { exact: true }).selectOption({ index: 1 });
    await submit(page, 'Lägg till person');
    expect(await page.getByText('kopplad till medarbetarens konto').count()).toBe(1);

    // Rate both in the role's grid (the selects are labelled per competence and person).
    const grid = page.locator('form[data-testid^="ratings-"]').first();
    expect(await grid.locator('caption').textContent()).toBe(`Bedömningar i rollen ${role}`);
    const pelle = grid.getByLabel(/för Pelle Deltagare$/);
    const stina = grid.getByLabel(/för Stina Svets$/);
    expect(await pelle.count()).toBeGreaterThan(0);
    await pelle.first().selectOption('4');
    await stina.first().selectOption('1');
    await Promise.all([
      page.waitForNavigation(),
      grid.getByRole('button', { name: /Spara bedömningar/ }).click(),
    ]);
    expect(await page.getByRole('status').first().textContent()).toContain('Bedömningarna är sparade.');
    expect(
      await page
        .locator('form[data-testid^="ratings-"]')
        .first()
        .getByLabel(/för Pelle Deltagare$/)
        .first()
        .inputValue(),
    ).toBe('4');
    await shot(page, 'people-space-sv');
    await axeCheck(page, 'people space with ratings (sv)');

    await submit(page, 'Fyll i antalen per roll från bedömningarna');
    expect(await page.getByRole('status').first().textContent()).toContain('Antalen per roll är ifyllda');
    const totals = await page.getByTestId('totals').textContent();
    expect(totals).toContain('av 2 bedömda');

    // The employee signs in and comments on their own rating.
    const employee = (await e2e.newPage()).page;
    await login(employee, EMPLOYEE);
    await employee.goto('/my/ratings');
    expect(await h1(employee)).toBe('Mina kompetensbedömningar');
    expect(await employee.locator('body').textContent()).not.toContain('Stina Svets');
    expect(await employee.locator('dd').filter({ hasText: '4 – Expert' }).count()).toBe(1);
    await axeCheck(employee, 'my ratings (sv)');
    // An empty comment is refused with a linked error summary.
    await Promise.all([
      employee.waitForNavigation(),
      employee
        .getByRole('button', { name: /Skicka kommentar/ })
        .first()
        .click(),
    ]);
    expect(await employee.locator('[data-error-summary]').isVisible()).toBe(true);
    await axeCheck(employee, 'my ratings with an error (sv)');
    await employee
      .getByLabel(/^Din kommentar om/)
      .first()
      .fill(COMMENT);
    await Promise.all([
      employee.waitForNavigation(),
      employee
        .getByRole('button', { name: /Skicka kommentar/ })
        .first()
        .click(),
    ]);
    expect(await employee.getByRole('status').first().textContent()).toContain('Din kommentar är sparad.');
    expect(await employee.locator('main').textContent()).toContain(COMMENT);
    await shot(employee, 'my-ratings-sv');

    // Levels cannot be changed by the employee, and the space stays closed to them.
    const refused = await employee.goto(`/mappings/${mappingId}/people`);
    expect(refused?.status()).toBe(403);

    // The contact reads the comment.
    await page.goto(`/mappings/${mappingId}/people`);
    expect(await page.getByTestId('comments').first().textContent()).toContain(COMMENT);

    // In English too.
    await page.goto(`/lang/en?back=${encodeURIComponent(`/mappings/${mappingId}/people`)}`);
    expect(await h1(page)).toBe('Assessment per person');
    await axeCheck(page, 'people space (en)');
  });

  test('a coach is refused the space but the mapping keeps only totals', async () => {
    const { page } = await e2e.newPage();
    await login(page, 'coach@example.org');
    const res = await page.goto(`/mappings/${mappingId}/people`);
    expect(res?.status()).toBe(403);
    expect(await page.locator('body').textContent()).not.toContain('Pelle Deltagare');
  });
});
