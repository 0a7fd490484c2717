// @runtime browser
import { Kernel, POLLIN } from '#kit';

// One listening socket; the only client connects at 500 ms.
const k = new Kernel();
const server = k.socket();
k.bind(server, 8080);
k.listen(server);
k.clients(8080, [{ name: 'late', at: 500 }]);
const fds = [{ fd: server, events: POLLIN }];
const ms = (t: number) => `${String(Math.round(t)).padStart(3)} ms`;

function call(label: string, timeout: number): void {
  const t0 = k.now();
  const n = k.poll(fds, timeout);
  const t = k.now();
  console.log(`${label.padEnd(15)} ${ms(t0)} -> ${ms(t)}: ${n} ready`);
}

// #region three
call('poll(fds, 0)', 0); // check and return at once
call('poll(fds, 200)', 200); // wait up to 200 ms
call('poll(fds, -1)', -1); // wait as long as it takes
// #endregion
console.log(`wasted polls so far: ${k.stats().wastedPolls}`);
k.close(k.accept(server));

// #region spin
// Timeout 0 in a loop is busy polling again (chapter 3).
k.clients(8080, [{ name: 'later', at: 520 }]);
const cpu0 = k.stats().cpuTime;
let calls = 0;
while (k.poll(fds, 0) === 0) calls++;
const cpu = k.stats().cpuTime - cpu0;
console.log(`spinning: ${calls} empty polls, ${ms(cpu)} of CPU`);
// #endregion
