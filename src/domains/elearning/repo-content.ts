// Loads one version of a digital course as the view model of types.ts (four queries, no N+1).
import type { Db } from '../../platform/db.ts';
import type {
  CourseContent,
  LessonView,
  MediaRef,
  ModuleView,
  QuestionView,
  VersionStatus,
} from './types.ts';

interface VersionRow {
  course_id: string;
  version_id: string;
  version: number;
  status: VersionStatus;
  provider_org_id: string;
  provider_name: string;
  region_id: string;
  training_course_id: string | null;
  issues_credential: boolean;
  title: string;
  summary: string;
  criteria: string;
  language: string;
  hours: number | string;
  sun_level_code: string | null;
  sun_level_name: string | null;
  published_at: Date | null;
  competences: Array<{ conceptId: string; label: string }> | null;
}

interface LessonRow {
  id: string;
  key: string;
  module_id: string;
  position: number;
  kind: LessonView['kind'];
  title: string;
  body: string;
  external_url: string | null;
  text_alternative: string;
  picture_carries_information: boolean;
  pass_mark: number | null;
  estimated_minutes: number;
  lti_link_id: string | null;
  video: MediaRef | null;
  captions: MediaRef | null;
  audio_description: MediaRef | null;
}

const mediaJson = (alias: string) =>
  `CASE WHEN ${alias}.id IS NULL THEN NULL ELSE json_build_object('id', ${alias}.id, 'kind', ${alias}.kind,
     'contentType', ${alias}.content_type, 'filename', ${alias}.filename, 'language', ${alias}.language,
     'sizeBytes', ${alias}.size_bytes) END`;

/** The content of a version (draft or published), or null when the version does not exist. */
export async function loadVersionContent(db: Db, versionId: string): Promise<CourseContent | null> {
  const [v] = await db.query<VersionRow>(
    `SELECT c.id AS course_id, v.id AS version_id, v.version, v.status, c.provider_org_id, o.name AS provider_name,
            c.region_id, c.training_course_id, c.issues_credential, v.title, v.summary, v.criteria, v.language,
            v.hours, v.sun_level_code, sl.name_sv AS sun_level_name, v.published_at,
            (SELECT json_agg(json_build_object('conceptId', rc.concept_id, 'label', rc.name_sv) ORDER BY rc.name_sv)
               FROM dl_version_competences vc JOIN ref_competences rc ON rc.concept_id = vc.competence_id
              WHERE vc.version_id = v.id) AS competences
       FROM dl_course_versions v
       JOIN dl_courses c ON c.id = v.course_id
       JOIN organisations o ON o.id = c.provider_org_id
       LEFT JOIN ref_sun_levels sl ON sl.code = v.sun_level_code
      WHERE v.id = $1`,
    [versionId],
  );
  if (!v) return null;
  const modules = await db.query<{ id: string; position: number; title: string }>(
    'SELECT id, position, title FROM dl_modules WHERE version_id = $1 ORDER BY position',
    [versionId],
  );
  const lessons = await db.query<LessonRow>(
    `SELECT l.id, l.key, l.module_id, l.position, l.kind, l.title, l.body, l.external_url, l.text_alternative,
            l.picture_carries_information, l.pass_mark, l.estimated_minutes, l.lti_link_id,
            ${mediaJson('mv')} AS video, ${mediaJson('mc')} AS captions, ${mediaJson('ma')} AS audio_description
       FROM dl_lessons l
       JOIN dl_modules m ON m.id = l.module_id
       LEFT JOIN dl_media mv ON mv.id = l.video_media_id
       LEFT JOIN dl_media mc ON mc.id = l.captions_media_id
       LEFT JOIN dl_media ma ON ma.id = l.audio_description_media_id
      WHERE m.version_id = $1
      ORDER BY m.position, l.position`,
    [versionId],
  );
  const questions = await db.query<{
    id: string;
    key: string;
    lesson_id: string;
    position: number;
    kind: 'single' | 'multiple';
    prompt: string;
    feedback_correct: string;
    feedback_incorrect: string;
    options: QuestionView['options'] | null;
  }>(
    `SELECT q.id, q.key, q.lesson_id, q.position, q.kind, q.prompt, q.feedback_correct, q.feedback_incorrect,
            (SELECT json_agg(json_build_object('id', o.id, 'position', o.position, 'label', o.label,
                    'correct', o.correct, 'feedback', o.feedback) ORDER BY o.position)
               FROM dl_options o WHERE o.question_id = q.id) AS options
       FROM dl_questions q
       JOIN dl_lessons l ON l.id = q.lesson_id
       JOIN dl_modules m ON m.id = l.module_id
      WHERE m.version_id = $1
      ORDER BY q.position`,
    [versionId],
  );
  const questionsByLesson = new Map<string, QuestionView[]>();
  for (const q of questions) {
    const list = questionsByLesson.get(q.lesson_id) ?? [];
    list.push({
      id: q.id,
      key: q.key,
      position: q.position,
      kind: q.kind,
      prompt: q.prompt,
      feedbackCorrect: q.feedback_correct,
      feedbackIncorrect: q.feedback_incorrect,
      options: q.options ?? [],
    });
    questionsByLesson.set(q.lesson_id, list);
  }
  const moduleViews: ModuleView[] = modules.map((m) => ({ ...m, lessons: [] }));
  const byId = new Map(moduleViews.map((m) => [m.id, m]));
  for (const l of lessons)
    byId.get(l.module_id)?.lessons.push({
      id: l.id,
      key: l.key,
      moduleId: l.module_id,
      position: l.position,
      kind: l.kind,
      title: l.title,
      body: l.body,
      video: l.video,
      externalUrl: l.external_url,
      captions: l.captions,
      audioDescription: l.audio_description,
      textAlternative: l.text_alternative,
      pictureCarriesInformation: l.picture_carries_information,
      passMark: l.pass_mark,
      estimatedMinutes: l.estimated_minutes,
      ltiLinkId: l.lti_link_id,
      questions: questionsByLesson.get(l.id) ?? [],
    });
  return {
    courseId: v.course_id,
    versionId: v.version_id,
    version: v.version,
    status: v.status,
    providerOrgId: v.provider_org_id,
    providerName: v.provider_name,
    regionId: v.region_id,
    trainingCourseId: v.training_course_id,
    issuesCredential: v.issues_credential,
    title: v.title,
    summary: v.summary,
    criteria: v.criteria,
    language: v.language,
    hours: Number(v.hours),
    sunLevel: v.sun_level_code
      ? { code: v.sun_level_code, label: v.sun_level_name ?? v.sun_level_code }
      : null,
    competences: v.competences ?? [],
    publishedAt: v.published_at,
    modules: moduleViews,
  };
}

/** The published version of a course, if any. */
export async function publishedVersionId(db: Db, courseId: string): Promise<string | null> {
  const rows = await db.query<{ id: string }>(
    `SELECT id FROM dl_course_versions WHERE course_id = $1 AND status = 'published'`,
    [courseId],
  );
  return rows[0]?.id ?? null;
}
