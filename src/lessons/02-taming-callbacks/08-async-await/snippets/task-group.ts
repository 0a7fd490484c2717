// @runtime browser
// Structured concurrency: no task outlives the block that started it. When one
// task fails, its siblings are cancelled, and the block still waits for all.
import { Kernel } from '#kit';
import { Loop } from '#lib/aio';

const loop = new Loop(new Kernel({ syscallCost: 0 }));
const log = (s: string) =>
  console.log(`${String(loop.now()).padStart(3)} ms  ${s}`);

type Spawn = (task: (signal: AbortSignal) => Promise<unknown>) => void;

// #region group
/** Runs `body`; resolves once every task it spawned has finished. */
async function taskGroup<T>(
  body: (spawn: Spawn) => Promise<T>,
): Promise<T> {
  // #region slide-scope
  const scope = new AbortController();
  const running: Promise<void>[] = [];
  const errors: unknown[] = [];
  const fail = (e: unknown) => {
    if (scope.signal.aborted && e === scope.signal.reason) return; // cancelled
    errors.push(e);
    scope.abort(new Error('cancelled: a sibling failed'));
  };
  const spawn: Spawn = (task) =>
    running.push(task(scope.signal).then(() => {}, fail));
  const result = await body(spawn).catch(fail); // the body counts too
  for (let i = 0; i < running.length; i++) await running[i]; // tasks may spawn more
  // #endregion
  if (errors.length > 0)
    throw new AggregateError(errors, 'a task in the group failed');
  return result as T;
}
// #endregion

async function worker(
  name: string,
  ms: number,
  signal: AbortSignal,
): Promise<void> {
  try {
    for (let t = 0; t < ms; t += 50) await loop.sleep(50, signal);
    log(`${name} done`);
  } catch (e) {
    log(`${name} cancelled; cleaning up for 20 ms`);
    await loop.sleep(20); // cleanup the scope will wait for
    throw e;
  }
}

// #region use
await loop.run(async () => {
  try {
    // #region slide-use
    await taskGroup(async (spawn) => {
      spawn((signal) => worker('fast', 100, signal));
      spawn((signal) => worker('slow', 400, signal));
      spawn(async (signal) => {
        await loop.sleep(150, signal);
        throw new Error('parser: bad input');
      });
      log('body returned; the group waits for its tasks');
    });
    // #endregion
  } catch (e) {
    const errors = (e as AggregateError).errors as Error[];
    log(`group failed: ${errors.map((x) => x.message).join(', ')}`);
  }
  log(`still pending: ${JSON.stringify(loop.pending())}`);
});
// #endregion
