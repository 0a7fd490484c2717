// @runtime browser
// eventlet's client pattern from the lecture slides:
//   pool = eventlet.GreenPool()
//   for body in pool.imap(fetch, urls): print("got body", len(body))
import { Kernel } from '#kit';
import * as gevent from '#lib/gevent';

const k = new Kernel();
gevent.patchAll(k); // plays the part of `from eventlet.green import urllib2`
// The three image servers of the slides, scripted: each answers after a
// fixed time with a body of the image's size.
const urls = [
  k.service('logo.gif', {
    latency: 250,
    reply: () => 'G'.repeat(8558),
  }),
  k.service('secondlife.jpg', {
    latency: 400,
    reply: () => 'J'.repeat(8231),
  }),
  k.service('y3.gif', { latency: 150, reply: () => 'Y'.repeat(2054) }),
];

// #region imap
function fetch(url: string): string {
  return k.fetch(url, 'GET /');
}
const pool = new gevent.GreenPool();
for (const body of pool.imap(fetch, urls)) {
  console.log('got body', body.length, `at ${Math.round(k.now())} ms`);
}
// #endregion
