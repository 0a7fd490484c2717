import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The files of one lesson folder, as the content checks see them. */
export interface LessonFiles {
  /** Folder relative to the lessons root, e.g. `01-kernels-view/01-waiting-is-the-job`. */
  readonly rel: string;
  readonly index: string;
  readonly snippets: readonly string[];
  readonly exercises: readonly string[];
}

const SNIPPET = /\.(ts|cts|mts)$/;

/** Every lesson under `root` (folders holding an `index.mdx`; `_`-prefixed folders are skipped). */
export function findLessons(root: string): LessonFiles[] {
  const found: LessonFiles[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      if (name.startsWith('_') || name === 'snippets' || name === 'exercises') continue;
      const path = join(dir, name);
      if (!statSync(path).isDirectory()) continue;
      const index = join(path, 'index.mdx');
      if (existsSync(index)) {
        const snippetsDir = join(path, 'snippets');
        const exercisesDir = join(path, 'exercises');
        found.push({
          rel: relative(root, path),
          index,
          snippets: existsSync(snippetsDir)
            ? readdirSync(snippetsDir)
                .filter((f) => SNIPPET.test(f))
                .sort()
                .map((f) => join(snippetsDir, f))
            : [],
          exercises: existsSync(exercisesDir)
            ? readdirSync(exercisesDir)
                .map((f) => join(exercisesDir, f))
                .filter((p) => statSync(p).isDirectory())
                .sort()
            : [],
        });
      }
      walk(path);
    }
  };
  walk(root);
  return found;
}
