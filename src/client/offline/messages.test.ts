import { describe, expect, it } from 'vitest';
import { parseReply, parseRequest } from './messages.ts';

describe('offline messages', () => {
  it('reads the questions a page may ask, and nothing else', () => {
    expect(parseRequest({ type: 'status' })).toEqual({ type: 'status' });
    expect(parseRequest({ type: 'store', url: '/a/' })).toEqual({ type: 'store', url: '/a/' });
    expect(parseRequest({ type: 'keep-all', value: false })).toEqual({
      type: 'keep-all',
      value: false,
    });
    expect(parseRequest({ type: 'skip-waiting', extra: 1 })).toEqual({ type: 'skip-waiting' });
    for (const bad of [
      null,
      'status',
      { type: 'store' },
      { type: 'keep-all', value: 'yes' },
      { type: 'eval' },
    ])
      expect(parseRequest(bad)).toBeUndefined();
  });

  it('reads the answers, and nothing else', () => {
    const status = {
      type: 'status',
      version: 'v',
      keepAll: false,
      files: [{ url: '/', size: 1 }],
      stored: ['/'],
    };
    expect(parseReply(status)).toEqual(status);
    expect(parseReply({ type: 'stored', url: '/', outcome: 'changed' })).toEqual({
      type: 'stored',
      url: '/',
      outcome: 'changed',
    });
    for (const bad of [
      { type: 'error' },
      { ...status, files: [{ url: 1 }] },
      { ...status, stored: [1] },
      { type: 'stored', url: '/', outcome: 'maybe' },
      { type: 'removed' },
    ])
      expect(parseReply(bad)).toBeUndefined();
  });
});
