/**
 * Resolves a path written in a lesson (`./snippets/echo.ts`) against the lesson's folder,
 * refusing anything that would leave it. Returns a path relative to `src/lessons`.
 */
export function resolveLessonFile(lessonDir: string, src: string): string {
  if (!src.startsWith('./')) {
    throw new Error(
      `"${src}" in lesson "${lessonDir}": paths must start with "./" (relative to the lesson folder)`,
    );
  }
  const parts = [...lessonDir.split('/')];
  for (const seg of src.slice(2).split('/')) {
    if (seg === '..' || seg === '' || seg === '.') {
      throw new Error(`"${src}" in lesson "${lessonDir}": paths may not leave the lesson folder`);
    }
    parts.push(seg);
  }
  return parts.join('/');
}

/** A stable, URL-safe id for a snippet: `<lesson id>/<file name without .ts>`. */
export function snippetId(lessonId: string, file: string): string {
  const name = file
    .split('/')
    .at(-1)!
    .replace(/\.[cm]?ts$/, '');
  return `${lessonId}/${name}`;
}

/** The recording that sits beside a snippet: `x.ts` → `x.output.txt`. */
export function outputPathFor(file: string): string {
  return file.replace(/\.[cm]?ts$/, '.output.txt');
}
