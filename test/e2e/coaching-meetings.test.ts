// Coaching meetings in the browser: a coach opens the meeting list of an engagement, fills in the form with
// an error (no duration), fixes it and lands on the meeting page; the calendar subscription page too. Every
// page axe-scanned. The engagement is created here (not taken from the demo data).
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { createEngagement } from '../../src/domains/coaching/index.ts';
import { actorOf } from '../app.ts';
import { axeCheck, type E2e, login, shot, startE2e } from '../browser.ts';

vi.setConfig({ testTimeout: 90_000 });

let e2e: E2e;
let engagementId: string;
/** Two weeks ahead, so the meeting is upcoming whenever the test runs. */
const DAY = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  e2e = await startE2e();
  const db = e2e.db;
  const [officer] = await db.query<{ id: string }>(
    `SELECT id FROM users WHERE email = 'officer.ljungby@example.org'`,
  );
  const [coach] = await db.query<{ id: string }>(`SELECT id FROM users WHERE email = 'coach@example.org'`);
  const [company] = await db.query<{ id: string }>(
    `SELECT c.id FROM companies c
      WHERE EXISTS (SELECT 1 FROM company_workplaces w WHERE w.company_id = c.id AND w.municipality_code = '0781')
        AND NOT EXISTS (SELECT 1 FROM engagements e WHERE e.company_id = c.id AND e.step <> 'closed')
      ORDER BY c.name LIMIT 1`,
  );
  if (!officer || !coach || !company) throw new Error('demo data missing');
  engagementId = await createEngagement(
    db,
    { actor: await actorOf(db, officer.id), ip: '127.0.0.1' },
    { companyId: company.id, municipalityCode: '0781', coachId: coach.id },
  );
});
afterAll(async () => {
  await e2e?.close();
});

describe('coaching meetings', () => {
  test('list, form with an error, fixed, meeting page, calendar page', async () => {
    const { page } = await e2e.newPage();
    await login(page, 'coach@example.org');
    await page.goto(`/coaching/${engagementId}/meetings`);
    await axeCheck(page, 'meeting list');
    await Promise.all([
      page.waitForURL('**/meetings/new'),
      page.getByRole('link', { name: 'Nytt möte' }).click(),
    ]);
    expect(await page.getByTestId('public-records').textContent()).toContain('allmänna handlingar');
    await axeCheck(page, 'meeting form');

    await page.getByLabel('Datum', { exact: true }).fill(DAY);
    await page.getByLabel('Typ av möte').selectOption('digital');
    await page.getByLabel('Anteckningar').fill('Vi gick igenom **behoven**.');
    await page.getByLabel('Beslut').fill('Företaget tar fram en plan.');
    await page.getByRole('button', { name: 'Spara mötet' }).click();
    await page.waitForLoadState('load');
    expect(await page.locator('.ds-error-summary').textContent()).toContain(
      'Ange både start- och sluttid, eller mötets längd i minuter.',
    );
    expect(await page.getByLabel('Anteckningar').inputValue()).toBe('Vi gick igenom **behoven**.');
    await axeCheck(page, 'meeting form with errors');

    await page.getByLabel('Starttid').fill('09:00');
    await page.getByLabel('Sluttid').fill('10:15');
    await Promise.all([
      page.waitForURL(/\/meetings\/[0-9a-f-]{36}$/),
      page.getByRole('button', { name: 'Spara mötet' }).click(),
    ]);
    expect(await page.getByTestId('meeting-notes').innerHTML()).toContain('<strong>behoven</strong>');
    expect(await page.locator('.kn-facts').textContent()).toContain('75 min');
    await axeCheck(page, 'meeting page');
    await shot(page, 'coaching-meeting-sv');

    await page.goto(`/coaching/${engagementId}/meetings`);
    expect(await page.getByTestId('meetings-upcoming').textContent()).toContain(DAY);
    await axeCheck(page, 'meeting list with a meeting');

    await page.goto('/calendar');
    await page.getByRole('button', { name: 'Skapa prenumerationslänk' }).click();
    await page.waitForLoadState('load');
    expect(await page.getByRole('textbox', { name: 'Prenumerationslänk' }).inputValue()).toMatch(
      /\/calendar\/feed\/[A-Za-z0-9_-]+\.ics$/,
    );
    await axeCheck(page, 'calendar subscription');
  });
});
