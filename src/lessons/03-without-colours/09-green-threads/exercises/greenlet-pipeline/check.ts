import { defineChecks } from '#harness';
import { greenlet, GreenletExit } from '#lib/greenlet';
import type * as Solution from './solution.ts';

type Tree = number | Tree[];

export default defineChecks<typeof Solution>((m, { check }) => {
  /** Walks a nested array with plain recursive calls; emits from any depth. */
  const walker =
    (tree: Tree, log: string[]) => (emit: (n: number) => void) => {
      function visit(node: Tree): void {
        if (typeof node === 'number') {
          log.push(`emit ${node}`);
          emit(node);
        } else for (const child of node) visit(child);
      }
      visit(tree);
      log.push('body returns');
      return 'walked';
    };

  check(
    'values come out in order, then the return value with done: true',
    (t) => {
      const log: string[] = [];
      const gen = m.greenGen(walker([1, [2, [3, [4]]], 5], log));
      for (let r = gen.next(); ; r = gen.next()) {
        log.push(
          `next → ${r.done ? 'done' : 'value'} ${String(r.value)}`,
        );
        if (r.done) break;
      }
      t.deepEqual(log, [
        'emit 1',
        'next → value 1',
        'emit 2',
        'next → value 2',
        'emit 3',
        'next → value 3',
        'emit 4',
        'next → value 4',
        'emit 5',
        'next → value 5',
        'body returns',
        'next → done walked',
      ]);
      t.deepEqual(
        gen.next(),
        { done: true, value: undefined },
        'next() after the end',
      );
    },
  );

  check('nothing runs before the first next()', (t) => {
    const log: string[] = [];
    const gen = m.greenGen(walker([7], log));
    t.deepEqual(log, [], 'log before next()');
    t.deepEqual(gen.next(), { done: false, value: 7 });
  });

  check(
    'a pipeline: one generator consumes another from inside its own greenlet',
    (t) => {
      const log: string[] = [];
      const source = m.greenGen(walker([1, [2, 3]], log));
      const tens = m.greenGen((emit: (n: number) => void) => {
        let count = 0;
        for (let r = source.next(); !r.done; r = source.next()) {
          log.push(`tens got ${String(r.value)}`);
          emit((r.value as number) * 10);
          count++;
        }
        return `tens saw ${count}`;
      });
      const out: string[] = [];
      for (let r = tens.next(); ; r = tens.next()) {
        out.push(`${r.done ? 'return' : 'value'} ${String(r.value)}`);
        if (r.done) break;
      }
      t.deepEqual(out, [
        'value 10',
        'value 20',
        'value 30',
        'return tens saw 3',
      ]);
      t.deepEqual(log, [
        'emit 1',
        'tens got 1',
        'emit 2',
        'tens got 2',
        'emit 3',
        'tens got 3',
        'body returns',
      ]);
    },
  );

  check(
    'close() throws GreenletExit into the producer; its finally runs',
    (t) => {
      const log: string[] = [];
      const gen = m.greenGen((emit: (n: number) => void) => {
        try {
          for (let i = 1; ; i++) emit(i);
        } finally {
          log.push('producer cleaned up');
        }
      });
      t.deepEqual(gen.next(), { done: false, value: 1 });
      t.deepEqual(gen.next(), { done: false, value: 2 });
      const r = gen.close();
      t.ok(
        r instanceof GreenletExit,
        'close() should return the GreenletExit that came back',
      );
      t.deepEqual(log, ['producer cleaned up']);
      t.deepEqual(
        gen.next(),
        { done: true, value: undefined },
        'next() after close()',
      );
    },
  );

  check(
    'an error in the producer is thrown by the next() that ran it',
    (t) => {
      const gen = m.greenGen((emit: (n: number) => void) => {
        emit(1);
        throw new RangeError('bad input');
      });
      t.deepEqual(gen.next(), { done: false, value: 1 });
      t.throws(() => gen.next(), /bad input/, 'the second next()');
      t.deepEqual(
        gen.next(),
        { done: true, value: undefined },
        'next() after the error',
      );
    },
  );

  check(
    'next() works from inside another greenlet, and returns there',
    (t) => {
      const log: string[] = [];
      const gen = m.greenGen(walker([4, 5], log));
      const reader = greenlet(() => {
        const a = gen.next();
        const b = gen.next();
        const c = gen.next();
        return `${String(a.value)} ${String(b.value)} ${String(c.value)} ${String(c.done)}`;
      });
      t.equal(reader.switch(), '4 5 walked true');
      t.ok(reader.dead, 'the reader greenlet should have finished');
    },
  );
});
