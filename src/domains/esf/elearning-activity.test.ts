// Digital learning as the third activity of the ESF administration (issue 7): time on task (`dl_time`) of
// the participant's learner gives certificate lines of activity `elearning` (whole hours per date and
// activity, apart from course attendance the same day), counts as training hours in the indicators, makes a
// digital learner registrable and gives the start date.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, makeUser, testApp } from '../../../test/app.ts';
import { testDb } from '../../../test/db.ts';
import type { Db } from '../../platform/db.ts';
import {
  addTime,
  type DigitalCourse,
  enrol,
  makeDigitalCourse,
  makeLearner,
  makeProvider,
} from '../elearning/test-support-study.ts';
import { unregisteredLearners } from './repo-sources.ts';
import { generateMonth, getCertificate } from './service/certificates.ts';
import { trainingHours } from './service/indicators.ts';
import { syncStarts } from './service/participants.ts';
import { addAttendance, type EsfSetup, esfSetup, makeParticipant } from './test-support.ts';

let db: Db;
let s: EsfSetup;
let app: FastifyInstance;
let course: DigitalCourse;
let userId: string;

beforeAll(async () => {
  db = await testDb();
  s = await esfSetup(db);
  app = (await testApp(db)).app;
  const provider = await makeProvider(db, s.regionId, 'Digitala anordnaren');
  course = await makeDigitalCourse(db, {
    regionId: s.regionId,
    providerId: provider,
    title: 'Digital svetsning',
    lessons: [1],
  });
  userId = (await makeUser(db, [])).id;
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

async function learnerOf(participantId: string): Promise<string> {
  const [row] = await db.query<{ learnerId: string }>(
    'SELECT learner_id AS "learnerId" FROM esf_participants WHERE id = $1',
    [participantId],
  );
  if (!row?.learnerId) throw new Error('no learner');
  return row.learnerId;
}

describe('digital learning in the ESF administration', () => {
  it('gives certificate lines of activity elearning, whole hours per date and activity', async () => {
    const p = await makeParticipant(db, s, { startedOn: null });
    await addAttendance(db, s, p.id, [{ date: '2026-06-01', minutes: 30 }]);
    const learnerId = await learnerOf(p.id);
    const e = await enrol(db, { course, learnerId, companyId: s.companyId, userId, on: '2026-05-28' });
    await addTime(db, e, '2026-06-01', 100);
    await addTime(db, e, '2026-06-02', 50);
    await addTime(db, e, '2026-06-03', 130);
    await addTime(db, e, '2026-07-01', 90);
    await generateMonth(db, { actor: s.adminActor, ip: '127.0.0.1' }, '2026-06');
    const [cert] = await db.query<{ id: string }>(
      `SELECT id FROM esf_certificates WHERE participant_id = $1 AND month = '2026-06'`,
      [p.id],
    );
    const d = await getCertificate(db, s.adminActor, cert?.id as string);
    expect(d.certificate.lines.map((l) => [l.date, l.activity, l.label, l.minutes, l.hours])).toEqual([
      ['2026-06-01', 'elearning', 'Digital svetsning', 100, 1],
      ['2026-06-01', 'training', 'Svetsning grund (test)', 30, 0],
      ['2026-06-02', 'elearning', 'Digital svetsning', 50, 0],
      ['2026-06-03', 'elearning', 'Digital svetsning', 130, 2],
    ]);
    expect(d.certificate.totalHours).toBe(3);
    const page = await (await Client.as(app, db, s.admin)).get(`/esf/certificates/${cert?.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Digitalt lärande');
    const pdf = await (await Client.as(app, db, s.admin)).get(`/esf/certificates/${cert?.id}.pdf`);
    expect(pdf.statusCode).toBe(200);
    // Training hours of the indicators: course attendance and digital learning (1 + 0 + 0 + 2).
    const hours = await trainingHours(db, s.programmeId, { from: '2026-06-01', to: '2026-06-30' });
    expect(hours.find((h) => h.id === p.id)?.hours).toBe(3);
  });

  it('a learner with only a digital enrolment is registrable, and the first time on task is the start', async () => {
    const learnerId = await makeLearner(db, s.companyId, 'woman');
    const e = await enrol(db, { course, learnerId, companyId: s.companyId, userId, on: '2026-08-01' });
    await addTime(db, e, '2026-08-05', 0);
    await addTime(db, e, '2026-08-06', 45);
    const [source] = await unregisteredLearners(db, s.regionId, s.programmeId, learnerId);
    expect(source).toMatchObject({ learnerId, firstAttended: '2026-08-06', courses: 'Digital svetsning' });
    const p = await makeParticipant(db, s, { startedOn: null });
    await db.query('UPDATE esf_participants SET learner_id = $2 WHERE id = $1', [p.id, learnerId]);
    await syncStarts(db, { id: s.programmeId }, [p.id]);
    const [row] = await db.query<{ startedOn: string | null }>(
      `SELECT to_char(started_on, 'YYYY-MM-DD') AS "startedOn" FROM esf_participants WHERE id = $1`,
      [p.id],
    );
    expect(row?.startedOn).toBe('2026-08-06');
    expect(await unregisteredLearners(db, s.regionId, s.programmeId, learnerId)).toEqual([]);
  });
});
