// @runtime node
import { PassThrough } from 'node:stream';

// A PassThrough is a pipe inside one process: what is written to
// one end can be read from the other. The writer here is slow.
const pipe = new PassThrough({ encoding: 'utf8' });
setTimeout(() => pipe.write('hel'), 10);
setTimeout(() => pipe.write('lo'), 20);
setTimeout(() => pipe.end(), 30); // the writer closes its end

const show = (x: unknown) => (x === null ? 'null' : JSON.stringify(x));

// Asking at once: nothing has been written yet.
console.log(`at once:     read() -> ${show(pipe.read())}`);

// 'readable' means "read() has something to say now". Read until it
// returns null again, then wait for the next 'readable'.
// #region readable
pipe.on('readable', () => {
  let chunk: unknown;
  while ((chunk = pipe.read()) !== null) {
    console.log(`'readable':  read() -> ${show(chunk)}`);
  }
  console.log(`'readable':  read() -> null`);
  // #endregion
});
pipe.on('end', () => console.log(`'end':       the writer has closed`));
