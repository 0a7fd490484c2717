import { describe, expect, it } from 'vitest';
import { FakeStorage } from './fake-storage.test-support.ts';
import { SafeStorage, type StorageFailure } from './safe-storage.ts';

describe('SafeStorage.write', () => {
  it('says how a write failed, and reports only failures', () => {
    const fake = new FakeStorage();
    const failures: StorageFailure[] = [];
    const s = new SafeStorage(
      () => fake,
      (f) => failures.push(f),
    );
    expect(s.write('k', 'v')).toBeUndefined();
    fake.refuse = (key) => key === 'big';
    expect(s.write('big', 'v')).toBe('full');
    expect(s.write('k', 'w')).toBeUndefined();
    fake.disabled = true;
    expect(s.write('k', 'x')).toBe('unavailable');
    expect(s.set('k', 'x')).toBe(false);
    expect(failures).toEqual(['full', 'unavailable', 'unavailable']);
    expect(fake.data.get('k')).toBe('w');
  });
});
