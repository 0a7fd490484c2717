// @runtime node
// The same program, as a CommonJS module (a .cts file is always one).
const log = (what: string) => console.log(what);

// #region queues
setTimeout(() => {
  log('timer callback');
  process.nextTick(() => log('  nextTick queued in the timer'));
  Promise.resolve().then(() => log('  promise queued in the timer'));
}, 0);
process.nextTick(() => log('nextTick queued at top level'));
Promise.resolve().then(() => log('promise queued at top level'));
queueMicrotask(() => log('queueMicrotask at top level'));
// #endregion
log('end of top-level code');
