import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { axeCheck, type E2e, login, newOrgNumber, shot, startE2e } from '../browser.ts';

let e2e: E2e;
beforeAll(async () => {
  e2e = await startE2e();
});
afterAll(async () => {
  await e2e?.close();
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
      buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 0, 0, 0, 8, 0x1b, 0x1a, 0, 0, 0]),
    });
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Läs in och förhandsgranska' }).click()]);
    const summary = page.locator('[data-error-summary]');
    expect(await summary.isVisible()).toBe(true);
    expect(await summary.getByRole('link').first().getAttribute('href')).toBe('#f-file');
    await axeCheck(page, 'import upload with errors (sv)');

    const tag = newOrgNumber().slice(-4);
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
    expect(await page.getByTestId('import-counts').locator('tr[data-outcome="new"] td').textContent()).toBe('3');
    expect(await page.getByTestId('import-counts').locator('tr[data-outcome="error"] td').textContent()).toBe('1');
    await shot(page, 'import-preview-sv');
    await axeCheck(page, 'import preview (sv)');

    // Nothing is saved before confirming.
    const before = await e2e.db.query<{ n: number }>('SELECT count(*)::int AS n FROM companies WHERE name LIKE $1', [`%${tag}%`]);
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
