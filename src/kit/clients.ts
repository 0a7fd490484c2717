/**
 * Scripted clients: they connect at given times, send requests, read replies (slowly, late or
 * never), hold idle connections, or vanish mid-request. Each records its request latencies,
 * which also feed the kernel's p50/p90/p99.
 */
import type { Core } from './core.ts';
import type { ErrorCode } from './errors.ts';
import { netAbort, netClose, netConnect } from './net.ts';
import { toNs } from './options.ts';
import { ALL_EVENTS, POLLERR, POLLHUP, POLLIN, POLLOUT } from './constants.ts';
import { pRecvNow, pSendSome } from './peerio.ts';
import { startMachine } from './sched.ts';
import { Task, type PeerMachine } from './task.ts';
import { ClientBook, type ClientFacts } from './clientbook.ts';
import { normalizeAddress, Socket } from './socket.ts';
import { preview } from './trace.ts';

/** One scripted client. Times are virtual ms. */
export interface ClientSpec {
  /** Name in the trace. Default `client<n>`. */
  readonly name?: string;
  /** When to connect. Default 0. */
  readonly at?: number;
  /** Requests, sent one at a time; each waits for its reply (unless `read` is false). */
  readonly send?: readonly string[];
  /** Idle time between connecting and the first request (think time). Default 0. */
  readonly wait?: number;
  /** Pause between a reply and the next request. Default 0. */
  readonly gap?: number;
  /** Wait this long before each read: a slow reader. Default 0. */
  readonly readDelay?: number;
  /** Read at most this many bytes per read. Default 65536. */
  readonly readSize?: number;
  /** false: send everything and never read (the server's buffer fills). Default true. */
  readonly read?: boolean;
  /** When a reply is complete: 'echo' (as long as the request, default), 'line', 'eof', or a byte count. */
  readonly expect?: 'echo' | 'line' | 'eof' | number;
  /** Keep the connection open and idle this long after the last reply (long polling). Default 0. */
  readonly hold?: number;
  /** Vanish (reset the connection) this long after connecting, whatever it is doing. */
  readonly vanishAfter?: number;
}

/** Where a scripted client got to. */
export type ClientState = 'waiting' | 'connecting' | 'connected' | 'done' | 'failed' | 'vanished';

/** What one client saw; updated live as the simulation runs. */
export interface ClientResult {
  readonly name: string;
  state: ClientState;
  connectedAt: number | null;
  finishedAt: number | null;
  /** Request-to-complete-reply time of each request, ms. */
  readonly latencies: number[];
  readonly replies: string[];
  error: ErrorCode | null;
}

/** The handle `k.clients()` returns. */
export interface ClientGroup {
  readonly clients: readonly ClientResult[];
  /** True when every client has finished, failed or vanished. */
  readonly done: boolean;
  /** All recorded latencies, in client order. */
  latencies(): number[];
}

/** The trace's detail of a request sent (made when the trace is read: `traceLazy`). */
function requestDetail(req: string): string {
  return preview(req);
}

/** The trace's detail of a complete reply, `ns` after its request (made when read). */
function replyDetail(got: string, ns: number): string {
  return `${preview(got)} after ${(ns / 1e6).toFixed(3)} ms`;
}

function complete(got: string, req: string, expect: ClientSpec['expect']): boolean {
  if (expect === 'eof') return false;
  if (expect === 'line') return got.includes('\n');
  return got.length >= (typeof expect === 'number' ? expect : req.length);
}

// Where a client is in its script (its resume points). A client is a state machine, not a
// generator: 10,000 clients resumed once per message made the generators' frames, result objects
// and JIT warm-up the largest cost of an echo run. Each phase runs until the client blocks.
/** Sleeping until `until`, then on to `after` (a client starts here, sleeping until `at`). */
const SLEEP = 0;
/** Open the socket and start the handshake. */
const CONNECT = 2;
/** Waiting for the handshake. */
const CONNECTING = 3;
/** The next request, or the end of the script. */
const REQUEST = 4;
/** Send request `i`. */
const SEND = 5;
/** Some of the request is sent (`off` bytes): wait for room or finish. */
const SENDING = 6;
/** Woken with room in the buffer: send more. */
const SEND_MORE = 7;
/** Top of the read loop: is the reply complete? */
const READ = 8;
/** One look for reply data (again after each wake-up). */
const RECV = 9;
/** The reply is complete: record it. */
const REPLY = 10;
/** The script is done: close. */
const CLOSE = 11;

/** A client's requests before it has connected (its spec's `send` is read then). */
const NO_MESSAGES: readonly string[] = [];

/**
 * One scripted client, as a state machine the scheduler resumes with `step(c)`. The spec's numbers
 * are read once when the client is started; its `send` list when it has connected.
 *
 * The client *is* its own task (`extends Task`, with `machine` pointing at itself) instead of
 * owning one: with 10,000 clients alive at once, that is 10,000 objects fewer for the garbage
 * collector to copy, and no hop from the task to its state machine each time it is resumed.
 *
 * What its public record (`ClientResult`) shows, the client keeps itself (`ClientFacts`: status,
 * times in ns, failure); its replies go to its group's `ClientBook`, which makes the records
 * when the program first asks for them (see clientbook.ts).
 */
class ClientRun extends Task implements PeerMachine, ClientFacts {
  // The fields a message's exchange uses come first, the rest after them: an object is laid out
  // in this order, and the fewer cache lines a wake-up touches, the better.
  pc = SLEEP;
  /** While sleeping: until when (ns) and the phase that follows. */
  until: number;
  after = CONNECT;
  s: Socket | null = null;
  msgs: readonly string[] = NO_MESSAGES;
  /** The request being sent (index, text, bytes sent, start time in ns) and the reply so far. */
  i = 0;
  req = '';
  off = 0;
  t0 = 0;
  got = '';
  status: ClientState = 'waiting';
  readonly book: ClientBook;
  /** This client's index in its group. */
  readonly idx: number;
  readonly readSize: number;
  readonly read: boolean;
  readonly expect: ClientSpec['expect'];
  readonly gap: number;
  readonly readDelay: number;
  readonly wait: number;
  readonly hold: number;
  readonly addr: string;
  readonly spec: ClientSpec;
  connectedNs = -1;
  finishedNs = -1;
  failure: ErrorCode | null = null;

  constructor(book: ClientBook, idx: number, name: string, addr: string, spec: ClientSpec) {
    super(name, 'peer');
    this.machine = this;
    this.book = book;
    this.idx = idx;
    this.addr = addr;
    this.spec = spec;
    this.until = toNs(spec.at ?? 0);
    this.wait = spec.wait ?? 0;
    this.gap = spec.gap ?? 0;
    this.readDelay = spec.readDelay ?? 0;
    this.readSize = spec.readSize ?? 65536;
    this.read = spec.read !== false;
    this.expect = spec.expect;
    this.hold = spec.hold ?? 0;
  }

  /** Sleeps until `until` (ns), then goes on with phase `after`. */
  private sleep(until: number, after: number): void {
    this.until = until;
    this.after = after;
    this.pc = SLEEP;
  }

  /** Runs the script until the client blocks (false) or is finished (true). */
  step(c: Core): boolean {
    for (;;) {
      switch (this.pc) {
        case SLEEP:
          if (c.clock < this.until) {
            c.block('sleep', this.until);
            return false;
          }
          this.pc = this.after;
          break;
        case CONNECT: {
          const s = new Socket(this.name, c.o.bufferSize);
          this.s = s;
          this.status = 'connecting';
          this.book.changed(this.idx);
          c.trace(this.name, 'connect', undefined, this.addr);
          netConnect(c, s, this.addr);
          this.pc = CONNECTING;
          break;
        }
        case CONNECTING: {
          const s = this.s as Socket;
          if (s.state === 'connecting') {
            c.waitOn(s.wq, ALL_EVENTS);
            c.block('connect');
            return false;
          }
          if (s.state !== 'connected') {
            const err = s.error ?? 'ECONNREFUSED';
            this.status = 'failed';
            this.failure = err;
            this.finishedNs = c.clock;
            this.book.changed(this.idx);
            c.trace(this.name, 'failed', undefined, err);
            return true;
          }
          this.status = 'connected';
          this.connectedNs = c.clock;
          this.book.changed(this.idx);
          if (this.spec.vanishAfter !== undefined) this.vanishAt(c, toNs(this.spec.vanishAfter));
          this.msgs = this.spec.send ?? [];
          if (this.wait) this.sleep(c.clock + toNs(this.wait), REQUEST);
          else this.pc = REQUEST;
          break;
        }
        case REQUEST:
          if (this.i >= this.msgs.length) {
            if (this.hold) this.sleep(c.clock + toNs(this.hold), CLOSE);
            else this.pc = CLOSE;
          } else if (this.i > 0 && this.gap) this.sleep(c.clock + toNs(this.gap), SEND);
          else this.pc = SEND;
          break;
        case SEND: {
          if (this.status !== 'connected') return true;
          const req = this.msgs[this.i] as string;
          this.req = req;
          this.t0 = c.clock;
          if (c.tracer.on) c.traceLazy(this.name, 'send', undefined, requestDetail, req, 0);
          this.off = pSendSome(c, this.s as Socket, req, 0);
          this.pc = SENDING;
          break;
        }
        case SENDING:
          if (this.off < this.req.length) {
            if (this.off < 0) {
              this.broken(c);
              return true;
            }
            c.waitOn((this.s as Socket).wq, POLLOUT | POLLERR | POLLHUP);
            c.block('send');
            this.pc = SEND_MORE;
            return false;
          }
          if (this.read) {
            this.got = '';
            this.pc = READ;
          } else {
            this.i++;
            this.pc = REQUEST;
          }
          break;
        case SEND_MORE:
          this.off = pSendSome(c, this.s as Socket, this.req, this.off);
          this.pc = SENDING;
          break;
        case READ:
          if (complete(this.got, this.req, this.expect)) this.pc = REPLY;
          else if (this.readDelay) this.sleep(c.clock + toNs(this.readDelay), RECV);
          else this.pc = RECV;
          break;
        case RECV: {
          const s = this.s as Socket;
          const d = pRecvNow(c, s, this.readSize);
          if (d === undefined) {
            c.waitOn(s.wq, POLLIN | POLLERR | POLLHUP);
            c.block('recv');
            return false;
          }
          if (d === null) {
            this.broken(c);
            return true;
          }
          if (d === '') {
            this.pc = REPLY;
          } else {
            this.got += d;
            this.pc = READ;
          }
          break;
        }
        case REPLY: {
          const got = this.got;
          // The latency goes to the kernel's log as integer ns (see LatencyLog.pushNs).
          const ns = c.clock - this.t0;
          this.book.reply(this.idx, got, ns);
          c.stats.latencies.pushNs(ns);
          if (c.tracer.on) c.traceLazy(this.name, 'reply', undefined, replyDetail, got, ns);
          this.got = '';
          this.i++;
          this.pc = REQUEST;
          break;
        }
        default: {
          // CLOSE
          if (this.status !== 'connected') return true;
          netClose(c, this.s as Socket);
          this.status = 'done';
          this.finishedNs = c.clock;
          this.book.changed(this.idx);
          c.trace(this.name, 'close');
          return true;
        }
      }
    }
  }

  /** The connection broke under the client (reset, or closed by the server). */
  private broken(c: Core): void {
    if (this.status !== 'connected') return;
    this.status = 'failed';
    this.failure = 'ECONNRESET';
    this.finishedNs = c.clock;
    this.book.changed(this.idx);
    c.trace(this.name, 'failed', undefined, 'connection reset or closed by the server');
  }

  /** Resets the connection `after` ns from now, whatever the client is doing then. */
  private vanishAt(c: Core, after: number): void {
    const s = this.s as Socket;
    c.at(c.clock + after, () => {
      if (this.status !== 'connected') return;
      this.status = 'vanished';
      this.finishedNs = c.clock;
      this.book.changed(this.idx);
      c.trace(this.name, 'vanish', undefined, 'connection reset');
      netAbort(c, s);
    });
  }
}

/** Starts scripted clients against `addr`; they run whenever the simulation runs. */
export function startClients(
  c: Core,
  addr: string | number,
  specs: readonly ClientSpec[],
  first: number,
): ClientGroup {
  const a = normalizeAddress(addr) ?? String(addr);
  const runs: ClientRun[] = [];
  let expected = 0;
  for (const spec of specs) expected += spec.send?.length ?? 0;
  const book = new ClientBook(runs, expected);
  for (let i = 0; i < specs.length; i++) {
    const spec = specs[i] as ClientSpec;
    const run = new ClientRun(book, i, spec.name ?? `client${first + i}`, a, spec);
    runs.push(run);
    startMachine(c, run);
  }
  return {
    get clients() {
      return book.records();
    },
    get done() {
      return runs.every(
        (r) => r.status === 'done' || r.status === 'failed' || r.status === 'vanished',
      );
    },
    latencies: () => book.latencies(),
  };
}
