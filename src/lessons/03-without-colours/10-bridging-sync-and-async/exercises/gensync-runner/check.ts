import { defineChecks, seedRange } from '#harness';
import { Random } from '#kit';
import type * as Solution from './solution.ts';

type M = typeof Solution;
type Gen<T> = Solution.Gen<T>;

/** A tiny file system with sync and async reads, counting which is used. */
function fileSystem(m: M, files: Record<string, string>) {
  const used = { sync: 0, async: 0 };
  function* readFile(name: string): Gen<string> {
    const text = files[name];
    return yield* m.perform<string>({
      sync: () => {
        used.sync++;
        if (text === undefined) throw new Error(`ENOENT: ${name}`);
        return text;
      },
      async: () => {
        used.async++;
        return new Promise((ok, fail) =>
          setTimeout(
            () =>
              text === undefined
                ? fail(new Error(`ENOENT: ${name}`))
                : ok(text),
            1,
          ),
        );
      },
    });
  }
  return { readFile, used };
}

/** Follows a chain of files, each naming the next, and sums the numbers. */
function chainOf(seed: number): Record<string, string> {
  const rng = new Random(seed);
  const files: Record<string, string> = {};
  const n = 3 + rng.int(0, 5);
  for (let i = 0; i < n; i++)
    files[`f${i}`] =
      `${rng.int(1, 100)} ${i + 1 < n ? `f${i + 1}` : '-'}`;
  return files;
}

/**
 * Sync mode, guarded: a Promise (which sync mode must not return) is given a handler, so that a
 * wrong runner fails its check instead of crashing the checks with an unhandled rejection.
 */
function runSync<T>(m: M, gen: Gen<T>): unknown {
  const result: unknown = m.run(gen, 'sync');
  if (result instanceof Promise) result.catch(() => {});
  return result;
}

function* sumChain(
  readFile: (n: string) => Gen<string>,
  name: string,
): Gen<number> {
  const [num, next] = (yield* readFile(name)).split(' ');
  const rest = next === '-' ? 0 : yield* sumChain(readFile, next!);
  return Number(num) + rest;
}

export default defineChecks<M>((m, { check, checkSeeds }) => {
  check(
    'sync mode returns the value itself, not a Promise, using only sync reads',
    (t) => {
      const fs = fileSystem(m, { a: '1 b', b: '2 -' });
      const result = runSync(m, sumChain(fs.readFile, 'a'));
      t.ok(
        !(result instanceof Promise),
        'run(gen, "sync") returned a Promise',
      );
      t.equal(result, 3);
      t.deepEqual(
        fs.used,
        { sync: 2, async: 0 },
        'reads used (sync, async)',
      );
    },
  );

  check(
    'async mode returns a Promise of the same value, using only async reads',
    async (t) => {
      const fs = fileSystem(m, { a: '1 b', b: '2 -' });
      const p: unknown = m.run(sumChain(fs.readFile, 'a'), 'async');
      t.ok(
        p instanceof Promise,
        'run(gen, "async") should return a Promise',
      );
      t.equal(await p, 3);
      t.deepEqual(
        fs.used,
        { sync: 0, async: 2 },
        'reads used (sync, async)',
      );
    },
  );

  checkSeeds(
    'both modes agree on eight random chains of nested generators',
    seedRange(1, 8),
    async (t, seed) => {
      const files = chainOf(seed);
      const s = runSync(
        m,
        sumChain(fileSystem(m, files).readFile, 'f0'),
      );
      const a = await m.run(
        sumChain(fileSystem(m, files).readFile, 'f0'),
        'async',
      );
      t.equal(a, s, `async result vs sync result`);
    },
  );

  check(
    'a failed read is thrown into the generator, where its try/catch sees it',
    async (t) => {
      for (const mode of ['sync', 'async'] as const) {
        const fs = fileSystem(m, {});
        function* safe(): Gen<string> {
          try {
            return yield* fs.readFile('missing');
          } catch (e) {
            return `recovered from ${(e as Error).message}`;
          }
        }
        const result =
          mode === 'sync'
            ? runSync(m, safe())
            : await m.run(safe(), 'async');
        t.equal(
          result,
          'recovered from ENOENT: missing',
          `${mode} mode`,
        );
      }
    },
  );

  check(
    'an error nobody catches: sync mode throws, async mode rejects',
    async (t) => {
      const fs = fileSystem(m, { a: '1 nope' });
      t.throws(
        () => runSync(m, sumChain(fs.readFile, 'a')),
        /ENOENT: nope/,
      );
      let p: Promise<number> | undefined;
      try {
        p = m.run(
          sumChain(fileSystem(m, { a: '1 nope' }).readFile, 'a'),
          'async',
        );
      } catch {
        t.ok(
          false,
          'async mode threw synchronously instead of returning a rejected Promise',
        );
      }
      await t.rejects(p!, /ENOENT: nope/);
    },
  );
});
