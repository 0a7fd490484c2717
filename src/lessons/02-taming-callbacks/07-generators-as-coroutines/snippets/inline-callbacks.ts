// @runtime browser
// The IMAP client from the lecture slides, ported: Twisted's
// inlineCallbacks drives a generator that yields Deferreds. The server
// is a scripted kit service that answers one IMAP-like line at a time.
import { Kernel, KernelError } from '#kit';
import { Reactor } from '#lib/reactor';
import { Deferred, Failure } from '#lib/deferred';

// #region inline
type Outcome =
  { ok: true; value: unknown } | { ok: false; error: unknown };

/** Twisted's inlineCallbacks: call f, drive its generator, return a Deferred. */
function inlineCallbacks<A extends unknown[], T>(
  f: (...args: A) => Generator<unknown, T, unknown>,
): (...args: A) => Deferred<T> {
  return (...args) => {
    const g = f(...args);
    const done = new Deferred<T>();
    resume(g, done, { ok: true, value: undefined }); // runs at once
    return done;
  };
}

function resume<T>(
  g: Generator<unknown, T, unknown>,
  done: Deferred<T>,
  input: Outcome,
): void {
  for (;;) {
    // #region resume
    let r: IteratorResult<unknown, T>;
    try {
      // A result is sent in; a failure is thrown in at the yield.
      r = input.ok ? g.next(input.value) : g.throw(input.error);
    } catch (e) {
      done.errback(e); // the generator raised: the Deferred fails
      return;
    }
    if (r.done) return done.callback(r.value);
    const d = r.value;
    if (!(d instanceof Deferred)) {
      input = { ok: true, value: d }; // plain values come straight back
      continue;
    }
    // #endregion
    // #region resume-wait
    let now: Outcome | undefined;
    let sync = true;
    const wake = (o: Outcome) =>
      sync ? (now = o) : resume(g, done, o);
    d.addCallbacks(
      (value) => void wake({ ok: true, value }),
      (f: Failure) => void wake({ ok: false, error: f.value }),
    );
    sync = false;
    if (now === undefined) return; // not fired yet: wake() resumes us
    input = now; // already fired: loop instead of recursing
    // #endregion
  }
}
// #endregion

const k = new Kernel();
const reactor = new Reactor(k);
const log = (what: string) =>
  console.log(`${String(Math.round(k.now())).padStart(4)} ms  ${what}`);

// The scripted server: one reply line for each command line, 30 ms later.
k.service('imap.example.com:143', {
  mode: 'lines',
  latency: 30,
  reply: (line) => {
    const [tag, cmd, ...args] = line.split(' ');
    if (cmd === 'LOGIN' && args[1] === 'secret')
      return `${tag} OK LOGIN done`;
    if (cmd === 'LOGIN')
      return `${tag} NO [AUTHENTICATIONFAILED] bad password`;
    if (cmd === 'SELECT') return `${tag} OK [READ-WRITE] 3 messages`;
    if (cmd === 'FETCH') return `${tag} OK ENVELOPE "Lunch on Friday?"`;
    return `${tag} BAD unknown command`;
  },
});

// #region client
/** A callback-style client (chapter 6): every command returns a Deferred. */
class ImapClient {
  readonly #fd: number;
  #tag = 0;
  #buffer = '';
  readonly #waiting: Deferred<string>[] = [];
  constructor(fd: number) {
    this.#fd = fd;
    reactor.addReader(fd, () => this.#onReadable());
  }
  login(user: string, password: string): Deferred<string> {
    return this.#command(`LOGIN ${user} ${password}`);
  }
  select(mailbox: string): Deferred<string> {
    return this.#command(`SELECT ${mailbox}`);
  }
  fetchEnvelope(n: number): Deferred<string> {
    return this.#command(`FETCH ${n} ENVELOPE`).addCallback(
      (reply) => reply.split('"')[1]!, // the subject line
    );
  }
  logout(): void {
    reactor.removeReader(this.#fd);
    k.close(this.#fd);
  }
  #command(text: string): Deferred<string> {
    const d = new Deferred<string>();
    this.#waiting.push(d);
    k.send(this.#fd, `a${++this.#tag} ${text}\n`);
    return d;
  }
  #onReadable(): void {
    this.#buffer += k.recv(this.#fd, 4096);
    for (let i = this.#buffer.indexOf('\n'); i >= 0;) {
      const line = this.#buffer.slice(0, i);
      this.#buffer = this.#buffer.slice(i + 1);
      const [, status, ...rest] = line.split(' ');
      const d = this.#waiting.shift()!;
      if (status === 'OK') d.callback(rest.join(' '));
      else d.errback(new Error(`IMAP ${status}: ${rest.join(' ')}`));
      i = this.#buffer.indexOf('\n');
    }
  }
}

/** Like endpoint.connect(factory): a Deferred that fires with a client. */
function connectEndpoint(addr: string): Deferred<ImapClient> {
  const d = new Deferred<ImapClient>();
  const fd = k.socket();
  k.setblocking(fd, false);
  try {
    k.connect(fd, addr);
  } catch (e) {
    if (!(e instanceof KernelError && e.code === 'EINPROGRESS'))
      throw e;
  }
  reactor.addWriter(fd, () => {
    reactor.removeWriter(fd);
    const err = k.getsockopt(fd, 'SO_ERROR');
    if (err === 0) d.callback(new ImapClient(fd));
    else
      d.errback(new Error(`connect to ${addr} failed (errno ${err})`));
  });
  return d;
}
// #endregion

// #region main
const main = inlineCallbacks(function* (
  user: string,
  password: string,
) {
  log(`${user}: started`); // runs at once, up to the first yield
  let client: ImapClient | undefined;
  try {
    // #region imap
    client = (yield connectEndpoint(
      'imap.example.com:143',
    )) as ImapClient;
    // #region slide-imap
    log(`${user}: connected`);
    yield client.login(user, password); // each yield waits for a Deferred
    log(`${user}: logged in`);
    log(`${user}: ${String(yield client.select('INBOX'))}`);
    const subject = (yield client.fetchEnvelope(1)) as string;
    log(`${user}: first message subject: ${subject}`);
    return subject;
    // #endregion
    // #endregion
  } catch (e) {
    log(
      `${user}: IMAP4 client interaction failed: ${(e as Error).message}`,
    );
    return null;
  } finally {
    client?.logout(); // runs on success and on failure
  }
});
// #endregion

main('alice', 'secret').addCallback(
  (s) => void log(`alice's Deferred fired: ${s}`),
);
main('bob', 'guess').addCallback(
  (s) => void log(`bob's Deferred fired: ${s}`),
);
log('both calls returned a Deferred; now the reactor runs');
reactor.run();
