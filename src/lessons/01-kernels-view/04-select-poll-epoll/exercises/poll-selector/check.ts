import { defineChecks } from '#harness';
import { Kernel } from '#kit';
import type * as Solution from './solution.ts';

const READ = 1; // EVENT_READ
const WRITE = 2; // EVENT_WRITE

/** A listener on port 9000; one client connects at `at` ms. */
function listening(at: number, send: string[] = []) {
  const k = new Kernel();
  const server = k.socket();
  k.bind(server, 9000);
  k.listen(server);
  k.clients(9000, [{ at, send }]);
  return { k, server };
}

/** A connection with 'hi' waiting in it (readable and writable). */
function connected() {
  const { k, server } = listening(1, ['hi']);
  const conn = k.accept(server);
  k.sleep(1);
  return { k, server, conn };
}

export default defineChecks<typeof Solution>((m, { check }) => {
  check(
    'register returns a key with the fd, events and data given',
    (t) => {
      const { k, server } = listening(1);
      const sel = new m.PollSelector<string>(k);
      const key = sel.register(server, READ, 'the listener');
      t.deepEqual(key, {
        fd: server,
        events: READ,
        data: 'the listener',
      });
      t.deepEqual(sel.getKey(server), key, 'getKey(fd) after register');
    },
  );

  check(
    'select reports a listener with a client waiting, data intact',
    (t) => {
      const { k, server } = listening(50);
      const sel = new m.PollSelector<() => string>(k);
      const callback = () => 'accept';
      sel.register(server, READ, callback);
      const ready = sel.select(1000);
      t.equal(ready.length, 1, 'number of ready keys');
      const [key, events] = ready[0]!;
      t.equal(key.fd, server, 'key.fd');
      t.equal(events, READ, 'events');
      t.equal(
        key.data,
        callback,
        'key.data is the very callback registered',
      );
    },
  );

  check(
    'select reports only the events each fd was registered for',
    (t) => {
      const { k, conn } = connected();
      const sel = new m.PollSelector(k);
      sel.register(conn, READ | WRITE, null);
      t.deepEqual(
        sel.select(0).map(([key, ev]) => [key.fd, ev]),
        [[conn, READ | WRITE]],
        'readable and writable, registered for both',
      );
      sel.modify(conn, READ, null);
      t.deepEqual(
        sel.select(0).map(([key, ev]) => [key.fd, ev]),
        [[conn, READ]],
        'after modify(conn, EVENT_READ)',
      );
    },
  );

  check(
    'select(0) and select(-1) return at once (Python rule)',
    (t) => {
      const { k, server } = listening(600);
      const sel = new m.PollSelector(k);
      sel.register(server, READ, null);
      t.deepEqual(sel.select(0), [], 'select(0)');
      t.deepEqual(sel.select(-1), [], 'select(-1)');
      t.atMost(k.now(), 0.1, 'virtual time passed, ms');
    },
  );

  check(
    'select(250) waits up to 250 ms; select() waits until ready',
    (t) => {
      const { k, server } = listening(600);
      const sel = new m.PollSelector(k);
      sel.register(server, READ, null);
      t.deepEqual(
        sel.select(250),
        [],
        'select(250) with nothing ready',
      );
      t.equal(Math.round(k.now()), 250, 'time after select(250), ms');
      t.equal(sel.select().length, 1, 'select() returns the listener');
      t.equal(Math.round(k.now()), 600, 'time after select(), ms');
    },
  );

  check('each select() makes exactly one poll system call', (t) => {
    const { k, server } = listening(600);
    const sel = new m.PollSelector(k);
    sel.register(server, READ, null);
    const before = k.stats().syscalls['poll'] ?? 0;
    sel.select(0);
    sel.select(100);
    sel.select();
    const s = k.stats().syscalls;
    t.equal((s['poll'] ?? 0) - before, 3, 'poll calls for 3 selects');
    t.equal(s['select'] ?? 0, 0, 'select calls');
    t.equal(s['epoll_wait'] ?? 0, 0, 'epoll_wait calls');
  });

  check('modify returns a new key; unregister stops reports', (t) => {
    const { k, conn } = connected();
    const sel = new m.PollSelector<string>(k);
    sel.register(conn, READ, 'reading');
    const key = sel.modify(conn, WRITE, 'writing');
    t.deepEqual(key, { fd: conn, events: WRITE, data: 'writing' });
    const [[got, events] = []] = sel.select(0);
    t.equal(got?.data, 'writing', 'data reported after modify');
    t.equal(events, WRITE, 'events reported after modify');
    t.deepEqual(
      sel.unregister(conn),
      key,
      'unregister returns the key',
    );
    t.deepEqual(sel.select(0), [], 'select after unregister');
  });

  check(
    'invalid events throw RangeError (ValueError in Python)',
    (t) => {
      const { k, conn } = connected();
      const sel = new m.PollSelector(k);
      for (const bad of [0, 4, READ | 8, -1, 1.5]) {
        t.throws(
          () => sel.register(conn, bad, null),
          'RangeError',
          `${bad}`,
        );
      }
      sel.register(conn, READ, 'kept');
      t.throws(
        () => sel.modify(conn, 0, null),
        'RangeError',
        'modify, 0',
      );
      t.deepEqual(
        sel.getKey(conn).data,
        'kept',
        'key after failed modify',
      );
    },
  );

  check('a negative or fractional fd throws RangeError', (t) => {
    const { k } = connected();
    const sel = new m.PollSelector(k);
    t.throws(() => sel.register(-1, READ, null), 'RangeError', 'fd -1');
    t.throws(
      () => sel.register(3.5, READ, null),
      'RangeError',
      'fd 3.5',
    );
  });

  check(
    'registering twice throws KeyError and keeps the first',
    (t) => {
      const { k, conn } = connected();
      const sel = new m.PollSelector<string>(k);
      sel.register(conn, READ, 'first');
      t.throws(() => sel.register(conn, WRITE, 'second'), 'KeyError');
      t.equal(sel.getKey(conn).data, 'first', 'data of the kept key');
    },
  );

  check(
    'unknown fds throw KeyError: unregister, modify, getKey',
    (t) => {
      const { k, conn } = connected();
      const sel = new m.PollSelector(k);
      t.throws(() => sel.unregister(conn), 'KeyError', 'unregister');
      t.throws(
        () => sel.modify(conn, READ, null),
        'KeyError',
        'modify',
      );
      t.throws(() => sel.getKey(conn), 'KeyError', 'getKey');
      let error: unknown = null;
      try {
        sel.getKey(conn);
      } catch (e) {
        error = e;
      }
      t.ok(
        error instanceof m.KeyError,
        'the error is your KeyError class',
      );
    },
  );

  check(
    'registering a closed fd throws EBADF and registers nothing',
    (t) => {
      const { k, conn } = connected();
      k.close(conn);
      const sel = new m.PollSelector(k);
      t.throws(() => sel.register(conn, READ, null), 'EBADF');
      t.throws(() => sel.getKey(conn), 'KeyError', 'getKey afterwards');
      t.throws(() => sel.register(99, READ, null), 'EBADF', 'fd 99');
    },
  );

  check(
    'an fd closed while registered is reported, not skipped',
    (t) => {
      const { k, conn } = connected();
      const sel = new m.PollSelector(k);
      sel.register(conn, READ, null);
      k.close(conn); // a bug in the caller: it forgot to unregister
      const ready = sel.select(0).map(([key, ev]) => [key.fd, ev]);
      t.deepEqual(ready, [[conn, READ]], 'select(0) after close');
    },
  );
});
