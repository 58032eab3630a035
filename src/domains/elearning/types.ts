// View models of a digital course's content, shared by authoring (edit, preview) and learning (the player).
// Loaded by repo-content.ts; never carry personal data.

export type LessonKind = 'text' | 'video' | 'quiz' | 'lti';
export type VersionStatus = 'draft' | 'published' | 'superseded';

export interface MediaRef {
  id: string;
  kind: 'video' | 'captions' | 'audio_description' | 'image';
  contentType: string;
  filename: string;
  language: string | null;
  sizeBytes: number;
}

export interface OptionView {
  id: string;
  position: number;
  label: string;
  correct: boolean;
  feedback: string;
}

export interface QuestionView {
  id: string;
  /** Stable across versions (xAPI interaction id). */
  key: string;
  position: number;
  kind: 'single' | 'multiple';
  prompt: string;
  feedbackCorrect: string;
  feedbackIncorrect: string;
  options: OptionView[];
}

export interface LessonView {
  id: string;
  /** Stable across versions (xAPI activity id, progress carried to a new version). */
  key: string;
  moduleId: string;
  position: number;
  kind: LessonKind;
  title: string;
  /** Markdown source. */
  body: string;
  video: MediaRef | null;
  externalUrl: string | null;
  captions: MediaRef | null;
  audioDescription: MediaRef | null;
  /** Markdown source. */
  textAlternative: string;
  pictureCarriesInformation: boolean;
  passMark: number | null;
  estimatedMinutes: number;
  ltiLinkId: string | null;
  questions: QuestionView[];
}

export interface ModuleView {
  id: string;
  position: number;
  title: string;
  lessons: LessonView[];
}

export interface CourseContent {
  courseId: string;
  versionId: string;
  version: number;
  status: VersionStatus;
  providerOrgId: string;
  providerName: string;
  regionId: string;
  trainingCourseId: string | null;
  issuesCredential: boolean;
  title: string;
  /** Markdown source. */
  summary: string;
  /** Markdown source. */
  criteria: string;
  language: string;
  hours: number;
  sunLevel: { code: string; label: string } | null;
  competences: Array<{ conceptId: string; label: string }>;
  publishedAt: Date | null;
  modules: ModuleView[];
}

/** Every lesson of a course in order (modules, then lessons). */
export function lessonsInOrder(content: CourseContent): LessonView[] {
  return content.modules.flatMap((m) => m.lessons);
}
