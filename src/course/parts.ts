/** A part of the course: chapters are grouped under it on the course map. */
export interface Part {
  /** 1-based number used in lesson front matter. */
  readonly number: number;
  readonly title: string;
  /** One line on what the part is about. */
  readonly blurb: string;
}

/** The three parts of the course, in reading order. */
export const parts: readonly Part[] = [
  {
    number: 1,
    title: "The kernel's view",
    blurb:
      'What waiting costs, and the machinery operating systems give us to wait for many things at once.',
  },
  {
    number: 2,
    title: 'Taming callbacks',
    blurb: 'From callback chains to Deferreds, Promises, generators and async/await.',
  },
  {
    number: 3,
    title: 'Concurrency without colours',
    blurb:
      'Green threads, bridging synchronous and asynchronous code, and when async is not worth it.',
  },
];
