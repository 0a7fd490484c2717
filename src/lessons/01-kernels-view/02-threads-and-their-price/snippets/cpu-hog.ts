// @runtime browser
import { Kernel, type KernelOptions } from '#kit';

// One thread per connection. A "report" request computes for 300 ms
// of CPU time; a "ping" needs 1 ms. There is one CPU.
function serve(
  reports: number,
  sched: KernelOptions,
  what: string,
): void {
  const k = new Kernel({ ...sched, trace: false });
  const server = k.socket();
  k.bind(server, 80);
  k.listen(server);
  const heavy = Array.from({ length: reports }, () => ({
    at: 0,
    send: ['report'],
  }));
  const pings = Array.from({ length: 10 }, (_, i) => ({
    at: 5 + 30 * i, // one ping every 30 ms
    send: ['ping'],
  }));
  const h = k.clients(80, heavy);
  const p = k.clients(80, pings);

  // #region server
  for (let i = 0; i < reports + pings.length; i++) {
    const conn = k.accept(server);
    // #region thread
    k.spawn(function* (sys) {
      const req = yield* sys.recv(conn, 1024);
      yield* sys.cpu(req === 'report' ? 300 : 1); // compute the reply
      yield* sys.sendall(conn, req);
      yield* sys.close(conn);
    });
    // #endregion
  }
  k.run();
  // #endregion

  const ping = k.percentiles(p.latencies());
  const report = k.percentiles(h.latencies());
  const ms = (x: number): string => `${x.toFixed(0)} ms`;
  const n = reports === 1 ? '1 report' : `${reports} reports`;
  console.log(`${n}, ${what}:`);
  console.log(
    `  ping latency: p50 ${ms(ping.p50)}, max ${ms(ping.max)}`,
  );
  console.log(`  slowest report: ${ms(report.max)}`);
  console.log(`  context switches: ${k.stats().contextSwitches}`);
}

// The kit's defaults: 0.75 ms slices and wake-up preemption, as on Linux.
serve(1, {}, 'Linux-like scheduler');
serve(4, {}, 'Linux-like scheduler'); // four heavy requests share the CPU
// A coarse scheduler: 10 ms slices, a woken thread waits its turn.
serve(
  1,
  { timeSlice: 10, wakeupPreemption: false },
  'coarse scheduler',
);
// A slice longer than any request: no preemption at all.
serve(1, { timeSlice: 1000 }, 'no preemption');
