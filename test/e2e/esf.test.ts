// The ESF administration (issue 6) in the browser, one app and browser over the demo database. The journey, as
// ordered tests sharing state: a new employee of the demo HR contact's company is enrolled on a course held
// last month (set up in the database); the ESF administrator registers her as a participant (one error
// first, then the masked number and the audited reveal); the provider takes the roll-call; the month's time
// certificates are generated, the participant confirms hers and her manager countersigns; last month's SCB
// file gets a new version with her in it, downloaded and read back; a payment-claim period for last month
// is closed; the indicators count her. Every page visited is axe-scanned; screenshots go to /tmp/e2e-shots.

import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { fictitiousPersonnummer } from '../../src/domains/esf/test-support.ts';
import { axeCheck, type E2e, login, shot, startE2e } from '../browser.ts';

vi.setConfig({ testTimeout: 120_000 });

let e2e: E2e;
beforeAll(async () => {
  e2e = await startE2e();
});
afterAll(async () => {
  await e2e?.close();
});

const visit = (page: Page, url: string, label: string) => page.goto(url).then(() => axeCheck(page, label));
const submit = (page: Page, button: ReturnType<Page['locator']>) =>
  Promise.all([page.waitForNavigation(), button.click()]);

/** One signed-in page per user, kept for the whole file (logging in once each). */
const pages = new Map<string, Page>();
async function as(email: string): Promise<Page> {
  let page = pages.get(email);
  if (!page) {
    page = (await e2e.newPage()).page;
    await login(page, email);
    pages.set(email, page);
  }
  return page;
}

const ESF = 'esf@example.org';
const HR = 'company@example.org';
const EBBA_EMAIL = 'ebba.e2e@example.org';
const PNR = fictitiousPersonnummer({ gender: 'woman', birth: '1994-05-17' });
const MASKED = `${PNR.slice(0, 8)}-****`;

/** Last month (YYYY-MM) in Sweden: the latest month that is over, so the latest that can have an SCB file. */
function lastMonthOf(now = new Date()): string {
  const today = now.toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });
  const [y, m] = today.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}
const MONTH = lastMonthOf();

/** The "participants who started" figure on /esf/indicators (the default period: programme start to today). */
async function participantsFigure(page: Page): Promise<number> {
  await page.goto('/esf/indicators');
  const link = page.getByRole('link', { name: /Raderna bakom: Deltagare som startat$/ });
  return Number(((await link.textContent()) ?? '').replace(/\s/g, ''));
}

// Shared by the journey's steps.
let companyId = '';
let occasionId = '';
let sessionIds: string[] = [];
let certificateId = '';
let claimId = '';
let participantsBefore = 0;

describe('journey: register → attendance → certificate signed → SCB file → claim closed → indicators', () => {
  beforeAll(async () => {
    const db = e2e.db;
    // Set-up in the database (what other pillars' pages would do, and the calendar): Ebba E2e, a new employee
    // of the first demo company (the one Hanna HR — company@example.org — and Pelle Deltagare belong to),
    // with a participant login that uses the demo password (Pelle's password hash), enrolled on an approved
    // course of the demo provider (provider@example.org) on an occasion held LAST month with two sessions,
    // no attendance yet. The UI cannot create an occasion in the past, hence the SQL.
    const [pelle] = await db.query<{ companyId: string; hash: string }>(
      `SELECT m.company_id AS "companyId", u.password_hash AS hash FROM users u
         JOIN memberships m ON m.user_id = u.id AND m.role = 'participant'
        WHERE u.email = 'participant@example.org'`,
    );
    const [course] = await db.query<{ id: string }>(
      `SELECT k.id FROM courses k JOIN memberships m ON m.organisation_id = k.provider_org_id AND m.role = 'provider'
         JOIN users u ON u.id = m.user_id
        WHERE u.email = 'provider@example.org' AND k.status = 'approved' ORDER BY k.title LIMIT 1`,
    );
    if (!pelle || !course) throw new Error('demo data missing');
    companyId = pelle.companyId;
    const userId = randomUUID();
    const learnerId = randomUUID();
    occasionId = randomUUID();
    sessionIds = [randomUUID(), randomUUID()];
    await db.query(
      `INSERT INTO users (id, email, name, password_hash, locale) VALUES ($1, $2, 'Ebba E2e', $3, 'sv')`,
      [userId, EBBA_EMAIL, pelle.hash],
    );
    await db.query(
      `INSERT INTO memberships (id, user_id, role, company_id) VALUES ($1, $2, 'participant', $3)`,
      [randomUUID(), userId, companyId],
    );
    await db.query(
      `INSERT INTO learners (id, company_id, first_name, last_name, email, gender, user_id)
       VALUES ($1, $2, 'Ebba', 'E2e', $3, 'woman', $4)`,
      [learnerId, companyId, EBBA_EMAIL, userId],
    );
    await db.query(
      `INSERT INTO course_occasions (id, course_id, starts_on, ends_on, seats, enrolment_deadline)
       VALUES ($1, $2, $3::date, $4::date, 10, $3::date)`,
      [occasionId, course.id, `${MONTH}-14`, `${MONTH}-15`],
    );
    // 180 minutes (3 whole hours) and 150 minutes (2 whole hours): 5 hours on the certificate.
    await db.query(
      `INSERT INTO course_sessions (id, occasion_id, starts_at, ends_at, activity) VALUES
         ($1, $3, ($4 || ' 08:00')::timestamp AT TIME ZONE 'Europe/Stockholm',
                  ($4 || ' 11:00')::timestamp AT TIME ZONE 'Europe/Stockholm', 'teaching'),
         ($2, $3, ($5 || ' 12:00')::timestamp AT TIME ZONE 'Europe/Stockholm',
                  ($5 || ' 14:30')::timestamp AT TIME ZONE 'Europe/Stockholm', 'practice')`,
      [sessionIds[0], sessionIds[1], occasionId, `${MONTH}-14`, `${MONTH}-15`],
    );
    await db.query(
      `INSERT INTO enrolments (id, occasion_id, learner_id, company_id, status, paid_by)
       VALUES ($1, $2, $3, $4, 'enrolled', 'company')`,
      [randomUUID(), occasionId, learnerId, companyId],
    );
  });

  test('the ESF administrator registers Ebba: one error first, then the masked number and the reveal', async () => {
    const page = await as(ESF);
    participantsBefore = await participantsFigure(page);
    await visit(page, '/esf', 'ESF home');
    await shot(page, 'esf-home');
    await visit(page, '/esf/participants', 'participants');
    const link = page.getByTestId('learner-sources').getByRole('link', { name: 'Registrera Ebba E2e' });
    await link.click();
    await page.waitForURL(/\/esf\/participants\/new\?learner=/);
    await axeCheck(page, 'register participant (from a learner)');
    expect(await page.getByTestId('eligibility').textContent()).toContain('SME med arbetsställe i regionen');
    await page.getByLabel('Personnummer eller samordningsnummer').fill(PNR);
    await page.getByLabel('Kontaktperson på företaget').selectOption({ label: 'Hanna HR' });
    await page.getByLabel('Deltagaren har fått och bekräftat informationstexten ovan').check();
    // The eligibility box is left unticked: the error summary, and the number is not echoed back.
    await submit(page, page.getByRole('button', { name: 'Registrera', exact: true }));
    const summary = page.locator('[data-error-summary]');
    expect(await summary.textContent()).toContain('Bekräfta att deltagaren är anställd på företaget.');
    expect(await page.getByLabel('Personnummer eller samordningsnummer').inputValue()).toBe('');
    expect(await page.content()).not.toContain(PNR.slice(9));
    expect(await page.getByLabel('Förnamn').inputValue()).toBe('Ebba');
    await axeCheck(page, 'register participant with errors');
    await shot(page, 'esf-register-errors');

    await page.getByLabel('Personnummer eller samordningsnummer').fill(PNR);
    await page.getByLabel('Kontaktperson på företaget').selectOption({ label: 'Hanna HR' });
    await page.getByLabel('Deltagaren har fått och bekräftat informationstexten ovan').check();
    await page.getByLabel('Jag har kontrollerat att deltagaren är anställd på företaget').check();
    await page.getByRole('button', { name: 'Registrera', exact: true }).click();
    await page.waitForURL(/\/esf\/participants\/[0-9a-f-]{36}$/);
    const facts = (await page.getByTestId('participant-facts').textContent()) ?? '';
    expect(facts).toContain(MASKED);
    expect(facts).toContain('Hanna HR');
    expect(await page.content()).not.toContain(PNR);
    await axeCheck(page, 'participant');
    await submit(page, page.getByRole('button', { name: 'Visa hela numret' }));
    expect(await page.getByTestId('revealed').textContent()).toContain(PNR);
    await axeCheck(page, 'participant with the number revealed');
    await shot(page, 'esf-participant-revealed');
  });

  test('the provider takes the roll-call of both sessions', async () => {
    const page = await as('provider@example.org');
    for (const [i, id] of sessionIds.entries()) {
      await visit(page, `/training/sessions/${id}/attendance`, `roll-call ${i + 1}`);
      expect(await page.getByTestId('rollcall-learner').filter({ hasText: 'Ebba' }).count()).toBe(1);
      // Prefilled with the whole session.
      await submit(page, page.getByTestId('rollcall-save'));
      expect(await page.getByText('Närvaron är sparad.').count()).toBeGreaterThan(0);
    }
    const minutes = await e2e.db.query<{ minutes: number }>(
      `SELECT a.minutes FROM attendance a JOIN course_sessions s ON s.id = a.session_id
        WHERE s.occasion_id = $1 ORDER BY s.starts_at`,
      [occasionId],
    );
    expect(minutes.map((r) => r.minutes)).toEqual([180, 150]);
  });

  test("last month's certificate: generated, confirmed by Ebba, signed by Hanna HR", async () => {
    const page = await as(ESF);
    await visit(page, `/esf/certificates?month=${MONTH}`, 'certificates of last month');
    await submit(page, page.getByRole('button', { name: 'Skapa tidsintyg för månaden' }));
    expect(await page.content()).toContain('Nya: 1.');
    const row = page.getByTestId('certificates').locator('tr', { hasText: 'E2e' });
    expect(await row.textContent()).toContain('Utkast');
    expect(await row.textContent()).toContain(MASKED);
    await axeCheck(page, 'certificates generated');
    await shot(page, 'esf-certificates');
    await row.getByRole('link').first().click();
    await page.waitForURL(/\/esf\/certificates\/[0-9a-f-]{36}$/);
    certificateId = new URL(page.url()).pathname.split('/')[3] as string;
    expect(await page.getByTestId('total-hours').textContent()).toBe('5');
    await axeCheck(page, 'certificate (draft)');

    const ebba = await as(EBBA_EMAIL);
    await visit(ebba, '/my/certificates', 'my certificates (draft)');
    const mine = ebba.getByTestId('my-certificate').filter({ hasText: MONTH });
    expect(await mine.getByTestId('total-hours').textContent()).toBe('5');
    await mine.getByLabel('Jag bekräftar att uppgifterna stämmer').check();
    await submit(ebba, mine.getByRole('button', { name: 'Skriv under' }));
    expect(await ebba.getByText('Tack! Du har bekräftat tidsintyget.').count()).toBe(1);
    await axeCheck(ebba, 'my certificates (confirmed)');
    await shot(ebba, 'esf-my-certificates');

    // Before the manager signs, the ESF administrator opens a claim period for the month: it lists Ebba's
    // problems — her start (known from her first attendance) is not in a produced SCB version yet, and her
    // certificate is not signed — and refuses to close.
    await visit(page, '/esf/claims', 'claim periods');
    await page.getByLabel('Första månad').fill(MONTH);
    await page.getByLabel('Sista månad').fill(MONTH);
    await page.getByRole('button', { name: 'Skapa period' }).click();
    await page.waitForURL(/\/esf\/claims\/[0-9a-f-]{36}$/);
    claimId = new URL(page.url()).pathname.split('/')[3] as string;
    const problems = page.getByTestId('claim-problems').locator('li');
    expect(await problems.evaluateAll((li) => li.map((x) => x.getAttribute('data-problem')))).toEqual([
      'startNotReported',
      'unsigned',
    ]);
    expect((await problems.allTextContents())[1]).toBe(
      `${MONTH}: tidsintyget för Ebba E2e är inte signerat. Åtgärda`,
    );
    expect(await problems.nth(1).getByRole('link').getAttribute('href')).toBe(
      `/esf/certificates/${certificateId}`,
    );
    // Closing is refused while problems exist: the page answers with an alert and the list.
    await submit(page, page.getByRole('button', { name: 'Stäng perioden' }));
    expect(await page.locator('[data-error-summary]').textContent()).toContain(
      'Perioden kan inte stängas: åtgärda bristerna i listan.',
    );
    expect(await problems.count()).toBe(2);
    await axeCheck(page, 'claim period with problems, closing refused');
    await shot(page, 'esf-claim-problems');

    const hr = await as(HR);
    await visit(hr, '/esf/certificates/sign', 'certificates to sign');
    await hr.getByLabel(`Välj tidsintyget för Ebba E2e ${MONTH}`).check();
    await hr.locator('#f-reviewed').check();
    await submit(hr, hr.getByRole('button', { name: 'Skriv under valda' }));
    expect(await hr.content()).toContain('1 tidsintyg har skrivits under.');
    await axeCheck(hr, 'certificates signed');
    await shot(hr, 'esf-certificates-sign');

    await page.goto(`/esf/certificates/${certificateId}`);
    expect(await page.getByTestId('signatures').textContent()).toMatch(/Deltagare: Ebba E2e[\s\S]*Hanna HR/);
    await axeCheck(page, 'certificate (signed)');
  });

  test('last month gets a new SCB version with Ebba; the downloaded XLSX has her full number', async () => {
    const page = await as(ESF);
    await visit(page, '/esf/scb', 'SCB months');
    // Ebba started in last month, which was produced before she had attended: the month shows a change since
    // it was produced.
    expect(await page.getByTestId(`state-${MONTH}`).textContent()).toBe('Framställd, ej skickad');
    expect(await page.getByTestId(`changes-${MONTH}`).count()).toBe(1);
    await shot(page, 'esf-scb');
    await page.getByRole('link', { name: `Visa ${MONTH}` }).click();
    await page.waitForURL(`**/esf/scb/${MONTH}`);
    await axeCheck(page, 'SCB month');
    // A new version of a produced month needs a reason.
    await page.getByLabel('Orsak').fill('');
    await submit(page, page.getByRole('button', { name: 'Framställ version 2' }));
    expect(await page.locator('[data-error-summary]').textContent()).toContain(
      'Ange varför månaden framställs igen.',
    );
    await axeCheck(page, 'SCB month with errors');
    await page.getByLabel('Orsak').fill('Ebba E2e registrerades efter att månaden framställdes.');
    await submit(page, page.getByRole('button', { name: 'Framställ version 2' }));
    expect(await page.content()).toContain(`${MONTH} är framställd som version 2.`);
    const rows = (await page.getByTestId('scb-rows').textContent()) ?? '';
    expect(rows).toContain('Ebba');
    expect(rows).toContain(MASKED);
    expect(await page.content()).not.toContain(PNR);
    await axeCheck(page, 'SCB month, version 2');
    await shot(page, 'esf-scb-month');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Version 2 som Excel' }).click(),
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await readFile(await download.path())) as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    const values: string[][] = [];
    sheet?.eachRow((r) => values.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    const ebbaRow = values.find((r) => r.includes('Ebba'));
    expect(ebbaRow).toBeDefined();
    expect(ebbaRow?.some((v) => v.replace('-', '') === PNR.replace('-', ''))).toBe(true);
  });

  test('the claim period for last month has no problems left and is closed', async () => {
    const page = await as(ESF);
    // The period made before the manager signed: with the certificate signed and the start reported in
    // last month's new SCB version, no problem is left.
    await visit(page, '/esf/claims', 'claim periods (one open)');
    await page.locator(`a[href="/esf/claims/${claimId}"]`).click();
    await page.waitForURL(`**/esf/claims/${claimId}`);
    await axeCheck(page, 'claim period without problems');
    await shot(page, 'esf-claim-open');
    expect(await page.getByTestId('claim-problems').locator('li').allTextContents()).toEqual([]);
    expect(await page.getByTestId('claim-no-problems').count()).toBe(1);
    // Ebba's employer's row: her 5 certified hours are in it, and nothing is left unsigned.
    const [company] = await e2e.db.query<{ name: string }>('SELECT name FROM companies WHERE id = $1', [
      companyId,
    ]);
    const cells = await page
      .getByTestId('claim-summary')
      .locator('tbody tr', { hasText: company?.name as string })
      .locator('td')
      .allTextContents();
    const [participants, hours, certified, signed, unsigned] = cells.slice(-5).map(Number);
    expect(participants).toBeGreaterThanOrEqual(2); // Ebba and the demo's Pelle Deltagare
    expect(certified).toBe(hours);
    expect(certified).toBeGreaterThanOrEqual(5);
    expect([signed, unsigned]).toEqual([participants, 0]);
    await submit(page, page.getByRole('button', { name: 'Stäng perioden' }));
    expect(await page.getByTestId('claim-closed').count()).toBe(1);
    await axeCheck(page, 'claim period closed');
    await shot(page, 'esf-claim-closed');
    const [row] = await e2e.db.query<{ status: string }>(
      'SELECT status FROM esf_claim_periods WHERE id = $1',
      [claimId],
    );
    expect(row?.status).toBe('closed');
  });

  test('the indicators count Ebba among the participants who started', async () => {
    const page = await as(ESF);
    expect(await participantsFigure(page)).toBe(participantsBefore + 1);
    await axeCheck(page, 'indicators');
    await shot(page, 'esf-indicators');
    await page.getByRole('link', { name: /Raderna bakom: Deltagare som startat$/ }).click();
    await page.waitForURL(/\/esf\/indicators\/rows\?figure=participants/);
    expect(await page.content()).toContain('Ebba');
    expect(await page.content()).toContain(MASKED);
    await axeCheck(page, 'indicator rows: participants');
  });
});

test('every other ESF page passes axe', async () => {
  const page = await as(ESF);
  for (const [url, label] of [
    ['/esf/rules', 'programme rules'],
    ['/esf/deminimis', 'de minimis'],
    [`/esf/deminimis/${companyId}`, 'de minimis of a company'],
    ['/esf/economy', 'economy'],
    ['/esf/reports', 'progress reports'],
    ['/esf/participants/new', 'register by hand'],
  ] as const)
    await visit(page, url, label);
  await page.goto('/esf/economy');
  await shot(page, 'esf-economy');
  await page.goto('/esf/reports');
  await page.locator('a[href^="/esf/reports/"]:not([href$=".pdf"])').first().click();
  await page.waitForURL(/\/esf\/reports\/[0-9a-f-]{36}$/);
  await axeCheck(page, 'progress report');
  await shot(page, 'esf-report');
  // The demo's certificates of this month, partly signed.
  const [cert] = await e2e.db.query<{ id: string }>(
    `SELECT id FROM esf_certificates WHERE month = to_char(now() AT TIME ZONE 'Europe/Stockholm', 'YYYY-MM')
      ORDER BY status, id LIMIT 1`,
  );
  await visit(page, `/esf/certificates/${cert?.id}`, 'a certificate of this month');
  await visit(await as('participant@example.org'), '/my/certificates', 'my certificates (demo participant)');
  await visit(await as(HR), '/esf/certificates/sign', 'certificates to sign (after signing)');
});
