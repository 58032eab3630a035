// The course overview page, rendered by the authoring routes (also with errors after a failed publish,
// upload or module add).
import type { FieldError } from '../../../platform/errors.ts';
import * as authoring from '../service/authoring.ts';
import { LANGUAGES, MEDIA_KINDS } from '../service/authoring-schema.ts';
import { listCourseMedia } from '../service/media.ts';
import { checklist } from '../service/publish.ts';
import { CourseOverviewView } from '../views/authoring-course.tsx';
import { type AnyCtx, day, tOf } from './authoring-shared.ts';

/** The course overview (also re-rendered with errors: a failed publish or upload). */
export async function renderCourse(
  ctx: AnyCtx,
  id: string,
  opts: { errors?: FieldError[]; values?: Record<string, string>; status?: number } = {},
) {
  const t = tOf(ctx);
  const o = await authoring.getCourse(ctx.db, ctx.actor, id);
  const [items, media] = await Promise.all([
    o.content.status === 'draft' ? checklist(ctx.db, o.content) : Promise.resolve([]),
    listCourseMedia(ctx.db, ctx.actor, id),
  ]);
  return ctx.page(
    o.content.title,
    <CourseOverviewView
      t={t}
      csrf={ctx.csrfToken()}
      errors={opts.errors ?? []}
      values={opts.values ?? {}}
      vm={{
        content: o.content,
        versions: o.versions.map((v) => ({
          version: v.version,
          status: v.status,
          createdAt: day(v.createdAt) ?? '',
          publishedAt: day(v.publishedAt),
          publishedByName: v.publishedByName,
        })),
        hasPublished: o.hasPublished,
        checklist: items,
        media: media.map((m) => ({ ...m, createdAt: day(m.createdAt) ?? '' })),
        mediaKinds: MEDIA_KINDS,
        languages: LANGUAGES,
      }}
    />,
    opts.status ?? 200,
  );
}
