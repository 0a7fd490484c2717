import { deepStrictEqual } from 'node:assert';
import { describe, expect, it } from 'vitest';
import { defineChecks, deepEqual, runChecks } from './index.ts';

/** What Node says: the reference `deepEqual` is held to. */
function nodeSays(a: unknown, b: unknown): boolean {
  try {
    deepStrictEqual(a, b);
    return true;
  } catch {
    return false;
  }
}

class Point {
  readonly x: number;
  readonly y: number;
  constructor(x: number, y: number) {
    this.x = x;
    this.y = y;
  }
}
class OtherPoint {
  readonly x: number;
  readonly y: number;
  constructor(x: number, y: number) {
    this.x = x;
    this.y = y;
  }
}
const cycle = () => {
  const o: { name: string; self?: unknown } = { name: 'a' };
  o.self = o;
  return o;
};
const sparse = (): unknown[] => {
  const a: unknown[] = [];
  a[1] = 1;
  return a;
};
const sym = Symbol('tag');
const shared = { id: 1 };
const withLastIndex = (n: number) => Object.assign(/a/g, { lastIndex: n });

/** [case, a, b, equal?]: the expected answer is written out, and Node must agree with it too. */
const CASES: readonly (readonly [string, unknown, unknown, boolean])[] = [
  // primitives
  ['same number', 1, 1, true],
  ['different numbers', 1, 2, false],
  ['NaN and NaN', NaN, NaN, true],
  ['-0 and 0 (Object.is)', -0, 0, false],
  ['1 and "1"', 1, '1', false],
  ['null and undefined', null, undefined, false],
  ['null and {}', null, {}, false],
  ['bigints', 10n, 10n, true],
  ['two functions with the same body', () => 1, () => 1, false],
  // plain objects and arrays
  ['equal objects, keys in another order', { a: 1, b: 2 }, { b: 2, a: 1 }, true],
  ['an extra key', { a: 1 }, { a: 1, b: 2 }, false],
  ['an undefined-valued key against a missing one', { a: 1, b: undefined }, { a: 1 }, false],
  ['undefined-valued keys on both', { a: undefined }, { a: undefined }, true],
  [
    'nested objects that differ deep down',
    { a: { b: { c: [1, 2] } } },
    { a: { b: { c: [1, 3] } } },
    false,
  ],
  [
    'nested objects that match',
    { a: { b: { c: [1, { d: 2 }] } } },
    { a: { b: { c: [1, { d: 2 }] } } },
    true,
  ],
  ['nested arrays', [[1, [2, [3]]]], [[1, [2, [3]]]], true],
  ['nested arrays that differ', [[1, [2, [3]]]], [[1, [2, [4]]]], false],
  ['arrays of different lengths', [1, 2], [1, 2, 3], false],
  ['array and array-like object', [1], { 0: 1, length: 1 }, false],
  ['a hole and undefined (sparse arrays)', sparse(), [undefined, 1], false],
  ['two sparse arrays', sparse(), sparse(), true],
  ['an array with an extra property', Object.assign([1], { x: 1 }), [1], false],
  ['NaN inside arrays', [NaN], [NaN], true],
  ['-0 inside objects', { n: -0 }, { n: 0 }, false],
  ['null prototype against {}', Object.create(null), {}, false],
  ['symbol keys that differ', { [sym]: 1 }, { [sym]: 2 }, false],
  ['symbol keys that match', { [sym]: 1 }, { [sym]: 1 }, true],
  // class instances
  ['instances of the same class', new Point(1, 2), new Point(1, 2), true],
  ['same fields, different prototypes', new Point(1, 2), new OtherPoint(1, 2), false],
  ['an instance against a plain object', new Point(1, 2), { x: 1, y: 2 }, false],
  // Dates
  ['equal Dates', new Date(1000), new Date(1000), true],
  ['different Dates', new Date(1000), new Date(2000), false],
  ['two invalid Dates', new Date(NaN), new Date(NaN), true],
  ['a Date and its time', new Date(1000), 1000, false],
  // RegExps
  ['equal RegExps', /a+/gi, /a+/gi, true],
  ['RegExps with other flags', /a+/g, /a+/i, false],
  ['RegExps with other sources', /a+/, /b+/, false],
  ['RegExps with another lastIndex', withLastIndex(1), withLastIndex(0), false],
  // Maps
  [
    'equal Maps',
    new Map([
      ['a', 1],
      ['b', 2],
    ]),
    new Map([
      ['b', 2],
      ['a', 1],
    ]),
    true,
  ],
  ['Maps with a different value', new Map([['a', 1]]), new Map([['a', 2]]), false],
  ['Maps with a different key', new Map([['a', 1]]), new Map([['b', 1]]), false],
  ['Maps of different sizes', new Map([['a', 1]]), new Map(), false],
  ['Maps with deep values', new Map([['a', { x: [1] }]]), new Map([['a', { x: [1] }]]), true],
  [
    'Maps with deep values that differ',
    new Map([['a', { x: [1] }]]),
    new Map([['a', { x: [2] }]]),
    false,
  ],
  ['Maps with object keys', new Map([[{ k: 1 }, 'v']]), new Map([[{ k: 1 }, 'v']]), true],
  [
    'Maps with object keys that differ',
    new Map([[{ k: 1 }, 'v']]),
    new Map([[{ k: 2 }, 'v']]),
    false,
  ],
  [
    'Maps: equal object keys, other values',
    new Map([[{ k: 1 }, 'v']]),
    new Map([[{ k: 1 }, 'w']]),
    false,
  ],
  [
    'Maps: two equal object keys matched once each',
    new Map([
      [{ k: 1 }, 1],
      [{ k: 1 }, 2],
    ]),
    new Map([
      [{ k: 1 }, 2],
      [{ k: 1 }, 1],
    ]),
    true,
  ],
  [
    'Maps with -0 and 0 keys (a Map stores -0 as 0)',
    new Map([[-0, 'z']]),
    new Map([[0, 'z']]),
    true,
  ],
  ['a Map against an empty object', new Map([['a', 1]]), {}, false],
  ['a Map with an extra property', Object.assign(new Map(), { x: 1 }), new Map(), false],
  // Sets
  ['equal Sets in another order', new Set([1, 2, 3]), new Set([3, 2, 1]), true],
  ['Sets that differ', new Set([1, 2]), new Set([1, 3]), false],
  ['Sets of different sizes', new Set([1]), new Set([1, 2]), false],
  ['Sets of objects', new Set([{ a: 1 }, { a: 2 }]), new Set([{ a: 2 }, { a: 1 }]), true],
  ['Sets of objects that differ', new Set([{ a: 1 }]), new Set([{ a: 2 }]), false],
  ['Sets: a member matched only once', new Set([[1], [1]]), new Set([[1], [2]]), false],
  ['Sets: the same object in both', new Set([shared]), new Set([shared]), true],
  ['Sets with NaN', new Set([NaN]), new Set([NaN]), true],
  ['a Set against an array', new Set([1]), [1], false],
  // binary data
  ['equal typed arrays', new Uint8Array([1, 2]), new Uint8Array([1, 2]), true],
  ['typed arrays that differ', new Uint8Array([1, 2]), new Uint8Array([1, 3]), false],
  ['typed arrays of another type', new Uint8Array([1]), new Int8Array([1]), false],
  ['typed arrays of other lengths', new Uint16Array([1]), new Uint16Array([1, 0]), false],
  ['Float64Arrays with NaN', new Float64Array([NaN]), new Float64Array([NaN]), true],
  ['Float64Arrays with -0 and 0', new Float64Array([-0]), new Float64Array([0]), false],
  ['ArrayBuffers that differ', new Uint8Array([1]).buffer, new Uint8Array([2]).buffer, false],
  ['equal ArrayBuffers', new Uint8Array([1, 2]).buffer, new Uint8Array([1, 2]).buffer, true],
  [
    'DataViews that differ',
    new DataView(new Uint8Array([1]).buffer),
    new DataView(new Uint8Array([2]).buffer),
    false,
  ],
  // errors, boxed primitives, things compared by identity
  ['Errors with other messages', new Error('a'), new Error('b'), false],
  ['Errors with the same message', new Error('a'), new Error('a'), true],
  ['Errors of other classes', new Error('a'), new TypeError('a'), false],
  ['Errors with other causes', new Error('a', { cause: 1 }), new Error('a', { cause: 2 }), false],
  ['boxed numbers that differ', Object(1), Object(2), false],
  ['boxed strings that match', Object('ab'), Object('ab'), true],
  ['two Promises', Promise.resolve(1), Promise.resolve(1), false],
  ['two WeakMaps', new WeakMap(), new WeakMap(), false],
  // cycles
  ['two equal cycles', cycle(), cycle(), true],
  [
    'a cycle against its unrolled copy with another name',
    cycle(),
    { name: 'a', self: { name: 'b' } },
    false,
  ],
];

describe('deepEqual agrees with assert.deepStrictEqual', () => {
  it.each(CASES)('%s', (_name, a, b, expected) => {
    expect(nodeSays(a, b), 'node:assert').toBe(expected);
    expect(deepEqual(a, b)).toBe(expected);
    expect(deepEqual(b, a), 'swapped').toBe(expected);
  });
});

/**
 * Where the harness and Node must differ, and why. Each row is a known, deliberate divergence:
 * if Node or the harness changes, the row fails and the comment must be revisited.
 */
describe('where deepEqual differs from deepStrictEqual on purpose', () => {
  it('ignores extra properties on typed arrays (comparing them would walk every index twice)', () => {
    const a = Object.assign(new Uint8Array([1]), { tag: 'x' });
    const b = new Uint8Array([1]);
    expect(nodeSays(a, b)).toBe(false);
    expect(deepEqual(a, b)).toBe(true);
  });
});

describe('t.deepEqual inside a check', () => {
  it('fails on Maps, Sets and Dates that differ, and shows their content', async () => {
    const c = defineChecks<object>((_m, { check }) => {
      check('maps', (t) => t.deepEqual(new Map([['a', 1]]), new Map([['a', 2]])));
      check('sets', (t) => t.deepEqual(new Set([1]), new Set([2])));
      check('dates', (t) => t.deepEqual(new Date(0), new Date(1)));
      check('equal maps', (t) => t.deepEqual(new Map([['a', [1]]]), new Map([['a', [1]]])));
    });
    const r = await runChecks(c, {});
    expect(r.results.map((x) => x.passed)).toEqual([false, false, false, true]);
    expect(r.results[0]).toMatchObject({
      expected: '{"Map":[["a",2]]}',
      actual: '{"Map":[["a",1]]}',
    });
    expect(r.results[1]).toMatchObject({ expected: '{"Set":[2]}', actual: '{"Set":[1]}' });
  });
});
