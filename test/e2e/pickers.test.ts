// Browser journeys for the occupation and competence pickers: the combobox (public/combobox.js) with the
// keyboard, the same pages without JavaScript, each page axe-scanned.
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { axeCheck, type E2e, login, shot, startE2e } from '../browser.ts';

vi.setConfig({ testTimeout: 60_000 });

let e2e: E2e;
beforeAll(async () => {
  e2e = await startE2e();
});
afterAll(async () => {
  await e2e?.close();
});

describe('pickers', () => {
  test('the occupation combobox: type, arrow down, Enter fills the hidden SSYK code', async () => {
    const { page, dialogs } = await e2e.newPage();
    await login(page, 'officer.ljungby@example.org');
    await page.goto('/reference/occupations');
    const combobox = page.getByRole('combobox', { name: 'Yrke', exact: true });
    await expect.poll(() => combobox.isVisible()).toBe(true);
    expect(await combobox.getAttribute('aria-expanded')).toBe('false');
    expect(await combobox.getAttribute('aria-autocomplete')).toBe('list');
    await axeCheck(page, 'occupation picker');

    await combobox.pressSequentially('svets', { delay: 30 });
    const listbox = page.locator(`#${await combobox.getAttribute('aria-controls')}`);
    await listbox.waitFor({ state: 'visible' });
    expect(await combobox.getAttribute('aria-expanded')).toBe('true');
    expect(await listbox.getByRole('option').count()).toBeGreaterThan(0);
    await expect
      .poll(() => page.locator('[data-combobox-demo] [role="status"]').textContent())
      .toMatch(/förslag/);
    await axeCheck(page, 'occupation picker with suggestions');
    await shot(page, 'picker-occupations-open-sv');

    await combobox.press('ArrowDown');
    const activeId = await combobox.getAttribute('aria-activedescendant');
    expect(activeId).toBeTruthy();
    expect(await page.locator(`#${activeId}`).getAttribute('aria-selected')).toBe('true');
    await combobox.press('Enter');

    const hidden = page.locator('[data-combobox-demo] input[type="hidden"][name="ssyk"]');
    expect(await hidden.inputValue()).toMatch(/^\d{4}$/);
    expect(await combobox.getAttribute('aria-expanded')).toBe('false');
    expect(await listbox.isHidden()).toBe(true);
    expect(await combobox.inputValue()).toMatch(/^\d{4} /);
    // Enter chose an option; it did not submit the form.
    expect(new URL(page.url()).pathname).toBe('/reference/occupations');

    // Escape closes the list; a click on an option chooses it.
    await combobox.fill('');
    await combobox.pressSequentially('truckf', { delay: 30 });
    await listbox.waitFor({ state: 'visible' });
    await combobox.press('Escape');
    expect(await combobox.getAttribute('aria-expanded')).toBe('false');
    await combobox.press('ArrowDown');
    expect(await combobox.getAttribute('aria-expanded')).toBe('true');
    await listbox.getByRole('option').first().click();
    expect(await hidden.inputValue()).toBe('8344');

    // The demonstration form goes on to the occupation's competences.
    await Promise.all([
      page.waitForURL((url) => url.pathname === '/reference/competences'),
      page.getByRole('button', { name: 'Visa kompetenser för yrket' }).click(),
    ]);
    expect(new URL(page.url()).searchParams.get('ssyk')).toBe('8344');
    await page.getByTestId('competence-results').waitFor();
    expect(dialogs).toEqual([]);
  });

  test('without JavaScript the search form still works and the combobox stays hidden', async () => {
    const { page } = await e2e.newPage({ javaScriptEnabled: false });
    await login(page, 'officer.ljungby@example.org');
    await page.goto('/reference/occupations');
    expect(await page.locator('[data-combobox-demo]').isHidden()).toBe(true);
    await page.locator('#f-q').fill('svets');
    await Promise.all([
      page.waitForURL((url) => url.searchParams.get('q') === 'svets'),
      page.locator('[data-testid="picker-search"] button[type="submit"]').click(),
    ]);
    const table = page.getByTestId('occupation-results');
    await table.waitFor();
    expect(await table.textContent()).toContain('7212');
    // No axe here: it needs scripts in the page. The same results are scanned with scripts on below.
    await shot(page, 'picker-occupations-nojs-sv');
  });

  test('the occupation results table is accessible', async () => {
    const { page } = await e2e.newPage();
    await login(page, 'officer.ljungby@example.org');
    await page.goto(`/reference/occupations?q=svets&return=${encodeURIComponent('/reference/sni')}`);
    await page.getByTestId('occupation-results').waitFor();
    await axeCheck(page, 'occupation picker results with choose links');
    const choose = page.getByRole('link', { name: /^Välj 7212 / });
    expect(await choose.getAttribute('href')).toBe('/reference/sni?pick=7212');
  });

  test('the competence picker lists the competences of an occupation and is accessible', async () => {
    const { page } = await e2e.newPage();
    await login(page, 'officer.ljungby@example.org');
    await page.goto('/reference/competences?ssyk=7212');
    await page.getByTestId('competence-results').waitFor();
    expect(await page.content()).toContain('JobTech kopplar de här kompetenserna till yrket 7212');
    await axeCheck(page, 'competence picker for 7212');
    await shot(page, 'picker-competences-7212-sv');

    const combobox = page.getByRole('combobox', { name: 'Kompetens', exact: true });
    await combobox.pressSequentially('svetsning', { delay: 30 });
    await page.getByRole('listbox').waitFor({ state: 'visible' });
    await combobox.press('ArrowDown');
    await combobox.press('Enter');
    expect(await page.locator('[data-combobox-demo] input[name="pick"]').inputValue()).not.toBe('');
    await axeCheck(page, 'competence picker after a choice');
  });
});
