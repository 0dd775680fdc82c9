/**
 * Runs the official JSON-Schema-Test-Suite (vendored in test/json-schema-test-suite) through codegen:
 * every test schema is generated into a temporary directory, the whole batch is type-checked and
 * compiled once with tsc under the strict flags, and every test's data is validated with the
 * generated `validateX` and `isX`. Prints a table; `--json` prints the numbers as JSON.
 *
 * Required tests run with `format` as an annotation (the specification's default); the
 * `optional/format` tests run with `format` asserted (codegen's default for users).
 *
 *   node dist/scripts/conformance.js [--dialect draft2020-12] [--json] [--failures]
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Dialect } from "../src/dialect.js";
import { generate } from "../src/index.js";
import { runStrictTsc } from "./strict-tsc.js";
import { SUITE_DIR } from "./vendor-test-suite.js";

/** The suite's remote schemas, as the registry maps them. */
export const SUITE_REMOTES = { "http://localhost:1234/": path.join(SUITE_DIR, "remotes") };

export const SUITE_DIALECTS: Record<string, Dialect> = {
  "draft2020-12": "2020-12",
  "draft2019-09": "2019-09",
  draft7: "draft-07",
  draft6: "draft-06",
  draft4: "draft-04",
};

/** One test of the JSON-Schema-Test-Suite: data and whether it is valid. */
export interface SuiteTest {
  description: string;
  data: unknown;
  valid: boolean;
}
/** A group of the suite's tests: one schema and its tests. */
export interface SuiteGroup {
  description: string;
  schema: unknown;
  tests: SuiteTest[];
}

export interface Failure {
  file: string;
  group: string;
  test?: string;
  reason: string;
}

export interface DialectResult {
  dialect: string;
  passed: number;
  failed: number;
  skipped: number;
  /** Test groups whose generated TypeScript does not compile under the strict flags. */
  typeErrors: number;
  groups: number;
  failures: Failure[];
}

/**
 * Which tests to run: the required ones and the other `optional` ones (format annotates), or
 * `optional/format` (format asserts).
 */
export type SuitePart = "required" | "optional" | "optional/format";

/** The test files of one part of a dialect's tests, sorted. */
export function testFiles(suiteDialect: string, part: SuitePart): string[] {
  const dir = path.join(SUITE_DIR, "tests", suiteDialect, part === "required" ? "" : part);
  return readdirSync(dir)
    .filter((name) => name.endsWith(".json"))
    .sort()
    .map((name) => path.join(dir, name));
}

type Validate = (value: unknown) => { valid: boolean };
type Check = (value: unknown) => boolean;

/** A test group generated into its own directory, waiting for the batch's tsc run. */
interface PreparedGroup {
  file: string;
  group: SuiteGroup;
  dir: string;
  rootType: string;
}

export async function runDialect(suiteDialect: string, part: SuitePart = "required"): Promise<DialectResult> {
  const work = mkdtempSync(path.join(os.tmpdir(), `codegen-suite-${suiteDialect}-`));
  const result: DialectResult = {
    dialect: part === "required" ? suiteDialect : `${suiteDialect} ${part}`,
    passed: 0,
    failed: 0,
    skipped: 0,
    typeErrors: 0,
    groups: 0,
    failures: [],
  };
  const prepared = await generateGroups(suiteDialect, part, work, result);
  const typeErrorDirs = compileAll(work);
  for (const group of prepared) await runGroup(group, typeErrorDirs.has(group.dir), result);
  rmSync(work, { recursive: true, force: true });
  return result;
}

/** Generates every group of the part's test files into a directory of its own under `work`; a group codegen refuses fails all its tests. */
async function generateGroups(suiteDialect: string, part: SuitePart, work: string, result: DialectResult): Promise<PreparedGroup[]> {
  const dialect = SUITE_DIALECTS[suiteDialect]!;
  const prepared: PreparedGroup[] = [];
  for (const file of testFiles(suiteDialect, part)) {
    const groups = JSON.parse(readFileSync(file, "utf8")) as SuiteGroup[];
    for (const [index, group] of groups.entries()) {
      result.groups++;
      const dir = path.join(work, `${path.basename(file, ".json")}-${index}`);
      mkdirSync(dir);
      writeFileSync(path.join(dir, "schema.json"), JSON.stringify(group.schema));
      try {
        const generated = await generate({
          cwd: dir,
          inputs: ["schema.json"],
          outDir: "out",
          dialect,
          registry: SUITE_REMOTES,
          formats: part === "optional/format" ? "assert" : "annotate",
          formatter: "none",
          cache: false,
        });
        prepared.push({
          file: path.basename(file),
          group,
          dir,
          rootType: generated.rootTypes[0]!,
        });
      } catch (error) {
        result.failed += group.tests.length;
        result.failures.push({
          file: path.basename(file),
          group: group.description,
          reason: `generation: ${(error as Error).message}`,
        });
      }
    }
  }
  return prepared;
}

/** Imports a generated group's module and runs the group's tests with it, counting into `result`. */
async function runGroup({ file, group, dir, rootType }: PreparedGroup, typeErrors: boolean, result: DialectResult): Promise<void> {
  if (typeErrors) {
    result.typeErrors++;
    result.failures.push({
      file,
      group: group.description,
      reason: "types: generated TypeScript does not compile under the strict flags",
    });
  }
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(path.join(dir, "out", "index.js")).href)) as Record<string, unknown>;
  } catch (error) {
    result.failed += group.tests.length;
    result.failures.push({
      file,
      group: group.description,
      reason: `import: ${(error as Error).message}`,
    });
    return;
  }
  const validate = module[`validate${rootType}`] as Validate;
  const check = module[`is${rootType}`] as Check;
  for (const test of group.tests) {
    const reason = testFailure(test, validate, check, rootType);
    if (reason === undefined) result.passed++;
    else {
      result.failed++;
      result.failures.push({
        file,
        group: group.description,
        test: test.description,
        reason,
      });
    }
  }
}

/** Why `test` fails, or undefined when validateX and isX both give its expected verdict. */
function testFailure(test: SuiteTest, validate: Validate, check: Check, rootType: string): string | undefined {
  try {
    const verdict = validate(test.data).valid;
    if (verdict !== test.valid) return `expected ${test.valid ? "valid" : "invalid"}, validate says ${verdict ? "valid" : "invalid"}`;
    if (check(test.data) !== test.valid) return `is${rootType} disagrees with validate${rootType}`;
    return undefined;
  } catch (error) {
    return `threw: ${(error as Error).message}`;
  }
}

/** Type-checks and compiles every generated directory with one tsc run; returns the directories with type errors. */
function compileAll(work: string): Set<string> {
  const output = runStrictTsc(work, ["*/out/*.ts"]);
  const failed = new Set<string>();
  for (const match of output.matchAll(/^([^(\n]+)\(\d+,\d+\): error/gm)) {
    failed.add(path.join(work, match[1]!.split(/[\\/]/)[0]!));
  }
  return failed;
}

export function formatTable(results: readonly DialectResult[]): string {
  const lines = [
    "| dialect | passed | failed | skipped | pass rate | groups whose types do not compile |",
    "| --- | ---: | ---: | ---: | ---: | ---: |",
  ];
  for (const r of results) {
    const total = r.passed + r.failed;
    lines.push(
      `| ${r.dialect} | ${r.passed} | ${r.failed} | ${r.skipped} | ${((100 * r.passed) / total).toFixed(1)}% | ${r.typeErrors} of ${r.groups} |`,
    );
  }
  return lines.join("\n");
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const only = args.includes("--dialect") ? [args[args.indexOf("--dialect") + 1]!] : Object.keys(SUITE_DIALECTS);
  const results: DialectResult[] = [];
  for (const suiteDialect of only) results.push(await runDialect(suiteDialect));
  for (const suiteDialect of only) results.push(await runDialect(suiteDialect, "optional"));
  for (const suiteDialect of only) results.push(await runDialect(suiteDialect, "optional/format"));
  if (args.includes("--json")) {
    process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
    return;
  }
  process.stdout.write(`${formatTable(results)}\n`);
  if (args.includes("--failures")) {
    for (const r of results)
      for (const f of r.failures) process.stdout.write(`${r.dialect} ${f.file} | ${f.group} | ${f.test ?? "*"} | ${f.reason}\n`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
