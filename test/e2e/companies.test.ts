// Browser journeys for companies: register (with errors), markup in names, edit with more rows, import a CSV.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { axeCheck, type E2e, focused, login, newOrgNumber, shot, startE2e } from '../browser.ts';

const OFFICER = 'officer.ljungby@example.org';

// A browser journey on 2 busy cores can take longer than the unit-test default.
vi.setConfig({ testTimeout: 60_000 });

let e2e: E2e;
beforeAll(async () => {
  e2e = await startE2e();
});
afterAll(async () => {
  await e2e?.close();
});

const h1 = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();

/** Submit a form with the named button and wait for the next page to load. */
async function submit(page: Page, button: string): Promise<void> {
  await Promise.all([
    page.waitForNavigation(),
    page.getByRole('button', { name: button, exact: true }).click(),
  ]);
}

describe('company create journey (officer, Ljungby)', () => {
  test('errors are summarised and linked, values kept; the fixed form registers the company', async () => {
    const { page } = await e2e.newPage();
    await login(page, OFFICER);
    await page.getByRole('link', { name: 'Registrera företag' }).click();
    await page.waitForURL('**/companies/new');
    expect(await h1(page)).toBe('Registrera företag');
    await shot(page, 'company-new-sv');
    await axeCheck(page, 'new company form (sv)');

    await page.getByLabel('Organisationsnummer').fill('556677-8890');
    await page.getByLabel('Anställda kvinnor').fill('3');
    await page.getByLabel('Anställda män').fill('9');
    await page.getByLabel('Gatuadress').first().fill('Storgatan 5');
    await page.getByLabel('Kommun', { exact: true }).first().selectOption({ label: 'Ljungby' });
    await submit(page, 'Spara');

    const summary = page.locator('[data-error-summary]');
    expect(await summary.isVisible()).toBe(true);
    await expect.poll(async () => (await focused(page)).className).toContain('ds-error-summary');
    const hrefs = await summary
      .getByRole('link')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(hrefs).toEqual(expect.arrayContaining(['#f-orgNumber', '#f-name']));
    expect(await summary.textContent()).toContain('Organisationsnumret har fel kontrollsiffra.');
    expect(await summary.textContent()).toContain('Fyll i fältet.');
    for (const id of ['f-orgNumber', 'f-name']) {
      const input = page.locator(`#${id}`);
      expect(await input.getAttribute('aria-invalid'), id).toBe('true');
      expect(await input.getAttribute('aria-describedby'), id).toContain(`${id}-error`);
    }
    // What was typed is kept.
    expect(await page.getByLabel('Organisationsnummer').inputValue()).toBe('556677-8890');
    expect(await page.getByLabel('Anställda kvinnor').inputValue()).toBe('3');
    expect(await page.getByLabel('Anställda män').inputValue()).toBe('9');
    expect(await page.getByLabel('Gatuadress').first().inputValue()).toBe('Storgatan 5');
    expect(await page.getByLabel('Kommun', { exact: true }).first().inputValue()).toBe('0781');
    await shot(page, 'company-new-errors-sv');
    await axeCheck(page, 'new company form with errors (sv)');

    // The summary link takes the user to the field.
    await summary.getByRole('link', { name: 'Fyll i fältet.' }).click();
    await expect.poll(async () => (await focused(page)).id).toBe('f-name');

    const orgNumber = newOrgNumber();
    const name = `E2E Verkstad ${orgNumber.slice(-4)} AB`;
    await page.getByLabel('Organisationsnummer').fill(orgNumber);
    await page.getByLabel('Namn', { exact: true }).first().fill(name);
    await page.getByLabel('Namn', { exact: true }).nth(1).fill('Karin Kontakt');
    await page.getByLabel('E-post', { exact: true }).fill('karin@verkstad.example');
    await submit(page, 'Spara');

    expect(new URL(page.url()).pathname).toMatch(/^\/companies\/[0-9a-f-]{36}$/);
    expect(await h1(page)).toBe(name);
    expect(await page.locator('[role="status"]').textContent()).toContain('Företaget är registrerat.');
    const facts = await page.getByTestId('company-facts').textContent();
    expect(facts).toContain(orgNumber);
    expect(facts).toContain('12 (3 ♀, 9 ♂)');
    expect(await page.getByTestId('workplaces').textContent()).toContain('Storgatan 5');
    expect(await page.getByTestId('workplaces').textContent()).toContain('Ljungby');
    expect(await page.getByTestId('contacts').textContent()).toContain('karin@verkstad.example');
    expect(await page.getByTestId('history').textContent()).toContain('Registrerade företaget');
    await shot(page, 'company-detail-sv');
    await axeCheck(page, 'company page (sv)');

    // The list search finds it.
    await page.getByRole('link', { name: 'Företag', exact: true }).click();
    await page.waitForURL('**/companies');
    await shot(page, 'companies-list-sv');
    await axeCheck(page, 'company list (sv)');
    await page.getByLabel('Sök på namn eller organisationsnummer').fill(name);
    await submit(page, 'Filtrera');
    const table = page.getByTestId('company-list');
    expect(await table.locator('tbody tr').count()).toBe(1);
    expect(await table.getByRole('link', { name }).count()).toBe(1);
    expect(await table.textContent()).toContain(orgNumber);
    await axeCheck(page, 'company list, searched (sv)');
  });

  test('markup in a company name is shown as text and never runs', async () => {
    const { page, dialogs } = await e2e.newPage();
    await login(page, OFFICER);
    await page.goto('/companies/new');
    const name = `<script>alert(1)</script><img src=x onerror=alert(2)> AB ${newOrgNumber().slice(-4)}`;
    await page.getByLabel('Organisationsnummer').fill(newOrgNumber());
    await page.getByLabel('Namn', { exact: true }).first().fill(name);
    await page.getByLabel('Anställda kvinnor').fill('1');
    await page.getByLabel('Anställda män').fill('1');
    await page.getByLabel('Kommun', { exact: true }).first().selectOption({ label: 'Ljungby' });
    await submit(page, 'Spara');

    expect(new URL(page.url()).pathname).toMatch(/^\/companies\/[0-9a-f-]{36}$/);
    expect(await h1(page)).toBe(name);
    expect(await page.locator('main script, main img').count()).toBe(0);
    expect(await page.title()).toContain('<script>alert(1)</script>');

    await page.goto(`/companies?q=${encodeURIComponent('<script>')}`);
    expect(await page.getByTestId('company-list').getByRole('link', { name }).count()).toBe(1);
    expect(await page.locator('main script, main img').count()).toBe(0);
    expect(await page.getByLabel('Sök på namn eller organisationsnummer').inputValue()).toBe('<script>');

    await page.goto(`/companies/${'x'.repeat(3)}?q=<script>alert(3)</script>`);
    await page.waitForTimeout(200);
    expect(dialogs, 'no dialog may fire').toEqual([]);
  });
});

describe('company edit journey (officer, Ljungby)', () => {
  test('change employees, add a second workplace via "Fler rader", see the flash and the history row', async () => {
    const { page } = await e2e.newPage();
    await login(page, OFFICER);
    await page.goto('/companies?municipality=0781');
    const first = page.getByTestId('company-list').locator('tbody tr').first().getByRole('link');
    const name = (await first.textContent()) ?? '';
    await first.click();
    await page.waitForURL(/\/companies\/[0-9a-f-]{36}$/);
    expect(await h1(page)).toBe(name);
    const workplacesBefore = await page.getByTestId('workplaces').locator('tbody tr').count();
    expect(workplacesBefore).toBe(1);

    await page.getByRole('link', { name: 'Redigera' }).click();
    await page.waitForURL('**/edit');
    expect(await h1(page)).toBe(`Redigera ${name}`);
    await shot(page, 'company-edit-sv');
    await axeCheck(page, 'edit company form (sv)');

    await page.getByLabel('Anställda kvinnor').fill('17');
    await page.getByLabel('Anställda män').fill('23');
    const rowsBefore = await page
      .locator('fieldset.kn-row-group legend', { hasText: 'Arbetsställe' })
      .count();
    await submit(page, 'Fler rader');
    const rowsAfter = await page.locator('fieldset.kn-row-group legend', { hasText: 'Arbetsställe' }).count();
    expect(rowsAfter).toBeGreaterThan(rowsBefore);
    // Nothing typed so far is lost by asking for more rows.
    expect(await page.getByLabel('Anställda kvinnor').inputValue()).toBe('17');
    expect(await page.locator('[data-error-summary]').count()).toBe(0);
    await axeCheck(page, 'edit company form with more rows (sv)');

    const second = page.locator('fieldset.kn-row-group', { hasText: 'Arbetsställe 2' });
    await second.getByLabel('Benämning').fill('Lagret i Lagan');
    await second.getByLabel('Gatuadress').fill('Lagavägen 7');
    await second.getByLabel('Ort').fill('Lagan');
    await second.getByLabel('Kommun').selectOption({ label: 'Ljungby' });
    await submit(page, 'Spara');

    expect(new URL(page.url()).pathname).toMatch(/^\/companies\/[0-9a-f-]{36}$/);
    expect(await page.locator('[role="status"]').textContent()).toContain('Ändringarna är sparade.');
    expect(await page.getByTestId('company-facts').textContent()).toContain('40 (17 ♀, 23 ♂)');
    const workplaces = page.getByTestId('workplaces');
    expect(await workplaces.locator('tbody tr').count()).toBe(2);
    expect(await workplaces.textContent()).toContain('Lagret i Lagan');
    const history = page.getByTestId('history');
    const rows = await history.locator('tbody tr').allTextContents();
    const change = rows.find((r) => r.includes('Ändrade uppgifter'));
    expect(change, `history rows: ${rows.join(' | ')}`).toBeDefined();
    expect(change).toContain('Lars Ljungberg');
    expect(change).toMatch(/anställda/i);
    await shot(page, 'company-detail-edited-sv');
    await axeCheck(page, 'company page after edit (sv)');
  });
});

describe('company import journey (officer, Ljungby)', () => {
  test('upload a CSV, see the bad row by line number in the preview, confirm, find the companies', async () => {
    const { page } = await e2e.newPage();
    await login(page, 'officer.ljungby@example.org');
    await page.getByRole('link', { name: 'Importera', exact: true }).click();
    await page.waitForURL('**/companies/import');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Importera företag');
    await shot(page, 'import-upload-sv');
    await axeCheck(page, 'import upload (sv)');

    // A file that is not a table: the error summary links to the file field.
    await page.getByLabel('Fil (CSV eller Excel .xlsx)').setInputFiles({
      name: 'bild.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from([
        0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 0, 0, 0, 8, 0x1b, 0x1a, 0, 0, 0,
      ]),
    });
    await Promise.all([
      page.waitForNavigation(),
      page.getByRole('button', { name: 'Läs in och förhandsgranska' }).click(),
    ]);
    const summary = page.locator('[data-error-summary]');
    expect(await summary.isVisible()).toBe(true);
    expect(await summary.getByRole('link').first().getAttribute('href')).toBe('#f-file');
    await axeCheck(page, 'import upload with errors (sv)');

    const tag = `T${Date.now().toString(36)}`;
    const good = [newOrgNumber(), newOrgNumber(), newOrgNumber()];
    const csv = [
      'Organisationsnummer;Namn;Kommunkod;Anställda kvinnor;Anställda män;Gatuadress',
      `${good[0]};Importbolaget Ett ${tag} AB;0781;2;3;Kungsgatan 1`,
      `${good[1]};Importbolaget Två ${tag} AB;0781;4;5;Kungsgatan 2`,
      `${good[2]};Importbolaget Tre ${tag} AB;0781;1;0;Kungsgatan 3`,
      `556677-8890;Felbolaget ${tag} AB;0781;1;1;Kungsgatan 4`,
    ].join('\r\n');
    await page.getByLabel('Fil (CSV eller Excel .xlsx)').setInputFiles({
      name: 'foretag.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`${csv}\r\n`, 'utf8'),
    });
    await Promise.all([
      page.waitForURL(/\/companies\/import\/[0-9a-f-]{36}$/),
      page.getByRole('button', { name: 'Läs in och förhandsgranska' }).click(),
    ]);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Förhandsgranska import');
    // The bad row is named by its spreadsheet line (the header is line 1).
    const errors = page.getByTestId('import-errors');
    expect(await errors.locator('tbody tr').count()).toBe(1);
    const bad = errors.locator('tbody tr[data-line="5"]');
    expect(await bad.count(), 'bad row on line 5').toBe(1);
    expect(await bad.locator('th').textContent()).toBe('5');
    expect(await bad.textContent()).toContain(`Felbolaget ${tag} AB`);
    expect(await page.getByTestId('import-good').locator('tbody tr').count()).toBe(3);
    expect(await page.getByTestId('import-counts').locator('tr[data-outcome="new"] td').textContent()).toBe(
      '3',
    );
    expect(await page.getByTestId('import-counts').locator('tr[data-outcome="error"] td').textContent()).toBe(
      '1',
    );
    await shot(page, 'import-preview-sv');
    await axeCheck(page, 'import preview (sv)');

    // Nothing is saved before confirming.
    const before = await e2e.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM companies WHERE name LIKE $1',
      [`%${tag}%`],
    );
    expect(before[0]?.n).toBe(0);

    await Promise.all([page.waitForNavigation(), page.getByTestId('import-confirm').click()]);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Importen är klar');
    expect(await page.locator('[role="status"]').first().textContent()).toContain('3 nya');
    await shot(page, 'import-done-sv');
    await axeCheck(page, 'import done (sv)');

    await page.goto(`/companies?q=${encodeURIComponent(tag)}`);
    const list = page.getByTestId('company-list');
    const names = await list.locator('tbody tr td:first-child').allTextContents();
    expect(names.map((n) => n.trim()).sort()).toEqual(
      [`Importbolaget Ett ${tag} AB`, `Importbolaget Tre ${tag} AB`, `Importbolaget Två ${tag} AB`].sort(),
    );
    expect(await list.textContent()).not.toContain('Felbolaget');
  });
});
