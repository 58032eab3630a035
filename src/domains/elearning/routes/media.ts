// Media of digital courses: upload (page and API, multipart `file` up to the server's 10 MB) and serving with
// Range requests (video seeking), ETag, nosniff and an inline disposition. Who may fetch a file is decided in
// the query (authors in scope, learners enrolled in a course using it); anyone else gets 404.
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../../platform/errors.ts';
import { type AnyRoute, defineRoute, signedIn } from '../../../platform/http/registry.ts';
import { parseRange, readMedia, uploadMedia } from '../service/media.ts';
import { renderCourse } from './authoring-overview.tsx';
import { type AnyCtx, access, filePart, multipartField, tOf, wctx } from './authoring-shared.ts';

const courseParams = z.object({ id: z.string().uuid() });
const mediaParams = z.object({ id: z.string().uuid() });

export const mediaOut = z.object({
  id: z.string().uuid(),
  kind: z.enum(['video', 'captions', 'audio_description', 'image']),
  contentType: z.string(),
  filename: z.string(),
  language: z.string().nullable(),
  sizeBytes: z.number().int(),
  url: z.string(),
});

/** Content-Disposition inline with an ASCII fallback and the UTF-8 name (RFC 6266). */
function inlineDisposition(fileName: string): string {
  const ascii =
    fileName
      .normalize('NFKD')
      .replace(/[^\x20-\x7e]/g, '')
      .replace(/["\\]/g, '') || 'file';
  return `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

function sendMedia(ctx: AnyCtx, m: Awaited<ReturnType<typeof readMedia>>): FastifyReply {
  const etag = `"${m.sha256}"`;
  const reply = ctx.reply
    .header('content-disposition', inlineDisposition(m.filename))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', 'private, max-age=86400')
    .header('accept-ranges', 'bytes')
    .header('etag', etag)
    .type(m.contentType);
  const inm = ctx.req.headers['if-none-match'];
  if (typeof inm === 'string' && inm.split(',').some((x) => x.trim() === etag)) return reply.code(304).send();
  const size = m.bytes.length;
  const ifRange = ctx.req.headers['if-range'];
  const range =
    typeof ifRange === 'string' && ifRange !== etag ? null : parseRange(ctx.req.headers.range, size);
  if (range === 'unsatisfiable') return reply.code(416).header('content-range', `bytes */${size}`).send();
  if (range === null) return reply.code(200).send(m.bytes);
  return reply
    .code(206)
    .header('content-range', `bytes ${range.start}-${range.end}/${size}`)
    .send(m.bytes.subarray(range.start, range.end + 1));
}

export const mediaRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/learning/media/:id',
    kind: 'page',
    access: signedIn,
    params: mediaParams,
    handler: async (ctx) => sendMedia(ctx as AnyCtx, await readMedia(ctx.db, ctx.actor, ctx.params.id)),
  }),
  defineRoute({
    method: 'POST',
    url: '/learning/courses/:id/media',
    kind: 'page',
    access,
    multipart: true,
    params: courseParams,
    handler: async (ctx) => {
      const body = ctx.req.body;
      const values = {
        kind: multipartField(body, 'kind') ?? '',
        language: multipartField(body, 'language') ?? '',
      };
      try {
        await uploadMedia(ctx.db, wctx(ctx as AnyCtx), ctx.params.id, { ...values, file: filePart(body) });
      } catch (err) {
        if (err instanceof AppError && err.code === 'VALIDATION')
          return renderCourse(ctx as AnyCtx, ctx.params.id, { errors: err.fields, values, status: 422 });
        throw err;
      }
      return ctx.redirect(
        `/learning/courses/${ctx.params.id}#media`,
        tOf(ctx as AnyCtx)('elearning.author.media.uploaded'),
      );
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/v1/learning/courses/:id/media',
    kind: 'api',
    access,
    multipart: true,
    params: courseParams,
    summary:
      'Upload a media file (multipart fields `kind`, `language`, `file`; checked by content: MP4/WebM video, WebVTT captions, MP3/Ogg/M4A or WebVTT audio description, PNG/JPEG/WebP/GIF image; at most 10 MB)',
    tag: 'elearning',
    response: mediaOut,
    successStatus: 201,
    handler: async (ctx) => {
      const body = ctx.req.body;
      const m = await uploadMedia(ctx.db, wctx(ctx as AnyCtx), ctx.params.id, {
        kind: multipartField(body, 'kind'),
        language: multipartField(body, 'language'),
        file: filePart(body),
      });
      return { ...m, url: `/learning/media/${m.id}` };
    },
  }),
];
