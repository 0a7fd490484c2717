// @runtime browser
import { Kernel, wouldBlock } from '#kit';

const k = new Kernel();
const server = k.socket();
k.bind(server, 8080);
k.listen(server);
// The client connects at 1 ms, sends "ping" at 10 ms and closes its
// end of the connection at 20 ms.
k.clients(8080, [
  { at: 1, wait: 9, send: ['ping'], read: false, hold: 10 },
]);

const conn = k.accept(server); // blocking: returns at 1 ms
k.setblocking(conn, false);

function attempt(n: number): void {
  const t = `${String(Math.round(k.now())).padStart(2)} ms`;
  try {
    const data = k.recv(conn, n);
    console.log(`${t}  recv(${n}) -> ${data === '' ? 'EOF' : data}`);
  } catch (e) {
    if (!wouldBlock(e)) throw e;
    console.log(`${t}  recv(${n}) -> EAGAIN`);
  }
}

// #region calls
attempt(10);
k.sleep(15);
attempt(2);
attempt(10);
attempt(10);
k.sleep(10);
attempt(10);
attempt(10);
// #endregion
