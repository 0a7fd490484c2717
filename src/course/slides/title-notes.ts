/**
 * Speaker notes for a deck's title slide, from the lesson's front matter: how long the lesson
 * page takes, which chapters it builds on, and the sources its facts were checked against, so a
 * lecturer can frame the talk and answer "where does that come from?".
 */

/** A chapter the lesson builds on, as the deck names it. */
export interface PriorChapter {
  readonly order: number;
  readonly title: string;
}

/** A source as the front matter lists it. */
export interface NotedSource {
  readonly title: string;
  readonly author?: string | undefined;
}

/** The paragraphs of the title slide's notes. */
export function titleNotes(
  minutes: number,
  prior: readonly PriorChapter[],
  sources: readonly NotedSource[],
): string[] {
  const notes = [`The lesson page takes about ${minutes} minutes to read and work through.`];
  if (prior.length > 0) {
    const names = prior.map((p) => `chapter ${p.order}, “${p.title}”`);
    const list =
      names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
    notes.push(`It builds on ${list}.`);
  }
  if (sources.length > 0) {
    const cited = sources.map((s) => (s.author ? `${s.title} (${s.author})` : s.title));
    notes.push(`Facts checked against: ${cited.join('; ')}.`);
  }
  return notes;
}
