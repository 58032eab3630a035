// JSON shapes of the results API (`/api/v1/mappings/:id/results[/compare]`) and the presenters that
// turn the service's results into them.
import { z } from 'zod';
import { genderGoals } from '../answers/typed.ts';
import { coreKeys, strategies, urgencies } from '../instrument/schema.ts';
import type { ComparisonResult, MappingResults, ResultsHead } from '../service/results.ts';

const localisedOut = z.object({ sv: z.string(), en: z.string() });
const int = z.number().int();

const headOut = z.object({
  id: z.string().uuid(),
  companyId: z.string().uuid(),
  companyName: z.string(),
  status: z.enum(['in_progress', 'submitted']),
  submittedAt: z.string().nullable(),
  roundId: z.string().uuid(),
  roundName: localisedOut,
  instrumentTitle: localisedOut,
});

const competenceOut = z.object({
  key: z.string(),
  competenceId: z.string().nullable(),
  name: z.string(),
  freeText: z.boolean(),
});

const cellOut = z.object({
  levelNow: int,
  levelFuture: int,
  meetingNow: int,
  people: int,
  short: int,
  status: z.enum(['met', 'partial', 'none']),
  rising: z.boolean(),
});

const countOut = <K extends readonly [string, ...string[]]>(keys: K) =>
  z.object({ key: z.enum(keys), gaps: int, women: int, men: int });

export const resultsOut = z.object({
  mapping: headOut,
  preliminary: z.boolean(),
  levels: z.array(z.object({ value: int, label: localisedOut })),
  horizonMonths: z.object({ min: int, max: int }),
  matrix: z.object({
    roles: z.array(
      z.object({
        key: z.string(),
        title: z.string(),
        ssyk: z.string(),
        ssykName: z.string().nullable(),
        women: int,
        men: int,
        critical: z.boolean(),
        keyPerson: z.boolean(),
      }),
    ),
    competences: z.array(competenceOut),
    cells: z.array(z.array(cellOut.nullable())),
  }),
  gaps: z.array(
    z.object({
      rank: int,
      roleKey: z.string(),
      roleTitle: z.string(),
      ssyk: z.string().nullable(),
      ssykName: z.string().nullable(),
      competence: competenceOut,
      gapSize: int,
      women: int,
      men: int,
      urgency: z.enum(urgencies),
      cause: z.string().nullable(),
      strategy: z.enum(strategies),
      difficulty: int.nullable(),
      hours: int.nullable(),
      costSek: int.nullable(),
      priority: int,
    }),
  ),
  totals: z.object({ gaps: int, women: int, men: int, people: int, hours: int, costSek: int }),
  byStrategy: z.array(countOut(strategies)),
  byUrgency: z.array(countOut(urgencies)),
  maturity: z.object({
    score: z.number().nullable(),
    statements: z.array(
      z.object({
        key: z.string(),
        label: localisedOut,
        score: int.nullable(),
        answerLabel: localisedOut.nullable(),
      }),
    ),
  }),
  recruitments: z.array(
    z.object({
      ssyk: z.string(),
      occupation: z.string().nullable(),
      count: int,
      timing: z.enum(urgencies),
      difficulty: int,
      difficultyReason: z.string().nullable(),
      genderGoal: z.enum(genderGoals),
    }),
  ),
  /** Submitted mappings of the company in earlier rounds, latest first: what `compare?with=` takes. */
  earlier: z.array(
    z.object({
      id: z.string().uuid(),
      roundId: z.string().uuid(),
      roundName: localisedOut,
      submittedAt: z.string(),
    }),
  ),
});

const changeOut = z.object({
  before: z.number().nullable(),
  after: z.number().nullable(),
  change: z.number().nullable(),
});

export const comparisonOut = z.object({
  before: headOut,
  after: headOut,
  comparable: z.boolean(),
  differences: z.array(
    z.object({
      core: z.enum([...coreKeys, 'levelScale']),
      reason: z.enum(['missing', 'question', 'type', 'statements', 'values']),
    }),
  ),
  maturity: changeOut.optional(),
  statements: z.array(changeOut.extend({ key: z.string(), label: localisedOut })).optional(),
  gaps: changeOut.optional(),
  people: changeOut.optional(),
  women: changeOut.optional(),
  men: changeOut.optional(),
  competences: z
    .array(
      z.object({
        competence: competenceOut,
        peopleBefore: int,
        peopleAfter: int,
        status: z.enum(['closed', 'remaining', 'new']),
      }),
    )
    .optional(),
});

function presentHead(h: ResultsHead): z.infer<typeof headOut> {
  return { ...h, submittedAt: h.submittedAt ? h.submittedAt.toISOString() : null };
}

export function presentResults(r: MappingResults): z.infer<typeof resultsOut> {
  return {
    mapping: presentHead(r.head),
    ...r.model,
    earlier: r.earlier.map((m) => ({
      id: m.id,
      roundId: m.roundId,
      roundName: { sv: m.roundNameSv, en: m.roundNameEn },
      submittedAt: m.submittedAt.toISOString(),
    })),
  };
}

export function presentComparison(r: ComparisonResult): z.infer<typeof comparisonOut> {
  return { before: presentHead(r.before), after: presentHead(r.after), ...r.comparison };
}
