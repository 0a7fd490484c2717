// @runtime browser
// Twisted's inlineCallbacks and Tornado's gen.coroutine are one machine:
// run the generator to a yield, wait for what it yielded, send the
// outcome back in. Only the kind of "thing to wait for" differs.
import { Kernel } from '#kit';
import { Reactor } from '#lib/reactor';
import { Deferred } from '#lib/deferred';
import { Future } from '#lib/coroutine';

type Outcome =
  { ok: true; value: unknown } | { ok: false; error: unknown };
type Wait = (yielded: unknown, resume: (o: Outcome) => void) => void;

// #region machine
/** The whole machine. `wait` knows how to wait for one yielded thing. */
function drive<T>(
  g: Generator<unknown, T, unknown>,
  wait: Wait,
  finish: (o: Outcome) => void,
): void {
  // #region slide-step
  const step = (input: Outcome): void => {
    let r: IteratorResult<unknown, T>;
    try {
      r = input.ok ? g.next(input.value) : g.throw(input.error);
    } catch (error) {
      return finish({ ok: false, error });
    }
    if (r.done) finish({ ok: true, value: r.value });
    else wait(r.value, step); // step runs again when it is ready
  };
  // #endregion
  step({ ok: true, value: undefined });
}
// #endregion

// #region adapters
type GenFn<T> = () => Generator<unknown, T, unknown>;

// #region twisted
/** Twisted: yield Deferreds, get a Deferred back. */
const inlineCallbacks =
  <T>(f: GenFn<T>) =>
  (): Deferred<T> => {
    const d = new Deferred<T>();
    drive(
      f(),
      (y, resume) =>
        void (y as Deferred<unknown>).addCallbacks(
          (value) => void resume({ ok: true, value }),
          (failure) => void resume({ ok: false, error: failure.value }),
        ),
      (o) => (o.ok ? d.callback(o.value as T) : d.errback(o.error)),
    );
    return d;
  };
// #endregion

/** Tornado: yield Futures, get a Future back. */
const coroutine =
  <T>(f: GenFn<T>) =>
  (): Future<T> => {
    const out = new Future<T>();
    drive(
      f(),
      (y, resume) =>
        (y as Future<unknown>).addDoneCallback((fut) => {
          try {
            resume({ ok: true, value: fut.result() });
          } catch (error) {
            resume({ ok: false, error });
          }
        }),
      (o) =>
        o.ok ? out.setResult(o.value as T) : out.setException(o.error),
    );
    return out;
  };
// #endregion

const k = new Kernel();
const reactor = new Reactor(k);
const log = (who: string, what: string) =>
  console.log(
    `${String(Math.round(k.now())).padStart(4)} ms  ${who.padEnd(8)} ${what}`,
  );

/** Something that succeeds or fails after `ms`, as a Deferred... */
function deferLater(
  ms: number,
  value: unknown,
  fail = false,
): Deferred<unknown> {
  const d = new Deferred<unknown>();
  reactor.callLater(ms, () =>
    fail ? d.errback(new Error(String(value))) : d.callback(value),
  );
  return d;
}
/** ...or as a Future. */
function futureLater(
  ms: number,
  value: unknown,
  fail = false,
): Future<unknown> {
  const f = new Future<unknown>();
  reactor.callLater(ms, () =>
    fail
      ? f.setException(new Error(String(value)))
      : f.setResult(value),
  );
  return f;
}

// #region body
/** One body for both drivers; `later` makes the thing to wait for. */
function checkout(
  who: string,
  later: (ms: number, value: unknown, fail?: boolean) => unknown,
): GenFn<string> {
  return function* () {
    const user = yield later(100, 'alice');
    log(who, `user = ${String(user)}`);
    try {
      yield later(50, 'card declined', true);
    } catch (e) {
      log(who, `caught at the yield: ${(e as Error).message}`);
    }
    const items = yield later(30, 3);
    return `${String(user)} has ${String(items)} items`;
  };
}

inlineCallbacks(checkout('twisted', deferLater))().addCallback(
  (s) => void log('twisted', `Deferred fired: ${s}`),
);
coroutine(checkout('tornado', futureLater))().addDoneCallback((f) =>
  log('tornado', `Future done: ${f.result()}`),
);
reactor.run();
// #endregion
