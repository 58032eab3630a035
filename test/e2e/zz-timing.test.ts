import { afterAll, beforeAll, test } from 'vitest';
import { axeScan, type E2e, login, shot, startE2e } from '../browser.ts';
let e2e: E2e;
beforeAll(async () => { e2e = await startE2e(); });
afterAll(async () => { await e2e?.close(); });
test('timing', async () => {
  const { page } = await e2e.newPage();
  let t = Date.now();
  const lap = (l: string) => { console.log(l, Date.now() - t); t = Date.now(); };
  await login(page, 'officer.ljungby@example.org'); lap('login');
  await page.goto('/companies'); lap('goto list');
  await axeScan(page); lap('axe list');
  await axeScan(page); lap('axe list again');
  await shot(page, 'tmp'); lap('shot list');
  await page.goto('/companies/new'); lap('goto new');
  await axeScan(page); lap('axe new');
  await shot(page, 'tmp'); lap('shot new');
}, 120000);
