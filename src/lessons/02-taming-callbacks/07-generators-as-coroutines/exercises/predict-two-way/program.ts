// @runtime browser
// What does this print? The caller talks to `outer`, but `outer` has
// delegated to `inner` with yield*.
function* inner(): Generator<string, string, string> {
  const a = yield 'i1';
  console.log(`inner got ${a}`);
  try {
    yield 'i2';
  } catch (e) {
    console.log(`inner caught ${(e as Error).message}`);
  }
  return 'R';
}

function* outer(): Generator<string, void, string> {
  const r = yield* inner();
  console.log(`outer got ${r}`);
  const b = yield 'o1';
  console.log(`outer got ${b}`);
}

const g = outer();
console.log(`1: ${g.next('first').value}`);
console.log(`2: ${g.next('A').value}`);
console.log(`3: ${g.throw(new Error('E')).value}`);
const last = g.next('B');
console.log(`4: ${last.value} ${last.done}`);
