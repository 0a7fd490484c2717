import { progressStore } from '../../progress/browser.ts';
import type { ProgressStore } from '../../progress/store.ts';
import { importSizeProblem, malformedText } from '../../progress/transfer.ts';
import { parseKnownIds, unknownIdsText, type KnownIds } from '../../progress/known-ids.ts';
import { groupPassed, parseOutline, type CourseOutline, type PassedGroups } from './passed-list.ts';

const dateFmt = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' });
const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * `<progress-page>`: the learner's progress in words, with export to a JSON file, import
 * from one (merged, nothing lost; ids the course does not have are left out and named), reset
 * after a confirmation, and the records set aside because they could not be read (exported with
 * everything else; discarded only on request). The course's ids are embedded at build time in
 * `<script type="application/json" data-part="course-ids">`, and its chapters with their
 * exercises' titles and places in `data-part="course-outline"`: passes are listed by title under
 * their chapters (`passed-list.ts`), by id only for an id the course no longer has.
 */
export class ProgressPage extends HTMLElement {
  #store!: ProgressStore;
  #known: KnownIds | undefined;
  #outline: CourseOutline | undefined;

  connectedCallback(): void {
    this.#store = progressStore();
    this.#known = parseKnownIds(this.querySelector('[data-part="course-ids"]')?.textContent);
    this.#outline = parseOutline(this.querySelector('[data-part="course-outline"]')?.textContent);
    const on = (action: string, fn: () => void) =>
      this.querySelector(`[data-action="${action}"]`)!.addEventListener('click', fn);
    on('export', () => this.#export());
    on('reset', () => this.#confirm(true));
    on('cancel-reset', () => this.#confirm(false));
    on('confirm-reset', () => {
      this.#store.reset();
      this.#confirm(false);
      this.#say('Your progress was reset.');
    });
    on('discard', () => {
      this.#store.discardSetAside();
      this.#say('The set-aside records were discarded.');
    });
    const file = this.querySelector<HTMLInputElement>('[data-part="import"]')!;
    file.addEventListener('change', () => void this.#import(file));
    this.#store.subscribe(() => this.#draw());
    this.#draw();
  }

  #part(name: string): HTMLElement {
    return this.querySelector<HTMLElement>(`[data-part="${name}"]`)!;
  }

  #say(text: string): void {
    this.#part('message').textContent = text;
  }

  #confirm(show: boolean): void {
    this.#part('confirm').hidden = !show;
    const target = show ? 'confirm-reset' : 'reset';
    this.querySelector<HTMLElement>(`[data-action="${target}"]`)!.focus();
  }

  #draw(): void {
    const p = this.#store.progress;
    const passed = Object.keys(p.exercises).length;
    const runs = Object.values(p.snippets).reduce((n, s) => n + s.runs, 0);
    this.#part('summary').textContent =
      `${passed} ${passed === 1 ? 'exercise' : 'exercises'} passed · ` +
      `${Object.keys(p.snippets).length} snippets run (${runs} runs)`;
    this.#part('passed').replaceChildren(...passedList(groupPassed(p.exercises, this.#outline)));
    const aside = this.#store.setAside;
    this.#part('set-aside').hidden = aside.length === 0;
    this.#part('set-aside-list').replaceChildren(
      ...aside.map((s) => {
        const li = document.createElement('li');
        const when = s.at === undefined ? '' : `set aside ${dateFmt.format(new Date(s.at))}, `;
        li.textContent = `${s.reason} (${when}${s.raw.length} characters)`;
        return li;
      }),
    );
  }

  #export(): void {
    const data = JSON.stringify(this.#store.exportData(), null, 2);
    const url = URL.createObjectURL(new Blob([data], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `async-io-progress-${new Date().toISOString().slice(0, 10)}.json`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    this.#say('Your progress was exported to a JSON file.');
  }

  async #import(input: HTMLInputElement): Promise<void> {
    const file = input.files?.[0];
    if (!file) return;
    // Refused before reading: a huge file would take seconds to read and parse.
    const tooBig = importSizeProblem(file.size);
    if (tooBig) {
      input.value = '';
      this.#say(`Nothing was imported: ${tooBig}.`);
      return;
    }
    const text = await file.text();
    input.value = '';
    if (!this.#known) {
      this.#say(
        'Nothing was imported: this page could not read the list of the course’s exercises.',
      );
      return;
    }
    const result = this.#store.importData(text, this.#known);
    if (!result.ok) {
      this.#say(`Nothing was imported: ${result.reason}.`);
      return;
    }
    const unknown =
      result.unknown.length > 0 ? ` ${capitalize(unknownIdsText(result.unknown))}.` : '';
    const malformed =
      result.malformed.length > 0 ? ` ${capitalize(malformedText(result.malformed))}.` : '';
    this.#say(
      `Imported ${file.name}: ${result.exercises} passed exercises and ${result.snippets} snippets run, merged with what was here.${unknown}${malformed}`,
    );
  }
}

const passedOn = (passedAt: string) => `passed ${dateFmt.format(new Date(passedAt))}`;

/** An element with a class and text (text only: titles and ids never become markup). */
function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text = '') {
  const e = document.createElement(tag);
  if (className) e.className = className;
  e.textContent = text;
  return e;
}

/** One chapter's heading and list: each pass by its title, linked to its place in the lesson. */
function chapterSection(c: PassedGroups['chapters'][number]): HTMLElement {
  const section = el('section', 'passed-chapter');
  const heading = el('h3', '');
  const link = el('a', '', `Chapter ${c.number}: ${c.title}`);
  link.href = c.href;
  heading.append(link);
  const list = el('ul', '');
  for (const e of c.exercises) {
    const li = el('li', '');
    li.dataset['exerciseId'] = e.id;
    const a = el('a', '', e.title);
    a.href = e.href;
    li.append(a, ` — ${passedOn(e.passedAt)}`);
    list.append(li);
  }
  section.append(heading, list);
  return section;
}

/** The passed exercises: by chapter, then the ids this version of the course does not have. */
function passedList(groups: PassedGroups): HTMLElement[] {
  if (groups.chapters.length === 0 && groups.unknown.length === 0)
    return [
      el('p', 'passed-none', 'None yet: each exercise you pass is listed here, under its chapter.'),
    ];
  const out = groups.chapters.map(chapterSection);
  if (groups.unknown.length > 0) {
    const section = el('section', 'passed-unknown');
    const named = groups.chapters.length > 0;
    section.append(
      el('h3', '', named ? 'Not in this version of the course' : 'Passed exercises by id'),
      el(
        'p',
        '',
        named
          ? 'Passed in a version of the course that had these exercises; this one does not, so they are shown by their ids.'
          : 'The titles of the course’s exercises could not be read on this page, so they are shown by their ids.',
      ),
    );
    const list = el('ul', '');
    for (const u of groups.unknown) {
      const li = el('li', '', `${u.id} — ${passedOn(u.passedAt)}`);
      li.dataset['exerciseId'] = u.id;
      list.append(li);
    }
    section.append(list);
    out.push(section);
  }
  return out;
}
