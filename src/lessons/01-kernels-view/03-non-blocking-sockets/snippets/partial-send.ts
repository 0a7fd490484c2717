// @runtime browser
import { Kernel, wouldBlock } from '#kit';

// Each direction of a connection holds 16 KiB here (the kit's
// bufferSize: send buffer, wire and receive buffer in one).
const k = new Kernel({ bufferSize: 16384 });
const at = () => `${String(Math.round(k.now())).padStart(3)} ms`;

const server = k.socket();
k.bind(server, 8080);
k.listen(server);
// A slow reader: asks for 40,000 bytes, then reads 4 KiB every 20 ms.
const [client] = k.clients(8080, [
  { send: ['GET /big'], expect: 40000, readDelay: 20, readSize: 4096 },
]).clients;

const conn = k.accept(server);
k.recv(conn, 1024); // the request
k.setblocking(conn, false);

const reply = 'x'.repeat(40000);
let sent = 0;
// #region send
while (sent < reply.length) {
  try {
    const n = k.send(conn, reply.slice(sent)); // only what is left
    sent += n;
    console.log(`${at()}  send -> ${n} bytes (total ${sent})`);
  } catch (e) {
    if (!wouldBlock(e)) throw e;
    console.log(`${at()}  send -> EAGAIN (buffer full)`);
    k.sleep(15); // the reader needs time; chapter 4 does better
  }
}
// #endregion
k.close(conn);
k.run({ idle: true }); // let the client finish reading
console.log(`client got ${client?.replies[0]?.length} bytes`);
const s = k.stats();
console.log(
  `send calls: ${s.syscalls['send']}, EAGAIN: ${s.wastedPolls}`,
);
