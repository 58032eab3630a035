// SQL of a version's modules, lessons, questions and options (authoring). Positions are 1…n within their
// parent; the unique (parent, position) constraints are deferred, so swaps and renumbering run in one go.
import type { Db } from '../../platform/db.ts';
import type { LessonKind, VersionStatus } from './types.ts';

/** Where a content row sits: its version, course and the version's status. */
export interface ContentRef {
  id: string;
  parentId: string;
  versionId: string;
  courseId: string;
  status: VersionStatus;
  position: number;
}

export type ContentTable = 'dl_modules' | 'dl_lessons' | 'dl_questions';
const parentCol: Record<ContentTable, string> = {
  dl_modules: 'version_id',
  dl_lessons: 'module_id',
  dl_questions: 'lesson_id',
};

export async function findModule(db: Db, id: string): Promise<ContentRef | null> {
  const rows = await db.query<ContentRef>(
    `SELECT m.id, m.version_id AS "parentId", v.id AS "versionId", v.course_id AS "courseId", v.status, m.position
       FROM dl_modules m JOIN dl_course_versions v ON v.id = m.version_id WHERE m.id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

export async function findLesson(db: Db, id: string): Promise<(ContentRef & { kind: LessonKind }) | null> {
  const rows = await db.query<ContentRef & { kind: LessonKind }>(
    `SELECT l.id, l.module_id AS "parentId", v.id AS "versionId", v.course_id AS "courseId", v.status, l.position,
            l.kind
       FROM dl_lessons l JOIN dl_modules m ON m.id = l.module_id JOIN dl_course_versions v ON v.id = m.version_id
      WHERE l.id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

export async function findQuestion(db: Db, id: string): Promise<ContentRef | null> {
  const rows = await db.query<ContentRef>(
    `SELECT q.id, q.lesson_id AS "parentId", v.id AS "versionId", v.course_id AS "courseId", v.status, q.position
       FROM dl_questions q JOIN dl_lessons l ON l.id = q.lesson_id JOIN dl_modules m ON m.id = l.module_id
       JOIN dl_course_versions v ON v.id = m.version_id
      WHERE q.id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

async function nextPosition(db: Db, table: ContentTable, parentId: string): Promise<number> {
  const [r] = await db.query<{ n: number }>(
    `SELECT (COALESCE(MAX(position), 0) + 1)::int AS n FROM ${table} WHERE ${parentCol[table]} = $1`,
    [parentId],
  );
  return r?.n ?? 1;
}

/** Swaps a row with its neighbour above or below; false when it is already first or last. */
export async function move(
  db: Db,
  table: ContentTable,
  ref: ContentRef,
  dir: 'up' | 'down',
): Promise<boolean> {
  const [other] = await db.query<{ id: string; position: number }>(
    `SELECT id, position FROM ${table} WHERE ${parentCol[table]} = $1 AND position ${dir === 'up' ? '<' : '>'} $2
      ORDER BY position ${dir === 'up' ? 'DESC' : 'ASC'} LIMIT 1`,
    [ref.parentId, ref.position],
  );
  if (!other) return false;
  await db.query(
    `UPDATE ${table} SET position = CASE WHEN id = $1 THEN $3::int ELSE $4::int END WHERE id IN ($1, $2)`,
    [ref.id, other.id, other.position, ref.position],
  );
  return true;
}

/** Deletes a row (its children cascade) and closes the gap in its parent's positions. */
export async function remove(db: Db, table: ContentTable, ref: ContentRef): Promise<void> {
  await db.query(`DELETE FROM ${table} WHERE id = $1`, [ref.id]);
  await db.query(
    `UPDATE ${table} t SET position = r.n
       FROM (SELECT id, row_number() OVER (ORDER BY position)::int AS n FROM ${table} WHERE ${parentCol[table]} = $1) r
      WHERE t.id = r.id AND t.position <> r.n`,
    [ref.parentId],
  );
}

export async function insertModule(
  db: Db,
  m: { id: string; versionId: string; title: string },
): Promise<void> {
  const position = await nextPosition(db, 'dl_modules', m.versionId);
  await db.query('INSERT INTO dl_modules (id, version_id, position, title) VALUES ($1, $2, $3, $4)', [
    m.id,
    m.versionId,
    position,
    m.title,
  ]);
}

export async function renameModule(db: Db, id: string, title: string): Promise<void> {
  await db.query('UPDATE dl_modules SET title = $2 WHERE id = $1', [id, title]);
}

export async function insertLesson(
  db: Db,
  l: { id: string; key: string; moduleId: string; kind: LessonKind; title: string; passMark: number | null },
): Promise<void> {
  const position = await nextPosition(db, 'dl_lessons', l.moduleId);
  await db.query(
    `INSERT INTO dl_lessons (id, module_id, key, position, kind, title, pass_mark) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [l.id, l.moduleId, l.key, position, l.kind, l.title, l.passMark],
  );
}

export interface LessonFields {
  title: string;
  body: string;
  estimatedMinutes: number;
  videoMediaId: string | null;
  externalUrl: string | null;
  captionsMediaId: string | null;
  audioDescriptionMediaId: string | null;
  textAlternative: string;
  pictureCarriesInformation: boolean;
  passMark: number | null;
  ltiLinkId: string | null;
}

export async function updateLesson(db: Db, id: string, l: LessonFields): Promise<void> {
  await db.query(
    `UPDATE dl_lessons SET title = $2, body = $3, estimated_minutes = $4, video_media_id = $5, external_url = $6,
            captions_media_id = $7, audio_description_media_id = $8, text_alternative = $9,
            picture_carries_information = $10, pass_mark = $11, lti_link_id = $12
      WHERE id = $1`,
    [
      id,
      l.title,
      l.body,
      l.estimatedMinutes,
      l.videoMediaId,
      l.externalUrl,
      l.captionsMediaId,
      l.audioDescriptionMediaId,
      l.textAlternative,
      l.pictureCarriesInformation,
      l.passMark,
      l.ltiLinkId,
    ],
  );
}

export interface QuestionFields {
  kind: 'single' | 'multiple';
  prompt: string;
  feedbackCorrect: string;
  feedbackIncorrect: string;
  options: { label: string; correct: boolean; feedback: string }[];
}

async function writeOptions(db: Db, questionId: string, options: QuestionFields['options']): Promise<void> {
  await db.query('DELETE FROM dl_options WHERE question_id = $1', [questionId]);
  if (options.length === 0) return;
  await db.query(
    `INSERT INTO dl_options (id, question_id, position, label, correct, feedback)
     SELECT gen_random_uuid(), $1, t.pos, t.label, t.correct = 'true', t.feedback
       FROM unnest($2::int[], $3::text[], $4::text[], $5::text[]) AS t(pos, label, correct, feedback)`,
    [
      questionId,
      options.map((_, i) => i + 1),
      options.map((o) => o.label),
      options.map((o) => String(o.correct)),
      options.map((o) => o.feedback),
    ],
  );
}

export async function insertQuestion(
  db: Db,
  q: QuestionFields & { id: string; key: string; lessonId: string },
): Promise<void> {
  const position = await nextPosition(db, 'dl_questions', q.lessonId);
  await db.query(
    `INSERT INTO dl_questions (id, lesson_id, key, position, kind, prompt, feedback_correct, feedback_incorrect)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [q.id, q.lessonId, q.key, position, q.kind, q.prompt, q.feedbackCorrect, q.feedbackIncorrect],
  );
  await writeOptions(db, q.id, q.options);
}

export async function updateQuestion(db: Db, id: string, q: QuestionFields): Promise<void> {
  await db.query(
    `UPDATE dl_questions SET kind = $2, prompt = $3, feedback_correct = $4, feedback_incorrect = $5 WHERE id = $1`,
    [id, q.kind, q.prompt, q.feedbackCorrect, q.feedbackIncorrect],
  );
  await writeOptions(db, id, q.options);
}
