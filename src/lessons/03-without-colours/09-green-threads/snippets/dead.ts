// @runtime browser
// Switching into a dead greenlet, and the parent rules greenlet enforces.
import { greenlet, getcurrent, type Greenlet } from '#lib/greenlet';

// #region dead
function inner(): number {
  console.log('  inner: running, returning 42');
  return 42;
}
// #region slide-outer
function outer(): Greenlet {
  const innerG = greenlet(inner); // parent: outer
  console.log('outer: got', innerG.switch());
  // inner is dead: the switch goes to its parent, outer itself.
  console.log('outer: again, got', innerG.switch());
  return innerG;
  // #endregion
}
const innerG = greenlet(outer).switch() as Greenlet;
console.log(
  'main: inner and outer dead:',
  innerG.dead,
  innerG.parent!.dead,
);
console.log('main: switch to dead inner, got', innerG.switch()); // main
// #endregion

// #region rules
const a = greenlet(() => 'a');
const b = greenlet(() => 'b', a);
for (const [what, act] of [
  ['a.parent = b (b.parent is a)', () => (a.parent = b)],
  ['b.parent = 42', () => (b.parent = 42 as unknown as Greenlet)],
] as const) {
  try {
    act();
    console.log(`${what}: allowed`);
  } catch (e) {
    console.log(
      `${what}: ${(e as Error).name}: ${(e as Error).message}`,
    );
  }
}
console.log(
  'main.parent is',
  getcurrent().parent,
  '- main is never dead:',
  getcurrent().dead,
);
// #endregion
