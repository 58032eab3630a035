// Quiz scoring (pure): single choice is right when the one chosen option is correct; multiple choice when
// exactly the correct set is chosen. Score = right answers; passed = score * 100 >= passMark * max.

export interface ScoredQuestion {
  id: string;
  kind: 'single' | 'multiple';
  options: Array<{ id: string; correct: boolean }>;
}

export interface QuestionResult {
  questionId: string;
  right: boolean;
  chosen: string[];
}

export interface QuizScore {
  score: number;
  max: number;
  passed: boolean;
  /** score / max, 0–1 (xAPI `score.scaled`). */
  scaled: number;
  questions: QuestionResult[];
}

/** Whether the chosen options answer the question right. */
export function isRight(q: ScoredQuestion, chosen: readonly string[]): boolean {
  const set = new Set(chosen);
  if (q.kind === 'single') {
    if (set.size !== 1) return false;
    return q.options.some((o) => o.correct && set.has(o.id));
  }
  const correct = q.options.filter((o) => o.correct).map((o) => o.id);
  return set.size === correct.length && correct.every((id) => set.has(id));
}

export function scoreQuiz(
  questions: readonly ScoredQuestion[],
  answers: Readonly<Record<string, readonly string[]>>,
  passMark: number,
): QuizScore {
  const results = questions.map((q) => {
    const chosen = [...new Set(answers[q.id] ?? [])];
    return { questionId: q.id, right: isRight(q, chosen), chosen };
  });
  const score = results.filter((r) => r.right).length;
  const max = Math.max(1, questions.length);
  return { score, max, passed: score * 100 >= passMark * max, scaled: score / max, questions: results };
}

/**
 * The questions left unanswered or answered with options that are not theirs (single choice: not exactly
 * one). Answers must name options of their own question only.
 */
export function unansweredQuestions(
  questions: readonly ScoredQuestion[],
  answers: Readonly<Record<string, readonly string[]>>,
): string[] {
  return questions
    .filter((q) => {
      const chosen = answers[q.id] ?? [];
      if (chosen.length === 0) return true;
      const ids = new Set(q.options.map((o) => o.id));
      if (!chosen.every((id) => ids.has(id))) return true;
      return q.kind === 'single' && new Set(chosen).size !== 1;
    })
    .map((q) => q.id);
}
