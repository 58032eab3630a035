// Shared set-up of the LTI tests: a region with two providers, their users, a region administrator, a
// company with a participant (learner), and a tool registered through the HTTP form.
import type { FastifyInstance } from 'fastify';
import { apiToken, Client, makeUser, type TestUser } from '../../../test/app.ts';
import { makeCompany } from '../../../test/factories.ts';
import type { Db } from '../../platform/db.ts';
import { createProvider, ensureRegion } from '../organisations/index.ts';

export const TOOL = {
  login: 'https://tool.example.test/lti/login',
  launch: 'https://tool.example.test/lti/launch',
  other: 'https://other.example.test/launch',
};

export interface World {
  regionId: string;
  providerA: string;
  providerB: string;
  userA: TestUser;
  userB: TestUser;
  admin: TestUser;
  learner: TestUser;
  learner2: TestUser;
  contact: TestUser;
}

export async function makeWorld(db: Db): Promise<World> {
  const regionId = await ensureRegion(db, '07');
  const providerA = await createProvider(db, regionId, 'Anordnare A', null);
  const providerB = await createProvider(db, regionId, 'Anordnare B', null);
  const admin = await makeUser(db, [{ role: 'region_admin', org: 'region' }]);
  const company = await makeCompany(db, admin, { name: 'Lärande AB' });
  return {
    regionId,
    providerA,
    providerB,
    admin,
    userA: await makeUser(db, [{ role: 'provider', org: providerA }]),
    userB: await makeUser(db, [{ role: 'provider', org: providerB }]),
    learner: await makeUser(db, [{ role: 'participant', org: `company:${company}` }], {
      name: 'Lina Lärande',
      email: 'lina@example.test',
    }),
    learner2: await makeUser(db, [{ role: 'participant', org: `company:${company}` }]),
    contact: await makeUser(db, [{ role: 'company_contact', org: `company:${company}` }]),
  };
}

export const toolForm = (providerOrgId: string, overrides: Record<string, string> = {}) => ({
  providerOrgId,
  name: 'Svetsträning VR',
  loginUrl: TOOL.login,
  redirectUris: `${TOOL.launch}\n${TOOL.other}`,
  targetLinkUri: TOOL.launch,
  jwksUrl: 'https://tool.example.test/lti/keys',
  ...overrides,
});

/** Register a tool through the page form and a link through the API; returns their ids. */
export async function registerTool(
  app: FastifyInstance,
  db: Db,
  user: TestUser,
  providerOrgId: string,
  overrides: Record<string, string> = {},
): Promise<{ toolId: string; linkId: string; clientId: string; deploymentId: string }> {
  const client = await Client.as(app, db, user);
  const res = await client.post('/lti/tools', toolForm(providerOrgId, overrides));
  if (res.statusCode !== 303) throw new Error(`tool not created: ${res.statusCode}`);
  const toolId = String(res.headers.location).split('/').pop() as string;
  const token = await apiToken(db, user.id);
  const linkRes = await app.inject({
    method: 'POST',
    url: `/api/v1/lti/tools/${toolId}/links`,
    headers: { authorization: `Bearer ${token}` },
    payload: {
      title: 'Modul 1: MIG-svetsning',
      targetUrl: `${TOOL.launch}?module=1`,
      custom: { module: '1' },
    },
  });
  if (linkRes.statusCode !== 201) throw new Error(`link not created: ${linkRes.body}`);
  const body = linkRes.json() as {
    tool: { clientId: string; deploymentId: string };
    links: { id: string }[];
  };
  return {
    toolId,
    linkId: body.links[0]?.id as string,
    clientId: body.tool.clientId,
    deploymentId: body.tool.deploymentId,
  };
}
