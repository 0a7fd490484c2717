// @runtime browser
import { Kernel, wouldBlock, type ClientSpec } from '#kit';
import { Reactor } from '#lib/reactor';
import { Deferred, Failure } from '#lib/deferred';

// #region site
/** Returned by a render method that will finish the response later. */
const NOT_DONE_YET = Symbol('NOT_DONE_YET');

interface Resource {
  renderGET(request: Request): string | typeof NOT_DONE_YET;
}

/** One request on one connection. A much reduced twisted.web Request. */
class Request {
  #notifications: Deferred<null>[] = [];
  #k: Kernel;
  #r: Reactor;
  #conn: number;
  disconnected = false;
  finished = false;
  constructor(k: Kernel, r: Reactor, conn: number) {
    this.#k = k;
    this.#r = r;
    this.#conn = conn;
  }
  write(data: string): void {
    if (!this.disconnected) this.#k.sendall(this.#conn, data);
  }
  finish(): void {
    if (this.disconnected)
      throw new Error(
        'Request.finish called after the connection was lost',
      );
    this.finished = true;
    this.#r.removeReader(this.#conn);
    this.#k.close(this.#conn);
    for (const d of this.#notifications) d.callback(null);
  }
  /** A Deferred that fires when the response is done, or fails if the client goes. */
  notifyFinish(): Deferred<null> {
    const d = new Deferred<null>();
    this.#notifications.push(d);
    return d;
  }
  connectionLost(reason: Failure): void {
    this.disconnected = true;
    for (const d of this.#notifications) d.errback(reason);
  }
}

/** Accepts `n` connections on `port`; each sends one line, "GET /path". */
function listen(
  k: Kernel,
  r: Reactor,
  port: number,
  n: number,
  res: Resource,
) {
  const server = k.socket();
  k.bind(server, port);
  k.listen(server);
  k.setblocking(server, false);
  r.addReader(server, () => {
    const conn = k.accept(server);
    k.setblocking(conn, false);
    if (--n === 0) {
      r.removeReader(server); // enough clients for this demo: stop listening
      k.close(server);
    }
    let request: Request | undefined;
    r.addReader(conn, () => {
      let data: string;
      try {
        data = k.recv(conn, 1024);
      } catch (e) {
        if (wouldBlock(e)) return;
        data = ''; // ECONNRESET: the client is gone
        request?.connectionLost(new Failure(e));
      }
      if (data === '') {
        r.removeReader(conn);
        k.close(conn);
        return;
      }
      request = new Request(k, r, conn);
      const body = res.renderGET(request);
      if (body !== NOT_DONE_YET) {
        request.write(body);
        request.finish();
      }
      // NOT_DONE_YET: keep reading, so that we notice if the client leaves.
    });
  });
}
// #endregion

// #region counter
class Counter implements Resource {
  isLeaf = true;
  numberRequests = 0;
  renderGET(_request: Request): string {
    this.numberRequests += 1;
    return `I am request #${this.numberRequests}\n`;
  }
}
// #endregion

// #region delayed
class ExampleResource implements Resource {
  #r: Reactor;
  constructor(r: Reactor) {
    this.#r = r;
  }
  // #region slide-delayed
  renderGET(request: Request): typeof NOT_DONE_YET {
    request.write('hello world\n');
    const call = this.#r.callLater(1000, () => request.finish());
    const d = request.notifyFinish();
    d.addCallback(() => say('finished normally'));
    d.addErrback((f) => {
      say(`error: ${f.getErrorMessage()}`);
      call.cancel(); // or finish() would throw when the timer fires
    });
    // #endregion
    return NOT_DONE_YET;
  }
}
// #endregion

let say = (_: string) => {};
function serve(
  title: string,
  make: (r: Reactor) => Resource,
  specs: ClientSpec[],
) {
  console.log(title);
  const k = new Kernel();
  const r = new Reactor(k);
  say = (s) =>
    console.log(
      `  ${String(Math.round(r.now())).padStart(5)} ms  server: ${s}`,
    );
  listen(k, r, 8080, specs.length, make(r));
  const g = k.clients(8080, specs);
  r.run();
  k.run({ idle: true }); // let the clients read what we sent last
  for (const c of g.clients) {
    const got = c.replies.map((x) => JSON.stringify(x)).join(' ');
    const end = Math.round(c.finishedAt ?? 0);
    console.log(
      `  ${c.name} (${c.state} at ${end} ms) got ${got || 'nothing'}`,
    );
  }
}

// #region slide-serve
serve(
  'Counter: every request is answered at once',
  () => new Counter(),
  [
    { name: 'ana', at: 10, send: ['GET /\n'], expect: 'eof' },
    { name: 'bo', at: 20, send: ['GET /\n'], expect: 'eof' },
    { name: 'cy', at: 30, send: ['GET /\n'], expect: 'eof' },
  ],
);
// #endregion
serve(
  'ExampleResource: finish() one second later',
  (r) => new ExampleResource(r),
  [
    { name: 'stays', at: 10, send: ['GET /\n'], expect: 'eof' },
    {
      name: 'leaves',
      at: 20,
      send: ['GET /\n'],
      expect: 'eof',
      vanishAfter: 300,
    },
  ],
);
