/** Where a prediction first parts from the real output (1-based line among non-blank lines). */
export interface Divergence {
  readonly line: number;
  /** What the learner wrote there; undefined when the prediction ended early. */
  readonly predicted: string | undefined;
  /** What the program printed there; undefined when it printed fewer lines. */
  readonly actual: string | undefined;
}

/** The grade of one prediction. */
export interface PredictGrade {
  readonly correct: boolean;
  /** Lines right before the first divergence. */
  readonly matched: number;
  readonly total: number;
  readonly divergence: Divergence | undefined;
}

/**
 * The lines that count: trailing spaces and blank lines are ignored and runs of spaces read as
 * one, because a learner predicts what is printed, not how it is spaced.
 */
export function predictionLines(text: string): string[] {
  return text
    .replace(/\r\n/g, '\n')
    .split('\n')
    .map((l) => l.trim().replace(/\s+/g, ' '))
    .filter((l) => l !== '');
}

/** Compares a prediction with the real output, line by line, and finds the first difference. */
export function gradePrediction(predicted: string, actual: string): PredictGrade {
  const p = predictionLines(predicted);
  const a = predictionLines(actual);
  let i = 0;
  while (i < p.length && i < a.length && p[i] === a[i]) i++;
  const correct = i === p.length && i === a.length;
  return {
    correct,
    matched: i,
    total: a.length,
    divergence: correct ? undefined : { line: i + 1, predicted: p[i], actual: a[i] },
  };
}

/** One sentence for the learner (and the live region) about a grade. */
export function describeGrade(g: PredictGrade): string {
  if (g.correct) return `Correct: all ${g.total} lines match the real run.`;
  const d = g.divergence!;
  const head = `${g.matched} of ${g.total} lines match before the first difference, at line ${d.line}:`;
  if (d.predicted === undefined)
    return `${head} your prediction ends, but the program printed “${d.actual}”.`;
  if (d.actual === undefined)
    return `${head} you predicted “${d.predicted}”, but the program printed nothing more.`;
  return `${head} you predicted “${d.predicted}”, the program printed “${d.actual}”.`;
}
