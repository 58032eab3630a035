import { describe, expect, it } from 'vitest';
import type { NeedRow, RequirementRow, RoleRow } from '../answers/typed.ts';
import { instrumentDefinition } from '../instrument/schema.ts';
import { commonMethodV1 } from '../instrument/v1.ts';
import { compareResults } from './compare.ts';
import { buildResults, type ResultNames, type ResultRows } from './model.ts';

const def = instrumentDefinition.parse(commonMethodV1);
const statementKeys = (
  def.sections.flatMap((s) => s.questions).find((q) => q.core === 'maturity')?.statements ?? []
).map((s) => s.key);

const role = (key: string, title: string, women: number, men: number): RoleRow => ({
  key,
  title,
  ssyk: key === 'r1' ? '7212' : '8211',
  women,
  men,
  critical: key === 'r1',
  keyPerson: false,
  sunLevel: null,
  sunField: null,
});
const req = (
  r: string,
  c: string | null,
  text: string | null,
  now: number,
  future: number,
  meeting: number,
): RequirementRow => ({
  role: r,
  competenceId: c,
  competenceText: text,
  levelNow: now,
  levelFuture: future,
  meetingNow: meeting,
});
const need = (over: Partial<NeedRow>): NeedRow => ({
  role: 'r1',
  competenceId: 'c-weld',
  competenceText: null,
  gapSize: 1,
  women: 1,
  men: 1,
  urgency: 'within1To3Years',
  cause: null,
  strategy: 'trainInternally',
  difficulty: null,
  hours: 10,
  costSek: 1000,
  priority: 2,
  ...over,
});

const names: ResultNames = {
  ssyk: new Map([
    ['7212', 'Svetsare och gasskärare'],
    ['8211', 'Montörer, fordon'],
  ]),
  competence: new Map([
    ['c-weld', 'Svetsning'],
    ['c-cnc', 'CNC-programmering'],
  ]),
};

function rows(over: Partial<ResultRows> = {}): ResultRows {
  return {
    roles: [role('r1', 'Svetsare', 1, 4), role('r2', 'Montör', 2, 2)],
    requirements: [
      req('r1', 'c-weld', null, 2, 3, 3),
      req('r1', null, ' Ritningsläsning ', 1, 2, 5),
      req('r2', 'c-cnc', null, 2, 2, 0),
      // A repeated requirement of the same role and competence adds nothing.
      req('r1', 'c-weld', null, 4, 4, 0),
      req('r2', null, 'ritningsläsning', 1, 1, 4),
    ],
    needs: [
      need({ priority: 2, urgency: 'now', women: 0, men: 3 }),
      need({
        role: 'r2',
        competenceId: 'c-cnc',
        priority: 1,
        urgency: 'within1To3Years',
        strategy: 'externalTraining',
        women: 2,
        men: 0,
        hours: 40,
        costSek: 20000,
      }),
      need({
        role: 'r2',
        competenceId: null,
        competenceText: 'Truckkort',
        priority: 1,
        urgency: 'now',
        gapSize: 1,
        strategy: 'recruit',
        difficulty: 3,
        hours: null,
        costSek: null,
      }),
      need({ priority: 1, urgency: 'now', gapSize: 2, women: 1, men: 0 }),
    ],
    recruitments: [
      {
        ssyk: '7212',
        count: 2,
        timing: 'within6Months',
        difficulty: 4,
        difficultyReason: 'Brist',
        genderGoal: 'moreWomen',
      },
    ],
    maturity: Object.fromEntries(statementKeys.map((k, i) => [k, (i % 4) + 1])),
    ...over,
  };
}

describe('the roles × competences matrix', () => {
  const model = buildResults(def, rows(), names, false);

  it('has one column per competence, JobTech names, free text shown as typed and marked', () => {
    expect(model.matrix.competences).toEqual([
      { key: 'id:c-weld', competenceId: 'c-weld', name: 'Svetsning', freeText: false },
      { key: 'text:ritningsläsning', competenceId: null, name: 'Ritningsläsning', freeText: true },
      { key: 'id:c-cnc', competenceId: 'c-cnc', name: 'CNC-programmering', freeText: false },
    ]);
  });

  it('has one row per role with the SSYK name and women/men', () => {
    expect(model.matrix.roles.map((r) => [r.title, r.ssykName, r.women, r.men])).toEqual([
      ['Svetsare', 'Svetsare och gasskärare', 1, 4],
      ['Montör', 'Montörer, fordon', 2, 2],
    ]);
  });

  it('each cell: level now → future against how many reach it, with the gap status', () => {
    const [svetsare, montor] = model.matrix.cells;
    expect(svetsare?.[0]).toEqual({
      levelNow: 2,
      levelFuture: 3,
      meetingNow: 3,
      people: 5,
      short: 2,
      status: 'partial',
      rising: true,
    });
    expect(svetsare?.[1]).toMatchObject({ status: 'met', short: 0 });
    expect(svetsare?.[2]).toBeNull();
    expect(montor?.[0]).toBeNull();
    // The free-text competence typed differently still lands in the same column.
    expect(montor?.[1]).toMatchObject({ status: 'met', rising: false });
    expect(montor?.[2]).toMatchObject({ status: 'none', short: 4, meetingNow: 0 });
  });

  it('carries the level scale and the horizon of the instrument', () => {
    expect(model.levels.map((l) => l.label.sv)).toEqual([
      'Med stöd',
      'Självständigt',
      'Kan lära ut',
      'Expert',
    ]);
    expect(model.horizonMonths).toEqual({ min: 12, max: 36 });
  });
});

describe('gaps by priority, totals and counts', () => {
  const model = buildResults(def, rows(), names, true);

  it('ranks by priority, then urgency, gap size and people', () => {
    expect(model.gaps.map((g) => [g.rank, g.priority, g.urgency, g.gapSize, g.competence.name])).toEqual([
      [1, 1, 'now', 2, 'Svetsning'],
      [2, 1, 'now', 1, 'Truckkort'],
      [3, 1, 'within1To3Years', 1, 'CNC-programmering'],
      [4, 2, 'now', 1, 'Svetsning'],
    ]);
    expect(model.gaps[1]).toMatchObject({ roleTitle: 'Montör', ssykName: 'Montörer, fordon', difficulty: 3 });
    expect(model.gaps[1]?.competence.freeText).toBe(true);
    expect(model.preliminary).toBe(true);
  });

  it('sums people, hours and cost (missing values count as zero)', () => {
    expect(model.totals).toEqual({ gaps: 4, women: 4, men: 4, people: 8, hours: 60, costSek: 22000 });
  });

  it('counts gaps per strategy and urgency, every value present', () => {
    expect(model.byStrategy.map((s) => [s.key, s.gaps])).toEqual([
      ['trainInternally', 2],
      ['externalTraining', 1],
      ['recruit', 1],
      ['validate', 0],
      ['redeploy', 0],
      ['retain', 0],
    ]);
    expect(model.byUrgency.find((u) => u.key === 'now')).toEqual({ key: 'now', gaps: 3, women: 2, men: 4 });
  });

  it('names the occupations of recruitment needs', () => {
    expect(model.recruitments).toEqual([
      {
        ssyk: '7212',
        occupation: 'Svetsare och gasskärare',
        count: 2,
        timing: 'within6Months',
        difficulty: 4,
        difficultyReason: 'Brist',
        genderGoal: 'moreWomen',
      },
    ]);
  });
});

describe('maturity', () => {
  it('mean 1–4 and each statement with its answer label; missing statements unanswered', () => {
    const [first, second] = statementKeys;
    const model = buildResults(
      def,
      rows({ maturity: { [first as string]: 4, [second as string]: 1 } }),
      names,
      false,
    );
    expect(model.maturity.score).toBe(2.5);
    expect(model.maturity.statements[0]).toMatchObject({
      score: 4,
      answerLabel: { sv: 'Stämmer helt', en: 'Fully' },
    });
    expect(model.maturity.statements[1]?.answerLabel?.en).toBe('Not at all');
    expect(model.maturity.statements[2]).toMatchObject({ score: null, answerLabel: null });
    expect(model.maturity.statements).toHaveLength(statementKeys.length);
  });

  it('no answers: no score', () => {
    expect(buildResults(def, rows({ maturity: {} }), names, true).maturity.score).toBeNull();
  });
});

describe('before and after', () => {
  const all = (score: number) => Object.fromEntries(statementKeys.map((k) => [k, score]));
  const before = buildResults(def, rows({ maturity: all(2) }), names, false);
  const after = buildResults(
    def,
    rows({
      maturity: { ...all(2), [statementKeys[0] as string]: 4 },
      needs: [
        need({ role: 'r2', competenceId: 'c-cnc', women: 1, men: 0 }),
        need({ competenceId: null, competenceText: 'Lean', women: 0, men: 2 }),
      ],
    }),
    names,
    false,
  );

  it('maturity per statement, gaps and people before → after, and which competence gaps closed', () => {
    const c = compareResults(
      { instrumentId: 'a', definition: def, model: before },
      { instrumentId: 'a', definition: def, model: after },
    );
    if (!c.comparable) throw new Error('expected comparable');
    expect(c.statements[0]).toMatchObject({ before: 2, after: 4, change: 2 });
    expect(c.statements[1]).toMatchObject({ before: 2, after: 2, change: 0 });
    expect(c.maturity.before).toBe(2);
    expect(c.maturity.change).toBeCloseTo(2 / statementKeys.length, 2);
    expect(c.gaps).toEqual({ before: 4, after: 2, change: -2 });
    expect(c.people).toEqual({ before: 8, after: 3, change: -5 });
    const status = Object.fromEntries(
      c.competences.map((x) => [x.competence.name, [x.status, x.peopleBefore, x.peopleAfter]]),
    );
    expect(status).toEqual({
      Svetsning: ['closed', 4, 0],
      'CNC-programmering': ['remaining', 2, 1],
      Truckkort: ['closed', 2, 0],
      Lean: ['new', 0, 2],
    });
  });

  it('different versions sharing the core compare; versions without it say why not', () => {
    const reworded = instrumentDefinition.parse({
      ...commonMethodV1,
      version: 2,
      title: { sv: 'Version 2', en: 'Version 2' },
    });
    const ok = compareResults(
      { instrumentId: 'a', definition: def, model: before },
      { instrumentId: 'b', definition: reworded, model: after },
    );
    expect(ok.comparable).toBe(true);
    const fiveLevels = instrumentDefinition.parse({
      ...commonMethodV1,
      version: 3,
      levelScale: [
        ...commonMethodV1.levelScale,
        { value: 5, label: { sv: 'Mästare', en: 'Master' }, description: { sv: 'Mästare.', en: 'Master.' } },
      ],
    });
    const no = compareResults(
      { instrumentId: 'a', definition: def, model: before },
      { instrumentId: 'c', definition: fiveLevels, model: after },
    );
    expect(no).toEqual({ comparable: false, differences: [{ core: 'levelScale', reason: 'values' }] });
  });
});
