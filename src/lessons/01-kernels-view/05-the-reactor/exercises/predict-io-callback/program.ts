// @runtime node
import { readFile } from 'node:fs';

readFile(import.meta.filename, () => {
  console.log('A  readFile callback starts');
  setTimeout(() => console.log('B  setTimeout 0'), 0);
  setImmediate(() => {
    console.log('C  setImmediate');
    process.nextTick(() => console.log('D  nextTick queued by C'));
  });
  Promise.resolve().then(() => console.log('E  promise callback'));
  process.nextTick(() => console.log('F  nextTick'));
  console.log('G  readFile callback ends');
});
