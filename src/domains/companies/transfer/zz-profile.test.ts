import { it } from 'vitest';
import { makeUser, testApp } from '../../../../test/app.ts';
import { testDb } from '../../../../test/db.ts';
import { actorForUser } from '../../accounts/index.ts';
import { companyInput } from '../schema.ts';
import { evaluateRows } from './evaluate.ts';
import { newCompanyRaw } from './rows.ts';
import { parseUpload } from './parse.ts';
import { listMunicipalities } from '../../reference/index.ts';
import { csv, row } from './test-support.ts';

it('profile', async () => {
  const db = await testDb();
  await testApp(db);
  const admin = await makeUser(db, [{ role: 'region_admin', org: 'region' }]);
  const actor = await actorForUser(db, admin.id, 'session');
  if (!actor) throw new Error();
  const text = csv(Array.from({ length: 1000 }, () => row()));
  for (let k = 0; k < 3; k++) {
    let t = performance.now();
    const p = await parseUpload(Buffer.from(text));
    console.log('parse', performance.now() - t);
    if (!p.ok) throw new Error();
    t = performance.now();
    await listMunicipalities(db);
    console.log('munis', performance.now() - t);
    t = performance.now();
    for (const r of p.sheet.records) companyInput.safeParse(newCompanyRaw(r.values, '0781'));
    console.log('zod', performance.now() - t);
    t = performance.now();
    await evaluateRows(db, actor, p.sheet.records, 'skip');
    console.log('evaluate', performance.now() - t);
  }
});
