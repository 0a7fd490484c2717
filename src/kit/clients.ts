/**
 * Scripted clients: they connect at given times, send requests, read replies (slowly, late or
 * never), hold idle connections, or vanish mid-request. Each records its request latencies,
 * which also feed the kernel's p50/p90/p99.
 */
import type { Core } from './core.ts';
import type { ErrorCode } from './errors.ts';
import { netAbort, netClose } from './net.ts';
import type { Sc } from './ops.ts';
import { toNs } from './options.ts';
import { POLLERR, POLLHUP, POLLIN, POLLOUT } from './constants.ts';
import { pConnect, pRecvNow, pSendSome, pSleepUntil } from './peerio.ts';
import { spawnPeer } from './sched.ts';
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

function complete(got: string, req: string, expect: ClientSpec['expect']): boolean {
  if (expect === 'eof') return false;
  if (expect === 'line') return got.includes('\n');
  return got.length >= (typeof expect === 'number' ? expect : req.length);
}

function* runClient(c: Core, addr: string, spec: ClientSpec, r: ClientResult): Sc<void> {
  yield* pSleepUntil(c, toNs(spec.at ?? 0));
  const s = new Socket(c.nextId(), r.name, c.o.bufferSize);
  r.state = 'connecting';
  c.trace(r.name, 'connect', undefined, addr);
  const err = yield* pConnect(c, s, addr);
  if (err !== null) {
    r.state = 'failed';
    r.error = err;
    r.finishedAt = c.now();
    c.trace(r.name, 'failed', undefined, err);
    return;
  }
  r.state = 'connected';
  r.connectedAt = c.now();
  if (spec.vanishAfter !== undefined) {
    c.at(c.clock + toNs(spec.vanishAfter), () => {
      if (r.state !== 'connected') return;
      r.state = 'vanished';
      r.finishedAt = c.now();
      c.trace(r.name, 'vanish', undefined, 'connection reset');
      netAbort(c, s);
    });
  }
  if (spec.wait) yield* pSleepUntil(c, c.clock + toNs(spec.wait));
  const msgs = spec.send ?? [];
  for (let i = 0; i < msgs.length; i++) {
    const req = msgs[i] as string;
    if (i > 0 && spec.gap) yield* pSleepUntil(c, c.clock + toNs(spec.gap));
    if (r.state !== 'connected') return;
    const t0 = c.clock;
    if (c.tracer.on) c.trace(r.name, 'send', undefined, preview(req));
    // pSend and pRecv written out: no generator per request (10,000 clients make many).
    for (let off = pSendSome(c, s, req, 0); off < req.length; off = pSendSome(c, s, req, off)) {
      if (off < 0) return broken(c, r);
      c.waitOn(s, POLLOUT | POLLERR | POLLHUP);
      yield c.block('send');
    }
    if (spec.read === false) continue;
    let got = '';
    while (!complete(got, req, spec.expect)) {
      if (spec.readDelay) yield* pSleepUntil(c, c.clock + toNs(spec.readDelay));
      const size = spec.readSize ?? 65536;
      let d = pRecvNow(c, s, size);
      while (d === undefined) {
        c.waitOn(s, POLLIN | POLLERR | POLLHUP);
        yield c.block('recv');
        d = pRecvNow(c, s, size);
      }
      if (d === null) return broken(c, r);
      if (d === '') break;
      got += d;
    }
    const ms = (c.clock - t0) / 1e6;
    r.replies.push(got);
    r.latencies.push(ms);
    c.stats.latencies.push(ms);
    if (c.tracer.on)
      c.trace(r.name, 'reply', undefined, `${preview(got)} after ${ms.toFixed(3)} ms`);
  }
  if (spec.hold) yield* pSleepUntil(c, c.clock + toNs(spec.hold));
  if (r.state !== 'connected') return;
  netClose(c, s);
  r.state = 'done';
  r.finishedAt = c.now();
  c.trace(r.name, 'close');
}

function broken(c: Core, r: ClientResult): void {
  if (r.state !== 'connected') return;
  r.state = 'failed';
  r.error = 'ECONNRESET';
  r.finishedAt = c.now();
  c.trace(r.name, 'failed', undefined, 'connection reset or closed by the server');
}

/** Starts scripted clients against `addr`; they run whenever the simulation runs. */
export function startClients(
  c: Core,
  addr: string | number,
  specs: readonly ClientSpec[],
  first: number,
): ClientGroup {
  const a = normalizeAddress(addr) ?? String(addr);
  const clients: ClientResult[] = specs.map((spec, i) => ({
    name: spec.name ?? `client${first + i}`,
    state: 'waiting',
    connectedAt: null,
    finishedAt: null,
    latencies: [],
    replies: [],
    error: null,
  }));
  specs.forEach((spec, i) =>
    spawnPeer(
      c,
      (clients[i] as ClientResult).name,
      runClient(c, a, spec, clients[i] as ClientResult),
    ),
  );
  return {
    clients,
    get done() {
      return clients.every(
        (r) => r.state === 'done' || r.state === 'failed' || r.state === 'vanished',
      );
    },
    latencies: () => clients.flatMap((r) => r.latencies),
  };
}
