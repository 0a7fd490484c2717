import { mdxComponents } from '../mdx/index.ts';
import Omit from '../mdx/Omit.astro';
import DeckOnlyShown from './DeckOnlyShown.astro';
import SlideBreakBoundary from './SlideBreakBoundary.astro';
import SlideHeading from './SlideHeading.astro';

/**
 * The lesson page's MDX components with the two that shape a deck swapped in: `##` and
 * `<SlideBreak />` start slides. Everything else (Snippet, Exercise, Timeline, Notes, Steps)
 * renders exactly as on the lesson page, scripts included.
 */
export const slideComponents = {
  ...mdxComponents,
  h2: SlideHeading,
  SlideBreak: SlideBreakBoundary,
  PageOnly: Omit,
  DeckOnly: DeckOnlyShown,
};
