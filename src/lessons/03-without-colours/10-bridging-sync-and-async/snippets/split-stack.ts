// @runtime browser
import { getcurrent, greenlet, type Greenlet } from '#lib/greenlet';

// The bridge from greenhack.ts, folded up (a snippet is one file).
const bridged = new WeakSet<Greenlet>();
function awaitOnly<T>(promise: Promise<T>): T {
  if (!bridged.has(getcurrent()))
    throw new Error('not in greenletSpawn');
  return getcurrent().parent!.switch(promise) as T;
}
async function greenletSpawn<T>(fn: () => T): Promise<T> {
  const child = greenlet(fn);
  bridged.add(child);
  let result = child.switch();
  while (!child.dead) {
    try {
      result = child.switch(await result);
    } catch (e) {
      result = child.throw(e);
    }
  }
  return result as T;
}

Error.stackTraceLimit = 100; // keep every frame

// Which of this file's functions a stack trace mentions, innermost first
// (the transform runs each function as a generator named name$green).
const MINE = [
  'onTimer',
  'asyncQuery',
  'query',
  'orderView',
  'handleRequest',
  'greenletSpawn',
];
function frames(stack = ''): string {
  const names = [
    ...stack.matchAll(/at (?:async )?(?:[\w$]+\.)?([\w$]+)/g),
  ]
    .map((m) => m[1]!.replace(/\$green$/, ''))
    .filter((n) => MINE.includes(n));
  return names.filter((n, i) => names[i - 1] !== n).join(' <- ');
}

// #region stacks
function asyncQuery(user: string): Promise<number> {
  return new Promise((_, fail) =>
    setTimeout(function onTimer() {
      fail(new Error(`no such user: ${user}`)); // the stack is made here
    }, 10),
  );
}

// #region slide-stacks
function query(user: string): number {
  console.log('stack inside query:   ', frames(new Error().stack));
  return awaitOnly(asyncQuery(user));
}

function orderView(user: string): string {
  // #region slide-catch
  try {
    return `${query(user)} orders`;
  } catch (e) {
    console.log('stack of the error:   ', frames((e as Error).stack));
    console.log('stack in the catch:   ', frames(new Error().stack));
    return 'not found';
  }
  // #endregion
}
// #endregion

async function handleRequest(user: string): Promise<string> {
  return greenletSpawn(() => orderView(user));
}
// #endregion

console.log(await handleRequest('cy'));
