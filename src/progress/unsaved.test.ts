import { describe, expect, it } from 'vitest';
import { UnsavedLog } from './unsaved.ts';
import { noticeFor, unsavedEditNotice } from './notices.ts';

describe('the list of what was not saved', () => {
  it('keeps each failure until that same thing is saved', () => {
    const log = new UnsavedLog();
    let changes = 0;
    log.subscribe(() => changes++);
    log.failed('progress', noticeFor('full'));
    log.failed('edit:a/b', unsavedEditNotice('edit:a/b', 'your edit of the snippet "a/b"'));
    log.failed('progress', noticeFor('full')); // the same failure again: no change
    expect(changes).toBe(2);
    log.saved('edit:other'); // something else was saved: both notices stay
    expect(log.notices.map((n) => n.subject)).toEqual(['progress', 'edit:a/b']);
    log.saved('progress');
    expect(log.notices.map((n) => n.subject)).toEqual(['edit:a/b']);
    expect(log.notices[0]!.text).toMatch(
      /^Browser storage is full, so your edit of the snippet "a\/b" was not saved/,
    );
  });

  it('stays quiet about a dismissed failure until it was saved and fails anew', () => {
    const log = new UnsavedLog();
    log.failed('progress', noticeFor('full'));
    log.dismiss('progress');
    expect(log.notices).toEqual([]);
    log.failed('progress', noticeFor('full'));
    expect(log.notices).toEqual([]);
    log.saved('progress');
    log.failed('progress', noticeFor('full'));
    expect(log.notices).toHaveLength(1);
  });
});
