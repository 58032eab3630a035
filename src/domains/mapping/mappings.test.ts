import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorOf, failure, makeUser, type TestUser } from '../../../test/app.ts';
import { testDb } from '../../../test/db.ts';
import { makeCompany } from '../../../test/factories.ts';
import { auditTrail } from '../../platform/audit.ts';
import type { Actor } from '../../platform/auth.ts';
import type { Db } from '../../platform/db.ts';
import { searchCompetences } from '../reference/index.ts';
import { ensureCommonInstrument, mappings, sampleAnswers } from './index.ts';

let db: Db;
let adminUser: TestUser;
let admin: Actor;
let ljungby: Actor;
let vaxjo: Actor;
let esf: Actor;
let roundId: string;
let ljungbyCompany: string;
let vaxjoCompany: string;
let competenceIds: string[];

const actor = (userId: string): Promise<Actor> => actorOf(db, userId);

const roles = [
  { title: 'Svetsare', ssyk: '7212', women: 1, men: 4 },
  { title: 'Montör', ssyk: '8211', women: 2, men: 2 },
];

async function fillAll(a: Actor, id: string) {
  const view = await mappings.getMapping(db, a, id);
  const answers = sampleAnswers(view.definition, { roles, competenceIds, maturity: [2, 3] });
  let revision = view.mapping.revision;
  for (const [key, section] of Object.entries(answers)) {
    const r = await mappings.saveSection(db, a, id, key, { baseRevision: revision, answers: section });
    if (r.kind !== 'saved') throw new Error('conflict');
    expect(r.errors).toEqual([]);
    revision = r.revision;
  }
}

beforeAll(async () => {
  db = await testDb();
  await ensureCommonInstrument(db);
  adminUser = await makeUser(db, [{ role: 'region_admin', org: 'region' }]);
  admin = await actor(adminUser.id);
  const ljungbyUser = await makeUser(db, [{ role: 'municipality_officer', org: '0781' }]);
  ljungby = await actor(ljungbyUser.id);
  const vaxjoUser = await makeUser(db, [{ role: 'municipality_officer', org: '0780' }]);
  vaxjo = await actor(vaxjoUser.id);
  esf = await actor((await makeUser(db, [{ role: 'esf_admin', org: 'region' }])).id);
  roundId = await mappings.createRound(db, admin, {
    key: 'start',
    nameSv: 'Start',
    nameEn: 'Start',
    opensOn: '2026-01-01',
    closesOn: null,
  });
  ljungbyCompany = await makeCompany(db, ljungbyUser);
  vaxjoCompany = await makeCompany(db, vaxjoUser, {
    workplaces: [{ name: 'Kontoret', city: 'Växjö', municipalityCode: '0780' }],
  });
  competenceIds = (await searchCompetences(db, 'svetsning', 5)).map((c) => c.conceptId);
  expect(competenceIds.length).toBeGreaterThan(1);
});
afterAll(async () => {
  await db.close();
});

describe('starting a mapping', () => {
  it('one mapping per company and round: starting again finds the same one', async () => {
    const a = await mappings.startMapping(db, ljungby, { companyId: ljungbyCompany, roundId });
    const b = await mappings.startMapping(db, admin, { companyId: ljungbyCompany, roundId });
    expect(a.created).toBe(true);
    expect(b).toEqual({ id: a.id, created: false });
  });

  it('an officer cannot start or see mappings of another municipality', async () => {
    expect(
      (await failure(mappings.startMapping(db, ljungby, { companyId: vaxjoCompany, roundId }))).code,
    ).toBe('NOT_FOUND');
    const { id } = await mappings.startMapping(db, vaxjo, { companyId: vaxjoCompany, roundId });
    expect((await failure(mappings.getMapping(db, ljungby, id))).code).toBe('NOT_FOUND');
    const list = await mappings.listMappings(db, ljungby, { page: 1, pageSize: 50 });
    expect(list.items.map((m) => m.companyId)).not.toContain(vaxjoCompany);
    expect(list.items.map((m) => m.companyId)).toContain(ljungbyCompany);
  });

  it('refuses a round of another region', async () => {
    const other = await actor(
      (await makeUser(db, [{ role: 'region_admin', org: 'region' }], { county: '12' })).id,
    );
    const foreignRound = await mappings.createRound(db, other, {
      key: 'start',
      nameSv: 'Start',
      nameEn: 'Start',
      opensOn: null,
      closesOn: null,
    });
    const err = await failure(
      mappings.startMapping(db, ljungby, { companyId: ljungbyCompany, roundId: foreignRound }),
    );
    expect(err.code).toBe('VALIDATION');
    expect(err.fields[0]?.field).toBe('roundId');
  });
});

describe('saving as you go', () => {
  let id: string;
  beforeAll(async () => {
    const company = await makeCompany(db, adminUser);
    id = (await mappings.startMapping(db, admin, { companyId: company, roundId })).id;
  });

  it('asks for the visibility notice before the first answer, and records sensitive marks', async () => {
    const err = await failure(
      mappings.saveSection(db, admin, id, 'strategy', { baseRevision: 0, answers: {} }),
    );
    expect(err.message).toBe('mapping.noticeFirst');
    await mappings.acceptNotice(db, admin, id, ['goals', 'notAQuestion']);
    const view = await mappings.getMapping(db, admin, id);
    expect(view.mapping.noticeAcceptedAt).not.toBeNull();
    expect(view.mapping.sensitiveQuestions).toEqual(['goals']);
  });

  it('keeps what does not validate yet, with the errors of that section', async () => {
    const r = await mappings.saveSection(db, admin, id, 'roles', {
      baseRevision: 0,
      answers: { roles: [{ title: 'Svetsare', ssyk: '9999', women: 'två', men: '3' }] },
    });
    expect(r.kind).toBe('saved');
    if (r.kind !== 'saved') return;
    expect(r.errors.map((e) => `${e.field}:${e.message}`).sort()).toEqual([
      'q.roles.0.ssyk:mapping.answer.unknownSsyk',
      'q.roles.0.women:validation.number',
    ]);
    const view = await mappings.getMapping(db, admin, id);
    expect(view.answers.roles).toMatchObject([{ title: 'Svetsare', ssyk: '9999', women: 'två', men: '3' }]);
  });

  it('two people editing the same section: the second gets a conflict with both versions', async () => {
    const start = (await mappings.getMapping(db, admin, id)).mapping.revision;
    const first = await mappings.saveSection(db, admin, id, 'strategy', {
      baseRevision: start,
      answers: { goals: 'Bli leverantör till fordonsindustrin' },
    });
    expect(first.kind).toBe('saved');
    // A colleague started from the same revision and saves a different answer to the same section.
    const second = await mappings.saveSection(db, admin, id, 'strategy', {
      baseRevision: start,
      answers: { goals: 'Exportera till Norge' },
    });
    expect(second.kind).toBe('conflict');
    if (second.kind !== 'conflict') return;
    expect(second.theirs.goals).toBe('Bli leverantör till fordonsindustrin');
    expect(second.mine.goals).toBe('Exportera till Norge');
    // Nothing was overwritten.
    expect((await mappings.getMapping(db, admin, id)).answers.goals).toBe(
      'Bli leverantör till fordonsindustrin',
    );
    // Keeping one's own version after seeing both is an explicit choice.
    const kept = await mappings.saveSection(db, admin, id, 'strategy', {
      baseRevision: start,
      answers: second.mine,
      force: true,
    });
    expect(kept.kind).toBe('saved');
  });

  it('a save of another section since merges without a conflict', async () => {
    const start = (await mappings.getMapping(db, admin, id)).mapping.revision;
    await mappings.saveSection(db, admin, id, 'trainingPreferences', {
      baseRevision: start,
      answers: { trainingFormat: ['digital'] },
    });
    const other = await mappings.saveSection(db, admin, id, 'recruitment', {
      baseRevision: start,
      answers: {},
    });
    expect(other.kind).toBe('saved');
  });
});

describe('submitting, locking and reopening', () => {
  let id: string;
  beforeAll(async () => {
    id = (await mappings.startMapping(db, ljungby, { companyId: ljungbyCompany, roundId })).id;
    await mappings.acceptNotice(db, ljungby, id, []);
  });

  it('refuses an incomplete mapping, naming every missing answer', async () => {
    const err = await failure(mappings.submitMapping(db, ljungby, id));
    expect(err.code).toBe('VALIDATION');
    const fields = err.fields.map((f) => f.field);
    expect(fields).toContain('q.roles');
    expect(fields).toContain('q.needs');
    expect(fields).toContain('q.maturity');
  });

  it('submits a complete mapping: structured results, maturity score, locked', async () => {
    await fillAll(ljungby, id);
    await mappings.submitMapping(db, ljungby, id, '127.0.0.1');
    const view = await mappings.getMapping(db, ljungby, id);
    expect(view.mapping.status).toBe('submitted');
    expect(view.mapping.maturityScore).toBe(2.5);
    expect(view.mapping.municipalityCode).toBe('0781');
    expect(view.canEdit).toBe(false);
    const needs = await db.query<{ n: number; ssyk: string }>(
      'SELECT count(*)::int AS n, min(ssyk_code) AS ssyk FROM mapping_needs WHERE mapping_id = $1',
      [id],
    );
    expect(needs[0]).toEqual({ n: 2, ssyk: '7212' });
    const err = await failure(
      mappings.saveSection(db, ljungby, id, 'strategy', { baseRevision: 99, answers: {} }),
    );
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toBe('mapping.locked');
  });

  it('only a region admin reopens, with a reason, audited; results leave the roll-up', async () => {
    expect((await failure(mappings.reopenMapping(db, ljungby, id, 'Fel i rollerna'))).code).toBe('FORBIDDEN');
    expect((await failure(mappings.reopenMapping(db, esf, id, 'Fel'))).code).toBe('FORBIDDEN');
    expect((await failure(mappings.reopenMapping(db, admin, id, ''))).code).toBe('VALIDATION');
    await mappings.reopenMapping(db, admin, id, 'Fel antal i rollerna', '127.0.0.1');
    const view = await mappings.getMapping(db, admin, id);
    expect(view.mapping.status).toBe('in_progress');
    const trail = await auditTrail(db, 'mapping', id);
    expect(trail.map((t) => t.action)).toEqual(expect.arrayContaining(['mapping.submit', 'mapping.reopen']));
    const reopen = trail.find((t) => t.action === 'mapping.reopen');
    expect(reopen?.details).toMatchObject({ reason: 'Fel antal i rollerna' });
    const needs = await db.query('SELECT 1 FROM mapping_needs WHERE mapping_id = $1', [id]);
    expect(needs).toHaveLength(0);
    // Answers are kept: resubmitting works without entering anything again.
    await mappings.submitMapping(db, ljungby, id);
    expect((await mappings.getMapping(db, admin, id)).mapping.status).toBe('submitted');
  });

  it('ESF administrators read but do not edit', async () => {
    const view = await mappings.getMapping(db, esf, id);
    expect(view.canEdit).toBe(false);
  });
});
