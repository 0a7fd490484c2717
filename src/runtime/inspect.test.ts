import { format as nodeFormat, inspect as nodeInspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { inspect, quote } from './inspect.ts';
import { format } from './format.ts';

class Point {
  x: number;
  y: number;
  constructor(x: number, y: number) {
    this.x = x;
    this.y = y;
  }
}
class Empty {}
const circular: Record<string, unknown> = { name: 'loop' };
circular['self'] = circular;

const samples: [string, unknown][] = [
  ['string', "it's"],
  ['quotes', 'say "it\'s"'],
  ['control', 'a\nb\tc\u0001'],
  ['long string', `${'line one is long enough\n'.repeat(5)}end`],
  ['negative zero', -0],
  ['bigint', 12n],
  ['symbol', Symbol('tick')],
  ['null', null],
  ['undefined', undefined],
  ['empty array', []],
  ['small array', [1, 2, 3]],
  ['grouped numbers', Array.from({ length: 30 }, (_, i) => i * 7)],
  ['grouped strings', Array.from({ length: 12 }, (_, i) => `fd${i}`)],
  ['long array', Array.from({ length: 120 }, (_, i) => i)],
  ['sparse', [1, , , 4]],
  ['object', { a: 1, 'b-c': 'x', nested: { deep: { deeper: { deepest: 1 } } } }],
  ['wide object', { alpha: 'a'.repeat(20), beta: 'b'.repeat(20), gamma: 'c'.repeat(20), d: 1 }],
  ['class', new Point(1, 2)],
  ['empty class', new Empty()],
  ['null prototype', Object.assign(Object.create(null), { a: 1 })],
  [
    'map',
    new Map<unknown, unknown>([
      ['a', 1],
      [2, { b: [1, 2] }],
    ]),
  ],
  ['set', new Set([1, 'two', [3]])],
  ['empty map', new Map()],
  ['function', function named() {}],
  ['arrow', () => 1],
  ['async', async function go() {}],
  ['class ctor', Point],
  ['date', new Date(0)],
  ['regexp', /a+b/gi],
  ['circular', circular],
  ['symbol key', { [Symbol('s')]: 1 }],
  [
    'getter',
    {
      get g() {
        return 1;
      },
    },
  ],
  ['typed', new Uint8Array([1, 2, 3])],
  ['nested arrays', [[1, [2, [3, [4]]]], { a: [{ b: { c: {} } }] }]],
  ['objects in array', Array.from({ length: 4 }, (_, i) => ({ id: i, state: 'ready', fd: i + 3 }))],
];

describe('inspect matches node:util inspect', () => {
  for (const [name, value] of samples) {
    it(name, () => expect(inspect(value)).toBe(nodeInspect(value)));
  }
  it('quotes like Node', () => {
    expect(quote('a')).toBe("'a'");
    expect(quote('\'`"')).toBe(nodeInspect('\'`"'));
  });
});

describe('format matches node:util format', () => {
  const cases: unknown[][] = [
    ['plain'],
    ['%s has %d items (%i%%)', 'queue', 3.5, 42.9],
    ['%O and %O', { a: [1] }, { b: 2 }],
    ['%j', { a: 1 }],
    ['%c styled', 'color: red'],
    ['extra', 1, 'two', { three: 3 }],
    [{ first: 'object' }, 'then string'],
    ['missing %s %d'],
    [1, 2n, null, undefined],
  ];
  for (const args of cases) {
    it(JSON.stringify(args.map(String)), () => expect(format(args)).toBe(nodeFormat(...args)));
  }
});
