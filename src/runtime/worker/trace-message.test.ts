// The `trace` message: built in the worker from the kernels a program created (src/kit/registry.ts),
// bounded, and validated field by field on the page like every other message (issue 15).
import { afterEach, describe, expect, it } from 'vitest';
import { Kernel } from '../../kit/index.ts';
import {
  MAX_KEPT_KERNELS,
  kernelsCreated,
  kernelsNotKept,
  recordKernels,
} from '../../kit/registry.ts';
import { TRACE_LIMITS, parseWorkerMessage, traceMessage, type TraceSource } from './protocol.ts';

afterEach(() => recordKernels(false));

function echo(): Kernel {
  const k = new Kernel();
  const s = k.socket();
  k.bind(s, 8080);
  k.listen(s);
  k.clients(8080, [{ at: 1, send: ['hello'] }]);
  const c = k.accept(s);
  k.sendall(c, k.recv(c, 100));
  k.close(c);
  return k;
}

/** A kernel stand-in with `n` events. */
function fake(n: number, index = 1): TraceSource {
  const events = Array.from({ length: n }, (_, i) => ({ t: i, actor: 'main', event: 'recv' }));
  return { index, trace: () => events, dropped: () => 3, now: () => n, actors: () => [] };
}

describe('the kernel registry', () => {
  it('keeps nothing unless a runtime turned it on', () => {
    new Kernel();
    expect(kernelsCreated()).toEqual([]);
  });

  it('keeps the kernels a program created, in order, up to its bound', () => {
    recordKernels(true);
    for (let i = 0; i < MAX_KEPT_KERNELS + 3; i++) new Kernel();
    expect(kernelsCreated().map((k) => k.index)).toEqual(
      Array.from({ length: MAX_KEPT_KERNELS }, (_, i) => i + 1),
    );
    expect(kernelsNotKept()).toBe(3);
    recordKernels(true); // a new run forgets the last one's
    expect(kernelsCreated()).toEqual([]);
    expect(kernelsNotKept()).toBe(0);
  });

  it('does not change what a kernel does', () => {
    const plain = echo().traceText();
    recordKernels(true);
    expect(echo().traceText()).toBe(plain);
  });
});

describe('traceMessage and its validation', () => {
  it('carries a real trace through parseWorkerMessage unchanged', () => {
    recordKernels(true);
    const k = echo();
    const m = traceMessage(kernelsCreated(), kernelsNotKept(), true)!;
    expect(m.kernels[0]!.events).toEqual(k.trace());
    expect(m.kernels[0]!.actors).toEqual([
      { actor: 'main', state: 'running', waitingFor: '', cooperative: false },
    ]);
    // What crosses to the page is a structured clone: plain data.
    expect(parseWorkerMessage(structuredClone(m))).toEqual(m);
  });

  it('sends nothing for a program that made no kernel', () => {
    expect(traceMessage([], 0, true)).toBeUndefined();
  });

  it('cuts each trace to its bound, keeping its start and its end, and counts what it left out', () => {
    const total = TRACE_LIMITS.eventsPerKernel + 10;
    const m = traceMessage([fake(total)], 0, true)!;
    const events = m.kernels[0]!.events;
    expect(events).toHaveLength(TRACE_LIMITS.eventsPerKernel);
    // The kit's own drops, then the runtime's: the 11 events replaced by one marker.
    expect(m.kernels[0]!.dropped).toBe(3 + 11);
    const cut = events.findIndex((e) => e.event === 'cut');
    expect(cut).toBe(Math.floor((TRACE_LIMITS.eventsPerKernel - 1) / 2));
    expect(events[cut]!.detail).toMatch(/^11 events dropped from /);
    const all = fake(total).trace();
    expect(events[0]).toEqual(all[0]);
    expect(events.at(-1)).toEqual(all.at(-1)); // the end of the run reaches the page
    expect(parseWorkerMessage(m)).toEqual(m);
  });

  it('bounds all kernels together, and counts kernels it did not send', () => {
    const many = Array.from({ length: TRACE_LIMITS.kernels + 2 }, (_, i) =>
      fake(TRACE_LIMITS.eventsPerKernel, i + 1),
    );
    const m = traceMessage(many, 1, false)!;
    expect(m.kernels).toHaveLength(TRACE_LIMITS.kernels);
    expect(m.kernels.reduce((n, k) => n + k.events.length, 0)).toBe(TRACE_LIMITS.events);
    expect(m.kernelsNotSent).toBe(3);
    expect(m.complete).toBe(false);
    expect(parseWorkerMessage(m)).toEqual(m);
  });

  const valid = () => ({
    type: 'trace',
    kernels: [
      {
        index: 1,
        events: [{ t: 1, actor: 'main', event: 'recv', fd: 4, detail: 'EOF' }],
        dropped: 0,
        now: 1,
        actors: [
          { actor: 'main', state: 'blocked', waitingFor: 'accept on fd 3', cooperative: false },
        ],
      },
    ],
    kernelsNotSent: 0,
    complete: true,
  });

  it('accepts exactly the fields it knows, and clips long text', () => {
    const data = valid() as Record<string, unknown> & ReturnType<typeof valid>;
    data['extra'] = 'x';
    (data.kernels[0]!.events[0] as Record<string, unknown>)['more'] = 1;
    data.kernels[0]!.events[0]!.detail = 'd'.repeat(10_000);
    const m = parseWorkerMessage(data);
    expect(m).toBeDefined();
    expect(Object.keys(m!)).toEqual(['type', 'kernels', 'kernelsNotSent', 'complete']);
    if (m?.type !== 'trace') throw new Error('not a trace');
    expect(Object.keys(m.kernels[0]!.events[0]!)).toEqual(['t', 'actor', 'event', 'fd', 'detail']);
    expect(m.kernels[0]!.events[0]!.detail).toHaveLength(TRACE_LIMITS.detailChars);
  });

  it.each([
    [
      'a time that is not a number',
      (d: ReturnType<typeof valid>) => ((d.kernels[0]!.events[0] as { t: unknown }).t = '1'),
    ],
    ['a negative time', (d: ReturnType<typeof valid>) => (d.kernels[0]!.events[0]!.t = -1)],
    ['an infinite time', (d: ReturnType<typeof valid>) => (d.kernels[0]!.now = Infinity)],
    [
      'a descriptor that is not an integer',
      (d: ReturnType<typeof valid>) => (d.kernels[0]!.events[0]!.fd = 1.5),
    ],
    [
      'an actor that is not a string',
      (d: ReturnType<typeof valid>) => ((d.kernels[0]!.events[0] as { actor: unknown }).actor = 7),
    ],
    [
      'an unknown actor state',
      (d: ReturnType<typeof valid>) =>
        ((d.kernels[0]!.actors[0] as { state: string }).state = 'zombie'),
    ],
    [
      'a missing complete flag',
      (d: ReturnType<typeof valid>) => delete (d as { complete?: boolean }).complete,
    ],
    [
      'kernels that are not a list',
      (d: ReturnType<typeof valid>) => ((d as { kernels: unknown }).kernels = {}),
    ],
    [
      'too many events',
      (d: ReturnType<typeof valid>) =>
        (d.kernels[0]!.events = Array.from({ length: TRACE_LIMITS.eventsPerKernel + 1 }, () => ({
          t: 0,
          actor: 'main',
          event: 'x',
          fd: 0,
          detail: '',
        }))),
    ],
    [
      'too many kernels',
      (d: ReturnType<typeof valid>) =>
        (d.kernels = Array.from({ length: TRACE_LIMITS.kernels + 1 }, () => d.kernels[0]!)),
    ],
  ])('refuses %s', (_what, spoil) => {
    const d = valid();
    spoil(d);
    expect(parseWorkerMessage(d)).toBeUndefined();
  });
});
