// @runtime browser
// 20 clients connect 1 ms apart; each sends one line, reads the reply and
// then keeps its connection open, idle, for one second (a long poll).
// The same echo service three ways: which one pays for what?
import { Kernel, type KernelStats } from '#kit';
import { Reactor } from '#lib/reactor';

const models = {
  blocking(k: Kernel, l: number): void {
    for (let i = 0; i < 20; i++) {
      const c = k.accept(l);
      for (let d = k.recv(c, 99); d !== ''; d = k.recv(c, 99))
        k.sendall(c, d);
      k.close(c);
    }
  },
  threads(k: Kernel, l: number): void {
    for (let i = 0; i < 20; i++) {
      const c = k.accept(l);
      k.spawn(function* (sys) {
        for (
          let d = yield* sys.recv(c, 99);
          d !== '';
          d = yield* sys.recv(c, 99)
        )
          yield* sys.sendall(c, d);
        yield* sys.close(c);
      });
    }
    k.run();
  },
  reactor(k: Kernel, l: number): void {
    const r = new Reactor(k);
    k.setblocking(l, false);
    let accepted = 0;
    r.addReader(l, () => {
      const c = k.accept(l);
      k.setblocking(c, false);
      if (++accepted === 20) r.removeReader(l);
      r.addReader(c, () => {
        const d = k.recv(c, 99);
        if (d !== '') return void k.send(c, d);
        r.removeReader(c);
        k.close(c);
      });
    });
    r.run();
  },
};

const stats: Record<string, KernelStats> = {};
for (const [name, serve] of Object.entries(models)) {
  const k = new Kernel();
  const l = k.socket();
  k.bind(l, 8080);
  k.listen(l);
  k.clients(
    8080,
    Array.from({ length: 20 }, (_, i) => ({
      at: i + 1,
      send: ['hi\n'],
      hold: 1000,
    })),
  );
  serve(k, l);
  const s = (stats[name] = k.stats());
  console.log(
    `${name}: done at ${(s.time / 1000).toFixed(1)} s, ${s.threads.peak} threads at once, ` +
      `peak ${Math.round(s.memory.peak / 2 ** 20)} MiB charged, ` +
      `${s.memory.resident.peak / 2 ** 10} KiB in RAM`,
  );
}
const most = (f: (s: KernelStats) => number): string =>
  Object.keys(stats).reduce((a, b) =>
    f(stats[b]!) > f(stats[a]!) ? b : a,
  );
console.log(`most context switches: ${most((s) => s.contextSwitches)}`);
console.log(`most system calls: ${most((s) => s.totalSyscalls)}`);
