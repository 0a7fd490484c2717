import { afterEach, describe, expect, it } from 'vitest';
import {
  AlreadyCalledError,
  Deferred,
  Failure,
  fail,
  maybeDeferred,
  reportUnhandled,
  succeed,
} from './deferred.ts';

afterEach(() => {
  reportUnhandled(() => {}); // forget what a test left failing
});

const boom = (msg = 'boom') => {
  throw new Error(msg);
};

describe('Deferred', () => {
  it('passes each result to the next callback', () => {
    const seen: unknown[] = [];
    const d = new Deferred<number>();
    d.addCallback((x) => x + 1)
      .addCallback((x) => x * 10)
      .addCallback((x) => void seen.push(x));
    expect(seen).toEqual([]);
    d.callback(1);
    expect(seen).toEqual([20]);
  });

  it('a throwing callback switches to the errback rail; callbacks are skipped', () => {
    const seen: string[] = [];
    const d = new Deferred<number>();
    d.addCallback(() => boom('bad'))
      .addCallback(() => void seen.push('skipped?'))
      .addErrback((f) => void seen.push(`eb ${f.getErrorMessage()}`));
    d.callback(1);
    expect(seen).toEqual(['eb bad']);
  });

  it('an errback that returns a value switches back to the callback rail', () => {
    const seen: unknown[] = [];
    const d = new Deferred<string>();
    d.addErrback(() => 'recovered').addCallback((v) => void seen.push(v));
    d.errback(new Error('x'));
    expect(seen).toEqual(['recovered']);
  });

  it('an errback that returns or throws a Failure stays on the errback rail', () => {
    const seen: string[] = [];
    const d = new Deferred<string>();
    d.addErrback((f) => f)
      .addErrback((f) => {
        throw new Failure(new TypeError(f.getErrorMessage() + '!'));
      })
      .addCallback(() => void seen.push('cb'))
      .addErrback((f) => void seen.push(`${f.type} ${f.getErrorMessage()}`));
    d.errback(new RangeError('x'));
    expect(seen).toEqual(['TypeError x!']);
  });

  it('addCallbacks(cb, eb): eb does not see cb’s failure', () => {
    const seen: string[] = [];
    const d = new Deferred<number>();
    d.addCallbacks(
      () => boom('in cb'),
      () => void seen.push('eb1'),
    ).addCallbacks(
      () => void seen.push('cb2'),
      (f) => void seen.push(`eb2 ${f.getErrorMessage()}`),
    );
    d.callback(0);
    expect(seen).toEqual(['eb2 in cb']);
  });

  it('addCallback(cb).addErrback(eb): eb does see cb’s failure', () => {
    const seen: string[] = [];
    const d = new Deferred<number>();
    d.addCallback(() => boom('in cb')).addErrback(
      (f) => void seen.push(`eb1 ${f.getErrorMessage()}`),
    );
    d.callback(0);
    expect(seen).toEqual(['eb1 in cb']);
  });

  it('a callback returning an unfired Deferred pauses the chain', () => {
    const seen: unknown[] = [];
    const inner = new Deferred<string>();
    const d = new Deferred<number>();
    d.addCallback(() => inner).addCallback((v) => void seen.push(v));
    d.callback(1);
    expect(seen).toEqual([]);
    expect(d.paused).toBe(true);
    d.addCallback(() => void seen.push('added while paused'));
    inner.callback('inner result');
    expect(seen).toEqual(['inner result', 'added while paused']);
    expect(d.paused).toBe(false);
    // Twisted leaves the inner Deferred holding None.
    inner.addCallback((v) => void seen.push(v));
    expect(seen.at(-1)).toBe(undefined);
  });

  it('an inner failure continues on the outer errback rail', () => {
    const seen: string[] = [];
    const inner = new Deferred<string>();
    const d = new Deferred<number>();
    d.addCallback(() => inner).addErrback((f) => void seen.push(f.getErrorMessage()));
    d.callback(1);
    inner.errback(new Error('inner failed'));
    expect(seen).toEqual(['inner failed']);
    expect(reportUnhandled(() => {})).toEqual([]);
  });

  it('a callback returning an already-fired Deferred takes its result at once', () => {
    const seen: unknown[] = [];
    const d = succeed(1);
    d.addCallback(() => succeed('now')).addCallback((v) => void seen.push(v));
    expect(seen).toEqual(['now']);
  });

  it('firing twice throws AlreadyCalledError, whichever way', () => {
    const d = new Deferred<number>();
    d.callback(1);
    expect(() => d.callback(2)).toThrow(AlreadyCalledError);
    expect(() => d.errback(new Error('late'))).toThrow(AlreadyCalledError);
    const e = fail<number>(new Error('x'));
    expect(() => e.callback(1)).toThrow(AlreadyCalledError);
  });

  it('callbacks added after firing run synchronously, inside addCallback', () => {
    const order: string[] = [];
    const d = succeed('v');
    order.push('before');
    d.addCallback((v) => void order.push(`cb ${v}`));
    order.push('after');
    expect(order).toEqual(['before', 'cb v', 'after']);
  });

  it('callbacks added by a running callback run in the same pass, in order', () => {
    const order: string[] = [];
    const d = new Deferred<number>();
    d.addCallback((v) => {
      d.addCallback((w) => void order.push(`added ${w}`));
      order.push('first');
      return v + 1;
    });
    d.addCallback((v) => {
      order.push(`second ${v}`);
      return v;
    });
    d.callback(1);
    expect(order).toEqual(['first', 'second 2', 'added 2']);
  });

  it('callback(aFailure) behaves like errback', () => {
    const seen: string[] = [];
    const d = new Deferred<number>();
    d.addCallbacks(
      () => void seen.push('cb'),
      (f) => void seen.push(`eb ${f.getErrorMessage()}`),
    );
    d.callback(new Failure(new Error('via callback')));
    expect(seen).toEqual(['eb via callback']);
  });

  it('addBoth runs on either rail', () => {
    const seen: string[] = [];
    succeed(1).addBoth(() => void seen.push('ok'));
    fail(new Error('x')).addBoth(() => void seen.push('failed'));
    expect(seen).toEqual(['ok', 'failed']);
  });

  it('chainDeferred fires the other Deferred', () => {
    const seen: unknown[] = [];
    const a = new Deferred<number>();
    const b = new Deferred<number>();
    b.addCallback((v) => void seen.push(v));
    a.chainDeferred(b);
    a.callback(7);
    expect(seen).toEqual([7]);
  });

  it('pause and unpause hold the chain', () => {
    const seen: unknown[] = [];
    const d = new Deferred<number>();
    d.pause();
    d.addCallback((v) => void seen.push(v));
    d.callback(3);
    expect(seen).toEqual([]);
    d.unpause();
    expect(seen).toEqual([3]);
  });

  it('a callback returning its own Deferred becomes a TypeError failure', () => {
    const seen: string[] = [];
    const d = new Deferred<number>();
    d.addCallback(() => d).addErrback((f) => void seen.push(f.type));
    d.callback(1);
    expect(seen).toEqual(['TypeError']);
  });

  it('reports unhandled failures once, and not handled ones', () => {
    const lines: string[] = [];
    fail(new Error('nobody handled me'));
    fail(new Error('handled')).addErrback(() => 'fine');
    const chained = new Deferred<number>();
    chained.addCallback(() => boom('late'));
    chained.callback(1);
    const reported = reportUnhandled((l) => lines.push(l));
    expect(reported.map((f) => f.getErrorMessage())).toEqual(['nobody handled me', 'late']);
    expect(lines[0]).toBe('Unhandled error in Deferred: [Failure Error: nobody handled me]');
    expect(reportUnhandled(() => {})).toEqual([]);
  });

  it('a failure later handled is no longer reported', () => {
    const d = fail(new Error('x'));
    d.addErrback(() => 0);
    expect(reportUnhandled(() => {})).toEqual([]);
  });
});

describe('Failure', () => {
  class SpamError extends Error {}
  class EggError extends Error {}
  it('check and trap match on the error class', () => {
    const f = new Failure(new EggError('e'));
    expect(f.check(SpamError, EggError)).toBe(EggError);
    expect(f.check(SpamError)).toBe(undefined);
    expect(f.trap(EggError)).toBe(EggError);
    expect(() => f.trap(SpamError)).toThrow(Failure);
  });
  it('a trap in an errback passes other failures on', () => {
    const seen: string[] = [];
    fail(new SpamError('s'))
      .addErrback((f) => {
        f.trap(EggError);
        seen.push('egg handled');
      })
      .addErrback((f) => void seen.push(`next errback: ${f.getErrorMessage()}`));
    expect(seen).toEqual(['next errback: s']);
  });
  it('describes non-Error values', () => {
    expect(new Failure('text').toString()).toBe('[Failure string: text]');
    expect(new Failure(new Failure(new TypeError('t'))).type).toBe('TypeError');
  });
});

describe('maybeDeferred', () => {
  it('wraps values, errors and Deferreds', () => {
    const seen: unknown[] = [];
    maybeDeferred(() => 1).addCallback((v) => void seen.push(v));
    maybeDeferred(() => boom('sync')).addErrback((f) => void seen.push(f.getErrorMessage()));
    const d = succeed('d');
    expect(maybeDeferred(() => d)).toBe(d);
    expect(seen).toEqual([1, 'sync']);
  });
});
