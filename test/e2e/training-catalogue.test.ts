// The training catalogue in the browser: the demo provider creates a course through the form (competence
// picker without JavaScript-only parts), adds an occasion and a session and submits it; the region admin
// approves it; anyone finds it in the public catalogue (with a typo) and opens its page. Every page axe-scanned.
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { axeCheck, type E2e, login, startE2e } from '../browser.ts';

vi.setConfig({ testTimeout: 120_000 });

let e2e: E2e;
beforeAll(async () => {
  e2e = await startE2e();
});
afterAll(async () => {
  await e2e?.close();
});

const day = (offset: number) => {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
};
const TITLE = 'Kantpressning för plåtslagare';

describe('training catalogue', () => {
  test('provider creates and submits, admin approves, the public finds it', async () => {
    const { page } = await e2e.newPage();
    await login(page, 'provider@example.org');
    await page.goto('/training/courses');
    await axeCheck(page, 'course list (provider)');
    await page.goto('/training/courses/new');
    await axeCheck(page, 'new course');
    await page.getByLabel('Kursnamn').fill(TITLE);
    await page
      .getByLabel('Beskrivning')
      .fill('Bockning och kantpressning av tunnplåt, med säkerhet vid pressen.');
    await page.getByLabel('Sök kompetens').fill('svetsning');
    await page.getByRole('button', { name: 'Sök kompetens' }).click();
    await page.waitForLoadState('load');
    const hits = page.getByTestId('competence-hits');
    await hits.getByRole('checkbox').first().check();
    await axeCheck(page, 'new course with competence hits');
    expect(await page.getByLabel('Kursnamn').inputValue()).toBe(TITLE);
    await page.getByLabel('Form', { exact: true }).selectOption('classroom');
    await page.getByLabel('Antal timmar').fill('24');
    await page.getByLabel('Kommun').selectOption({ label: 'Växjö' });
    await page.getByLabel('Finansiering', { exact: true }).selectOption('procured');
    await page.getByRole('button', { name: 'Spara kursen' }).click();
    await page.waitForLoadState('load');
    // Procured without a contract: the error is at the field, the input kept.
    expect(page.url()).toContain('/training/courses/new');
    await expect
      .poll(() => page.locator('#f-contractReference-error').textContent())
      .toContain('avtalsreferens');
    await axeCheck(page, 'new course with errors');
    await page.getByLabel('Avtalsreferens').fill('RK-LOU-2026-99');
    await page.getByLabel('Avtalet gäller från').fill(day(-10));
    await page.getByLabel('Avtalet gäller till').fill(day(500));
    await page.getByRole('button', { name: 'Spara kursen' }).click();
    await page.waitForURL(/\/training\/courses\/[0-9a-f-]{36}$/);
    const courseId = new URL(page.url()).pathname.split('/')[3] as string;
    await axeCheck(page, 'course (draft)');
    await page.getByRole('link', { name: 'Lägg till kurstillfälle' }).click();
    await page.waitForLoadState('load');
    await axeCheck(page, 'new occasion');
    await page.getByLabel('Startdatum').fill(day(40));
    await page.getByLabel('Slutdatum').fill(day(41));
    await page.getByLabel('Antal platser').fill('10');
    await page.getByLabel('Sista anmälningsdag').fill(day(30));
    await page.getByRole('button', { name: 'Spara tillfället' }).click();
    await page.waitForURL(/occasions\/[0-9a-f-]{36}$/);
    await page.locator('#f-s_date').fill(day(40));
    await page.locator('#f-s_start').fill('08:00');
    await page.locator('#f-s_end').fill('16:00');
    await page.getByRole('button', { name: 'Lägg till kurspass' }).click();
    await page.waitForLoadState('load');
    expect(await page.getByTestId('sessions').textContent()).toContain('08:00–16:00');
    await axeCheck(page, 'occasion with a session');
    await page.goto(`/training/courses/${courseId}`);
    await page.getByRole('button', { name: 'Skicka för godkännande' }).click();
    await page.waitForLoadState('load');
    expect(await page.getByTestId('course-status').first().textContent()).toBe('Inskickad');

    const admin = (await e2e.newPage()).page;
    await login(admin, 'region.admin@example.org');
    await admin.goto('/training/courses?status=submitted');
    await axeCheck(admin, 'courses to approve (admin)');
    await admin.getByRole('link', { name: TITLE }).click();
    await admin.waitForLoadState('load');
    await admin.getByRole('button', { name: 'Godkänn och publicera' }).click();
    await admin.waitForLoadState('load');
    expect(await admin.getByTestId('course-status').first().textContent()).toBe('Godkänd');
    await axeCheck(admin, 'course (approved)');

    const anon = (await e2e.newPage()).page;
    await anon.goto('/kurser');
    await axeCheck(anon, 'public catalogue');
    await anon.getByLabel('Sökord').fill('kantpresning');
    await anon.getByRole('button', { name: 'Sök kurser' }).click();
    await anon.waitForLoadState('load');
    const result = anon.getByTestId('course-results').locator(`[data-course="${courseId}"]`);
    expect(await result.textContent()).toContain('10 lediga platser');
    await axeCheck(anon, 'public catalogue search');
    await result.getByRole('link', { name: TITLE }).click();
    await anon.waitForLoadState('load');
    expect(await anon.getByRole('heading', { level: 1 }).textContent()).toBe(TITLE);
    expect(await anon.getByTestId('sessions').textContent()).toContain('08:00–16:00');
    await axeCheck(anon, 'public course page');
  });
});
