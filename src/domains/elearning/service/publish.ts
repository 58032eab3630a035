// The publish checklist of a draft and publishing itself: the draft becomes the published version and the
// previous published version is superseded (its learners keep it), in one transaction.
import { audit } from '../../../platform/audit.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError, type FieldError } from '../../../platform/errors.ts';
import { type LtiLinkOption, ltiLinksForProvider } from '../../lti/index.ts';
import * as repo from '../repo-authoring.ts';
import { loadVersionContent } from '../repo-content.ts';
import type { CourseContent, LessonView } from '../types.ts';
import { draftOf, type WriteCtx } from './authoring.ts';

/** One problem that stops publishing: a message key with its parameters and where to fix it. */
export interface ChecklistItem {
  /** `course`, `module.<id>`, `lesson.<id>` or `question.<id>`. */
  field: string;
  message: string;
  params: Record<string, string | number>;
  href: string;
}

const base = (c: CourseContent) => `/learning/courses/${c.courseId}`;

function lessonItems(c: CourseContent, l: LessonView, links: LtiLinkOption[]): ChecklistItem[] {
  const out: ChecklistItem[] = [];
  const href = `${base(c)}/lessons/${l.id}`;
  const add = (
    message: string,
    params: Record<string, string | number> = {},
    field = `lesson.${l.id}`,
    to = href,
  ) =>
    out.push({
      field,
      message: `elearning.author.check.${message}`,
      params: { lesson: l.title, ...params },
      href: to,
    });
  if (l.kind === 'video') {
    if (!l.video && !l.externalUrl) add('videoMissing');
    if (l.externalUrl && !/^https:\/\//.test(l.externalUrl)) add('https');
    if (!l.captions) add('captions');
    if (l.pictureCarriesInformation && !l.audioDescription && l.textAlternative.trim() === '')
      add('audioDescription');
  }
  if (l.kind === 'lti' && !(l.ltiLinkId && links.some((k) => k.id === l.ltiLinkId))) add('ltiLink');
  if (l.kind === 'quiz') {
    if (l.passMark === null) add('passMark');
    if (l.questions.length === 0) add('noQuestions');
    for (const q of l.questions) {
      const qAdd = (m: string) =>
        add(m, { question: q.position }, `question.${q.id}`, `${base(c)}/questions/${q.id}`);
      const correct = q.options.filter((o) => o.correct).length;
      if (q.options.length < 2) qAdd('options');
      if (q.kind === 'single' && correct !== 1) qAdd('singleOneCorrect');
      if (q.kind === 'multiple' && correct < 1) qAdd('multipleCorrect');
    }
  }
  return out;
}

/** Every problem of a version's content, in course order; empty when it may be published. */
export async function checklist(db: Db, c: CourseContent): Promise<ChecklistItem[]> {
  const out: ChecklistItem[] = [];
  const edit = `${base(c)}/edit`;
  if (c.title.trim() === '')
    out.push({ field: 'course', message: 'elearning.author.check.title', params: {}, href: edit });
  if (!(c.hours > 0))
    out.push({ field: 'course', message: 'elearning.author.check.hours', params: {}, href: edit });
  if (c.modules.length === 0)
    out.push({
      field: 'course',
      message: 'elearning.author.check.noModules',
      params: {},
      href: `${base(c)}#modules`,
    });
  const hasLti = c.modules.some((m) => m.lessons.some((l) => l.kind === 'lti'));
  const links = hasLti ? await ltiLinksForProvider(db, c.providerOrgId) : [];
  for (const m of c.modules) {
    if (m.lessons.length === 0)
      out.push({
        field: `module.${m.id}`,
        message: 'elearning.author.check.emptyModule',
        params: { module: m.title },
        href: `${base(c)}/modules/${m.id}`,
      });
    for (const l of m.lessons) out.push(...lessonItems(c, l, links));
  }
  return out;
}

/** The checklist items as field errors (the API's 422 and the page's error summary). */
export const checklistErrors = (items: ChecklistItem[]): FieldError[] =>
  items.map((i) => ({ field: i.field, message: i.message, params: i.params }));

/** Publishes the draft when its checklist is empty; 422 with the checklist's items otherwise. */
export async function publish(
  db: Db,
  w: WriteCtx,
  courseId: string,
): Promise<{ versionId: string; version: number }> {
  return db.tx(async (tx) => {
    const { course, versionId } = await draftOf(tx, w.actor, courseId);
    const content = await loadVersionContent(tx, versionId);
    if (!content) throw new AppError('NOT_FOUND');
    const items = await checklist(tx, content);
    if (items.length > 0)
      throw new AppError('VALIDATION', 'elearning.author.error.checklist', checklistErrors(items));
    await repo.publishDraft(tx, courseId, versionId, w.actor.userId);
    await repo.touchCourse(tx, courseId);
    await audit(tx, {
      actorUserId: w.actor.userId,
      action: 'elearning.version.publish',
      entityType: 'dl_course',
      entityId: courseId,
      organisationId: course.providerOrgId,
      ip: w.ip,
      details: { versionId, version: content.version },
    });
    return { versionId, version: content.version };
  });
}
