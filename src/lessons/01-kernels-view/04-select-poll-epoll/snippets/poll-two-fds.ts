// @runtime browser
import { Kernel, POLLIN, POLLOUT, type PollFd } from '#kit';

const k = new Kernel();
const at = () => `${String(Math.round(k.now())).padStart(5)} ms`;

// Set-up: a listening socket and two scripted clients. `talker`
// says something after 300 ms; `sink` asks for 100,000 bytes and
// reads them slowly, one read every 800 ms.
const server = k.socket();
k.bind(server, 8080);
k.listen(server);
k.clients(8080, [
  { name: 'talker', wait: 300, send: ['hello'] },
  { name: 'sink', send: ['GET /big'], expect: 100_000, readDelay: 800 },
]);
const sock1 = k.accept(server);
const sock2 = k.accept(server);
k.setblocking(sock2, false);
let unsent = 100_000;
unsent -= k.send(sock2, 'x'.repeat(unsent)); // partial (chapter 3)
console.log(`${at()}  sock2 is full, ${unsent} bytes still to send`);

// #region poll
// Two entries: from sock1 we want input, to sock2 we want to write.
// #region array
const fds: PollFd[] = [
  { fd: sock1, events: POLLIN },
  { fd: sock2, events: POLLOUT },
];
const has = (p: PollFd, bit: number) => ((p.revents ?? 0) & bit) !== 0;

for (;;) {
  const ret = k.poll(fds, 10_000); // wait up to 10 s
  // #endregion
  if (ret === 0) {
    console.log(`${at()}  poll: timed out, no events`);
    break;
  }
  console.log(`${at()}  poll returned ${ret}`);
  if (has(fds[0]!, POLLIN)) {
    console.log(`${at()}  sock1 readable: ${k.recv(sock1, 1024)}`);
  }
  if (has(fds[1]!, POLLOUT)) {
    unsent -= k.send(sock2, 'x'.repeat(unsent));
    console.log(`${at()}  sock2 writable: ${unsent} bytes left`);
    if (unsent === 0) fds[1]!.fd = -1; // done: poll skips it now
  }
}
// #endregion
