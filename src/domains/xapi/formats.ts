// The xAPI 1.0.3 data types (Data 4.0 and the Communication parameters): pure checks shared by the statement
// validator, the query parameters and the document resources.

/** A request the LRS refuses with 400 Bad Request (the message is for developers, in English). */
export class XapiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export const bad = (message: string): XapiError => new XapiError(400, message);

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (v: unknown): v is string => typeof v === 'string' && UUID.test(v);

// An absolute IRI: a scheme, then no whitespace or characters IRIs never contain.
const IRI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|\\^`]*$/;
export const isIri = (v: unknown): v is string => typeof v === 'string' && IRI.test(v) && v.length < 4096;

// An IRL (a locator): an IRI with an authority or a mailto, urn, etc. Resolvable ones have "//".
export const isIrl = (v: unknown): v is string => isIri(v) && /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/]/.test(v);

// RFC 5646 language tags (the practical grammar: language, script, region, variants, extensions, private use).
const LANG =
  /^(?:(?:[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3}|[A-Za-z]{4,8})(?:-[A-Za-z]{4})?(?:-(?:[A-Za-z]{2}|\d{3}))?(?:-(?:[A-Za-z0-9]{5,8}|\d[A-Za-z0-9]{3}))*(?:-[0-9A-WY-Za-wy-z](?:-[A-Za-z0-9]{2,8})+)*(?:-x(?:-[A-Za-z0-9]{1,8})+)?|x(?:-[A-Za-z0-9]{1,8})+|i-[A-Za-z]{2,8}|[A-Za-z]{2,3}-[A-Za-z]{2,3}-[A-Za-z]{2,3})$/;
export const isLanguageTag = (v: unknown): v is string => typeof v === 'string' && LANG.test(v);

// ISO 8601 timestamps: a full date and time; an offset of "-00:00" is refused (Data 4.5).
const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/;
export function isTimestamp(v: unknown): v is string {
  if (typeof v !== 'string') return false;
  const m = TIMESTAMP.exec(v);
  if (!m) return false;
  if (m[7] && /^-00(:?00)?$/.test(m[7])) return false;
  const [mo, d, h, mi, s] = [m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number) as number[];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 24 || mi > 59 || s > 60) return false;
  return !Number.isNaN(Date.parse(normaliseTimestamp(v)));
}

/** A timestamp JavaScript's Date parses (offsets without a colon, a comma as decimal sign). */
export function normaliseTimestamp(v: string): string {
  return v
    .replace(',', '.')
    .replace(/([+-]\d{2})(\d{2})$/, '$1:$2')
    .replace(/([+-]\d{2})$/, '$1:00');
}

// ISO 8601 durations (Data 4.6): PnYnMnDTnHnMnS (the last unit may have decimals), or PnW.
const DURATION =
  /^P(?:\d+(?:\.\d+)?W|(?=\d|T\d)(?:\d+Y)?(?:\d+M)?(?:\d+D)?(?:T(?=\d)(?:\d+H)?(?:\d+M)?(?:\d+(?:\.\d+)?S)?)?)$/;
export const isDuration = (v: unknown): v is string => typeof v === 'string' && DURATION.test(v);

const MBOX = /^mailto:[^@\s]+@[^@\s]+$/;
export const isMbox = (v: unknown): v is string => typeof v === 'string' && MBOX.test(v);

export const isSha1Hex = (v: unknown): v is string => typeof v === 'string' && /^[0-9a-f]{40}$/i.test(v);

/** Refuse properties other than the allowed ones (Data 2.2: unknown properties are errors). */
export function onlyKeys(obj: JsonObject, allowed: readonly string[], where: string): void {
  for (const k of Object.keys(obj))
    if (!allowed.includes(k)) throw bad(`${where}: unexpected property "${k}"`);
}

export function languageMap(v: unknown, where: string): void {
  if (!isObject(v)) throw bad(`${where} must be a language map`);
  for (const [k, text] of Object.entries(v)) {
    if (!isLanguageTag(k)) throw bad(`${where}: "${k}" is not an RFC 5646 language tag`);
    if (typeof text !== 'string') throw bad(`${where}: values must be strings`);
  }
}

export function extensions(v: unknown, where: string): void {
  if (!isObject(v)) throw bad(`${where} must be an object`);
  for (const k of Object.keys(v)) if (!isIri(k)) throw bad(`${where}: key "${k}" is not an IRI`);
}

/** Parse a JSON request body or parameter; anything else is a 400. */
export function parseJson(text: string, where: string): Json {
  try {
    return JSON.parse(text) as Json;
  } catch {
    throw bad(`${where} is not valid JSON`);
  }
}

/** JSON values equal regardless of key order. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => k in b && jsonEqual(a[k], b[k]));
  }
  return false;
}
