// Stored hostile text is inert in a real browser: script-like payloads in company names, coaching notes, plan
// actions and goals, instrument question texts, course texts, digital lessons (Markdown) and an echoed search
// query never run, never become a
// `javascript:` link, and show as text.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import type { SqlParam } from '../../src/platform/db.ts';
import { type E2e, login, startE2e } from '../browser.ts';

vi.setConfig({ testTimeout: 90_000 });

const PAYLOADS = [
  '<script>window.__xss=1</script>',
  '<img src=x onerror="window.__xss=1">',
  '<svg onload="window.__xss=1"></svg>',
  '[klicka](javascript:window.__xss=1)',
  '"><iframe src="javascript:window.__xss=1"></iframe>',
];
const TEXT = PAYLOADS.join(' ');

let e2e: E2e;
const pages: Record<string, { who: string; url: string }[]> = {};

const one = async (sql: string, args: SqlParam[] = []): Promise<string> => {
  const rows = await e2e.db.query<{ v: string }>(sql, args);
  if (!rows[0]) throw new Error(`no row: ${sql}`);
  return rows[0].v;
};

beforeAll(async () => {
  e2e = await startE2e();
  // The payloads go straight into the stored columns: the fuzz suite drives the forms and API with the same
  // values; here the question is only what the browser does with them when pages show them again.
  const coach = await one(`SELECT id AS v FROM users WHERE email = 'coach@example.org'`);
  const engagement = await one(
    `SELECT e.id AS v FROM engagements e JOIN engagement_coaches c ON c.engagement_id = e.id
      WHERE c.user_id = $1 AND c.removed_by IS NULL
        AND EXISTS (SELECT 1 FROM coaching_meetings m WHERE m.engagement_id = e.id)
      ORDER BY e.id LIMIT 1`,
    [coach],
  );
  const company = await one('SELECT company_id AS v FROM engagements WHERE id = $1', [engagement]);
  const meeting = await one(
    'SELECT id AS v FROM coaching_meetings WHERE engagement_id = $1 ORDER BY id LIMIT 1',
    [engagement],
  );
  await e2e.db.query('UPDATE companies SET name = $2 WHERE id = $1', [company, TEXT.slice(0, 200)]);
  await e2e.db.query('UPDATE coaching_meetings SET agenda = $2, notes = $2, decisions = $2 WHERE id = $1', [
    meeting,
    TEXT,
  ]);
  const course = await one(`SELECT id AS v FROM courses ORDER BY id LIMIT 1`);
  await e2e.db.query('UPDATE courses SET title = $2, description = $3 WHERE id = $1', [
    course,
    TEXT.slice(0, 300),
    TEXT,
  ]);
  const dlCourse = await one(
    `SELECT v.course_id AS v FROM dl_course_versions v JOIN dl_modules m ON m.version_id = v.id
       JOIN dl_lessons l ON l.module_id = m.id WHERE v.status = 'published' AND l.kind = 'text' ORDER BY v.id LIMIT 1`,
  );
  await e2e.db.query(
    `UPDATE dl_lessons SET body = $2, title = $3 WHERE module_id IN
       (SELECT m.id FROM dl_modules m JOIN dl_course_versions v ON v.id = m.version_id WHERE v.course_id = $1)`,
    [dlCourse, TEXT, TEXT.slice(0, 300)],
  );
  await e2e.db.query(`UPDATE dl_course_versions SET title = $2, summary = $3 WHERE course_id = $1`, [
    dlCourse,
    TEXT.slice(0, 300),
    TEXT,
  ]);
  const planEngagement = await one(
    `SELECT p.engagement_id AS v FROM coaching_plans p JOIN engagement_coaches c ON c.engagement_id = p.engagement_id
      WHERE c.user_id = $1 AND c.removed_by IS NULL AND EXISTS (SELECT 1 FROM plan_actions a WHERE a.plan_id = p.id)
      ORDER BY p.engagement_id LIMIT 1`,
    [coach],
  );
  const action = await one(
    `SELECT a.id AS v FROM plan_actions a JOIN coaching_plans p ON p.id = a.plan_id
      WHERE p.engagement_id = $1 ORDER BY a.position LIMIT 1`,
    [planEngagement],
  );
  await e2e.db.query('UPDATE plan_actions SET title = $2, owner_name = $3 WHERE id = $1', [
    action,
    TEXT.slice(0, 500),
    TEXT.slice(0, 200),
  ]);
  await e2e.db.query(
    `UPDATE plan_goals SET title = $2, measure = $2
      WHERE plan_id = (SELECT id FROM coaching_plans WHERE engagement_id = $1)`,
    [planEngagement, TEXT.slice(0, 500)],
  );
  // Published instruments are immutable: a regional draft copy gets the payload in its first question.
  const instrument = await one(
    `INSERT INTO mapping_instruments (id, region_id, key, version, status, definition)
     SELECT gen_random_uuid(), (SELECT region_id FROM engagements WHERE id = $1), key, version + 100, 'draft',
            jsonb_set(jsonb_set(definition, '{version}', to_jsonb(version + 100)),
                      '{sections,0,questions,0,label}', $2::jsonb)
       FROM mapping_instruments WHERE status = 'published' ORDER BY key, version LIMIT 1
     RETURNING id AS v`,
    [engagement, JSON.stringify({ sv: TEXT.slice(0, 300), en: TEXT.slice(0, 300) })],
  );
  const q = encodeURIComponent(PAYLOADS[1] as string);
  pages.regionAdmin = [
    { who: 'region.admin@example.org', url: `/companies/${company}` },
    { who: 'region.admin@example.org', url: `/companies?q=${q}` },
    { who: 'region.admin@example.org', url: `/training/courses/${course}` },
    { who: 'region.admin@example.org', url: `/learning/courses/${dlCourse}` },
    { who: 'region.admin@example.org', url: `/learning/courses/${dlCourse}/preview` },
    { who: 'region.admin@example.org', url: `/mapping/instruments/${instrument}` },
    { who: 'region.admin@example.org', url: `/mapping/instruments/${instrument}/edit` },
  ];
  pages.coach = [
    { who: 'coach@example.org', url: `/coaching/${engagement}` },
    { who: 'coach@example.org', url: `/coaching/${engagement}/meetings/${meeting}` },
    { who: 'coach@example.org', url: '/coaching' },
    { who: 'coach@example.org', url: `/coaching/${planEngagement}/plan` },
    { who: 'coach@example.org', url: `/coaching/${planEngagement}/plan/actions/${action}/edit` },
  ];
}, 120_000);

afterAll(async () => {
  await e2e?.close();
});

async function assertInert(page: Page, dialogs: string[], url: string): Promise<void> {
  const res = await page.goto(url);
  expect(res?.status(), url).toBe(200);
  await page.waitForLoadState('load');
  expect(dialogs, url).toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss), url).toBeUndefined();
  const jsLinks = await page.evaluate(
    () =>
      [...document.querySelectorAll('[href], [src], [action], [formaction]')]
        .map((el) => ['href', 'src', 'action', 'formaction'].map((a) => el.getAttribute(a) ?? '').join(' '))
        .filter((v) => /javascript:/i.test(v)).length,
  );
  expect(jsLinks, `javascript: URL in the DOM of ${url}`).toBe(0);
  const injected = await page.evaluate(
    () => document.querySelectorAll('img[src="x"], svg[onload], iframe, script:not([src])').length,
  );
  expect(injected, `injected element on ${url}`).toBe(0);
}

describe('stored hostile text stays text', () => {
  for (const group of ['regionAdmin', 'coach']) {
    test(`pages seen by ${group}`, async () => {
      const { page, dialogs } = await e2e.newPage();
      const list = pages[group] ?? [];
      await login(page, list[0]?.who as string);
      for (const { url } of list) await assertInert(page, dialogs, url);
      // The payload is shown as visible text somewhere on the first page of the group.
      await page.goto(list[0]?.url as string);
      expect(await page.locator('body').textContent()).toContain('<script>window.__xss=1</script>');
    });
  }
});
