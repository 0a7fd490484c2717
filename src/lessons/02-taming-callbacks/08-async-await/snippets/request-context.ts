// @runtime node
// AsyncLocalStorage: a value that follows one request through every await,
// while three requests interleave on one loop. Node only (node:async_hooks).
import { AsyncLocalStorage } from 'node:async_hooks';
import { Kernel } from '#kit';
import { Loop } from '#lib/aio';

const k = new Kernel({ syscallCost: 0 });
const loop = new Loop(k);
const db = k.service('db', { latency: { min: 10, max: 90 } });

const requestId = new AsyncLocalStorage<string>();
let current = '-'; // the naive alternative: one global "current request"

// #region log
/** Deep inside the code: nobody passed the id down, yet it is known. */
function log(what: string): void {
  const t = String(Math.round(loop.now())).padStart(3);
  console.log(
    `${t} ms  [${requestId.getStore()}] ${what}  (global says ${current})`,
  );
}
// #endregion

async function handle(conn: number): Promise<void> {
  const request = await loop.recv(conn, 1024);
  log(`got ${request}`);
  const row = await loop.fetch(db, `SELECT ${request}`);
  log(`db answered "${row}"`);
  await loop.sendall(conn, row);
  loop.close(conn);
}

const server = loop.listen(8080);
k.clients(8080, [
  { at: 0, send: ['ana'] },
  { at: 5, send: ['bo'] },
  { at: 10, send: ['cy'] },
]);
// #region run
await loop.run(async () => {
  const handlers = [];
  for (let n = 1; n <= 3; n++) {
    const conn = await loop.accept(server);
    current = `req${n}`;
    handlers.push(requestId.run(`req${n}`, () => handle(conn)));
  }
  await Promise.all(handlers);
});
// #endregion
