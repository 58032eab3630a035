// Browser journey of enrolment: a company contact adds two employees and enrols them via the page, prints a
// sign-in code for one, who signs in with it and sees /my/courses; the provider sees the participants.
// Every page axe-scanned.
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { seedTrainingEnrolment } from '../../src/demo/seed-training-enrolment.ts';
import {
  day,
  makeCourse,
  makeOccasion,
  regionOf,
  statusCounts,
} from '../../src/domains/training/enrolment-test-support.ts';
import { axeCheck, type E2e, login, shot, startE2e } from '../browser.ts';

vi.setConfig({ testTimeout: 60_000 });

let e2e: E2e;
let occasionId: string;
let companyIds: string[];

beforeAll(async () => {
  e2e = await startE2e();
  const { db } = e2e;
  companyIds = (
    await db.query<{ id: string }>(
      `SELECT m.company_id AS id FROM memberships m JOIN users u ON u.id = m.user_id JOIN companies c ON c.id = m.company_id
        WHERE u.email = 'company@example.org' AND m.role = 'company_contact' ORDER BY c.name`,
    )
  ).map((r) => r.id);
  const [provider] = await db.query<{ orgId: string }>(
    `SELECT m.organisation_id AS "orgId" FROM memberships m JOIN users u ON u.id = m.user_id
      WHERE u.email = 'provider@example.org' AND m.role = 'provider'`,
  );
  const regionId = await regionOf(db, companyIds[0] as string);
  const courseId = await makeCourse(db, {
    regionId,
    providerOrgId: provider?.orgId as string,
    financing: 'procured',
    title: 'Truckkörning A+B (e2e)',
  });
  occasionId = await makeOccasion(db, courseId, {
    startsOn: day(14),
    endsOn: day(16),
    seats: 10,
    deadline: day(7),
  });
  const other = await makeOccasion(db, courseId, {
    startsOn: day(30),
    endsOn: day(31),
    seats: 10,
    deadline: day(20),
  });
  // The demo seed of this area, on its own occasion: a full occasion with a waiting list.
  const demo = await seedTrainingEnrolment(db, { companyIds, occasionIds: [other] });
  expect(demo.learnerIds).toHaveLength(7);
  expect(await statusCounts(db, demo.fullOccasionId as string)).toEqual({ enrolled: 3, waitlisted: 2 });
});

afterAll(async () => {
  await e2e?.close();
});

describe('enrolment journey', () => {
  test('a company contact enrols two employees; one signs in with a printed code and sees the course', async () => {
    const { page } = await e2e.newPage();
    await login(page, 'company@example.org');
    await page.goto('/training/people');
    await axeCheck(page, 'learners');
    for (const [first, last] of [
      ['Ebba', 'Ekström'],
      ['Ali', 'Karimi'],
    ] as const) {
      await page
        .locator('form[action^="/training/people"] select[name="companyId"]')
        .selectOption(companyIds[0] as string);
      await page.locator('#f-firstName').fill(first);
      await page.locator('#f-lastName').fill(last);
      await Promise.all([
        page.waitForURL(/\/training\/people/),
        page.locator('form.kn-form button[type="submit"]').click(),
      ]);
      await page.waitForLoadState('load');
      expect(await page.content()).toContain(`${last}, ${first}`);
    }
    await axeCheck(page, 'learners after add');
    await shot(page, 'training-people-sv');

    await page.goto(`/training/occasions/${occasionId}/enrol`);
    await axeCheck(page, 'enrol');
    await page.getByLabel(/Ebba Ekström/).check();
    await page.getByLabel(/Ali Karimi/).check();
    await page.locator('#paidBy-programme').check();
    await Promise.all([
      page.waitForURL(/\/training\/enrolments$/),
      page.locator(`form[action^="/training/occasions/${occasionId}/enrol"] button[type="submit"]`).click(),
    ]);
    const list = await page.content();
    expect(list).toContain('Anmälda: 2. På väntelista: 0.');
    expect(list).toContain('Ebba Ekström');
    expect(list).toContain('Ali Karimi');
    await axeCheck(page, 'company enrolments');
    await shot(page, 'training-enrolments-sv');

    const [ebba] = await e2e.db.query<{ id: string; enrolmentId: string }>(
      `SELECT l.id, e.id AS "enrolmentId" FROM learners l JOIN enrolments e ON e.learner_id = l.id
        WHERE l.first_name = 'Ebba' AND l.last_name = 'Ekström' AND e.occasion_id = $1`,
      [occasionId],
    );
    await page.goto(`/training/enrolments/${ebba?.enrolmentId}/move`);
    await axeCheck(page, 'move');

    await page.goto(`/training/people/${ebba?.id}/login-code`);
    await axeCheck(page, 'login code');
    await Promise.all([
      page.waitForLoadState('load'),
      page.locator('form button[type="submit"]').last().click(),
    ]);
    await page.locator('[data-testid="login-code"]').waitFor();
    const code = (await page.locator('[data-testid="login-code"] strong').textContent())?.trim() ?? '';
    expect(code).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
    await axeCheck(page, 'printed code');
    await shot(page, 'training-login-code-sv');

    const learner = await e2e.newPage();
    await learner.page.goto('/login/code');
    await axeCheck(learner.page, 'sign in with code');
    await learner.page.locator('#f-code').fill(code);
    await Promise.all([
      learner.page.waitForURL(/\/my\/courses$/),
      learner.page.locator('form[action="/login/code"] button[type="submit"]').click(),
    ]);
    const mine = await learner.page.content();
    expect(mine).toContain('Truckkörning A+B (e2e)');
    expect(mine).toContain('Anmäld');
    await axeCheck(learner.page, 'my courses');
    await shot(learner.page, 'training-my-courses-sv');
  });

  test("the provider sees the occasion's participants", async () => {
    const { page } = await e2e.newPage();
    await login(page, 'provider@example.org');
    await page.goto(`/training/occasions/${occasionId}/participants`);
    expect(await page.content()).toContain('Ekström, Ebba');
    await axeCheck(page, 'participants');
  });
});
