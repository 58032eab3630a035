// Reading statements (Communication 2.1.3): single statements, filtered StatementResults with `more` links,
// the three formats and the attachments of the returned statements.
import type { Db } from '../../../platform/db.ts';
import { agentIds } from '../agents.ts';
import { bad, isObject, type Json, type JsonObject } from '../formats.ts';
import * as repo from '../repo-statements.ts';
import type { AttachmentPart } from './multipart.ts';

export type Format = 'exact' | 'ids' | 'canonical';
export const MAX_LIMIT = 100;

export interface Reading {
  format: Format;
  attachments: boolean;
  /** Accept-Language of the request (canonical format). */
  acceptLanguage: string;
}

export interface StatementResult {
  statements: JsonObject[];
  more: string;
  attachments: AttachmentPart[];
}

/** One statement by id: voided ones only by voidedStatementId, the others only by statementId. */
export async function getStatement(
  db: Db,
  regionId: string,
  id: string,
  voided: boolean,
  r: Reading,
): Promise<{ statement: JsonObject; attachments: AttachmentPart[] } | null> {
  const [row] = await repo.findStatements(db, regionId, [id.toLowerCase()]);
  if (!row || row.voided !== voided) return null;
  const statement = formatStatement(row.statement, r);
  return { statement, attachments: r.attachments ? await attachmentsOf(db, regionId, [row.statement]) : [] };
}

interface MoreToken {
  r: string;
  f: repo.StatementFilter;
  fmt: Format;
  att: boolean;
}

/** A StatementResult page; `more` is an absolute path when there are further statements. */
export async function queryStatements(
  db: Db,
  regionId: string,
  filter: repo.StatementFilter,
  r: Reading,
  morePath: string,
): Promise<StatementResult> {
  const rows = await repo.queryStatements(db, regionId, filter);
  const page = rows.slice(0, filter.limit);
  let more = '';
  if (rows.length > filter.limit) {
    const last = page[page.length - 1];
    const token: MoreToken = {
      r: regionId,
      f: { ...filter, after: last ? last.seq : filter.after },
      fmt: r.format,
      att: r.attachments,
    };
    more = `${morePath}?more=${Buffer.from(JSON.stringify(token)).toString('base64url')}`;
  }
  return {
    statements: page.map((row) => formatStatement(row.statement, r)),
    more,
    attachments: r.attachments
      ? await attachmentsOf(
          db,
          regionId,
          page.map((p) => p.statement),
        )
      : [],
  };
}

/** Decode a `more` token of this region. */
export function readMoreToken(
  token: string,
  regionId: string,
): { filter: repo.StatementFilter; format: Format; attachments: boolean } {
  try {
    const t = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as MoreToken;
    if (t.r !== regionId || !isObject(t.f as unknown as Json)) throw new Error('region');
    return { filter: t.f, format: t.fmt, attachments: t.att };
  } catch {
    throw bad('the more token is not valid');
  }
}

async function attachmentsOf(db: Db, regionId: string, statements: JsonObject[]): Promise<AttachmentPart[]> {
  const sha2s = new Set<string>();
  const collect = (s: JsonObject) => {
    if (Array.isArray(s.attachments))
      for (const a of s.attachments)
        if (isObject(a) && typeof a.sha2 === 'string') sha2s.add(a.sha2.toLowerCase());
    if (isObject(s.object) && s.object.objectType === 'SubStatement') collect(s.object);
  };
  for (const s of statements) collect(s);
  const rows = await repo.findAttachments(db, regionId, [...sha2s]);
  return rows.map((a) => ({ sha2: a.sha2, contentType: a.content_type, content: Buffer.from(a.content) }));
}

// ---------------------------------------------------------------- formats

function formatStatement(s: JsonObject, r: Reading): JsonObject {
  if (r.format === 'ids') return idsOf(s);
  if (r.format === 'canonical') return canonical(s, languagePreferences(r.acceptLanguage)) as JsonObject;
  return s;
}

const activityIds = (a: Json): Json => (isObject(a) ? { id: a.id ?? null } : a);

function idsOf(s: JsonObject): JsonObject {
  const out: JsonObject = { ...s };
  if (isObject(s.actor)) out.actor = agentIds(s.actor);
  if (isObject(s.authority)) out.authority = agentIds(s.authority);
  if (isObject(s.verb)) out.verb = { id: s.verb.id ?? null };
  if (isObject(s.object)) {
    const type = s.object.objectType ?? 'Activity';
    if (type === 'Activity') out.object = activityIds(s.object);
    else if (type === 'Agent' || type === 'Group') out.object = agentIds(s.object);
    else if (type === 'SubStatement') out.object = idsOf(s.object);
  }
  if (isObject(s.context)) {
    const c: JsonObject = { ...s.context };
    if (isObject(c.instructor)) c.instructor = agentIds(c.instructor);
    if (isObject(c.team)) c.team = agentIds(c.team);
    if (isObject(c.contextActivities)) {
      const ca: JsonObject = {};
      for (const [k, v] of Object.entries(c.contextActivities))
        ca[k] = Array.isArray(v) ? v.map(activityIds) : activityIds(v);
      c.contextActivities = ca;
    }
    out.context = c;
  }
  return out;
}

/** Accept-Language as tags in order of preference. */
export function languagePreferences(header: string): string[] {
  return header
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean);
      return { tag: tag.trim().toLowerCase(), q: q ? Number(q) : 1, i };
    })
    .filter((x) => x.tag && x.tag !== '*' && x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i)
    .map((x) => x.tag);
}

const LANG_MAP_KEYS = new Set(['display', 'name', 'description']);

function pickLanguage(map: JsonObject, prefs: string[]): JsonObject {
  const keys = Object.keys(map);
  if (keys.length <= 1) return map;
  const lower = keys.map((k) => k.toLowerCase());
  for (const p of prefs) {
    const exact = lower.indexOf(p);
    if (exact >= 0) return { [keys[exact] as string]: map[keys[exact] as string] as Json };
    const prefix = lower.findIndex((k) => k.split('-')[0] === p.split('-')[0]);
    if (prefix >= 0) return { [keys[prefix] as string]: map[keys[prefix] as string] as Json };
  }
  const first = keys[0] as string;
  return { [first]: map[first] as Json };
}

/** Every language map reduced to the one language that suits the reader best. */
function canonical(v: Json, prefs: string[]): Json {
  if (Array.isArray(v)) return v.map((x) => canonical(x, prefs));
  if (!isObject(v)) return v;
  const out: JsonObject = {};
  for (const [k, x] of Object.entries(v)) {
    if (k === 'extensions') out[k] = x;
    else if (LANG_MAP_KEYS.has(k) && isObject(x) && Object.values(x).every((t) => typeof t === 'string'))
      out[k] = pickLanguage(x, prefs);
    else out[k] = canonical(x, prefs);
  }
  return out;
}
