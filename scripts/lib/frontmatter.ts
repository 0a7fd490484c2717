import { parse } from 'yaml';
import { lessonSchema } from '../../src/course/schema.ts';

/**
 * Validates a lesson's front matter with the same schema the Astro build uses, and returns one
 * message per problem, each naming the file and the field.
 */
export function frontmatterProblems(file: string, text: string): string[] {
  const m = /^---\r?\n([\s\S]*?)\r?\n---(?:\r?\n|$)/.exec(text);
  if (!m) return [`${file}: no front matter (a block between --- lines at the top)`];
  let data: unknown;
  try {
    data = parse(m[1]!);
  } catch (error) {
    return [`${file}: front matter is not valid YAML: ${(error as Error).message}`];
  }
  const result = lessonSchema.safeParse(data);
  if (result.success) return [];
  return result.error.issues.map((issue) => {
    const field = issue.path.length > 0 ? issue.path.join('.') : '(top level)';
    return `${file}: field "${field}": ${issue.message}`;
  });
}

/** `<Snippet src="./...">` references in a lesson body that point at missing files. */
export function referencedFiles(text: string): string[] {
  return [...text.matchAll(/<(?:Snippet|Exercise)\b[^>]*\bsrc="(\.\/[^"]+)"/g)].map((m) => m[1]!);
}
