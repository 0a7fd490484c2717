// The worker's console against Node's own `Console`, writing to captured streams.
import { Console } from 'node:console';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createConsole } from './console.ts';

type Stream = 'stdout' | 'stderr';
type Script = (c: Console) => void;

/** What Node's console writes for `script`, one entry per write. */
function onNode(script: Script): [Stream, string][] {
  const out: [Stream, string][] = [];
  const sink = (stream: Stream) =>
    new Writable({
      write(chunk: Buffer, _enc, done) {
        out.push([stream, chunk.toString('utf8').replace(/\n$/, '')]);
        done();
      },
    });
  script(new Console({ stdout: sink('stdout'), stderr: sink('stderr'), colorMode: false }));
  return out;
}

function inWorker(script: Script): [Stream, string][] {
  const out: [Stream, string][] = [];
  script(
    createConsole(
      (stream, text) => out.push([stream, text]),
      {},
      () => 0,
    ),
  );
  return out;
}

const custom = { a: 1, [Symbol.for('nodejs.util.inspect.custom')]: () => 'CUSTOM' };
const scripts: [string, Script][] = [
  [
    'log with format and objects',
    (c) => c.log('%s: %o', 'state', { fds: [3, 4] }, new Map([[1, 2]])),
  ],
  ['error and warn go to stderr', (c) => (c.error('bad', 1), c.warn({ w: true }), c.info('ok'))],
  [
    'dir ignores custom inspect and takes a depth',
    (c) => (c.dir(custom), c.log(custom), c.dir({ a: { b: { c: {} } } }, { depth: 0 })),
  ],
  [
    'groups indent every line',
    (c) => {
      c.group('outer');
      c.log({ long: 'x'.repeat(60), more: 'y'.repeat(30) });
      c.group();
      c.dir([new Error('in group').message]);
      c.groupEnd();
      c.groupEnd();
      c.log('back');
    },
  ],
  [
    'assert and count',
    (c) => (
      c.assert(1 === 1, 'never'),
      c.assert(false, 'x is %d', 2),
      c.assert(false),
      c.count(),
      c.count(),
      c.count('fd'),
      c.countReset(),
      c.count()
    ),
  ],
];

describe('createConsole prints what Node’s console prints', () => {
  for (const [name, script] of scripts) {
    it(name, () => expect(inWorker(script)).toEqual(onNode(script)));
  }
});
