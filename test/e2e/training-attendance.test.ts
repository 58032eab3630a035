// Training attendance in the browser: the provider takes the roll-call on a phone-sized viewport (375×740)
// — one learner marked absent, one with fewer minutes — and sees the overview with whole hours and the
// invoice basis; the demo participant answers the course evaluation. Every page axe-scanned.
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import {
  enrol,
  makeLearner,
  makeOccasion,
  type OccasionFixture,
} from '../../src/domains/training/attendance-test-support.ts';
import { axeCheck, type E2e, login, shot, startE2e } from '../browser.ts';

vi.setConfig({ testTimeout: 120_000 });

let e2e: E2e;
let occasion: OccasionFixture;
const enrolments: string[] = [];

beforeAll(async () => {
  e2e = await startE2e();
  const [ids] = await e2e.db.query<{
    providerOrgId: string;
    regionId: string;
    companyId: string;
    userId: string;
  }>(
    `SELECT pm.organisation_id AS "providerOrgId", o.region_id AS "regionId", cm.company_id AS "companyId",
            cu.id AS "userId"
       FROM users pu JOIN memberships pm ON pm.user_id = pu.id AND pm.role = 'provider'
       JOIN organisations o ON o.id = pm.organisation_id
       CROSS JOIN users cu JOIN memberships cm ON cm.user_id = cu.id AND cm.role = 'participant'
      WHERE pu.email = 'provider@example.org' AND cu.email = 'participant@example.org'`,
  );
  if (!ids) throw new Error('demo data: provider or participant missing');
  const start = new Date(Date.now() - 2 * 86_400_000);
  start.setUTCHours(8, 0, 0, 0);
  const iso = (hours: number) => new Date(start.getTime() + hours * 3_600_000).toISOString();
  occasion = await makeOccasion(e2e.db, {
    regionId: ids.regionId,
    providerOrgId: ids.providerOrgId,
    title: 'Hydraulik för underhållare (e2e)',
    priceSek: 3900,
    procured: true,
    sessions: [
      { startsAt: iso(0), endsAt: iso(3) },
      { startsAt: iso(4), endsAt: iso(6), activity: 'practice' },
    ],
  });
  const people: [string, string, string | null][] = [
    ['Pelle', 'Deltagare', ids.userId],
    ['Stina', 'Ström', null],
    ['Kalle', 'Kran', null],
  ];
  for (const [first, last, userId] of people) {
    const learner = await makeLearner(e2e.db, ids.companyId, first, last, userId);
    enrolments.push(await enrol(e2e.db, occasion.occasionId, learner, ids.companyId, 'programme'));
  }
});
afterAll(async () => {
  await e2e?.close();
});

describe('training attendance', () => {
  test('provider takes the roll-call on a phone, then sees the overview and the invoice basis', async () => {
    const { page } = await e2e.newPage({ viewport: { width: 375, height: 740 } });
    await login(page, 'provider@example.org');
    await page.goto(`/training/sessions/${occasion.sessionIds[0]}/attendance`);
    await expect.poll(() => page.getByTestId('rollcall-learner').count()).toBe(3);
    await axeCheck(page, 'roll-call (phone)');
    // Nothing wider than the phone's screen.
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(375);
    // Tap the label (a large target) of Stina's "absent" choice.
    await page.locator(`label[for="f-mode-absent-${enrolments[1]}"]`).click();
    expect(await page.locator(`#f-mode-absent-${enrolments[1]}`).isChecked()).toBe(true);
    await page.locator(`#f-minutes-${enrolments[2]}`).fill('150');
    const save = page.getByTestId('rollcall-save');
    const box = await save.boundingBox();
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(40);
    await save.click();
    await page.waitForURL(`**/training/sessions/${occasion.sessionIds[0]}/attendance`);
    await expect.poll(() => page.getByText('Närvaron är sparad.').count()).toBeGreaterThan(0);
    const rows = await e2e.db.query<{ enrolment_id: string; minutes: number }>(
      'SELECT enrolment_id, minutes FROM attendance WHERE session_id = $1',
      [occasion.sessionIds[0]],
    );
    const by = new Map(rows.map((r) => [r.enrolment_id, r.minutes]));
    expect(enrolments.map((id) => by.get(id))).toEqual([180, 0, 150]);
    // A correction needs a reason: the field is there now.
    await expect.poll(() => page.getByLabel('Orsak till rättelsen').count()).toBe(1);
    await axeCheck(page, 'roll-call with correction reason (phone)');
    await shot(page, 'training-rollcall-phone');

    const desk = await e2e.newPage();
    await login(desk.page, 'provider@example.org');
    await desk.page.goto(`/training/occasions/${occasion.occasionId}/attendance`);
    await expect
      .poll(() => desk.page.getByTestId('hours-rule').textContent())
      .toContain('20 minuter en dag blir 0 timmar');
    await axeCheck(desk.page, 'attendance overview');
    await desk.page.goto(`/training/occasions/${occasion.occasionId}/invoice-basis`);
    await expect.poll(() => desk.page.getByTestId('invoice-attendees').locator('tbody tr').count()).toBe(2);
    await axeCheck(desk.page, 'invoice basis');
  });

  test('the participant answers the evaluation after the last session', async () => {
    const { page } = await e2e.newPage({ viewport: { width: 375, height: 740 } });
    await login(page, 'participant@example.org');
    await page.goto(`/my/courses/${enrolments[0]}/evaluation`);
    await axeCheck(page, 'evaluation form');
    await page.getByRole('group', { name: 'Helhetsintryck' }).getByLabel('4', { exact: true }).check();
    await page.getByRole('group', { name: 'Nytta för ditt arbete' }).getByLabel('5', { exact: true }).check();
    await page.getByRole('group', { name: 'Undervisningen' }).getByLabel('3', { exact: true }).check();
    await page.getByLabel('Ja', { exact: true }).check();
    await page.getByLabel('Kommentar (frivillig)').fill('Bra och konkret.');
    await page.getByRole('button', { name: 'Skicka utvärderingen' }).click();
    await expect.poll(() => page.getByTestId('evaluation-answered').count()).toBe(1);
    await axeCheck(page, 'evaluation answered');
    const [row] = await e2e.db.query<{ overall: number }>(
      'SELECT overall FROM course_evaluations WHERE enrolment_id = $1',
      [enrolments[0]],
    );
    expect(row?.overall).toBe(4);
  });

  test('the evaluation summary says why it is hidden', async () => {
    const { page } = await e2e.newPage();
    await login(page, 'provider@example.org');
    await page.goto(`/training/courses/${occasion.courseId}/evaluations`);
    await expect.poll(() => page.getByTestId('evaluation-hidden').count()).toBe(1);
    await axeCheck(page, 'evaluation summary');
  });
});
