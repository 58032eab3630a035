// Pure helpers for codes and search text: no database, unit-tested on their own.
import type { TextQuery } from '../repo.ts';

/**
 * The digits of an SNI code as people type it: `25.620`, `25620`, `25 620`, `2562`, `25.6`, `25`.
 * Null when the text is not a code (then it is searched as words).
 */
export function sniDigits(q: string): string | null {
  const compact = q.trim().replace(/\s+/g, '');
  if (/^\d{1,5}$/.test(compact)) return compact;
  const dotted = compact.match(/^(\d{2})\.(\d{0,3})$/);
  return dotted ? `${dotted[1]}${dotted[2]}` : null;
}

/** A stored SNI code from any accepted form: a section letter (`c` → `C`) or digits (`25.620` → `25620`). */
export function normalizeSniCode(code: string): string | null {
  const trimmed = code.trim();
  if (/^[A-Ua-u]$/.test(trimmed)) return trimmed.toUpperCase();
  return sniDigits(trimmed);
}

/** How SCB writes an SNI code: `C`, `25`, `25.6`, `25.62`, `25.620`. */
export function dottedSni(code: string): string {
  return code.length > 2 ? `${code.slice(0, 2)}.${code.slice(2)}` : code;
}

/** The search text as lower-case words of letters and digits (at most six); null when nothing is left. */
export function textQuery(q: string): TextQuery | null {
  const words = q
    .normalize('NFC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, 6);
  return words.length > 0 ? { phrase: words.join(' '), words } : null;
}

// The same folding as ref_search_fold() in migrations/0006_reference_search.sql: keep both in step.
const FOLD_FROM = 'ÀÁÂÃÄÅàáâãäåÆæÇçÈÉÊËèéêëÌÍÎÏìíîïÑñÒÓÔÕÖØòóôõöøÙÚÛÜùúûüÝýÿŠšŽž';
const FOLD_TO = 'aaaaaaaaaaaaaacceeeeeeeeiiiiiiiinnoooooooooooouuuuuuuuyyysszz';
const FOLD = new Map([...FOLD_FROM].map((c, i) => [c, FOLD_TO[i] ?? c]));

/**
 * Text folded for matching what people type: lower case, Latin diacritics dropped (`Montör` → `montor`,
 * `Café` → `cafe`), every run of other characters one space (`CNC-operatör` → `cnc operator`).
 */
export function foldSearchText(text: string): string {
  let out = '';
  for (const c of text.normalize('NFC')) out += FOLD.get(c) ?? c;
  return out
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The search text folded (see foldSearchText) and split into words (at most six); null when nothing is left. */
export function foldedQuery(q: string): TextQuery | null {
  const words = foldSearchText(q).split(' ').filter(Boolean).slice(0, 6);
  return words.length > 0 ? { phrase: words.join(' '), words } : null;
}

// JobTech merges some of SCB's unit groups (see reference-data/README.md).
const JOBTECH_MERGED: Record<string, string> = { '5322': '5321', '5324': '5323' };

/**
 * The JobTech group that holds an SCB unit group that JobTech does not have itself: the manager groups split
 * into nivå 1 / nivå 2 (`1211`, `1212` → `1210`) and two nurse-assistant groups. Null when there is none.
 */
export function mergedJobtechGroup(scbCode: string): string | null {
  if (/^1[2-7]\d[12]$/.test(scbCode)) return `${scbCode.slice(0, 3)}0`;
  return JOBTECH_MERGED[scbCode] ?? null;
}

/** The SCB unit groups behind a code: a JobTech merged manager group (`1210`) stands for `1211` and `1212`. */
export function scbGroupsFor(code: string): string[] {
  if (/^1[2-7]\d0$/.test(code)) return [code, `${code.slice(0, 3)}1`, `${code.slice(0, 3)}2`];
  return [code];
}

const collator = new Intl.Collator('sv');
/** Sort by a Swedish name (å, ä, ö after z), whatever the database collation is. */
export function bySwedishName<T extends { name: string }>(items: T[]): T[] {
  return [...items].sort((a, b) => collator.compare(a.name, b.name));
}

export function clampLimit(limit: number | undefined, fallback: number): number {
  if (limit === undefined || !Number.isFinite(limit)) return fallback;
  return Math.min(100, Math.max(1, Math.trunc(limit)));
}
