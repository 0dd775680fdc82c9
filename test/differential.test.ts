/**
 * Differential testing against ajv. Random JSON Schemas (mostly draft 2020-12, some draft-07; see
 * differential/schemas.ts) get random instances biased toward their edges (differential/instances.ts).
 * Every schema of a run is generated into one temporary directory (one sub-directory each,
 * `formatter: "none"`), compiled by ONE strict tsc run (which also checks that the generated types
 * compile), and imported; then codegen's `validateX` must give ajv's verdict (ajv with
 * `allErrors: true`, `strict: false` and ajv-formats; codegen with `formats: "assert"`), and for
 * invalid data the same sorted set of (instancePath, keyword) pairs, and `isX` must agree with
 * `validateX`.
 *
 * The only exclusions are KNOWN_AJV_DEVIATIONS (differential/deviations.ts), each proven by a
 * JSON-Schema-Test-Suite test that the first test here checks ajv gets wrong; every exclusion is
 * counted and printed. Instances on which ajv itself throws cannot be judged: they are printed and
 * not counted as cases. Schemas codegen refuses as unsupported are counted and printed by keyword;
 * schemas it fails on otherwise, and generated TypeScript that does not compile, fail the test.
 * Failures are grouped by signature (the keywords only one side reports) and the most frequent are
 * minimised (schema and instance) within a time budget; DIFFERENTIAL_NO_MINIMISE=1 skips that.
 *
 *   DIFFERENTIAL_CASES=50000 DIFFERENTIAL_SEED=123 node --test dist/test/differential.test.js
 *
 * Default: at least 10,000 cases from a fixed seed, so CI is deterministic.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { Batch, type Validators } from "./differential/batch.js";
import {
  AjvThrew,
  check,
  minimise,
  minimiseGenerationErrors,
  minimiseTypeErrors,
  MINIMISE_BUDGET_MS,
  shrinkInstance,
  typeErrorCodes,
  type BrokenSchema,
  type Failure,
} from "./differential/compare.js";
import { correctedValidator, KNOWN_AJV_DEVIATIONS } from "./differential/deviations.js";
import { show, type Dialect, type Json } from "./differential/json.js";
import { ajvOutcome, ajvValidator, type AjvValidate, type ErrorLike, type Outcome } from "./differential/oracle.js";
import { envInteger, sampleInstances, sampleSchema, schemaSeed } from "./differential/sampling.js";
import type { GeneratedSchema } from "./differential/schemas.js";
import { SUITE_DIR } from "./helpers.js";

const DEFAULT_SEED = 20260101;
const DEFAULT_CASES = 10_000;
/** Failures minimised (the most frequent signatures), within compare.ts's MINIMISE_BUDGET_MS. */
const MINIMISED_FAILURES = 4;
/** Failures printed in full (minimised or not). */
const PRINTED_FAILURES = 12;

// ---------------------------------------------------------------------------------------------
// Printing

function errorLines(outcome: Outcome): string[] {
  if (outcome.valid) return ["    (valid)"];
  return outcome.errors.map(
    (error: ErrorLike) =>
      `    ${JSON.stringify(error.instancePath)} ${error.keyword} ${JSON.stringify(error.params ?? {})} ${error.schemaPath ?? ""} — ${error.message ?? ""}`,
  );
}

function correctedLines(failure: Failure): string[] {
  try {
    return errorLines(ajvOutcome(correctedValidator(failure.schema, failure.dialect, failure.corrections ?? []), failure.data));
  } catch (error) {
    return [`    (cannot show: ${(error as Error).message})`];
  }
}

function describeFailure(failure: Failure, count: number, seed: number): string {
  const { verdicts } = failure;
  return [
    `[${failure.signature}] ${count} case(s); ${failure.minimised === true ? "minimised " : ""}example from schema #${failure.schemaIndex} of DIFFERENTIAL_SEED=${seed}`,
    `  schema (${failure.dialect}): ${JSON.stringify(failure.schema)}`,
    `  instance: ${show(failure.data)}`,
    ...(verdicts.problem === undefined ? [] : [`  problem: ${verdicts.problem}`]),
    `  codegen:`,
    ...errorLines(verdicts.ours),
    `  ajv:`,
    ...errorLines(verdicts.ajv),
    ...(failure.corrections === undefined || failure.corrections.length === 0
      ? []
      : [
          `  ajv corrected for the known deviations ${failure.corrections.map((deviation) => deviation.id).join(", ")} (what is compared):`,
          ...correctedLines(failure),
        ]),
    ...(failure.diff.length === 0
      ? []
      : [
          `  only one side: ${failure.diff.map((pair) => `${pair.side === "ours" ? "codegen" : "ajv"} ${JSON.stringify(pair.instancePath)} ${pair.keyword}`).join("; ")}`,
        ]),
  ].join("\n");
}

// ---------------------------------------------------------------------------------------------
// The deviations must be proven

interface SuiteGroup {
  description: string;
  schema: Json;
  tests: Array<{ description: string; data: Json; valid: boolean }>;
}

test("every KNOWN_AJV_DEVIATIONS entry is proven by a JSON-Schema-Test-Suite test", (t) => {
  for (const deviation of KNOWN_AJV_DEVIATIONS) {
    assert.ok(deviation.suite.length > 0, `${deviation.id} names no suite test`);
    for (const reference of deviation.suite) {
      const groups = JSON.parse(readFileSync(path.join(SUITE_DIR, "tests", reference.file), "utf8")) as SuiteGroup[];
      const group = groups.find((candidate) => candidate.description === reference.group);
      const suiteTest = group?.tests.find((candidate) => candidate.description === reference.test);
      assert.ok(
        group !== undefined && suiteTest !== undefined,
        `${deviation.id}: no suite test ${reference.file} | ${reference.group} | ${reference.test}`,
      );
      const dialect: Dialect = reference.file.startsWith("draft7/") ? "draft-07" : "2020-12";
      if (deviation.proof === "literal") {
        assert.notEqual(
          ajvValidator(group.schema, dialect)(suiteTest.data),
          suiteTest.valid,
          `${deviation.id}: ajv passes ${reference.file} | ${reference.group} | ${reference.test}, so it proves nothing`,
        );
      }
      if (deviation.correction !== undefined) {
        assert.equal(
          correctedValidator(group.schema, dialect, [deviation])(suiteTest.data),
          suiteTest.valid,
          `${deviation.id}: ajv with the correction still fails ${reference.file} | ${reference.group} | ${reference.test}`,
        );
      }
    }
    if (deviation.proof === "principle") {
      const demonstration = deviation.demonstration;
      assert.ok(demonstration !== undefined, `${deviation.id}: a principle proof needs a demonstration`);
      assert.notEqual(
        ajvValidator(demonstration.schema, demonstration.dialect)(demonstration.data),
        demonstration.valid,
        `${deviation.id}: ajv gets the demonstration right`,
      );
      if (deviation.correction !== undefined) {
        assert.equal(
          correctedValidator(demonstration.schema, demonstration.dialect, [deviation])(demonstration.data),
          demonstration.valid,
          `${deviation.id}: ajv with the correction gets the demonstration wrong`,
        );
      }
    }
    t.diagnostic(`${deviation.id} (${deviation.proof}): ${deviation.suite.map((s) => `${s.file} | ${s.group} | ${s.test}`).join("; ")}`);
  }
});

// ---------------------------------------------------------------------------------------------
// The differential run

/** Examples grouped by a key (an error message, a failure signature), with how many fell in each group. */
type Groups<T> = Map<string, { count: number; example: T }>;

function increment(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

/** Counts one more member of group `key`; the first example is kept unless `prefer` picks the new one. */
function addToGroup<T>(groups: Groups<T>, key: string, example: T, prefer?: (candidate: T, kept: T) => boolean): void {
  const known = groups.get(key);
  if (known === undefined) groups.set(key, { count: 1, example });
  else {
    known.count++;
    if (prefer?.(example, known.example) === true) known.example = example;
  }
}

function sum(numbers: Iterable<number>): number {
  let total = 0;
  for (const number of numbers) total += number;
  return total;
}

function groupCount(groups: Groups<unknown>): number {
  return sum([...groups.values()].map((group) => group.count));
}

interface PreparedSchema {
  index: number;
  seed: number;
  generated: GeneratedSchema;
  dir: string;
  rootType: string;
  instances: Json[];
}

interface Generation {
  batch: Batch;
  /** How many schemas were tried. */
  tried: number;
  prepared: PreparedSchema[];
  /** Schemas codegen refuses as unsupported, by keyword. */
  unsupported: Map<string, number>;
  /** Schemas codegen fails to generate, by the first line of the error. */
  generationErrors: Groups<BrokenSchema>;
}

/** Generates schemas and their instances into one batch until there are enough cases. */
async function generateSchemas(seed: number, target: number): Promise<Generation> {
  const batch = new Batch("differential");
  const prepared: PreparedSchema[] = [];
  const unsupported = new Map<string, number>();
  const generationErrors: Groups<BrokenSchema> = new Map();
  let planned = 0;
  let index = 0;
  for (; planned < target * 1.05 && index < Math.ceil(target / 2) + 100; index++) {
    const indexSeed = schemaSeed(seed, index);
    const generated = sampleSchema(indexSeed);
    const result = await batch.add(generated);
    if (result.status === "unsupported") increment(unsupported, result.keyword);
    else if (result.status === "error") {
      const problem = result.message.split("\n")[0]!;
      addToGroup(generationErrors, problem, { schemaIndex: index, ...generated, problem, details: result.message });
    } else {
      const instances = sampleInstances(generated.schema, indexSeed);
      planned += instances.length;
      prepared.push({ index, seed: indexSeed, generated, dir: result.dir, rootType: result.rootType, instances });
    }
  }
  return { batch, tried: index, prepared, unsupported, generationErrors };
}

interface Tally {
  cases: number;
  passed: number;
  ajvValid: number;
  /** Cases in which ajv reports each keyword, to show what the run exercised. */
  keywordCoverage: Map<string, number>;
  /** Cases excluded, by known ajv deviation. */
  excused: Map<string, number>;
  failures: Groups<Failure>;
  ajvRefused: string[];
  importErrors: string[];
  /** Cases ajv cannot judge because it throws, by its message. */
  ajvThrew: Groups<string>;
}

/** Runs every case against ajv. */
async function checkAgainstAjv(prepared: readonly PreparedSchema[]): Promise<Tally> {
  const tally: Tally = {
    cases: 0,
    passed: 0,
    ajvValid: 0,
    keywordCoverage: new Map(),
    excused: new Map(),
    failures: new Map(),
    ajvRefused: [],
    importErrors: [],
    ajvThrew: new Map(),
  };
  for (const entry of prepared) await checkSchema(entry, tally);
  return tally;
}

/** Checks every instance of one schema, unless ajv refuses the schema or its generated module does not import. */
async function checkSchema(entry: PreparedSchema, tally: Tally): Promise<void> {
  const { schema, dialect } = entry.generated;
  let validate: AjvValidate;
  try {
    validate = ajvValidator(schema, dialect);
  } catch (error) {
    tally.ajvRefused.push(`schema #${entry.index}: ${JSON.stringify(schema)}: ${(error as Error).message}`);
    return;
  }
  let validators: Validators;
  try {
    validators = await Batch.load(entry);
  } catch (error) {
    tally.importErrors.push(`schema #${entry.index}: ${JSON.stringify(schema)}: ${(error as Error).message}`);
    return;
  }
  for (const data of entry.instances) {
    let result: ReturnType<typeof check>;
    try {
      result = check(schema, dialect, data, validators, validate);
    } catch (error) {
      if (!(error instanceof AjvThrew)) throw error;
      addToGroup(tally.ajvThrew, error.message, `schema #${entry.index}: ${JSON.stringify(schema)}, instance ${show(data)}`);
      continue;
    }
    recordCase(tally, entry, data, result);
  }
}

function failureSize(failure: Failure): number {
  return show(failure.data).length + JSON.stringify(failure.schema).length;
}

function recordCase(tally: Tally, entry: PreparedSchema, data: Json, result: ReturnType<typeof check>): void {
  tally.cases++;
  if (result.verdicts.ajv.valid) tally.ajvValid++;
  for (const keyword of new Set(result.verdicts.ajv.errors.map((error) => error.keyword))) increment(tally.keywordCoverage, keyword);
  if (result.excused !== undefined) increment(tally.excused, result.excused.id);
  else if (result.signature === undefined) tally.passed++;
  else {
    const example: Failure = {
      schemaIndex: entry.index,
      seed: entry.seed,
      schema: entry.generated.schema,
      dialect: entry.generated.dialect,
      data,
      verdicts: result.verdicts,
      diff: result.diff,
      signature: result.signature,
      corrections: result.corrections ?? [],
    };
    // Keep the smallest example of each signature.
    addToGroup(tally.failures, result.signature, example, (candidate, kept) => failureSize(candidate) < failureSize(kept));
  }
}

function logTally(log: (line: string) => void, unsupported: Map<string, number>, tally: Tally): void {
  for (const [keyword, count] of [...unsupported].sort((a, b) => b[1] - a[1]))
    log(`skipped: unsupported keyword ${keyword}: ${count} schema(s)`);
  log(
    `cases: ${tally.cases}; passed ${tally.passed}, failed ${groupCount(tally.failures)}, excluded as known ajv deviations ${sum(tally.excused.values())}`,
  );
  log(`ajv's verdicts: ${tally.ajvValid} valid, ${tally.cases - tally.ajvValid} invalid`);
  log(
    `cases with an error of each keyword (ajv): ${[...tally.keywordCoverage]
      .sort((a, b) => b[1] - a[1])
      .map(([keyword, count]) => `${keyword} ${count}`)
      .join(", ")}`,
  );
  for (const deviation of KNOWN_AJV_DEVIATIONS) log(`excluded by ${deviation.id}: ${tally.excused.get(deviation.id) ?? 0} case(s)`);
  for (const [message, { count, example }] of tally.ajvThrew) {
    log(`not judged, not counted: ajv threw "${message}" on ${count} instance(s), e.g. ${example}`);
  }
}

/** Schemas whose generated TypeScript does not compile, grouped by TypeScript error codes. */
function groupTypeErrors(typeErrors: Map<string, string[]>, prepared: readonly PreparedSchema[]): Groups<BrokenSchema> {
  const groups: Groups<BrokenSchema> = new Map();
  for (const [dir, lines] of typeErrors) {
    const entry = prepared.find((candidate) => candidate.dir === dir)!;
    const problem = typeErrorCodes(lines);
    addToGroup(groups, problem, { schemaIndex: entry.index, ...entry.generated, problem, details: lines.slice(0, 3).join("\n") });
  }
  return groups;
}

/** What the reporting steps share: they log, and append to `problems` what must fail the test. */
interface Report {
  log: (line: string) => void;
  seed: number;
  minimising: boolean;
  /** One minimising budget for the whole report. */
  deadline: number;
  problems: string[];
}

function logBlocks(log: (line: string) => void, blocks: readonly string[]): void {
  for (const line of blocks.join("\n\n").split("\n")) log(line);
}

function brokenLines(kind: string, groups: Groups<BrokenSchema>, seed: number): string[] {
  return [...groups.values()].map(({ count, example }) =>
    [
      `[${kind}: ${example.problem}] ${count} schema(s); ${example.minimised === true ? "minimised " : ""}example from schema #${example.schemaIndex} of DIFFERENTIAL_SEED=${seed}`,
      `  schema (${example.dialect}): ${JSON.stringify(example.schema)}`,
      ...example.details.split("\n").map((line) => `  ${line}`),
    ].join("\n"),
  );
}

/** Minimises (within the budget), logs and records one kind of broken schema. */
async function reportBroken(
  report: Report,
  kind: string,
  groups: Groups<BrokenSchema>,
  minimiseAll: typeof minimiseTypeErrors,
  summary: string,
): Promise<void> {
  if (groups.size === 0) return;
  if (report.minimising)
    await minimiseAll(
      [...groups.values()].map((group) => group.example),
      report.log,
      report.deadline,
    );
  const lines = brokenLines(kind, groups, report.seed);
  logBlocks(report.log, lines);
  report.problems.push(`${summary}:\n\n${lines.join("\n\n")}`);
}

/** Records the schemas that could not be checked at all. */
function reportUnchecked(report: Report, { ajvRefused, importErrors }: Tally): void {
  if (ajvRefused.length > 0)
    report.problems.push(`ajv refused ${ajvRefused.length} generated schema(s) (a generator bug):\n${ajvRefused.slice(0, 5).join("\n")}`);
  if (importErrors.length > 0)
    report.problems.push(`${importErrors.length} generated module(s) failed to import:\n${importErrors.slice(0, 5).join("\n")}`);
}

/** Minimises the examples of the most frequent signatures, within the budget. */
async function minimiseFailures(report: Report, examples: Failure[], prepared: readonly PreparedSchema[]): Promise<void> {
  for (const example of examples) {
    const entry = prepared.find((candidate) => candidate.index === example.schemaIndex)!;
    shrinkInstance(
      example,
      await Batch.load(entry),
      ajvValidator(example.schema, example.dialect),
      Math.min(report.deadline, Date.now() + 2000),
    );
  }
  await minimise(examples, report.log, report.deadline);
}

/** Minimises, logs and records the cases that disagree with ajv, most frequent signature first. */
async function reportFailures(report: Report, tally: Tally, prepared: readonly PreparedSchema[]): Promise<void> {
  if (tally.failures.size === 0) return;
  const ordered = [...tally.failures.values()].sort((a, b) => b.count - a.count);
  if (report.minimising)
    await minimiseFailures(
      report,
      ordered.slice(0, MINIMISED_FAILURES).map((failure) => failure.example),
      prepared,
    );
  const lines = ordered.slice(0, PRINTED_FAILURES).map((failure) => describeFailure(failure.example, failure.count, report.seed));
  if (ordered.length > PRINTED_FAILURES) {
    lines.push(
      `… and ${ordered.length - PRINTED_FAILURES} more signature(s): ${ordered
        .slice(PRINTED_FAILURES)
        .map((failure) => `[${failure.example.signature}] ${failure.count}`)
        .join(", ")}`,
    );
  }
  logBlocks(report.log, lines);
  report.problems.push(
    `${groupCount(tally.failures)} of ${tally.cases} cases disagree with ajv, in ${tally.failures.size} signature(s):\n\n${lines.join("\n\n")}`,
  );
}

test("codegen's validators agree with ajv on random schemas and instances", async (t) => {
  const started = Date.now();
  const seed = envInteger("DIFFERENTIAL_SEED", DEFAULT_SEED);
  const target = envInteger("DIFFERENTIAL_CASES", DEFAULT_CASES);
  const log = (line: string): void => t.diagnostic(line);
  log(
    `seed ${seed}, at least ${target} cases; reproduce with DIFFERENTIAL_SEED=${seed} DIFFERENTIAL_CASES=${target} node --test dist/test/differential.test.js`,
  );
  const generation = await generateSchemas(seed, target);
  const generatedAt = Date.now();
  // One tsc run for all of them.
  const typeErrors = generation.batch.compile();
  const compiledAt = Date.now();
  const tally = await checkAgainstAjv(generation.prepared);
  const checkedAt = Date.now();

  const generationErrorCount = groupCount(generation.generationErrors);
  log(
    `${generation.tried} schemas: ${generation.prepared.length} generated, ${sum(generation.unsupported.values())} skipped as unsupported, ${generationErrorCount} failed to generate; ` +
      `${typeErrors.size} with type errors; generate ${generatedAt - started} ms, tsc ${compiledAt - generatedAt} ms, check ${checkedAt - compiledAt} ms`,
  );
  logTally(log, generation.unsupported, tally);

  const typeErrorGroups = groupTypeErrors(typeErrors, generation.prepared);
  const report: Report = {
    log,
    seed,
    minimising: process.env["DIFFERENTIAL_NO_MINIMISE"] === undefined,
    deadline: Date.now() + MINIMISE_BUDGET_MS,
    problems: [],
  };
  await reportBroken(
    report,
    "generation error",
    generation.generationErrors,
    minimiseGenerationErrors,
    `codegen failed on ${generationErrorCount} valid schema(s)`,
  );
  await reportBroken(
    report,
    "type error",
    typeErrorGroups,
    minimiseTypeErrors,
    `the generated TypeScript of ${typeErrors.size} schema(s) does not compile under the strict flags`,
  );
  reportUnchecked(report, tally);
  await reportFailures(report, tally, generation.prepared);
  log(`total ${Date.now() - started} ms`);
  assert.ok(tally.cases >= target, `only ${tally.cases} cases were checked, fewer than ${target}`);
  assert.equal(
    report.problems.length,
    0,
    `${report.problems.join("\n\n")}\n\nreproduce: DIFFERENTIAL_SEED=${seed} DIFFERENTIAL_CASES=${target}`,
  );
});
