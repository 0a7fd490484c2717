/** Markup that ends one slide section and opens the next (see SlideHeading.astro). */
export const SLIDE_BOUNDARY = '</section><section class="slide">';
