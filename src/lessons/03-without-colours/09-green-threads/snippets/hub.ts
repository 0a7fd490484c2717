// @runtime browser
// gevent's run sequence on the kit: main, the first gevent call, the hub,
// and greenlets that sleep in virtual time.
import { Kernel } from '#kit';
import * as gevent from '#lib/gevent';
import { getcurrent } from '#lib/greenlet';

const k = new Kernel({ syscallCost: 0 });
gevent.init(k); // use this kernel; no hub exists yet
const at = () => `${Math.round(k.now())} ms`;

// #region spawn
function worker(name: string, naps: number[]): string {
  for (const ms of naps) {
    console.log(`${at()}  ${name} sleeps ${ms}`);
    gevent.sleep(ms); // switches to the hub; the hub switches back later
  }
  return `${name} done`;
}
// #region slide-spawn
const jobs = [
  gevent.spawn(worker, 'a', [300, 100]),
  gevent.spawn(worker, 'b', [100, 100, 100]),
  gevent.spawn(worker, 'c', [0, 50]),
];
console.log(`${at()}  main: spawned 3, none has run yet`);
gevent.joinall(jobs); // main switches to the hub, which runs the loop
console.log(`${at()}  main: ${jobs.map((j) => j.value).join(', ')}`);
// #endregion
// #endregion

// #region tree
const hub = gevent.getHub();
const main = getcurrent();
console.log('hub.parent is main:', hub.greenlet.parent === main);
console.log(
  "a job's parent is the hub:",
  jobs[0]!.greenlet.parent === hub.greenlet,
);
console.log(
  `hub: ${hub.turns} turns of the loop, ${hub.switches} switches into greenlets`,
);
// #endregion
