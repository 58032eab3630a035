import type { Db, SqlParam } from '../../platform/db.ts';
import type { County, Municipality, SniCode, SniHit, SsykGroup, SsykHit, SunEntry } from './schema.ts';

// ---------------------------------------------------------------- text search

/**
 * A search text split into lower-case words of letters and digits only (safe inside LIKE and regex patterns).
 * `similar`: match by trigram word similarity instead of by the words themselves (the fallback for typos).
 */
export interface TextQuery {
  phrase: string;
  words: string[];
  similar?: boolean;
}

/**
 * SQL pieces that match (every word occurs, or the phrase is similar) and rank a text column: 0 the whole
 * name, 1 every word is a whole word, 2 the name starts with the phrase, 3 every word starts a word, 4 every
 * word occurs, 5 similar only.
 */
function textMatch(
  col: string,
  q: TextQuery,
  params: SqlParam[],
): { where: string; rank: string; similarity: string } {
  params.push(q.phrase);
  const phrase = `$${params.length}`;
  params.push(q.words);
  const words = `$${params.length}::text[]`;
  const likes = q.words.map((w) => {
    params.push(`%${w}%`);
    return `${col} ILIKE $${params.length}`;
  });
  const all = (regex: string) => `NOT EXISTS (SELECT 1 FROM unnest(${words}) w WHERE ${col} !~* (${regex}))`;
  return {
    where: q.similar ? `${phrase} <% ${col}` : `(${likes.join(' AND ')})`,
    rank: `CASE WHEN lower(${col}) = ${phrase} THEN 0
      WHEN ${all(`'\\m' || w || '\\M'`)} THEN 1
      WHEN starts_with(lower(${col}), ${phrase}) THEN 2
      WHEN ${all(`'\\m' || w`)} THEN 3
      WHEN ${likes.join(' AND ')} THEN 4
      ELSE 5 END`,
    similarity: `word_similarity(${phrase}, ${col})`,
  };
}

/**
 * Like textMatch, on a folded column (see migrations/0006_reference_search.sql) with a folded query
 * (foldedQuery): `montor` finds `Montör`, `cnc operator` finds `CNC-operatör`, `truckforare` `Truckförare`.
 * Ranks: 0 the whole name (also without its spaces), 1 every word is a whole word, 2 the name starts with the
 * phrase, 3 every word starts a word, 4 every word occurs, 5 similar only (trigram word similarity, for typos).
 */
function foldMatch(
  col: string,
  q: TextQuery,
  params: SqlParam[],
): { where: string; rank: string; similarity: string; closeness: string } {
  params.push(q.phrase);
  const phrase = `$${params.length}`;
  params.push(q.words.join(''));
  const compact = `$${params.length}`;
  // Folded words are [a-z0-9]+: safe inside LIKE patterns and regular expressions.
  const likes = q.words.map((w) => `${col} LIKE '%${w}%'`);
  const all = (pattern: (w: string) => string) =>
    q.words.map((w) => `${col} ~ '${pattern(w)}'`).join(' AND ');
  return {
    where: q.similar ? `${phrase} <% ${col}` : `(${likes.join(' AND ')})`,
    rank: `CASE WHEN ${col} = ${phrase} OR replace(${col}, ' ', '') = ${compact} THEN 0
      WHEN ${all((w) => `\\m${w}\\M`)} THEN 1
      WHEN starts_with(${col}, ${phrase}) THEN 2
      WHEN ${all((w) => `\\m${w}`)} THEN 3
      WHEN ${likes.join(' AND ')} THEN 4
      ELSE 5 END`,
    similarity: `word_similarity(${phrase}, ${col})`,
    closeness: `similarity(${phrase}, ${col})`,
  };
}

/** The word similarity a typo needs to be found (pg_trgm's default, 0.6, misses `kvalitetstekink`). */
const SIMILAR_THRESHOLD = '0.45';

/** Run a similarity search with a lower word-similarity threshold and the trigram indexes, local to its transaction. */
async function withSimilarThreshold<T>(db: Db, fn: (db: Db) => Promise<T>): Promise<T> {
  return db.tx(async (tx) => {
    // The planner prices word_similarity() like a cheap operator and scans these small tables; computing it for
    // every row costs more (≈ 40 ms for the 8 618 SCB titles on PGlite) than the trigram index (≈ 10 ms).
    await tx.query(
      `SELECT set_config('pg_trgm.word_similarity_threshold', $1, true), set_config('enable_seqscan', 'off', true)`,
      [SIMILAR_THRESHOLD],
    );
    return fn(tx);
  });
}

// ---------------------------------------------------------------- SNI

export type SniHitRow = Omit<SniHit, 'codeDotted'>;
export type SniCodeRow = Omit<SniCode, 'codeDotted'>;

const sniHitColumns = `d.code, d.name_sv AS name,
  d.section AS "sectionCode", s.name_sv AS "sectionName", v.code AS "divisionCode", v.name_sv AS "divisionName"`;
const sniHitFrom = `ref_sni d
  JOIN ref_sni s ON s.code = d.section AND s.level = 1
  JOIN ref_sni v ON v.code = substr(d.code, 1, 2) AND v.level = 2`;

export async function findSni(db: Db, code: string): Promise<SniCodeRow | null> {
  const rows = await db.query<SniCodeRow>(
    `SELECT n.code, n.level::int AS level, n.name_sv AS name, n.parent_code AS "parentCode", n.section AS "sectionCode",
       s.name_sv AS "sectionName", v.code AS "divisionCode", v.name_sv AS "divisionName"
     FROM ref_sni n
     JOIN ref_sni s ON s.code = n.section AND s.level = 1
     LEFT JOIN ref_sni v ON n.level >= 2 AND v.code = substr(n.code, 1, 2) AND v.level = 2
     WHERE n.code = $1`,
    [code],
  );
  return rows[0] ?? null;
}

export async function sniDetailExists(db: Db, code: string): Promise<boolean> {
  const rows = await db.query('SELECT 1 FROM ref_sni WHERE code = $1 AND level = 5', [code]);
  return rows.length > 0;
}

/** Detail groups whose code starts with the digits; the exact code first. */
export async function sniByCodePrefix(db: Db, digits: string, limit: number): Promise<SniHitRow[]> {
  return db.query<SniHitRow>(
    `SELECT ${sniHitColumns} FROM ${sniHitFrom}
     WHERE d.level = 5 AND starts_with(d.code, $1)
     ORDER BY d.code = $1 DESC, d.code LIMIT $2`,
    [digits, limit],
  );
}

/** Detail groups by words in their name; a match in the division's name only ranks last. */
export async function sniByText(db: Db, q: TextQuery, limit: number): Promise<SniHitRow[]> {
  const params: SqlParam[] = [];
  const own = textMatch('d.name_sv', q, params);
  const context = textMatch('v.name_sv', q, params);
  params.push(limit);
  return db.query<SniHitRow>(
    `SELECT ${sniHitColumns} FROM ${sniHitFrom}
     WHERE d.level = 5 AND (${own.where} OR ${context.where})
     ORDER BY CASE WHEN ${own.where} THEN ${own.rank} ELSE 6 + ${context.rank} END,
       ${own.similarity} DESC, length(d.name_sv), d.code
     LIMIT $${params.length}`,
    params,
  );
}

// ---------------------------------------------------------------- regions

export async function listCounties(db: Db): Promise<County[]> {
  return db.query<County>('SELECT code, name FROM ref_counties ORDER BY code');
}

export async function findCounty(db: Db, code: string): Promise<County | null> {
  const rows = await db.query<County>('SELECT code, name FROM ref_counties WHERE code = $1', [code]);
  return rows[0] ?? null;
}

const municipalitySelect = `SELECT m.code, m.name, m.county_code AS "countyCode", c.name AS "countyName"
  FROM ref_municipalities m JOIN ref_counties c ON c.code = m.county_code`;

export async function municipalities(db: Db, countyCode: string | null): Promise<Municipality[]> {
  if (countyCode === null) return db.query<Municipality>(`${municipalitySelect} ORDER BY m.code`);
  return db.query<Municipality>(`${municipalitySelect} WHERE m.county_code = $1 ORDER BY m.code`, [
    countyCode,
  ]);
}

export async function findMunicipality(db: Db, code: string): Promise<Municipality | null> {
  const rows = await db.query<Municipality>(`${municipalitySelect} WHERE m.code = $1`, [code]);
  return rows[0] ?? null;
}

// ---------------------------------------------------------------- SSYK

export async function findSsyk(db: Db, code: string): Promise<SsykGroup | null> {
  const rows = await db.query<SsykGroup>(
    'SELECT code, level::int AS level, name_sv AS name, parent_code AS "parentCode" FROM ref_ssyk WHERE code = $1',
    [code],
  );
  return rows[0] ?? null;
}

export async function ssykByCodePrefix(db: Db, digits: string, limit: number): Promise<SsykHit[]> {
  return db.query<SsykHit>(
    `SELECT code, name_sv AS name, name_sv AS "matchedName", 'code' AS "matchedBy" FROM ref_ssyk
     WHERE level = 4 AND starts_with(code, $1) ORDER BY code LIMIT $2`,
    [digits, limit],
  );
}

/**
 * SCB unit groups by their own name, by JobTech occupation names and by SCB's occupation titles; one hit per
 * group (its best match). A JobTech occupation name in a merged manager group (e.g. 1210) answers both SCB
 * groups (1211 and 1212).
 */
export async function ssykByText(db: Db, q: TextQuery, limit: number): Promise<SsykHit[]> {
  const params: SqlParam[] = [];
  const g = foldMatch('g.name_fold', q, params);
  const o = foldMatch('o.name_fold', q, params);
  const t = foldMatch('t.title_fold', q, params);
  params.push(limit);
  const sql = `WITH matches AS (
       SELECT g.code, g.name_sv AS matched, 'group' AS kind, 0 AS source, ${g.rank} AS rank, ${g.similarity} AS sim,
         ${g.closeness} AS close
       FROM ref_ssyk g WHERE g.level = 4 AND ${g.where}
       UNION ALL
       SELECT s.code, o.name_sv, 'occupation', 1, ${o.rank}, ${o.similarity}, ${o.closeness}
       FROM ref_occupation_names o
       JOIN ref_ssyk s ON s.level = 4 AND (s.code = o.ssyk_code
         OR (o.ssyk_code ~ '^1[2-7][0-9]0$' AND substr(s.code, 1, 3) = substr(o.ssyk_code, 1, 3)))
       WHERE ${o.where}
       UNION ALL
       SELECT t.ssyk_code, t.title_sv, 'title', 2, ${t.rank}, ${t.similarity}, ${t.closeness}
       FROM ref_occupation_titles_scb t WHERE ${t.where}
     ), best AS (
       SELECT DISTINCT ON (code) code, matched, kind, source, rank, sim, close FROM matches
       ORDER BY code, rank, sim DESC, source, close DESC, length(matched), matched
     )
     SELECT b.code, s.name_sv AS name, b.matched AS "matchedName", b.kind AS "matchedBy"
     FROM best b JOIN ref_ssyk s ON s.code = b.code
     ORDER BY b.rank, b.sim DESC, b.source, b.close DESC, length(b.matched), b.code
     LIMIT $${params.length}`;
  return q.similar
    ? withSimilarThreshold(db, (tx) => tx.query<SsykHit>(sql, params))
    : db.query<SsykHit>(sql, params);
}

export async function englishNames(
  db: Db,
  ssykCodes: string[],
): Promise<{ iscoCode: string; name: string }[]> {
  return db.query(
    `SELECT DISTINCT i.code AS "iscoCode", i.name_en AS name
     FROM ref_ssyk_isco k JOIN ref_isco i ON i.code = k.isco_code
     WHERE k.ssyk_code = ANY($1::text[]) ORDER BY i.code`,
    [ssykCodes],
  );
}

// ---------------------------------------------------------------- competences

export async function competencesByText(db: Db, q: TextQuery, limit: number) {
  const params: SqlParam[] = [];
  const c = foldMatch('c.name_fold', q, params);
  params.push(limit);
  const sql = `SELECT c.concept_id AS "conceptId", c.name_sv AS name FROM ref_competences c
     WHERE ${c.where}
     ORDER BY ${c.rank}, ${c.similarity} DESC, ${c.closeness} DESC, length(c.name_sv), c.name_sv, c.concept_id
     LIMIT $${params.length}`;
  type Row = { conceptId: string; name: string };
  return q.similar
    ? withSimilarThreshold(db, (tx) => tx.query<Row>(sql, params))
    : db.query<Row>(sql, params);
}

/**
 * Competences and occupation names by several words (each with its variants, `positions` says which word a
 * token stands for): per word the best trigram word similarity, summed; plus the similarity of the whole
 * answer to the name, less 0.1 per name word beyond the words matched. Deterministic tie-break by name and id.
 */
export async function proposeByWords(
  db: Db,
  tokens: string[],
  positions: number[],
  phrase: string,
  limit: number,
) {
  // A word that occurs in some name (`%word%`, cheap on the trigram index) matches those names; only a word
  // that occurs nowhere (a typo, an inflection) is matched by word similarity, the costly index search.
  const sql = `WITH t AS (SELECT * FROM unnest($1::text[], $2::int[]) AS t(tok, pos)),
     found AS (
       SELECT DISTINCT t.pos FROM t
       WHERE EXISTS (SELECT 1 FROM ref_competences c WHERE c.name_fold LIKE '%' || t.tok || '%')
         OR EXISTS (SELECT 1 FROM ref_occupation_names o WHERE o.name_fold LIKE '%' || t.tok || '%')
     ), hits AS (
       SELECT 'competence' AS kind, c.concept_id AS id, t.pos, max(word_similarity(t.tok, c.name_fold)) AS ws
       FROM t JOIN ref_competences c ON c.name_fold LIKE '%' || t.tok || '%'
       GROUP BY 1, 2, 3
       UNION ALL
       SELECT 'occupation', o.concept_id, t.pos, max(word_similarity(t.tok, o.name_fold))
       FROM t JOIN ref_occupation_names o ON o.name_fold LIKE '%' || t.tok || '%'
       GROUP BY 1, 2, 3
       UNION ALL
       SELECT 'competence', c.concept_id, t.pos, max(word_similarity(t.tok, c.name_fold))
       FROM t JOIN ref_competences c ON t.tok <% c.name_fold
       WHERE t.pos NOT IN (SELECT pos FROM found) GROUP BY 1, 2, 3
       UNION ALL
       SELECT 'occupation', o.concept_id, t.pos, max(word_similarity(t.tok, o.name_fold))
       FROM t JOIN ref_occupation_names o ON t.tok <% o.name_fold
       WHERE t.pos NOT IN (SELECT pos FROM found) GROUP BY 1, 2, 3
     ), best AS (
       SELECT kind, id, pos, max(ws) AS ws FROM hits GROUP BY kind, id, pos
     ), scored AS (
       SELECT kind, id, sum(ws) AS matched, count(*) AS n FROM best GROUP BY kind, id
     ), named AS (
       SELECT s.kind, s.id, coalesce(c.name_sv, o.name_sv) AS name, coalesce(c.name_fold, o.name_fold) AS fold,
         o.ssyk_code, s.matched, s.n
       FROM scored s
       LEFT JOIN ref_competences c ON s.kind = 'competence' AND c.concept_id = s.id
       LEFT JOIN ref_occupation_names o ON s.kind = 'occupation' AND o.concept_id = s.id
     )
     SELECT kind, id AS "conceptId", name, ssyk_code AS "ssykCode",
       (matched + similarity($3, fold)
         - 0.1 * greatest(0, array_length(string_to_array(fold, ' '), 1) - n))::float8 AS score
     FROM named
     ORDER BY score DESC, length(name), name, id
     LIMIT $4`;
  return withSimilarThreshold(db, (tx) =>
    tx.query<{
      kind: 'competence' | 'occupation';
      conceptId: string;
      name: string;
      ssykCode: string | null;
      score: number;
    }>(sql, [tokens, positions, phrase, limit]),
  );
}

export async function competencesOfJobtechGroup(db: Db, jobtechCode: string) {
  return db.query<{ conceptId: string; name: string }>(
    `SELECT c.concept_id AS "conceptId", c.name_sv AS name
     FROM ref_ssyk_competences sc JOIN ref_competences c ON c.concept_id = sc.competence_id
     WHERE sc.ssyk_code = $1`,
    [jobtechCode],
  );
}

export async function jobtechGroupExists(db: Db, code: string): Promise<boolean> {
  const rows = await db.query('SELECT 1 FROM ref_ssyk_jobtech WHERE code = $1 AND level = 4', [code]);
  return rows.length > 0;
}

// ---------------------------------------------------------------- SUN 2020

const sunColumns = 'code, level::int AS level, name_sv AS name, parent_code AS "parentCode"';

export async function listSunLevels(db: Db): Promise<SunEntry[]> {
  return db.query<SunEntry>(`SELECT ${sunColumns} FROM ref_sun_levels ORDER BY code`);
}

export async function sunFieldsByCodePrefix(db: Db, prefix: string, limit: number): Promise<SunEntry[]> {
  return db.query<SunEntry>(
    `SELECT ${sunColumns} FROM ref_sun_fields WHERE starts_with(code, $1) ORDER BY code = $1 DESC, code LIMIT $2`,
    [prefix, limit],
  );
}

export async function sunFieldsByText(db: Db, q: TextQuery, limit: number): Promise<SunEntry[]> {
  const params: SqlParam[] = [];
  const f = textMatch('name_sv', q, params);
  params.push(limit);
  return db.query<SunEntry>(
    `SELECT ${sunColumns} FROM ref_sun_fields WHERE ${f.where}
     ORDER BY ${f.rank}, level DESC, ${f.similarity} DESC, code LIMIT $${params.length}`,
    params,
  );
}

export async function sniDetailGroups(db: Db): Promise<{ code: string; name: string }[]> {
  return db.query<{ code: string; name: string }>(
    `SELECT code, coalesce(name_sv, '') AS name FROM ref_sni WHERE level = 5 ORDER BY code`,
  );
}

// ---------------------------------------------------------------- names of many codes at once

export type ConceptKind = 'ssyk' | 'competence' | 'sunLevel' | 'sunField' | 'sni' | 'municipality';

const conceptSql: Record<ConceptKind, string> = {
  ssyk: 'SELECT code, name_sv AS name FROM ref_ssyk WHERE code = ANY($1::text[])',
  competence:
    'SELECT concept_id AS code, name_sv AS name FROM ref_competences WHERE concept_id = ANY($1::text[])',
  sunLevel: 'SELECT code, name_sv AS name FROM ref_sun_levels WHERE code = ANY($1::text[])',
  sunField: 'SELECT code, name_sv AS name FROM ref_sun_fields WHERE code = ANY($1::text[])',
  sni: 'SELECT code, name_sv AS name FROM ref_sni WHERE code = ANY($1::text[])',
  municipality: 'SELECT code, name AS name FROM ref_municipalities WHERE code = ANY($1::text[])',
};

/**
 * Names already read, per database handle. Reference data is loaded only when a process starts
 * (loadReferenceData in bootstrap), so a name read once stays right for the life of the process; codes
 * not found are asked again next time.
 */
const namesRead = new WeakMap<Db, Map<ConceptKind, Map<string, string>>>();

export async function conceptNames(db: Db, kind: ConceptKind, codes: string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const perKind = namesRead.get(db) ?? new Map<ConceptKind, Map<string, string>>();
  namesRead.set(db, perKind);
  const known = perKind.get(kind) ?? new Map<string, string>();
  perKind.set(kind, known);
  const missing = codes.filter((c) => !known.has(c));
  if (missing.length > 0) {
    const rows = await db.query<{ code: string; name: string }>(conceptSql[kind], [missing]);
    for (const r of rows) if (r.name !== null) known.set(r.code, r.name);
  }
  const names = new Map<string, string>();
  for (const c of codes) {
    const name = known.get(c);
    if (name !== undefined) names.set(c, name);
  }
  return names;
}
