import { describe, expect, it } from 'vitest';
import { parseJson } from './well-typed.ts';

describe('parseJson', () => {
  it('gives the value a JSON text holds', () => {
    expect(parseJson('{"a":[1,"x",null]}')).toEqual({ a: [1, 'x', null] });
    expect(parseJson('0')).toBe(0);
    expect(parseJson('null')).toBeNull();
  });

  it('treats a missing or unreadable text as missing', () => {
    for (const text of [undefined, null, '', '{', 'undefined', "{'a':1}", '[1,]'])
      expect(parseJson(text), String(text)).toBeUndefined();
  });
});
