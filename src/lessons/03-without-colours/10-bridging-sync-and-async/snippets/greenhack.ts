// @runtime browser
import { getcurrent, greenlet, type Greenlet } from '#lib/greenlet';

// #region await-only
// SQLAlchemy's bridge (util/_concurrency_py3k.py), in TypeScript.
const bridged = new WeakSet<Greenlet>();

/** Inside greenletSpawn: wait for a promise with a plain call. */
// #region slide-await
function awaitOnly<T>(promise: Promise<T>): T {
  const current = getcurrent();
  if (!bridged.has(current))
    throw new Error(
      "greenletSpawn has not been called; can't call awaitOnly() here",
    );
  // Hand the promise to the parent, which awaits it and switches back
  // with the value (or throws the error in here).
  return current.parent!.switch(promise) as T;
  // #endregion
}
// #endregion

// #region spawn
/** Runs plain sync code in a child greenlet; resolves with its result. */
async function greenletSpawn<T>(fn: () => T): Promise<T> {
  const child = greenlet(fn); // its parent: the greenlet running here
  bridged.add(child);
  let result = child.switch(); // runs fn until it returns or waits
  while (!child.dead) {
    try {
      const value = await result; // fn is waiting on this promise
      result = child.switch(value); // resume fn with the value
    } catch (e) {
      result = child.throw(e); // or throw the error into fn
    }
  }
  return result as T;
}
// #endregion

// #region driver
// A "database driver" with a hidden async implementation. One setting
// decides whether the same sync-looking code does sync or async I/O.
const settings = { asyncIO: true };
const log: string[] = [];
const rows = new Map([
  ['ada', 3],
  ['bo', 1],
]);

function asyncQuery(user: string): Promise<number> {
  return new Promise((ok, fail) =>
    setTimeout(() => {
      const n = rows.get(user);
      if (n === undefined) fail(new Error(`no such user: ${user}`));
      else ok(n);
    }, 20),
  );
}

// #region slide-query
function query(user: string): number {
  log.push(`query ${user}`);
  if (settings.asyncIO) return awaitOnly(asyncQuery(user)); // hidden async
  const n = rows.get(user); // the sync driver: answers at once
  if (n === undefined) throw new Error(`no such user: ${user}`);
  return n;
}
// #endregion
// #endregion

// #region view
// A plain sync "view", with no async and no await, as in a Django app.
// #region slide-view
function orderView(user: string): string {
  const count = query(user); // a plain call, async under the hood
  log.push(`got ${user}`);
  return `${user} has ${count} order(s)`;
}
// #endregion

function safeView(user: string): string {
  try {
    return orderView(user);
  } catch (e) {
    return `caught in the sync view: ${(e as Error).message}`;
  }
}
// #endregion

// Async mode: two requests interleave while each waits for its query.
const both = await Promise.all([
  greenletSpawn(() => orderView('ada')),
  greenletSpawn(() => orderView('bo')),
]);
console.log('async I/O:', both.join('; '));
console.log('  order of events:', log.splice(0).join(', '));

console.log(await greenletSpawn(() => safeView('cy')));
log.length = 0;

// The same code, one setting changed: sync I/O, no greenlet needed.
settings.asyncIO = false;
console.log('sync I/O: ', orderView('ada'), '|', orderView('bo'));
console.log('  order of events:', log.splice(0).join(', '));

try {
  settings.asyncIO = true;
  orderView('ada'); // hidden async outside greenletSpawn
} catch (e) {
  console.log(`outside the bridge: ${(e as Error).message}`);
}
