// Input schemas of tool registrations and resource links (the same for forms and /api/v1).
import { z } from 'zod';
import { f } from '../../platform/http/forms.ts';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** An absolute https URL (http only for a tool on this machine, during development and tests). */
export function isToolUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.username || url.password || url.hash) return false;
  return url.protocol === 'https:' || (url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname));
}

const url = () => f.text(2000).refine(isToolUrl, 'lti.validation.url');
const optUrl = () => f.optText(2000).refine((v) => v === null || isToolUrl(v), 'lti.validation.url');

/** One value per line (a textarea), or a JSON array (the API). */
const lines = (v: unknown) =>
  typeof v === 'string'
    ? v
        .split(/\r?\n/)
        .map((s) => s.trim())
        .filter((s) => s !== '')
    : v;

const redirectUris = z.preprocess(
  lines,
  z
    .array(z.string().max(2000, 'validation.tooLong').refine(isToolUrl, 'lti.validation.url'), {
      error: 'validation.required',
    })
    .min(1, 'validation.required')
    .max(20, 'lti.validation.tooManyUris'),
);

export const originOf = (value: string): string => new URL(value).origin;

/** Whether a URL is on the origin of one of the tool's redirect URIs. */
export const onRedirectOrigin = (value: string, uris: string[]): boolean =>
  uris.some((u) => originOf(u) === originOf(value));

const toolFields = {
  name: f.text(200),
  loginUrl: url(),
  redirectUris,
  targetLinkUri: url(),
  jwksUrl: optUrl(),
  shareName: f.checkbox(),
  shareEmail: f.checkbox(),
};

export const toolInput = z.object({ ...toolFields, active: f.checkbox() }).superRefine((v, ctx) => {
  if (isToolUrl(v.targetLinkUri) && v.redirectUris.every(isToolUrl))
    if (!onRedirectOrigin(v.targetLinkUri, v.redirectUris))
      ctx.addIssue({ code: 'custom', path: ['targetLinkUri'], message: 'lti.validation.origin' });
});
export type ToolInput = z.infer<typeof toolInput>;

/** A new tool: the same fields and the provider organisation it belongs to (active from the start). */
export const newToolInput = z.object({ ...toolFields, providerOrgId: f.uuid() }).superRefine((v, ctx) => {
  if (isToolUrl(v.targetLinkUri) && v.redirectUris.every(isToolUrl))
    if (!onRedirectOrigin(v.targetLinkUri, v.redirectUris))
      ctx.addIssue({ code: 'custom', path: ['targetLinkUri'], message: 'lti.validation.origin' });
});
export type NewToolInput = z.infer<typeof newToolInput>;

const CUSTOM_KEY = /^[A-Za-z0-9_.-]{1,100}$/;

/** `key=value` lines (a textarea) or a JSON object (the API) to a record; null when a line is malformed. */
export function parseCustom(v: unknown): Record<string, string> | null {
  if (v === undefined || v === null) return {};
  if (typeof v === 'object' && !Array.isArray(v)) {
    const entries = Object.entries(v as Record<string, unknown>);
    if (entries.some(([k, val]) => !CUSTOM_KEY.test(k) || typeof val !== 'string' || val.length > 1000))
      return null;
    return Object.fromEntries(entries) as Record<string, string>;
  }
  if (typeof v !== 'string') return null;
  const out: Record<string, string> = {};
  for (const line of v.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    const at = line.indexOf('=');
    const key = at > 0 ? line.slice(0, at).trim() : '';
    const value = line.slice(at + 1).trim();
    if (!CUSTOM_KEY.test(key) || value.length > 1000) return null;
    out[key] = value;
  }
  return out;
}

/** A record back to `key=value` lines for the form. */
export const customLines = (custom: Record<string, string>): string =>
  Object.entries(custom)
    .map(([k, v]) => `${k}=${v}`)
    .join('\n');

export const linkInput = z.object({
  title: f.text(300),
  targetUrl: url(),
  custom: z.unknown().transform((v, ctx) => {
    const parsed = parseCustom(v);
    if (parsed && Object.keys(parsed).length <= 50) return parsed;
    ctx.addIssue({ code: 'custom', message: 'lti.validation.custom' });
    return z.NEVER;
  }),
  active: f.checkbox(),
});
export type LinkInput = z.infer<typeof linkInput>;

/** A new link is active from the start. */
export const newLinkInput = linkInput.omit({ active: true });
export type NewLinkInput = z.infer<typeof newLinkInput>;
