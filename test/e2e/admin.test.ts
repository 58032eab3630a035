// Browser journeys for administration: users and invitations, the outbox, API tokens, password links,
// organisations and the SNI search — each page axe-scanned.
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

describe('administration journey', () => {
  test('a region admin invites a coach; the invitation lands in the outbox; the coach accepts it', async () => {
    const { page } = await e2e.newPage();
    await login(page, 'region.admin@example.org');
    await page.goto('/admin/users');
    await axeCheck(page, 'users');
    await shot(page, 'admin-users-sv');
    await page.locator('form[action="/admin/users/invite"] [name="email"]').fill('ny.coach@example.org');
    await page.locator('form[action="/admin/users/invite"] [name="name"]').fill('Nina Ny');
    await page
      .locator('form[action="/admin/users/invite"] select[name="organisationId"]')
      .selectOption({ label: 'Ljungby kommun' });
    await page.locator('form[action="/admin/users/invite"] select[name="role"]').selectOption('coach');
    await page.locator('form[action="/admin/users/invite"] button[type="submit"]').click();
    await page.waitForLoadState('load');
    expect(await page.content()).toContain('ny.coach@example.org');
    await axeCheck(page, 'users after invite');

    await page.goto('/admin/outbox');
    await axeCheck(page, 'outbox');
    await shot(page, 'admin-outbox-sv');
    const body = await page.content();
    const link = body.match(/http:\/\/[^\s<"]+\/invitation\/[A-Za-z0-9_-]+/)?.[0];
    expect(link, 'the invitation link is in the outbox').toBeTruthy();

    const coach = await e2e.newPage();
    await coach.page.goto(new URL(link ?? '').pathname);
    await axeCheck(coach.page, 'invitation');
    await shot(coach.page, 'invitation-sv');
    await coach.page.locator('#f-password').fill('Ett långt lösenord 2026');
    await coach.page.locator('#f-confirm').fill('Ett långt lösenord 2026');
    await coach.page.locator('form button[type="submit"]').click();
    await coach.page.waitForLoadState('load');
    expect(new URL(coach.page.url()).pathname).not.toContain('/invitation/');
    expect(await coach.page.content()).toContain('Nina Ny');
  });

  test('API tokens: create one, see the secret once, revoke it', async () => {
    const { page } = await e2e.newPage();
    await login(page, 'officer.ljungby@example.org');
    await page.goto('/account');
    await axeCheck(page, 'account with tokens');
    await page.locator('form[action="/account/api-tokens"] [name="name"]').fill('Integration');
    await page.locator('form[action="/account/api-tokens"] button[type="submit"]').click();
    await page.waitForLoadState('load');
    await axeCheck(page, 'account after token');
    await shot(page, 'account-token-sv');
    expect(await page.content()).toContain('Integration');
    const secret = await page.locator('code').first().textContent();
    expect(secret?.length ?? 0).toBeGreaterThan(20);
    const api = await fetch(`${e2e.baseUrl}/api/v1/companies`, {
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(api.status).toBe(200);
    await page.getByRole('button', { name: 'Återkalla Integration' }).click();
    await page.waitForLoadState('load');
    expect(await page.content()).toContain('API-nyckeln är återkallad.');
    expect(
      (await fetch(`${e2e.baseUrl}/api/v1/companies`, { headers: { authorization: `Bearer ${secret}` } }))
        .status,
    ).toBe(401);
  });

  test('password-reset and other public pages are accessible', async () => {
    const { page } = await e2e.newPage();
    await page.goto('/password/forgot');
    await axeCheck(page, 'forgot password');
    await page.locator('#f-email').fill('coach@example.org');
    await page.locator('form button[type="submit"]').click();
    await page.waitForLoadState('load');
    await axeCheck(page, 'forgot password sent');
    await page.goto('/invitation/not-a-real-token-0123456789');
    await axeCheck(page, 'expired link');
  });

  test('organisations, the SNI search and the English outbox are accessible', async () => {
    const { page } = await e2e.newPage();
    await login(page, 'region.admin@example.org');
    await page.goto('/organisations');
    await axeCheck(page, 'organisations with forms');
    await page.locator('form[action="/organisations/programmes"] button[type="submit"]').click();
    await page.waitForLoadState('load');
    await axeCheck(page, 'organisations with errors');
    await page.goto('/reference/sni?q=plast');
    await axeCheck(page, 'SNI search');
    expect(await page.content()).toContain('22290');
    await page.goto('/lang/en?back=/admin/outbox');
    await page.waitForLoadState('load');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await axeCheck(page, 'outbox (en)');
    await page.goto('/admin/users');
    await axeCheck(page, 'users (en)');
    await shot(page, 'admin-users-en');
  });
});
