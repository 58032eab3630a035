// Browser journey for the mapping instrument: a region admin copies version 1, edits a label, publishes.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { axeCheck, type E2e, focused, login, shot, startE2e } from '../browser.ts';

const ADMIN = 'region.admin@example.org';
const OFFICER = 'officer.ljungby@example.org';

// A browser journey on 2 busy cores can take longer than the unit-test default.
vi.setConfig({ testTimeout: 120_000 });

let e2e: E2e;
beforeAll(async () => {
  e2e = await startE2e();
});
afterAll(async () => {
  await e2e?.close();
});

const h1 = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();

async function clickAndWait(page: Page, click: () => Promise<void>): Promise<void> {
  await Promise.all([page.waitForNavigation(), click()]);
}

describe('instrument versions (region admin)', () => {
  test('copy version 1, edit a Swedish label (with an error on the way), publish', async () => {
    const { page } = await e2e.newPage();
    await login(page, ADMIN);

    await clickAndWait(page, () =>
      page.getByRole('link', { name: 'Kartläggningsmetod', exact: true }).click(),
    );
    expect(new URL(page.url()).pathname).toBe('/mapping/instruments');
    expect(await h1(page)).toBe('Kartläggningsmetodens versioner');
    const list = page.getByTestId('instrument-list');
    expect(await list.textContent()).toContain('Gemensam kartläggningsmetod, version 1');
    await shot(page, 'instruments-list-sv');
    await axeCheck(page, 'instrument list (sv)');

    // The read-only instrument.
    await clickAndWait(page, () =>
      list.getByRole('link', { name: 'Gemensam kartläggningsmetod, version 1' }).click(),
    );
    expect(await h1(page)).toBe('Gemensam kartläggningsmetod, version 1');
    expect(await page.getByTestId('level-scale').textContent()).toContain('Med stöd');
    await shot(page, 'instrument-detail-sv');
    await axeCheck(page, 'instrument page (sv)');

    // Copy from the list, by keyboard.
    await page.goto('/mapping/instruments');
    const copy = page.getByRole('button', { name: /^Kopiera till ny version/ }).first();
    await copy.focus();
    await clickAndWait(page, () => page.keyboard.press('Enter'));
    expect(new URL(page.url()).pathname).toMatch(/^\/mapping\/instruments\/[0-9a-f-]{36}\/edit$/);
    const draftPath = new URL(page.url()).pathname.replace(/\/edit$/, '');
    expect(await h1(page)).toBe('Redigera texter: version 2');
    expect(await page.locator('[role="status"]').textContent()).toContain('Version 2 är skapad som utkast.');
    await shot(page, 'instrument-edit-sv');
    await axeCheck(page, 'instrument texts form (sv)');

    // An empty required text: summary, inline error, everything typed kept.
    await page.locator('#f-levelScale-0-label-sv').fill('Med handledning');
    await page.locator('#f-title-en').fill('');
    await clickAndWait(page, () => page.getByRole('button', { name: 'Spara utkastet' }).click());
    const summary = page.locator('[data-error-summary]');
    expect(await summary.isVisible()).toBe(true);
    await expect.poll(async () => (await focused(page)).className).toContain('ds-error-summary');
    expect(await summary.textContent()).toContain('Titel › Engelska: Fyll i fältet.');
    expect(await page.locator('#f-title-en').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#f-levelScale-0-label-sv').inputValue()).toBe('Med handledning');
    await shot(page, 'instrument-edit-errors-sv');
    await axeCheck(page, 'instrument texts form with errors (sv)');
    await summary.getByRole('link').first().click();
    await expect.poll(async () => (await focused(page)).id).toBe('f-title-en');
    await page.keyboard.type('Common mapping method, version 2');
    await clickAndWait(page, () => page.getByRole('button', { name: 'Spara utkastet' }).click());

    expect(new URL(page.url()).pathname).toBe(draftPath);
    expect(await page.locator('[role="status"]').textContent()).toContain('Utkastet är sparat.');
    expect(await page.getByTestId('level-scale').textContent()).toContain('Med handledning');
    expect(await page.getByTestId('instrument-status').textContent()).toContain('utkast');
    await axeCheck(page, 'draft instrument page (sv)');

    // The advanced editor is there too.
    await clickAndWait(page, () =>
      page.getByRole('link', { name: 'Avancerat: definitionen som JSON' }).first().click(),
    );
    expect(await h1(page)).toBe('Definitionen som JSON: version 2');
    expect(await page.getByLabel('Definitionen (JSON)').inputValue()).toContain('"Med handledning"');
    await axeCheck(page, 'instrument JSON editor (sv)');
    await page.goto(draftPath);

    // Publish, with a confirmation step.
    await clickAndWait(page, () => page.getByRole('link', { name: 'Publicera …' }).click());
    expect(await h1(page)).toBe('Publicera version 2?');
    expect(await page.getByTestId('core-comparison').textContent()).toContain('densamma');
    await shot(page, 'instrument-publish-sv');
    await axeCheck(page, 'publish confirmation (sv)');
    await clickAndWait(page, () => page.getByRole('button', { name: 'Ja, publicera version 2' }).click());
    expect(new URL(page.url()).pathname).toBe(draftPath);
    expect(await page.locator('[role="status"]').textContent()).toContain('Version 2 är publicerad.');
    expect(await page.getByTestId('instrument-status').textContent()).toContain(
      'En publicerad version kan inte ändras.',
    );
    await axeCheck(page, 'published instrument page (sv)');

    // A published version cannot be edited, and the page says why.
    const refused = await page.goto(`${draftPath}/edit`);
    expect(refused?.status()).toBe(409);
    expect(await h1(page)).toBe('Versionen kan inte ändras');
    await axeCheck(page, 'not editable (sv)');

    // In English.
    await page.goto(`/lang/en?back=${encodeURIComponent(draftPath)}`);
    expect(await page.getByTestId('level-scale').textContent()).toContain('With support');
    await shot(page, 'instrument-detail-en');
    await axeCheck(page, 'published instrument page (en)');
  });

  test('an officer reads the instrument but gets no actions', async () => {
    const { page } = await e2e.newPage();
    await login(page, OFFICER);
    await page.goto('/mapping/instruments');
    expect(await page.getByRole('button', { name: /Kopiera till ny version/ }).count()).toBe(0);
    await axeCheck(page, 'instrument list, officer (sv)');
  });
});
