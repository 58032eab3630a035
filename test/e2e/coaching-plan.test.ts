// The competence-supply plan in the browser: the coach builds the plan from the mapping's gaps, opens the
// plan and an action's form; the company contact adopts it; versions, follow-ups and the PDF download.
// Every page type axe-scanned. The engagement is created here, for a demo company of the demo contact that
// has a submitted mapping.
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { createEngagement } from '../../src/domains/coaching/index.ts';
import { actorOf } from '../app.ts';
import { axeCheck, type E2e, login, shot, startE2e } from '../browser.ts';

vi.setConfig({ testTimeout: 120_000 });

let e2e: E2e;
let engagementId: string;

beforeAll(async () => {
  e2e = await startE2e();
  const db = e2e.db;
  const [admin] = await db.query<{ id: string }>(
    `SELECT id FROM users WHERE email = 'region.admin@example.org'`,
  );
  const [coach] = await db.query<{ id: string }>(`SELECT id FROM users WHERE email = 'coach@example.org'`);
  const [company] = await db.query<{ id: string; code: string }>(
    `SELECT c.id, (SELECT w.municipality_code FROM company_workplaces w WHERE w.company_id = c.id LIMIT 1) AS code
       FROM companies c
       JOIN memberships ms ON ms.company_id = c.id AND ms.role = 'company_contact'
       JOIN users u ON u.id = ms.user_id AND u.email = 'company@example.org'
      WHERE EXISTS (SELECT 1 FROM mappings m WHERE m.company_id = c.id AND m.status = 'submitted')
        AND NOT EXISTS (SELECT 1 FROM engagements e WHERE e.company_id = c.id AND e.step <> 'closed')
      ORDER BY c.name LIMIT 1`,
  );
  if (!admin || !coach || !company) throw new Error('demo data missing');
  engagementId = await createEngagement(
    db,
    { actor: await actorOf(db, admin.id), ip: '127.0.0.1' },
    { companyId: company.id, municipalityCode: company.code, coachId: coach.id },
  );
});
afterAll(async () => {
  await e2e?.close();
});

describe('competence-supply plan', () => {
  test('coach builds the plan from the gaps; the company contact adopts it; PDF downloaded', async () => {
    const base = `/coaching/${engagementId}/plan`;
    const { page } = await e2e.newPage();
    await login(page, 'coach@example.org');
    await page.goto(base);
    await axeCheck(page, 'empty plan');
    await Promise.all([
      page.waitForURL('**/plan/build'),
      page.getByRole('link', { name: 'Bygg från kartläggningens gap' }).click(),
    ]);
    expect(
      await page.getByTestId('build-needs').locator('input[type="checkbox"]:checked').count(),
    ).toBeGreaterThan(0);
    await axeCheck(page, 'build from gaps');
    await Promise.all([
      page.waitForURL((u) => u.pathname === base),
      page.getByRole('button', { name: 'Skapa föreslagna åtgärder' }).click(),
    ]);
    const rows = page.getByTestId('plan-actions').locator('tbody tr');
    expect(await rows.count()).toBeGreaterThan(0);
    await axeCheck(page, 'plan');
    await shot(page, 'coaching-plan');

    await page.locator('a[href$="/edit"]').filter({ hasText: 'Ändra åtgärden' }).first().click();
    await page.waitForURL('**/actions/*/edit');
    await axeCheck(page, 'action form');
    await page.getByLabel('Ansvarig').fill('Åsa Öberg');
    await Promise.all([
      page.waitForURL((u) => u.pathname === base),
      page.getByRole('button', { name: 'Spara åtgärden' }).click(),
    ]);
    expect(await page.getByTestId('plan-actions').textContent()).toContain('Åsa Öberg');

    const contact = await e2e.newPage();
    await login(contact.page, 'company@example.org');
    await contact.page.goto(`${base}/adopt`);
    await axeCheck(contact.page, 'adopt');
    await Promise.all([
      contact.page.waitForURL((u) => u.pathname === base),
      contact.page.getByRole('button', { name: 'Anta planen' }).click(),
    ]);
    expect(await contact.page.getByTestId('plan-banner').textContent()).toContain('Version 1 antagen av');

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

    const pdf = await contact.page.request.get(`/coaching/${engagementId}/plan.pdf?version=1`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
  });
});
