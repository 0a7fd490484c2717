/** The event trace: what happened, when, to whom. Exportable as JSON and as readable text. */

/** One trace entry. `t` is virtual ms. */
export interface TraceEvent {
  readonly t: number;
  readonly actor: string;
  readonly event: string;
  readonly fd?: number;
  readonly detail?: string;
}

/** Short, quoted preview of data for the trace. */
export function preview(data: string, max = 24): string {
  return JSON.stringify(data.length > max ? `${data.slice(0, max)}…` : data);
}

/** Records events up to a limit (then counts what it dropped). */
export class Tracer {
  readonly events: TraceEvent[] = [];
  readonly on: boolean;
  readonly limit: number;
  dropped = 0;

  constructor(on: boolean, limit: number) {
    this.on = on;
    this.limit = limit;
  }

  /** Appends one event; `tNs` is virtual nanoseconds. */
  add(tNs: number, actor: string, event: string, fd?: number, detail?: string): void {
    if (this.events.length >= this.limit) {
      this.dropped++;
      return;
    }
    const t = tNs / 1e6;
    const e: TraceEvent =
      fd === undefined
        ? detail === undefined
          ? { t, actor, event }
          : { t, actor, event, detail }
        : detail === undefined
          ? { t, actor, event, fd }
          : { t, actor, event, fd, detail };
    this.events.push(e);
  }

  /** One line per event: time, actor, event, descriptor, detail. */
  text(): string {
    const lines = this.events.map((e) => {
      const fd = e.fd === undefined ? '' : `fd ${e.fd}`;
      const line = `${e.t.toFixed(3).padStart(10)} ms  ${e.actor.padEnd(10)} ${e.event.padEnd(12)} ${fd.padEnd(7)} ${e.detail ?? ''}`;
      return line.trimEnd();
    });
    if (this.dropped > 0) lines.push(`(trace limit reached: ${this.dropped} more events dropped)`);
    return lines.join('\n');
  }

  /** The events as a JSON array (stable key order). */
  json(): string {
    return JSON.stringify(this.events);
  }
}
