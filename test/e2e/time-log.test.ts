// The staff time log in the browser: a coach logs hours on "my week" (no JavaScript needed), sees the week
// total grow, meets a field error, opens the summary and the monthly report; an officer sets employment;
// a consultant sees their invoices. Each page axe-scanned.
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { seedStaffTime } from '../../src/demo/seed-stafftime.ts';
import { axeCheck, type E2e, login, shot, startE2e } from '../browser.ts';

vi.setConfig({ testTimeout: 90_000 });

let e2e: E2e;
beforeAll(async () => {
  e2e = await startE2e();
  // Idempotent: a no-op once the demo seed includes the staff time.
  await seedStaffTime(e2e.db);
});
afterAll(async () => {
  await e2e?.close();
});

const hoursIn = (text: string | null): number =>
  Number(
    (text ?? '')
      .match(/([\d\s,]+) timmar/)?.[1]
      ?.replace(/\s/g, '')
      .replace(',', '.'),
  );

describe('time log', () => {
  test('a coach logs hours, sees the week total and the summary', async () => {
    const { page } = await e2e.newPage();
    await login(page, 'coach@example.org');
    await page.getByRole('link', { name: 'Min tid' }).click();
    await page.waitForURL('**/time');
    await axeCheck(page, 'my week');
    const before = hoursIn(await page.getByTestId('week-total').textContent());
    expect(before).toBeGreaterThanOrEqual(0);

    // A quarter hour is refused at the field, the input kept.
    await page.getByLabel('Timmar', { exact: true }).fill('0,25');
    await page.getByRole('button', { name: 'Spara' }).click();
    await page.waitForLoadState('load');
    await expect
      .poll(() => page.locator('.ds-error-summary').textContent())
      .toContain('hela eller halva timmar');
    expect(await page.getByLabel('Timmar', { exact: true }).inputValue()).toBe('0,25');
    await axeCheck(page, 'my week with a field error');

    await page.getByLabel('Timmar', { exact: true }).fill('2,5');
    await page.getByLabel('Aktivitet').selectOption('mapping');
    await page.getByLabel('Företag (valfritt)').selectOption({ index: 1 });
    await page.getByLabel('Anteckning (valfri)').fill('Kartläggningsintervju');
    await page.getByRole('button', { name: 'Spara' }).click();
    await page.waitForLoadState('load');
    expect(await page.getByRole('status').textContent()).toContain('Timmarna är sparade.');
    expect(hoursIn(await page.getByTestId('week-total').textContent())).toBe(before + 2.5);
    expect(await page.getByTestId('week-entries').textContent()).toContain('Kartläggningsintervju');
    await axeCheck(page, 'my week with a new entry');
    await shot(page, 'time-week-sv');

    await page
      .getByRole('navigation', { name: 'Tidrapportering' })
      .getByRole('link', { name: 'Tidsammanställning' })
      .click();
    await page.waitForURL('**/time/summary');
    expect(hoursIn(`${await page.getByTestId('summary-total').textContent()} timmar`)).toBeGreaterThanOrEqual(
      2.5,
    );
    expect(await page.getByTestId('kind-totals').textContent()).toContain('Anställd');
    await axeCheck(page, 'time summary');

    await page.goto('/time/month');
    await page.waitForURL(/\/time\/month\/\d{4}-\d{2}$/);
    expect(await page.getByTestId('month-total').textContent()).toMatch(/Summa månad/);
    await axeCheck(page, 'monthly report');
  });

  test('an officer sets employment; a consultant sees their invoices', async () => {
    const { page } = await e2e.newPage();
    await login(page, 'officer.ljungby@example.org');
    await page.goto('/time/staff');
    expect(await page.getByTestId('staff-list').textContent()).toContain('Conny Coach');
    await axeCheck(page, 'staff employment');
    await page.goto('/time/summary');
    expect(await page.getByTestId('summary-rows').textContent()).toContain('Conny Coach');
    await axeCheck(page, 'time summary for an officer');

    const consultant = await e2e.newPage();
    await login(consultant.page, 'coach.alvesta@example.org');
    await consultant.page.goto('/time/invoices');
    expect(await consultant.page.getByTestId('invoice-list').locator('tbody tr').count()).toBe(2);
    await axeCheck(consultant.page, 'consultant invoices');
  });
});
