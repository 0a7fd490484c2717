// @runtime node
// @normalize /fired \d+ ms late/ -> fired N ms late
// @normalize /after \d+ ms/ -> after N ms

// A timer is a promise the event loop makes: "run this when 100 ms
// have passed *and* I am free". Atomics.wait keeps the thread busy.
const start = performance.now();
const elapsed = () => Math.round(performance.now() - start);

setTimeout(() => {
  const late = elapsed() - 100;
  // #region block
  console.log(`timer: due at 100 ms, fired ${late} ms late`);
}, 100);

console.log('main: blocking the only thread for 500 ms');
const cell = new Int32Array(new SharedArrayBuffer(4));
Atomics.wait(cell, 0, 0, 500); // sleeps: nobody ever notifies
// #endregion
console.log(`main: unblocked after ${elapsed()} ms`);
