// @runtime browser
// One async echo server, three ways to handle a "report" request that needs
// 200 ms: await a non-blocking fetch, call the kit's blocking fetch, or compute.
import { Kernel } from '#kit';
import { Loop } from '#lib/aio';

type Mode = 'await loop.fetch' | 'blocking k.fetch' | 'k.cpu(200)';

async function serve(mode: Mode): Promise<void> {
  const k = new Kernel({ syscallCost: 0 });
  const loop = new Loop(k);
  const db = k.service('db', { latency: 200 });
  const server = loop.listen(8080);
  const g = k.clients(8080, [
    {
      name: 'ana',
      at: 0,
      send: ['a1', 'a2', 'a3', 'a4', 'a5'],
      gap: 60,
    },
    { name: 'bo', at: 30, send: ['b1', 'b2', 'b3', 'b4'], gap: 80 },
    { name: 'cy', at: 100, send: ['report'] },
    { name: 'dee', at: 150, send: ['d1'] },
  ]);
  // #region handler
  async function handle(conn: number): Promise<void> {
    for (
      let req = await loop.recv(conn, 64);
      req !== '';
      req = await loop.recv(conn, 64)
    ) {
      // #region slide-modes
      if (req === 'report') {
        if (mode === 'await loop.fetch') await loop.fetch(db, 'sum'); // others run meanwhile
        if (mode === 'blocking k.fetch') k.fetch(db, 'sum'); // the loop's thread waits
        if (mode === 'k.cpu(200)') k.cpu(200); // the loop's thread computes
      }
      // #endregion
      await loop.sendall(conn, req);
    }
    loop.close(conn);
  }
  // #endregion
  await loop.run(async () => {
    const handlers = [];
    for (let i = 0; i < 4; i++)
      handlers.push(handle(await loop.accept(server)));
    await Promise.all(handlers);
  });
  console.log(`${mode}:`);
  for (const c of g.clients) {
    const ms = c.latencies.map((l) =>
      String(Math.round(l)).padStart(3),
    );
    console.log(
      `  ${c.name.padEnd(3)} latencies (ms): ${ms.join(' ')}`,
    );
  }
}

for (const mode of [
  'await loop.fetch',
  'blocking k.fetch',
  'k.cpu(200)',
] as const)
  await serve(mode);
