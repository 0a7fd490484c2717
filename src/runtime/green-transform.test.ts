// The green transform: what it emits, that it keeps every line where it was, and that the
// JavaScript it produces behaves like the original (plus the ability to switch).
import { describe, expect, it } from 'vitest';
import * as lib from '../lib/greenlet.ts';
import { needsGreenTransform, transformGreen } from './green-transform.ts';
import { transpile, transpileProgram } from './transpile.ts';

const PRELUDE =
  '"use strict";const {__green,greenlet,Greenlet,getcurrent,GreenletExit,GreenletError}=lib;';

function transform(src: string): string {
  return transformGreen(src, 'test.js', { prelude: PRELUDE }).code;
}

/** Runs transformed `src` as the main greenlet and returns what it printed. */
function run(src: string): string[] {
  const out: string[] = [];
  const program = new Function('lib', 'print', transform(src)) as (
    l: typeof lib,
    p: (...a: unknown[]) => void,
  ) => void;
  program(lib, (...a: unknown[]) => out.push(a.map(String).join(' ')));
  return out;
}

/** Runs `src` both untransformed and transformed: the output must be the same. */
function same(src: string): string[] {
  const out: string[] = [];
  const print = (...a: unknown[]) => out.push(a.map(String).join(' '));
  (new Function('lib', 'print', `"use strict";${src}`) as (l: unknown, p: typeof print) => void)(
    lib,
    print,
  );
  const green = run(src);
  expect(green).toEqual(out);
  return green;
}

describe('what the transform emits', () => {
  it('turns calls into yield* delegations, callee and this evaluated before the arguments', () => {
    const code = transformGreen('function f(o) { return o.m(g(1), 2); }', 'x.js', {
      prelude: '',
    }).code;
    expect(code).toBe(
      '__green.l(f,f$green);function f(){return __green.d(f$green,this,arguments)}function* f$green(o) {var __g$o; return (__green.m2(__g$o=o,__g$o.m,(__green.c1(g,1)?yield* __green.it:__green.r), 2)?yield* __green.it:__green.r); }',
    );
  });

  it('leaves the top level, async functions, generators, getters and constructors plain', () => {
    const src = [
      'f();',
      'async function a() { await f(); }',
      'function* g() { yield f(); }',
      'class C { constructor() { f(); } get x() { return f(); } set x(v) { f(v); } }',
    ].join('\n');
    expect(transformGreen(src, 'x.js', { prelude: '' }).code).toBe(src);
  });

  it('adds the import of the runtime on line 1 by default', () => {
    expect(transformGreen('const x = () => 1;').code).toMatch(
      /^import\{__green\}from"#lib\/greenlet";const x = __green\.w\(function\* \(\) \{/,
    );
  });

  it('keeps every line where it was, even with multi-line arrows, calls and methods', () => {
    const src = `const f = (a,
  b) =>
  a +
  b;
const g = x =>
  ({ x });
function h(
  x = f(1, 2),
) {
  return o
    .m(
      x,
      ...rest,
    )
    .n();
}
const o = {
  m(a) {
    return a;
  },
};
class K extends Object {
  static s() { return 1; }
  m() {
    return super.toString();
  }
}
`;
    const out = transform(src);
    expect(out.split('\n').length).toBe(src.split('\n').length);
    // An expression body on the next line must still be returned (no automatic semicolon).
    const lib2 = lib;
    const fn = new Function('lib', `${out}; return [f(1, 2), g(3).x];`) as (l: unknown) => unknown;
    expect(fn(lib2)).toEqual([3, 3]);
  });

  it('detects the modules to transform by their import of #lib/greenlet or #lib/gevent', () => {
    expect(needsGreenTransform("import { greenlet } from '#lib/greenlet';")).toBe(true);
    expect(needsGreenTransform('import {\n  spawn,\n} from "#lib/gevent";')).toBe(true);
    expect(needsGreenTransform("import { Kernel } from '#kit';")).toBe(false);
    expect(needsGreenTransform(" * import { greenlet } from '#lib/greenlet';")).toBe(false);
  });

  it('the browser path (transpileProgram) applies it to learner files only, keeping lines', async () => {
    const ts = `import { greenlet } from '#lib/greenlet';
function f(x: number): number {
  return g(x);
}
`;
    const [out] = await transpileProgram({ 'main.ts': ts });
    expect(out!.code).toContain('function* f$green');
    expect(out!.code.split('\n').length).toBe(ts.split('\n').length);
    // the course's own modules are transpiled alone (webcontainer/project.ts: courseTree)
    expect(transpile('/src/lib/x.ts', ts).code).not.toContain('$green');
    const plain = transpileProgram({ 'main.ts': 'function f(x: number) { return x; }' });
    expect(Array.isArray(plain) && plain[0]!.code).not.toContain('$green');
  });
});

describe('transformed code behaves like the original', () => {
  it('arrows: expression, block, bare parameter, object body, closures', () => {
    expect(
      same(`
const add = (a, b) => a + b;
const inc = x => add(x, 1);
const obj = (k) => ({ k });
const block = (n) => { let s = 0; for (let i = 0; i < n; i++) s = add(s, i); return s; };
const counter = () => { let c = 0; return () => ++c; };
const c = counter();
c(); c();
print(add(1, 2), inc(4), obj('v').k, block(5), c(), add.name, inc.name);
`),
    ).toEqual(['3 5 v 10 3 add inc']);
  });

  it('methods and this: class, static, object literal, super, getters, arrows in fields', () => {
    expect(
      same(`
class Base { hello(x) { return 'base ' + x; } static make() { return new this(); } }
class Sub extends Base {
  name = 'sub';
  arrow = () => this.name;
  hello(x) { return super.hello(x) + ' via ' + this.tag(); }
  tag() { return this.name; }
  get upper() { return this.tag().toUpperCase(); }
}
const s = Sub.make();
const o = { v: 2, twice() { return this.v * 2; }, nested: { f() { return this; } } };
print(s.hello(1), s.arrow(), s.upper, o.twice(), o.nested.f() === o.nested, typeof Sub.prototype.hello);
print(Object.keys(o).join(','), Sub.prototype.hello.name, Sub.make.name);
`),
    ).toEqual(['base 1 via sub sub SUB 4 true function', 'v,twice,nested hello make']);
  });

  it('default parameters, rest, spread arguments, arguments, four or more arguments', () => {
    expect(
      same(`
function def(a, b = twice(a), ...rest) { return [a, b, rest.length, arguments.length].join('/'); }
function twice(x) { return x * 2; }
function sum(...xs) { return xs.reduce((s, x) => s + x, 0); }
const xs = [1, 2, 3];
print(def(1), def(1, 5, 6, 7), sum(...xs), sum(0, ...xs, 4), sum(1, 2, 3, 4, 5), Math.max(...xs));
`),
    ).toEqual(['1/2/0/1 1/5/2/4 6 10 15 3']);
  });

  it('optional calls, tagged templates, new, named function expressions, IIFEs, eval order', () => {
    expect(
      same(`
const maybe = { f: null, g() { return 'g'; } };
function Point(x) { this.x = x; }
const fact = function fact(n) { return n <= 1 ? 1 : n * fact(n - 1); };
const tag = (s, ...v) => s.raw.join('|') + v.join(',');
const order = [];
function mark(x) { order.push(x); return x; }
function pick() { mark('callee'); return mark; }
function run() {
  const p = new Point(3);
  pick()(mark('arg1'), mark('arg2'));
  return [maybe.f?.(), maybe.g?.(), maybe?.g(), p.x, p instanceof Point, fact(5), tag\`a\${1}b\`,
    (function () { return 'iife'; })(), order.join('>')].join(' ');
}
print(run());
`),
    ).toEqual([' g g 3 true 120 a|b1 iife callee>arg1>arg2>arg1']);
  });

  it('transformed functions work as callbacks of built-ins and of untransformed code', () => {
    expect(
      same(`
function double(x) { return x * 2; }
const byLength = (a, b) => a.length - b.length;
print([1, 2, 3].map(double).join(','), ['ccc', 'a', 'bb'].sort(byLength).join(','), double.call(null, 4),
  double.apply(null, [5]), double.bind(null)(6), Reflect.apply(double, null, [7]));
`),
    ).toEqual(['2,4,6 a,bb,ccc 8 10 12 14']);
  });

  it('errors keep their meaning: not a function, thrown errors, finally blocks', () => {
    expect(
      same(`
function f() { const o = {}; try { o.missing(); } catch (e) { print(e instanceof TypeError); } finally { print('finally'); } }
function g() { throw new RangeError('r'); }
function h() { try { g(); } catch (e) { return e.name; } }
f();
print(h());
`),
    ).toEqual(['true', 'finally', 'RangeError']);
  });
});

describe('switching from everywhere a learner writes code', () => {
  it('from a method, a static method, an arrow and a named function expression', () => {
    expect(
      run(`
const main = getcurrent();
class Worker {
  constructor(name) { this.name = name; }
  step(i) { return main.switch(this.name + ' step ' + i); }
  static pause(x) { return main.switch('static ' + x); }
}
const pauseArrow = (x) => main.switch('arrow ' + x);
const named = function again(n) { if (n > 0) { main.switch('named ' + n); again(n - 1); } };
function body() {
  const w = new Worker('w');
  w.step(1);
  Worker.pause(2);
  pauseArrow(3);
  named(2);
  return 'done';
}
const g = greenlet(body);
for (let r = g.switch(); ; r = g.switch()) { print(r); if (g.dead) break; }
`),
    ).toEqual(['w step 1', 'static 2', 'arrow 3', 'named 2', 'named 1', 'done']);
  });

  it('a switch deep inside spread arguments, default-free nested calls and loops resumes in place', () => {
    expect(
      run(`
const main = getcurrent();
function ask(q) { return main.switch(q); }
function collect() { return [ask('a'), ask('b')]; }
function join3(x, y, z) { return [x, y, z].join('-'); }
function body() { return join3(...collect(), ask('c')); }
const g = greenlet(body);
print(g.switch(), g.switch(1), g.switch(2), g.switch(3));
`),
    ).toEqual(['a b c 1-2-3']);
  });

  it('an optional call stays plain: a switch inside it from a greenlet is the clear error', () => {
    expect(
      run(`
const main = getcurrent();
const o = { f() { return main.switch('x'); } };
function body() { try { o.f?.(); } catch (e) { return e.name; } }
print(greenlet(body).switch());
`),
    ).toEqual(['GreenletError']);
  });
});
