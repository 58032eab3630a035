import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluate, loadEvalSet } from '../../../bench/picker-eval/evaluate.ts';
import { testDb } from '../../../test/db.ts';
import type { Db } from '../../platform/db.ts';
import { proposeConcepts } from './index.ts';
import { significantWords } from './service/propose.ts';

let db: Db;
beforeAll(async () => {
  db = await testDb();
});
afterAll(async () => {
  await db?.close();
});

describe('proposeConcepts', () => {
  it('keeps the significant words of an answer, with simple stems', () => {
    expect(significantWords('Vi behöver någon som kan programmera robotcellen')).toEqual([
      ['programmera', 'programmer'],
      ['robotcellen', 'robotcell'],
    ]);
    expect(significantWords('och i på')).toEqual([]);
  });

  it('proposes competences and occupation names for free text', async () => {
    const robot = await proposeConcepts(db, 'vi behöver någon som kan programmera robotcellen', 3);
    expect(robot[0]).toMatchObject({ kind: 'competence', conceptId: 'vXVH_94E_pQD' });
    const welder = await proposeConcepts(db, 'vi söker en svetsare', 3);
    expect(welder[0]).toMatchObject({ kind: 'occupation', conceptId: 'rxrQ_Nyy_k6y', ssykCode: '7212' });
    expect(await proposeConcepts(db, 'och som', 3)).toEqual([]);
  });

  it('finds a right concept among the first three for at least 70 % of the committed evaluation set', async () => {
    const items = loadEvalSet();
    expect(items.length).toBeGreaterThanOrEqual(50);
    const result = await evaluate(db, items);
    expect(result.hitRate).toBeGreaterThanOrEqual(0.7);
  }, 60_000);
});
