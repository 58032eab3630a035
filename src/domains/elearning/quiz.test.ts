// Pure rules of learning: quiz scoring (examples and properties with a fixed seed), unanswered questions,
// and the time-on-task arithmetic (gaps, the cap, carry-over, at most one minute per minute, Stockholm days).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { creditMinutes, progressPercent, stockholmDay } from './service/progress-time.ts';
import { isRight, type ScoredQuestion, scoreQuiz, unansweredQuestions } from './service/quiz-score.ts';

const single: ScoredQuestion = {
  id: 'q1',
  kind: 'single',
  options: [
    { id: 'a', correct: true },
    { id: 'b', correct: false },
    { id: 'c', correct: false },
  ],
};
const multiple: ScoredQuestion = {
  id: 'q2',
  kind: 'multiple',
  options: [
    { id: 'x', correct: true },
    { id: 'y', correct: true },
    { id: 'z', correct: false },
  ],
};

describe('quiz scoring', () => {
  it('single choice is right only with the one correct option', () => {
    expect(isRight(single, ['a'])).toBe(true);
    expect(isRight(single, ['b'])).toBe(false);
    expect(isRight(single, ['a', 'b'])).toBe(false);
    expect(isRight(single, [])).toBe(false);
  });

  it('multiple choice is right only with exactly the correct set', () => {
    expect(isRight(multiple, ['y', 'x'])).toBe(true);
    expect(isRight(multiple, ['x'])).toBe(false);
    expect(isRight(multiple, ['x', 'y', 'z'])).toBe(false);
  });

  it('passes when score * 100 >= passMark * max', () => {
    expect(scoreQuiz([single, multiple], { q1: ['a'], q2: ['x'] }, 50)).toMatchObject({
      score: 1,
      max: 2,
      passed: true,
    });
    expect(scoreQuiz([single, multiple], { q1: ['a'], q2: ['x'] }, 51).passed).toBe(false);
    expect(scoreQuiz([single, multiple], { q1: ['a'], q2: ['x', 'y'] }, 100)).toMatchObject({
      score: 2,
      passed: true,
    });
  });

  it('finds unanswered questions, foreign options and several options on a single choice', () => {
    expect(unansweredQuestions([single, multiple], { q1: ['a'] })).toEqual(['q2']);
    expect(unansweredQuestions([single, multiple], { q1: ['x'], q2: ['x'] })).toEqual(['q1']);
    expect(unansweredQuestions([single, multiple], { q1: ['a', 'b'], q2: ['z'] })).toEqual(['q1']);
    expect(unansweredQuestions([single, multiple], { q1: ['c'], q2: ['z'] })).toEqual([]);
  });

  const questionArb = fc
    .record({
      kind: fc.constantFrom<'single' | 'multiple'>('single', 'multiple'),
      correct: fc.array(fc.boolean(), { minLength: 2, maxLength: 5 }),
    })
    .map(({ kind, correct }) => ({ kind, correct }));

  it('score is the number of right answers and passing is monotone in the pass mark (property)', () => {
    fc.assert(
      fc.property(
        fc.array(questionArb, { minLength: 1, maxLength: 8 }),
        fc.array(fc.array(fc.nat(4), { maxLength: 4 }), { maxLength: 8 }),
        fc.integer({ min: 1, max: 100 }),
        (defs, picks, passMark) => {
          const questions: ScoredQuestion[] = defs.map((d, i) => ({
            id: `q${i}`,
            kind: d.kind,
            options: d.correct.map((c, j) => ({ id: `q${i}o${j}`, correct: c })),
          }));
          const answers = Object.fromEntries(
            questions.map((q, i) => [q.id, (picks[i] ?? []).map((p) => `q${i}o${p % q.options.length}`)]),
          );
          const r = scoreQuiz(questions, answers, passMark);
          expect(r.score).toBe(questions.filter((q) => isRight(q, answers[q.id] ?? [])).length);
          expect(r.score).toBeLessThanOrEqual(r.max);
          expect(r.passed).toBe(r.score * 100 >= passMark * r.max);
          if (r.passed && passMark > 1) expect(scoreQuiz(questions, answers, passMark - 1).passed).toBe(true);
          // The correct set is always right, except a single choice without exactly one correct option.
          const perfect = Object.fromEntries(
            questions.map((q) => [q.id, q.options.filter((o) => o.correct).map((o) => o.id)]),
          );
          const full = scoreQuiz(questions, perfect, 100);
          const answerable = questions.filter(
            (q) => q.kind === 'multiple' || q.options.filter((o) => o.correct).length === 1,
          ).length;
          expect(full.score).toBe(answerable);
        },
      ),
      { seed: 20261128, numRuns: 300 },
    );
  });
});

describe('time on task', () => {
  const t0 = new Date('2026-03-10T09:00:00Z');
  const at = (minutes: number, seconds = 0) => new Date(t0.getTime() + minutes * 60_000 + seconds * 1000);

  it('counts nothing on the first request', () => {
    expect(creditMinutes({ lastActiveAt: null, now: t0, estimateMinutes: 10 })).toEqual({
      minutes: 0,
      activeAt: t0,
    });
  });

  it('counts a short gap in whole minutes and carries the remainder', () => {
    const first = creditMinutes({ lastActiveAt: t0, now: at(2, 40), estimateMinutes: 10 });
    expect(first).toEqual({ minutes: 2, activeAt: at(2) });
    const second = creditMinutes({ lastActiveAt: first.activeAt, now: at(3, 30), estimateMinutes: 10 });
    expect(second.minutes).toBe(1);
  });

  it('counts a gap over 30 minutes as at most the lesson estimate and restarts the clock', () => {
    expect(creditMinutes({ lastActiveAt: t0, now: at(30), estimateMinutes: 10 }).minutes).toBe(30);
    expect(creditMinutes({ lastActiveAt: t0, now: at(31), estimateMinutes: 10 })).toEqual({
      minutes: 10,
      activeAt: at(31),
    });
    expect(creditMinutes({ lastActiveAt: t0, now: at(600), estimateMinutes: 45 }).minutes).toBe(45);
  });

  it('never credits more than the time that passed, however often it is asked (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 5_000_000 }), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 600 }),
        (steps, estimate) => {
          let active: Date | null = t0;
          let now = t0;
          let total = 0;
          for (const ms of steps) {
            now = new Date(now.getTime() + ms);
            const c = creditMinutes({ lastActiveAt: active, now, estimateMinutes: estimate });
            total += c.minutes;
            active = c.activeAt;
          }
          expect(total).toBeLessThanOrEqual(Math.floor((now.getTime() - t0.getTime()) / 60_000));
        },
      ),
      { seed: 7, numRuns: 200 },
    );
  });

  it('puts minutes on the Stockholm day and reports progress in whole percent', () => {
    expect(stockholmDay(new Date('2026-03-10T23:30:00Z'))).toBe('2026-03-11');
    expect(stockholmDay(new Date('2026-07-10T21:59:00Z'))).toBe('2026-07-10');
    expect(progressPercent(3, 8)).toBe(37);
    expect(progressPercent(0, 0)).toBe(0);
  });
});
