/**
 * Speed figures for the greenlet engine (src/lib/greenlet.ts + src/runtime/green-transform.ts), one
 * JSON object per line, measured on this Node:
 *   green.switch.ns              one switch between two greenlets (ping-pong, straight from
 *                                each greenlet's run function)
 *   green.switch.depth10.ns      the same, each switch 10 transformed calls deep (the 10 calls
 *                                are made and returned from on every round)
 *   green.main-switch.ns         one switch between main (the trampoline) and a greenlet
 *   green.call.ns                one call of a small function inside transformed code
 *   green.call-plain.ns          the same call in untransformed code
 *   green.call-overhead.ns       the difference: what the transform adds to one call
 *   green.baseline-yield-star-call.ns  a hand-written generator called with `yield*`: the floor
 *                                under green.call.ns on this machine at this moment
 *   green.callback-call.ns       what a transformed function adds when called plainly (Array.reduce)
 * Run: node scripts/bench-green.ts
 */
import * as lib from '../src/lib/greenlet.ts';
import { transformGreen } from '../src/runtime/green-transform.ts';

function emit(name: string, value: number, unit: string): void {
  console.log(JSON.stringify({ name, value: Math.round(value * 10) / 10, unit }));
}

const PRELUDE = '"use strict";const {__green,greenlet,getcurrent}=lib;';

/** Compiles `src` (transformed or not) and returns what it returns. */
function compile<T>(src: string, green: boolean): T {
  const code = green ? transformGreen(src, 'bench.js', { prelude: PRELUDE }).code : PRELUDE + src;
  const out = { value: undefined as T };
  (new Function('lib', 'out', code) as (l: typeof lib, o: { value: T }) => void)(lib, out);
  return out.value;
}

/** Best of `runs` timings of `fn()`, in ns per `ops`. */
function best(runs: number, ops: number, fn: () => void): number {
  let min = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    const dt = Number(process.hrtime.bigint() - t0);
    min = Math.min(min, dt / ops);
  }
  return min;
}

const PING_PONG = `
function down(depth, other) { return depth > 1 ? down(depth - 1, other) : other.switch(); }
out.value = function pingPong(n, depth) {
  let a, b;
  if (depth === 1) {
    a = greenlet(() => { for (let i = 0; i < n; i++) b.switch(); });
    b = greenlet(() => { for (let i = 0; i < n; i++) a.switch(); });
  } else {
    a = greenlet(() => { for (let i = 0; i < n; i++) down(depth, b); });
    b = greenlet(() => { for (let i = 0; i < n; i++) down(depth, a); });
  }
  a.switch();
  b.switch();
};`;

const MAIN_SWITCH = `
out.value = function mainSwitch(n) {
  const main = getcurrent();
  function echo() { for (;;) main.switch(); }
  const g = greenlet(echo);
  for (let i = 0; i < n; i++) g.switch();
};`;

const CALLS = `
function add(a, b) { return a + b; }
function loop(n) { let s = 0; for (let i = 0; i < n; i++) s = add(s, i); return s; }
out.value = { loop, add, inGreenlet(n) { return greenlet(loop).switch(n); } };`;

// The floor on this machine right now: one call of a generator function through `yield*`,
// which is what every transformed call costs at least.
const baseline = compile<(n: number) => number>(
  `function* add(a, b) { return a + b; }
out.value = function (n) { return (function* () { let s = 0; for (let i = 0; i < n; i++) s = yield* add(s, i); return s; })().next().value; };`,
  false,
);

const N = 200_000;
const pingPong = compile<(n: number, depth: number) => void>(PING_PONG, true);
// Each round of the loop is two switches (a → b, b → a); plus the starts and ends.
emit(
  'green.switch.ns',
  best(9, 2 * N, () => pingPong(N, 1)),
  'ns',
);
emit(
  'green.switch.depth10.ns',
  best(5, 2 * N, () => pingPong(N, 10)),
  'ns',
);

const mainSwitch = compile<(n: number) => void>(MAIN_SWITCH, true);
emit(
  'green.main-switch.ns',
  best(7, 2 * N, () => mainSwitch(N)),
  'ns',
);

const M = 1_000_000;
const green = compile<{ inGreenlet(n: number): number }>(CALLS, true);
const plain = compile<{ loop(n: number): number }>(CALLS, false);
const greenCall = best(7, M, () => green.inGreenlet(M));
const plainCall = best(7, M, () => plain.loop(M));
emit('green.call.ns', greenCall, 'ns');
emit('green.call-plain.ns', plainCall, 'ns');
emit('green.call-overhead.ns', greenCall - plainCall, 'ns');
emit(
  'green.baseline-yield-star-call.ns',
  best(7, M, () => baseline(M)),
  'ns',
);

const xs = Array.from({ length: M }, (_, i) => i);
const { add } = compile<{ add(a: number, b: number): number }>(CALLS, true);
const callback = best(7, M, () => xs.reduce(add, 0));
const plainAdd = compile<{ add(a: number, b: number): number }>(CALLS, false).add;
const callbackPlain = best(7, M, () => xs.reduce(plainAdd, 0));
emit('green.callback-call.ns', callback - callbackPlain, 'ns');
