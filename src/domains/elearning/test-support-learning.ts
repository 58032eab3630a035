// Test data for the learning tests: a provider and a published digital course with content, straight into the
// tables (the authoring service is another area's), and a second version published over it.
import { randomUUID } from 'node:crypto';
import type { Db } from '../../platform/db.ts';

export interface CourseFixture {
  courseId: string;
  versionId: string;
  /** Lesson ids in order: text, external video, quiz, text. */
  lessons: string[];
  quiz: {
    lessonId: string;
    questions: Array<{ id: string; kind: 'single' | 'multiple'; right: string[]; wrong: string[] }>;
  };
}

async function version(
  db: Db,
  courseId: string,
  n: number,
  status: 'published' | 'draft',
  title: string,
  keys: string[],
): Promise<Omit<CourseFixture, 'courseId'>> {
  const versionId = randomUUID();
  await db.query(
    `INSERT INTO dl_course_versions (id, course_id, version, status, title, summary, criteria, hours, published_at)
     VALUES ($1, $2, $3, $4, $5, 'Om **kursen**.', 'Gör alla lektioner.', 2.5, CASE WHEN $4 = 'published' THEN now() END)`,
    [versionId, courseId, n, status, title],
  );
  const moduleIds = [randomUUID(), randomUUID()];
  for (const [i, id] of moduleIds.entries())
    await db.query('INSERT INTO dl_modules (id, version_id, position, title) VALUES ($1, $2, $3, $4)', [
      id,
      versionId,
      i + 1,
      `Modul ${i + 1}`,
    ]);
  const lessons = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
  const defs: Array<[string, string, number, string, string | null, number | null]> = [
    ['text', moduleIds[0] ?? '', 1, 'Introduktion', null, null],
    ['video', moduleIds[0] ?? '', 2, 'Filmen', 'https://video.example.com/embed/abc', null],
    ['quiz', moduleIds[1] ?? '', 1, 'Kunskapstest', null, 50],
    ['text', moduleIds[1] ?? '', 2, 'Sammanfattning', null, null],
  ];
  for (const [i, [kind, moduleId, position, lt, url, passMark]] of defs.entries())
    await db.query(
      `INSERT INTO dl_lessons (id, module_id, key, position, kind, title, body, external_url, pass_mark, estimated_minutes)
       VALUES ($1, $2, $3, $4, $5, $6, 'Läs **detta**.', $7, $8, 10)`,
      [lessons[i] ?? '', moduleId, keys[i] ?? randomUUID(), position, kind, lt, url, passMark],
    );
  const questions: CourseFixture['quiz']['questions'] = [];
  for (const [i, kind] of (['single', 'multiple'] as const).entries()) {
    const id = randomUUID();
    await db.query(
      `INSERT INTO dl_questions (id, lesson_id, key, position, kind, prompt, feedback_correct, feedback_incorrect)
       VALUES ($1, $2, $3, $4, $5, $6, 'Bra!', 'Tyvärr.')`,
      [id, lessons[2] ?? '', randomUUID(), i + 1, kind, `Fråga ${i + 1}?`],
    );
    const opts = kind === 'single' ? [true, false, false] : [true, true, false];
    const right: string[] = [];
    const wrong: string[] = [];
    for (const [j, correct] of opts.entries()) {
      const oid = randomUUID();
      await db.query(
        `INSERT INTO dl_options (id, question_id, position, label, correct, feedback) VALUES ($1, $2, $3, $4, $5, $6)`,
        [oid, id, j + 1, `Svar ${j + 1}`, correct, correct ? 'Stämmer.' : 'Stämmer inte.'],
      );
      (correct ? right : wrong).push(oid);
    }
    questions.push({ id, kind, right, wrong });
  }
  return { versionId, lessons, quiz: { lessonId: lessons[2] ?? '', questions } };
}

export async function makeDigitalCourse(
  db: Db,
  o: { regionId: string; providerOrgId: string; title: string; trainingCourseId?: string },
): Promise<CourseFixture & { keys: string[] }> {
  const courseId = randomUUID();
  await db.query(
    `INSERT INTO dl_courses (id, region_id, provider_org_id, training_course_id) VALUES ($1, $2, $3, $4)`,
    [courseId, o.regionId, o.providerOrgId, o.trainingCourseId ?? null],
  );
  const keys = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
  const v = await version(db, courseId, 1, 'published', o.title, keys);
  return { courseId, ...v, keys };
}

/** Publish version 2 over the current one (which becomes superseded). */
export async function publishNewVersion(db: Db, course: CourseFixture & { keys: string[] }, title: string) {
  await db.query(
    `UPDATE dl_course_versions SET status = 'superseded' WHERE course_id = $1 AND status = 'published'`,
    [course.courseId],
  );
  return version(db, course.courseId, 2, 'published', title, course.keys);
}

export async function makeProviderOrg(db: Db, regionId: string, name: string): Promise<string> {
  const id = randomUUID();
  await db.query(`INSERT INTO organisations (id, kind, name, region_id) VALUES ($1, 'provider', $2, $3)`, [
    id,
    name,
    regionId,
  ]);
  return id;
}

export async function makeLearnerRow(
  db: Db,
  companyId: string,
  userId: string | null,
  name = ['Lena', 'Lär'],
) {
  const id = randomUUID();
  await db.query(
    `INSERT INTO learners (id, company_id, first_name, last_name, user_id) VALUES ($1, $2, $3, $4, $5)`,
    [id, companyId, name[0], name[1], userId],
  );
  return id;
}

/** A digital-format catalogue course with one occasion, and the learner enrolled on it. */
export async function makeCatalogueEnrolment(
  db: Db,
  o: { regionId: string; providerOrgId: string; learnerId: string; companyId: string },
): Promise<string> {
  const courseId = randomUUID();
  await db.query(
    `INSERT INTO courses (id, region_id, provider_org_id, title, format, hours, price_sek, financing, status)
     VALUES ($1, $2, $3, 'Digital katalogkurs', 'digital', 3, 0, 'company', 'approved')`,
    [courseId, o.regionId, o.providerOrgId],
  );
  const occasionId = randomUUID();
  await db.query(
    `INSERT INTO course_occasions (id, course_id, starts_on, ends_on, seats, enrolment_deadline)
     VALUES ($1, $2, '2026-01-10', '2026-12-20', 20, '2026-01-10')`,
    [occasionId, courseId],
  );
  await db.query(
    `INSERT INTO enrolments (id, occasion_id, learner_id, company_id, status, paid_by)
     VALUES ($1, $2, $3, $4, 'enrolled', 'company')`,
    [randomUUID(), occasionId, o.learnerId, o.companyId],
  );
  return courseId;
}
