/**
 * python-greenlet for TypeScript: stackful coroutines ("greenlets") that share one heap. A plain
 * function, several calls deep, calls `other.switch()` and later resumes exactly there. Chapter 9
 * ("Green threads", `/lessons/green-threads/`) teaches it; gevent-style libraries build on it.
 *
 * ```ts
 * import { greenlet } from '#lib/greenlet';
 *
 * function test1() {
 *   console.log(12);
 *   gr2.switch();
 *   console.log(34);
 * }
 * function test2() {
 *   console.log(56);
 *   gr1.switch();
 *   console.log(78);
 * }
 * const gr1 = greenlet(test1);
 * const gr2 = greenlet(test2);
 * gr1.switch(); // prints 12, 56, 34
 * ```
 *
 * ## How a JavaScript function can be suspended mid-stack
 *
 * JavaScript has no stackful coroutines, so a module that imports `#lib/greenlet` (or
 * `#lib/gevent`) is rewritten before it runs by `transformGreen` (`src/runtime/green-transform.ts`), the
 * way a compiler would colour every function for you:
 *
 * - every ordinary function (declaration, expression, arrow, object/class method) becomes a
 *   generator function plus a plain wrapper that has the same name and runs the generator to the
 *   end. The wrapper carries the generator under the `RESUMABLE` symbol, so the function still
 *   works when `Array.prototype.map`, `setTimeout` or untransformed code calls it;
 * - every call inside such a function goes through a helper (`__green.c1(f, a)` and friends) that
 *   looks for `RESUMABLE` on the callee: if it is there, the caller `yield*`s into the callee's
 *   generator, so the whole chain of transformed calls is one chain of generators; otherwise it
 *   calls the callee plainly;
 * - `g.switch()` reached through that chain `yield`s a request. The request travels up the
 *   `yield*` chain to the greenlet's driver, the frames in between stay suspended in their
 *   generator objects, and the driver resumes the target greenlet's chain.
 *
 * The module's top level, and any code that was not transformed, is the main greenlet, running
 * on the real JavaScript stack. A `switch()` from main runs a driver loop (a trampoline) that
 * resumes greenlets one after another until control comes back to main, and then returns.
 *
 * ## What cannot switch
 *
 * A switch out of a non-main greenlet must unwind to its driver through generator frames only.
 * If a transformed function was called plainly inside a greenlet (as the callback of
 * `Array.prototype.forEach`, `sort`, a getter, a constructor, an `async` function, a learner's
 * own generator, a `.call`/`.apply`/`.bind` of it, a tagged template, an optional call `f?.()`)
 * the frames of that plain caller are real stack frames that cannot be suspended: such a switch
 * throws a `GreenletError` ("cannot switch from inside a callback called by non-green code")
 * at the `switch()` call. Switching to the greenlet that is already running is allowed
 * everywhere (it returns at once, as in greenlet). Main can switch from anywhere.
 *
 * ## Semantics (python-greenlet's, with the JavaScript mapping)
 *
 * - `greenlet(run, parent?)` or `new Greenlet(run, parent?)`; the parent defaults to the
 *   greenlet that is current at creation. Subclasses may define a `run()` method instead.
 * - `g.switch(...args)`: the first switch calls `run(...args)`. Later, the `switch()` call at
 *   which `g` was suspended returns: nothing → `undefined` (Python: `()`), one argument → that
 *   value, several → an array of them (Python: a tuple). JavaScript has no keyword arguments:
 *   pass an object.
 * - When `run` returns, its value is sent to the parent: the parent's pending `switch()` returns
 *   it (an unstarted parent starts with it as its one argument). An error that escapes `run` is
 *   thrown in the parent at its pending `switch()`; a `GreenletExit` that escapes is returned to
 *   the parent as a value instead.
 * - Switching to a dead greenlet goes to its parent, or the parent's parent, and so on.
 * - `g.throw(err?)` resumes `g` by throwing `err` (default `new GreenletExit()`; a class is
 *   instantiated) at its pending `switch()`. Into an unstarted greenlet: it dies without running
 *   and the error goes to its parent. Into a dead greenlet: a `GreenletExit` comes straight back
 *   as a value, any other error is thrown in the first live ancestor.
 * - `g.parent` is settable; a cycle throws `ValueError: cyclic parent chain`, a non-greenlet
 *   `TypeError: parent must be a greenlet`; the main greenlet's parent cannot be set at all
 *   (`AttributeError: cannot set the parent of a main greenlet`). `g.dead`, `g.started`, `g.active` (Python's
 *   `bool(g)`: started and not dead), `getcurrent()`, `g.run` (until it starts).
 * - Kit traces: each switch leaves a `greenlet` event (actor `main`, detail `to <name>`) in the
 *   trace of every kit kernel the program created, stamped with the time of that kernel's next
 *   event (a switch costs no virtual time); the workbench's timeline then gives each greenlet a
 *   lane. The kernel itself still sees one thread: greenlets live in user space.
 * - Not modelled: threads, `gr_context`, `gr_frame`, `settrace`, and the `GreenletExit` greenlet
 *   raises into a suspended greenlet that is garbage-collected (here it is simply collected).
 *
 * ## For library code written by hand (gevent and friends)
 *
 * Library files are not transformed. A library function that must be able to switch when
 * transformed code calls it is written as a generator and wrapped with `resumable`:
 *
 * ```ts
 * export const wait = resumable(function* wait(ms: number) {
 *   // ... register a wake-up that will hub.switch back to `current` ...
 *   return yield* switchTo(hub); // suspends the caller's whole greenlet
 * });
 * ```
 *
 * Inside such a generator use `yield* switchTo(g, ...args)`, `yield* throwTo(g, err)` and, to
 * call learner functions so that they can switch too, `yield* callResumable(fn, thisArg, args)`.
 * Called plainly (from main, or untransformed code) a `resumable` function runs its generator to
 * the end, switching through the trampoline when it is in main.
 */

import { recordGreenSwitches, traceGreenExit, traceGreenSwitch } from '../kit/trace.ts';

// Kit kernels record this module's switches in their traces from now on (see `enter`).
recordGreenSwitches();

/** The property under which a plain wrapper keeps its generator version. */
export const RESUMABLE: unique symbol = Symbol.for('async-io-course.greenlet.resumable');

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyFn = (...args: any[]) => any;
type Gen = Generator<unknown, unknown, unknown>;
type GenFn = (this: unknown, ...args: unknown[]) => Gen;
type Marked = { [RESUMABLE]?: GenFn };

/** Raised into a greenlet by `throw()` with no argument; when it escapes, it is a value. */
export class GreenletExit extends Error {
  constructor(message = '') {
    super(message);
    this.name = 'GreenletExit';
  }
}

/** greenlet's `greenlet.error`: a switch that cannot be done. */
export class GreenletError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GreenletError';
  }
}

/** An `Error` named after the Python exception greenlet raises (`ValueError`, `AttributeError`). */
function pythonError(name: 'ValueError' | 'AttributeError', message: string): Error {
  const e = new Error(message);
  e.name = name;
  return e;
}

const UNSTARTED = 0;
const ACTIVE = 1;
const DEAD = 2;
/** What a transfer carries: arguments (an array) or an error to throw. */
const ARGS = 0;
const THROW = 1;

/**
 * The request a switching generator yields to its driver. There is only ever one in flight, so
 * it is one shared object whose fields are overwritten (no allocation per switch).
 */
/** `thisArg` of `wrap` for an arrow that does not use `this`. */
const NO_THIS = Symbol('no this');

const request = {
  target: undefined as unknown as Greenlet,
  kind: ARGS,
  payload: undefined as unknown,
};

const CALLBACK_HINT =
  'cannot switch from inside a callback called by non-green code (e.g. Array.prototype.forEach, ' +
  'a getter, a constructor, an async function or a generator): only code the greenlet transform ' +
  'reached through ordinary calls can be suspended. Use a for...of loop instead of forEach/map, ' +
  'or switch from the main greenlet.';

/** `undefined`, the one value, or an array: what a resumed `switch()` returns. */
function unpack(args: unknown): unknown {
  const a = args as unknown[];
  return a.length === 0 ? undefined : a.length === 1 ? a[0] : a;
}

function* plainRun(fn: AnyFn, self: unknown, args: unknown[]): Gen {
  return fn.apply(self, args);
}

let current: Greenlet;
let nameGreenlet: (g: Greenlet, name: string) => void;
// Assigned once, below the class: its constructor reads it (undefined while main is being made).
// eslint-disable-next-line prefer-const
let main: Greenlet;

/** A greenlet: a stack of (generator) frames that control can be switched into and out of. */
export class Greenlet {
  #run: AnyFn | undefined;
  #parent: Greenlet | null;
  #state: number;
  #it: Gen | undefined = undefined;
  /** Its name in kit traces: the run function's, a subclass's, or one a library gave it. */
  #traceName: string;

  static {
    nameGreenlet = (g, name) => {
      g.#traceName = name;
    };
  }

  constructor(run?: AnyFn, parent?: Greenlet | null) {
    this.#run = run;
    this.#state = UNSTARTED;
    this.#parent = null;
    const own = new.target === Greenlet ? '' : new.target.name;
    this.#traceName = run?.name || own || 'greenlet';
    // The first greenlet ever made is main: it is running (the real stack) and has no parent.
    if (main === undefined) {
      this.#traceName = 'main';
      this.#state = ACTIVE;
      return;
    }
    this.parent = parent ?? current;
  }

  /** The function this greenlet will run; gone once it has started (as in greenlet). */
  get run(): AnyFn | undefined {
    return this.#run;
  }
  set run(fn: AnyFn | undefined) {
    if (this.#state !== UNSTARTED)
      throw new TypeError('run cannot be set after the start of the greenlet');
    this.#run = fn;
  }

  /** Where control goes when this greenlet finishes; `null` only for the main greenlet. */
  get parent(): Greenlet | null {
    return this.#parent;
  }
  set parent(p: Greenlet | null) {
    // As in greenlet, main refuses any new parent before the value is even looked at.
    if (this === main)
      throw pythonError('AttributeError', 'cannot set the parent of a main greenlet');
    if (!(p instanceof Greenlet)) throw new TypeError('parent must be a greenlet');
    for (let g: Greenlet | null = p; g !== null; g = g.#parent) {
      if (g === this) throw pythonError('ValueError', 'cyclic parent chain');
    }
    this.#parent = p;
  }

  /** True once `run` has returned or thrown. The main greenlet is never dead. */
  get dead(): boolean {
    return this.#state === DEAD;
  }
  /** True once the greenlet was first switched to (it may be dead since). */
  get started(): boolean {
    return this.#state !== UNSTARTED;
  }
  /** Python's `bool(g)`: started and not dead. */
  get active(): boolean {
    return this.#state === ACTIVE;
  }

  /**
   * Switches to this greenlet, sending `args`. Returns, when someone switches back to the caller,
   * what they sent (see the module documentation for the mapping of several arguments).
   */
  switch(...args: unknown[]): unknown {
    return plainSwitch(this, ARGS, args);
  }

  /** Resumes this greenlet by throwing `err` (default: a new `GreenletExit`) at its `switch()`. */
  throw(err?: unknown): unknown {
    const [kind, payload] = throwPayload(this, err);
    return plainSwitch(this, kind, payload);
  }

  toString(): string {
    const what =
      this === main
        ? 'main'
        : this.#state === UNSTARTED
          ? 'unstarted'
          : this.#state === DEAD
            ? 'dead'
            : 'active';
    return `<greenlet ${this.#run?.name || (this === main ? 'main' : 'anonymous')} (${what})>`;
  }

  /**
   * The trampoline: runs greenlets one after another, starting with `target`, until control
   * reaches the main greenlet. Only main calls it (from a plain `switch()`).
   */
  static drive(target: Greenlet, kind: number, payload: unknown): unknown {
    let t = target;
    let k = kind;
    let p = payload;
    for (;;) {
      while (t.#state === DEAD) t = t.#parent!;
      if (t === main) {
        Greenlet.#enter(main);
        if (k === THROW) throw p;
        return unpack(p);
      }
      Greenlet.#enter(t);
      let r: IteratorResult<unknown, unknown>;
      try {
        if (t.#state === UNSTARTED) {
          t.#state = ACTIVE;
          // An error sent to a greenlet that never ran kills it before `run` starts.
          if (k === THROW) throw p;
          t.#it = Greenlet.#start(t, p as unknown[]);
          r = t.#it.next();
        } else if (k === THROW) {
          r = t.#it!.throw!(p);
        } else {
          r = t.#it!.next(unpack(p));
        }
      } catch (e) {
        t.#state = DEAD;
        t.#it = undefined;
        traceGreenExit(t, t.#traceName);
        if (e instanceof GreenletExit) {
          k = ARGS;
          p = [e];
        } else {
          k = THROW;
          p = e;
        }
        t = t.#parent!;
        continue;
      }
      if (r.done === true) {
        t.#state = DEAD;
        t.#it = undefined;
        traceGreenExit(t, t.#traceName);
        k = ARGS;
        p = [r.value];
        t = t.#parent!;
        continue;
      }
      // `r.value` is `request`: the greenlet asked to switch.
      t = request.target;
      k = request.kind;
      p = request.payload;
    }
  }

  /** Makes `g` current; a change is a switch, which the kit's traces record. */
  static #enter(g: Greenlet): void {
    if (g === current) return;
    current = g;
    traceGreenSwitch(g === main ? null : g, g.#traceName);
  }

  static #start(t: Greenlet, args: unknown[]): Gen {
    const own = t.#run;
    // A subclass's `run()` method is called on the greenlet, a function passed in is not.
    const fn = own ?? (t.run as AnyFn | undefined);
    const self = own === undefined ? t : undefined;
    t.#run = undefined;
    if (typeof fn !== 'function')
      throw new TypeError(`greenlet has no run function (got ${String(fn)})`);
    const gen = (fn as Marked)[RESUMABLE];
    return gen !== undefined ? gen.apply(self, args) : plainRun(fn, self, args);
  }

  /** Where a switch from plain code inside `current` to `target` would land, if allowed. */
  static landsOnCurrent(target: Greenlet): boolean {
    let t = target;
    while (t.#state === DEAD) t = t.#parent!;
    return t === current;
  }
}

main = new Greenlet();
current = main;

function throwPayload(g: Greenlet, err: unknown): [number, unknown] {
  let e: unknown = err === undefined ? new GreenletExit() : err;
  if (typeof e === 'function') e = new (e as new () => object)();
  // greenlet: a GreenletExit thrown into a dead greenlet turns into a plain return value.
  if (g.dead && e instanceof GreenletExit) return [ARGS, [e]];
  return [THROW, e];
}

/** A switch from the real stack: main drives the trampoline; anyone else may only switch to itself. */
function plainSwitch(target: Greenlet, kind: number, payload: unknown): unknown {
  if (current === main) return Greenlet.drive(target, kind, payload);
  if (Greenlet.landsOnCurrent(target)) {
    if (kind === THROW) throw payload;
    return unpack(payload);
  }
  throw new GreenletError(CALLBACK_HINT);
}

/** Runs a generator version to the end on the real stack, serving its switch requests. */
function drive(it: Gen): unknown {
  let r = it.next();
  while (r.done !== true) {
    let v: unknown;
    try {
      v = plainSwitch(request.target, request.kind, request.payload);
    } catch (e) {
      r = it.throw!(e);
      continue;
    }
    r = it.next(v);
  }
  return r.value;
}

function* switchGen(this: Greenlet, ...args: unknown[]): Generator<unknown, unknown, unknown> {
  request.target = this;
  request.kind = ARGS;
  request.payload = args;
  return yield request;
}

function* throwGen(this: Greenlet, err?: unknown): Generator<unknown, unknown, unknown> {
  const [kind, payload] = throwPayload(this, err);
  request.target = this;
  request.kind = kind;
  request.payload = payload;
  return yield request;
}

(Greenlet.prototype.switch as Marked)[RESUMABLE] = switchGen as GenFn;
(Greenlet.prototype.throw as Marked)[RESUMABLE] = throwGen as GenFn;

/**
 * For libraries: the name `g` has in kit traces and in the workbench's timeline, where each
 * greenlet gets a lane (gevent names its hub `hub`). Default: the run function's name. Names are
 * made unique per trace (`worker`, `worker (2)`); the main greenlet is always `main`.
 */
export function setTraceName(g: Greenlet, name: string): void {
  if (g !== main) nameGreenlet(g, name);
}

/** The greenlet that is running now (main at the top level and in plain callbacks). */
export function getcurrent(): Greenlet {
  return current;
}

/** Python's `greenlet(run, parent)`; also carries `greenlet.getcurrent` and `greenlet.GreenletExit`. */
export const greenlet = Object.assign(
  function greenlet(run?: AnyFn, parent?: Greenlet | null): Greenlet {
    return new Greenlet(run, parent);
  },
  { getcurrent, GreenletExit, Greenlet, error: GreenletError },
);

// ---------------------------------------------------------------------------------------------
// The API for library code written by hand in generator style.

/**
 * Makes a generator function resumable: the result is a plain function (it runs the generator to
 * the end when called plainly) that transformed code `yield*`s into, so a switch inside it
 * suspends the calling greenlet.
 */
export function resumable<A extends unknown[], R>(
  gen: (...args: A) => Generator<unknown, R, unknown>,
  name?: string,
): (...args: A) => R {
  return wrap(gen as unknown as GenFn, name ?? gen.name, undefined, false) as (...args: A) => R;
}

/** Inside a resumable generator: `yield* switchTo(g, ...args)` is `g.switch(...args)`. */
export function switchTo(g: Greenlet, ...args: unknown[]): Generator<unknown, unknown, unknown> {
  return switchGen.apply(g, args);
}

/** Inside a resumable generator: `yield* throwTo(g, err)` is `g.throw(err)`. */
export function throwTo(g: Greenlet, err?: unknown): Generator<unknown, unknown, unknown> {
  return throwGen.call(g, err);
}

/** Inside a resumable generator: calls `fn` so that a switch inside it can suspend. */
export function* callResumable(
  fn: AnyFn,
  thisArg: unknown,
  args: readonly unknown[],
): Generator<unknown, unknown, unknown> {
  const gen = (fn as Marked)[RESUMABLE];
  if (gen !== undefined) return yield* gen.apply(thisArg, args as unknown[]);
  return fn.apply(thisArg, args as unknown[]);
}

// ---------------------------------------------------------------------------------------------
// The runtime of transformed code (`__green` in the output of `transformGreen`). Not for learners.

function notCallable(f: unknown): never {
  const what =
    f === null
      ? 'null'
      : typeof f === 'object'
        ? 'an object'
        : typeof f === 'string'
          ? JSON.stringify(f)
          : String(f);
  throw new TypeError(`${what} is not a function`);
}

/**
 * The plain wrapper of a generator version: a function, or an arrow (with a captured `this`).
 * Its name is set by creating it as a computed-key method/property (not `defineProperty`, which
 * would put the function in V8's slow dictionary mode and make every call site slower); its
 * `length` is therefore 0.
 */
function wrap(gen: GenFn, name: string | undefined, thisArg: unknown, arrow: boolean): AnyFn {
  const key = name ?? '';
  // Name the generator too: stack traces show it (it is only ever called, so dictionary mode
  // from `defineProperty` costs nothing there).
  if (key !== '' && gen.name !== key)
    Object.defineProperty(gen, 'name', { value: key, configurable: true });
  let fn: AnyFn;
  let g = gen;
  if (arrow) {
    // An arrow that does not use `this` needs no binding (a bound function is slower to call).
    const bound = thisArg === NO_THIS ? gen : (gen.bind(thisArg) as GenFn);
    g = bound;
    fn = { [key]: (...args: unknown[]) => drive(bound(...args)) }[key]!;
  } else {
    fn = {
      [key]: function (this: unknown, ...args: unknown[]) {
        return drive(gen.apply(this, args));
      },
    }[key]!;
  }
  (fn as Marked)[RESUMABLE] = g;
  return fn;
}

/** Replaces generator methods `keys` of `obj` with plain, non-constructible wrappers. */
function patchMethods(obj: object, keys: readonly string[]): void {
  for (const key of keys) {
    const desc = Object.getOwnPropertyDescriptor(obj, key);
    if (desc === undefined || typeof desc.value !== 'function') continue;
    const gen = desc.value as GenFn;
    const holder = {
      [key](this: unknown, ...args: unknown[]) {
        return drive(gen.apply(this, args));
      },
    };
    const fn = holder[key]!;
    (fn as Marked)[RESUMABLE] = gen;
    Object.defineProperty(obj, key, { ...desc, value: fn });
  }
}

function resolveCall(f: unknown): GenFn | undefined {
  if (typeof f !== 'function') notCallable(f);
  return (f as Marked)[RESUMABLE];
}

/**
 * Helpers the transform emits. `cN(f, ...)` calls `f` with no `this`, `mN(o, f, ...)` with
 * `this = o`; each returns true when it started `f`'s generator version (left in `it`, the call
 * site `yield*`s it) and false when it called `f` plainly (result left in `r`).
 */
export const __green = {
  /** The generator the last `cN`/`mN` that returned true started. */
  it: undefined as Gen | undefined,
  /** The value the last `cN`/`mN` that returned false got. */
  r: undefined as unknown,
  K: RESUMABLE,
  c0(f: unknown): boolean {
    const g = resolveCall(f);
    if (g !== undefined) return ((__green.it = g()), true);
    __green.r = (f as AnyFn)();
    return false;
  },
  c1(f: unknown, a: unknown): boolean {
    const g = resolveCall(f);
    if (g !== undefined) return ((__green.it = g(a)), true);
    __green.r = (f as AnyFn)(a);
    return false;
  },
  c2(f: unknown, a: unknown, b: unknown): boolean {
    const g = resolveCall(f);
    if (g !== undefined) return ((__green.it = g(a, b)), true);
    __green.r = (f as AnyFn)(a, b);
    return false;
  },
  c3(f: unknown, a: unknown, b: unknown, c: unknown): boolean {
    const g = resolveCall(f);
    if (g !== undefined) return ((__green.it = g(a, b, c)), true);
    __green.r = (f as AnyFn)(a, b, c);
    return false;
  },
  cn(f: unknown, args: unknown[]): boolean {
    const g = resolveCall(f);
    if (g !== undefined) return ((__green.it = g(...args)), true);
    __green.r = (f as AnyFn)(...args);
    return false;
  },
  m0(o: unknown, f: unknown): boolean {
    const g = resolveCall(f);
    if (g !== undefined) return ((__green.it = g.call(o)), true);
    __green.r = (f as AnyFn).call(o);
    return false;
  },
  m1(o: unknown, f: unknown, a: unknown): boolean {
    const g = resolveCall(f);
    if (g !== undefined) return ((__green.it = g.call(o, a)), true);
    __green.r = (f as AnyFn).call(o, a);
    return false;
  },
  m2(o: unknown, f: unknown, a: unknown, b: unknown): boolean {
    const g = resolveCall(f);
    if (g !== undefined) return ((__green.it = g.call(o, a, b)), true);
    __green.r = (f as AnyFn).call(o, a, b);
    return false;
  },
  m3(o: unknown, f: unknown, a: unknown, b: unknown, c: unknown): boolean {
    const g = resolveCall(f);
    if (g !== undefined) return ((__green.it = g.call(o, a, b, c)), true);
    __green.r = (f as AnyFn).call(o, a, b, c);
    return false;
  },
  mn(o: unknown, f: unknown, args: unknown[]): boolean {
    const g = resolveCall(f);
    if (g !== undefined) return ((__green.it = g.apply(o, args)), true);
    __green.r = (f as AnyFn).apply(o, args);
    return false;
  },
  /** The body of a transformed function declaration's wrapper. */
  d(gen: GenFn, self: unknown, args: ArrayLike<unknown>): unknown {
    return drive(gen.apply(self, args as unknown[]));
  },
  /** Marks a function declaration's wrapper with its generator version. */
  l(fn: AnyFn, gen: GenFn): void {
    (fn as Marked)[RESUMABLE] = gen;
    // Stack traces then show `f`, not `f$green` (V8 uses an own `name`; only the wrapper,
    // whose properties call sites read, must stay out of dictionary mode).
    Object.defineProperty(gen, 'name', { value: fn.name, configurable: true });
  },
  /**
   * A function expression (`arrow` false) or an arrow function: with its lexical `this` when the
   * transform passes one (only arrows that use `this` get it).
   */
  w(gen: GenFn, name: string | undefined, arrow: boolean, ...self: unknown[]): AnyFn {
    return wrap(gen, name, self.length > 0 ? self[0] : NO_THIS, arrow);
  },
  /** A class: `proto` methods on its prototype, `statics` on the class itself. */
  pc(cls: { prototype: object }, proto: readonly string[], statics: readonly string[]): void {
    patchMethods(cls.prototype, proto);
    patchMethods(cls, statics);
  },
  /** An object literal with generator methods `keys`. */
  po<T extends object>(obj: T, keys: readonly string[]): T {
    patchMethods(obj, keys);
    return obj;
  },
};
