// The semantics table of python-greenlet, one test per rule, each program written the way a
// learner would (plain functions) and run through the green transform, as chapter 9's snippets are.
import { describe, expect, it } from 'vitest';
import { Kernel } from '#kit';
import * as lib from './greenlet.ts';
import { greenlet } from './greenlet.ts';
import { transformGreen } from '../runtime/green-transform.ts';

/** Transforms `src` and runs it as the main greenlet; returns what it printed with `print`. */
function run(src: string): string[] {
  const out: string[] = [];
  const { code } = transformGreen(src, 'test.js', {
    prelude:
      '"use strict";const {__green,greenlet,Greenlet,getcurrent,GreenletExit,GreenletError,resumable,switchTo}=lib;',
  });
  const program = new Function('lib', 'print', code) as (
    l: typeof lib,
    p: (...a: unknown[]) => void,
  ) => void;
  program(lib, (...a: unknown[]) => out.push(a.map((x) => show(x)).join(' ')));
  return out;
}

function show(x: unknown): string {
  if (Array.isArray(x)) return `[${x.map(show).join(', ')}]`;
  if (x instanceof Error) return `${x.name}(${x.message})`;
  if (x instanceof lib.Greenlet) return 'greenlet';
  return String(x);
}

describe('the two classic examples (greenlet docs, ported exactly)', () => {
  it('test1 prints 12, test2 prints 56, test1 prints 34; 78 is never printed', () => {
    expect(
      run(`
function test1() {
  print(12);
  gr2.switch();
  print(34);
}

function test2() {
  print(56);
  gr1.switch();
  print(78);
}

const gr1 = greenlet(test1);
const gr2 = greenlet(test2);
gr1.switch();
`),
    ).toEqual(['12', '56', '34']);
  });

  it('a finished greenlet returns to its parent: main gets "2 return"', () => {
    expect(
      run(`
function test1() {
  print(12);
  gr2.switch();
  print(34);
  return '1 return';
}

function test2() {
  print(56);
  print(78);
  return '2 return';
}

const gr1 = greenlet(test1);
const gr2 = greenlet(test2);
print(gr1.switch());
`),
    ).toEqual(['12', '56', '78', '2 return']);
  });
});

describe('switching', () => {
  it('switches out of three nested plain calls and resumes exactly there', () => {
    expect(
      run(`
function level3(x) { print('level3 before', x); const got = main.switch('from level3'); print('level3 after', got); return got + 1; }
function level2(x) { const r = level3(x * 10); print('level2 got', r); return r * 2; }
function level1(x) { const r = level2(x + 1); print('level1 got', r); return 'done ' + r; }
const main = getcurrent();
const g = greenlet(level1);
print('main got', g.switch(1));
print('main got', g.switch(7));
print(g.dead);
`),
    ).toEqual([
      'level3 before 20',
      'main got from level3',
      'level3 after 7',
      'level2 got 8',
      'level1 got 16',
      'main got done 16',
      'true',
    ]);
  });

  it('greenlets share one heap: closures over the same variables', () => {
    expect(
      run(`
let counter = 0;
const shared = { items: [] };
function worker(name) {
  for (let i = 0; i < 3; i++) { counter++; shared.items.push(name + i); other(name).switch(); }
}
const a = greenlet(() => worker('a')), b = greenlet(() => worker('b'));
function other(name) { return name === 'a' ? b : a; }
a.switch();
b.switch();
print(counter, shared.items.join(','));
`),
    ).toEqual(['6 a0,b0,a1,b1,a2,b2']);
  });

  it('passes arguments: first switch calls run(...args), later ones return undefined / value / array', () => {
    expect(
      run(`
function test1(x, y) {
  let z = gr2.switch(x + y);
  while (z !== null) { print(z); z = gr2.switch(); }
}
function test2(u) {
  print(u);
  gr1.switch(42);
  gr1.switch('how', 'are', 'you');
  gr1.switch();
  gr1.switch(null);
}
const gr1 = greenlet(test1), gr2 = greenlet(test2);
gr1.switch('hello', ' world');
`),
    ).toEqual(['hello world', '42', '[how, are, you]', 'undefined']);
  });

  it('a greenlet started from within another greenlet has it as parent', () => {
    expect(
      run(`
function inner(v) { print('inner got', v, getcurrent().parent === outerG); return v * 2; }
function outer() {
  const g = greenlet(inner);
  const r = g.switch(21);
  print('outer got', r);
  return 'outer done';
}
const outerG = greenlet(outer);
print(outerG.switch());
`),
    ).toEqual(['inner got 21 true', 'outer got 42', 'outer done']);
  });

  it('getcurrent(): main has no parent; inside a greenlet the parent is main', () => {
    expect(
      run(`
function am_i_main() { return getcurrent().parent === null; }
print(am_i_main());
const glet = greenlet(am_i_main);
print(glet.switch());
`),
    ).toEqual(['true', 'false']);
  });

  it('switching to the greenlet that is running returns the arguments at once', () => {
    expect(
      run(`
function f() { return getcurrent().switch('self'); }
print(getcurrent().switch(1, 2).join('+'), greenlet(f).switch());
`),
    ).toEqual(['1+2 self']);
  });

  it('switching to a dead greenlet goes to its parent (docs example, () becomes undefined)', () => {
    expect(
      run(`
function inner() { print('Entering inner.'); print('Returning from inner.'); return 42; }
function outer() {
  print('Entering outer and spawning inner.');
  const inner_glet = greenlet(inner);
  print('Switching to inner.');
  let result = inner_glet.switch();
  print('Got from inner value: ' + result);
  print('Switching to inner again.');
  result = inner_glet.switch();
  print('Got from inner value: ' + result);
  return inner_glet;
}
const outer_glet = greenlet(outer);
const inner_glet = outer_glet.switch();
print(inner_glet.dead, outer_glet.dead, inner_glet.switch());
`),
    ).toEqual([
      'Entering outer and spawning inner.',
      'Switching to inner.',
      'Entering inner.',
      'Returning from inner.',
      'Got from inner value: 42',
      'Switching to inner again.',
      'Got from inner value: undefined',
      'true true undefined',
    ]);
  });

  it('a switch that needs to suspend a forEach callback throws a clear GreenletError', () => {
    const out = run(`
function body() {
  try {
    [1, 2].forEach((x) => { getcurrent().parent.switch(x); });
  } catch (e) { print(e.name, e.message.split(' (')[0]); }
  return 'survived';
}
print(greenlet(body).switch());
`);
    expect(out).toEqual([
      'GreenletError cannot switch from inside a callback called by non-green code',
      'survived',
    ]);
  });

  it('a for...of loop in place of forEach can switch', () => {
    expect(
      run(`
function body() { for (const x of [1, 2]) getcurrent().parent.switch(x); return 'end'; }
const g = greenlet(body);
print(g.switch(), g.switch(), g.switch());
`),
    ).toEqual(['1 2 end']);
  });

  it('main may switch from inside any plain code, e.g. a forEach callback at top level', () => {
    expect(
      run(`
function echo() { let v = getcurrent().parent.switch(); for (;;) v = getcurrent().parent.switch(v * 10); }
const g = greenlet(echo);
g.switch();
const out = [];
[1, 2, 3].forEach((x) => out.push(g.switch(x)));
print(out.join(','));
`),
    ).toEqual(['10,20,30']);
  });

  it('a subclass may define run() instead of passing a function', () => {
    expect(
      run(`
class Counter extends Greenlet {
  run(n) { this.total = 0; for (let i = 1; i <= n; i++) this.total += i; return this.total; }
}
const c = new Counter();
print(c.switch(4), c.total, c.dead);
`),
    ).toEqual(['10 10 true']);
  });
});

describe('parents, return values and exceptions', () => {
  it('the return value goes to the parent; an unstarted parent starts with it', () => {
    expect(
      run(`
function parent(child_result) { print('In the parent.', child_result); }
function child() { print('In the child.'); return 'result'; }
const parent_glet = greenlet(parent);
const child_glet = greenlet(child, parent_glet);
child_glet.switch();
const p2 = greenlet(parent), c2 = greenlet(child);
c2.parent = p2;
c2.switch();
`),
    ).toEqual(['In the child.', 'In the parent. result', 'In the child.', 'In the parent. result']);
  });

  it('an exception escaping a greenlet is raised in its parent at its switch()', () => {
    expect(
      run(`
function test1() { try { gr2.switch(); } catch (e) { print('test1 caught', e.message); } return 'test1 done'; }
function test2() { throw new Error('boom'); }
const gr1 = greenlet(test1);
const gr2 = greenlet(test2, gr1);
print(gr1.switch(), gr2.dead);
const gr3 = greenlet(test2);
try { gr3.switch(); } catch (e) { print('main caught', e.message); }
`),
    ).toEqual(['test1 caught boom', 'test1 done true', 'main caught boom']);
  });

  it('the parent cannot form a cycle (ValueError) and must be a greenlet (TypeError)', () => {
    expect(
      run(`
function f() {}
const parent_glet = greenlet(f), child_glet = greenlet(f);
child_glet.parent = parent_glet;
try { parent_glet.parent = child_glet; } catch (e) { print(e.name + ': ' + e.message); }
try { parent_glet.parent = 42; } catch (e) { print(e.name + ': ' + e.message); }
try { child_glet.parent = child_glet; } catch (e) { print(e.name + ': ' + e.message); }
`),
    ).toEqual([
      'ValueError: cyclic parent chain',
      'TypeError: parent must be a greenlet',
      'ValueError: cyclic parent chain',
    ]);
  });

  it("the main greenlet's parent cannot be set (AttributeError, as greenlet's MainGreenlet)", () => {
    expect(
      run(`
const main = getcurrent();
try { main.parent = main; } catch (e) { print(e.name + ': ' + e.message); }
try { main.parent = 42; } catch (e) { print(e.name + ': ' + e.message); }
try { main.parent = greenlet(() => {}); } catch (e) { print(e.name + ': ' + e.message); }
print(main.parent);
`),
    ).toEqual([
      'AttributeError: cannot set the parent of a main greenlet',
      'AttributeError: cannot set the parent of a main greenlet',
      'AttributeError: cannot set the parent of a main greenlet',
      'null',
    ]);
  });
});

describe('throw() and GreenletExit', () => {
  const prelude = `
const main = getcurrent();
class MyException extends Error {}
function run() {
  try { main.switch(); } catch (e) { if (!(e instanceof MyException)) throw e; print('Caught exception in greenlet.'); }
}
`;
  it('throw() into a started greenlet raises at its switch()', () => {
    expect(run(prelude + `const g = greenlet(run); g.switch(); g.throw(MyException);`)).toEqual([
      'Caught exception in greenlet.',
    ]);
  });

  it('an uncaught thrown error propagates to the parent', () => {
    expect(
      run(
        prelude +
          `const g = greenlet(run); g.switch(); try { g.throw(new RangeError('r')); } catch (e) { print(e.name, e.message, g.dead); }`,
      ),
    ).toEqual(['RangeError r true']);
  });

  it('GreenletExit is not propagated but returned; throw() defaults to GreenletExit', () => {
    expect(
      run(
        prelude +
          `const g = greenlet(run); g.switch(); const r = g.throw(GreenletExit); print(r instanceof GreenletExit, r.name, g.dead);
const h = greenlet(run); h.switch(); const s = h.throw(); print(s instanceof GreenletExit, h.dead);
print(h.throw() instanceof GreenletExit);`,
      ),
    ).toEqual(['true GreenletExit true', 'true true', 'true']);
  });

  it('test_kill: a killed greenlet is dead, and throw() into it comes back as a value', () => {
    expect(
      run(`
function sw(...args) { return getcurrent().parent.switch(...args); }
function f() { sw('ok'); sw('fail'); }
const g = greenlet(f);
print(g.switch());
const res = g.throw();
print(res instanceof GreenletExit, g.dead);
print(g.throw() instanceof GreenletExit);
`),
    ).toEqual(['ok', 'true true', 'true']);
  });

  it('throw() into an unstarted greenlet kills it without running it; the error goes to the parent', () => {
    expect(
      run(`
const main = getcurrent();
function f1() { try { main.switch('f1 ready to catch'); } catch (e) { if (e instanceof RangeError) return 'caught'; throw e; } return 'normal exit'; }
function f2() { print('f2 ran'); main.switch('from f2'); }
let g1 = greenlet(f1), g2 = greenlet(f2, g1);
try { g2.throw(RangeError); } catch (e) { print('main got', e.name); }
print(g2.dead, g1.dead);
g1 = greenlet(f1); g2 = greenlet(f2, g1);
print(g1.switch());
print(g2.throw(RangeError), g2.dead, g1.dead);
g1 = greenlet(f1); g2 = greenlet(f2, g1);
print(g1.switch());
print(g2.switch());
print(g2.throw(RangeError), g2.dead, g1.dead);
const g3 = greenlet(f2);
print(g3.throw() instanceof GreenletExit, g3.dead);
`),
    ).toEqual([
      'main got RangeError',
      'true true',
      'f1 ready to catch',
      'caught true true',
      'f1 ready to catch',
      'f2 ran',
      'from f2',
      'caught true true',
      'true true',
    ]);
  });
});

describe('resumable library code written by hand', () => {
  it('a resumable generator can suspend the transformed caller', () => {
    expect(
      run(`
const hub = getcurrent();
const wait = resumable(function* wait(label) { return yield* switchTo(hub, label); });
function task() { const a = wait('first'); print('task resumed with', a); return 'task ' + wait('second'); }
const t = greenlet(task);
print(t.switch());
print(t.switch('A'));
print(t.switch('B'));
print(wait.name, t.dead);
`),
    ).toEqual(['first', 'task resumed with A', 'second', 'task B', 'wait true']);
  });
});

describe('switches in kit traces', () => {
  it('leaves one greenlet event per switch in the trace of a live kernel, named after run, and one at its end', () => {
    const k = new Kernel({ syscallCost: 0 });
    const s = k.socket();
    const worker = greenlet(function worker() {
      return 'done';
    });
    worker.switch();
    k.close(s);
    const switches = k
      .trace()
      .filter((e) => e.event === 'greenlet')
      .map((e) => `${e.actor} ${e.detail}`);
    // The worker returned: its end comes before the switch back to its parent.
    expect(switches).toEqual(['main to worker', 'main exit worker', 'main to main']);
  });

  it('records the end of a greenlet that raised, and of one killed before it ran', () => {
    const k = new Kernel({ syscallCost: 0 });
    const s = k.socket();
    const failing = greenlet(function failing() {
      throw new RangeError('boom');
    });
    expect(() => failing.switch()).toThrow(RangeError);
    const never = greenlet(function never() {
      return 'unreached';
    });
    expect(() => never.throw(new TypeError('stop'))).toThrow(TypeError);
    k.close(s);
    const events = k
      .trace()
      .filter((e) => e.event === 'greenlet')
      .map((e) => e.detail);
    expect(events).toEqual([
      'to failing',
      'exit failing',
      'to main',
      'to never',
      'exit never',
      'to main',
    ]);
  });
});
