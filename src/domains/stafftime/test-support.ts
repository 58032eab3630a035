// Shared setup of the staff time tests: a region with two municipality officers, a region admin, an ESF
// admin, an employed coach in Ljungby (coaching one company), a consultant in Alvesta and a company contact.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { actorOf, apiToken, makeUser, type TestUser, testApp } from '../../../test/app.ts';
import { testDb } from '../../../test/db.ts';
import { makeCompany } from '../../../test/factories.ts';
import type { Db } from '../../platform/db.ts';
import { assignCoach } from '../companies/index.ts';

export interface World {
  db: Db;
  app: FastifyInstance;
  admin: TestUser;
  ljungby: TestUser;
  vaxjo: TestUser;
  coach: TestUser;
  consultant: TestUser;
  contact: TestUser;
  esf: TestUser;
  regionId: string;
  ljungbyOrg: string;
  alvestaOrg: string;
  ownCompany: string;
  otherCompany: string;
  api: (
    user: TestUser,
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    payload?: object,
  ) => Promise<LightMyRequestResponse>;
}

export async function setupWorld(): Promise<World> {
  const db = await testDb();
  const { app } = await testApp(db);
  const orgOf = async (code: string) =>
    (
      await db.query<{ id: string }>(
        `SELECT id FROM organisations WHERE kind = 'municipality' AND code = $1`,
        [code],
      )
    )[0]?.id as string;
  const admin = await makeUser(db, [{ role: 'region_admin', org: 'region' }], { name: 'Regina Admin' });
  const ljungby = await makeUser(db, [{ role: 'municipality_officer', org: '0781' }], {
    name: 'Lars Ljungby',
  });
  const vaxjo = await makeUser(db, [{ role: 'municipality_officer', org: '0780' }], { name: 'Vera Växjö' });
  const coach = await makeUser(db, [{ role: 'coach', org: '0781' }], { name: 'Conny Coach' });
  const consultant = await makeUser(db, [{ role: 'coach', org: '0764' }], { name: 'Alva Konsult' });
  const esf = await makeUser(db, [{ role: 'esf_admin', org: 'region' }], { name: 'Esa Fond' });
  const ownCompany = await makeCompany(db, ljungby, { name: 'Ljungby Lack AB' });
  const otherCompany = await makeCompany(db, vaxjo, {
    name: 'Växjö Verkstad AB',
    workplaces: [{ name: 'Kontoret', city: 'Växjö', municipalityCode: '0780' }],
  });
  const contact = await makeUser(db, [{ role: 'company_contact', org: `company:${ownCompany}` }]);
  await assignCoach(db, { actor: await actorOf(db, ljungby.id), ip: '127.0.0.1' }, ownCompany, coach.id, [
    coach.id,
  ]);
  const regionId = (await db.query<{ id: string }>(`SELECT id FROM organisations WHERE kind = 'region'`))[0]
    ?.id as string;
  const tokens = new Map<string, string>();
  const api: World['api'] = async (user, method, url, payload) => {
    let token = tokens.get(user.id);
    if (!token) {
      token = await apiToken(db, user.id);
      tokens.set(user.id, token);
    }
    return app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, payload });
  };
  return {
    db,
    app,
    admin,
    ljungby,
    vaxjo,
    coach,
    consultant,
    contact,
    esf,
    regionId,
    ljungbyOrg: await orgOf('0781'),
    alvestaOrg: await orgOf('0764'),
    ownCompany,
    otherCompany,
    api,
  };
}
