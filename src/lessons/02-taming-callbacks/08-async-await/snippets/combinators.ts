// @runtime browser
// Promise.all, allSettled, race and any over jobs that take virtual time.
import { Kernel } from '#kit';
import { Loop } from '#lib/aio';

const loop = new Loop(new Kernel({ syscallCost: 0 }));
let base = 0; // when the current case started
const t = () => `+${String(loop.now() - base).padStart(3)} ms`;

/** A job that takes `ms` of virtual time, then returns its name or fails. */
async function job(
  name: string,
  ms: number,
  fails = false,
): Promise<string> {
  await loop.sleep(ms);
  console.log(`${t()}    ${name} ${fails ? 'failed' : 'finished'}`);
  if (fails) throw new Error(`${name} broke`);
  return name;
}
const show = (v: unknown): string =>
  v instanceof AggregateError
    ? `AggregateError [${v.errors.map(show).join(', ')}]`
    : v instanceof Error
      ? `Error(${v.message})`
      : Array.isArray(v)
        ? `[${v.map(show).join(', ')}]`
        : typeof v === 'object' && v !== null
          ? `{ ${Object.entries(v)
              .map(([key, x]) => `${key}: ${show(x)}`)
              .join(', ')} }`
          : JSON.stringify(v);
async function report(
  label: string,
  p: Promise<unknown>,
): Promise<void> {
  await p.then(
    (v) => console.log(`${t()}  ${label} fulfilled with ${show(v)}`),
    (e: unknown) =>
      console.log(`${t()}  ${label} rejected with ${show(e)}`),
  );
  await loop.sleep(400 - (loop.now() - base)); // let stragglers finish
  console.log('');
  base = loop.now();
}

await loop.run(async () => {
  // #region race
  await report('all', Promise.all([job('a', 100), job('b', 300)]));
  await report(
    'all',
    Promise.all([job('a', 100, true), job('b', 300)]),
  );
  // #region slide-settled
  await report(
    'allSettled',
    Promise.allSettled([job('a', 100, true), job('b', 300)]),
  );
  await report(
    'race',
    Promise.race([job('fast', 100), job('slow', 300)]),
  );
  // #endregion
  await report(
    'any',
    Promise.any([job('a', 100, true), job('b', 300)]),
  );
  await report(
    'any',
    Promise.any([job('a', 100, true), job('b', 200, true)]),
  );
  // #endregion
});
