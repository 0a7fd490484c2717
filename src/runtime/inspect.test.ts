// The worker prints with node-inspect-extracted (Node's own util.inspect, packaged for the web);
// these tests hold it, and our wrapper, to the real `node:util` of the Node that runs them.
import { format as nodeFormat, inspect as nodeInspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { inspect, nodeStyleStack, teachUrls, withMappedStacks } from './inspect.ts';
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
function* counter() {
  yield 1;
}
async function* ticks() {
  yield 1;
}
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
  // The values issue 10 found the hand-written port getting wrong (9 of 25):
  ['boxed number', new Number(3)],
  ['boxed string', new String('ab')],
  ['boxed boolean and bigint', [new Boolean(false), Object(5n), Object(Symbol('s'))]],
  ['ArrayBuffer', new Uint8Array([1, 2, 255]).buffer],
  ['DataView', new DataView(new ArrayBuffer(4), 1, 2)],
  ['generator object', counter()],
  ['generator functions', [counter, ticks]],
  ['URL', new URL('https://example.org/a/b?q=1#h')],
  ['Error with cause', new Error('outer', { cause: new TypeError('inner') })],
  ['Error with a non-error cause', new RangeError('bad', { cause: { code: 42 } })],
  ['AggregateError', new AggregateError([new Error('a'), new TypeError('b')], 'many failed')],
  ['Error with extra property', Object.assign(new Error('refused'), { code: 'ECONNREFUSED' })],
  ['error in object', { when: 'connect', error: new Error('nope') }],
  ['quoting', ['a', "it's", 'say "it\'s"', '\'`"']],
  ['WeakMap', new WeakMap()],
  ['Symbol.toStringTag', { [Symbol.toStringTag]: 'Tagged', a: 1 }],
  ['custom inspect', { [Symbol.for('nodejs.util.inspect.custom')]: () => 'custom!' }],
  ['deep beyond depth', { a: { b: { c: { d: { e: 1 } } } } }],
];

describe('inspect matches node:util inspect', () => {
  for (const [name, value] of samples) {
    it(name, () => expect(inspect(value)).toBe(nodeInspect(value)));
  }
  it('honours depth and customInspect as Node does', () => {
    const deep = { a: { b: { c: {} } }, [Symbol.for('nodejs.util.inspect.custom')]: () => 'X' };
    expect(inspect(deep, { depth: 0 })).toBe(nodeInspect(deep, { depth: 0 }));
    expect(inspect(deep, { customInspect: false })).toBe(
      nodeInspect(deep, { customInspect: false }),
    );
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
    ['%o', { a: [1, 2, { b: { c: { d: {} } } }], f: function named() {} }],
    ['%o of an array', [1, 'two', [3]]],
    ['%s of objects and errors', { a: 1 }, new Error('short')],
    ['%d %i %f of odd values', '42abc', 3n, '1.5e3'],
    ['%j of a circular value', circular],
  ];
  for (const args of cases) {
    it(JSON.stringify(args.map(String)), () => expect(format(args)).toBe(nodeFormat(...args)));
  }
});

/** An error whose stack points at a blob URL, as a learner's error in the worker does. */
function blobError(message: string, line: number, options?: ErrorOptions): Error {
  const e = new Error(message, options);
  e.stack = `Error: ${message}\n    at run (blob:http://localhost/abc:${line}:5)\n    at http://localhost/_astro/worker.js:1:1`;
  return e;
}
const mapStack = (stack: string) =>
  stack
    .split('\n')
    .filter((l) => !l.includes('_astro'))
    .join('\n')
    .replace(/blob:http:\/\/localhost\/abc:(\d+):(\d+)/g, 'main.ts:$1:$2');

describe('error stacks are mapped to the learner’s code (options.mapStack)', () => {
  it('maps the stack of an error, of one inside an object, of a cause and of AggregateError items', () => {
    const inner = blobError('inner', 7);
    const outer = blobError('outer', 3, { cause: inner });
    const all = new AggregateError([blobError('a', 11)], 'all');
    all.stack = 'AggregateError: all\n    at go (blob:http://localhost/abc:12:5)';
    const printed = inspect({ outer, list: [all] }, { mapStack, depth: 4 });
    expect(printed).toContain('at run (main.ts:3:5)');
    expect(printed).toContain('at run (main.ts:7:5)');
    expect(printed).toContain('at run (main.ts:11:5)');
    expect(printed).toContain('at go (main.ts:12:5)');
    expect(printed).not.toMatch(/blob:|_astro/);
  });

  it('prints what Node prints for the same, already mapped, error', () => {
    const e = blobError('boom', 3, { cause: blobError('why', 4) });
    const mapped = new Error('boom', { cause: new Error('why') });
    mapped.stack = mapStack(e.stack!);
    (mapped.cause as Error).stack = mapStack((e.cause as Error).stack!);
    expect(inspect(e, { mapStack })).toBe(nodeInspect(mapped));
    expect(format(['failed:', e], { mapStack })).toBe(nodeFormat('failed:', mapped));
  });

  it('puts every stack back afterwards, and never calls a getter', () => {
    const e = blobError('kept', 5);
    const before = e.stack;
    let called = false;
    const holder = {
      get hidden() {
        called = true;
        return blobError('hidden', 9);
      },
      e,
    };
    format(['%o', holder], { mapStack });
    expect(e.stack).toBe(before);
    expect(Object.getOwnPropertyDescriptor(e, 'stack')?.enumerable).toBe(false);
    expect(called).toBe(false);
  });

  it('leaves a frozen error as it is, and walks past values that throw when looked at', () => {
    const frozen = Object.freeze(blobError('frozen', 2));
    expect(inspect(frozen, { mapStack })).toContain('blob:http://localhost/abc:2:5');
    const revoked = Proxy.revocable({}, {});
    revoked.revoke();
    const hostile = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error('no keys');
        },
      },
    );
    const e = blobError('found', 6);
    const seen = withMappedStacks([revoked.proxy, hostile, { e }], { mapStack }, () => e.stack!);
    expect(seen).toBe('Error: found\n    at run (main.ts:6:5)');
  });
});

describe('stacks written by Firefox and Safari are shown as Node shows V8’s', () => {
  it('rewrites name@url:line:column frames under the error’s own header', () => {
    const e = new TypeError('bad fd');
    const firefox = 'connect@blob:http://localhost/abc:3:5\n@blob:http://localhost/abc:9:1\n';
    expect(nodeStyleStack(e, firefox)).toBe(
      'TypeError: bad fd\n    at connect (blob:http://localhost/abc:3:5)\n    at blob:http://localhost/abc:9:1',
    );
    e.stack = firefox;
    expect(inspect(e, { mapStack })).toBe(
      'TypeError: bad fd\n    at connect (main.ts:3:5)\n    at main.ts:9:1',
    );
  });

  it('leaves V8 stacks, and stacks it does not recognise, unchanged', () => {
    const e = new Error('mail me@example.org:1:2');
    expect(nodeStyleStack(e, e.stack!)).toBe(e.stack);
    expect(nodeStyleStack(e, 'not a stack')).toBe('not a stack');
    expect(nodeStyleStack(e, '')).toBe('');
  });
});

describe('URL and URLSearchParams print as on Node where they cannot print themselves', () => {
  const CUSTOM = Symbol.for('nodejs.util.inspect.custom');
  const url = new URL('https://user:pw@example.org:8080/a/b?q=1&tag=x%20y#top');
  const values: [string, unknown][] = [
    ['a URL', url],
    ['a URL in an object', { at: { where: url } }],
    ['a URL too deep to show', { a: { b: { c: { url } } } }],
    ['search parameters', new URLSearchParams('q=1&long=' + 'v'.repeat(90))],
    ['no search parameters', [new URLSearchParams()]],
    ['nested search parameters', { p: new URLSearchParams({ n: '1' }) }],
  ];

  /** Runs `body` with Node's own URL hooks removed, as in a browser, and puts them back. */
  function asInBrowser<T>(body: () => T): T {
    const saved = [URL, URLSearchParams].map(
      (C) => [C.prototype, Object.getOwnPropertyDescriptor(C.prototype, CUSTOM)!] as const,
    );
    for (const [proto] of saved) Reflect.deleteProperty(proto, CUSTOM);
    try {
      return body();
    } finally {
      for (const [proto, desc] of saved) Object.defineProperty(proto, CUSTOM, desc);
    }
  }

  for (const [name, value] of values) {
    it(name, () => {
      const expected = nodeInspect(value);
      expect(asInBrowser(() => inspect(value))).toBe(expected);
    });
  }

  it('leaves classes that print themselves alone', () => {
    const own: unknown = Reflect.get(URL.prototype, CUSTOM);
    teachUrls();
    expect(Reflect.get(URL.prototype, CUSTOM)).toBe(own);
  });
});
