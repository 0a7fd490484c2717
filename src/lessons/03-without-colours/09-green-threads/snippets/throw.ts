// @runtime browser
// throw(), GreenletExit, and where errors go: always to the parent.
import { greenlet, getcurrent, GreenletExit } from '#lib/greenlet';

const main = getcurrent();
function waiter(): string {
  try {
    main.switch('ready'); // suspended here
    return 'resumed normally';
  } catch (e) {
    console.log(`  waiter caught ${(e as Error).name}`);
    throw e; // let it go on to the parent
  }
}

// #region catch
class Cancel extends Error {
  override name = 'Cancel';
}
// #region slide-throw
let g = greenlet(waiter);
console.log('switch:', g.switch());
try {
  g.throw(new Cancel('stop')); // raised at the waiter's switch()
} catch (e) {
  console.log(`main got ${(e as Error).name} back; g.dead = ${g.dead}`);
  // #endregion
}
// #endregion

// #region exit
g = greenlet(waiter);
g.switch();
const r = g.throw(); // no argument: GreenletExit
console.log(
  `throw() returned a GreenletExit: ${r instanceof GreenletExit}`,
);
console.log(
  `g.dead = ${g.dead}; again: ${g.throw() instanceof GreenletExit}`,
);
// #endregion

// #region unstarted
const never = greenlet(() => console.log('this never prints'));
try {
  never.throw(new Error('too early'));
} catch (e) {
  console.log(
    `unstarted: main got "${(e as Error).message}"; dead = ${never.dead}`,
  );
}
// #endregion

// #region crash
function buggy(): void {
  const cfg = JSON.parse('{"port": 80}') as { host?: { name: string } };
  console.log(cfg.host!.name); // TypeError inside the greenlet
}
try {
  greenlet(buggy).switch();
} catch (e) {
  console.log(
    `uncaught in the greenlet, raised in main: ${(e as Error).name}`,
  );
}
// #endregion
