// Regression (fuzz suite, issue 8): a malformed source id in a refused registration form is a field error,
// not a database error. It used to reach the learner/attendee look-up and answer 500.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, testApp } from '../../../test/app.ts';
import { testDb } from '../../../test/db.ts';
import type { Db } from '../../platform/db.ts';
import { esfSetup } from './test-support.ts';

let db: Db;
let app: FastifyInstance;
let admin: Client;

beforeAll(async () => {
  db = await testDb();
  const s = await esfSetup(db);
  ({ app } = await testApp(db));
  admin = await Client.as(app, db, s.admin);
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

describe('registering a participant with a malformed source id', () => {
  it.each(['learnerId', 'attendeeId'])(
    'a malformed %s is refused with 422 and nothing is written',
    async (field) => {
      const before = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM esf_participants');
      const res = await admin.post('/esf/participants', {
        source: field === 'learnerId' ? 'enrolment' : 'coaching',
        [field]: 'øøø-not-a-uuid',
        personnummer: '',
        firstName: 'Test',
        lastName: 'Testsson',
      });
      expect(res.statusCode).toBe(422);
      expect(res.body).toContain('ds-error-summary');
      const after = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM esf_participants');
      expect(after[0]?.n).toBe(before[0]?.n);
    },
  );
});
