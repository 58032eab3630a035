// Shared by the authoring pages and the API: translators, the write context, form flattening, the uploaded
// file part and the stored records as form values.
import type { z } from 'zod';
import type { FieldError } from '../../../platform/errors.ts';
import { toFieldErrors } from '../../../platform/http/forms.ts';
import { type Ctx, policy } from '../../../platform/http/registry.ts';
import { formatDate, translator } from '../../../platform/i18n/index.ts';
import { authoringMessages } from '../messages/authoring.ts';
import { canAuthorCourses } from '../policy.ts';
import type { CourseContent, LessonView, QuestionView } from '../types.ts';

export type AnyCtx = Ctx<unknown, unknown, unknown>;
export const access = policy('canAuthorCourses', canAuthorCourses);
export const tOf = (ctx: AnyCtx) => translator(authoringMessages, ctx.locale);
export const wctx = (ctx: AnyCtx) => ({ actor: ctx.actor, ip: ctx.ip });
export const day = (d: Date | null) => (d ? formatDate(d) : null);

/** A form body as flat strings (first value) and the repeated `competences` as a list. */
export function formBody(body: unknown): { values: Record<string, string>; competences: string[] } {
  const values: Record<string, string> = {};
  let competences: string[] = [];
  if (typeof body === 'object' && body !== null)
    for (const [k, v] of Object.entries(body)) {
      if (k === '_csrf') continue;
      const list = (Array.isArray(v) ? v : [v]).map((x) => String(x ?? ''));
      if (k === 'competences') competences = [...new Set(list.filter((x) => x.trim() !== ''))];
      else values[k] = list[0] ?? '';
    }
  return { values, competences };
}

export function parseWith<S extends z.ZodType>(
  schema: S,
  input: unknown,
): { ok: true; value: z.infer<S> } | { ok: false; errors: FieldError[] } {
  const parsed = schema.safeParse(input);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, errors: toFieldErrors(parsed.error) };
}

/** The value of a multipart text field (attachFieldsToBody gives `{ value }` objects). */
export function multipartField(body: unknown, name: string): string | undefined {
  const v = (body as Record<string, unknown> | undefined)?.[name];
  const part = Array.isArray(v) ? v[0] : v;
  if (part && typeof part === 'object' && 'value' in part)
    return String((part as { value: unknown }).value ?? '');
  return typeof part === 'string' ? part : undefined;
}

/** The uploaded `file` part, or undefined when none was chosen. */
export function filePart(body: unknown): { fileName: string; data: Buffer } | undefined {
  const v = (body as { file?: unknown } | undefined)?.file;
  const part = Array.isArray(v) ? v[0] : v;
  if (!part || typeof part !== 'object' || (part as { type?: unknown }).type !== 'file') return undefined;
  const p = part as { filename?: unknown; _buf?: unknown };
  const data = Buffer.isBuffer(p._buf) ? p._buf : Buffer.alloc(0);
  const fileName = typeof p.filename === 'string' ? p.filename : '';
  if (fileName === '' && data.length === 0) return undefined;
  return { fileName, data };
}

export function metadataValues(c: CourseContent): Record<string, string> {
  return {
    providerOrgId: c.providerOrgId,
    title: c.title,
    summary: c.summary,
    criteria: c.criteria,
    language: c.language,
    hours: String(c.hours),
    sunLevelCode: c.sunLevel?.code ?? '',
    issuesCredential: c.issuesCredential ? 'on' : '',
    trainingCourseId: c.trainingCourseId ?? '',
  };
}

export function lessonValues(l: LessonView): Record<string, string> {
  return {
    title: l.title,
    body: l.body,
    estimatedMinutes: String(l.estimatedMinutes),
    videoMediaId: l.video?.id ?? '',
    externalUrl: l.externalUrl ?? '',
    captionsMediaId: l.captions?.id ?? '',
    audioDescriptionMediaId: l.audioDescription?.id ?? '',
    textAlternative: l.textAlternative,
    pictureCarriesInformation: l.pictureCarriesInformation ? 'on' : '',
    passMark: l.passMark === null ? '' : String(l.passMark),
    ltiLinkId: l.ltiLinkId ?? '',
  };
}

export function questionValues(q: QuestionView): Record<string, string> {
  const v: Record<string, string> = {
    kind: q.kind,
    prompt: q.prompt,
    feedbackCorrect: q.feedbackCorrect,
    feedbackIncorrect: q.feedbackIncorrect,
  };
  q.options.forEach((o, i) => {
    v[`options.${i}.label`] = o.label;
    v[`options.${i}.correct`] = o.correct ? 'on' : '';
    v[`options.${i}.feedback`] = o.feedback;
  });
  return v;
}

/** The page's CSP with `frame-src` for the given origins added (this response only). */
export function withFrameSrc(current: unknown, origins: string[]): string | null {
  if (origins.length === 0 || typeof current !== 'string') return null;
  const kept = current
    .split(';')
    .map((d) => d.trim())
    .filter((d) => d !== '' && !d.startsWith('frame-src'));
  return [...kept, `frame-src ${[...new Set(origins)].join(' ')}`].join('; ');
}
