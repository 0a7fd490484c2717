import { getCollection } from 'astro:content';
import { buildCourse, type Course } from './tree.ts';

let cached: Promise<Course> | undefined;

/** The course tree, built once per build from the `lessons` collection. */
export function loadCourse(): Promise<Course> {
  cached ??= getCollection('lessons').then((entries) => buildCourse(entries));
  return cached;
}
