// @runtime node
// @exit 1
process.on('uncaughtExceptionMonitor', (err, origin) => {
  console.log(`about to die: origin "${origin}", ${err.message}`);
});
process.on('exit', (code) => console.log(`exit event: code ${code}`));

// #region reject
// #region slide-reject
setTimeout(
  () => console.log('a timer due in 10 ms (never printed)'),
  10,
);
console.log('rejecting a promise that has no handler');
Promise.reject(new Error('nobody handled me'));
// #endregion
console.log('the synchronous code ends normally');
// #endregion
