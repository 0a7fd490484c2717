// @runtime node
// @normalize /'\/[^']*\/missing\.txt'/ -> '<snippets>/missing.txt'
import { readFile } from 'node:fs';
import { promisify } from 'node:util';

const path = `${import.meta.dirname}/missing.txt`;

// #region callback
// #region slide-callback
readFile(path, 'utf8', (err, text) => {
  if (err) {
    console.log(`callback: err.code = ${err.code}`);
    console.log(`callback: err.message = ${err.message}`);
    return viaPromise(); // one at a time, so the output order is fixed
  }
  // #endregion
  console.log(`callback: ${text.length} characters`);
});
console.log('readFile has returned; its callback comes later');
// #endregion

// #region promisified
function viaPromise() {
  const readFileAsync = promisify(readFile); // (path, enc) => Promise<string>
  readFileAsync(path, 'utf8').then(
    (text) => console.log(`promise: ${text.length} characters`),
    (err: NodeJS.ErrnoException) =>
      console.log(`promise: rejected with ${err.code}`),
  );
}
// #endregion
