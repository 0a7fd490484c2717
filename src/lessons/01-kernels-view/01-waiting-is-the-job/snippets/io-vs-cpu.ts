// @runtime browser
import { Kernel } from '#kit';

// One request: our own code runs for `cpuMs`, then we wait for
// a database that takes one second to answer.
function handleRequest(cpuMs: number): number {
  const k = new Kernel();
  // #region request
  const db = k.service('db', { latency: 1000 });
  const start = k.now();
  k.cpu(cpuMs); // parse, validate, format: the code we write
  k.fetch(db, 'SELECT * FROM orders WHERE id = 42'); // waiting
  return k.now() - start;
  // #endregion
}

const slow = handleRequest(10); // a slow language: 10 ms
const fast = handleRequest(0.1); // a language 100 times faster
console.log(`slow language: ${slow.toFixed(1)} ms`);
console.log(`fast language: ${fast.toFixed(1)} ms`);
const saved = ((slow - fast) / slow) * 100;
console.log(
  `100x faster code saves ${saved.toFixed(1)}% of the request`,
);
