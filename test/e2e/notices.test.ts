// Browser journey: the accessibility statement, the privacy notice, the report form (errors and success,
// without JavaScript-dependent behaviour) and the region admin's report list — each page axe-scanned.
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { axeCheck, type E2e, login, startE2e } from '../browser.ts';

vi.setConfig({ testTimeout: 60_000 });

let e2e: E2e;
beforeAll(async () => {
  e2e = await startE2e();
});
afterAll(async () => {
  await e2e?.close();
});

describe('accessibility and privacy pages', () => {
  test('a visitor reads the statement, reports a problem, and the region admin sees it', async () => {
    const { page } = await e2e.newPage();
    await page.goto('/privacy');
    await axeCheck(page, 'privacy notice');
    await page.locator('footer a[href="/accessibility"]').click();
    await page.waitForLoadState('load');
    await axeCheck(page, 'accessibility statement');
    await page.locator('[data-testid="report-link"]').click();
    await page.waitForLoadState('load');
    await axeCheck(page, 'report form');
    await page.locator('[data-testid="report-form"] button[type="submit"]').click();
    await page.waitForLoadState('load');
    expect(await page.locator('.ds-error-summary').count()).toBe(1);
    await axeCheck(page, 'report form with errors');
    await page.locator('#f-page').fill('/kurser');
    await page.locator('#f-description').fill('Filtret går inte att använda med skärmläsare.');
    await page.locator('[data-testid="report-form"] button[type="submit"]').click();
    await page.waitForLoadState('load');
    expect(await page.locator('[data-testid="report-sent"]').count()).toBe(1);
    await axeCheck(page, 'report sent');

    const admin = await e2e.newPage();
    await login(admin.page, 'region.admin@example.org');
    await admin.page.goto('/admin/accessibility-reports');
    expect(await admin.page.content()).toContain('Filtret går inte att använda med skärmläsare.');
    await axeCheck(admin.page, 'accessibility reports');
  });
});
