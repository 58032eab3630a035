// Complete, valid answers for any instrument: for the demo data, synthetic data and tests.
import { type InstrumentDefinition, strategies, urgencies } from '../instrument/schema.ts';
import { isShown, newRowKey, type RawRow, type SectionAnswers } from './shape.ts';

export interface SampleRole {
  title: string;
  ssyk: string;
  women: number;
  men: number;
}

export interface SampleInput {
  roles: SampleRole[];
  /** JobTech competence concept ids to use in requirements and needs (cycled). */
  competenceIds: string[];
  /** Occupations for recruitment needs. */
  recruitSsyk?: string[];
  /** A number in [0, 1): the same value gives the same answers. */
  random?: () => number;
  /** Maturity scores 1–4 (cycled); default drawn. */
  maturity?: number[];
}

/** Answers to every question of the definition, split by section key. */
export function sampleAnswers(def: InstrumentDefinition, input: SampleInput): Record<string, SectionAnswers> {
  const rnd = input.random ?? Math.random;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const levels = def.levelScale.map((l) => l.value);
  const lo = Math.min(...levels);
  const hi = Math.max(...levels);
  const roles: RawRow[] = input.roles.map((r) => ({
    key: newRowKey(),
    title: r.title,
    ssyk: r.ssyk,
    women: String(r.women),
    men: String(r.men),
    critical: rnd() < 0.3 ? 'yes' : 'no',
    keyPerson: rnd() < 0.2 ? 'yes' : 'no',
    sunLevel: '',
    sunField: '',
  }));
  let c = 0;
  const nextCompetence = () => input.competenceIds[c++ % input.competenceIds.length] as string;
  const all: SectionAnswers = {};
  const bySection: Record<string, SectionAnswers> = {};
  for (const section of def.sections) {
    const out: SectionAnswers = {};
    for (const q of section.questions) {
      // Pre-filled questions are answered from the company record at submission.
      if (!isShown(q, all) || q.prefill) continue;
      switch (q.type) {
        case 'text':
          out[q.key] = 'Exempeltext'.slice(0, q.maxLength ?? 500);
          break;
        case 'longText':
          out[q.key] = 'Vi vill växa och behöver bredda kompetensen i produktionen.';
          break;
        case 'integer': {
          const min = Math.max(q.min ?? 0, 0);
          out[q.key] = String(Math.min(q.max ?? 10, min + Math.floor(rnd() * 5)));
          break;
        }
        case 'choice':
          out[q.key] = q.key === 'mblStatus' ? 'noCollectiveAgreement' : pick(q.options ?? []).key;
          // Consistent with "no collective agreement" above.
          if (q.key === 'collectiveAgreement') out[q.key] = 'no';
          if (q.key === 'perPersonRatings') out[q.key] = 'aggregateOnly';
          break;
        case 'multiChoice': {
          const n = Math.min(q.maxSelected ?? 2, (q.options ?? []).length, 2);
          out[q.key] = (q.options ?? []).slice(0, n).map((o) => o.key);
          break;
        }
        case 'scale':
          out[q.key] = String(1 + Math.floor(rnd() * 4));
          break;
        case 'date':
          out[q.key] = '2027-06-30';
          break;
        case 'ssyk':
          out[q.key] = input.roles[0]?.ssyk ?? '';
          break;
        case 'competence':
          out[q.key] = { id: nextCompetence(), text: '' };
          break;
        case 'roleMatrix':
          out[q.key] = roles;
          break;
        case 'requirementMatrix':
          out[q.key] = roles.flatMap((r) =>
            [0, 1].map(() => {
              const now = lo + Math.floor(rnd() * (hi - lo + 1));
              const people = Number(r.women) + Number(r.men);
              return {
                role: r.key as string,
                competenceId: nextCompetence(),
                competenceText: '',
                levelNow: String(now),
                levelFuture: String(Math.min(hi, now + 1)),
                meetingNow: String(Math.floor(rnd() * (people + 1))),
              };
            }),
          );
          break;
        case 'needs':
          out[q.key] = roles.map((r) => {
            const strategy = pick(strategies);
            return {
              role: r.key as string,
              competenceId: nextCompetence(),
              competenceText: '',
              gapSize: String(1 + Math.floor(rnd() * 2)),
              women: String(Math.min(Number(r.women), 1 + Math.floor(rnd() * 3))),
              men: String(Math.max(1, Math.min(Number(r.men), 1 + Math.floor(rnd() * 3)))),
              urgency: pick(urgencies),
              cause: '',
              strategy,
              difficulty: String(1 + Math.floor(rnd() * 4)),
              hours: String(8 * (1 + Math.floor(rnd() * 10))),
              costSek: String(5000 * (1 + Math.floor(rnd() * 10))),
              priority: String(1 + Math.floor(rnd() * 3)),
            };
          });
          break;
        case 'recruitmentNeeds':
          out[q.key] = (input.recruitSsyk ?? input.roles.slice(0, 1).map((r) => r.ssyk)).map((ssyk) => ({
            ssyk,
            count: String(1 + Math.floor(rnd() * 3)),
            timing: pick(urgencies),
            difficulty: String(1 + Math.floor(rnd() * 4)),
            difficultyReason: '',
            genderGoal: pick(['none', 'moreWomen', 'moreMen']),
          }));
          break;
        case 'maturity':
          out[q.key] = Object.fromEntries(
            (q.statements ?? []).map((s, i) => [
              s.key,
              String(input.maturity ? input.maturity[i % input.maturity.length] : 1 + Math.floor(rnd() * 4)),
            ]),
          );
          break;
      }
      if (out[q.key] !== undefined) all[q.key] = out[q.key] as SectionAnswers[string];
    }
    bySection[section.key] = out;
  }
  return bySection;
}
