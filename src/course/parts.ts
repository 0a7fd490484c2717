/** A part of the course: chapters are grouped under it on the course map. */
export interface Part {
  /** 1-based number used in lesson front matter. */
  readonly number: number;
  readonly title: string;
  /** One line on what the part is about. */
  readonly blurb: string;
  /**
   * Every chapter the course plan gives this part, by number and working title. Chapters with a
   * lesson are listed from their lessons; the others are shown as "in preparation".
   */
  readonly planned: readonly PlannedChapter[];
}

/** A chapter of the course plan (`../shared/notes/course-plan.md`). */
export interface PlannedChapter {
  readonly order: number;
  readonly title: string;
}

/** The three parts of the course, in reading order. */
export const parts: readonly Part[] = [
  {
    number: 1,
    title: "The kernel's view",
    blurb:
      'What waiting costs, and the machinery operating systems give us to wait for many things at once.',
    planned: [
      { order: 1, title: 'Waiting is the job' },
      { order: 2, title: 'Threads and their price' },
      { order: 3, title: 'Non-blocking sockets' },
      { order: 4, title: 'select, poll, epoll' },
      { order: 5, title: 'The reactor' },
    ],
  },
  {
    number: 2,
    title: 'Taming callbacks',
    blurb: 'From callback chains to Deferreds, Promises, generators and async/await.',
    planned: [
      { order: 6, title: 'Callbacks, Deferreds, Promises' },
      { order: 7, title: 'Generators as coroutines' },
      { order: 8, title: 'async/await and coordination' },
    ],
  },
  {
    number: 3,
    title: 'Concurrency without colours',
    blurb:
      'Green threads, bridging synchronous and asynchronous code, and when async is not worth it.',
    planned: [
      { order: 9, title: 'Green threads' },
      { order: 10, title: 'Bridging sync and async' },
      { order: 11, title: 'When async is not worth it' },
      { order: 12, title: 'Capstone: one service, five models' },
    ],
  },
];
