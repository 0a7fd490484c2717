// @runtime browser
import { Kernel } from '#kit';
import { Reactor } from '#lib/reactor';
import { Deferred } from '#lib/deferred';
import { getcurrent, greenlet, type Greenlet } from '#lib/greenlet';

// Road 3: the blocking driver runs unchanged in a greenlet. Its blocking
// call is monkey-patched: instead of waiting, it registers a callback
// with the reactor and switches to the reactor's greenlet (main).
const DB = 'db:5432';
const k = new Kernel();
k.service(DB, { latency: 200, reply: (q) => `rows(${q.trim()})\n` });
const r = new Reactor(k);
const main = getcurrent(); // the reactor runs here

// #region driver
// The "library": plain blocking code, written for threads.
const driver = {
  query(sql: string): string {
    return k.fetch(DB, sql); // blocks... unless patched
  },
};
// #endregion

const resume = new Map<Greenlet, (value?: unknown) => void>();

// #region patch
/** Waits for fd to be ready: park this greenlet, run the reactor. */
function waitFor(fd: number, writable: boolean): void {
  const me = getcurrent();
  // #region slide-wait
  const add = writable ? r.addWriter : r.addReader;
  const remove = writable ? r.removeWriter : r.removeReader;
  add.call(r, fd, () => {
    remove.call(r, fd);
    resume.get(me)!(); // back into the greenlet, from the reactor
  });
  main.switch(); // to the reactor; returns when resumed
  // #endregion
}
// #endregion

/** monkey.patch: k.fetch, cooperative, with the same signature. */
function greenFetch(addr: string, request: string): string {
  const s = k.socket();
  k.setblocking(s, false);
  try {
    k.connect(s, addr);
  } catch {
    waitFor(s, true); // EINPROGRESS: wait until connected
  }
  k.sendall(s, request);
  let reply = '';
  for (;;) {
    waitFor(s, false);
    const data = k.recv(s, 4096);
    if (data === '') break;
    reply += data;
  }
  k.close(s);
  return reply;
}
k.fetch = greenFetch as typeof k.fetch; // the monkey patch

// #region defer
/** deferToGreenlet(f): run f in a new greenlet; a Deferred of its result. */
function deferToGreenlet<T>(f: () => T): Deferred<T> {
  const d = new Deferred<T>();
  const g = greenlet(f, main);
  // #region slide-step
  const step = () => {
    let out: unknown;
    try {
      out = g.switch(); // runs f until it waits or ends
    } catch (e) {
      return d.errback(e);
    }
    if (g.dead) {
      resume.delete(g);
      d.callback(out as T); // on the reactor's greenlet
    }
  };
  resume.set(g, step);
  r.callSoon(step);
  return d;
  // #endregion
}
// #endregion

// Four reports at once, and a heartbeat that must keep beating.
let beats = 0;
let worst = 0;
let last = 0;
const beat = () => {
  worst = Math.max(worst, r.now() - last);
  last = r.now();
  if (++beats < 30) r.callLater(10, beat);
};
r.callLater(10, beat);
const t0 = r.now();
// #region slide-reports
for (const sql of ['report 0', 'report 1', 'report 2', 'report 3']) {
  deferToGreenlet(() => driver.query(sql)).addCallback((rows) => {
    console.log(`${rows.trim()} at ${Math.round(r.now() - t0)} ms`);
  });
}
r.run();
// #endregion
console.log(
  `longest gap between 10 ms heartbeats: ${Math.round(worst)} ms`,
);
console.log(`kit threads created: ${k.stats().threads.created}`);
