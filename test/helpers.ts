import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export { objectAt } from "../scripts/bench/inputs.js";
export { compileGenerated, STRICT_COMPILER_OPTIONS } from "../scripts/strict-tsc.js";
export { SUITE_DIR } from "../scripts/vendor-test-suite.js";
import { compileGenerated } from "../scripts/strict-tsc.js";
import { generate } from "../src/index.js";

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

/** An error as ajv and `validateX` report it, as far as tests compare them. */
export interface ReportedError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
}

/** A schema's generated `isX` and `validateX`, its module's source, and ajv's validator of it (every error). */
export interface ValidatorsUnderTest {
  is: (value: unknown) => boolean;
  validate: (value: unknown) => { valid: boolean; errors?: ReportedError[] };
  ajv: ((value: unknown) => boolean) & { errors?: ReportedError[] | null };
  source: string;
}

const AJV_MODULES: Record<string, string> = {
  "http://json-schema.org/draft-04/schema#": "ajv-draft-04",
  "http://json-schema.org/draft-07/schema#": "ajv",
  "https://json-schema.org/draft/2019-09/schema": "ajv/dist/2019",
};

/**
 * Generates, compiles and imports the validators of `schemas` (each titled with its name, in a file
 * of its own; their `$schema` one of AJV_MODULES'), with ajv's validators of them.
 */
export async function validatorsUnderTest(
  prefix: string,
  schemas: Record<string, Record<string, unknown>>,
): Promise<{ dir: string; validators: Map<string, ValidatorsUnderTest> }> {
  const dir = temporaryDirectory(prefix);
  const inputs = Object.entries(schemas).map(([name, schema]) => {
    writeFileSync(path.join(dir, `${name}.json`), JSON.stringify({ title: name, ...schema }));
    return `${name}.json`;
  });
  const result = await generate({ cwd: dir, inputs, outDir: "out", formatter: "none", cache: false });
  const module = await importGenerated(compileGenerated(result.outDir), "index");
  const require = createRequire(import.meta.url);
  const validators = new Map<string, ValidatorsUnderTest>();
  for (const [name, schema] of Object.entries(schemas)) {
    const Ajv = (
      require(AJV_MODULES[schema["$schema"] as string]!) as {
        default: new (options: object) => { compile(s: unknown): ValidatorsUnderTest["ajv"] };
      }
    ).default;
    validators.set(name, {
      is: module[`is${name}`] as ValidatorsUnderTest["is"],
      validate: module[`validate${name}`] as ValidatorsUnderTest["validate"],
      ajv: new Ajv({ allErrors: true, strict: false }).compile(schema),
      source: readFileSync(path.join(result.outDir, `${name}.ts`), "utf8"),
    });
  }
  return { dir, validators };
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
