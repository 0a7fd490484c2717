import { describe, expect, it } from 'vitest';
import { MAX_IMPORT_CHARS, importSizeProblem, parseImport } from './transfer.ts';
import { knownIds } from './known-ids.ts';

const now = new Date('2026-11-30T00:00:00Z');
const course = knownIds({ lessons: [], exercises: [], snippets: [] });

describe('progress import size', () => {
  it('accepts files of any plausible export size', () => {
    expect(importSizeProblem(0)).toBeUndefined();
    expect(importSizeProblem(MAX_IMPORT_CHARS)).toBeUndefined();
  });

  it('refuses a huge file before parsing it, saying why', () => {
    const huge = `{"format":"x","pad":"${'a'.repeat(MAX_IMPORT_CHARS)}"}`;
    const result = parseImport(huge, now, course);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(
      /^the file is 1\.0 MB, and a progress export is a few kilobytes/,
    );
    expect(importSizeProblem(53e6)).toMatch(/^the file is 53\.0 MB/);
  });

  it('still reads a small file that is not JSON as before', () => {
    expect(parseImport('nope', now, course)).toEqual({ ok: false, reason: 'the file is not JSON' });
  });
});
