// @runtime browser
// AbortSignal.timeout and AbortSignal.any use the REAL clock (this snippet
// takes about 100 ms to run). The output prints no times, so it is the same
// on every machine and engine.

/** Real work: a tick every 20 ms, up to 50 ticks, unless `signal` aborts it. */
function ticker(signal: AbortSignal): Promise<number> {
  return new Promise((resolve, reject) => {
    let ticks = 0;
    const timer = setInterval(() => {
      if (++ticks === 50) {
        clearInterval(timer);
        resolve(ticks);
      }
    }, 20);
    signal.addEventListener(
      'abort',
      () => {
        clearInterval(timer); // really stop the work, not just stop waiting
        reject(signal.reason);
      },
      { once: true },
    );
  });
}
const outcome = (p: Promise<number>) =>
  p.then(
    (n) => `finished after ${n} ticks`,
    (e: DOMException) => `aborted, reason: ${e.name}`, // messages differ by engine
  );

// #region any
console.log('timeout:', await outcome(ticker(AbortSignal.timeout(50))));

// #region slide-any
const user = new AbortController(); // a "cancel" button
setTimeout(() => user.abort(), 30);
const either = AbortSignal.any([
  user.signal,
  AbortSignal.timeout(5000),
]);
console.log('any:    ', await outcome(ticker(either)));
// #endregion
console.log(
  'reason is the first one to fire:',
  either.reason === user.signal.reason,
);
// #endregion
