import { existsSync, watch, type FSWatcher } from "node:fs";
import path from "node:path";

/**
 * Calls `run` after each change under `paths` (files or directories, watched recursively), once
 * changes have stopped for `quietMs`: an editor's save is several events. A run never overlaps the
 * previous one; changes during a run trigger one more. Returns a function that stops watching.
 */
export function watchPaths(paths: readonly string[], run: () => Promise<void>, quietMs = 100): () => void {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let pending = false;
  const start = (): void => {
    if (running !== undefined) {
      pending = true;
      return;
    }
    running = run().finally(() => {
      running = undefined;
      if (pending) {
        pending = false;
        start();
      }
    });
  };
  const changed = (file: string | null): void => {
    // The output and the cache change on every run: they must not trigger the next.
    if (file !== null && /(^|[\\/])(node_modules|\.codegen-staging-[^\\/]*)([\\/]|$)/.test(file)) return;
    clearTimeout(timer);
    timer = setTimeout(start, quietMs);
  };
  const watchers: FSWatcher[] = paths
    .filter((entry) => existsSync(entry))
    .map((entry) => watch(entry, { recursive: true }, (_, file) => changed(file)));
  return () => {
    clearTimeout(timer);
    for (const watcher of watchers) watcher.close();
  };
}

/** What `--watch` watches: the inputs (or the directories of globs and missing paths), and the config files. */
export function watchedPaths(inputs: readonly string[], cwd: string, configFiles: readonly string[]): string[] {
  const paths = inputs.map((input) => {
    const absolute = path.resolve(cwd, input);
    if (existsSync(absolute)) return absolute;
    const beforeWildcard = absolute.split(/[*?]/)[0]!;
    return existsSync(beforeWildcard) ? beforeWildcard : path.dirname(beforeWildcard);
  });
  return [...new Set([...paths, ...configFiles.map((file) => path.resolve(cwd, file))])];
}
