/** Why the learner should know about the state of progress storage. */
export type NoticeKind = 'unavailable' | 'full' | 'read-only' | 'set-aside';

/** One message for the learner; `kind` lets a page style or test it. */
export interface Notice {
  readonly kind: NoticeKind;
  readonly text: string;
}

/** The learner-facing sentence for each kind of notice. */
export function noticeFor(kind: NoticeKind, count = 1): Notice {
  switch (kind) {
    case 'unavailable':
      return {
        kind,
        text: 'This browser does not let the course save anything (storage is disabled), so your progress lasts only until you leave the page. Everything else works.',
      };
    case 'full':
      return {
        kind,
        text: 'Browser storage is full, so your latest progress could not be saved. Export it from the Progress page to keep it.',
      };
    case 'read-only':
      return {
        kind,
        text: 'Saved progress could not be read and there was no room to keep a copy, so it is left untouched and nothing new is saved this visit.',
      };
    case 'set-aside':
      return {
        kind,
        text: `${count === 1 ? 'A saved progress record' : `${count} saved progress records`} could not be read (damaged, or from another version of the course). ${count === 1 ? 'It is' : 'They are'} kept, and can be exported from the Progress page.`,
      };
  }
}
