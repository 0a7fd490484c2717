/**
 * Scripted services: a listening "server on another machine" that answers each request after a
 * fixed or random latency. Lesson 1 fetches several of them one after another (total ≈ sum of
 * latencies) and then concurrently (total ≈ max).
 */
import { POLLIN } from './constants.ts';
import type { Core } from './core.ts';
import { KernelError } from './errors.ts';
import { netClose } from './net.ts';
import type { Sc } from './ops.ts';
import { toNs } from './options.ts';
import { pRecv, pSend, pSleepUntil } from './peerio.ts';
import type { Random } from './random.ts';
import { spawnPeer } from './sched.ts';
import { normalizeAddress, Socket } from './socket.ts';
import { preview } from './trace.ts';

/** Latency of a service: fixed ms, uniform in [min, max), or drawn by a function. */
export type Latency =
  number | { readonly min: number; readonly max: number } | ((rng: Random) => number);

/** Options for `k.service(name, options)`. */
export interface ServiceOptions {
  /** Time from receiving a request to sending the reply. Default 100 ms. */
  readonly latency?: Latency;
  /** Builds the reply. Default: `${name}: ${request}`. */
  readonly reply?: (request: string) => string;
  /**
   * 'once' (default): one request per connection, reply, close (HTTP/1.0 style).
   * 'lines': keep the connection; each '\n'-terminated line is a request, answered in order.
   */
  readonly mode?: 'once' | 'lines';
}

function latencyNs(c: Core, l: Latency): number {
  const ms =
    typeof l === 'number' ? l : typeof l === 'function' ? l(c.rng) : c.rng.uniform(l.min, l.max);
  return toNs(Math.max(0, ms));
}

/** Starts a service; returns its address (`name:80` unless `name` has a port). */
export function startService(c: Core, name: string, opts: ServiceOptions = {}): string {
  const addr = normalizeAddress(name);
  if (addr === null)
    throw new KernelError(
      'EINVAL',
      'service',
      undefined,
      `${JSON.stringify(name)} is not a service name or address`,
    );
  if (c.listeners.has(addr) || c.bound.has(addr))
    throw new KernelError('EADDRINUSE', 'service', undefined, `address ${addr} is already in use`);
  const l = new Socket(name, c.o.bufferSize);
  l.state = 'listening';
  l.local = addr;
  l.backlogMax = 4096;
  c.listeners.set(addr, l);
  c.trace(name, 'listen', undefined, addr);
  spawnPeer(c, name, acceptLoop(c, l, name, opts));
  return addr;
}

function* acceptLoop(c: Core, l: Socket, name: string, opts: ServiceOptions): Sc<void> {
  let n = 0;
  for (;;) {
    const s = l.backlog.shift();
    if (s === undefined) {
      c.waitOn(l.wq, POLLIN);
      yield c.block('accept');
      continue;
    }
    n++;
    spawnPeer(
      c,
      `${name}#${n}`,
      opts.mode === 'lines' ? serveLines(c, s, name, opts) : serveOnce(c, s, name, opts),
    );
  }
}

function reply(name: string, opts: ServiceOptions, request: string): string {
  return opts.reply ? opts.reply(request) : `${name}: ${request}`;
}

function* serveOnce(c: Core, s: Socket, name: string, opts: ServiceOptions): Sc<void> {
  const req = yield* pRecv(c, s, 65536);
  if (req === null || req === '') {
    netClose(c, s);
    return;
  }
  c.trace(name, 'request', undefined, preview(req));
  yield* pSleepUntil(c, c.clock + latencyNs(c, opts.latency ?? 100));
  const out = reply(name, opts, req);
  c.trace(name, 'reply', undefined, preview(out));
  yield* pSend(c, s, out);
  netClose(c, s);
}

function* serveLines(c: Core, s: Socket, name: string, opts: ServiceOptions): Sc<void> {
  let buf = '';
  for (;;) {
    const d = yield* pRecv(c, s, 65536);
    if (d === null || d === '') break;
    buf += d;
    for (let i = buf.indexOf('\n'); i >= 0; i = buf.indexOf('\n')) {
      const req = buf.slice(0, i);
      buf = buf.slice(i + 1);
      c.trace(name, 'request', undefined, preview(req));
      yield* pSleepUntil(c, c.clock + latencyNs(c, opts.latency ?? 100));
      if (!(yield* pSend(c, s, `${reply(name, opts, req)}\n`))) break;
    }
  }
  netClose(c, s);
}
