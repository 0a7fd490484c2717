import { describe, expect, it } from 'vitest';
import type { Ask } from './download.ts';
import type { Reply, Request, Status } from './messages.ts';
import { OfflineControl } from './offline-ui.ts';

/** Just enough of an element for the control: text, hidden, attributes, clicks, a bar's numbers. */
class FakeElement {
  textContent = '';
  hidden = false;
  value = 0;
  max = 1;
  readonly attributes = new Map<string, string>();
  readonly #listeners: (() => void)[] = [];
  addEventListener(_type: string, fn: () => void): void {
    this.#listeners.push(fn);
  }
  setAttribute(name: string, value: string): void {
    this.attributes.set(name, value);
  }
  focus(): void {}
  click(): void {
    for (const fn of this.#listeners) fn();
  }
}

function footer() {
  const parts = new Map(
    ['summary', 'save', 'remove', 'bar', 'message'].map((n) => [n, new FakeElement()]),
  );
  const section = Object.assign(new FakeElement(), {
    querySelector: (sel: string) => parts.get(/data-part="([^"]+)"/.exec(sel)?.[1] ?? '') ?? null,
  });
  const part = (name: string) => parts.get(name)!;
  return { section: section as unknown as HTMLElement, part };
}

const files = ['/', '/a/', '/b/', '/_astro/x.js'].map((url) => ({ url, size: 1_000_000 }));

/** A worker that stores `/` and `/a/`, fails the rest, and removes pages on request. */
function fakeWorker() {
  const stored = new Set<string>(['/_astro/x.js']);
  let keepAll = false;
  const ask: Ask = async (r: Request): Promise<Reply> => {
    switch (r.type) {
      case 'status': {
        const s: Status = { type: 'status', version: 'v', files, stored: [...stored], keepAll };
        return s;
      }
      case 'keep-all':
        keepAll = r.value;
        return { type: 'ok' };
      case 'store':
        if (r.url === '/b/') return { type: 'stored', url: r.url, outcome: 'failed' };
        stored.add(r.url);
        return { type: 'stored', url: r.url, outcome: 'stored' };
      case 'remove-copy': {
        const pages = [...stored].filter((u) => u.endsWith('/'));
        for (const u of pages) stored.delete(u);
        keepAll = false;
        return { type: 'removed', pages: pages.length };
      }
      default:
        return { type: 'ok' };
    }
  };
  return ask;
}

/** Lets the control's awaited questions and its refresh finish. */
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('OfflineControl', () => {
  it('shows no count of a past download after the offline copy is removed', async () => {
    const { section, part } = footer();
    const control = new OfflineControl(section);
    await control.connect(fakeWorker());
    expect(part('summary').textContent).toBe(
      'Pages you open are saved for reading offline (0 of 3 pages so far).',
    );
    expect(part('save').textContent).toBe(
      'Make available offline (3.0 MB still to fetch of 4.0 MB)',
    );

    (part('save') as unknown as FakeElement).click();
    await settle();
    expect(part('message').textContent).toMatch(/^Saved 3 of 4 files; 1 could not be downloaded/);
    expect(part('summary').textContent).toBe(
      'Pages you open are saved for reading offline (2 of 3 pages so far).',
    );
    expect(part('bar').hidden).toBe(true);
    expect(part('remove').hidden).toBe(false);

    (part('remove') as unknown as FakeElement).click();
    await settle();
    expect(part('message').textContent).toMatch(/^Removed the offline copy \(2 pages\)\./);
    expect(part('summary').textContent).toBe(
      'Pages you open are saved for reading offline (0 of 3 pages so far).',
    );
    for (const p of ['summary', 'message', 'save'])
      expect(part(p).textContent).not.toMatch(/\d+ of \d+ files/);
    expect(part('bar')).toMatchObject({ hidden: true, value: 0 });
    expect(part('remove').hidden).toBe(true);
  });

  it('hides and empties the bar when the helper stops answering mid-download', async () => {
    const { section, part } = footer();
    const control = new OfflineControl(section);
    const worker = fakeWorker();
    await control.connect(async (r) => {
      if (r.type === 'keep-all') throw new Error('gone');
      return worker(r);
    });
    (part('save') as unknown as FakeElement).click();
    await settle();
    expect(part('message').textContent).toMatch(/^The download stopped: the offline helper/);
    expect(part('bar')).toMatchObject({ hidden: true, value: 0 });
  });
});
