// @runtime node
// This file is an ES module: the package.json says "type": "module".
const log = (what: string) => console.log(what);

setTimeout(() => {
  log('timer callback');
  process.nextTick(() => log('  nextTick queued in the timer'));
  Promise.resolve().then(() => log('  promise queued in the timer'));
}, 0);
// #region top-level
process.nextTick(() => log('nextTick queued at top level'));
Promise.resolve().then(() => log('promise queued at top level'));
queueMicrotask(() => log('queueMicrotask at top level'));
log('end of top-level code');
// #endregion
