// gevent on the kit: programs written the way a learner writes them (plain functions), run
// through the green transform as chapter 9's snippets are.
import { describe, expect, it } from 'vitest';
import { Kernel } from '#kit';
import * as greenletLib from './greenlet.ts';
import * as gevent from './gevent.ts';
import { transformGreen } from '../runtime/green-transform.ts';

/** Transforms `src` and runs it as the main greenlet with `k`, `gevent` and `print` in scope. */
function run(src: string, k: Kernel = new Kernel()): { out: string[]; k: Kernel } {
  const out: string[] = [];
  const { code } = transformGreen(src, 'test.js', {
    prelude: '"use strict";const {__green,greenlet,getcurrent}=lib;',
  });
  const program = new Function('lib', 'gevent', 'k', 'print', code) as (
    l: typeof greenletLib,
    g: typeof gevent,
    k: Kernel,
    p: (...a: unknown[]) => void,
  ) => void;
  program(greenletLib, gevent, k, (...a: unknown[]) => out.push(a.map(String).join(' ')));
  return { out, k };
}

const three = `
  const addrs = [300, 200, 500].map((latency, i) => k.service('svc' + i, { latency }));
  function getPage(addr) { return k.fetch(addr, 'GET /'); }
`;

describe('the hub and its greenlets', () => {
  it('creates the hub on first use, as a child of main; spawned greenlets are its children', () => {
    const { out } = run(`
      gevent.init(k);
      const g = gevent.spawn(() => 1);
      const hub = gevent.getHub();
      print(hub.greenlet.parent === getcurrent(), g.greenlet.parent === hub.greenlet);
      print(g.dead);
      gevent.join(g);
      print(g.dead, g.value);
    `);
    expect(out).toEqual(['true true', 'false', 'true 1']);
  });

  it('sleep(ms) wakes greenlets in virtual-time order; sleep(0) lets the others run first', () => {
    const { out } = run(
      `
      gevent.init(k);
      function w(name, ms) { print(name, 'start'); gevent.sleep(ms); print(name, Math.round(k.now())); }
      function polite() { print('p1'); gevent.sleep(0); print('p2'); }
      gevent.joinall([gevent.spawn(w, 'a', 300), gevent.spawn(w, 'b', 100), gevent.spawn(polite)]);
    `,
      new Kernel({ syscallCost: 0 }),
    );
    expect(out).toEqual(['a start', 'b start', 'p1', 'p2', 'b 100', 'a 300']);
  });

  it('keeps an error in the greenlet; get() rethrows it', () => {
    const { out } = run(`
      gevent.init(k);
      const g = gevent.spawn(() => { throw new RangeError('boom'); });
      gevent.joinall([g]);
      print(g.successful(), g.exception.message);
      try { g.get(); } catch (e) { print('get threw', e.name); }
    `);
    expect(out).toEqual(['false boom', 'get threw RangeError']);
  });

  it('throws LoopExit in main when nothing is left that could wake it', () => {
    const { out } = run(`
      gevent.init(k);
      const stuck = gevent.spawn(() => gevent.getHub().greenlet.switch()); // waits for nothing
      try { gevent.join(stuck); } catch (e) { print(e.name, e.message); }
    `);
    expect(out).toEqual(['LoopExit This operation would block forever']);
  });
});

describe('monkey patching', () => {
  it('unpatched, blocking calls run one after another (the sum of latencies)', () => {
    const { k } = run(
      `gevent.init(k); ${three} gevent.joinall(addrs.map((a) => gevent.spawn(getPage, a)));`,
    );
    expect(Math.round(k.now())).toBe(1000);
  });

  it('patched, the same code overlaps (the largest latency) and returns every reply', () => {
    const { out, k } = run(`
      gevent.patchAll(k); ${three}
      const jobs = gevent.joinall(addrs.map((a) => gevent.spawn(getPage, a)));
      print(jobs.map((j) => j.value).join('|'));
    `);
    expect(Math.round(k.now())).toBe(500);
    expect(out).toEqual(['svc0: GET /|svc1: GET /|svc2: GET /']);
    expect(gevent.isPatched(k)).toBe(true);
  });

  it('a reference bound before patching keeps blocking; one bound after cooperates', () => {
    const before = run(`
      const fetch = k.fetch.bind(k); gevent.patchAll(k); ${three}
      gevent.joinall(addrs.map((a) => gevent.spawn(() => fetch(a, 'x'))));
    `).k;
    const after = run(`
      gevent.patchAll(k); const fetch = k.fetch.bind(k); ${three}
      gevent.joinall(addrs.map((a) => gevent.spawn(() => fetch(a, 'x'))));
    `).k;
    expect([Math.round(before.now()), Math.round(after.now())]).toEqual([1000, 500]);
  });

  it('serves clients concurrently with patched accept, recv and sendall', () => {
    const { k } = run(`
      gevent.patchAll(k);
      const s = k.socket(); k.bind(s, 8080); k.listen(s);
      function handle(conn) {
        for (let d = k.recv(conn, 1024); d !== ''; d = k.recv(conn, 1024)) k.sendall(conn, d);
        k.close(conn);
      }
      function server() { for (let i = 0; i < 3; i++) gevent.spawn(handle, k.accept(s)); }
      globalThis.__group = k.clients(8080, [
        { at: 10, send: ['one', 'two'], gap: 200 },
        { at: 20, wait: 100, send: ['slow'] },
        { at: 30, send: ['hey'] },
      ]);
      gevent.joinall([gevent.spawn(server)]);
      k.sleep(400); // patched: the hub runs the handlers meanwhile
    `);
    const g = (globalThis as unknown as { __group: ReturnType<Kernel['clients']> }).__group;
    expect(g.clients.map((c) => c.replies)).toEqual([['one', 'two'], ['slow'], ['hey']]);
    expect(Math.max(...g.latencies())).toBeLessThan(1);
    expect(k.stats().connectionsServed).toBe(3);
  });

  it('a socket the program made non-blocking still raises EAGAIN', () => {
    const { out } = run(`
      gevent.patchAll(k);
      const s = k.socket(); k.bind(s, 9000); k.listen(s); k.setblocking(s, false);
      try { k.accept(s); } catch (e) { print(e.code); }
    `);
    expect(out).toEqual(['EAGAIN']);
  });
});

describe('GreenPool', () => {
  it('runs at most `size` at once and gives imap results in input order', () => {
    const { out } = run(`
      gevent.patchAll(k);
      const addrs = [300, 200, 500].map((latency, i) => k.service('svc' + i, { latency }));
      const pool = new gevent.GreenPool(2);
      for (const body of pool.imap((a) => k.fetch(a, 'x'), addrs)) print(Math.round(k.now()), body);
    `);
    // svc2 starts when svc1 frees a place at 200 ms: 200 + 500.
    expect(out).toEqual(['300 svc0: x', '300 svc1: x', '700 svc2: x']);
  });

  it('results() works inside a greenlet; spawn blocks while the pool is full', () => {
    const { out } = run(
      `
      gevent.init(k);
      const pool = new gevent.GreenPool(1);
      function nap(ms) { gevent.sleep(ms); return ms; }
      const reader = gevent.spawn(() => pool.imap(nap, [30, 10, 20]).results());
      gevent.join(reader);
      print(reader.value.join(','), Math.round(k.now()));
      const a = pool.spawn(nap, 50);
      const b = pool.spawn(nap, 50); // waits for a's place
      print(Math.round(k.now()), a.dead, b.dead);
      pool.waitall();
      print(Math.round(k.now()));
    `,
      new Kernel({ syscallCost: 0 }),
    );
    expect(out).toEqual(['30,10,20 60', '110 true false', '160']);
  });
});
