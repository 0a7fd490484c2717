import { describe, expect, it } from 'vitest';
import { parseMode, slidesHref, viewUrl } from './modes.ts';

describe('deck modes', () => {
  it('reads the view from the query string', () => {
    expect(parseMode('')).toEqual({ view: 'audience', notes: false });
    expect(parseMode('?presenter')).toEqual({ view: 'presenter', notes: false });
    expect(parseMode('?print')).toEqual({ view: 'print', notes: false });
    expect(parseMode('?print&notes')).toEqual({ view: 'print', notes: true });
    expect(parseMode('?embed')).toEqual({ view: 'embed', notes: false });
    expect(parseMode('?utm_source=x')).toEqual({ view: 'audience', notes: false });
  });

  it('builds links to the other views at the same moment', () => {
    expect(viewUrl('presenter', { slide: 2, step: 0 })).toBe('./?presenter#3');
    expect(viewUrl('embed', { slide: 6, step: 2 })).toBe('./?embed#7.2');
    expect(viewUrl('audience', { slide: 0, step: 0 })).toBe('./#1');
    expect(viewUrl('print', { slide: 0, step: 0 }, true)).toBe('./?print&notes#1');
    expect(slidesHref('waiting-is-the-job')).toBe('/slides/waiting-is-the-job/');
  });
});
