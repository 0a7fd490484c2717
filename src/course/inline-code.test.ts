import { describe, expect, it } from 'vitest';
import { inlineCodeParts } from './inline-code.ts';

describe('inlineCodeParts', () => {
  it('marks backticked runs as code', () => {
    expect(inlineCodeParts('call `k.fetch(a)` then `join`.')).toEqual([
      { code: false, text: 'call ' },
      { code: true, text: 'k.fetch(a)' },
      { code: false, text: ' then ' },
      { code: true, text: 'join' },
      { code: false, text: '.' },
    ]);
  });

  it('leaves text without backticks, and an unmatched backtick, alone', () => {
    expect(inlineCodeParts('plain')).toEqual([{ code: false, text: 'plain' }]);
    expect(inlineCodeParts('a ` b')).toEqual([{ code: false, text: 'a ` b' }]);
  });
});
