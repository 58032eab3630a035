// Helpers shared by the authoring tests (not a test file itself): provider organisations and their users,
// a course with content built through the services, and small valid media files made in code.
import { randomUUID } from 'node:crypto';
import { actorOf, makeUser, type TestUser } from '../../../test/app.ts';
import type { Db } from '../../platform/db.ts';
import { ensureRegion } from '../organisations/index.ts';
import * as authoring from './service/authoring.ts';
import * as content from './service/authoring-content.ts';
import { lessonInput, metadataInput, questionInput } from './service/authoring-schema.ts';
import { uploadMedia } from './service/media.ts';

export interface AuthoringSetup {
  regionId: string;
  providerOrgId: string;
  otherProviderOrgId: string;
  author: TestUser;
  otherAuthor: TestUser;
  regionAdmin: TestUser;
  coach: TestUser;
}

export async function makeProviderOrg(db: Db, regionId: string, name = 'Utbildarna AB'): Promise<string> {
  const id = randomUUID();
  await db.query(`INSERT INTO organisations (id, kind, name, region_id) VALUES ($1, 'provider', $2, $3)`, [
    id,
    name,
    regionId,
  ]);
  return id;
}

export async function authoringSetup(db: Db): Promise<AuthoringSetup> {
  const regionId = await ensureRegion(db, '07');
  const providerOrgId = await makeProviderOrg(db, regionId, 'Digitala Akademin AB');
  const otherProviderOrgId = await makeProviderOrg(db, regionId, 'Andra Utbildare AB');
  return {
    regionId,
    providerOrgId,
    otherProviderOrgId,
    author: await makeUser(db, [{ role: 'provider', org: providerOrgId }]),
    otherAuthor: await makeUser(db, [{ role: 'provider', org: otherProviderOrgId }]),
    regionAdmin: await makeUser(db, [{ role: 'region_admin', org: 'region' }]),
    coach: await makeUser(db, [{ role: 'coach', org: '0780' }]),
  };
}

export const w = async (db: Db, user: TestUser) => ({ actor: await actorOf(db, user.id), ip: '127.0.0.1' });

/** A WebVTT captions file. */
export const vtt = (text = 'Hej och välkommen.') =>
  Buffer.from(`WEBVTT\n\n00:00:00.000 --> 00:00:04.000\n${text}\n`, 'utf8');
/** A fake but well-formed MP4 start: an `ftyp` box (isom) followed by filler bytes. */
export const fakeMp4 = (size = 4096) => {
  const b = Buffer.alloc(size, 7);
  b.writeUInt32BE(24, 0);
  b.write('ftypisom', 4, 'latin1');
  return b;
};
/** A 1×1 PNG. */
export const tinyPng = () =>
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
    'base64',
  );

/**
 * A course through the services: one module with a text lesson, a video lesson (external https player with
 * uploaded captions) and a quiz with one single-choice question; ready to publish.
 */
export async function makeCourse(db: Db, user: TestUser, title = 'Lean i vardagen') {
  const ctx = await w(db, user);
  const courseId = await authoring.createCourse(
    db,
    ctx,
    metadataInput.parse({
      title,
      summary: 'Om **lean**.',
      language: 'sv',
      hours: '3',
      issuesCredential: 'on',
    }),
  );
  const moduleId = await content.addModule(db, ctx, courseId, { title: 'Grunder' });
  const textId = await content.addLesson(db, ctx, courseId, moduleId, {
    kind: 'text',
    title: 'Vad är lean?',
  });
  await content.updateLesson(
    db,
    ctx,
    courseId,
    textId,
    lessonInput.parse({ title: 'Vad är lean?', body: 'Slöseri.', estimatedMinutes: '5' }),
  );
  const videoId = await content.addLesson(db, ctx, courseId, moduleId, { kind: 'video', title: 'Film' });
  const captions = await uploadMedia(db, ctx, courseId, {
    kind: 'captions',
    language: 'sv',
    file: { fileName: 'film.vtt', data: vtt() },
  });
  await content.updateLesson(
    db,
    ctx,
    courseId,
    videoId,
    lessonInput.parse({
      title: 'Film',
      estimatedMinutes: '4',
      externalUrl: 'https://player.vimeo.com/video/1',
      captionsMediaId: captions.id,
    }),
  );
  const quizId = await content.addLesson(db, ctx, courseId, moduleId, { kind: 'quiz', title: 'Quiz' });
  const questionId = await content.addQuestion(
    db,
    ctx,
    courseId,
    quizId,
    questionInput.parse({
      kind: 'single',
      prompt: 'Vad är slöseri?',
      feedbackCorrect: 'Rätt!',
      options: [
        { label: 'Väntan', correct: 'on', feedback: '' },
        { label: 'Kundvärde', feedback: '' },
      ],
    }),
  );
  return { courseId, moduleId, textId, videoId, quizId, questionId, captionsId: captions.id };
}
