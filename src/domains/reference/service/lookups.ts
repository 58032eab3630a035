import type { Db } from '../../../platform/db.ts';
import type { TextQuery } from '../repo.ts';
import * as repo from '../repo.ts';
import type {
  Competence,
  County,
  EnglishName,
  Municipality,
  SniCode,
  SniHit,
  SsykGroup,
  SsykHit,
  SunEntry,
} from '../schema.ts';
import {
  bySwedishName,
  clampLimit,
  dottedSni,
  foldedQuery,
  mergedJobtechGroup,
  normalizeSniCode,
  scbGroupsFor,
  sniDigits,
  textQuery,
} from './codes.ts';

/** Search by the words; only when nothing contains them, by similarity (a typo, a missing diacritic). */
async function wordsThenSimilar<R>(text: TextQuery, search: (q: TextQuery) => Promise<R[]>): Promise<R[]> {
  const rows = await search(text);
  return rows.length > 0 ? rows : search({ ...text, similar: true });
}

// ---------------------------------------------------------------- SNI 2007

/** Any SNI level by code (`C`, `25`, `25.62`, `25.620`, `25620`); null when unknown. */
export async function findSni(db: Db, code: string): Promise<SniCode | null> {
  const normalized = normalizeSniCode(code);
  if (!normalized) return null;
  const row = await repo.findSni(db, normalized);
  return row ? { ...row, codeDotted: dottedSni(row.code) } : null;
}

/** Is this a detail group (the five-digit level a company picks)? Accepts `25620` and `25.620`. */
export async function sniExists(db: Db, code: string): Promise<boolean> {
  const digits = sniDigits(code);
  return digits !== null && digits.length === 5 && repo.sniDetailExists(db, digits);
}

/**
 * Detail groups by code prefix (`25.620`, `25620`, `2562`: the exact code first) or by words of their Swedish
 * name (`plast`, `trä`: whole name, then start of the name, whole words, word starts, anywhere, similar).
 */
export async function searchSni(db: Db, q: string, limit = 10): Promise<SniHit[]> {
  const n = clampLimit(limit, 10);
  const digits = sniDigits(q);
  const text = digits ? null : textQuery(q);
  let rows: repo.SniHitRow[] = [];
  if (digits) rows = await repo.sniByCodePrefix(db, digits, n);
  else if (text) rows = await wordsThenSimilar(text, (t) => repo.sniByText(db, t, n));
  return rows.map((row) => ({ ...row, codeDotted: dottedSni(row.code) }));
}

// ---------------------------------------------------------------- counties and municipalities

/** The 21 counties, by code. */
export async function listCounties(db: Db): Promise<County[]> {
  return repo.listCounties(db);
}

export async function findCounty(db: Db, code: string): Promise<County | null> {
  return repo.findCounty(db, code.trim());
}

/** The municipalities of a county, by name in Swedish order. */
export async function municipalitiesOfCounty(db: Db, countyCode: string): Promise<Municipality[]> {
  return bySwedishName(await repo.municipalities(db, countyCode.trim()));
}

/** All 290 municipalities, by name in Swedish order. */
export async function listMunicipalities(db: Db): Promise<Municipality[]> {
  return bySwedishName(await repo.municipalities(db, null));
}

export async function findMunicipality(db: Db, code: string): Promise<Municipality | null> {
  return repo.findMunicipality(db, code.trim());
}

// ---------------------------------------------------------------- SSYK 2012

/** An SSYK 2012 group as SCB publishes it (any level); null when unknown. */
export async function findSsyk(db: Db, code: string): Promise<SsykGroup | null> {
  return repo.findSsyk(db, code.trim());
}

/**
 * SCB's four-digit unit groups by code prefix, or by words in the group name, in JobTech's occupation names
 * and in SCB's occupation titles: one hit per group with the name that matched.
 */
export async function searchSsyk(db: Db, q: string, limit = 10): Promise<SsykHit[]> {
  const n = clampLimit(limit, 10);
  const trimmed = q.trim();
  if (/^\d{1,4}$/.test(trimmed)) return repo.ssykByCodePrefix(db, trimmed, n);
  const text = foldedQuery(trimmed);
  return text ? wordsThenSimilar(text, (t) => repo.ssykByText(db, t, n)) : [];
}

/**
 * English names of an SSYK unit group: the ISCO-08 groups of SCB's key, with ESCO's English titles.
 * Approximate (the key is many-to-many for some groups). A JobTech merged group (`1210`) gives those of
 * `1211` and `1212`.
 */
export async function englishNamesForSsyk(db: Db, code: string): Promise<EnglishName[]> {
  return repo.englishNames(db, scbGroupsFor(code.trim()));
}

// ---------------------------------------------------------------- competences

export async function searchCompetences(db: Db, q: string, limit = 10): Promise<Competence[]> {
  const text = foldedQuery(q);
  return text ? wordsThenSimilar(text, (t) => repo.competencesByText(db, t, clampLimit(limit, 10))) : [];
}

/**
 * The JobTech competences related to an SSYK unit group, by name. Takes SCB's code (`1211` answers with
 * JobTech's merged `1210`) or JobTech's.
 */
export async function competencesForSsyk(db: Db, ssykCode: string): Promise<Competence[]> {
  const code = ssykCode.trim();
  const group = (await repo.jobtechGroupExists(db, code)) ? code : mergedJobtechGroup(code);
  return group ? bySwedishName(await repo.competencesOfJobtechGroup(db, group)) : [];
}

// ---------------------------------------------------------------- SUN 2020

/** All SUN 2020 education levels, by code. */
export async function listSunLevels(db: Db): Promise<SunEntry[]> {
  return repo.listSunLevels(db);
}

/** SUN 2020 fields of education by code prefix (`48`, `481a`) or by words of their name. */
export async function searchSunFields(db: Db, q: string, limit = 20): Promise<SunEntry[]> {
  const n = clampLimit(limit, 20);
  const trimmed = q.trim().toLowerCase();
  if (/^\d{1,3}[a-z]?$/.test(trimmed)) return repo.sunFieldsByCodePrefix(db, trimmed, n);
  const text = textQuery(trimmed);
  return text ? wordsThenSimilar(text, (t) => repo.sunFieldsByText(db, t, n)) : [];
}

/** All SNI 2007 detail groups (level 5) by code, e.g. for a picker that works without JavaScript. */
export async function listSniDetailGroups(db: Db): Promise<{ code: string; name: string }[]> {
  return repo.sniDetailGroups(db);
}

// ---------------------------------------------------------------- many codes at once

export type { ConceptKind } from '../repo.ts';

/** Swedish names of the given codes of one classification; unknown codes are absent from the map. */
export async function conceptNames(
  db: Db,
  kind: repo.ConceptKind,
  codes: Iterable<string>,
): Promise<Map<string, string>> {
  const unique = [...new Set([...codes].map((c) => c.trim()).filter((c) => c !== ''))];
  return repo.conceptNames(db, kind, unique);
}
