import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export { objectAt } from "../scripts/bench/inputs.js";
export { compileGenerated, STRICT_COMPILER_OPTIONS } from "../scripts/strict-tsc.js";
export { SUITE_DIR } from "../scripts/vendor-test-suite.js";

/** The repository root (tests run from dist/test/). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

const temporaryDirectories: string[] = [];
process.on("exit", () => {
  for (const dir of temporaryDirectories) rmSync(dir, { recursive: true, force: true });
});

/** A fresh directory, removed when the test process exits. */
export function temporaryDirectory(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `codegen-${prefix}-`));
  temporaryDirectories.push(dir);
  return dir;
}

/** Imports a compiled generated module, e.g. `importGenerated(jsDir, "index")`. */
export async function importGenerated<T = Record<string, unknown>>(jsDir: string, module: string): Promise<T> {
  return (await import(pathToFileURL(path.join(jsDir, `${module}.js`)).href)) as T;
}

/**
 * Output file names without the types modules: checks first that each module `X.ts` has its
 * `X.types.ts` beside it, and `types.ts` beside `index.ts`, so tests list only the validators' modules.
 */
export function withoutTypesModules(names: readonly string[]): string[] {
  const sorted = [...names].sort();
  const isTypes = (name: string): boolean => name === "types.ts" || name.endsWith(".types.ts");
  const modules = sorted.filter((name) => /^[A-Z].*\.ts$/.test(name) && !isTypes(name));
  assert.deepEqual(
    sorted.filter((name) => name.endsWith(".types.ts")),
    modules.map((name) => name.replace(/\.ts$/, ".types.ts")),
    "each module has its types module",
  );
  assert.equal(sorted.includes("types.ts"), sorted.includes("index.ts"), "types.ts is beside index.ts");
  return sorted.filter((name) => !isTypes(name));
}
