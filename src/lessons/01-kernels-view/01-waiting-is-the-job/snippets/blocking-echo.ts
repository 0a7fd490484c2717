// @runtime browser
import { Kernel } from '#kit';

const k = new Kernel();
const server = k.socket();
k.bind(server, 8080);
k.listen(server);

// Three scripted clients. The second one is slow: after connecting
// it waits 500 ms before sending its request.
const group = k.clients(8080, [
  { name: 'ana', at: 1, send: ['hello'] },
  { name: 'bo', at: 10, wait: 500, send: ['hi'] },
  { name: 'cy', at: 20, send: ['hey'] },
]);

// The whole server: accept one client, echo until it hangs up,
// then take the next one. Every call here blocks.
for (let served = 0; served < 3; served++) {
  const conn = k.accept(server);
  const t = Math.round(k.now());
  console.log(
    `${String(t).padStart(4)} ms  accepted ${k.getpeername(conn)}`,
  );
  // #region echo
  for (;;) {
    const data = k.recv(conn, 1024); // blocks until data or EOF
    if (data === '') break; // '' means the client closed
    k.sendall(conn, data);
  }
  k.close(conn);
  // #endregion
}

for (const c of group.clients) {
  const waited = Math.round(c.latencies[0] ?? NaN);
  console.log(`${c.name}: reply ${waited} ms after its request`);
}
