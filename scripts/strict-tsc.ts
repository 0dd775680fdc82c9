/** The strict TypeScript settings generated code must compile under, and the compiler that checks it. */
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);
const TSC = path.join(path.dirname(require.resolve("typescript-native/package.json")), "bin", "tsc");

/** The strict compiler settings generated code must pass (see the README). */
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

/** Writes a tsconfig with `compilerOptions` for `sources` (its `include` or `files`), and an ESM package.json, in `dir`. */
export function writeProject(
  dir: string,
  compilerOptions: Record<string, unknown>,
  sources: { include: readonly string[] } | { files: readonly string[] },
): void {
  writeFileSync(path.join(dir, "package.json"), JSON.stringify({ type: "module" }));
  writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions, ...sources }));
}

/**
 * Writes a strict tsconfig (and an ESM package.json) in `dir` for the files `include` matches and
 * runs tsc there. Returns tsc's diagnostics, empty when everything compiles.
 */
export function runStrictTsc(dir: string, include: readonly string[], extraOptions: Record<string, unknown> = {}): string {
  writeProject(dir, { ...STRICT_COMPILER_OPTIONS, ...extraOptions }, { include });
  try {
    execFileSync(process.execPath, [TSC, "-p", "."], { cwd: dir, encoding: "utf8", stdio: "pipe", maxBuffer: 256 * 1024 * 1024 });
    return "";
  } catch (error) {
    const { stdout, stderr } = error as { stdout: string; stderr: string };
    return `${stdout}${stderr}`;
  }
}

/** Compiles the generated TypeScript in `dir` into `<dir>/js`; throws with tsc's diagnostics if it does not compile. */
export function compileGenerated(dir: string): string {
  const outDir = path.join(dir, "js");
  const diagnostics = runStrictTsc(dir, ["*.ts"], { rootDir: ".", outDir });
  if (diagnostics !== "") throw new Error(`generated code in ${dir} does not compile:\n${diagnostics}`);
  return outDir;
}

/** The files tsc's program holds for a project of `entry` in `dir` (as absolute paths), its own lib files left out. */
export function programFiles(dir: string, entry: string): string[] {
  writeProject(dir, { ...STRICT_COMPILER_OPTIONS, noEmit: true }, { files: [entry] });
  const listed = execFileSync(process.execPath, [TSC, "-p", ".", "--listFilesOnly"], {
    cwd: dir,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  return listed
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !/[\\/]lib\.[^\\/]*\.d\.ts$/.test(line));
}
