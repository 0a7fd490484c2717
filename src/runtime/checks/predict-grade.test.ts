import { describe, expect, it } from 'vitest';
import { describeGrade, gradePrediction, predictionLines } from './predict-grade.ts';

const real = 'script starts\nbusy loop done\npromise callback\ntimer callback (delay 0 ms)\n';

describe('gradePrediction', () => {
  it('accepts the exact output, ignoring blank lines and spacing', () => {
    const g = gradePrediction(
      '  script starts\n\nbusy  loop done \npromise callback\ntimer callback (delay 0 ms)',
      real,
    );
    expect(g).toEqual({ correct: true, matched: 4, total: 4, divergence: undefined });
    expect(describeGrade(g)).toBe('Correct: all 4 lines match the real run.');
  });

  it('finds the first line where prediction and reality diverge', () => {
    const g = gradePrediction(
      'script starts\nbusy loop done\ntimer callback (delay 0 ms)\npromise callback',
      real,
    );
    expect(g.divergence).toEqual({
      line: 3,
      predicted: 'timer callback (delay 0 ms)',
      actual: 'promise callback',
    });
    expect(describeGrade(g)).toMatch(
      /^2 of 4 lines match before the first difference, at line 3: you predicted “timer/,
    );
  });

  it('says when the prediction is too short or too long', () => {
    expect(describeGrade(gradePrediction('script starts', real))).toMatch(
      /your prediction ends, but the program printed “busy loop done”/,
    );
    expect(describeGrade(gradePrediction(`${real}extra`, real))).toMatch(
      /you predicted “extra”, but the program printed nothing more/,
    );
    expect(gradePrediction('', real).divergence?.line).toBe(1);
  });

  it('splits on CRLF too', () => {
    expect(predictionLines('a\r\n b \r\n\r\n')).toEqual(['a', 'b']);
  });
});
