// Digital learning (issue 7) in the browser, one app and browser over the demo database. The journey, on a
// small phone screen (360 × 740): the demo participant enrols on a digital course she has not started, does the
// first lesson and leaves; she comes back in a new browser session and the resume link takes her to the lesson
// where she left off; she fails the quiz once (feedback), passes it, completes the course and rates it; she
// downloads her Open Badges credential, shares it, and an anonymous visitor's verification page says it is
// genuine. Then the other pages of the pillar are axe-scanned as their users see them: the provider's authoring
// pages and LTI tools, the issued credentials, the region's study page and xAPI credentials, the company
// contact's overview. Screenshots go to /tmp/e2e-shots.

import type { BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { axeCheck, type E2e, login, shot, startE2e } from '../browser.ts';

vi.setConfig({ testTimeout: 120_000 });

let e2e: E2e;
beforeAll(async () => {
  e2e = await startE2e();
});
afterAll(async () => {
  await e2e?.close();
});

const PHONE: BrowserContextOptions = {
  viewport: { width: 360, height: 740 },
  isMobile: true,
  hasTouch: true,
};
const PARTICIPANT = 'participant@example.org';
const visit = (page: Page, url: string, label: string) => page.goto(url).then(() => axeCheck(page, label));
const submit = (page: Page, button: ReturnType<Page['locator']>) =>
  Promise.all([page.waitForNavigation(), button.click()]);

async function phoneAs(email: string): Promise<Page> {
  const { page } = await e2e.newPage(PHONE);
  await login(page, email);
  return page;
}

/** A published course the demo participant has not enrolled on. */
async function unstartedCourse(): Promise<{ id: string; title: string }> {
  const rows = await e2e.db.query<{ id: string; title: string }>(
    `SELECT c.id, v.title FROM dl_courses c
       JOIN dl_course_versions v ON v.course_id = c.id AND v.status = 'published'
      WHERE NOT EXISTS (SELECT 1 FROM dl_enrolments e JOIN users u ON u.id = e.user_id
                         WHERE e.course_id = c.id AND u.email = $1)
      ORDER BY v.title LIMIT 1`,
    [PARTICIPANT],
  );
  const row = rows[0];
  if (!row) throw new Error('the demo has no digital course left for the participant');
  return row;
}

/** Answer every question of the quiz on the page: rightly, or with one wrong choice per question. */
async function answerQuiz(page: Page, right: boolean): Promise<void> {
  const correct = new Set(
    (await e2e.db.query<{ id: string }>('SELECT id FROM dl_options WHERE correct')).map((r) => r.id),
  );
  for (const fieldset of await page.locator('form fieldset').all()) {
    const inputs = await fieldset.locator('input[type="radio"], input[type="checkbox"]').all();
    let wrongDone = false;
    for (const input of inputs) {
      const isCorrect = correct.has((await input.getAttribute('value')) ?? '');
      if (right ? isCorrect : !isCorrect && !wrongDone) {
        await input.check();
        if (!right) wrongDone = true;
      }
    }
  }
}

describe('digital learning: a learner on a phone, from enrolment to a verified credential', () => {
  let course: { id: string; title: string };
  let lessonToResume = '';
  let credentialUrl = '';

  test('enrols from the catalogue of digital courses and does the first lesson', async () => {
    course = await unstartedCourse();
    const page = await phoneAs(PARTICIPANT);
    expect(await visit(page, '/learning', 'digital courses')).toEqual([]);
    await page.getByRole('link', { name: `Om kursen: ${course.title}` }).click();
    await page.waitForURL(`**/learning/${course.id}`);
    expect(await axeCheck(page, 'digital course page')).toEqual([]);
    await submit(page, page.getByRole('button', { name: 'Anmäl mig till kursen' }));
    expect(await axeCheck(page, 'course overview')).toEqual([]);
    await expect.poll(() => page.getByText(/0 av \d+ lektioner klara/).count()).toBe(1);
    await page.getByRole('link', { name: 'Börja kursen' }).click();
    await page.waitForURL(/\/lessons\//);
    expect(await axeCheck(page, 'lesson player')).toEqual([]);
    // No horizontal scrolling on a 360 px screen.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await shot(page, 'elearning-lesson-phone');
    await submit(page, page.getByRole('button', { name: 'Markera som klar och fortsätt' }));
    await page.waitForURL(/\/lessons\//);
    lessonToResume = new URL(page.url()).pathname;
    await page.context().close();
  });

  test('comes back later and resumes where she left off', async () => {
    const page = await phoneAs(PARTICIPANT);
    expect(await visit(page, '/my/learning', 'my learning')).toEqual([]);
    const card = page.getByRole('listitem').filter({ hasText: course.title });
    await expect.poll(() => card.getByText(/1 av \d+ lektioner klara/).count()).toBe(1);
    await card.getByRole('link', { name: course.title }).click();
    await page.waitForURL(/\/learning\/e\/[0-9a-f-]+$/);
    await page.getByRole('link', { name: /^Fortsätt där du slutade/ }).click();
    await page.waitForURL(/\/lessons\//);
    expect(new URL(page.url()).pathname).toBe(lessonToResume);

    // Through the rest of the course: mark lessons done; fail the quiz once, then pass it.
    let failedOnce = false;
    for (let step = 0; step < 30; step++) {
      if (await page.getByRole('heading', { name: 'Grattis, kursen är klar!' }).count()) break;
      const quizButton = page.getByRole('button', { name: 'Skicka svaren' });
      if (await quizButton.count()) {
        if (!failedOnce) expect(await axeCheck(page, 'quiz form')).toEqual([]);
        await answerQuiz(page, failedOnce);
        await submit(page, quizButton);
        if (!failedOnce) {
          expect(await page.getByText('Inte godkänt än. Läs återkopplingen och försök igen.').count()).toBe(
            1,
          );
          expect(await axeCheck(page, 'quiz result (failed)')).toEqual([]);
          failedOnce = true;
          await page.getByRole('link', { name: 'Försök igen' }).click();
          await page.waitForURL(/\/lessons\//);
          continue;
        }
        expect(await page.getByText('Godkänt!').count()).toBe(1);
        await shot(page, 'elearning-quiz-passed-phone');
        const next = page.getByRole('link', { name: /Fortsätt till nästa lektion|Till kursavslutningen/ });
        await Promise.all([page.waitForNavigation(), next.first().click()]);
        continue;
      }
      const done = page.getByRole('button', { name: 'Markera som klar och fortsätt' });
      if (await done.count()) {
        await submit(page, done);
        continue;
      }
      const toEnd = page.getByRole('link', { name: 'Till kursavslutningen' });
      if (await toEnd.count()) {
        await Promise.all([page.waitForNavigation(), toEnd.first().click()]);
        continue;
      }
      throw new Error(`stuck at ${page.url()}`);
    }
    expect(failedOnce).toBe(true);
    await expect.poll(() => page.getByRole('heading', { name: 'Grattis, kursen är klar!' }).count()).toBe(1);
    expect(await axeCheck(page, 'course completed')).toEqual([]);

    // The two-question rating.
    await page.locator('input[name="usefulness"][value="5"]').check();
    await page.locator('input[name="recommend"][value="4"]').check();
    await submit(page, page.getByRole('button', { name: 'Skicka omdömet' }));
    expect(await page.getByText('Tack för ditt omdöme!').count()).toBeGreaterThan(0);

    // The credential: download it, then share it.
    await page.getByRole('link', { name: 'Se ditt intyg (digitalt märke)' }).first().click();
    await page.waitForURL('**/my/credentials');
    expect(await axeCheck(page, 'my credentials')).toEqual([]);
    const credRow = page.getByRole('row').filter({ hasText: course.title });
    const jsonLink = credRow.getByRole('link', { name: `JSON-LD för ${course.title}` });
    const download = await page.request.get((await jsonLink.getAttribute('href')) ?? '');
    expect(download.status()).toBe(200);
    expect(download.headers()['content-type']).toContain('application/ld+json');
    const json = JSON.parse(await download.text());
    expect(json.type).toEqual(expect.arrayContaining(['VerifiableCredential', 'OpenBadgeCredential']));
    expect(json.credentialSubject.achievement.name).toBe(course.title);
    // The course's JobTech competences are the achievement's alignments.
    expect(json.credentialSubject.achievement.alignment?.length ?? 0).toBeGreaterThan(0);
    expect(json.proof?.[0]?.cryptosuite ?? json.proof?.cryptosuite).toBe('eddsa-rdfc-2022');
    expect(JSON.stringify(json)).not.toContain(PARTICIPANT);
    await submit(page, credRow.getByRole('button', { name: 'Gör offentligt' }));
    expect(await page.getByText('Kompetensbeviset kan nu kontrolleras av vem som helst.').count()).toBe(1);
    credentialUrl =
      (await page
        .getByRole('row')
        .filter({ hasText: course.title })
        .getByRole('link', { name: 'Kontrollsida' })
        .getAttribute('href')) ?? '';
    expect(credentialUrl).toMatch(/^\/credentials\/[0-9a-f-]+$/);
    await shot(page, 'elearning-credentials-phone');
  });

  test('anyone can verify the shared credential on its public page', async () => {
    const { page } = await e2e.newPage(PHONE);
    expect(await visit(page, credentialUrl, 'public credential page')).toEqual([]);
    expect(await page.getByText('Kompetensbeviset är äkta och giltigt.').count()).toBe(1);
    expect(await page.getByText(course.title).count()).toBeGreaterThan(0);
    await shot(page, 'elearning-credential-public');
  });

  test('the learning statements went to the LRS with an account actor, never an e-mail', async () => {
    const rows = await e2e.db.query<{ verb: string; actor: string }>(
      `SELECT s.statement->'verb'->>'id' AS verb, s.statement->'actor'::text AS actor
         FROM xapi_statements s
        WHERE s.statement->'actor'->'account'->>'name' = (SELECT id::text FROM users WHERE email = $1)
          AND s.statement->'context'->'contextActivities'->'parent' @> $2::jsonb`,
      [
        PARTICIPANT,
        JSON.stringify([{ id: `http://localhost:3000/learning/activities/course/${course.id}` }]),
      ],
    );
    const verbs = new Set(rows.map((r) => r.verb.split('/').pop()));
    for (const v of ['progressed', 'answered', 'failed', 'passed']) expect(verbs).toContain(v);
    for (const r of rows) expect(r.actor).not.toContain('@');
  });
});

describe('digital learning: the other pages of the pillar, axe-scanned', () => {
  test('the provider authors courses and registers LTI tools', async () => {
    const { page } = await e2e.newPage();
    await login(page, 'provider@example.org');
    expect(await visit(page, '/learning/courses', 'authoring list')).toEqual([]);
    const href = await page
      .locator('a[href^="/learning/courses/"]:not([href$="/new"])')
      .first()
      .getAttribute('href');
    const courseUrl = (href ?? '').replace(/\/(edit|preview)$/, '');
    expect(courseUrl).toMatch(/^\/learning\/courses\/[0-9a-f-]+$/);
    expect(await visit(page, courseUrl, 'authoring course overview')).toEqual([]);
    expect(await visit(page, `${courseUrl}/edit`, 'authoring course details')).toEqual([]);
    expect(await visit(page, `${courseUrl}/preview`, 'authoring preview')).toEqual([]);
    expect(await visit(page, '/learning/courses/new', 'authoring new course')).toEqual([]);
    // The editors of a draft's lesson and quiz question.
    const [draft] = await e2e.db.query<{ lesson: string; question: string }>(
      `SELECT l.id AS lesson, q.id AS question FROM dl_course_versions v
         JOIN dl_modules m ON m.version_id = v.id JOIN dl_lessons l ON l.module_id = m.id
         JOIN dl_questions q ON q.lesson_id = l.id
        WHERE v.course_id = $1 AND v.status = 'draft' LIMIT 1`,
      [courseUrl.split('/').pop() ?? ''],
    );
    if (draft) {
      expect(await visit(page, `${courseUrl}/lessons/${draft.lesson}`, 'lesson editor')).toEqual([]);
      expect(await visit(page, `${courseUrl}/questions/${draft.question}`, 'question editor')).toEqual([]);
    }
    expect(await visit(page, '/lti/tools', 'LTI tools')).toEqual([]);
    expect(await page.getByText('Trucksimulatorn (demo)').count()).toBeGreaterThan(0);
    expect(await visit(page, '/lti/tools/new', 'new LTI tool')).toEqual([]);
    await page.getByLabel(/Namn/).first().fill('Simulatorn (e2e)');
    await page
      .getByLabel(/inloggning|login/i)
      .first()
      .fill('https://tool.example/lti/login');
    await page
      .getByLabel(/Omdirigerings|redirect/i)
      .first()
      .fill('https://tool.example/lti/launch');
    await page
      .getByLabel(/Mål-URL|target/i)
      .first()
      .fill('https://tool.example/lti/launch');
    await submit(page, page.getByRole('button', { name: /Spara|Registrera|Lägg till/ }).first());
    expect(page.url()).toMatch(/\/lti\/tools\/[0-9a-f-]+$/);
    expect(await axeCheck(page, 'LTI tool')).toEqual([]);
    expect(await visit(page, '/credentials/issued', 'issued credentials')).toEqual([]);
  });

  test('the region reads the study page and manages xAPI credentials; the company follows its employees', async () => {
    const { page } = await e2e.newPage();
    await login(page, 'region.admin@example.org');
    expect(await visit(page, '/learning/study', 'study page')).toEqual([]);
    expect(await page.getByRole('table').count()).toBeGreaterThan(2);
    await shot(page, 'elearning-study');
    expect(await visit(page, '/admin/xapi', 'xAPI credentials')).toEqual([]);
    expect(await page.getByText('Analysverktyg (demo)').count()).toBeGreaterThan(0);
    const company = (await e2e.newPage(PHONE)).page;
    await login(company, 'company@example.org');
    expect(await visit(company, '/learning/company', 'company learning')).toEqual([]);
  });
});
