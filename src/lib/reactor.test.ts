import { describe, expect, it } from 'vitest';
import { Kernel, wouldBlock } from '#kit';
import { Reactor } from './reactor.ts';

const exact = () => new Kernel({ syscallCost: 0 });

describe('Reactor', () => {
  it('runs timers earliest first, FIFO among equal times', () => {
    const k = exact();
    const r = new Reactor(k);
    const order: string[] = [];
    const delays = [50, 20, 50, 80, 50, 20, 50];
    delays.forEach((d, i) => r.callLater(d, () => order.push(`${d}#${i}`)));
    r.run();
    expect(order).toEqual(['20#1', '20#5', '50#0', '50#2', '50#4', '50#6', '80#3']);
    expect(r.now()).toBe(80);
  });

  it('runs callSoon work first, in order; work queued by callbacks follows', () => {
    const k = exact();
    const r = new Reactor(k);
    const order: string[] = [];
    r.callLater(0, () => order.push('later0'));
    r.callSoon(() => {
      order.push('soon1');
      r.callLater(0, () => order.push('later0-from-soon'));
      r.callSoon(() => order.push('soon3'));
    });
    r.callSoon(() => order.push('soon2'));
    r.run();
    expect(order).toEqual([
      'soon1',
      'soon2',
      'later0',
      'later0-from-soon', // made before the timer phase: runs this turn
      'soon3',
    ]);
  });

  it('cancel() prevents a call and releases the loop; active() reports it', () => {
    const k = exact();
    const r = new Reactor(k);
    const fired: string[] = [];
    const far = r.callLater(5000, () => fired.push('far'));
    expect(far.time).toBe(5000);
    expect(far.active()).toBe(true);
    const near = r.callLater(50, () => far.cancel());
    r.run();
    expect(fired).toEqual([]);
    expect(far.active()).toBe(false);
    expect(near.active()).toBe(false);
    expect(k.now()).toBe(50);
    far.cancel(); // a second cancel is harmless
  });

  it('stop() returns after the current callback and run() resumes', () => {
    const k = exact();
    const r = new Reactor(k);
    const order: string[] = [];
    r.callLater(10, () => {
      order.push('a');
      r.stop();
    });
    r.callLater(10, () => order.push('b'));
    r.run();
    expect(order).toEqual(['a']);
    r.run();
    expect(order).toEqual(['a', 'b']);
  });

  it('an exception leaves run() and the loop can be run again', () => {
    const r = new Reactor(exact());
    const order: string[] = [];
    r.callLater(1, () => {
      throw new Error('boom');
    });
    r.callLater(2, () => order.push('after'));
    expect(() => r.run()).toThrow('boom');
    r.run();
    expect(order).toEqual(['after']);
  });

  it('readers and writers drive an echo over sockets', () => {
    const k = new Kernel();
    const r = new Reactor(k);
    const server = k.socket();
    k.bind(server, 8080);
    k.listen(server);
    k.setblocking(server, false);
    const g = k.clients(8080, [
      { at: 5, send: ['one', 'two'], gap: 20 },
      { at: 7, send: ['three'] },
    ]);
    let accepted = 0;
    r.addReader(server, () => {
      let conn: number;
      try {
        conn = k.accept(server);
      } catch (e) {
        if (wouldBlock(e)) return;
        throw e;
      }
      k.setblocking(conn, false);
      if (++accepted === 2) {
        r.removeReader(server);
        k.close(server);
      }
      let out = '';
      r.addReader(conn, () => {
        const data = k.recv(conn, 1024);
        if (data === '') {
          r.removeReader(conn);
          r.removeWriter(conn);
          k.close(conn);
          return;
        }
        out += data;
        r.addWriter(conn, () => {
          out = out.slice(k.send(conn, out));
          if (out === '') r.removeWriter(conn);
        });
      });
    });
    r.run();
    expect(g.clients.map((c) => c.replies)).toEqual([['one', 'two'], ['three']]);
    expect(k.stats().connectionsServed).toBe(2);
  });

  it('a timer callback’s callLater(0) waits for the next turn', () => {
    const r = new Reactor(exact());
    const order: string[] = [];
    r.callLater(10, () => {
      order.push('timer');
      r.callLater(0, () => order.push('its callLater(0)'));
      r.callSoon(() => order.push('its callSoon'));
    });
    r.callLater(10, () => order.push('second timer'));
    r.run();
    expect(order).toEqual(['timer', 'second timer', 'its callSoon', 'its callLater(0)']);
  });

  it('exposes its kernel', () => {
    const k = exact();
    expect(new Reactor(k).kernel).toBe(k);
  });
});
