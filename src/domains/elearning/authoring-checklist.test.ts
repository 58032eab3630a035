// The publish checklist (each rule, with the link to fix it) and the JSON twins: create, full content,
// content CRUD, publish's 422 with the checklist items, new draft, scope and OpenAPI.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorOf, apiToken, Client, testApp } from '../../../test/app.ts';
import { testDb } from '../../../test/db.ts';
import type { Db } from '../../platform/db.ts';
import { loadVersionContent } from './repo-content.ts';
import * as authoring from './service/authoring.ts';
import * as content from './service/authoring-content.ts';
import { lessonInput, metadataInput } from './service/authoring-schema.ts';
import { uploadMedia } from './service/media.ts';
import { checklist } from './service/publish.ts';
import { type AuthoringSetup, authoringSetup, makeCourse, vtt, w } from './test-support-authoring.ts';

let db: Db;
let app: FastifyInstance;
let s: AuthoringSetup;
let token: string;

beforeAll(async () => {
  db = await testDb();
  s = await authoringSetup(db);
  ({ app } = await testApp(db));
  token = await apiToken(db, s.author.id);
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

const api = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown, bearer = token) =>
  app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${bearer}` },
    ...(payload ? { payload: payload as object } : {}),
  });

async function draftChecklist(courseId: string) {
  const o = await authoring.getCourse(db, await actorOf(db, s.author.id), courseId);
  return checklist(db, o.content);
}

describe('publish checklist', () => {
  it('asks for a module, and for a lesson in every module', async () => {
    const ctx = await w(db, s.author);
    const id = await authoring.createCourse(
      db,
      ctx,
      metadataInput.parse({ title: 'Tom', language: 'sv', hours: '1' }),
    );
    expect((await draftChecklist(id)).map((i) => i.message)).toEqual(['elearning.author.check.noModules']);
    const moduleId = await content.addModule(db, ctx, id, { title: 'Modul utan lektion' });
    const items = await draftChecklist(id);
    expect(items.map((i) => [i.message, i.href])).toEqual([
      ['elearning.author.check.emptyModule', `/learning/courses/${id}/modules/${moduleId}`],
    ]);
  });

  it('checks video, accessibility, quiz and LTI rules, each linking to the lesson or question to fix', async () => {
    const ctx = await w(db, s.author);
    const c = await makeCourse(db, s.author);
    expect(await draftChecklist(c.courseId)).toEqual([]);
    // A video without a source or captions, whose picture carries information.
    const video = await content.addLesson(db, ctx, c.courseId, c.moduleId, {
      kind: 'video',
      title: 'Bildvideo',
    });
    await content.updateLesson(
      db,
      ctx,
      c.courseId,
      video,
      lessonInput.parse({ title: 'Bildvideo', estimatedMinutes: '3', pictureCarriesInformation: 'on' }),
    );
    // A quiz without pass mark and questions; an LTI lesson without a link.
    const quiz = await content.addLesson(db, ctx, c.courseId, c.moduleId, {
      kind: 'quiz',
      title: 'Tomt quiz',
    });
    await content.updateLesson(
      db,
      ctx,
      c.courseId,
      quiz,
      lessonInput.parse({ title: 'Tomt quiz', estimatedMinutes: '3' }),
    );
    await content.addLesson(db, ctx, c.courseId, c.moduleId, { kind: 'lti', title: 'Extern' });
    // A single-choice question with two correct options, a multiple-choice one with none and one option.
    await db.query(`UPDATE dl_options SET correct = true WHERE question_id = $1`, [c.questionId]);
    await content.addQuestion(db, ctx, c.courseId, c.quizId, {
      kind: 'multiple',
      prompt: 'Flera?',
      feedbackCorrect: '',
      feedbackIncorrect: '',
      options: [{ label: 'Bara en', correct: false, feedback: '' }],
    });
    const items = await draftChecklist(c.courseId);
    const codes = items.map(
      (i) => `${i.message.replace('elearning.author.check.', '')}@${i.href.split('/').slice(-2).join('/')}`,
    );
    expect(codes).toEqual([
      `singleOneCorrect@questions/${c.questionId}`,
      expect.stringMatching(/^options@questions\//),
      expect.stringMatching(/^multipleCorrect@questions\//),
      `videoMissing@lessons/${video}`,
      `captions@lessons/${video}`,
      `audioDescription@lessons/${video}`,
      `passMark@lessons/${quiz}`,
      `noQuestions@lessons/${quiz}`,
      expect.stringMatching(/^ltiLink@lessons\//),
    ]);
    // A text alternative satisfies the picture rule; uploaded captions the captions rule.
    const captions = await uploadMedia(db, ctx, c.courseId, {
      kind: 'captions',
      language: 'sv',
      file: { fileName: 'c.vtt', data: vtt() },
    });
    await content.updateLesson(
      db,
      ctx,
      c.courseId,
      video,
      lessonInput.parse({
        title: 'Bildvideo',
        estimatedMinutes: '3',
        pictureCarriesInformation: 'on',
        textAlternative: 'Bilden visar en truck.',
        externalUrl: 'https://www.youtube-nocookie.com/embed/x',
        captionsMediaId: captions.id,
      }),
    );
    const after = (await draftChecklist(c.courseId)).map((i) => i.message);
    expect(after).not.toContain('elearning.author.check.captions');
    expect(after).not.toContain('elearning.author.check.audioDescription');
    expect(after).not.toContain('elearning.author.check.videoMissing');
  });

  it('refuses a non-https external player at save time', async () => {
    const ctx = await w(db, s.author);
    const parsed = lessonInput.safeParse({
      title: 'V',
      estimatedMinutes: '3',
      externalUrl: 'http://example.com/v',
    });
    expect(parsed.success).toBe(false);
    const c = await makeCourse(db, s.author);
    const client = await Client.as(app, db, s.author);
    const res = await client.post(`/learning/courses/${c.courseId}/lessons/${c.videoId}`, {
      title: 'Film',
      estimatedMinutes: '3',
      externalUrl: 'http://example.com/v',
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('https://');
    expect(res.body).toContain('http://example.com/v');
    expect(
      (await loadVersionContent(db, (await authoring.getCourse(db, ctx.actor, c.courseId)).content.versionId))
        ?.modules[0]?.lessons[1]?.externalUrl,
    ).toBe('https://player.vimeo.com/video/1');
  });

  it('lists the checklist on the page after a failed publish, each item linked', async () => {
    const ctx = await w(db, s.author);
    const id = await authoring.createCourse(
      db,
      ctx,
      metadataInput.parse({ title: 'Ofärdig', language: 'sv', hours: '1' }),
    );
    const client = await Client.as(app, db, s.author);
    const res = await client.post(`/learning/courses/${id}/publish`, {});
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain(`href="/learning/courses/${id}#modules"`);
    expect(res.body).toContain('Kursen behöver minst en modul.');
  });
});

describe('API', () => {
  it('creates, fills, fails to publish with the checklist as 422, publishes and starts a new draft', async () => {
    const created = await api('POST', '/api/v1/learning/courses', {
      title: 'API-kurs',
      language: 'sv',
      hours: 2,
      issuesCredential: true,
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    expect(created.json().content.status).toBe('draft');

    const fail = await api('POST', `/api/v1/learning/courses/${id}/publish`);
    expect(fail.statusCode).toBe(422);
    expect(fail.headers['content-type']).toContain('application/problem+json');
    expect(fail.json().errors).toEqual([
      {
        field: 'course',
        code: 'elearning.author.check.noModules',
        message: 'Kursen behöver minst en modul.',
      },
    ]);

    const bad = await api('POST', `/api/v1/learning/courses/${id}/modules`, { title: '' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].field).toBe('title');

    const mod = await api('POST', `/api/v1/learning/courses/${id}/modules`, { title: 'Modul 1' });
    expect(mod.statusCode).toBe(201);
    const lesson = await api('POST', `/api/v1/learning/courses/${id}/modules/${mod.json().id}/lessons`, {
      kind: 'quiz',
      title: 'Kunskapskoll',
    });
    const lessonId = lesson.json().id as string;
    expect(
      (
        await api('PUT', `/api/v1/learning/courses/${id}/lessons/${lessonId}`, {
          title: 'Kunskapskoll',
          estimatedMinutes: 5,
          passMark: 70,
        })
      ).statusCode,
    ).toBe(204);
    const q = await api('POST', `/api/v1/learning/courses/${id}/lessons/${lessonId}/questions`, {
      kind: 'single',
      prompt: 'Två plus två?',
      feedbackCorrect: 'Ja.',
      feedbackIncorrect: 'Nej.',
      options: [
        { label: 'Fyra', correct: true, feedback: '' },
        { label: 'Fem', correct: false, feedback: 'Räkna igen.' },
      ],
    });
    expect(q.statusCode).toBe(201);
    const got = await api('GET', `/api/v1/learning/courses/${id}`);
    expect(got.statusCode).toBe(200);
    expect(got.json().checklist).toEqual([]);
    expect(got.json().content.modules[0].lessons[0].questions[0].options[1].feedback).toBe('Räkna igen.');

    const pub = await api('POST', `/api/v1/learning/courses/${id}/publish`);
    expect(pub.statusCode).toBe(200);
    expect(pub.json().content.status).toBe('published');
    const edit = await api('PUT', `/api/v1/learning/courses/${id}/lessons/${lessonId}`, {
      title: 'X',
      estimatedMinutes: 5,
    });
    expect(edit.statusCode).toBe(409);
    const draft = await api('POST', `/api/v1/learning/courses/${id}/new-draft`);
    expect(draft.statusCode).toBe(201);
    expect(draft.json().content.version).toBe(2);
    expect(draft.json().versions.map((v: { status: string }) => v.status)).toEqual(['draft', 'published']);
    const list = await api('GET', '/api/v1/learning/courses');
    expect(list.json().find((r: { id: string }) => r.id === id)).toMatchObject({
      draftVersion: 2,
      publishedVersion: 1,
    });
  });

  it('answers 404 for another provider’s course and 403 for a role that never authors', async () => {
    const theirs = await makeCourse(db, s.otherAuthor);
    expect((await api('GET', `/api/v1/learning/courses/${theirs.courseId}`)).statusCode).toBe(404);
    expect(
      (await api('POST', `/api/v1/learning/courses/${theirs.courseId}/modules`, { title: 'X' })).statusCode,
    ).toBe(404);
    const coachToken = await apiToken(db, s.coach.id);
    expect((await api('GET', '/api/v1/learning/courses', undefined, coachToken)).statusCode).toBe(403);
  });

  it('is listed in OpenAPI with response schemas', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    const get = doc.paths['/api/v1/learning/courses/{id}']?.get;
    expect(get?.responses?.['200']?.content?.['application/json']?.schema).toBeDefined();
    expect(doc.paths['/api/v1/learning/courses/{id}/publish']?.post).toBeDefined();
    expect(doc.paths['/api/v1/learning/courses/{id}/media']?.post).toBeDefined();
  });
});
