/**
 * Lesson ids are the chapter folder name without its number prefix:
 * `01-kernel/01-waiting-is-the-job/index.mdx` → `waiting-is-the-job`.
 * They become URLs (`/lessons/<id>/`) and storage keys, so they must stay stable.
 */
export function lessonIdFromPath(entry: string): string {
  const parts = entry.split('/');
  const folder = parts.at(-2);
  if (parts.length < 2 || folder === undefined) {
    throw new Error(
      `Lesson file "${entry}" must live in its own folder: NN-part/NN-chapter/index.mdx`,
    );
  }
  const id = folder.replace(/^\d+-/, '');
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id)) {
    throw new Error(`Lesson folder "${folder}" must be NN-kebab-case (got id "${id}")`);
  }
  return id;
}

/** The folder of a lesson relative to `src/lessons`, from its `index.mdx` path. */
export function lessonDirFromPath(entry: string): string {
  return entry.split('/').slice(0, -1).join('/');
}

/**
 * Exercise ids are `<lesson id>/<exercise folder>`:
 * `01-kernels-view/01-waiting-is-the-job/exercises/fetch-all/exercise.md` → `waiting-is-the-job/fetch-all`.
 */
export function exerciseIdFromPath(entry: string): string {
  const m = /^(.*)\/exercises\/([a-z0-9-]+)\/exercise\.md$/.exec(entry);
  if (!m)
    throw new Error(`Exercise file "${entry}" must be <lesson>/exercises/<kebab-name>/exercise.md`);
  return `${lessonIdFromPath(`${m[1]!}/index.mdx`)}/${m[2]!}`;
}
