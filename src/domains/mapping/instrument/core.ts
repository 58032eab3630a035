import { allQuestions, type CoreKey, coreKeys, type InstrumentDefinition, type Question } from './schema.ts';

/** The comparable core of a definition: for each core, the key of the question that carries it. */
export function commonCore(def: InstrumentDefinition): Partial<Record<CoreKey, string>> {
  const out: Partial<Record<CoreKey, string>> = {};
  for (const q of allQuestions(def)) if (q.core) out[q.core] = q.key;
  return out;
}

export interface CoreDifference {
  core: CoreKey | 'levelScale';
  reason: 'missing' | 'question' | 'type' | 'statements' | 'values';
}

export interface CoreComparison {
  /** True when results of the two versions can be added up on the whole core. */
  comparable: boolean;
  differences: CoreDifference[];
}

function coreQuestion(def: InstrumentDefinition, core: CoreKey): Question | undefined {
  return allQuestions(def).find((q) => q.core === core);
}

/**
 * Whether two versions share the comparable core: the same cores carried by questions with the same
 * key and type, the same maturity statements (keys, in order), and the same level-scale values.
 * Texts may differ (wording, help, translations) without breaking comparability.
 */
export function compareCore(a: InstrumentDefinition, b: InstrumentDefinition): CoreComparison {
  const differences: CoreDifference[] = [];
  for (const core of coreKeys) {
    const qa = coreQuestion(a, core);
    const qb = coreQuestion(b, core);
    if (!qa && !qb) continue;
    if (!qa || !qb) differences.push({ core, reason: 'missing' });
    else if (qa.key !== qb.key) differences.push({ core, reason: 'question' });
    else if (qa.type !== qb.type) differences.push({ core, reason: 'type' });
    else if (
      core === 'maturity' &&
      (qa.statements ?? []).map((s) => s.key).join('\n') !==
        (qb.statements ?? []).map((s) => s.key).join('\n')
    )
      differences.push({ core, reason: 'statements' });
  }
  const values = (d: InstrumentDefinition) => d.levelScale.map((l) => l.value).join(',');
  if (values(a) !== values(b)) differences.push({ core: 'levelScale', reason: 'values' });
  return { comparable: differences.length === 0, differences };
}
