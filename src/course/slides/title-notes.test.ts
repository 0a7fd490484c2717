import { describe, expect, it } from 'vitest';
import { titleNotes } from './title-notes.ts';

describe('titleNotes', () => {
  it('says how long, what it builds on and which sources', () => {
    expect(
      titleNotes(
        80,
        [{ order: 7, title: 'Generators as coroutines' }],
        [{ title: 'Coroutines and Tasks', author: 'Python documentation' }, { title: 'epoll(7)' }],
      ),
    ).toEqual([
      'The lesson page takes about 80 minutes to read and work through.',
      'It builds on chapter 7, “Generators as coroutines”.',
      'Facts checked against: Coroutines and Tasks (Python documentation); epoll(7).',
    ]);
  });
  it('joins several prior chapters, and leaves out what is not there', () => {
    const notes = titleNotes(
      30,
      [
        { order: 1, title: 'A' },
        { order: 2, title: 'B' },
        { order: 4, title: 'C' },
      ],
      [],
    );
    expect(notes).toEqual([
      'The lesson page takes about 30 minutes to read and work through.',
      'It builds on chapter 1, “A”, chapter 2, “B” and chapter 4, “C”.',
    ]);
    expect(titleNotes(10, [], [])).toHaveLength(1);
  });
});
