import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { proposeConcepts } from '../../src/domains/reference/index.ts';
import type { Db } from '../../src/platform/db.ts';

export interface EvalItem {
  text: string;
  expected: string[];
}

export interface EvalResult {
  items: number;
  hitRate: number;
  medianMs: number;
  p95Ms: number;
  misses: { text: string; expected: string[]; got: string[] }[];
}

export const EVAL_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'free-text.json');

export function loadEvalSet(file = EVAL_FILE): EvalItem[] {
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { items: EvalItem[] }).items;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

/** Top-3 hit rate of proposeConcepts over the set, and the time per answer (one query each). */
export async function evaluate(db: Db, items: EvalItem[] = loadEvalSet()): Promise<EvalResult> {
  let hits = 0;
  const times: number[] = [];
  const misses: EvalResult['misses'] = [];
  for (const item of items) {
    const start = performance.now();
    const proposed = await proposeConcepts(db, item.text, 3);
    times.push(performance.now() - start);
    const got = proposed.map((p) => p.conceptId);
    if (got.some((id) => item.expected.includes(id))) hits++;
    else
      misses.push({
        text: item.text,
        expected: item.expected,
        got: proposed.map((p) => `${p.conceptId} ${p.name}`),
      });
  }
  times.sort((a, b) => a - b);
  return {
    items: items.length,
    hitRate: hits / items.length,
    medianMs: percentile(times, 50),
    p95Ms: percentile(times, 95),
    misses,
  };
}
