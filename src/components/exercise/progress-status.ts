import { progressStore } from '../../progress/browser.ts';
import { noticeText, type Notice } from '../../progress/notices.ts';

/** Notices after which the Progress page helps (export, set-aside records). */
const helpedByProgressPage = new Set<Notice['kind']>(['full', 'read-only', 'set-aside']);

/**
 * `<progress-status>`: shows the progress store's notices (storage disabled or full, progress or
 * an edit not saved, records set aside) so the learner is never silently losing anything. A
 * notice about something not saved stays until it is saved or the learner dismisses it. With
 * `data-lesson`, it also records the visit and counts snippet runs (`course:snippet-run` events
 * from the workbench).
 */
export class ProgressStatus extends HTMLElement {
  connectedCallback(): void {
    const store = progressStore();
    const lesson = this.dataset['lesson'];
    if (lesson) {
      store.visitLesson(lesson);
      document.addEventListener('course:snippet-run', (e) => {
        const id = (e as CustomEvent<{ id?: unknown }>).detail?.id;
        if (typeof id === 'string') store.markSnippetRun(id);
      });
    }
    const list = this.querySelector('ul')!;
    let drawn = 0;
    const onProgressPage = location.pathname.startsWith('/progress/');
    const item = (n: Notice) => {
      const li = document.createElement('li');
      li.dataset['notice'] = n.kind;
      const text = document.createElement('span');
      text.id = `progress-notice-${++drawn}`;
      text.textContent = `${noticeText(n, onProgressPage)} `;
      li.append(text);
      if (helpedByProgressPage.has(n.kind) && !onProgressPage) {
        const a = document.createElement('a');
        a.href = '/progress/';
        a.textContent = 'Open the Progress page';
        li.append(a, ' ');
      }
      const subject = n.subject;
      if (subject !== undefined) {
        const b = document.createElement('button');
        b.type = 'button';
        b.className = 'button dismiss';
        b.dataset['subject'] = subject;
        b.textContent = 'Dismiss';
        b.setAttribute('aria-describedby', text.id);
        b.addEventListener('click', () => this.#dismiss(subject));
        li.append(b);
      }
      return li;
    };
    const draw = () => {
      const notices = store.notices;
      list.replaceChildren(...notices.map(item));
      this.hidden = notices.length === 0;
    };
    draw();
    store.subscribe(draw);
  }

  /** Closes one notice; focus moves to the next Dismiss button, or to the main content. */
  #dismiss(subject: string): void {
    progressStore().dismiss(subject);
    const next = this.querySelector<HTMLElement>('button.dismiss');
    (next ?? document.getElementById('main'))?.focus();
  }
}
