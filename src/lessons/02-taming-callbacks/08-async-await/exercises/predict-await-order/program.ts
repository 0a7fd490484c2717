// @runtime browser
console.log('A');
setTimeout(() => console.log('B'), 0);

(async () => {
  console.log('C');
  await null;
  console.log('D');
  await new Promise((resolve) => setTimeout(resolve, 0));
  console.log('E');
})();

Promise.resolve()
  .then(() => console.log('F'))
  .then(() => console.log('G'));
queueMicrotask(() => console.log('H'));

(async () => 'x')().then(() => console.log('I'));
(async () => Promise.resolve('y'))().then(() => console.log('J'));

console.log('K');
