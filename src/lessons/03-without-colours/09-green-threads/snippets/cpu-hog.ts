// @runtime browser
// One greenlet that computes without yielding freezes all the others.
import { Kernel } from '#kit';
import * as gevent from '#lib/gevent';

function run(politely: boolean): void {
  const k = new Kernel({ syscallCost: 0 });
  gevent.patchAll(k);
  const late: number[] = [];
  // #region ticker
  function ticker(): void {
    for (let i = 1; i <= 5; i++) {
      const due = k.now() + 100;
      k.sleep(100); // patched: a timer in the hub
      late.push(Math.round(k.now() - due));
    }
  }
  // #endregion
  // #region hog
  function report(): void {
    for (let chunk = 0; chunk < 10; chunk++) {
      k.cpu(50); // 50 ms of computation: nothing else can run meanwhile
      if (politely) gevent.sleep(0); // let the others run between chunks
    }
  }
  // #endregion
  gevent.joinall([gevent.spawn(ticker), gevent.spawn(report)]);
  console.log(
    `${politely ? 'with sleep(0)' : 'no yield    '}: ticks late by ${late.join(', ')} ms; ` +
      `all done at ${Math.round(k.now())} ms`,
  );
}
run(false);
run(true);
