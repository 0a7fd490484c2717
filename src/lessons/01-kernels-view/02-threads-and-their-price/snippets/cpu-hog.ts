// @runtime browser
import { Kernel } from '#kit';

// One thread per connection. A "report" request computes for 300 ms
// of CPU time; a "ping" needs 1 ms. There is one CPU.
function serve(reports: number, timeSlice: number): void {
  const k = new Kernel({ timeSlice, trace: false });
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
    k.spawn(function* (sys) {
      const req = yield* sys.recv(conn, 1024);
      yield* sys.cpu(req === 'report' ? 300 : 1); // compute the reply
      yield* sys.sendall(conn, req);
      yield* sys.close(conn);
    });
  }
  k.run();
  // #endregion

  const ping = k.percentiles(p.latencies());
  const report = k.percentiles(h.latencies());
  const ms = (x: number): string => `${x.toFixed(0)} ms`;
  const what = reports === 1 ? '1 report' : `${reports} reports`;
  console.log(`${what}, time slice ${timeSlice} ms:`);
  console.log(
    `  ping latency: p50 ${ms(ping.p50)}, max ${ms(ping.max)}`,
  );
  console.log(`  slowest report: ${ms(report.max)}`);
  console.log(`  context switches: ${k.stats().contextSwitches}`);
}

serve(1, 10); // the kit's default time slice
serve(4, 10); // four heavy requests share the CPU with the pings
serve(1, 1000); // a slice longer than any request: no preemption
