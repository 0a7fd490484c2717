// @runtime browser
// One codebase, two modes, after gensync (used by Babel): the logic is
// written once as generators; only the leaves know how to do I/O.

type Op<T> = { sync: () => T; async: () => Promise<T> };
type Gen<T> = Generator<Op<unknown>, T, unknown>;

// #region leaf
/** A leaf: one operation with a sync and an async implementation. */
function* perform<T>(op: Op<T>): Gen<T> {
  return (yield op) as T; // the runner sends back the result
}

const files = new Map([
  ['app.json', '{ "extends": "base.json", "port": 8080 }'],
  ['base.json', '{ "host": "localhost", "port": 80 }'],
]);

function* readFile(name: string): Gen<string> {
  const text = files.get(name);
  return yield* perform({
    sync: () => {
      if (text === undefined) throw new Error(`ENOENT: ${name}`);
      return text; // like fs.readFileSync
    },
    async: () =>
      new Promise<string>((ok, fail) =>
        setTimeout(
          () =>
            // like fs.promises.readFile
            text === undefined
              ? fail(new Error(`ENOENT: ${name}`))
              : ok(text),
          10,
        ),
      ),
  });
}
// #endregion

// #region logic
// The logic: written once, no await, no Sync/Async twins.
// #region slide-logic
function* loadConfig(name: string): Gen<Record<string, unknown>> {
  const own = JSON.parse(yield* readFile(name)) as Record<
    string,
    unknown
  >;
  if (typeof own['extends'] !== 'string') return own;
  const base = yield* loadConfig(own['extends']); // recursion works
  const { extends: _, ...rest } = own;
  return { ...base, ...rest };
  // #endregion
}
// #endregion

// #region runners
function runSync<T>(gen: Gen<T>): T {
  let step = gen.next();
  while (!step.done) {
    let value: unknown;
    try {
      value = step.value.sync();
    } catch (e) {
      step = gen.throw(e); // the error appears at the yield
      continue;
    }
    step = gen.next(value);
  }
  return step.value;
}
// #endregion

async function runAsync<T>(gen: Gen<T>): Promise<T> {
  let step = gen.next();
  while (!step.done) {
    let value: unknown;
    try {
      value = await step.value.async();
    } catch (e) {
      step = gen.throw(e);
      continue;
    }
    step = gen.next(value);
  }
  return step.value;
}

const viaSync = runSync(loadConfig('app.json'));
console.log('sync: ', JSON.stringify(viaSync), '(a plain object)');
const pending = runAsync(loadConfig('app.json'));
console.log(
  'async:',
  pending instanceof Promise ? 'a Promise...' : '?',
);
console.log('async:', JSON.stringify(await pending));

function* missing(): Gen<string> {
  try {
    return yield* readFile('nope.json');
  } catch (e) {
    return `caught inside the generator: ${(e as Error).message}`;
  }
}
console.log(runSync(missing()));
console.log(await runAsync(missing()));
