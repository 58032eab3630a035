// Interview notes in the browser: a Ljungby officer writes notes, saves them (no JavaScript needed),
// confirms a proposed concept — each state axe-scanned.
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { axeCheck, type E2e, login, shot, startE2e } from '../browser.ts';

vi.setConfig({ testTimeout: 90_000 });

let e2e: E2e;
beforeAll(async () => {
  e2e = await startE2e();
});
afterAll(async () => {
  await e2e?.close();
});

/** A demo mapping in progress of a Ljungby company, or a company to start one for. */
async function target(): Promise<{ mappingId: string | null; companyId: string }> {
  const rows = await e2e.db.query<{ id: string; companyId: string }>(
    `SELECT m.id, m.company_id AS "companyId" FROM mappings m
      WHERE m.status = 'in_progress'
        AND EXISTS (SELECT 1 FROM company_workplaces w WHERE w.company_id = m.company_id AND w.municipality_code = '0781')
      ORDER BY m.id LIMIT 1`,
  );
  if (rows[0]) return { mappingId: rows[0].id, companyId: rows[0].companyId };
  const companies = await e2e.db.query<{ id: string }>(
    `SELECT c.id FROM companies c
      WHERE EXISTS (SELECT 1 FROM company_workplaces w WHERE w.company_id = c.id AND w.municipality_code = '0781')
        AND NOT EXISTS (SELECT 1 FROM mappings m WHERE m.company_id = c.id AND m.status = 'in_progress')
      ORDER BY c.name LIMIT 1`,
  );
  if (!companies[0]) throw new Error('no Ljungby company');
  return { mappingId: null, companyId: companies[0].id };
}

describe('interview notes', () => {
  test('write, save, confirm a proposal', async () => {
    const { page } = await e2e.newPage();
    await login(page, 'officer.ljungby@example.org');
    let { mappingId, companyId } = await target();
    if (!mappingId) {
      await page.goto(`/mappings/new?company=${companyId}`);
      await page.getByLabel(/Intervju nu/).check();
      await Promise.all([page.waitForURL('**/notice'), page.getByRole('button', { name: 'Starta' }).click()]);
      mappingId = new URL(page.url()).pathname.split('/')[2] as string;
    }
    await page.goto(`/mappings/${mappingId}/notes`);
    await axeCheck(page, 'notes empty');
    await page
      .getByLabel('Anteckningar')
      .fill('Vi behöver någon som kan svetsa i rostfritt och en truckförare.\nKunna läsa ritningar');
    await page.getByRole('button', { name: 'Spara anteckningar' }).click();
    await page.waitForLoadState('load');
    expect(await page.getByTestId('note-proposals').textContent()).toContain('Truckförare');
    await axeCheck(page, 'notes with proposals');
    const first = page.getByTestId('note-proposal').first();
    const conceptId = await first.getAttribute('data-concept');
    await first.getByRole('button').click();
    await page.waitForLoadState('load');
    expect(await page.getByTestId('note-confirmed').locator(`[data-concept="${conceptId}"]`).count()).toBe(1);
    await axeCheck(page, 'notes with a confirmed concept');
    await shot(page, 'mapping-notes-sv');
  });
});
