// @runtime browser
import { Deferred } from '#lib/deferred';

const d = new Deferred<number>();
d.addCallbacks(
  (v) => {
    console.log(`A  callback got ${v}, throws`);
    throw new Error('from A');
  },
  () => {
    console.log('B  errback in the same pair as A');
    return -1;
  },
);
d.addCallback(() => console.log('C  callback'));
d.addErrback((f) => {
  console.log(`D  errback got "${f.getErrorMessage()}", returns 2`);
  return 2;
});
d.addCallbacks(
  (v) => console.log(`E  callback got ${v}`),
  () => console.log('F  errback'),
);
Promise.resolve().then(() => console.log('G  promise reaction'));
console.log('H  about to fire');
d.callback(1);
console.log('I  fired');
d.addCallback((v) => console.log(`J  late callback got ${String(v)}`));
console.log('K  end of the program');
