import { describe, expect, it } from 'vitest';
import { recordedFallback } from './recorded-fallback.ts';

const OFFLINE =
  'you appear to be offline, and in-browser Node.js loads its engine from StackBlitz.';

describe('recordedFallback', () => {
  it('takes the place of the figure’s recording block, so the recording is shown once', () => {
    const f = recordedFallback(OFFLINE, 'one\ntwo\n', false);
    expect(f).toEqual({
      label: `Recorded on Node.js 24 — ${OFFLINE}`,
      lines: ['one', 'two'],
      note: 'Not run: this is the output recorded in CI.',
      hideRecordedBlock: true,
    });
  });

  it('says the edits were not run when the reader changed the code', () => {
    expect(recordedFallback(OFFLINE, 'one\n', true).note).toBe(
      'This is the output of the original program: your edits were not run.',
    );
  });

  it('keeps blank lines inside the recording and drops only the final newline', () => {
    expect(recordedFallback(OFFLINE, 'a\n\nb\n', false).lines).toEqual(['a', '', 'b']);
    expect(recordedFallback(OFFLINE, 'a\r\nb\r\n', false).lines).toEqual(['a', 'b']);
  });

  it('says so when the program printed nothing', () => {
    const f = recordedFallback(OFFLINE, '', false);
    expect(f.lines).toEqual([]);
    expect(f.note).toBe('Not run: this is the output recorded in CI. It printed nothing.');
  });

  it('without a recording, shows no invented output and leaves the figure alone', () => {
    const f = recordedFallback(OFFLINE, undefined, false);
    expect(f.lines).toEqual([]);
    expect(f.hideRecordedBlock).toBe(false);
    expect(f.label).toBe(`Not run on Node.js — ${OFFLINE}`);
    expect(f.note).toMatch(/^No output was recorded/);
  });
});
