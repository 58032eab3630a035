// Digital-course authoring: scope (own provider, region admin, others 404/403), versioning (a new draft
// copies the published content with the same keys; publishing supersedes; published rows never change), and
// the pages' forms.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorOf, Client, failure, testApp } from '../../../test/app.ts';
import { testDb } from '../../../test/db.ts';
import type { Db } from '../../platform/db.ts';
import { loadVersionContent } from './repo-content.ts';
import * as authoring from './service/authoring.ts';
import * as content from './service/authoring-content.ts';
import { lessonInput } from './service/authoring-schema.ts';
import { publish } from './service/publish.ts';
import { type AuthoringSetup, authoringSetup, makeCourse, w } from './test-support-authoring.ts';

let db: Db;
let app: FastifyInstance;
let s: AuthoringSetup;

beforeAll(async () => {
  db = await testDb();
  s = await authoringSetup(db);
  ({ app } = await testApp(db));
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

describe('scope', () => {
  it('lists and opens only the own provider’s courses; region admins see every provider’s of the region', async () => {
    const mine = await makeCourse(db, s.author, 'Min kurs');
    const theirs = await makeCourse(db, s.otherAuthor, 'Deras kurs');
    const titles = (await authoring.listCourses(db, await actorOf(db, s.author.id))).map((r) => r.title);
    expect(titles).toContain('Min kurs');
    expect(titles).not.toContain('Deras kurs');
    const adminTitles = (await authoring.listCourses(db, await actorOf(db, s.regionAdmin.id))).map(
      (r) => r.title,
    );
    expect(adminTitles).toEqual(expect.arrayContaining(['Min kurs', 'Deras kurs']));

    const author = await Client.as(app, db, s.author);
    expect((await author.get(`/learning/courses/${mine.courseId}`)).statusCode).toBe(200);
    expect((await author.get(`/learning/courses/${theirs.courseId}`)).statusCode).toBe(404);
    expect(
      (await author.get(`/learning/courses/${theirs.courseId}/lessons/${theirs.textId}`)).statusCode,
    ).toBe(404);
    const edit = await author.post(`/learning/courses/${theirs.courseId}/modules`, { title: 'Intrång' });
    expect(edit.statusCode).toBe(404);
    // Another course's lesson addressed under my course: not found either.
    const cross = await author.post(`/learning/courses/${mine.courseId}/lessons/${theirs.textId}/delete`, {});
    expect(cross.statusCode).toBe(404);
    const admin = await Client.as(app, db, s.regionAdmin);
    expect((await admin.get(`/learning/courses/${theirs.courseId}`)).statusCode).toBe(200);
  });

  it('answers 403 to roles that never author', async () => {
    const coach = await Client.as(app, db, s.coach);
    expect((await coach.get('/learning/courses')).statusCode).toBe(403);
    expect((await coach.get('/learning/courses/new')).statusCode).toBe(403);
  });
});

describe('pages', () => {
  it('creates a course through the form, keeps input on errors, and edits the details', async () => {
    const client = await Client.as(app, db, s.author);
    const bad = await client.post('/learning/courses/new', {
      title: '',
      hours: 'x',
      language: 'sv',
      summary: 'Behåll mig',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Behåll mig');
    expect(bad.body).toContain('ds-error-summary');
    const ok = await client.post('/learning/courses/new', {
      title: 'Truckteori',
      hours: '4',
      language: 'sv',
      issuesCredential: 'on',
    });
    expect(ok.statusCode).toBe(303);
    const url = ok.headers.location as string;
    const page = await client.get(url);
    expect(page.body).toContain('Truckteori');
    expect(page.body).toContain('Kursen behöver minst en modul.');
    const id = url.split('/').pop() as string;
    const saved = await client.post(`${url}/edit`, {
      title: 'Grundläggande truckteori',
      hours: '6',
      language: 'sv',
    });
    expect(saved.statusCode).toBe(303);
    const c = await authoring.getCourse(db, await actorOf(db, s.author.id), id);
    expect(c.content.title).toBe('Grundläggande truckteori');
    expect(c.content.hours).toBe(6);
    expect(c.course.issuesCredential).toBe(false);
  });

  it('adds a module and a lesson, reorders with up/down and deletes without JavaScript', async () => {
    const client = await Client.as(app, db, s.author);
    const { courseId, moduleId } = await makeCourse(db, s.author);
    expect(
      (await client.post(`/learning/courses/${courseId}/modules`, { title: 'Fördjupning' })).statusCode,
    ).toBe(303);
    const added = await client.post(`/learning/courses/${courseId}/modules/${moduleId}/lessons`, {
      kind: 'text',
      title: 'Sist',
    });
    expect(added.statusCode).toBe(303);
    const lessonId = (added.headers.location as string).split('/').pop() as string;
    expect(
      (await client.post(`/learning/courses/${courseId}/lessons/${lessonId}/move`, { direction: 'up' }))
        .statusCode,
    ).toBe(303);
    let c = (await authoring.getCourse(db, await actorOf(db, s.author.id), courseId)).content;
    expect(c.modules[0]?.lessons.map((l) => l.title)).toEqual(['Vad är lean?', 'Film', 'Sist', 'Quiz']);
    await client.post(`/learning/courses/${courseId}/modules/${moduleId}/move`, { direction: 'down' });
    await client.post(`/learning/courses/${courseId}/lessons/${lessonId}/delete`, {});
    c = (await authoring.getCourse(db, await actorOf(db, s.author.id), courseId)).content;
    expect(c.modules.map((m) => m.title)).toEqual(['Fördjupning', 'Grunder']);
    expect(c.modules[1]?.lessons.map((l) => [l.position, l.title])).toEqual([
      [1, 'Vad är lean?'],
      [2, 'Film'],
      [3, 'Quiz'],
    ]);
  });

  it('edits a lesson and a question through the forms', async () => {
    const client = await Client.as(app, db, s.author);
    const { courseId, textId, questionId } = await makeCourse(db, s.author);
    const bad = await client.post(`/learning/courses/${courseId}/lessons/${textId}`, {
      title: 'Text',
      body: 'Se ![](/learning/media/00000000-0000-4000-8000-000000000000)',
      estimatedMinutes: '5',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('alternativtext');
    const q = await client.post(`/learning/courses/${courseId}/questions/${questionId}`, {
      kind: 'multiple',
      prompt: 'Vilka är slöseri?',
      'options.0.label': 'Väntan',
      'options.0.correct': 'on',
      'options.1.label': 'Lager',
      'options.1.correct': 'on',
      'options.2.label': 'Kundvärde',
    });
    expect(q.statusCode).toBe(303);
    const c = (await authoring.getCourse(db, await actorOf(db, s.author.id), courseId)).content;
    const question = c.modules[0]?.lessons[2]?.questions[0];
    expect(question?.kind).toBe('multiple');
    expect(question?.options.map((o) => [o.label, o.correct])).toEqual([
      ['Väntan', true],
      ['Lager', true],
      ['Kundvärde', false],
    ]);
  });

  it('previews the draft read-only, the external player only after consent with frame-src for its origin', async () => {
    const client = await Client.as(app, db, s.author);
    const { courseId } = await makeCourse(db, s.author);
    const before = await client.get(`/learning/courses/${courseId}/preview`);
    expect(before.statusCode).toBe(200);
    expect(before.body).not.toContain('<iframe');
    expect(before.body).toContain('player.vimeo.com');
    expect(before.body).toContain('Vad är slöseri?');
    expect(before.body).toMatch(/<input[^>]*type="radio"[^>]*disabled/);
    const after = await client.get(`/learning/courses/${courseId}/preview?consent=1`);
    expect(after.body).toContain('<iframe');
    expect(String(after.headers['content-security-policy'])).toContain('frame-src https://player.vimeo.com');
    expect(String(before.headers['content-security-policy'])).not.toContain('frame-src');
  });
});

describe('versioning', () => {
  it('publishes, copies the published version into a new draft with the same keys, and supersedes on publish', async () => {
    const author = await w(db, s.author);
    const made = await makeCourse(db, s.author);
    const v1 = await publish(db, author, made.courseId);
    expect(v1.version).toBe(1);
    const before = await loadVersionContent(db, v1.versionId);

    // Nothing of the published version can be edited, by service or page.
    expect((await failure(content.addModule(db, author, made.courseId, { title: 'X' }))).code).toBe(
      'CONFLICT',
    );
    const notDraft = await failure(
      content.updateLesson(
        db,
        author,
        made.courseId,
        made.textId,
        lessonInput.parse({ title: 'Ändrad', estimatedMinutes: '5' }),
      ),
    );
    expect(notDraft.code).toBe('CONFLICT');
    expect((await failure(content.remove(db, author, made.courseId, 'question', made.questionId))).code).toBe(
      'CONFLICT',
    );

    const draftId = await authoring.newDraft(db, author, made.courseId);
    expect((await failure(authoring.newDraft(db, author, made.courseId))).code).toBe('CONFLICT');
    const draft = await loadVersionContent(db, draftId);
    expect(draft?.version).toBe(2);
    expect(draft?.status).toBe('draft');
    const keys = (c: typeof draft) =>
      c?.modules.flatMap((m) => m.lessons.map((l) => [l.key, l.questions.map((q) => q.key)]));
    expect(keys(draft)).toEqual(keys(before));
    const draftLessonIds = draft?.modules.flatMap((m) => m.lessons.map((l) => l.id)) ?? [];
    expect(draftLessonIds).not.toContain(made.textId);
    expect(draft?.modules[0]?.lessons[2]?.questions[0]?.options.map((o) => o.label)).toEqual([
      'Väntan',
      'Kundvärde',
    ]);
    expect(draft?.modules[0]?.lessons[1]?.captions?.id).toBe(made.captionsId);

    // Edit the draft: the published version stays as it was.
    const draftText = draft?.modules[0]?.lessons[0]?.id as string;
    await content.updateLesson(
      db,
      author,
      made.courseId,
      draftText,
      lessonInput.parse({ title: 'Ny titel', body: 'Nytt', estimatedMinutes: '5' }),
    );
    expect(await loadVersionContent(db, v1.versionId)).toEqual(before);

    const v2 = await publish(db, author, made.courseId);
    expect(v2.version).toBe(2);
    const versions = await db.query<{ version: number; status: string; published_at: Date | null }>(
      'SELECT version, status, published_at FROM dl_course_versions WHERE course_id = $1 ORDER BY version',
      [made.courseId],
    );
    expect(versions.map((v) => [v.version, v.status])).toEqual([
      [1, 'superseded'],
      [2, 'published'],
    ]);
    expect(versions.every((v) => v.published_at !== null)).toBe(true);
    const old = await loadVersionContent(db, v1.versionId);
    expect({ ...old, status: 'published' }).toEqual(before);
  });

  it('publishes and starts a new draft through the pages', async () => {
    const client = await Client.as(app, db, s.author);
    const { courseId } = await makeCourse(db, s.author);
    const pub = await client.post(`/learning/courses/${courseId}/publish`, {});
    expect(pub.statusCode).toBe(303);
    const page = await client.get(`/learning/courses/${courseId}`);
    expect(page.body).toContain('Skapa nytt utkast');
    expect((await client.post(`/learning/courses/${courseId}/new-draft`, {})).statusCode).toBe(303);
    const list = await client.get('/learning/courses');
    expect(list.body).toContain('v2');
    // Every part the copy made opens in its editor, page and API: the copy's ids are valid UUIDs like any
    // other (they once were raw md5 digests, which the routes' id check refused as "not found").
    const [v] = await db.query<{ id: string }>(
      `SELECT id FROM dl_course_versions WHERE course_id = $1 AND status = 'draft'`,
      [courseId],
    );
    const draft = await loadVersionContent(db, v?.id as string);
    const modules = draft?.modules ?? [];
    const lessons = modules.flatMap((m) => m.lessons);
    const questions = lessons.flatMap((l) => l.questions);
    expect(modules.length * lessons.length * questions.length).toBeGreaterThan(0);
    const rfc = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    for (const id of [...modules, ...lessons, ...questions].map((x) => x.id)) expect(id).toMatch(rfc);
    const base = `/learning/courses/${courseId}`;
    const urls = [
      ...modules.map((m) => `${base}/modules/${m.id}`),
      ...lessons.map((l) => `${base}/lessons/${l.id}`),
      ...questions.map((q) => `${base}/questions/${q.id}`),
    ];
    for (const url of urls) expect((await client.get(url)).statusCode, url).toBe(200);
  });
});
