// @runtime browser
import { Deferred, reportUnhandled } from '#lib/deferred';

const show = (x: unknown) =>
  typeof x === 'string' ? JSON.stringify(x) : String(x);

// #region chain
const d = new Deferred<string>();
d.addCallback((name) => {
  console.log(`1 callback  got ${show(name)}, returns its length`);
  return name.length;
})
  // #region slide-rails
  .addCallback((n) => {
    console.log(`2 callback  got ${n}, throws`);
    throw new RangeError(`a name of ${n} letters is too short`);
  })
  .addCallback((n) => {
    console.log(`3 callback  got ${n}`); // skipped: the result is a Failure
    return n;
  })
  .addErrback((f) => {
    console.log(`4 errback   got ${f.toString()}, returns 0`);
    return 0; // a plain value: back on the callback rail
  })
  .addCallback((n) => console.log(`5 callback  got ${n}`));
// #endregion

console.log('nothing has run yet; now d.callback("ana")');
d.callback('ana');
// #endregion

// #region unhandled
const lonely = new Deferred<number>();
lonely.addCallback(() => {
  throw new Error('nobody is listening');
});
lonely.callback(1); // the chain ends on the errback rail
console.log(`lonely is ${lonely.toString()}`);
reportUnhandled(); // Twisted does this when the Deferred is garbage collected
// #endregion
