import { progressStore } from '../../progress/browser.ts';

/**
 * `<progress-status>`: shows the progress store's notices (storage disabled or full, records
 * set aside) so the learner is never silently losing progress. With `data-lesson`, it also
 * records the visit and counts snippet runs (`course:snippet-run` events from the workbench).
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
    const draw = () => {
      const list = this.querySelector('ul')!;
      list.replaceChildren(
        ...store.notices.map((n) => {
          const li = document.createElement('li');
          li.dataset['notice'] = n.kind;
          li.textContent = `${n.text} `;
          if (n.kind !== 'unavailable' && !location.pathname.startsWith('/progress/')) {
            const a = document.createElement('a');
            a.href = '/progress/';
            a.textContent = 'Open the Progress page';
            li.append(a);
          }
          return li;
        }),
      );
      this.hidden = store.notices.length === 0;
    };
    draw();
    store.subscribe(draw);
  }
}
