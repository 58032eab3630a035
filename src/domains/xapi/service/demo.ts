// Demo data: read-only LRS credentials of the demo region for an analytics tool, so that /admin/xapi shows an
// issued credential on a first start (its secret is not kept anywhere: issue a new one to try the LRS).

import type { Db } from '../../../platform/db.ts';
import { actorForUser } from '../../accounts/index.ts';
import { createClient } from './clients.ts';

const NAME = 'Analysverktyg (demo)';

export async function seedXapiDemo(db: Db): Promise<void> {
  const [admin] = await db.query<{ userId: string }>(
    `SELECT m.user_id AS "userId" FROM memberships m WHERE m.role = 'region_admin' ORDER BY m.created_at LIMIT 1`,
  );
  if (!admin) return;
  if ((await db.query('SELECT 1 FROM xapi_clients WHERE name = $1', [NAME])).length > 0) return;
  const actor = await actorForUser(db, admin.userId, 'session');
  if (!actor) return;
  await createClient(db, actor, { name: NAME, scopes: ['read'] }, '127.0.0.1');
}
