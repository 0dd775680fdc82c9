/**
 * The differential check of the built-in printer against prettier: a project is generated
 * unformatted, and the printer's version of every (sampled) module under a prettier config must
 * equal, byte for byte, what prettier makes of it with that config. Run on its own, it sweeps
 * everything: schemas/, every schema of the JSON-Schema-Test-Suite, GitHub's components and random
 * schemas, under each of CONFIGS.
 *
 *   node dist/scripts/prettier-identity.js [--every N] (compare every Nth file of GitHub's output)
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import * as prettier from "prettier";
import { generate, type GenerateOptions } from "../src/index.js";
import { printLikePrettier, printOptionsFor } from "../src/format.js";
import { schemaArbitrary } from "../test/differential/schemas.js";
import { SUITE_DIALECTS } from "./conformance.js";
import { SUITE_DIR } from "./vendor-test-suite.js";

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const GITHUB = path.join(REPO_ROOT, "node_modules/@octokit/openapi/generated/api.github.com.json");

/** prettier's defaults and five other configs: the first three the built-in printer implements, the others prettier formats. */
export const CONFIGS: Record<string, prettier.Options> = {
  default: {},
  "printWidth 120": { printWidth: 120 },
  "printWidth 100": { printWidth: 100 },
  "useTabs, tabWidth 4": { useTabs: true, tabWidth: 4 },
  "singleQuote, semi false": { singleQuote: true, semi: false },
  'trailingComma "none"': { trailingComma: "none" },
};

export interface Difference {
  file: string;
  /** The first differing lines, ours then prettier's. */
  excerpt: string;
}

/** A project to generate: generate()'s options without the output directory and formatter. */
export type Project = Omit<GenerateOptions, "outDir" | "formatter" | "check" | "cache">;

/** The first lines where `actual` and `expected` differ, with two lines of context. */
export function firstDifference(actual: string, expected: string): string {
  const a = actual.split("\n");
  const b = expected.split("\n");
  let line = 0;
  while (line < a.length && a[line] === b[line]) line++;
  const from = Math.max(0, line - 2);
  const show = (lines: string[]): string => lines.slice(from, line + 4).join("\n");
  return `line ${line + 1}\n--- codegen:\n${show(a)}\n--- prettier:\n${show(b)}`;
}

/**
 * Generates `project` unformatted and compares the built-in printer's version of each module that
 * `sample` keeps (printLikePrettier, under `config`) with prettier's. Nothing is compared under a
 * config the printer does not implement: prettier formats then.
 */
export async function compareWithPrettier(
  project: Project,
  config: prettier.Options,
  sample: (names: string[]) => string[] = (names) => names,
): Promise<{ compared: number; differences: Difference[] }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "codegen-identity-"));
  try {
    const outDir = path.join(dir, "out");
    const raw = await generate({ ...project, outDir, formatter: "none", check: true, cache: false });
    const modules = raw.files.filter((file) => !file.name.startsWith("_")).sort((a, b) => (a.name < b.name ? -1 : 1));
    const kept = new Set(sample(modules.map((file) => file.name)));
    let compared = 0;
    const differences: Difference[] = [];
    const sampled = modules.filter((file) => kept.has(file.name));
    // As formatFiles does: all modules printed at once, their delegated parts in one prettier run.
    const printed = await printLikePrettier(
      sampled.map((file) => file.source),
      path.join(outDir, "index.ts"),
      config,
    );
    for (const [index, { name, source }] of sampled.entries()) {
      const actual = printed[index];
      if (actual === undefined) continue;
      compared++;
      const expected = await prettier.format(source, { ...config, filepath: path.join(outDir, name) });
      if (actual !== expected) differences.push({ file: name, excerpt: firstDifference(actual, expected) });
    }
    return { compared, differences };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Writes schemas to files of a fresh directory and returns the project that generates them all at once. */
function schemaProject(schemas: readonly unknown[]): { project: Project; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), "codegen-identity-schemas-"));
  const inputs = schemas.map((schema, index) => {
    writeFileSync(path.join(dir, `schema${index}.json`), JSON.stringify(schema));
    return `schema${index}.json`;
  });
  return { project: { cwd: dir, inputs }, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The suite's test schemas of one dialect (its required tests), each `every`th group. */
export function suiteSchemas(suiteDialect: string, every = 1): unknown[] {
  const dir = path.join(SUITE_DIR, "tests", suiteDialect);
  const groups = readdirSync(dir)
    .filter((name) => name.endsWith(".json"))
    .sort()
    .flatMap((name) => JSON.parse(readFileSync(path.join(dir, name), "utf8")) as { schema: unknown }[]);
  return groups.filter((_, index) => index % every === 0).map((group) => group.schema);
}

/**
 * Compares the suite's schemas of one dialect one by one (they may share `$id`s): each is its own
 * project, and a schema codegen refuses is skipped (the conformance run reports those).
 */
export async function compareSuite(
  suiteDialect: string,
  config: prettier.Options,
  every = 1,
): Promise<{ compared: number; differences: Difference[] }> {
  let compared = 0;
  const differences: Difference[] = [];
  for (const [index, schema] of suiteSchemas(suiteDialect, every).entries()) {
    const { project, cleanup } = schemaProject([schema]);
    try {
      const result = await compareWithPrettier({ ...project, dialect: SUITE_DIALECTS[suiteDialect]!, registry: REMOTES }, config);
      compared += result.compared;
      differences.push(...result.differences.map((difference) => ({ ...difference, file: `${suiteDialect}#${index}/${difference.file}` })));
    } catch {
      // Refused by codegen: nothing to format.
    } finally {
      cleanup();
    }
  }
  return { compared, differences };
}

const REMOTES = { "http://localhost:1234/": path.join(SUITE_DIR, "remotes") };

/** Compares `count` random schemas (test/differential's arbitrary, seeded), generated together. */
export async function compareRandom(
  count: number,
  seed: number,
  config: prettier.Options,
): Promise<{ compared: number; differences: Difference[] }> {
  const schemas = fc.sample(schemaArbitrary(), { numRuns: count, seed }).map((generated) => generated.schema);
  const { project, cleanup } = schemaProject(schemas);
  try {
    return await compareWithPrettier(project, config);
  } finally {
    cleanup();
  }
}

/** Every `every`th name, and the index. */
export const everyNth =
  (every: number) =>
  (names: string[]): string[] =>
    names.filter((name, index) => index % every === 0 || name === "index.ts");

async function main(): Promise<void> {
  const everyFlag = process.argv.indexOf("--every");
  const every = everyFlag > 0 ? Number(process.argv[everyFlag + 1]) : 1;
  let failed = 0;
  for (const [name, config] of Object.entries(CONFIGS)) {
    if (printOptionsFor(config) === undefined) {
      console.log(`${name}: not implemented by the printer, prettier formats`);
      continue;
    }
    const sources: [string, () => Promise<{ compared: number; differences: Difference[] }>][] = [
      ["schemas/", () => compareWithPrettier({ cwd: REPO_ROOT }, config)],
      ...Object.keys(SUITE_DIALECTS).map((dialect): [string, () => Promise<{ compared: number; differences: Difference[] }>] => [
        `suite ${dialect}`,
        () => compareSuite(dialect, config),
      ]),
      ["GitHub", () => compareWithPrettier({ cwd: REPO_ROOT, inputs: [GITHUB] }, config, everyNth(every))],
      ["random (seed 1, 300 schemas)", () => compareRandom(300, 1, config)],
    ];
    for (const [source, compare] of sources) {
      const { compared, differences } = await compare();
      failed += differences.length;
      console.log(`${name} | ${source}: ${compared - differences.length}/${compared} identical`);
      for (const difference of differences.slice(0, 3)) console.log(`  ${difference.file}: ${difference.excerpt}`);
    }
  }
  process.exitCode = failed === 0 ? 0 : 1;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
