// @runtime browser
import { Kernel, wouldBlock } from '#kit';

const k = new Kernel();
const server = k.socket();
k.bind(server, 8080);
k.listen(server);
k.setblocking(server, false);

// Chapter 1's three clients; bo thinks for 100 ms before sending.
const group = k.clients(8080, [
  { name: 'ana', at: 1, send: ['hello'] },
  { name: 'bo', at: 10, wait: 100, send: ['hi'] },
  { name: 'cy', at: 20, send: ['hey'] },
]);

// Returns what the call returned, or null for EAGAIN.
function attempt<T>(call: () => T): T | null {
  try {
    return call();
  } catch (e) {
    if (wouldBlock(e)) return null;
    throw e;
  }
}

// One thread, no blocking call: ask every socket in turn, forever.
const conns: number[] = [];
let served = 0;
while (served < 3) {
  const fd = attempt(() => k.accept(server));
  if (fd !== null) {
    k.setblocking(fd, false);
    conns.push(fd);
  }
  // #region poll
  for (const conn of [...conns]) {
    const data = attempt(() => k.recv(conn, 1024));
    if (data === null) continue; // nothing yet: next socket
    if (data === '') {
      k.close(conn); // EOF: this client is done
      conns.splice(conns.indexOf(conn), 1);
      // #endregion
      served++;
    } else {
      let sent = 0; // send may take less than it is given
      while (sent < data.length) sent += k.send(conn, data.slice(sent));
    }
  }
}

for (const c of group.clients) {
  console.log(
    `${c.name}: reply ${c.latencies[0]?.toFixed(3)} ms after its request`,
  );
}
const s = k.stats();
console.log(`finished at ${s.time.toFixed(3)} ms`);
console.log(
  `system calls: ${s.totalSyscalls}, of them EAGAIN: ${s.wastedPolls}`,
);
console.log(`CPU busy: ${((100 * s.cpuTime) / s.time).toFixed(1)}%`);
