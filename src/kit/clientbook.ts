/**
 * What a group of scripted clients (`k.clients()`) has recorded, kept compactly until the program
 * asks to see it.
 *
 * Each client's public record (`ClientResult`: its state, times, replies and latencies) is made
 * when the program first reads `group.clients`, not when the clients start. Until then a client
 * keeps its state in its own task (`ClientFacts`) and its replies go to one log per group: three
 * columns appended in arrival order (client index, latency, reply). A reply then touches no
 * per-client array: an echo benchmark that never reads the records (it reads `k.stats()`) saves a
 * record, two arrays and their backing stores per client, about 450 bytes that the garbage
 * collector would copy twice while the connection lives. Once made, the records are kept and
 * updated live, exactly as before: replies go straight into their arrays and every change of
 * state is copied into them.
 */
import type { ClientResult, ClientState } from './clients.ts';
import type { ErrorCode } from './errors.ts';

/** A client's own copy of what its record shows (times in integer ns, -1 for none yet). */
export interface ClientFacts {
  readonly name: string;
  readonly status: ClientState;
  readonly connectedNs: number;
  readonly finishedNs: number;
  readonly failure: ErrorCode | null;
}

function ms(ns: number): number | null {
  return ns < 0 ? null : ns / 1e6; // the value `k.now()` had at that moment
}

/** The replies of a group of clients, and their records once the program has asked for them. */
export class ClientBook {
  readonly #clients: readonly ClientFacts[];
  /**
   * The log, before the records exist: entry `j` is a reply of client `#who[j]`. Its columns
   * double when full (`#rep` too: an array that grows by `push` is copied about 25 times on the
   * way to 100,000 entries).
   */
  #who: Int32Array;
  #lat: Float64Array;
  #rep: string[];
  #n = 0;
  #records: ClientResult[] | null = null;

  /**
   * `expected`: how many replies the clients' scripts ask for, the log's first capacity (at
   * least 64 and at most 2^20 entries; anything else, such as NaN from a malformed script, 64).
   */
  constructor(clients: readonly ClientFacts[], expected: number) {
    this.#clients = clients;
    const cap = expected > 64 ? Math.min(Math.floor(expected), 1 << 20) : 64;
    this.#who = new Int32Array(cap);
    this.#lat = new Float64Array(cap);
    this.#rep = new Array<string>(cap).fill('');
  }

  /**
   * Records a complete reply of client `i`, `ns` (integer ns) after its request; its latency is
   * `ns / 1e6` ms. (Passed in ns, a small integer, rather than in ms: a fractional number passed
   * to a call that V8 does not inline is boxed in a heap object of its own.)
   */
  reply(i: number, got: string, ns: number): void {
    const records = this.#records;
    if (records !== null) {
      const r = records[i] as ClientResult;
      r.replies.push(got);
      r.latencies.push(ns / 1e6);
      return;
    }
    const n = this.#n;
    if (n === this.#who.length) this.#grow();
    this.#who[n] = i;
    this.#lat[n] = ns / 1e6;
    this.#rep[n] = got;
    this.#n = n + 1;
  }

  /** Client `i` changed state (or times, or error): its record follows, if it exists. */
  changed(i: number): void {
    const records = this.#records;
    if (records === null) return;
    const r = records[i] as ClientResult;
    const f = this.#clients[i] as ClientFacts;
    r.state = f.status;
    r.connectedAt = ms(f.connectedNs);
    r.finishedAt = ms(f.finishedNs);
    r.error = f.failure;
  }

  /** The clients' records, made on the first call from the log (then kept and updated live). */
  records(): ClientResult[] {
    if (this.#records !== null) return this.#records;
    const records = this.#clients.map((f): ClientResult => ({
      name: f.name,
      state: f.status,
      connectedAt: ms(f.connectedNs),
      finishedAt: ms(f.finishedNs),
      latencies: [],
      replies: [],
      error: f.failure,
    }));
    for (let j = 0; j < this.#n; j++) {
      const r = records[this.#who[j] as number] as ClientResult;
      r.latencies.push(this.#lat[j] as number);
      r.replies.push(this.#rep[j] as string);
    }
    this.#records = records;
    this.#who = new Int32Array(0);
    this.#lat = new Float64Array(0);
    this.#rep = [];
    this.#n = 0;
    return records;
  }

  /** Every recorded latency, in client order (each client's in the order they came). */
  latencies(): number[] {
    const records = this.#records;
    if (records !== null) return records.flatMap((r) => r.latencies);
    // A stable counting sort of the log by client: where each client's latencies start.
    const n = this.#n;
    const at = new Int32Array(this.#clients.length + 1);
    for (let j = 0; j < n; j++) {
      const k = (this.#who[j] as number) + 1;
      at[k] = (at[k] as number) + 1;
    }
    for (let i = 1; i < at.length; i++) at[i] = (at[i] as number) + (at[i - 1] as number);
    const out = new Array<number>(n).fill(0);
    for (let j = 0; j < n; j++) {
      const i = this.#who[j] as number;
      out[at[i] as number] = this.#lat[j] as number;
      at[i] = (at[i] as number) + 1;
    }
    return out;
  }

  #grow(): void {
    const who = new Int32Array(Math.max(64, this.#who.length * 2));
    who.set(this.#who);
    this.#who = who;
    const lat = new Float64Array(this.#lat.length * 2);
    lat.set(this.#lat);
    this.#lat = lat;
    const rep = new Array<string>(who.length).fill('');
    for (let j = 0; j < this.#n; j++) rep[j] = this.#rep[j] as string;
    this.#rep = rep;
  }
}
