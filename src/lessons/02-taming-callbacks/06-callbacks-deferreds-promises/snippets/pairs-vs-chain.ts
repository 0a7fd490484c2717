// @runtime browser
import { Deferred, type Failure } from '#lib/deferred';

function callback1(v: string): string {
  throw new Error(`callback1 cannot handle ${JSON.stringify(v)}`);
}
const errback = (name: string) => (f: Failure) => {
  console.log(`  ${name} handles: ${f.getErrorMessage()}`);
  return 'recovered';
};
const callback2 = (v: string) =>
  console.log(`  callback2 got ${JSON.stringify(v)}`);

// #region cases
console.log('Case 1: addCallback(callback1).addErrback(errback1)');
// #region slide-cases
const d1 = new Deferred<string>();
d1.addCallback(callback1).addErrback(errback('errback1'));
d1.addCallback(callback2).addErrback(errback('errback2'));
d1.callback('x');

console.log('Case 2: addCallbacks(callback1, errback1)');
const d2 = new Deferred<string>();
d2.addCallbacks(callback1, errback('errback1'));
d2.addCallbacks(callback2, errback('errback2'));
d2.callback('x');
// #endregion
// #endregion
