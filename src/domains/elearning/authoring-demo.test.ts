// The demo digital courses: three published courses for the demo providers, one linked to the catalogue's
// digital course, one with a draft version 2; seeding twice adds nothing; every published one passes the
// checklist and previews with its image and captions.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { testDb } from '../../../test/db.ts';
import type { Db } from '../../platform/db.ts';
import { loadVersionContent } from './repo-content.ts';
import { seedElearningCourses } from './service/demo-courses.ts';
import { isWebVtt, sniff } from './service/media-sniff.ts';
import { checklist } from './service/publish.ts';

let db: Db;
beforeAll(async () => {
  db = await testDb({ demo: true });
});
afterAll(async () => {
  await db?.close();
});

it('seeds three published demo courses idempotently', async () => {
  await seedElearningCourses(db);
  await seedElearningCourses(db);
  const courses = await db.query<{
    id: string;
    training_course_id: string | null;
    title: string;
    versions: string;
  }>(
    `SELECT c.id, c.training_course_id, v.title,
            (SELECT string_agg(status || ':' || version, ',' ORDER BY version) FROM dl_course_versions WHERE course_id = c.id) AS versions
       FROM dl_courses c JOIN dl_course_versions v ON v.course_id = c.id AND v.status = 'published'
      WHERE c.created_by IS NOT NULL ORDER BY v.title`,
  );
  const titles = courses.map((c) => c.title);
  expect(titles).toEqual(
    expect.arrayContaining([
      'Digital arbetsmiljö och IT-säkerhet på småföretag',
      'Ekonomi och bokföring i praktiken',
      'Grundläggande truckteori',
    ]),
  );
  expect(courses.filter((c) => titles.filter((t) => t === c.title).length > 1)).toEqual([]);
  expect(courses.find((c) => c.title.startsWith('Digital arbetsmiljö'))?.versions).toBe(
    'published:1,draft:2',
  );
  expect(
    courses.find((c) => c.title === 'Ekonomi och bokföring i praktiken')?.training_course_id,
  ).not.toBeNull();
  for (const c of courses) {
    const [v] = await db.query<{ id: string }>(
      `SELECT id FROM dl_course_versions WHERE course_id = $1 AND status = 'published'`,
      [c.id],
    );
    const content = await loadVersionContent(db, v?.id as string);
    if (!content) throw new Error('no content');
    expect(await checklist(db, content)).toEqual([]);
    const kinds = content.modules.flatMap((m) => m.lessons.map((l) => l.kind));
    expect(kinds).toEqual(expect.arrayContaining(['text', 'video', 'quiz']));
    const quiz = content.modules.flatMap((m) => m.lessons).find((l) => l.kind === 'quiz');
    expect(quiz?.questions.map((q) => q.kind)).toEqual(expect.arrayContaining(['single', 'multiple']));
  }
  const media = await db.query<{ kind: string; bytes: Uint8Array }>('SELECT kind, bytes FROM dl_media');
  const png = media.find((m) => m.kind === 'image');
  expect(sniff(Buffer.from(png?.bytes ?? []))?.contentType).toBe('image/png');
  expect(media.filter((m) => m.kind === 'captions').every((m) => isWebVtt(Buffer.from(m.bytes)))).toBe(true);
});
