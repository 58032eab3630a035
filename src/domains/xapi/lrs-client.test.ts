// The LRS through an independent xAPI client library (@xapi/xapi) over real HTTP: statements, filters and
// `more` paging, voiding, the document resources with ETags, Activities, Agents and About.
import type { AddressInfo } from 'node:net';
import XAPIModule, { type Agent, type Statement, type StatementsResponse } from '@xapi/xapi';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../../test/app.ts';
import { testDb } from '../../../test/db.ts';
import type { Db } from '../../platform/db.ts';
import { makeLrsClient } from './test-support.ts';

let db: Db;
let app: FastifyInstance;
// The package's types describe a CommonJS module: its class is the `default` of the default import.
const XAPI = XAPIModule.default;
let xapi: InstanceType<typeof XAPI>;

const learner: Agent = {
  objectType: 'Agent',
  account: { homePage: 'https://lms.example.test', name: 'l-1' },
};
const other: Agent = { objectType: 'Agent', mbox: 'mailto:other@example.test' };
const course = 'https://lms.example.test/courses/xapi-101';
const registration = '6f0b0d4e-6b1a-4c61-9a36-3b8f5d1c2a10';

const st = (verb: string, actor: Agent = learner, activity = course): Statement => ({
  actor,
  verb: { id: `http://adlnet.gov/expapi/verbs/${verb}`, display: { 'en-US': verb } },
  object: {
    objectType: 'Activity',
    id: activity,
    definition: {
      name: { 'en-US': 'xAPI 101', sv: 'xAPI 101' },
      type: 'http://adlnet.gov/expapi/activities/course',
    },
  },
  context: { registration },
});

beforeAll(async () => {
  db = await testDb();
  ({ app } = await testApp(db));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  const c = await makeLrsClient(db);
  xapi = new XAPI({ endpoint: `http://127.0.0.1:${port}/xapi/`, auth: c.auth, adapter: 'fetch' });
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

describe('statements', () => {
  let ids: string[];
  beforeAll(async () => {
    ids = (await xapi.sendStatements({ statements: [st('launched'), st('progressed'), st('completed')] }))
      .data;
    await xapi.sendStatement({ statement: st('launched', other, 'https://lms.example.test/courses/other') });
  });

  it('stores statements and returns them by id with stored, authority and version', async () => {
    expect(ids).toHaveLength(3);
    const { data, headers } = await xapi.getStatement({ statementId: ids[2] as string });
    expect(data.verb.id).toBe('http://adlnet.gov/expapi/verbs/completed');
    expect(data.stored).toMatch(/Z$/);
    expect(data.authority).toMatchObject({ account: { homePage: 'http://localhost:3000' } });
    expect(data.version).toBe('1.0.0');
    expect(headers['x-experience-api-version']).toBe('1.0.3');
  });

  it('filters by agent, verb, activity and registration, newest first', async () => {
    const byAgent = (await xapi.getStatements({ agent: learner })).data;
    expect(byAgent.statements.map((s) => s.id)).toEqual([...ids].reverse());
    const byVerb = (await xapi.getStatements({ verb: 'http://adlnet.gov/expapi/verbs/launched' })).data;
    expect(byVerb.statements).toHaveLength(2);
    const byActivity = (await xapi.getStatements({ activity: course, registration })).data;
    expect(byActivity.statements).toHaveLength(3);
    const ascending = (await xapi.getStatements({ agent: learner, ascending: true })).data;
    expect(ascending.statements.map((s) => s.id)).toEqual(ids);
  });

  it('pages with `more` until the end', async () => {
    const first = (await xapi.getStatements({ agent: learner, limit: 2 })).data;
    expect(first.statements).toHaveLength(2);
    expect(first.more).toMatch(/^\/xapi\/statements\?more=/);
    const second = (await xapi.getMoreStatements({ more: first.more as string })).data as StatementsResponse;
    expect(second.statements.map((s) => s.id)).toEqual([ids[0]]);
    expect(second.more).toBe('');
  });

  it('voids a statement: gone from queries, available as voided', async () => {
    const [target] = (await xapi.sendStatement({ statement: st('answered') })).data;
    await xapi.voidStatement({ actor: learner, statementId: target as string });
    await expect(xapi.getStatement({ statementId: target as string })).rejects.toThrow();
    const voided = (await xapi.getVoidedStatement({ voidedStatementId: target as string })).data;
    expect(voided.id).toBe(target);
    const answered = (await xapi.getStatements({ verb: 'http://adlnet.gov/expapi/verbs/answered' })).data;
    // Only the voiding statement (it refers to the matching, voided one).
    expect(answered.statements.map((s) => s.verb.id)).toEqual(['http://adlnet.gov/expapi/verbs/voided']);
  });

  it('knows the activity definition and the agent as a Person', async () => {
    const activity = (await xapi.getActivity({ activityId: course })).data;
    expect(activity.definition?.name).toEqual({ 'en-US': 'xAPI 101', sv: 'xAPI 101' });
    const person = (await xapi.getAgent({ agent: other })).data;
    expect(person).toEqual({ objectType: 'Person', mbox: ['mailto:other@example.test'] });
  });

  it('answers About without credentials', async () => {
    const about = (await xapi.getAbout()).data;
    expect(about.version).toContain('1.0.3');
  });
});

describe('documents', () => {
  it('round-trips a state document with JSON merge, list and delete', async () => {
    const key = { agent: learner, activityId: course, registration };
    await xapi.setState({ ...key, stateId: 'bookmark', state: { page: 3 } });
    await xapi.createState({ ...key, stateId: 'bookmark', state: { chapter: 2 } });
    const got = await xapi.getState({ ...key, stateId: 'bookmark' });
    expect(got.data).toEqual({ page: 3, chapter: 2 });
    expect(got.headers.etag).toMatch(/^"[0-9a-f]{40}"$/);
    await xapi.setState({ ...key, stateId: 'other', state: { x: 1 } });
    expect((await xapi.getStates(key)).data).toEqual(['bookmark', 'other']);
    await xapi.deleteStates(key);
    expect((await xapi.getStates(key)).data).toEqual([]);
  });

  it('guards activity profiles with ETags (If-None-Match, If-Match, 412)', async () => {
    const key = { activityId: course, profileId: 'settings' };
    await xapi.setActivityProfile({ ...key, profile: { a: 1 }, etag: '*', matchHeader: 'If-None-Match' });
    const first = await xapi.getActivityProfile(key);
    const etag = String(first.headers.etag);
    await expect(
      xapi.setActivityProfile({ ...key, profile: { a: 2 }, etag: '*', matchHeader: 'If-None-Match' }),
    ).rejects.toThrow();
    await xapi.setActivityProfile({ ...key, profile: { a: 3 }, etag, matchHeader: 'If-Match' });
    await expect(
      xapi.setActivityProfile({ ...key, profile: { a: 4 }, etag, matchHeader: 'If-Match' }),
    ).rejects.toThrow();
    expect((await xapi.getActivityProfile(key)).data).toEqual({ a: 3 });
    expect((await xapi.getActivityProfiles({ activityId: course })).data).toEqual(['settings']);
  });

  it('round-trips an agent profile and deletes it with its ETag', async () => {
    const key = { agent: learner, profileId: 'prefs' };
    await xapi.setAgentProfile({ ...key, profile: { lang: 'sv' }, etag: '*', matchHeader: 'If-None-Match' });
    const got = await xapi.getAgentProfile(key);
    expect(got.data).toEqual({ lang: 'sv' });
    await xapi.deleteAgentProfile({ ...key, etag: String(got.headers.etag) });
    await expect(xapi.getAgentProfile(key)).rejects.toThrow();
  });
});
