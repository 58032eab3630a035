// Demo data: one registered LTI tool of the demo provider with staff, with a resource link, so that the tool
// pages show a configured tool on a first start. The tool's addresses are under example.org (no such tool
// answers: a launch from the demo stops at the tool's login page).

import type { Db } from '../../../platform/db.ts';
import { actorForUser } from '../../accounts/index.ts';
import { newLinkInput, newToolInput } from '../schema.ts';
import { createLink, createTool } from './tools.ts';

const TOOL = 'Trucksimulatorn (demo)';

export async function seedLtiDemo(db: Db): Promise<void> {
  const [provider] = await db.query<{ userId: string }>(
    `SELECT m.user_id AS "userId" FROM memberships m JOIN organisations o ON o.id = m.organisation_id
      WHERE m.role = 'provider' AND o.name LIKE '%(demo)' ORDER BY o.name LIMIT 1`,
  );
  if (!provider) return;
  const exists = await db.query('SELECT 1 FROM lti_tools WHERE name = $1', [TOOL]);
  if (exists.length > 0) return;
  const actor = await actorForUser(db, provider.userId, 'session');
  const providerOrgId = actor?.memberships.find((m) => m.role === 'provider')?.organisationId;
  if (!actor || !providerOrgId) return;
  const w = { actor, ip: '127.0.0.1' };
  const toolId = await createTool(
    db,
    w,
    newToolInput.parse({
      name: TOOL,
      providerOrgId,
      loginUrl: 'https://simulator.example.org/lti/login',
      redirectUris: 'https://simulator.example.org/lti/launch',
      targetLinkUri: 'https://simulator.example.org/lti/launch',
    }),
  );
  await createLink(
    db,
    w,
    toolId,
    newLinkInput.parse({
      title: 'Övningskörning: lastning och lossning',
      targetUrl: 'https://simulator.example.org/lti/launch?exercise=lastning',
      custom: 'exercise=lastning\nlevel=1',
    }),
  );
}
