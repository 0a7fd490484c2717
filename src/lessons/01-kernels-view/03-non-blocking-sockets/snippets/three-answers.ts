// @runtime browser
import { Kernel, wouldBlock } from '#kit';

const k = new Kernel();
const at = () => `${String(Math.round(k.now())).padStart(3)} ms`;

const server = k.socket();
k.bind(server, 8080);
k.listen(server);
// One client: connects at 1 ms, sends "hello" at 10 ms and closes
// at 30 ms.
k.clients(8080, [
  { at: 1, wait: 9, send: ['hello'], read: false, hold: 20 },
]);

// Ask for a connection before anyone has connected.
k.setblocking(server, false);
try {
  k.accept(server);
} catch (e) {
  if (!wouldBlock(e)) throw e;
  console.log(`${at()}  accept -> EAGAIN (nobody is connecting yet)`);
}
k.sleep(2);
const conn = k.accept(server);
console.log(`${at()}  accept -> fd ${conn}`);
k.setblocking(conn, false); // Python: conn.setblocking(False)

// One recv at a time, at chosen moments. Three kinds of answer.
function tryRecv(): void {
  try {
    // #region answers
    const data = k.recv(conn, 1024);
    if (data === '')
      console.log(`${at()}  recv   -> '' (EOF: peer closed)`);
    else console.log(`${at()}  recv   -> ${JSON.stringify(data)}`);
  } catch (e) {
    if (!wouldBlock(e)) throw e; // a real error: let it out
    console.log(`${at()}  recv   -> EAGAIN (nothing yet)`);
    // #endregion
  }
}

tryRecv(); // 2 ms: connected, nothing sent yet
k.sleep(10);
tryRecv(); // 12 ms: "hello" is waiting in the buffer
tryRecv(); // 12 ms: buffer empty again, peer still connected
k.sleep(20);
tryRecv(); // 32 ms: the peer has closed
tryRecv(); // and EOF stays EOF
k.close(conn);
