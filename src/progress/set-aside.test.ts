import { describe, expect, it } from 'vitest';
import { MAX_REASON_CHARS, parseSetAside, readSetAsideList } from './set-aside.ts';

const now = new Date('2026-11-30T00:00:00Z');

describe('set-aside records read from storage or a file', () => {
  it('keeps only well-typed fields of crafted records, and every raw text', () => {
    const list = readSetAsideList(
      JSON.parse(
        JSON.stringify([
          { at: 5, reason: { toString: 1 }, raw: 'one' },
          { at: '2025-01-01T00:00:00Z', reason: ['nested', { deep: true }], raw: 'two', extra: 1 },
          { at: 'x'.repeat(1e5), reason: 'r'.repeat(1e5), raw: 'three' },
        ]),
      ),
    );
    expect(list).toEqual([
      { reason: 'no reason was recorded', raw: 'one' },
      { at: '2025-01-01T00:00:00Z', reason: 'no reason was recorded', raw: 'two' },
      { reason: `${'r'.repeat(MAX_REASON_CHARS - 1)}…`, raw: 'three' },
    ]);
    // Nothing of these is an object any more, so they print without throwing.
    for (const s of list) expect(() => `${s.reason} ${s.at ?? ''} ${s.raw.length}`).not.toThrow();
  });

  it('does not let a __proto__ key become the prototype, nor lose what it held', () => {
    const raw = '[{"__proto__":{"raw":"inherited","reason":"p"}},{"raw":"ok","reason":"fine"}]';
    const list = parseSetAside(raw, now);
    expect(list[0]).toEqual({ reason: 'fine', raw: 'ok' });
    expect(list[1]!.reason).toBe('a set-aside record was damaged and is kept as found');
    expect(JSON.parse(list[1]!.raw)).toEqual(JSON.parse(raw).slice(0, 1));
    expect(list).toHaveLength(2);
    expect(({} as { raw?: unknown }).raw).toBeUndefined();
  });

  it('keeps a damaged list whole, as one record', () => {
    expect(parseSetAside('{"not":"a list"}', now)).toEqual([
      {
        at: now.toISOString(),
        reason: 'the set-aside list itself was damaged',
        raw: '{"not":"a list"}',
      },
    ]);
    expect(parseSetAside('nope', now)[0]!.raw).toBe('nope');
    expect(readSetAsideList({ raw: 'x' })).toEqual([]);
  });
});
