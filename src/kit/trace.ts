/** The event trace: what happened, when, to whom. Exportable as JSON and as readable text. */

/** One trace entry. `t` is virtual ms. */
export interface TraceEvent {
  readonly t: number;
  readonly actor: string;
  readonly event: string;
  readonly fd?: number;
  readonly detail?: string;
  /** Only on the `cut` marker of a full trace: how many events were dropped there. */
  readonly dropped?: number;
}

/** Short, quoted preview of data for the trace (exactly what `JSON.stringify` writes). */
export function preview(data: string, max = 24): string {
  const n = data.length > max ? max : data.length;
  // Printable ASCII without quote or backslash needs no escaping: skip JSON.stringify (per event).
  for (let i = 0; i < n; i++) {
    const ch = data.charCodeAt(i);
    if (ch < 0x20 || ch > 0x7e || ch === 0x22 || ch === 0x5c)
      return JSON.stringify(data.length > max ? `${data.slice(0, max)}…` : data);
  }
  return data.length > max ? `"${data.slice(0, max)}…"` : `"${data}"`;
}

/** One event object, with `fd` and `detail` only when given (so JSON and key order stay the same). */
function traceEvent(
  t: number,
  actor: string,
  event: string,
  fd: number | undefined,
  detail: string | undefined,
): TraceEvent {
  return fd === undefined
    ? detail === undefined
      ? { t, actor, event }
      : { t, actor, event, detail }
    : detail === undefined
      ? { t, actor, event, fd }
      : { t, actor, event, fd, detail };
}

/** The event that stands where a full trace dropped events (`k.trace()` and the text show it). */
export const CUT_EVENT = 'cut';

/**
 * A bounded trace store. It keeps the first `ceil(limit / 2)` events and, in a ring, the last
 * `floor(limit / 2)`; events pushed out of the ring are counted in `dropped`. `events()` gives
 * the first events, then (when some were dropped) one `cut` marker event saying how many, then
 * the last events, so the start of a run and where it ended are both there.
 */
export class Tracer {
  readonly on: boolean;
  readonly limit: number;
  /** How many of the first events are always kept. */
  readonly headMax: number;
  /** How many of the latest events the ring keeps. */
  readonly tailMax: number;
  /** Events recorded and then dropped from the ring. */
  dropped = 0;
  readonly #head: TraceEvent[] = [];
  /**
   * The ring of the latest events, one array per field (no object per event: a long traced run
   * overwrites the ring many times, and objects living that long would all reach the old
   * generation before they are dropped). `events()` builds the objects.
   */
  readonly #ringT: number[] = [];
  readonly #ringActor: string[] = [];
  readonly #ringEvent: string[] = [];
  readonly #ringFd: (number | undefined)[] = [];
  readonly #ringDetail: (string | undefined)[] = [];
  /** Next slot of the ring to overwrite, once it is full. */
  #next = 0;
  /** Virtual time (ms) of the first and last dropped events. */
  #cutFrom = 0;
  #cutTo = 0;

  constructor(on: boolean, limit: number) {
    this.on = on;
    this.limit = Number.isFinite(limit) ? Math.floor(limit) : Infinity;
    this.headMax = Number.isFinite(limit) ? Math.ceil(this.limit / 2) : Infinity;
    this.tailMax = Number.isFinite(limit) ? this.limit - this.headMax : 0;
  }

  /** Appends one event; `tNs` is virtual nanoseconds. */
  add(tNs: number, actor: string, event: string, fd?: number, detail?: string): void {
    const t = tNs / 1e6;
    if (this.#head.length < this.headMax) {
      this.#head.push(traceEvent(t, actor, event, fd, detail));
      return;
    }
    const n = this.#ringT.length;
    if (n < this.tailMax) {
      this.#ringT.push(t);
      this.#ringActor.push(actor);
      this.#ringEvent.push(event);
      this.#ringFd.push(fd);
      this.#ringDetail.push(detail);
      return;
    }
    if (this.tailMax === 0) {
      if (this.dropped++ === 0) this.#cutFrom = t;
      this.#cutTo = t;
      return;
    }
    // The ring is full: the oldest event in it is dropped.
    const i = this.#next;
    const old = this.#ringT[i] as number;
    if (this.dropped++ === 0) this.#cutFrom = old;
    this.#cutTo = old;
    this.#ringT[i] = t;
    this.#ringActor[i] = actor;
    this.#ringEvent[i] = event;
    this.#ringFd[i] = fd;
    this.#ringDetail[i] = detail;
    this.#next = i + 1 === this.tailMax ? 0 : i + 1;
  }

  /** Number of events `events()` returns (the cut marker included). */
  get size(): number {
    return this.#head.length + this.#ringT.length + (this.dropped > 0 ? 1 : 0);
  }

  /** The kept events in order, with a `cut` marker where events were dropped (a new array). */
  events(): TraceEvent[] {
    const out = this.#head.slice();
    if (this.dropped > 0) out.push(this.#marker());
    const n = this.#ringT.length;
    for (let i = this.#next; i < n; i++) out.push(this.#ringAt(i));
    for (let i = 0; i < this.#next; i++) out.push(this.#ringAt(i));
    return out;
  }

  /** The last event recorded, if any. */
  last(): TraceEvent | undefined {
    const n = this.#ringT.length;
    if (n === 0) return this.#head.at(-1);
    return this.#ringAt((this.#next === 0 ? n : this.#next) - 1);
  }

  #ringAt(i: number): TraceEvent {
    return traceEvent(
      this.#ringT[i] as number,
      this.#ringActor[i] as string,
      this.#ringEvent[i] as string,
      this.#ringFd[i],
      this.#ringDetail[i],
    );
  }

  #marker(): TraceEvent {
    const from = this.#cutFrom.toFixed(3);
    const to = this.#cutTo.toFixed(3);
    const kept =
      this.tailMax > 0
        ? `the trace keeps the first ${this.headMax} and the last ${this.tailMax} events`
        : `the trace keeps the first ${this.headMax} events`;
    return {
      t: this.#cutFrom,
      actor: 'trace',
      event: CUT_EVENT,
      detail: `${this.dropped} events dropped from ${from} ms to ${to} ms (${kept}; traceLimit ${this.limit})`,
      dropped: this.dropped,
    };
  }

  /** One line per event: time, actor, event, descriptor, detail. */
  text(): string {
    const lines = this.events().map((e) => {
      if (e.event === CUT_EVENT && e.actor === 'trace' && e.dropped !== undefined)
        return `(trace limit reached: ${e.detail ?? ''})`;
      const fd = e.fd === undefined ? '' : `fd ${e.fd}`;
      const line = `${e.t.toFixed(3).padStart(10)} ms  ${e.actor.padEnd(10)} ${e.event.padEnd(12)} ${fd.padEnd(7)} ${e.detail ?? ''}`;
      return line.trimEnd();
    });
    return lines.join('\n');
  }

  /** The events as a JSON array (stable key order). */
  json(): string {
    return JSON.stringify(this.events());
  }
}
