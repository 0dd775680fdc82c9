/**
 * Generates, with codegen itself, the validators of the dialect metaschemas into
 * src/metaschema-validators/, which codegen uses to check every input schema. `--check` writes
 * nothing and exits 1 when they are out of date (test/metaschema.test.ts runs that).
 *
 *   npm run metaschemas [-- --check]
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Dialect } from "../src/dialect.js";
import { generate } from "../src/index.js";

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const METASCHEMA_VALIDATORS_DIR = "src/metaschema-validators";
const DIALECT_FILE = "dialects.ts";

/** The metaschema file of each JSON Schema dialect (OpenAPI 3.0's schema objects have none of their own). */
const METASCHEMAS: Readonly<Record<Exclude<Dialect, "openapi-3.0">, string>> = {
  "draft-04": "metaschemas/draft-04.json",
  "draft-06": "metaschemas/draft-06.json",
  "draft-07": "metaschemas/draft-07.json",
  "2019-09": "metaschemas/2019-09/schema.json",
  "2020-12": "metaschemas/2020-12/schema.json",
};

/** Regenerates (or, with `check`, compares) the validators; returns the names of the files that differ. */
export async function metaschemaValidators(check: boolean): Promise<string[]> {
  const files = Object.values(METASCHEMAS);
  // `format` annotates, as the metaschemas were written for: draft-04's says `"id": { "format": "uri" }`,
  // yet relative ids such as "folder/" are how schemas use it.
  const result = await generate({
    cwd: REPO_ROOT,
    inputs: files,
    outDir: METASCHEMA_VALIDATORS_DIR,
    formats: "annotate",
    check,
    cache: false,
  });
  // generate() reads its inputs sorted by path; rootTypes follows that order.
  const rootTypeOf = new Map([...files].sort().map((file, index) => [file, result.rootTypes[index]!]));
  const entries = Object.entries(METASCHEMAS).map(([dialect, file]) => [dialect, rootTypeOf.get(file)!] as const);
  const unformatted = [
    "// Written by scripts/metaschema-validators.ts (npm run metaschemas). Do not edit.",
    "",
    "/**",
    " * A loader of the validator of each dialect's metaschema: codegen checks every input schema with it.",
    " * Loaded on use, so that a run reads only the modules of the dialects its schemas declare.",
    " */",
    "export const METASCHEMA_VALIDATORS = {",
    ...entries.map(
      ([dialect, type]) => `  ${JSON.stringify(dialect)}: async () => (await import(${JSON.stringify(`./${type}.js`)})).validate${type},`,
    ),
    "} as const;",
    "",
  ].join("\n");
  const dialectFile = path.join(REPO_ROOT, METASCHEMA_VALIDATORS_DIR, DIALECT_FILE);
  // Formatted as the generated modules beside it: by prettier, with this repository's config.
  const prettier = await import("prettier");
  const source = await prettier.format(unformatted, { ...(await prettier.resolveConfig(dialectFile)), filepath: dialectFile });
  let current: string | undefined;
  try {
    current = readFileSync(dialectFile, "utf8");
  } catch {
    current = undefined;
  }
  const changed = result.changes.map((change) => change.name);
  if (current !== source) {
    changed.push(DIALECT_FILE);
    if (!check) writeFileSync(dialectFile, source);
  }
  return changed;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes("--check");
  const changed = await metaschemaValidators(check);
  if (check && changed.length > 0) {
    process.stderr.write(`${METASCHEMA_VALIDATORS_DIR}: out of date: ${changed.join(", ")}; run npm run metaschemas.\n`);
    process.exit(1);
  }
  process.stdout.write(`${METASCHEMA_VALIDATORS_DIR}: ${check ? "up to date" : `${changed.length} file(s) written`}.\n`);
}
