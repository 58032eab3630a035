// Browser journeys: signing in and out, language, keyboard, the page types an officer or admin sees, no-JS forms.

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { DEMO_ESF_TOTP_SECRET } from '../../src/demo/seed.ts';
import { insertMembership, insertUser } from '../../src/domains/accounts/index.ts';
import { totp } from '../../src/domains/accounts/totp.ts';
import {
  axeCheck,
  axeScan,
  DEMO_PASSWORD,
  type E2e,
  focused,
  login,
  newOrgNumber,
  nextTotpCode,
  shot,
  startE2e,
} from '../browser.ts';

// A browser journey on 2 busy cores can take longer than the unit-test default.
vi.setConfig({ testTimeout: 60_000 });

let e2e: E2e;
beforeAll(async () => {
  e2e = await startE2e();
});
afterAll(async () => {
  await e2e?.close();
});

describe('login journey', () => {
  test('wrong password shows a linked error summary; the right one lands on /companies', async () => {
    const { page } = await e2e.newPage();
    await page.goto('/login');
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('sv');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Logga in');
    await shot(page, 'login-sv');
    await axeCheck(page, 'login (sv)');

    await page.getByLabel('E-postadress').fill('region.admin@example.org');
    await page.getByLabel('Lösenord').fill('fel-lösenord-123');
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.waitForLoadState('load');

    const summary = page.locator('[data-error-summary]');
    await expect.poll(() => summary.isVisible()).toBe(true);
    expect(await summary.textContent()).toContain('Fel e-postadress eller lösenord.');
    // The summary takes focus on load, so screen-reader users hear the problem first.
    await expect.poll(async () => (await focused(page)).className).toContain('ds-error-summary');
    const link = summary.getByRole('link', { name: 'Fel e-postadress eller lösenord.' });
    expect(await link.getAttribute('href')).toBe('#f-email');
    const email = page.locator('#f-email');
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    expect(await email.getAttribute('aria-describedby')).toContain('f-email-error');
    expect(await email.inputValue()).toBe('region.admin@example.org');
    expect(await page.locator('#f-password').inputValue()).toBe('');
    await shot(page, 'login-error-sv');
    await axeCheck(page, 'login with errors (sv)');
    // Following the summary link moves focus to the field.
    await link.click();
    await expect.poll(async () => (await focused(page)).id).toBe('f-email');

    await page.getByLabel('Lösenord').fill('E2e-lösenord-2026!');
    await Promise.all([
      page.waitForURL('**/companies'),
      page.getByRole('button', { name: 'Logga in' }).click(),
    ]);
    expect(new URL(page.url()).pathname).toBe('/companies');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Företag');
    expect(await page.locator('.kn-user').textContent()).toContain('Regina Admin');
  });

  test('the skip link is the first Tab stop and moves focus to main', async () => {
    const { page } = await e2e.newPage();
    await login(page, 'region.admin@example.org');
    await page.goto('/companies');
    await page.keyboard.press('Tab');
    const first = await focused(page);
    expect(first, 'first Tab stop').toMatchObject({
      tag: 'a',
      href: '#main',
      text: 'Hoppa till huvudinnehållet',
    });
    // Visible when focused (not only for screen readers).
    const box = await page.locator('a.ds-skip-link').boundingBox();
    expect(box && box.width > 1 && box.height > 1, 'skip link visible on focus').toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await focused(page)).id).toBe('main');
    // The next Tab continues inside main, not back in the header.
    await page.keyboard.press('Tab');
    const next = await page.evaluate(
      () => document.querySelector('main')?.contains(document.activeElement) ?? false,
    );
    expect(next, 'Tab after the skip link stays in main').toBe(true);
    // Keyboard focus is visible: an outline or a focus ring (box-shadow) on the focused control.
    const ring = await page.evaluate(() => {
      const style = getComputedStyle(document.activeElement as Element);
      return { outline: `${style.outlineStyle} ${style.outlineWidth}`, shadow: style.boxShadow };
    });
    expect(
      ring.outline.startsWith('none') && ring.shadow === 'none',
      `focus indicator: ${JSON.stringify(ring)}`,
    ).toBe(false);
  });

  test('language switch to English, remembered on the next page; sign out', async () => {
    const { page, context } = await e2e.newPage();
    await login(page, 'region.admin@example.org');
    await page.goto('/companies');
    await page.getByTestId('lang-switch').click();
    await page.waitForURL('**/companies');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Companies');
    expect(await page.getByLabel('Search by name or organisation number').count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Register a company' }).count()).toBe(1);
    expect(await page.getByTestId('lang-switch').textContent()).toContain('Svenska');
    await shot(page, 'companies-list-en');
    await axeCheck(page, 'company list (en)');

    // Remembered on the next page.
    await page.getByRole('link', { name: 'My account' }).click();
    await page.waitForURL('**/account');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('My account');
    await axeCheck(page, 'account (en)');

    // Back to Swedish.
    await page.getByTestId('lang-switch').click();
    await page.waitForURL('**/account');
    expect(await page.locator('html').getAttribute('lang')).toBe('sv');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Mitt konto');

    await Promise.all([
      page.waitForURL('**/login'),
      page.getByRole('button', { name: 'Logga ut', exact: true }).click(),
    ]);
    expect(await page.locator('[role="status"]').textContent()).toContain('Du är utloggad.');
    expect(await page.locator('.kn-user').count()).toBe(0);
    expect((await context.cookies()).some((c) => c.name === 'kn_session')).toBe(false);
    await page.goto('/companies');
    expect(new URL(page.url()).pathname).toBe('/login');
  });
});

describe('axe scan of the other page types', () => {
  test('account, organisations, accessibility statement and 404 (sv)', async () => {
    const { page } = await e2e.newPage();
    await login(page, 'region.admin@example.org');

    await page.goto('/account');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Mitt konto');
    expect(await page.getByTestId('memberships').textContent()).toContain('Region Kronoberg');
    await shot(page, 'account-sv');
    await axeCheck(page, 'account (sv)');

    await page.goto('/organisations');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Organisationer och program');
    expect(await page.getByTestId('programmes').textContent()).toContain('Kompetens i Kronoberg');
    await shot(page, 'organisations-sv');
    await axeCheck(page, 'organisations (sv)');

    await page.goto('/accessibility');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Tillgänglighet för Kompetensnavet',
    );
    await shot(page, 'accessibility-sv');
    await axeCheck(page, 'accessibility statement (sv)');

    const res = await page.goto('/finns-inte');
    expect(res?.status()).toBe(404);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Sidan finns inte');
    await shot(page, 'not-found-sv');
    await axeCheck(page, '404 page (sv)');
  });

  test('signed-out pages: start page and 404 (sv)', async () => {
    const { page } = await e2e.newPage();
    await page.goto('/');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Välkommen till Kompetensnavet');
    await shot(page, 'home-sv');
    await axeCheck(page, 'start page, signed out (sv)');

    const res = await page.goto('/companies/00000000-0000-4000-8000-000000000000/nothing');
    expect(res?.status()).toBe(404);
    await axeCheck(page, '404 page, signed out (sv)');
  });
});

test('the axe helper does report violations (guards against a silently green scan)', async () => {
  const { page } = await e2e.newPage();
  await page.goto('/accessibility');
  await page.setContent(
    '<!doctype html><html><head><title>x</title></head><body><main><img src="/none.png"><input id="q"></main></body></html>',
  );
  const ids = (await axeScan(page)).map((f) => f.id);
  expect(ids).toEqual(expect.arrayContaining(['image-alt', 'html-has-lang', 'label']));
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
    await Promise.all([
      page.waitForURL('**/companies'),
      page.getByRole('button', { name: 'Logga in' }).click(),
    ]);
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

    await Promise.all([
      page.waitForNavigation(),
      page.getByRole('button', { name: 'Spara', exact: true }).click(),
    ]);
    expect(await page.locator('[data-error-summary]').textContent()).toContain('Fyll i fältet.');
    await shot(page, 'company-new-errors-nojs-sv');

    const orgNumber = newOrgNumber();
    await page.getByLabel('Organisationsnummer').fill(orgNumber);
    await page.getByLabel('Namn', { exact: true }).first().fill('Utan Skript AB');
    await Promise.all([
      page.waitForNavigation(),
      page.getByRole('button', { name: 'Spara', exact: true }).click(),
    ]);
    expect(new URL(page.url()).pathname).toMatch(/^\/companies\/[0-9a-f-]{36}$/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Utan Skript AB');
    expect(await page.locator('[role="status"]').textContent()).toContain('Företaget är registrerat.');
    expect(await page.getByTestId('company-facts').textContent()).toContain(orgNumber);
    await shot(page, 'company-detail-nojs-sv');
  });
});

describe('two-step verification', () => {
  test('the demo ESF administrator enters a wrong code, then the right one; the code page is axe-clean', async () => {
    const { page } = await e2e.newPage();
    await page.goto('/login');
    await page.getByLabel('E-postadress').fill('esf@example.org');
    await page.getByLabel('Lösenord').fill(DEMO_PASSWORD);
    await Promise.all([
      page.waitForURL('**/login/totp'),
      page.getByRole('button', { name: 'Logga in' }).click(),
    ]);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Tvåstegsverifiering');
    await axeCheck(page, 'TOTP code step (sv)');
    // Pending: nothing else opens yet.
    await page.goto('/esf');
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.goto('/login/totp');
    await page.getByLabel('Kod').fill('000000');
    await Promise.all([
      page.waitForLoadState('load'),
      page.getByRole('button', { name: 'Fortsätt' }).click(),
    ]);
    expect(await page.locator('[data-error-summary]').textContent()).toContain('Koden stämmer inte');
    await axeCheck(page, 'TOTP code step with error (sv)');
    await shot(page, 'totp-step-error-sv');
    await page.getByLabel('Kod').fill(await nextTotpCode(DEMO_ESF_TOTP_SECRET));
    await Promise.all([
      page.waitForURL('**/companies'),
      page.getByRole('button', { name: 'Fortsätt' }).click(),
    ]);
    await page.goto('/account');
    expect(await page.getByTestId('totp-status').textContent()).toContain('Påslagen');
    expect(await page.getByTestId('sessions').textContent()).toContain('den här webbläsaren');
    await axeCheck(page, 'account with sessions and two-step (sv)');
  });

  test('a new ESF administrator must enrol: QR code, key, confirm, recovery codes (axe-clean)', async () => {
    const id = randomUUID();
    const email = `esf-ny-${id.slice(0, 6)}@example.org`;
    const { hashPassword } = await import('../../src/domains/accounts/index.ts');
    await insertUser(e2e.db, {
      id,
      email,
      name: 'Nya Esfa',
      passwordHash: await hashPassword(DEMO_PASSWORD),
      locale: 'sv',
    });
    const [region] = await e2e.db.query<{ id: string }>(
      `SELECT id FROM organisations WHERE kind = 'region' LIMIT 1`,
    );
    await insertMembership(e2e.db, {
      id: randomUUID(),
      userId: id,
      role: 'esf_admin',
      organisationId: region?.id ?? null,
      companyId: null,
      createdBy: null,
    });
    const { page } = await e2e.newPage();
    await page.goto('/login');
    await page.getByLabel('E-postadress').fill(email);
    await page.getByLabel('Lösenord').fill(DEMO_PASSWORD);
    await Promise.all([
      page.waitForURL('**/login/totp/enrol'),
      page.getByRole('button', { name: 'Logga in' }).click(),
    ]);
    expect(await page.getByRole('img', { name: /QR-kod/ }).isVisible()).toBe(true);
    await axeCheck(page, 'TOTP enrolment (sv)');
    await shot(page, 'totp-enrol-sv');
    const secret = ((await page.getByTestId('totp-secret').textContent()) ?? '').replace(/\s/g, '');
    await page.getByLabel('Kod').fill(totp(secret));
    await Promise.all([
      page.waitForLoadState('load'),
      page.getByRole('button', { name: 'Bekräfta och slå på' }).click(),
    ]);
    expect(await page.getByTestId('recovery-codes').locator('li').count()).toBe(10);
    await axeCheck(page, 'TOTP recovery codes (sv)');
    await Promise.all([
      page.waitForURL('**/companies'),
      page.getByRole('link', { name: /fortsätt/ }).click(),
    ]);
  });
});
