import { describe, expect, it } from 'vitest';
import { announcement, planSlides, stepSource } from './plan.ts';

describe('planning slides from rendered sections', () => {
  it('drops an empty lead-in and names slides by their headings', () => {
    const plan = planSlides(
      [
        { heading: undefined, visible: false },
        { heading: 'One', visible: true },
        { heading: 'Two', visible: true },
      ],
      'Lesson',
    );
    expect(plan).toEqual([
      { section: 1, title: 'One' },
      { section: 2, title: 'Two' },
    ]);
  });

  it('titles a lead-in by the lesson and a slide break by the section it splits', () => {
    const plan = planSlides(
      [
        { heading: undefined, visible: true },
        { heading: 'Blocking', visible: true },
        { heading: undefined, visible: true },
        { heading: undefined, visible: false },
      ],
      'Waiting is the job',
    );
    expect(plan.map((p) => p.title)).toEqual([
      'Waiting is the job',
      'Blocking',
      'Blocking (continued)',
    ]);
    // Only the slide break continues a section (the lead-in has no section to continue).
    expect(plan.map((p) => p.continues)).toEqual([undefined, undefined, 'Blocking']);
  });

  it('a heading-only section still counts as a slide', () => {
    expect(planSlides([{ heading: ' Pitfalls ', visible: true }], 'L')).toEqual([
      { section: 0, title: 'Pitfalls' },
    ]);
  });
});

describe('announcements', () => {
  it('says where the audience is', () => {
    expect(announcement(2, 12, 'Blocking', 0, 0)).toBe('Slide 3 of 12: Blocking');
    expect(announcement(2, 12, 'Blocking', 1, 3)).toBe('Slide 3 of 12: Blocking, step 1 of 3');
  });
});

describe('steps', () => {
  it('steps through the items of a single list, else through the children', () => {
    expect(stepSource(['UL'])).toBe('list-items');
    expect(stepSource(['ol'])).toBe('list-items');
    expect(stepSource(['P', 'UL'])).toBe('children');
    expect(stepSource(['FIGURE'])).toBe('children');
    expect(stepSource([])).toBe('children');
  });
});
