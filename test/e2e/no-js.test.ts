import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type E2e, newOrgNumber, shot, startE2e } from '../browser.ts';

let e2e: E2e;
beforeAll(async () => {
  e2e = await startE2e();
});
afterAll(async () => {
  await e2e?.close();
});

describe('core forms without JavaScript', () => {
  test('sign in, get errors back, register a company', async () => {
    const { page } = await e2e.newPage({ javaScriptEnabled: false });
    // Make sure scripts really are off: app.js would focus the error summary.
    await page.goto('/login');
    await page.getByLabel('E-postadress').fill('officer.ljungby@example.org');
    await page.getByLabel('Lösenord').fill('not-the-password');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Logga in' }).click()]);
    expect(await page.locator('[data-error-summary]').isVisible()).toBe(true);
    const active = await page.locator('[data-error-summary]').evaluate((el) => el === document.activeElement);
    expect(active, 'no script ran, so the summary is not focused').toBe(false);

    await page.getByLabel('Lösenord').fill('E2e-lösenord-2026!');
    await Promise.all([page.waitForURL('**/companies'), page.getByRole('button', { name: 'Logga in' }).click()]);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Företag');

    await page.getByRole('link', { name: 'Registrera företag' }).click();
    await page.waitForURL('**/companies/new');
    await page.getByLabel('Anställda kvinnor').fill('2');
    await page.getByLabel('Anställda män').fill('5');
    await page.getByLabel('Kommun', { exact: true }).first().selectOption({ label: 'Ljungby' });
    // "Fler rader" is a plain submit button: more rows arrive from the server.
    const rows = () => page.locator('fieldset.kn-row-group legend', { hasText: 'Arbetsställe' }).count();
    const before = await rows();
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Fler rader' }).click()]);
    expect(await rows()).toBeGreaterThan(before);
    expect(await page.getByLabel('Anställda män').inputValue()).toBe('5');

    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Spara', exact: true }).click()]);
    expect(await page.locator('[data-error-summary]').textContent()).toContain('Fyll i fältet.');
    await shot(page, 'company-new-errors-nojs-sv');

    const orgNumber = newOrgNumber();
    await page.getByLabel('Organisationsnummer').fill(orgNumber);
    await page.getByLabel('Namn', { exact: true }).first().fill('Utan Skript AB');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Spara', exact: true }).click()]);
    expect(new URL(page.url()).pathname).toMatch(/^\/companies\/[0-9a-f-]{36}$/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Utan Skript AB');
    expect(await page.locator('[role="status"]').textContent()).toContain('Företaget är registrerat.');
    expect(await page.getByTestId('company-facts').textContent()).toContain(orgNumber);
    await shot(page, 'company-detail-nojs-sv');
  });
});
