/**
 * Run by keepalive.test.ts as `node --expose-gc --trace-deopt keepalive.probe.ts`: echo runs
 * until V8 has optimized the kit, then a full garbage collection at the worst moment (no kernel
 * of the program alive, so none of its sockets, epoll entries or errors), then one more run.
 * With the kept kernel (keepalive.ts) V8 keeps its optimized code; without it, the collection
 * makes V8 throw away the code of about a hundred functions (printed by --trace-deopt).
 */
import { Kernel } from './index.ts';
import { echoClients, epollEcho } from './echo-reactor.ts';

function echo(n: number): void {
  const k = new Kernel({ trace: false, maxFds: n + 16 });
  k.clients(8000, echoClients(n, 3, 0.01, 20));
  epollEcho(k, 8000, n);
}

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with node --expose-gc');
for (let i = 0; i < 10; i++) echo(2000);
console.log('probe: collecting');
gc();
echo(2000);
console.log('probe: done');
