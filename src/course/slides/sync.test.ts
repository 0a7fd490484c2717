import { describe, expect, it } from 'vitest';
import { channelName, parseSyncMessage, type SyncMessage } from './sync.ts';

describe('presenter sync messages', () => {
  it('round-trips valid messages through structured clone', () => {
    const msgs: SyncMessage[] = [
      { type: 'hello', from: 'a' },
      { type: 'show', from: 'b', position: { slide: 3, step: 1 }, blackout: false },
    ];
    for (const m of msgs) expect(parseSyncMessage(structuredClone(m))).toEqual(m);
  });

  it('drops malformed messages', () => {
    for (const bad of [
      null,
      'show',
      { type: 'show', from: 'x' },
      { type: 'show', from: 'x', position: { slide: -1, step: 0 }, blackout: false },
      { type: 'show', from: 'x', position: { slide: 1.5, step: 0 }, blackout: false },
      { type: 'show', from: 'x', position: null, blackout: false },
      { type: 'hello' },
      { type: 'nope', from: 'x' },
    ])
      expect(parseSyncMessage(bad)).toBeUndefined();
  });

  it('names one channel per lesson', () => {
    expect(channelName('waiting-is-the-job')).toBe('slides:waiting-is-the-job');
  });
});
