// @runtime node
import { once } from 'node:events';
import { Writable } from 'node:stream';

// A slow consumer: it takes 10 ms to deal with each chunk. Its
// buffer counts as full from 16 bytes on (highWaterMark).
function slowSink(): Writable {
  return new Writable({
    highWaterMark: 16,
    write(_chunk, _encoding, done) {
      setTimeout(done, 10);
    },
  });
}

const messages = Array.from({ length: 10 }, (_, i) => `msg #${i}`);

// Polite: stop when write() says false, go on after 'drain'.
async function polite(sink: Writable): Promise<number> {
  let peak = 0;
  // #region polite
  for (const m of messages) {
    const ok = sink.write(m); // never refuses: m is buffered
    peak = Math.max(peak, sink.writableLength);
    console.log(`write(${JSON.stringify(m)}) -> ${ok}`);
    if (!ok) {
      await once(sink, 'drain');
      // #endregion
      console.log(`'drain': buffer empty again, go on`);
    }
  }
  return peak;
}

// Impolite: ignore the answer and write everything at once.
function impolite(sink: Writable): number {
  let peak = 0;
  for (const m of messages) {
    sink.write(m);
    peak = Math.max(peak, sink.writableLength);
  }
  return peak;
}

const politePeak = await polite(slowSink());
const rudePeak = impolite(slowSink());
console.log(`most bytes buffered, polite:   ${politePeak}`);
console.log(`most bytes buffered, impolite: ${rudePeak}`);
