import { it } from 'vitest';
import { makeUser, testApp } from '../../../../test/app.ts';
import { testDb } from '../../../../test/db.ts';
import { actorForUser } from '../../accounts/index.ts';
import { createImport, confirmImport } from './import-service.ts';
import { csv, row } from './test-support.ts';

it('profile', async () => {
  const db = await testDb();
  await testApp(db);
  const admin = await makeUser(db, [{ role: 'region_admin', org: 'region' }]);
  const actor = await actorForUser(db, admin.id, 'session');
  if (!actor) throw new Error();
  for (let k = 0; k < 3; k++) {
    const text = csv(Array.from({ length: 1000 }, () => row()));
    let t = performance.now();
    const c = await createImport(db, { actor, ip: '1' }, { fileName: 'a.csv', data: Buffer.from(text) }, 'skip');
    console.log('create', performance.now() - t);
    if (!c.ok) throw new Error();
    t = performance.now();
    await confirmImport(db, { actor, ip: '1' }, c.id);
    console.log('confirm', performance.now() - t);
  }
});
