// Modules, lessons and quiz questions of a course's draft: add, edit, reorder (up/down), delete. Every entry
// checks that the row belongs to the draft of a course in the actor's scope: another course's row answers
// 404, a row of a published or superseded version 409 (those never change).
import { randomUUID } from 'node:crypto';
import { audit } from '../../../platform/audit.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError, type FieldError } from '../../../platform/errors.ts';
import { ltiLinksForProvider } from '../../lti/index.ts';
import * as repo from '../repo-authoring-content.ts';
import * as media from '../repo-media.ts';
import type { LessonKind } from '../types.ts';
import { authoredCourse, draftOf, getCourse, type WriteCtx } from './authoring.ts';
import type { LessonInput, ModuleInput, NewLessonInput, QuestionInput } from './authoring-schema.ts';

type Kind = 'module' | 'lesson' | 'question';
const table: Record<Kind, repo.ContentTable> = {
  module: 'dl_modules',
  lesson: 'dl_lessons',
  question: 'dl_questions',
};
const finder = { module: repo.findModule, lesson: repo.findLesson, question: repo.findQuestion };

/** The row, when it belongs to the draft of this course in scope (the course row is locked). */
async function editable(db: Db, w: WriteCtx, courseId: string, kind: Kind, id: string) {
  const course = await authoredCourse(db, w.actor, courseId, true);
  const ref = await finder[kind](db, id);
  if (!ref || ref.courseId !== courseId) throw new AppError('NOT_FOUND');
  if (ref.status !== 'draft') throw new AppError('CONFLICT', 'elearning.author.error.notDraft');
  return { course, ref };
}

async function log(db: Db, w: WriteCtx, org: string, action: string, entityId: string, details = {}) {
  await audit(db, {
    actorUserId: w.actor.userId,
    action: `elearning.${action}`,
    entityType: `dl_${action.split('.')[0]}`,
    entityId,
    organisationId: org,
    ip: w.ip,
    details,
  });
}

export async function addModule(db: Db, w: WriteCtx, courseId: string, v: ModuleInput): Promise<string> {
  return db.tx(async (tx) => {
    const { course, versionId } = await draftOf(tx, w.actor, courseId);
    const id = randomUUID();
    await repo.insertModule(tx, { id, versionId, title: v.title });
    await log(tx, w, course.providerOrgId, 'module.create', id);
    return id;
  });
}

export async function renameModule(db: Db, w: WriteCtx, courseId: string, id: string, v: ModuleInput) {
  await db.tx(async (tx) => {
    const { course } = await editable(tx, w, courseId, 'module', id);
    await repo.renameModule(tx, id, v.title);
    await log(tx, w, course.providerOrgId, 'module.update', id);
  });
}

/** Up or down among its siblings (a no-op at either end). */
export async function move(
  db: Db,
  w: WriteCtx,
  courseId: string,
  kind: Kind,
  id: string,
  dir: 'up' | 'down',
) {
  await db.tx(async (tx) => {
    const { course, ref } = await editable(tx, w, courseId, kind, id);
    if (await repo.move(tx, table[kind], ref, dir))
      await log(tx, w, course.providerOrgId, `${kind}.move`, id, { dir });
  });
}

export async function remove(db: Db, w: WriteCtx, courseId: string, kind: Kind, id: string) {
  await db.tx(async (tx) => {
    const { course, ref } = await editable(tx, w, courseId, kind, id);
    await repo.remove(tx, table[kind], ref);
    await log(tx, w, course.providerOrgId, `${kind}.delete`, id);
  });
}

export async function addLesson(db: Db, w: WriteCtx, courseId: string, moduleId: string, v: NewLessonInput) {
  return db.tx(async (tx) => {
    const { course } = await editable(tx, w, courseId, 'module', moduleId);
    const id = randomUUID();
    await repo.insertLesson(tx, {
      id,
      key: randomUUID(),
      moduleId,
      kind: v.kind,
      title: v.title,
      passMark: v.kind === 'quiz' ? 80 : null,
    });
    await log(tx, w, course.providerOrgId, 'lesson.create', id, { kind: v.kind });
    return id;
  });
}

/** Only the fields of the lesson's kind are kept; media must be the provider's, of the right kind. */
async function lessonFields(
  db: Db,
  providerOrgId: string,
  kind: LessonKind,
  v: LessonInput,
): Promise<repo.LessonFields> {
  const errors: FieldError[] = [];
  const isVideo = kind === 'video';
  const out: repo.LessonFields = {
    title: v.title,
    body: v.body,
    estimatedMinutes: v.estimatedMinutes,
    videoMediaId: isVideo ? v.videoMediaId : null,
    externalUrl: isVideo ? v.externalUrl : null,
    captionsMediaId: isVideo ? v.captionsMediaId : null,
    audioDescriptionMediaId: isVideo ? v.audioDescriptionMediaId : null,
    textAlternative: isVideo ? v.textAlternative : '',
    pictureCarriesInformation: isVideo && v.pictureCarriesInformation,
    passMark: kind === 'quiz' ? v.passMark : null,
    ltiLinkId: kind === 'lti' ? v.ltiLinkId : null,
  };
  for (const field of ['body', 'textAlternative'] as const)
    if (/!\[\s*\]\(\s*\/learning\/media\//.test(out[field]))
      errors.push({ field, message: 'elearning.author.error.imageAlt' });
  if (out.videoMediaId && out.externalUrl)
    errors.push({ field: 'externalUrl', message: 'elearning.author.error.videoBoth' });
  const wanted = [
    ['videoMediaId', 'video'],
    ['captionsMediaId', 'captions'],
    ['audioDescriptionMediaId', 'audio_description'],
  ] as const;
  for (const [field, mediaKind] of wanted) {
    const id = out[field];
    if (!id) continue;
    const m = await media.findMediaOfProvider(db, providerOrgId, id);
    const ok = m && (m.kind === mediaKind || (field === 'audioDescriptionMediaId' && m.kind === 'captions'));
    if (!ok) errors.push({ field, message: 'elearning.author.error.media' });
  }
  if (out.ltiLinkId && !(await ltiLinksForProvider(db, providerOrgId)).some((l) => l.id === out.ltiLinkId))
    errors.push({ field: 'ltiLinkId', message: 'validation.choice' });
  if (errors.length > 0) throw new AppError('VALIDATION', 'VALIDATION', errors);
  return out;
}

export async function updateLesson(db: Db, w: WriteCtx, courseId: string, id: string, v: LessonInput) {
  await db.tx(async (tx) => {
    const { course } = await editable(tx, w, courseId, 'lesson', id);
    const lesson = await repo.findLesson(tx, id);
    if (!lesson) throw new AppError('NOT_FOUND');
    await repo.updateLesson(tx, id, await lessonFields(tx, course.providerOrgId, lesson.kind, v));
    await log(tx, w, course.providerOrgId, 'lesson.update', id);
  });
}

function checkQuestion(v: QuestionInput): void {
  if (v.options.length > 0 && v.kind === 'single' && v.options.filter((o) => o.correct).length > 1)
    throw new AppError('VALIDATION', 'VALIDATION', [
      { field: 'options', message: 'elearning.author.check.singleOneCorrect' },
    ]);
}

export async function addQuestion(db: Db, w: WriteCtx, courseId: string, lessonId: string, v: QuestionInput) {
  checkQuestion(v);
  return db.tx(async (tx) => {
    const { course } = await editable(tx, w, courseId, 'lesson', lessonId);
    const lesson = await repo.findLesson(tx, lessonId);
    if (lesson?.kind !== 'quiz')
      throw new AppError('VALIDATION', 'VALIDATION', [
        { field: 'kind', message: 'elearning.author.error.notQuiz' },
      ]);
    const id = randomUUID();
    await repo.insertQuestion(tx, { ...v, id, key: randomUUID(), lessonId });
    await log(tx, w, course.providerOrgId, 'question.create', id);
    return id;
  });
}

export async function updateQuestion(db: Db, w: WriteCtx, courseId: string, id: string, v: QuestionInput) {
  checkQuestion(v);
  await db.tx(async (tx) => {
    const { course } = await editable(tx, w, courseId, 'question', id);
    await repo.updateQuestion(tx, id, v);
    await log(tx, w, course.providerOrgId, 'question.update', id);
  });
}

/** A module, lesson or question of the course's draft as the edit pages show it (404 when not in it). */
export async function draftParts(db: Db, actor: WriteCtx['actor'], courseId: string) {
  const o = await getCourse(db, actor, courseId);
  if (o.content.status !== 'draft') throw new AppError('CONFLICT', 'elearning.author.error.noDraft');
  const modules = o.content.modules;
  const lessons = modules.flatMap((m) => m.lessons);
  return {
    content: o.content,
    module: (id: string) => modules.find((m) => m.id === id) ?? notFound(),
    lesson: (id: string) => lessons.find((l) => l.id === id) ?? notFound(),
    question: (id: string) => {
      for (const l of lessons) {
        const q = l.questions.find((x) => x.id === id);
        if (q) return { lesson: l, question: q };
      }
      return notFound();
    },
  };
}

function notFound(): never {
  throw new AppError('NOT_FOUND');
}

/** The choices of the lesson form: the provider's media and LTI links. */
export async function lessonChoices(db: Db, providerOrgId: string) {
  const [all, ltiLinks] = await Promise.all([
    media.listMedia(db, providerOrgId),
    ltiLinksForProvider(db, providerOrgId),
  ]);
  return { media: all, ltiLinks };
}
