// @runtime browser
import { Deferred, succeed } from '#lib/deferred';

// #region order
console.log('A  start');
succeed('hello').addCallback((v) =>
  console.log(`B  Deferred callback got ${v}`),
);
Promise.resolve('hello').then((v) =>
  console.log(`C  Promise reaction got ${v}`),
);
console.log('D  end of the synchronous code');
// #endregion

// #region thenable
const d = new Deferred<string>();
// #region slide-thenable
const thenable: PromiseLike<string> = {
  then(onOk, onFail) {
    console.log('E  the Promise calls then() on the thenable');
    d.addCallbacks(
      (v) => onOk?.(v),
      (f) => onFail?.(f.value),
    );
    return Promise.resolve() as never; // unused: adoption ignores then()'s result
  },
};
// #endregion
const adopted = Promise.resolve(thenable); // not fulfilled with the object: adopts its state
adopted.then((v) =>
  console.log(`G  the Promise adopted the Deferred's ${v}`),
);
setTimeout(() => {
  console.log('F  a timer fires the Deferred');
  d.callback('value');
}, 0);
// #endregion
