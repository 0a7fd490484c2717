// @runtime browser
import { Kernel, wouldBlock } from '#kit';

// A client connects at once and sends its request 45 ms later.
// Three ways for a server to wait for it, each on a fresh kernel.
type Wait = (k: Kernel, conn: number) => string;

const blocking: Wait = (k, conn) => k.recv(conn, 1024);

const busyPoll: Wait = (k, conn) => {
  k.setblocking(conn, false);
  // #region busy
  for (;;) {
    try {
      return k.recv(conn, 1024);
    } catch (e) {
      if (!wouldBlock(e)) throw e; // EAGAIN: ask again, at once
    }
    // #endregion
  }
};

const sleepPoll: Wait = (k, conn) => {
  k.setblocking(conn, false);
  for (;;) {
    try {
      return k.recv(conn, 1024);
    } catch (e) {
      if (!wouldBlock(e)) throw e;
      k.sleep(10); // EAGAIN: give the CPU away for 10 ms
    }
  }
};

const row = (...cells: string[]): string =>
  cells
    .map((c, i) => (i === 0 ? c.padEnd(13) : c.padStart(11)))
    .join('');

function measure(name: string, wait: Wait): void {
  const k = new Kernel();
  const server = k.socket();
  k.bind(server, 8080);
  k.listen(server);
  k.clients(8080, [{ wait: 45, send: ['GET /'], read: false }]);
  const conn = k.accept(server);
  const t0 = k.now();
  const before = k.stats();
  wait(k, conn);
  const s = k.stats();
  const recvs =
    (s.syscalls['recv'] ?? 0) - (before.syscalls['recv'] ?? 0);
  const cpu = s.cpuTime - before.cpuTime;
  const busy = (100 * cpu) / (k.now() - t0);
  console.log(
    row(
      name,
      `${k.now().toFixed(3)} ms`,
      String(recvs),
      String(s.wastedPolls),
      `${cpu.toFixed(3)} ms`,
      `${busy.toFixed(1)}%`,
    ),
  );
}

console.log(
  row('', 'data seen', 'recv calls', 'EAGAIN', 'CPU used', 'CPU busy'),
);
measure('blocking', blocking);
measure('busy polling', busyPoll);
measure('sleep 10 ms', sleepPoll);
