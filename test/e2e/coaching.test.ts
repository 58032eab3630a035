// Pillar 2 in the browser. The main journey: an officer starts coaching for a company and assigns a coach,
// records the intake; the coach logs two meetings, takes the company through the steps and builds the plan
// from the mapping's gaps; the company contact adopts it; the coach moves on to implementation and the PDF is
// downloaded. Then the meeting form's error path and the calendar subscription. Every page axe-scanned.
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { axeCheck, type E2e, login, shot, startE2e } from '../browser.ts';

vi.setConfig({ testTimeout: 180_000 });

let e2e: E2e;
let company: { id: string; name: string; code: string };
let engagementId = '';

const daysFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  e2e = await startE2e();
  // The demo contact's company with a submitted mapping and no open engagement (the demo leaves one).
  const [row] = await e2e.db.query<{ id: string; name: string; code: string }>(
    `SELECT c.id, c.name, (SELECT w.municipality_code FROM company_workplaces w WHERE w.company_id = c.id
                            ORDER BY w.position LIMIT 1) AS code
       FROM companies c
       JOIN memberships ms ON ms.company_id = c.id AND ms.role = 'company_contact'
       JOIN users u ON u.id = ms.user_id AND u.email = 'company@example.org'
      WHERE EXISTS (SELECT 1 FROM mappings m WHERE m.company_id = c.id AND m.status = 'submitted')
        AND NOT EXISTS (SELECT 1 FROM engagements e WHERE e.company_id = c.id AND e.step <> 'closed')
      ORDER BY c.name LIMIT 1`,
  );
  if (!row) throw new Error('demo data: no company for the journey');
  company = row;
});
afterAll(async () => {
  await e2e?.close();
});

const officerFor = (code: string) =>
  code === '0781'
    ? 'officer.ljungby@example.org'
    : code === '0780'
      ? 'officer.vaxjo@example.org'
      : 'region.admin@example.org';

describe('coaching', () => {
  test('officer assigns a coach → two meetings → plan from the gaps → the company adopts → PDF', async () => {
    // The officer starts the engagement from the company's page and assigns the coach.
    const officer = await e2e.newPage();
    await login(officer.page, officerFor(company.code));
    await officer.page.goto(`/companies/${company.id}`);
    await Promise.all([
      officer.page.waitForURL('**/coaching/new?company=*'),
      officer.page.getByRole('link', { name: /Coachuppdrag: starta/ }).click(),
    ]);
    await axeCheck(officer.page, 'start engagement');
    const [coachUser] = await e2e.db.query<{ id: string }>(
      `SELECT id FROM users WHERE email = 'coach@example.org'`,
    );
    await officer.page.getByLabel('Coach', { exact: true }).selectOption(coachUser?.id ?? '');
    await Promise.all([
      officer.page.waitForURL(/\/coaching\/[0-9a-f-]{36}$/),
      officer.page.getByRole('button', { name: 'Starta uppdraget' }).click(),
    ]);
    engagementId = new URL(officer.page.url()).pathname.split('/')[2] as string;
    expect(await officer.page.getByTestId('coaches').textContent()).toContain('Conny Coach');
    expect(await officer.page.getByTestId('step-blockers').textContent()).toContain('samverkansavtalet');
    await axeCheck(officer.page, 'engagement overview (intake)');
    await officer.page.getByLabel(/Företaget är ett SMF/).check();
    await officer.page.getByLabel('Företaget har en arbetsplats i länet').check();
    await officer.page.getByLabel('Samverkansavtalet undertecknat').fill(daysFromNow(-7));
    await officer.page.getByRole('button', { name: 'Spara intaget' }).click();
    await officer.page.waitForLoadState('load');
    await officer.page.getByRole('button', { name: 'Gå vidare till Nulägesanalys' }).click();
    await officer.page.waitForLoadState('load');
    expect(await officer.page.locator('.kn-steps [aria-current="step"]').textContent()).toBe('Nulägesanalys');
    await officer.page.goto('/coaching/board');
    expect(await officer.page.locator('[data-step="current_state"]').textContent()).toContain(company.name);
    await axeCheck(officer.page, 'board');

    // The coach finds the company in their caseload and logs two held meetings.
    const coach = await e2e.newPage();
    const { page } = coach;
    await login(page, 'coach@example.org');
    await page.goto('/coaching');
    await axeCheck(page, 'caseload');
    await Promise.all([
      page.waitForURL(`**/coaching/${engagementId}`),
      page.getByRole('link', { name: company.name }).click(),
    ]);
    for (const [i, day] of [daysFromNow(-6), daysFromNow(-2)].entries()) {
      await page.goto(`/coaching/${engagementId}/meetings/new`);
      await page.getByLabel('Datum', { exact: true }).fill(day);
      await page.getByLabel('Starttid').fill('09:00');
      await page.getByLabel('Sluttid').fill(i === 0 ? '10:30' : '11:00');
      await page.getByLabel('Typ av möte').selectOption(i === 0 ? 'on_site' : 'digital');
      await page.getByLabel('Status').selectOption('held');
      await page.getByLabel('Anteckningar').fill(`Möte ${i + 1}: vi gick igenom **nuläget**.`);
      await page.getByLabel('Beslut').fill(`Beslut ${i + 1}: företaget prioriterar svetsning.`);
      await Promise.all([
        page.waitForURL(/\/meetings\/[0-9a-f-]{36}$/),
        page.getByRole('button', { name: 'Spara mötet' }).click(),
      ]);
    }
    await page.goto(`/coaching/${engagementId}`);
    expect(await page.locator('.kn-facts').first().textContent()).toContain('3,5 av 15 h');

    // Through the steps: the demo company's mapping is submitted, so analysis and plan open.
    for (const step of ['Kartläggning', 'Analys och prioritering', 'Plan']) {
      await page.getByRole('button', { name: `Gå vidare till ${step}` }).click();
      await page.waitForLoadState('load');
    }
    expect(await page.getByTestId('step-blockers').textContent()).toContain('antagit planen');

    // The plan from the mapping's ranked gaps.
    const base = `/coaching/${engagementId}/plan`;
    await page.goto(base);
    await Promise.all([
      page.waitForURL('**/plan/build'),
      page.getByRole('link', { name: 'Bygg från kartläggningens gap' }).click(),
    ]);
    await axeCheck(page, 'build from gaps');
    await Promise.all([
      page.waitForURL((u) => u.pathname === base),
      page.getByRole('button', { name: 'Skapa föreslagna åtgärder' }).click(),
    ]);
    const actions = await page.getByTestId('plan-actions').locator('tbody tr').count();
    expect(actions).toBeGreaterThan(0);
    await axeCheck(page, 'plan');
    await page.locator('a[href$="/edit"]').filter({ hasText: 'Ändra åtgärden' }).first().click();
    await page.waitForURL('**/actions/*/edit');
    await axeCheck(page, 'action form');
    await page.getByLabel('Ansvarig').fill('Åsa Öberg');
    await Promise.all([
      page.waitForURL((u) => u.pathname === base),
      page.getByRole('button', { name: 'Spara åtgärden' }).click(),
    ]);
    expect(await page.getByTestId('plan-actions').textContent()).toContain('Åsa Öberg');

    // The company contact reads the meetings' decisions (not the notes) and adopts the plan.
    const contact = await e2e.newPage();
    await login(contact.page, 'company@example.org');
    await contact.page.goto(`/coaching/${engagementId}/meetings`);
    await axeCheck(contact.page, 'meetings as the company');
    await contact.page.goto(`${base}/adopt`);
    await axeCheck(contact.page, 'adopt');
    await Promise.all([
      contact.page.waitForURL((u) => u.pathname === base),
      contact.page.getByRole('button', { name: 'Anta planen' }).click(),
    ]);
    expect(await contact.page.getByTestId('plan-banner').textContent()).toContain('Version 1 antagen av');
    await shot(contact.page, 'coaching-plan-adopted');

    // The coach moves on; versions, differences and follow-ups.
    await page.goto(`/coaching/${engagementId}`);
    await page.getByRole('button', { name: 'Gå vidare till Genomförande' }).click();
    await page.waitForLoadState('load');
    expect(await page.locator('.kn-steps [aria-current="step"]').textContent()).toBe('Genomförande');
    await axeCheck(page, 'engagement overview (implementation)');
    await shot(page, 'coaching-overview');
    await page.goto(`${base}/versions`);
    await axeCheck(page, 'versions');
    await page.goto(`${base}/versions/1`);
    await axeCheck(page, 'version 1');
    await page.goto(`${base}/diff`);
    expect(await page.getByTestId('diff-same').textContent()).toContain('Inga skillnader');
    await axeCheck(page, 'diff');
    await page.goto(`/coaching/${engagementId}/followups`);
    expect(await page.getByTestId('followups').locator('tbody tr').count()).toBe(3);
    await axeCheck(page, 'follow-ups');
    await page.getByTestId('followups').locator('tbody a').first().click();
    await page.waitForURL('**/followups/*');
    await axeCheck(page, 'follow-up form');

    // The adopted version as a PDF, downloaded from the versions page.
    await contact.page.goto(`${base}/versions`);
    const [download] = await Promise.all([
      contact.page.waitForEvent('download'),
      contact.page.getByRole('link', { name: 'PDF av version 1' }).click(),
    ]);
    const file = await download.path();
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
  });

  test('meeting form: an error keeps the input; the calendar subscription link', async () => {
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
    const day = daysFromNow(14);
    await page.getByLabel('Datum', { exact: true }).fill(day);
    await page.getByLabel('Typ av möte').selectOption('digital');
    await page.getByLabel('Anteckningar').fill('Vi gick igenom **behoven**.');
    await page.getByRole('button', { name: 'Spara mötet' }).click();
    await page.waitForLoadState('load');
    expect(await page.locator('.ds-error-summary').textContent()).toContain(
      'Ange både start- och sluttid, eller mötets längd i minuter.',
    );
    expect(await page.getByLabel('Anteckningar').inputValue()).toBe('Vi gick igenom **behoven**.');
    await axeCheck(page, 'meeting form with errors');
    await page.getByLabel('Längd i minuter').fill('75');
    await Promise.all([
      page.waitForURL(/\/meetings\/[0-9a-f-]{36}$/),
      page.getByRole('button', { name: 'Spara mötet' }).click(),
    ]);
    expect(await page.getByTestId('meeting-notes').innerHTML()).toContain('<strong>behoven</strong>');
    await axeCheck(page, 'meeting page');
    await page.goto(`/coaching/${engagementId}/meetings`);
    expect(await page.getByTestId('meetings-upcoming').textContent()).toContain(day);

    await page.goto('/calendar');
    await page.getByRole('button', { name: 'Skapa prenumerationslänk' }).click();
    await page.waitForLoadState('load');
    expect(await page.getByRole('textbox', { name: 'Prenumerationslänk' }).inputValue()).toMatch(
      /\/calendar\/feed\/[A-Za-z0-9_-]+\.ics$/,
    );
    await axeCheck(page, 'calendar subscription');

    const admin = await e2e.newPage();
    await login(admin.page, 'region.admin@example.org');
    await admin.page.goto('/coaching');
    await axeCheck(admin.page, 'engagement list with filters');
    await admin.page.getByRole('link', { name: 'Regler för coachning' }).click();
    await admin.page.waitForURL('**/coaching/rules');
    expect(await admin.page.getByLabel('Planerade coachtimmar per företag').inputValue()).toBe('15');
    await axeCheck(admin.page, 'coaching rules');
  });
});
