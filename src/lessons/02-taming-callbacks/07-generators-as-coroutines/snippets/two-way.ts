// @runtime browser
// A generator is a function that can stop in the middle and be resumed.
// Every `yield` is a door that opens both ways.

/** Prints one step of the protocol: what we called and what came back. */
function show(call: string, r: IteratorResult<unknown, unknown>): void {
  const v = JSON.stringify(r.value) ?? 'undefined';
  console.log(`${call.padEnd(16)} -> { value: ${v}, done: ${r.done} }`);
}

// #region basics
// #region slide-gen
function* conversation(): Generator<string, string, number> {
  console.log('  [gen] started');
  const a = yield 'first question'; // suspends here; a = what next() sends
  console.log(`  [gen] got ${a}`);
  try {
    const b = yield 'second question';
    console.log(`  [gen] got ${b}`);
  } catch (e) {
    console.log(`  [gen] caught ${(e as Error).message} at the yield`);
  }
  const c = yield 'third question';
  return `done, c = ${c}`;
}
// #endregion

// #region slide-drive
const g = conversation(); // runs nothing yet
console.log('created');
show('g.next()', g.next()); // runs to the first yield
// 10 becomes the value of the first yield:
show('g.next(10)', g.next(10));
// throw(): raised at the yield where the generator stands
show('g.throw(boom)', g.throw(new Error('boom')));
show('g.next(30)', g.next(30));
show('g.next()', g.next()); // finished for good
// #endregion
// #endregion

// #region delegate
function* inner(): Generator<string, number, number> {
  try {
    const x = yield 'inner asks x';
    const y = yield 'inner asks y';
    return x + y; // becomes the value of `yield*` in the outer generator
  } catch (e) {
    console.log(`  [inner] caught ${(e as Error).message}`);
    return -1;
  }
}

// #region yield-star
// #region slide-outer
function* outer(): Generator<string, string, number> {
  const sum = yield* inner(); // a transparent two-way channel
  const again = yield* inner();
  return `outer got ${sum} and ${again}`;
}
// #endregion

const o = outer();
show('o.next()', o.next()); // the caller talks to inner, not to outer
show('o.next(1)', o.next(1));
// inner returns 3 to outer, which starts a second inner:
show('o.next(2)', o.next(2));
// thrown into the innermost generator, through outer:
show('o.throw(cancel)', o.throw(new Error('cancel')));
// #endregion
// #endregion

// #region early-return
function* guarded(): Generator<number, string, unknown> {
  try {
    yield 1;
    yield 2;
    return 'never';
  } finally {
    console.log('  [guarded] finally runs');
  }
}
const r = guarded();
show('r.next()', r.next());
// return(): finish at the yield, running finally blocks
show('r.return("stop")', r.return('stop'));
show('r.next()', r.next());
// #endregion
