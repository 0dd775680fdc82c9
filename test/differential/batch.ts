/**
 * Many schemas, one tsc run: each schema is generated into its own sub-directory of one temporary
 * directory (`formatter: "none"`), the whole directory is type-checked and compiled by a single tsc
 * run under the strict flags (as scripts/conformance.ts does), then each `out/index.js` is imported.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { CodegenError, generate } from "../../src/index.js";
import { runStrictTsc } from "../../scripts/strict-tsc.js";
import { temporaryDirectory } from "../helpers.js";
import type { Dialect, Json } from "./json.js";
import type { ErrorLike } from "./oracle.js";

export interface BatchInput {
  schema: Json;
  dialect: Dialect;
}

export interface Validators {
  validate(value: unknown): { valid: true; value: unknown } | { valid: false; errors: ErrorLike[] };
  is(value: unknown): boolean;
}

export type Generated =
  | { status: "generated"; dir: string; rootType: string }
  /** codegen refused a keyword it cannot validate yet. */
  | { status: "unsupported"; keyword: string; message: string }
  /** codegen failed otherwise: a bug, since every generated schema is valid. */
  | { status: "error"; message: string };

const UNSUPPORTED = /the keyword "([^"]+)" is not supported by codegen's validators yet/;

export class Batch {
  readonly work: string;
  private count = 0;

  constructor(prefix: string) {
    this.work = temporaryDirectory(prefix);
  }

  /** Generates one schema into the next sub-directory. */
  async add(input: BatchInput): Promise<Generated> {
    const dir = path.join(this.work, `s${this.count++}`);
    mkdirSync(dir);
    writeFileSync(path.join(dir, "schema.json"), JSON.stringify(input.schema));
    // codegen's dependencies may print (json-schema-to-typescript logs its schema errors): keep it with the result.
    const printed: string[] = [];
    const saved = { log: console.log, warn: console.warn, error: console.error };
    const capture = (...args: unknown[]): void => {
      printed.push(args.map((arg) => (typeof arg === "string" ? arg : JSON.stringify(arg))).join(" "));
    };
    Object.assign(console, { log: capture, warn: capture, error: capture });
    try {
      const result = await generate({
        cwd: dir,
        inputs: ["schema.json"],
        outDir: "out",
        dialect: input.dialect,
        formats: "assert",
        formatter: "none",
        cache: false,
      });
      return { status: "generated", dir, rootType: result.rootTypes[0]! };
    } catch (error) {
      const described = error instanceof CodegenError ? error.describe() : String((error as Error | null | undefined)?.stack ?? error);
      const message = printed.length === 0 ? described : `${described}\n(printed while generating: ${printed.join("; ")})`;
      const unsupported = error instanceof CodegenError ? UNSUPPORTED.exec(error.message) : null;
      return unsupported !== null ? { status: "unsupported", keyword: unsupported[1]!, message } : { status: "error", message };
    } finally {
      Object.assign(console, saved);
    }
  }

  /** Type-checks and compiles every generated sub-directory with one tsc run; returns tsc's errors by sub-directory. */
  compile(): Map<string, string[]> {
    const output = runStrictTsc(this.work, ["*/out/*.ts"]);
    const errors = new Map<string, string[]>();
    for (const line of output.split("\n")) {
      const match = /^([^(\n]+)\(\d+,\d+\): error/.exec(line);
      if (match === null) continue;
      const dir = path.join(this.work, match[1]!.split(/[\\/]/)[0]!);
      errors.set(dir, [...(errors.get(dir) ?? []), line]);
    }
    return errors;
  }

  static async load(generated: { dir: string; rootType: string }): Promise<Validators> {
    const module = (await import(pathToFileURL(path.join(generated.dir, "out", "index.js")).href)) as Record<string, unknown>;
    const validate = module[`validate${generated.rootType}`];
    const is = module[`is${generated.rootType}`];
    if (typeof validate !== "function" || typeof is !== "function") {
      throw new Error(`${generated.dir}/out/index.js exports no validate${generated.rootType}/is${generated.rootType}`);
    }
    return { validate: validate as Validators["validate"], is: is as Validators["is"] };
  }
}
