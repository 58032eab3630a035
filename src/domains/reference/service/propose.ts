import type { Db } from '../../../platform/db.ts';
import * as repo from '../repo.ts';
import { clampLimit, foldSearchText } from './codes.ts';

/** A competence or occupation name proposed for a free-text answer, best first. */
export interface ProposedConcept {
  kind: 'competence' | 'occupation';
  conceptId: string;
  name: string;
  /** The JobTech SSYK code of an occupation name; null for a competence. */
  ssykCode: string | null;
  score: number;
}

// Folded (no diacritics) Swedish function words and filler that say nothing about a role or competence.
const STOP_WORDS = new Set(
  `att av bade behover bra de dem den denna det dessa detta dig din du efter eller en ett for fran ha har
  hos i in inom ja jag kan kanna kunna kunskap kunskaper kompetens med mer mig min mot na nagon nagot nagra
  nar nu och ocksa om pa samt sig sin ska skall som till under upp ut vad vara vi vill vid allman god goda
  gedigen erfarenhet erfarna erfaren van vana garna helst minst ar arbete arbeta jobba person personer
  medarbetare folk typ behov saknar sokes soker letar efter`
    .split(/\s+/)
    .filter(Boolean),
);

// Common Swedish inflection endings, longest first: `robotcellen` also tries `robotcell`.
const ENDINGS = ['arna', 'erna', 'orna', 'ande', 'ende', 'en', 'et', 'na', 'ar', 'er', 'or', 'a', 'e'];

/** The significant words of a free-text answer, each with the stems to try (the word itself first). */
export function significantWords(text: string): string[][] {
  const words = foldSearchText(text)
    .split(' ')
    .filter((w) => w.length >= 2 && !STOP_WORDS.has(w) && !/^\d+$/.test(w));
  const unique = [...new Set(words)].slice(0, 8);
  return unique.map((w) => {
    const variants = [w];
    const ending = ENDINGS.find((e) => w.endsWith(e) && w.length - e.length >= 4);
    if (ending) variants.push(w.slice(0, -ending.length));
    return variants;
  });
}

/**
 * The competences and occupation names closest to a free-text answer ("vi behöver någon som kan programmera
 * robotcellen", "svetsare med certifikat"): its significant words (stop words dropped, simple stems added) are
 * matched by trigram word similarity against the folded names; a concept scores the sum over the words of its
 * best similarity, plus how close the whole name is to the answer, less a little per word of the name that
 * the answer does not cover. One query.
 */
export async function proposeConcepts(db: Db, text: string, limit = 5): Promise<ProposedConcept[]> {
  const words = significantWords(text);
  if (words.length === 0) return [];
  const tokens: string[] = [];
  const positions: number[] = [];
  words.forEach((variants, i) => {
    for (const v of variants) {
      tokens.push(v);
      positions.push(i);
    }
  });
  const rows = await repo.proposeByWords(
    db,
    tokens,
    positions,
    words.map((v) => v[0]).join(' '),
    clampLimit(limit, 5),
  );
  return rows.map((r) => ({ ...r, score: Math.round(r.score * 1000) / 1000 }));
}
