import { defineChecks, type Assert } from '#harness';
import type * as Solution from './solution.ts';

type M = typeof Solution;
type Row = {
  /** What Twisted does, in one line: the name of the check. */
  rule: string;
  /** Builds and fires a chain, logging what each function saw. */
  run(m: M, log: (s: string) => void, t: Assert): void;
  /** The log Twisted's Deferred produces. */
  expected: string[];
};

const msg = (f: { getErrorMessage(): string }) => f.getErrorMessage();
const boom = (s: string): never => {
  throw new Error(s);
};

const table: Row[] = [
  {
    rule: 'nothing runs before the Deferred fires; then each result goes to the next callback',
    run(m, log) {
      const d = new m.Deferred<number>();
      d.addCallback((x) => x + 1).addCallback((x) =>
        log(`cb ${x * 10}`),
      );
      log('not fired yet');
      d.callback(1);
    },
    expected: ['not fired yet', 'cb 20'],
  },
  {
    rule: 'errback(error) gives the first errback a Failure wrapping the error',
    run(m, log) {
      const d = new m.Deferred<number>();
      d.addErrback((f) => log(`${f instanceof m.Failure} ${msg(f)}`));
      d.errback(new Error('no route'));
    },
    expected: ['true no route'],
  },
  {
    rule: 'a callback that throws switches to the errback rail; callbacks are skipped',
    run(m, log) {
      const d = new m.Deferred<number>();
      d.addCallback(() => boom('bad input'))
        .addCallback(() => log('skipped callback ran'))
        .addErrback((f) => log(`eb ${msg(f)}`));
      d.callback(1);
    },
    expected: ['eb bad input'],
  },
  {
    rule: 'an errback that returns a plain value switches back to the callback rail',
    run(m, log) {
      const d = new m.Deferred<string>();
      d.addErrback(() => 'fallback').addCallback((v) => log(`cb ${v}`));
      d.errback(new Error('x'));
    },
    expected: ['cb fallback'],
  },
  {
    rule: 'an errback that returns its Failure stays on the errback rail',
    run(m, log) {
      const d = new m.Deferred<string>();
      d.addErrback((f) => f)
        .addCallback(() => log('callback ran'))
        .addErrback((f) => log(`eb2 ${msg(f)}`));
      d.errback(new Error('still bad'));
    },
    expected: ['eb2 still bad'],
  },
  {
    rule: 'an errback that throws passes the new error to the next errback',
    run(m, log) {
      const d = new m.Deferred<string>();
      d.addErrback((f) => boom(`${msg(f)}, then worse`)).addErrback(
        (f) => log(`eb2 ${msg(f)}`),
      );
      d.errback(new Error('bad'));
    },
    expected: ['eb2 bad, then worse'],
  },
  {
    rule: 'callback(aFailure) behaves like errback',
    run(m, log) {
      const d = new m.Deferred<number>();
      d.addCallbacks(
        () => log('cb'),
        (f) => log(`eb ${msg(f)}`),
      );
      d.callback(new m.Failure(new Error('sent as a value')));
    },
    expected: ['eb sent as a value'],
  },
  {
    rule: 'addCallbacks(cb, eb): eb does NOT see an error thrown by cb',
    run(m, log) {
      const d = new m.Deferred<number>();
      d.addCallbacks(
        () => boom('from cb1'),
        () => log('eb1'),
      ).addCallbacks(
        () => log('cb2'),
        (f) => log(`eb2 ${msg(f)}`),
      );
      d.callback(0);
    },
    expected: ['eb2 from cb1'],
  },
  {
    rule: 'addCallback(cb).addErrback(eb): eb DOES see an error thrown by cb',
    run(m, log) {
      const d = new m.Deferred<number>();
      d.addCallback(() => boom('from cb1'))
        .addErrback((f) => log(`eb1 ${msg(f)}`))
        .addErrback(() => log('eb2'));
      d.callback(0);
    },
    expected: ['eb1 from cb1'],
  },
  {
    rule: 'addBoth runs on either rail',
    run(m, log) {
      const ok = new m.Deferred<number>();
      ok.addBoth((r) =>
        log(`both ${r instanceof m.Failure ? 'failure' : String(r)}`),
      );
      ok.callback(5);
      const bad = new m.Deferred<number>();
      bad.addBoth((r) =>
        log(`both ${r instanceof m.Failure ? 'failure' : String(r)}`),
      );
      bad.errback(new Error('x'));
    },
    expected: ['both 5', 'both failure'],
  },
  {
    rule: 'a callback that returns an unfired Deferred pauses the chain until it fires',
    run(m, log) {
      const inner = new m.Deferred<string>();
      const d = new m.Deferred<number>();
      d.addCallback(() => inner).addCallback((v) => log(`cb2 ${v}`));
      d.callback(1);
      log('outer fired; inner not yet');
      inner.callback('from inner');
    },
    expected: ['outer fired; inner not yet', 'cb2 from inner'],
  },
  {
    rule: 'callbacks added while paused wait for the inner Deferred too',
    run(m, log) {
      const inner = new m.Deferred<string>();
      const d = new m.Deferred<number>();
      d.addCallback(() => inner);
      d.callback(1);
      d.addCallback((v) => log(`added while paused: ${v}`));
      log('still paused');
      inner.callback('late');
    },
    expected: ['still paused', 'added while paused: late'],
  },
  {
    rule: 'a failure of the inner Deferred continues on the outer errback rail',
    run(m, log) {
      const inner = new m.Deferred<string>();
      const d = new m.Deferred<number>();
      d.addCallback(() => inner)
        .addCallback(() => log('cb ran'))
        .addErrback((f) => log(`eb ${msg(f)}`));
      d.callback(1);
      inner.errback(new Error('inner failed'));
    },
    expected: ['eb inner failed'],
  },
  {
    rule: 'the inner Deferred is left holding undefined (Twisted: None)',
    run(m, log) {
      const inner = new m.Deferred<string>();
      const d = new m.Deferred<number>();
      d.addCallback(() => inner).addCallback((v) => log(`outer ${v}`));
      d.callback(1);
      inner.callback('value');
      inner.addCallback((v) => log(`inner now holds ${String(v)}`));
    },
    expected: ['outer value', 'inner now holds undefined'],
  },
  {
    rule: 'a callback that returns an already-fired Deferred continues at once with its result',
    run(m, log) {
      const ready = new m.Deferred<string>();
      ready.callback('ready');
      const d = new m.Deferred<number>();
      d.addCallback(() => ready).addCallback((v) => log(`cb2 ${v}`));
      d.callback(1);
      log('after callback()');
    },
    expected: ['cb2 ready', 'after callback()'],
  },
  {
    rule: 'callbacks added after firing run at once, inside addCallback (synchronously)',
    run(m, log) {
      const d = new m.Deferred<string>();
      d.callback('v');
      log('before addCallback');
      d.addCallback((v) => log(`cb ${v}`));
      log('after addCallback');
    },
    expected: ['before addCallback', 'cb v', 'after addCallback'],
  },
  {
    rule: 'a callback added by a running callback runs after those already in the chain',
    run(m, log) {
      const d = new m.Deferred<number>();
      d.addCallback((v) => {
        d.addCallback((w) => log(`added by cb1, got ${String(w)}`));
        log('cb1');
        return v + 1;
      }).addCallback((v) => {
        log(`cb2 ${v}`);
        return v * 10;
      });
      d.callback(1);
    },
    expected: ['cb1', 'cb2 2', 'added by cb1, got 20'],
  },
  {
    rule: 'firing twice throws AlreadyCalledError (callback or errback, either order)',
    run(m, log, t) {
      const d = new m.Deferred<number>();
      d.callback(1);
      t.throws(() => d.callback(2), /already/i, 'second callback()');
      t.throws(
        () => d.errback(new Error('x')),
        /already/i,
        'errback() after callback()',
      );
      const e = new m.Deferred<number>();
      e.errback(new Error('first'));
      e.addErrback(() => 0);
      t.throws(
        () => e.callback(3),
        /already/i,
        'callback() after errback()',
      );
      try {
        d.callback(4);
      } catch (err) {
        log(
          err instanceof m.AlreadyCalledError
            ? 'AlreadyCalledError'
            : 'another error',
        );
      }
    },
    expected: ['AlreadyCalledError'],
  },
];

export default defineChecks<M>((m, { check }) => {
  for (const row of table) {
    check(row.rule, (t) => {
      const log: string[] = [];
      row.run(m, (s) => log.push(s), t);
      t.deepEqual(
        log,
        row.expected,
        'what the callbacks saw, in order',
      );
    });
  }
});
