import { defineChecks } from '#harness';
import { Kernel, type ClientGroup, type ClientSpec } from '#kit';
import type * as Solution from './solution.ts';

/**
 * Stops a runaway loop. A solution that sleeps between retries makes a
 * few hundred calls in these checks; busy polling makes one per
 * microsecond of virtual time and would take seconds of real time.
 */
const MAX_CALLS = 50_000;
const MAX_TIME = 60_000;

interface World {
  /** The kernel as the code under test sees it (see `guard`). */
  k: Kernel;
  /** The kernel itself, for the checks. */
  raw: Kernel;
  conn: number;
  group: ClientGroup;
  /** Set if the code under test called setblocking(fd, true). */
  wentBlocking: boolean;
}

function runaway(calls: number, ms: number): Error {
  return new Error(
    `stopped after ${calls} kernel calls, at ${Math.round(ms)} ms of ` +
      'virtual time: does a loop retry at once after EAGAIN (busy ' +
      'polling), or retry an error that is not EAGAIN?',
  );
}

/**
 * Puts a guard between the code under test and the kernel: it stops
 * endless retry loops with a clear message and notices a switch back
 * to blocking mode.
 */
function guard(w: World): void {
  let calls = 0;
  const target = w.raw;
  w.k = new Proxy(target, {
    get(_t, prop) {
      const v: unknown = Reflect.get(target, prop, target);
      if (typeof v !== 'function') return v;
      return (...args: unknown[]) => {
        if (++calls > MAX_CALLS || target.now() > MAX_TIME)
          throw runaway(calls, target.now());
        if (prop === 'setblocking' && args[1] === true)
          w.wentBlocking = true;
        return (v as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

/** A server with one accepted, non-blocking connection from `spec`. */
function world(
  spec: ClientSpec,
  opts: { bufferSize?: number } = {},
): World {
  const raw = new Kernel({ ...opts, trace: false });
  const server = raw.socket();
  raw.bind(server, 8080);
  raw.listen(server);
  const group = raw.clients(8080, [spec]);
  const conn = raw.accept(server);
  const w: World = { k: raw, raw, conn, group, wentBlocking: false };
  guard(w);
  return w;
}

// ---- recvAll ----
/** Sends a request in three pieces, then closes at 455 ms. */
const dawdler: ClientSpec = {
  wait: 55,
  send: ['GET ', '/index', '.html'],
  gap: 150,
  read: false,
  hold: 100,
};

function receiving(spec: ClientSpec): World {
  const w = world(spec);
  w.raw.setblocking(w.conn, false);
  return w;
}

/** When the client closed, so when a blocking reader saw EOF. */
function closedAt(w: World): number {
  return w.group.clients[0]?.finishedAt ?? NaN;
}

// ---- sendAll ----
/** 100,000 bytes in which every position matters (a seeded pattern). */
const big = (() => {
  let x = 12345;
  let s = '';
  for (let i = 0; i < 100_000; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    s += String.fromCharCode(97 + (x % 26));
  }
  return s;
})();

/** Asks for `big`, then reads 4 KiB every 10 ms. */
const slowReader: ClientSpec = {
  send: ['GET /big'],
  expect: big.length,
  readDelay: 10,
  readSize: 4096,
};

function sending(spec: ClientSpec): World {
  const w = world(spec, { bufferSize: 16384 });
  w.raw.recv(w.conn, 1024); // the request
  w.raw.setblocking(w.conn, false);
  return w;
}

/** When a blocking sendall finishes in the same situation. */
const blockingSendDone = (() => {
  const w = sending(slowReader);
  w.raw.setblocking(w.conn, true);
  w.raw.sendall(w.conn, big);
  return w.raw.now();
})();

/** Runs sendAll, closes, lets the reader finish; returns when
 * sendAll returned. */
function sendAndFinish(m: typeof Solution, w: World): number {
  m.sendAll(w.k, w.conn, big);
  const done = w.raw.now();
  w.raw.close(w.conn);
  w.raw.run({ idle: true });
  return done;
}

/** The bytes the slow reader got. */
function delivered(w: World): string {
  return w.group.clients[0]?.replies[0] ?? '';
}

export default defineChecks<typeof Solution>((m, { check }) => {
  check('recvAll returns a message sent in three pieces', (t) => {
    const w = receiving(dawdler);
    t.equal(m.recvAll(w.k, w.conn), 'GET /index.html');
  });
  check(
    'recvAll returns "" when the peer closes without sending',
    (t) => {
      const w = receiving({ wait: 50, read: false });
      t.equal(m.recvAll(w.k, w.conn), '');
    },
  );
  check(
    'recvAll reads 300,000 bytes, more than one buffer holds',
    (t) => {
      const w = receiving({ send: ['z'.repeat(300_000)], read: false });
      t.equal(m.recvAll(w.k, w.conn).length, 300_000, 'bytes received');
    },
  );
  check('recvAll returns within 20 ms of the peer closing', (t) => {
    const w = receiving(dawdler);
    m.recvAll(w.k, w.conn);
    const late = w.raw.now() - closedAt(w);
    t.atMost(late, 20, 'ms between the close and recvAll returning');
  });
  check('recvAll wastes at most 200 calls on EAGAIN in 455 ms', (t) => {
    const w = receiving(dawdler);
    m.recvAll(w.k, w.conn);
    t.atMost(
      w.raw.stats().wastedPolls,
      200,
      'calls that ended in EAGAIN',
    );
  });
  check('recvAll lets ECONNRESET through instead of retrying', (t) => {
    const w = receiving({
      wait: 10,
      send: ['part'],
      read: false,
      hold: 200,
      vanishAfter: 60,
    });
    t.throws(() => m.recvAll(w.k, w.conn), 'ECONNRESET');
  });
  check(
    'sendAll delivers all 100,000 bytes, in order, to a slow reader',
    (t) => {
      const w = sending(slowReader);
      sendAndFinish(m, w);
      const got = delivered(w);
      t.equal(got.length, big.length, 'bytes the reader received');
      t.ok(
        got === big,
        'every byte arrived, but not in the order given',
      );
    },
  );
  check('sendAll finishes within 20 ms of a blocking sendall', (t) => {
    const w = sending(slowReader);
    const done = sendAndFinish(m, w);
    t.equal(
      delivered(w).length,
      big.length,
      'bytes delivered (needed first)',
    );
    t.atMost(
      done - blockingSendDone,
      20,
      'ms later than a blocking sendall',
    );
  });
  check('sendAll wastes at most 200 calls on EAGAIN', (t) => {
    const w = sending(slowReader);
    sendAndFinish(m, w);
    t.equal(
      delivered(w).length,
      big.length,
      'bytes delivered (needed first)',
    );
    t.atMost(
      w.raw.stats().wastedPolls,
      200,
      'calls that ended in EAGAIN',
    );
  });
  check(
    'sendAll lets ECONNRESET or EPIPE through if the reader vanishes',
    (t) => {
      const w = sending({ ...slowReader, vanishAfter: 50 });
      t.throws(() => m.sendAll(w.k, w.conn, big), /ECONNRESET|EPIPE/);
    },
  );
  check(
    'neither function switches the socket back to blocking mode',
    (t) => {
      const r = receiving(dawdler);
      m.recvAll(r.k, r.conn);
      t.ok(!r.wentBlocking, 'recvAll called setblocking(fd, true)');
      const s = sending(slowReader);
      sendAndFinish(m, s);
      t.ok(!s.wentBlocking, 'sendAll called setblocking(fd, true)');
    },
  );
});
