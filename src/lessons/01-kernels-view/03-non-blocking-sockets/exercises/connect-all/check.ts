import { defineChecks } from '#harness';
import { Kernel } from '#kit';
import type * as Solution from './solution.ts';

/** Every packet takes 30 ms: one handshake costs 30 ms in the kit. */
const DELAY = 30;
const MiB = 1024 * 1024;
const SOCKET_MEMORY = 4096;

function world(): { k: Kernel; up: string[] } {
  const k = new Kernel({
    netDelay: DELAY,
    stackSize: MiB,
    socketMemory: SOCKET_MEMORY,
  });
  const up = ['db:5432', 'cache:6379', 'search:9200'].map((name) =>
    k.service(name, { latency: 5, reply: (r) => `${name} says ${r}` }),
  );
  return { k, up };
}

/** Nothing listens at these: connecting is refused. */
const down = ['localhost:9999', 'queue:5672'];

/** Reachable and unreachable addresses, mixed. */
function mixed(up: string[]): string[] {
  return [up[0], down[0], up[1], up[2], down[1]] as string[];
}

/** Descriptors the program still has open (each one charges memory). */
function openDescriptors(k: Kernel): number {
  return (k.stats().memory.current - MiB) / SOCKET_MEMORY;
}

export default defineChecks<typeof Solution>((m, { check }) => {
  check(
    'reachable addresses get a descriptor connected to them',
    (t) => {
      const { k, up } = world();
      const addrs = mixed(up);
      const got = m.connectAll(k, addrs);
      t.equal(got.length, addrs.length, 'number of results');
      for (const i of [0, 2, 3]) {
        const fd = got[i];
        t.equal(typeof fd, 'number', `result for ${addrs[i]}`);
        t.equal(
          k.getpeername(fd as number),
          addrs[i],
          `peer of fd ${String(fd)}`,
        );
      }
    },
  );
  check('unreachable addresses report "ECONNREFUSED"', (t) => {
    const { k, up } = world();
    const got = m.connectAll(k, mixed(up));
    t.deepEqual([got[1], got[4]], ['ECONNREFUSED', 'ECONNREFUSED']);
  });
  check(
    'five connects take one handshake (30 ms), not five (150 ms)',
    (t) => {
      const { k, up } = world();
      m.connectAll(k, mixed(up));
      t.atMost(k.now(), DELAY + 5, 'virtual ms taken');
    },
  );
  check('failed sockets are closed; connected ones stay open', (t) => {
    const { k, up } = world();
    m.connectAll(k, mixed(up));
    t.equal(openDescriptors(k), 3, 'descriptors left open');
  });
  check('a connected descriptor works: db answers on it', (t) => {
    const { k, up } = world();
    const fd = m.connectAll(k, mixed(up))[0] as number;
    k.setblocking(fd, true);
    k.sendall(fd, 'hello');
    t.equal(k.recv(fd, 1024), 'db:5432 says hello');
  });
  check(
    'when everything is down, every answer is an error, still fast',
    (t) => {
      const { k } = world();
      t.deepEqual(m.connectAll(k, down), [
        'ECONNREFUSED',
        'ECONNREFUSED',
      ]);
      t.atMost(k.now(), DELAY + 5, 'virtual ms taken');
      t.equal(openDescriptors(k), 0, 'descriptors left open');
    },
  );
  check('no addresses: an empty list, at once', (t) => {
    const { k } = world();
    t.deepEqual(m.connectAll(k, []), []);
    t.equal(k.now(), 0, 'virtual ms taken');
  });
});
