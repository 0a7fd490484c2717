// @runtime browser
// The crawler of "A Web Crawler With asyncio Coroutines" (500 Lines or
// Less), on the kit: a Future, a Task that drives generators, and the
// reactor from chapter 5. Each page costs 40 to 160 ms of virtual time.
import { Kernel } from '#kit';
import { Reactor } from '#lib/reactor';

// #region future
class Future<T> {
  result: T | undefined;
  #callbacks: ((f: Future<T>) => void)[] = [];
  addDoneCallback(fn: (f: Future<T>) => void): void {
    this.#callbacks.push(fn);
  }
  setResult(value: T): void {
    this.result = value;
    for (const fn of this.#callbacks) fn(this);
  }
  // `yield* future`: hand this future to the Task, then return the
  // value the Task sends back in (Python: `yield from future`).
  *[Symbol.iterator](): Generator<Future<unknown>, T, unknown> {
    return (yield this as Future<unknown>) as T;
  }
}
// #endregion

// #region task
type Coro = Generator<Future<unknown>, void, unknown>;
class Task {
  readonly #coro: Coro;
  constructor(coro: Coro) {
    this.#coro = coro;
    const start = new Future<unknown>();
    start.setResult(undefined);
    this.#step(start);
  }
  // #region slide-step
  #step(future: Future<unknown>): void {
    const r = this.#coro.next(future.result); // send the result in
    if (r.done) return; // the coroutine returned
    r.value.addDoneCallback((f) => this.#step(f)); // wait for the next
  }
  // #endregion
}
// #endregion

const k = new Kernel({ seed: 7 });
const loop = new Reactor(k);
// The site: every page links to two others; 9 pages in all.
const site = k.service('site', {
  latency: { min: 40, max: 160 },
  reply: (req) => {
    const n = Number(req.split(' ')[1]!.slice(1) || '0');
    return [2 * n + 1, 2 * n + 2]
      .filter((c) => c < 9)
      .map((c) => `/${c}`)
      .join(' ');
  },
});

// #region io
function* connect(
  addr: string,
): Generator<Future<unknown>, number, unknown> {
  const fd = k.socket();
  k.setblocking(fd, false);
  try {
    k.connect(fd, addr); // non-blocking: throws EINPROGRESS
  } catch {
    // EINPROGRESS: the handshake goes on without us
  }
  const f = new Future<void>();
  loop.addWriter(fd, () => f.setResult(undefined)); // writable = connected
  yield* f;
  loop.removeWriter(fd);
  return fd;
}

function* read(
  fd: number,
): Generator<Future<unknown>, string, unknown> {
  const f = new Future<string>();
  loop.addReader(fd, () => f.setResult(k.recv(fd, 4096)));
  const chunk = yield* f;
  loop.removeReader(fd);
  return chunk;
}

function* readAll(
  fd: number,
): Generator<Future<unknown>, string, unknown> {
  let page = '';
  for (
    let chunk = yield* read(fd);
    chunk !== '';
    chunk = yield* read(fd)
  )
    page += chunk;
  return page;
}
// #endregion

// #region crawl
const seen = new Set(['/']);
let inFlight = 0;
let most = 0;
let sum = 0; // what the fetches would cost one after another

// #region fetch-page
function* fetchPage(url: string): Coro {
  most = Math.max(most, ++inFlight);
  const start = k.now();
  const fd = yield* connect(site);
  k.send(fd, `GET ${url}`);
  // #region slide-links
  const body = yield* readAll(fd); // reads like blocking code
  k.close(fd);
  inFlight--;
  sum += k.now() - start;
  const t = String(Math.round(k.now())).padStart(4);
  console.log(`${t} ms  ${url.padEnd(3)} -> ${body || '(no links)'}`);
  for (const link of body.split(' ').filter(Boolean)) {
    if (seen.has(link)) continue;
    seen.add(link);
    new Task(fetchPage(link)); // a new concurrent crawl
    // #endregion
  }
}
// #endregion

new Task(fetchPage('/'));
loop.run(); // until no reader, writer or timer is left
// #endregion
console.log(
  `${seen.size} pages in ${Math.round(k.now())} ms, at most ${most} at once`,
);
console.log(`one after another: ${Math.round(sum)} ms`);
