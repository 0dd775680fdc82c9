/**
 * typia's guards of codegen's types: `typia generate` (typia's transform run by its CLI, on
 * TypeScript 5.9: see typia-typescript.ts) rewrites `typia.createIs<T>()` calls into checking
 * code, which esbuild bundles with the typia runtime helpers it imports.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import * as esbuild from "esbuild";
import { STRICT_COMPILER_OPTIONS, writeProject } from "../strict-tsc.js";
import { REPO_ROOT } from "./inputs.js";

const require = createRequire(import.meta.url);
const TYPIA_BIN = path.join(path.dirname(require.resolve("typia/package.json")), "lib/executable/typia.js");
const TYPESCRIPT_HOOK = new URL("typia-typescript.js", import.meta.url).href;

/** The TypeScript typia's transform runs on, for the rows. */
export const TYPIA_TYPESCRIPT = (require("typescript-5.9/package.json") as { version: string }).version;

/** A type to guard: its name, and the codegen output whose `types.ts` exports it. */
export interface TypiaType {
  type: string;
  outDir: string;
}

/** typia's `is` function for each of `types`, by type name, built in `dir`. */
export async function typiaGuards(dir: string, types: readonly TypiaType[]): Promise<Record<string, (value: unknown) => boolean>> {
  const input = path.join(dir, "input");
  mkdirSync(input, { recursive: true });
  // typia's transform finds `typia` (and esbuild its helpers) through the repository's node_modules.
  symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
  writeProject(dir, STRICT_COMPILER_OPTIONS, { include: ["input"] });
  const imports = types.map(({ type, outDir }) => {
    const specifier = path.relative(input, path.join(outDir, "types.js")).split(path.sep).join("/");
    return `import type { ${type} } from ${JSON.stringify(specifier)};`;
  });
  const guards = types.map(({ type }) => `export const is${type} = typia.createIs<${type}>();`);
  writeFileSync(path.join(input, "guards.ts"), ['import typia from "typia";', ...imports, ...guards, ""].join("\n"));
  try {
    execFileSync(
      process.execPath,
      ["--import", TYPESCRIPT_HOOK, TYPIA_BIN, "generate", "--input", "input", "--output", "output", "--project", "tsconfig.json"],
      { cwd: dir, encoding: "utf8", stdio: "pipe" },
    );
  } catch (error) {
    const { stdout, stderr } = error as { stdout: string; stderr: string };
    throw new Error(`typia generate failed: ${`${stderr}${stdout}`.trim().split("\n").slice(-3).join(" ")}`, { cause: error });
  }
  const bundle = path.join(dir, "guards.js");
  await esbuild.build({
    entryPoints: [path.join(dir, "output", "guards.ts")],
    bundle: true,
    format: "esm",
    platform: "node",
    outfile: bundle,
    logLevel: "silent",
  });
  return (await import(pathToFileURL(bundle).href)) as Record<string, (value: unknown) => boolean>;
}
