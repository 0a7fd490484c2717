// @runtime browser
import { Kernel } from '#kit';
import { Reactor } from '#lib/reactor';

/** The function names on an error's stack, from V8's "    at name (place)" lines. */
function frames(e: Error): string {
  const names: string[] = [];
  for (const line of (e.stack ?? '').split('\n').slice(1)) {
    // "at Object.onUserData [as fn] (file:...)" -> "onUserData"
    const m =
      /^\s*at (?:async )?(?:Object\.)?([\w$.<>]+)(?: \[as \w+\])? \(/.exec(
        line,
      );
    if (!m || !known.has(m[1]!)) break; // the first frame that is not ours: stop
    names.push(m[1]!);
  }
  return names.join(' <- ');
}
const known = new Set([
  'parseUser',
  'loadUser',
  'handleRequest',
  'Reactor.run',
]);
['onUserData', 'loadUserLater', 'handleRequestLater'].forEach((n) =>
  known.add(n),
);

// #region sync
function parseUser(text: string): string {
  if (!text.startsWith('{')) throw new Error(`not JSON: ${text}`);
  return text;
}
function loadUser(id: number): string {
  return parseUser(id === 7 ? 'oops' : '{}'); // pretend this read a database
}
function handleRequest(id: number): string {
  return loadUser(id);
}
try {
  handleRequest(7);
} catch (e) {
  console.log(`blocking:  ${frames(e as Error)}`);
}
// #endregion

// #region async
const r = new Reactor(new Kernel());
// #region slide-async
function loadUserLater(id: number, done: (text: string) => void): void {
  r.callLater(20, function onUserData() {
    done(parseUser(id === 7 ? 'oops' : '{}'));
  });
}
function handleRequestLater(id: number): void {
  loadUserLater(id, (text) => console.log(`user ${text}`));
}
handleRequestLater(7);
// #endregion
try {
  r.run();
} catch (e) {
  console.log(`callbacks: ${frames(e as Error)}`);
}
// #endregion
