// @runtime browser
// A generator can suspend only its own frame. Three ways to try to
// yield from somewhere else, and what each one does.

// #region compile
// 1. `yield` inside a callback. new Function compiles source text at run
// time, so the SyntaxError can be caught and printed.
const attempts: [string, string][] = [
  [
    'yield inside an arrow callback',
    'function* each(xs) { xs.forEach((x) => { yield x; }); }',
  ],
  [
    'yield inside a nested helper',
    'function* g() { function helper(x) { yield x; } helper(1); }',
  ],
  [
    'the same, in strict mode',
    '"use strict"; function* g() { [1].map((x) => { yield x; }); }',
  ],
  [
    'yield in the generator body',
    'function* each(xs) { for (const x of xs) yield x; }',
  ],
];
for (const [what, source] of attempts) {
  try {
    new Function(source);
    console.log(`${what}: compiles`);
  } catch (e) {
    console.log(
      `${what}: ${(e as Error).name}: ${(e as Error).message}`,
    );
  }
}
// #endregion

// #region runtime
// 2. Make the callback a generator too: it compiles, and does nothing.
// forEach calls it, gets a generator object back, and drops it.
function* viaForEach(xs: number[]): Generator<number> {
  xs.forEach(function* (x) {
    yield x; // suspends the callback's own (never resumed) frame
  });
}
console.log(
  `viaForEach yields: [${[...viaForEach([1, 2, 3])].join(', ')}]`,
);

// 3. A helper generator called like a function: same story. Only
// `yield*` lets the caller suspend for the helper.
// #region forgot
function* helper(x: number): Generator<number> {
  yield x * 10;
}
// #region slide-forgot
function* forgot(): Generator<number> {
  helper(1); // creates a generator object, runs none of its body
  yield 0;
}
function* remembered(): Generator<number> {
  yield* helper(1); // each level must delegate by hand
  yield 0;
}
// #endregion
// #endregion
console.log(`forgot yields: [${[...forgot()].join(', ')}]`);
console.log(`remembered yields: [${[...remembered()].join(', ')}]`);
// #endregion
