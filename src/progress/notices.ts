/** Why the learner should know about the state of progress storage. */
export type NoticeKind = 'unavailable' | 'full' | 'unsaved-edit' | 'read-only' | 'set-aside';

/** One message for the learner; `kind` lets a page style or test it. */
export interface Notice {
  readonly kind: NoticeKind;
  readonly text: string;
  /**
   * What was not saved (`progress`, `edit:<id>`, `storage`), for notices that stay until that is
   * saved or the learner dismisses them; absent for notices that follow the stored data.
   */
  readonly subject?: string;
  /**
   * The text to show on the Progress page itself, where "from the Progress page" would point
   * at the page the learner is reading; absent when {@link text} reads well there too.
   */
  readonly onProgressPage?: string;
}

/** The words of `notice` for the page it is shown on. */
export const noticeText = (notice: Notice, onProgressPage: boolean): string =>
  (onProgressPage ? notice.onProgressPage : undefined) ?? notice.text;

/** The subject of the notice that storage cannot be used at all. */
export const STORAGE_SUBJECT = 'storage';
/** The subject of the notice that the progress record was not saved. */
export const PROGRESS_SUBJECT = 'progress';

const full =
  'Browser storage is full, so your latest progress (passed exercises, snippet runs, the lesson you are reading) was not saved. It is kept while this page is open:';

/** The learner-facing sentence for each kind of notice about the progress store. */
export function noticeFor(kind: Exclude<NoticeKind, 'unsaved-edit'>, count = 1): Notice {
  switch (kind) {
    case 'unavailable':
      return {
        kind,
        subject: STORAGE_SUBJECT,
        text: 'This browser does not let the course save anything (storage is disabled), so your progress and edits last only until you leave the page. Everything else works.',
      };
    case 'full':
      return {
        kind,
        subject: PROGRESS_SUBJECT,
        text: `${full} export it from the Progress page to keep it.`,
        onProgressPage: `${full} export it below to keep it.`,
      };
    case 'read-only':
      return {
        kind,
        text: 'Saved progress could not be read and there was no room to keep a copy, so it is left untouched and nothing new is saved this visit.',
      };
    case 'set-aside': {
      const kept = `${count === 1 ? 'A saved progress record' : `${count} saved progress records`} could not be read (damaged, or from another version of the course). ${count === 1 ? 'It is' : 'They are'} kept, and can be exported`;
      return {
        kind,
        text: `${kept} from the Progress page.`,
        onProgressPage: `${kept} below.`,
      };
    }
  }
}

/**
 * The notice that an edit was not saved because storage is full. `what` names it, e.g.
 * `your code for the exercise "fetch-all"`; `subject` is `edit:<storage id>`.
 */
export function unsavedEditNotice(subject: string, what: string): Notice {
  return {
    kind: 'unsaved-edit',
    subject,
    text: `Browser storage is full, so ${what} was not saved. It is still on the page until you leave it: copy it somewhere to keep it.`,
  };
}
