import Exercise from './Exercise.astro';
import H2 from './H2.astro';
import H3 from './H3.astro';
import Figure from './Figure.astro';
import Notes from './Notes.astro';
import Omit from './Omit.astro';
import PageOnly from './PageOnly.astro';
import SlideBreak from './SlideBreak.astro';
import Snippet from './Snippet.astro';
import Steps from './Steps.astro';
import Timeline from './Timeline.astro';

/**
 * Components lessons can use without importing them, plus the heading overrides that give every
 * section an anchor link. Passed to `<Content components={...}>` by the lesson page.
 */
export const mdxComponents = {
  h2: H2,
  h3: H3,
  Exercise,
  Figure,
  Notes,
  PageOnly,
  DeckOnly: Omit,
  SlideBreak,
  Snippet,
  Steps,
  Timeline,
};
