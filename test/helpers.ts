import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** The repository root (tests run from dist/test/). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const SHARED_DIR = path.resolve(REPO_ROOT, "../shared");

const require = createRequire(import.meta.url);
const TSC = path.join(path.dirname(require.resolve("typescript/package.json")), "bin", "tsc");

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

/** The strict compiler settings generated code must pass. */
export const STRICT_COMPILER_OPTIONS = {
  target: "ES2022",
  lib: ["ES2022"],
  module: "NodeNext",
  moduleResolution: "NodeNext",
  strict: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  skipLibCheck: true,
  types: [],
};

/**
 * Compiles a directory of generated TypeScript under the strict settings into `<dir>/js`; throws
 * with tsc's diagnostics if it does not compile. Returns the directory holding the JavaScript.
 */
export function compileGenerated(dir: string): string {
  const outDir = path.join(dir, "js");
  writeFileSync(
    path.join(dir, "tsconfig.json"),
    JSON.stringify({ compilerOptions: { ...STRICT_COMPILER_OPTIONS, rootDir: ".", outDir }, include: ["*.ts"] }),
  );
  writeFileSync(path.join(dir, "package.json"), JSON.stringify({ type: "module" }));
  try {
    execFileSync(process.execPath, [TSC, "-p", dir], { encoding: "utf8", stdio: "pipe" });
  } catch (error) {
    const { stdout, stderr } = error as { stdout: string; stderr: string };
    throw new Error(`generated code in ${dir} does not compile:\n${stdout}${stderr}`);
  }
  return outDir;
}

/** Imports a compiled generated module, e.g. `importGenerated(jsDir, "index")`. */
export async function importGenerated<T = Record<string, unknown>>(jsDir: string, module: string): Promise<T> {
  return (await import(pathToFileURL(path.join(jsDir, `${module}.js`)).href)) as T;
}
