// @runtime node
// The capstone service on real Node: a TCP server (net) on an ephemeral
// port of 127.0.0.1, and three clients in the same process. Node's event
// loop (libuv, epoll on Linux) plays the part of the kit's reactor.
import { once } from 'node:events';
import net from 'node:net';
import { createInterface } from 'node:readline';

// #region server
let count = 0; // the service's state, shared by every connection
const server = net.createServer((socket) => {
  let buffered = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    buffered += chunk; // TCP is a byte stream: a chunk may hold part of a line
    // #region slide-lines
    for (
      let i = buffered.indexOf('\n');
      i >= 0;
      i = buffered.indexOf('\n')
    ) {
      socket.write(`#${++count} ${buffered.slice(0, i)}\n`);
      buffered = buffered.slice(i + 1);
    }
    // #endregion
  });
  socket.on('end', () => socket.end());
});
server.listen(0, '127.0.0.1'); // port 0: the kernel picks a free port
await once(server, 'listening');
const { port } = server.address() as net.AddressInfo;
// #endregion

// #region clients
async function client(name: string, lines: number): Promise<string[]> {
  const socket = net.connect(port, '127.0.0.1');
  await once(socket, 'connect');
  const replies = createInterface({ input: socket })[
    Symbol.asyncIterator
  ]();
  const got: string[] = [];
  for (let j = 0; j < lines; j++) {
    socket.write(`${name} line ${j}\n`);
    const { value } = await replies.next(); // wait for this line's reply
    got.push(String(value));
  }
  socket.end();
  return got;
}
// Three clients at once: their lines interleave, so which #n each reply
// carries depends on timing. Print the text; check the counters.
const results = await Promise.all([
  client('ana', 3),
  client('bo', 4),
  client('cy', 5),
]);
server.close();
// #endregion

const numbers: number[] = [];
for (const replies of results) {
  console.log(replies.map((r) => r.replace(/^#\d+ /, '')).join(' | '));
  const ns = replies.map((r) => Number(/^#(\d+) /.exec(r)?.[1]));
  console.log(
    `  counters rise: ${ns.every((n, i) => i === 0 || n > ns[i - 1]!)}`,
  );
  numbers.push(...ns);
}
const sorted = numbers.sort((a, b) => a - b).join(',');
const expected = Array.from({ length: count }, (_, i) => i + 1).join(
  ',',
);
console.log(
  `${count} lines answered; every #1..#${count} given out once: ${sorted === expected}`,
);
