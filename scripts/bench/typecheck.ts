/**
 * What a project pays to type-check generated code: tsc (the `typescript` package, the compiler
 * projects run) on a consumer that imports a whole output, as a user's project would, against the
 * same for openapi-typescript's and json-schema-to-typescript's types of the same document.
 */
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { writeProject } from "../strict-tsc.js";
import { runNode, timeRuns, type ProcessRun } from "./measure.js";

const require = createRequire(import.meta.url);
const packageBin = (name: string, bin: string): string => path.join(path.dirname(require.resolve(`${name}/package.json`)), bin);
const TSC = packageBin("typescript", "bin/tsc");
const OPENAPI_TYPESCRIPT = packageBin("openapi-typescript", "bin/cli.js");

/** The version of the tsc that is timed, for the row's name. */
export const TSC_VERSION = (require("typescript/package.json") as { version: string }).version;

/** The settings of a strict project; `skipLibCheck` is off, so declaration files are checked as a project that ships them would. */
const CONSUMER_OPTIONS = {
  target: "ES2022",
  lib: ["ES2022"],
  module: "NodeNext",
  moduleResolution: "NodeNext",
  strict: true,
  noEmit: true,
  types: [],
};

/**
 * A project in `dir` holding a copy of `output` (a directory, or one `.d.ts` file) and
 * `consumer.ts` with `source`, which imports it as `./output/index.js` (or `./output.js`).
 */
export function consumerProject(dir: string, output: string, source: string): string {
  mkdirSync(dir, { recursive: true });
  cpSync(output, path.join(dir, output.endsWith(".d.ts") ? "output.d.ts" : "output"), { recursive: true });
  writeProject(dir, CONSUMER_OPTIONS, { files: ["consumer.ts"] });
  writeFileSync(path.join(dir, "consumer.ts"), source);
  return dir;
}

/** Median wall time of `runs` tsc runs on the project in `dir` (each a fresh process, as in a build). */
export function typeCheck(dir: string, runs: number): ProcessRun {
  return timeRuns(runs, () => runNode(TSC, ["-p", "."], dir));
}

/** openapi-typescript's declarations of `document`, written to `file`. */
export function openapiTypescript(document: string, file: string): void {
  runNode(OPENAPI_TYPESCRIPT, [document, "--output", file], path.dirname(file));
}
