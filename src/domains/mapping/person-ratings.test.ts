import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorOf, apiToken, Client, failure, makeUser, type TestUser, testApp } from '../../../test/app.ts';
import { testDb } from '../../../test/db.ts';
import { makeCompany } from '../../../test/factories.ts';
import { auditTrail } from '../../platform/audit.ts';
import type { Actor } from '../../platform/auth.ts';
import type { Db } from '../../platform/db.ts';
import { assignCoach } from '../companies/index.ts';
import { searchCompetences } from '../reference/index.ts';
import type { RawRow } from './answers/shape.ts';
import { ensureCommonInstrument, mappings, sampleAnswers } from './index.ts';
import * as ratings from './service/person-ratings.ts';

let db: Db;
let app: FastifyInstance;
let mappingId: string;
let companyA: string;
let companyB: string;
let roleKey: string;
let otherRoleKey: string;
let competences: string[];
const u: Record<string, TestUser> = {};
const a: Record<string, Actor> = {};

const ANNA = 'Anna Andersson-Testperson';
const BO = 'Bo Bengtsson-Testperson';
const EMPLOYEE_EMAIL = 'anna.employee@example.test';
const COMMENT = 'Jag har gått en kurs i svetsning sedan dess.';
let anna: string;
let bo: string;

const actor = (userId: string): Promise<Actor> => actorOf(db, userId);

async function setIndividual(answers: Record<string, string>) {
  const view = await mappings.getMapping(db, a.admin as Actor, mappingId);
  const r = await mappings.saveSection(db, a.admin as Actor, mappingId, 'individualAssessment', {
    baseRevision: view.mapping.revision,
    answers,
  });
  if (r.kind !== 'saved') throw new Error('conflict');
}

async function requirementRows(): Promise<RawRow[]> {
  const view = await mappings.getMapping(db, a.contact as Actor, mappingId);
  return view.answers.requirements as RawRow[];
}

beforeAll(async () => {
  db = await testDb();
  ({ app } = await testApp(db));
  await ensureCommonInstrument(db);
  u.admin = await makeUser(db, [{ role: 'region_admin', org: 'region' }]);
  u.officer = await makeUser(db, [{ role: 'municipality_officer', org: '0781' }]);
  u.coach = await makeUser(db, [{ role: 'coach', org: '0781' }]);
  u.esf = await makeUser(db, [{ role: 'esf_admin', org: 'region' }]);
  u.provider = await makeUser(db, [{ role: 'provider', org: 'region' }]);
  a.admin = await actor(u.admin.id);
  companyA = await makeCompany(db, u.admin);
  companyB = await makeCompany(db, u.admin);
  await assignCoach(db, { actor: a.admin, ip: '127.0.0.1' }, companyA, u.coach.id, [u.coach.id]);
  u.contact = await makeUser(db, [{ role: 'company_contact', org: `company:${companyA}` }]);
  u.otherContact = await makeUser(db, [{ role: 'company_contact', org: `company:${companyB}` }]);
  // A region admin who also represents another company: neither role opens company A's space.
  u.adminAndContact = await makeUser(db, [
    { role: 'region_admin', org: 'region' },
    { role: 'company_contact', org: `company:${companyB}` },
  ]);
  u.employee = await makeUser(db, [{ role: 'participant', org: `company:${companyA}` }], {
    email: EMPLOYEE_EMAIL,
  });
  u.colleague = await makeUser(db, [{ role: 'participant', org: `company:${companyA}` }]);
  for (const [k, v] of Object.entries(u)) a[k] = await actor(v.id);

  const round = await mappings.createRound(db, a.admin, {
    key: 'start',
    nameSv: 'Start',
    nameEn: 'Start',
    opensOn: null,
    closesOn: null,
  });
  mappingId = (await mappings.startMapping(db, a.admin, { companyId: companyA, roundId: round })).id;
  await mappings.acceptNotice(db, a.admin, mappingId, []);
  competences = (await searchCompetences(db, 'svetsning', 5)).map((c) => c.conceptId);
  const view = await mappings.getMapping(db, a.admin, mappingId);
  const answers = sampleAnswers(view.definition, {
    roles: [
      { title: 'Svetsare', ssyk: '7212', women: 1, men: 2 },
      { title: 'Montör', ssyk: '8211', women: 1, men: 1 },
    ],
    competenceIds: competences,
    maturity: [2],
    random: () => 0.5,
  });
  answers.individualAssessment = { collectiveAgreement: 'yes', mblStatus: 'notNegotiated' };
  let revision = view.mapping.revision;
  for (const [key, section] of Object.entries(answers)) {
    const r = await mappings.saveSection(db, a.admin, mappingId, key, {
      baseRevision: revision,
      answers: section,
    });
    if (r.kind !== 'saved') throw new Error('conflict');
    revision = r.revision;
  }
  const roles = (await mappings.getMapping(db, a.admin, mappingId)).answers.roles as RawRow[];
  roleKey = roles[0]?.key as string;
  otherRoleKey = roles[1]?.key as string;
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

describe('the MBL gate', () => {
  it('is pure: negotiated or no agreement, and per-person chosen', () => {
    expect(ratings.ratingsGate({})).toBe('mblFirst');
    expect(ratings.ratingsGate({ mblStatus: 'notNegotiated', perPersonRatings: 'perPerson' })).toBe(
      'mblFirst',
    );
    expect(ratings.ratingsGate({ mblStatus: 'negotiated', perPersonRatings: 'aggregateOnly' })).toBe(
      'notOptedIn',
    );
    expect(ratings.ratingsGate({ mblStatus: 'negotiated', perPersonRatings: 'perPerson' })).toBe('open');
    expect(
      ratings.ratingsGate({
        collectiveAgreement: 'no',
        mblStatus: 'noCollectiveAgreement',
        perPersonRatings: 'perPerson',
      }),
    ).toBe('open');
    // "No collective agreement" contradicts a "yes" to the agreement question: the MBL answer comes first.
    expect(
      ratings.ratingsGate({
        collectiveAgreement: 'yes',
        mblStatus: 'noCollectiveAgreement',
        perPersonRatings: 'perPerson',
      }),
    ).toBe('mblFirst');
  });

  it('refuses per-person mode while MBL is not negotiated, and while only totals are chosen', async () => {
    let err = await failure(ratings.getPeopleSpace(db, a.contact as Actor, mappingId));
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toBe('mapping.ratings.mblFirst');
    err = await failure(
      ratings.addPerson(db, a.contact as Actor, mappingId, { name: ANNA, email: null, roleKey }),
    );
    expect(err.message).toBe('mapping.ratings.mblFirst');
    await setIndividual({
      collectiveAgreement: 'yes',
      mblStatus: 'negotiated',
      perPersonRatings: 'aggregateOnly',
    });
    err = await failure(ratings.getPeopleSpace(db, a.contact as Actor, mappingId));
    expect(err.message).toBe('mapping.ratings.notOptedIn');
    const count = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM company_people');
    expect(count[0]?.n).toBe(0);
  });

  it('opens once negotiated and per person are recorded', async () => {
    await setIndividual({
      collectiveAgreement: 'yes',
      mblStatus: 'negotiated',
      perPersonRatings: 'perPerson',
    });
    const space = await ratings.getPeopleSpace(db, a.contact as Actor, mappingId);
    expect(space.roles.map((r) => r.title)).toEqual(['Svetsare', 'Montör']);
    expect(space.roles[0]?.requirements.length).toBe(2);
    expect(space.levels.map((l) => l.value)).toEqual([1, 2, 3, 4]);
  });
});

describe('the company contact', () => {
  it('adds people (linking an employee by e-mail) and rates them', async () => {
    anna = await ratings.addPerson(
      db,
      a.contact as Actor,
      mappingId,
      { name: ANNA, email: EMPLOYEE_EMAIL.toUpperCase(), roleKey },
      '127.0.0.1',
    );
    bo = await ratings.addPerson(db, a.contact as Actor, mappingId, { name: BO, email: null, roleKey });
    const space = await ratings.getPeopleSpace(db, a.contact as Actor, mappingId);
    const role = space.roles[0];
    expect(role?.people.map((p) => [p.name, p.linked])).toEqual([
      [ANNA, true],
      [BO, false],
    ]);
    const [c1, c2] = role?.requirements.map((r) => r.competenceKey) ?? [];
    const changed = await ratings.saveRatings(db, a.contact as Actor, mappingId, [
      { personId: anna, competenceKey: c1 as string, level: 4 },
      { personId: anna, competenceKey: c2 as string, level: 1 },
      { personId: bo, competenceKey: c1 as string, level: 1 },
    ]);
    expect(changed).toBe(3);
    // Saving the same levels again changes nothing; null removes.
    expect(
      await ratings.saveRatings(db, a.contact as Actor, mappingId, [
        { personId: anna, competenceKey: c1 as string, level: 4 },
      ]),
    ).toBe(0);
    const after = await ratings.getPeopleSpace(db, a.contact as Actor, mappingId);
    expect(after.roles[0]?.people.find((p) => p.id === anna)?.ratings).toEqual({
      [c1 as string]: 4,
      [c2 as string]: 1,
    });
  });

  it('refuses a level outside the scale and a competence the role does not require, writing nothing', async () => {
    const space = await ratings.getPeopleSpace(db, a.contact as Actor, mappingId);
    const c1 = space.roles[0]?.requirements[0]?.competenceKey as string;
    const foreign = space.roles[1]?.requirements.find(
      (r) => !space.roles[0]?.requirements.some((x) => x.competenceKey === r.competenceKey),
    )?.competenceKey as string;
    const err = await failure(
      ratings.saveRatings(db, a.contact as Actor, mappingId, [
        { personId: bo, competenceKey: c1, level: 7 },
        { personId: bo, competenceKey: foreign, level: 2 },
      ]),
    );
    expect(err.code).toBe('VALIDATION');
    expect(err.fields).toEqual([
      { field: 'ratings.0.level', message: 'validation.choice' },
      { field: 'ratings.1.competenceKey', message: 'mapping.ratings.notRequired' },
    ]);
    const again = await ratings.getPeopleSpace(db, a.contact as Actor, mappingId);
    expect(again.roles[0]?.people.find((p) => p.id === bo)?.ratings).toEqual({ [c1]: 1 });
  });

  it('refuses a role that is not in the mapping', async () => {
    const err = await failure(
      ratings.addPerson(db, a.contact as Actor, mappingId, {
        name: 'X',
        email: null,
        roleKey: 'rnosuchrole',
      }),
    );
    expect(err.fields).toEqual([{ field: 'roleKey', message: 'validation.choice' }]);
  });
});

describe('nobody else reads the space', () => {
  const publicRoles = ['admin', 'officer', 'coach', 'esf', 'provider'] as const;

  it('every public-sector role is refused every use case (even the coach who sees the mapping)', async () => {
    // The coach and the officer can read the mapping itself (the aggregates) …
    await expect(mappings.getMapping(db, a.coach as Actor, mappingId)).resolves.toBeTruthy();
    for (const role of publicRoles) {
      const who = a[role] as Actor;
      const calls: Promise<unknown>[] = [
        ratings.getPeopleSpace(db, who, mappingId),
        ratings.addPerson(db, who, mappingId, { name: 'X', email: null, roleKey }),
        ratings.saveRatings(db, who, mappingId, []),
        ratings.removePerson(db, who, mappingId, bo),
        ratings.fillTotalsFromRatings(db, who, mappingId),
        ratings.myRatings(db, who),
        ratings.addComment(db, who, { personId: anna, mappingId, competenceKey: 'id:x', comment: 'x' }),
      ];
      for (const call of calls) expect((await failure(call)).code, role).toBe('FORBIDDEN');
    }
  });

  it("another company's contact gets NOT_FOUND, also when they are a region admin as well", async () => {
    for (const who of [a.otherContact, a.adminAndContact] as Actor[]) {
      expect((await failure(ratings.getPeopleSpace(db, who, mappingId))).code).toBe('NOT_FOUND');
      expect(
        (await failure(ratings.addPerson(db, who, mappingId, { name: 'X', email: null, roleKey }))).code,
      ).toBe('NOT_FOUND');
      expect((await failure(ratings.removePerson(db, who, mappingId, bo))).code).toBe('NOT_FOUND');
    }
  });

  it('the employee cannot open the space or change levels', async () => {
    expect((await failure(ratings.getPeopleSpace(db, a.employee as Actor, mappingId))).code).toBe(
      'FORBIDDEN',
    );
    expect(
      (
        await failure(
          ratings.saveRatings(db, a.employee as Actor, mappingId, [
            { personId: anna, competenceKey: 'id:x', level: 4 },
          ]),
        )
      ).code,
    ).toBe('FORBIDDEN');
  });
});

describe('the employee', () => {
  it('sees only their own ratings, with the level descriptions, and comments on them', async () => {
    const groups = await ratings.myRatings(db, a.employee as Actor);
    expect(groups).toHaveLength(1);
    const g = groups[0];
    expect(g?.personId).toBe(anna);
    expect(g?.roleTitle).toBe('Svetsare');
    expect(g?.ratings.map((r) => r.level).sort()).toEqual([1, 4]);
    const top = g?.ratings.find((r) => r.level === 4);
    expect(top?.levelLabel?.sv).toBeTruthy();
    expect(top?.levelDescription?.en).toBeTruthy();
    expect(JSON.stringify(groups)).not.toContain(BO);
    await ratings.addComment(db, a.employee as Actor, {
      personId: anna,
      mappingId,
      competenceKey: top?.competenceKey as string,
      comment: `  ${COMMENT}  `,
    });
    const again = await ratings.myRatings(db, a.employee as Actor);
    expect(again[0]?.ratings.find((r) => r.level === 4)?.comments.map((c) => c.comment)).toEqual([COMMENT]);
    // The contact reads the comment.
    const space = await ratings.getPeopleSpace(db, a.contact as Actor, mappingId);
    expect(space.roles[0]?.people.find((p) => p.id === anna)?.comments.map((c) => c.comment)).toEqual([
      COMMENT,
    ]);
  });

  it("cannot comment on a colleague's rating, and a colleague sees nothing of theirs", async () => {
    const space = await ratings.getPeopleSpace(db, a.contact as Actor, mappingId);
    const c1 = space.roles[0]?.requirements[0]?.competenceKey as string;
    const err = await failure(
      ratings.addComment(db, a.employee as Actor, {
        personId: bo,
        mappingId,
        competenceKey: c1,
        comment: 'x',
      }),
    );
    expect(err.code).toBe('NOT_FOUND');
    expect(await ratings.myRatings(db, a.colleague as Actor)).toEqual([]);
    const empty = await failure(
      ratings.addComment(db, a.employee as Actor, {
        personId: anna,
        mappingId,
        competenceKey: c1,
        comment: ' ',
      }),
    );
    expect(empty.fields[0]).toMatchObject({ field: 'comment', message: 'validation.required' });
  });

  it('is linked when they get an account after the company recorded their e-mail', async () => {
    const later = 'later.employee@example.test';
    const person = await ratings.addPerson(db, a.contact as Actor, mappingId, {
      name: 'Cecilia Senare',
      email: later,
      roleKey: otherRoleKey,
    });
    const space = await ratings.getPeopleSpace(db, a.contact as Actor, mappingId);
    const role = space.roles[1];
    expect(role?.people.find((p) => p.id === person)?.linked).toBe(false);
    await ratings.saveRatings(db, a.contact as Actor, mappingId, [
      { personId: person, competenceKey: role?.requirements[0]?.competenceKey as string, level: 2 },
    ]);
    // An account with the e-mail in ANOTHER company is not linked.
    const stranger = await makeUser(db, [{ role: 'participant', org: `company:${companyB}` }], {
      email: later.toUpperCase(),
    });
    expect(await ratings.myRatings(db, await actor(stranger.id))).toEqual([]);
    await db.query('UPDATE users SET email = $2 WHERE id = $1', [stranger.id, 'stranger@example.test']);
    const user = await makeUser(db, [{ role: 'participant', org: `company:${companyA}` }], { email: later });
    const groups = await ratings.myRatings(db, await actor(user.id));
    expect(groups.map((g) => g.personId)).toEqual([person]);
  });
});

describe('the per-role totals', () => {
  it('fills meetingNow from the ratings through the mapping’s own save; unrated rows stay', async () => {
    const before = await requirementRows();
    const view = await mappings.getMapping(db, a.contact as Actor, mappingId);
    const result = await ratings.fillTotalsFromRatings(db, a.contact as Actor, mappingId);
    expect(result.revision).toBe(view.mapping.revision + 1);
    const after = await requirementRows();
    const space = await ratings.getPeopleSpace(db, a.contact as Actor, mappingId);
    for (const [i, row] of after.entries()) {
      const key = ratings.competenceKeyOf(row);
      const req = space.roles
        .find((r) => r.key === row.role)
        ?.requirements.find((r) => r.competenceKey === key);
      if (req && req.rated > 0) expect(row.meetingNow, `row ${i}`).toBe(String(req.meeting));
      else expect(row.meetingNow, `row ${i}`).toBe(before[i]?.meetingNow);
    }
    // Anna (4 and 1) and Bo (1) in the first role: the first competence's count is those at >= levelNow.
    const first = space.roles[0]?.requirements[0];
    const levelNow = Number(before.find((r) => r.role === roleKey)?.levelNow);
    expect(first?.rated).toBe(2);
    expect(first?.meeting).toBe([4, 1].filter((l) => l >= levelNow).length);
    expect(result.rows).toBe(3);
    // The coach sees the totals in the mapping, never the people.
    const coachView = await mappings.getMapping(db, a.coach as Actor, mappingId);
    expect(JSON.stringify(coachView)).not.toContain(ANNA);
    expect((coachView.answers.requirements as RawRow[]).map((r) => r.meetingNow)).toEqual(
      after.map((r) => r.meetingNow),
    );
  });
});

describe('the audit trail', () => {
  it('records every change with ids only: no names, e-mail addresses or comments', async () => {
    const rows = await db.query<{ action: string; organisation_id: string | null; details: unknown }>(
      `SELECT action, organisation_id, details FROM audit_log
        WHERE entity_type = 'company_person' OR action IN ('mapping.totals_from_ratings', 'company_person.link')`,
    );
    const actions = new Set(rows.map((r) => r.action));
    for (const x of [
      'company_person.create',
      'person_rating.update',
      'person_rating.comment',
      'company_person.link',
      'mapping.totals_from_ratings',
    ])
      expect(actions, x).toContain(x);
    for (const r of rows.filter((x) => x.action !== 'mapping.totals_from_ratings'))
      expect(r.organisation_id).toBeNull();
    const all = await db.query<{ text: string }>('SELECT details::text AS text FROM audit_log');
    const text = all
      .map((r) => r.text)
      .join('\n')
      .toLowerCase();
    for (const secret of [ANNA, BO, 'Cecilia', EMPLOYEE_EMAIL, 'later.employee', COMMENT])
      expect(text, secret).not.toContain(secret.toLowerCase());
    // What staff read of the company's and the mapping's history names no person.
    const staffTrails = [
      ...(await auditTrail(db, 'company', companyA)),
      ...(await auditTrail(db, 'mapping', mappingId)),
    ];
    expect(JSON.stringify(staffTrails)).not.toContain('Anna');
    expect(staffTrails.map((r) => r.action)).toContain('mapping.totals_from_ratings');
  });

  it('removing a person removes their ratings and comments, audited', async () => {
    const gone = await ratings.addPerson(db, a.contact as Actor, mappingId, {
      name: 'Dan Bort',
      email: null,
      roleKey,
    });
    await ratings.removePerson(db, a.contact as Actor, mappingId, gone, '127.0.0.1');
    const left = await db.query('SELECT 1 FROM company_people WHERE id = $1', [gone]);
    expect(left).toEqual([]);
    expect((await auditTrail(db, 'company_person', gone)).map((r) => r.action)).toEqual([
      'company_person.delete',
      'company_person.create',
    ]);
    expect((await failure(ratings.removePerson(db, a.contact as Actor, mappingId, gone))).code).toBe(
      'NOT_FOUND',
    );
  });
});

describe('pages', () => {
  it('the company contact sees people and the grid; every other role is refused', async () => {
    const contact = await Client.as(app, db, u.contact as TestUser);
    const res = await contact.get(`/mappings/${mappingId}/people`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(ANNA);
    expect(res.body).toContain(`name="level.${anna}.0"`);
    expect(res.body).toContain(COMMENT);
    for (const role of ['admin', 'officer', 'coach', 'esf', 'provider', 'employee'] as const) {
      const c = await Client.as(app, db, u[role] as TestUser);
      const r = await c.get(`/mappings/${mappingId}/people`);
      expect(r.statusCode, role).toBe(403);
      expect(r.body, role).not.toContain(ANNA);
      const post = await c.post(`/mappings/${mappingId}/people`, { name: 'X', roleKey });
      expect(post.statusCode, role).toBe(403);
    }
    const other = await Client.as(app, db, u.otherContact as TestUser);
    expect((await other.get(`/mappings/${mappingId}/people`)).statusCode).toBe(404);
  });

  it('adds a person without JavaScript; errors keep what was typed', async () => {
    const contact = await Client.as(app, db, u.contact as TestUser);
    const bad = await contact.post(`/mappings/${mappingId}/people`, {
      name: 'Eva <b>Fel</b>',
      email: 'nope',
      roleKey: '',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('value="Eva <b>Fel</b>"');
    expect(bad.body).toContain('value="nope"');
    expect(bad.body).toContain('href="#f-email"');
    const ok = await contact.post(`/mappings/${mappingId}/people`, { name: 'Eva Rätt', email: '', roleKey });
    expect(ok.statusCode).toBe(303);
    const page = await contact.get(`/mappings/${mappingId}/people`);
    expect(page.body).toContain('Eva Rätt');
    expect(page.body).toContain('Personen är tillagd.');
  });

  it('saves the grid from the form and fills the totals', async () => {
    const contact = await Client.as(app, db, u.contact as TestUser);
    const space = await ratings.getPeopleSpace(db, a.contact as Actor, mappingId);
    const role = space.roles[0];
    const form: Record<string, string> = { role: roleKey };
    role?.requirements.forEach((r, i) => {
      form[`key.${i}`] = r.competenceKey;
    });
    form[`level.${bo}.0`] = '3';
    form[`level.${bo}.1`] = '';
    const res = await contact.post(`/mappings/${mappingId}/people/ratings`, form);
    expect(res.statusCode).toBe(303);
    const after = await ratings.getPeopleSpace(db, a.contact as Actor, mappingId);
    expect(after.roles[0]?.people.find((p) => p.id === bo)?.ratings).toEqual({
      [role?.requirements[0]?.competenceKey as string]: 3,
    });
    const bad = await contact.post(`/mappings/${mappingId}/people/ratings`, {
      ...form,
      [`level.${bo}.0`]: 'x',
    });
    expect(bad.statusCode).toBe(422);
    const fill = await contact.post(`/mappings/${mappingId}/people/fill-totals`, {});
    expect(fill.statusCode).toBe(303);
    expect((await contact.get(`/mappings/${mappingId}/people`)).body).toContain(
      'Antalen per roll är ifyllda',
    );
  });

  it('the gate page explains the MBL answer comes first (409)', async () => {
    await setIndividual({ collectiveAgreement: 'yes', mblStatus: 'notNegotiated' });
    const contact = await Client.as(app, db, u.contact as TestUser);
    const res = await contact.get(`/mappings/${mappingId}/people`);
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('11 § MBL ska registreras först');
    expect(res.body).not.toContain(ANNA);
    // The employee still sees their own ratings.
    const employee = await Client.as(app, db, u.employee as TestUser);
    expect((await employee.get('/my/ratings')).body).toContain(COMMENT);
    await setIndividual({
      collectiveAgreement: 'yes',
      mblStatus: 'negotiated',
      perPersonRatings: 'perPerson',
    });
  });

  it('the employee reads own ratings and comments without JavaScript', async () => {
    const employee = await Client.as(app, db, u.employee as TestUser);
    const page = await employee.get('/my/ratings');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Mina kompetensbedömningar');
    expect(page.body).toContain(COMMENT);
    const key = page.body.match(/name="competenceKey" value="([^"]+)"/)?.[1] as string;
    const empty = await employee.post('/my/ratings/comments', {
      personId: anna,
      mappingId,
      competenceKey: key,
      comment: '',
    });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('data-error-summary');
    const ok = await employee.post('/my/ratings/comments', {
      personId: anna,
      mappingId,
      competenceKey: key,
      comment: 'Andra <kommentaren>',
    });
    expect(ok.statusCode).toBe(303);
    const after = await employee.get('/my/ratings');
    expect(after.body).toContain('Andra &lt;kommentaren');
    expect(after.body).not.toContain('<kommentaren>');
    const foreign = await employee.post('/my/ratings/comments', {
      personId: bo,
      mappingId,
      competenceKey: key,
      comment: 'x',
    });
    expect(foreign.statusCode).toBe(404);
    const contact = await Client.as(app, db, u.contact as TestUser);
    expect((await contact.get('/my/ratings')).statusCode).toBe(403);
    const admin = await Client.as(app, db, u.admin as TestUser);
    expect((await admin.get('/my/ratings')).statusCode).toBe(403);
  });
});

describe('API', () => {
  const call = async (
    user: TestUser,
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    payload?: unknown,
  ) =>
    app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${await apiToken(db, user.id)}` },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });

  it('the same rules: contact reads and writes, every public role 403, another company 404', async () => {
    const ok = await call(u.contact as TestUser, 'GET', `/api/v1/mappings/${mappingId}/people`);
    expect(ok.statusCode).toBe(200);
    expect(JSON.stringify(ok.json())).toContain(ANNA);
    for (const role of ['admin', 'officer', 'coach', 'esf', 'provider', 'employee'] as const) {
      const who = u[role] as TestUser;
      const r = await call(who, 'GET', `/api/v1/mappings/${mappingId}/people`);
      expect(r.statusCode, role).toBe(403);
      expect(r.body, role).not.toContain(ANNA);
      const put = await call(who, 'PUT', `/api/v1/mappings/${mappingId}/people/${anna}/ratings`, {
        ratings: [{ competenceKey: 'id:x', level: 1 }],
      });
      expect(put.statusCode, role).toBe(403);
    }
    const other = await call(u.otherContact as TestUser, 'GET', `/api/v1/mappings/${mappingId}/people`);
    expect(other.statusCode).toBe(404);
    const both = await call(u.adminAndContact as TestUser, 'GET', `/api/v1/mappings/${mappingId}/people`);
    expect(both.statusCode).toBe(404);
  });

  it('adds, rates, fills and removes; validation and the gate answer localised problems', async () => {
    const contact = u.contact as TestUser;
    const added = await call(contact, 'POST', `/api/v1/mappings/${mappingId}/people`, {
      name: 'Api Person',
      roleKey,
    });
    expect(added.statusCode).toBe(201);
    const id = added.json().id as string;
    const space = (await call(contact, 'GET', `/api/v1/mappings/${mappingId}/people`)).json();
    const key = space.roles[0].requirements[0].competenceKey as string;
    const put = await call(contact, 'PUT', `/api/v1/mappings/${mappingId}/people/${id}/ratings`, {
      ratings: [{ competenceKey: key, level: 2 }],
    });
    expect(put.json()).toEqual({ changed: 1 });
    const bad = await call(contact, 'PUT', `/api/v1/mappings/${mappingId}/people/${id}/ratings`, {
      ratings: [{ competenceKey: key, level: 9 }],
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0]).toMatchObject({ field: 'ratings.0.level', code: 'validation.choice' });
    const fill = await call(contact, 'POST', `/api/v1/mappings/${mappingId}/people/fill-totals`);
    expect(fill.statusCode).toBe(200);
    expect(fill.json().rows).toBeGreaterThan(0);
    expect((await call(contact, 'DELETE', `/api/v1/mappings/${mappingId}/people/${id}`)).statusCode).toBe(
      204,
    );

    await setIndividual({ collectiveAgreement: 'yes', mblStatus: 'notNegotiated' });
    const closed = await call(contact, 'GET', `/api/v1/mappings/${mappingId}/people`);
    expect(closed.statusCode).toBe(409);
    expect(closed.json().detail).toContain('11 § MBL');
    await setIndividual({
      collectiveAgreement: 'yes',
      mblStatus: 'negotiated',
      perPersonRatings: 'perPerson',
    });
  });

  it('the employee reads own ratings and comments; nobody else may', async () => {
    const mine = await call(u.employee as TestUser, 'GET', '/api/v1/my/ratings');
    expect(mine.statusCode).toBe(200);
    const groups = mine.json();
    expect(groups.map((g: { personId: string }) => g.personId)).toEqual([anna]);
    const key = groups[0].ratings[0].competenceKey as string;
    const c = await call(u.employee as TestUser, 'POST', '/api/v1/my/ratings/comments', {
      personId: anna,
      mappingId,
      competenceKey: key,
      comment: 'Via API',
    });
    expect(c.statusCode).toBe(201);
    const foreign = await call(u.employee as TestUser, 'POST', '/api/v1/my/ratings/comments', {
      personId: bo,
      mappingId,
      competenceKey: key,
      comment: 'x',
    });
    expect(foreign.statusCode).toBe(404);
    for (const role of ['admin', 'coach', 'contact'] as const)
      expect((await call(u[role] as TestUser, 'GET', '/api/v1/my/ratings')).statusCode, role).toBe(403);
  });
});
