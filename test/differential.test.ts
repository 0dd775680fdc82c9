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
import fc from "fast-check";
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
import { instancesArbitrary } from "./differential/instances.js";
import { show, type Dialect, type Json } from "./differential/json.js";
import { ajvOutcome, ajvValidator, type AjvValidate, type ErrorLike, type Outcome } from "./differential/oracle.js";
import { formatExamples } from "./differential/pools.js";
import { schemaArbitrary, type GeneratedSchema } from "./differential/schemas.js";
import { SUITE_DIR } from "./helpers.js";

const DEFAULT_SEED = 20260101;
const DEFAULT_CASES = 10_000;
const INSTANCES_PER_SCHEMA = 24;
/** Failures minimised (the most frequent signatures), within compare.ts's MINIMISE_BUDGET_MS. */
const MINIMISED_FAILURES = 4;
/** Failures printed in full (minimised or not). */
const PRINTED_FAILURES = 12;

function envInteger(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === "") return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new Error(`${name} must be an integer, not ${JSON.stringify(text)}`);
  return value;
}

/** The seed of schema number `index` of a run: each schema can be regenerated on its own. */
function schemaSeed(seed: number, index: number): number {
  return (seed + Math.imul(index, 0x9e3779b1)) | 0;
}

function sampleSchema(seed: number): GeneratedSchema {
  return fc.sample(schemaArbitrary(), { seed, numRuns: 1 })[0]!;
}

function sampleInstances(schema: Json, seed: number): Json[] {
  return fc.sample(instancesArbitrary(schema, INSTANCES_PER_SCHEMA, formatExamples(SUITE_DIR)), {
    seed: seed ^ 0x5bd1e995,
    numRuns: 1,
  })[0]!;
}

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

test("codegen's validators agree with ajv on random schemas and instances", async (t) => {
  const started = Date.now();
  const seed = envInteger("DIFFERENTIAL_SEED", DEFAULT_SEED);
  const target = envInteger("DIFFERENTIAL_CASES", DEFAULT_CASES);
  const log = (line: string): void => t.diagnostic(line);
  log(
    `seed ${seed}, at least ${target} cases; reproduce with DIFFERENTIAL_SEED=${seed} DIFFERENTIAL_CASES=${target} node --test dist/test/differential.test.js`,
  );

  // 1. Schemas and their instances, generated into one batch until there are enough cases.
  const batch = new Batch("differential");
  const prepared: Array<{ index: number; seed: number; generated: GeneratedSchema; dir: string; rootType: string; instances: Json[] }> = [];
  const unsupported = new Map<string, number>();
  /** Schemas codegen fails to generate, by the first line of the error. */
  const generationErrors = new Map<string, { count: number; example: BrokenSchema }>();
  let planned = 0;
  let index = 0;
  for (; planned < target * 1.05 && index < Math.ceil(target / 2) + 100; index++) {
    const indexSeed = schemaSeed(seed, index);
    const generated = sampleSchema(indexSeed);
    const result = await batch.add(generated);
    if (result.status === "unsupported") {
      unsupported.set(result.keyword, (unsupported.get(result.keyword) ?? 0) + 1);
      continue;
    }
    if (result.status === "error") {
      const problem = result.message.split("\n")[0]!;
      const known = generationErrors.get(problem);
      if (known !== undefined) known.count++;
      else generationErrors.set(problem, { count: 1, example: { schemaIndex: index, ...generated, problem, details: result.message } });
      continue;
    }
    const instances = sampleInstances(generated.schema, indexSeed);
    planned += instances.length;
    prepared.push({ index, seed: indexSeed, generated, dir: result.dir, rootType: result.rootType, instances });
  }
  const generatedAt = Date.now();

  // 2. One tsc run for all of them.
  const typeErrors = batch.compile();
  const compiledAt = Date.now();

  // 3. Every case against ajv.
  let cases = 0;
  let passed = 0;
  let ajvValid = 0;
  /** Cases in which ajv reports each keyword, to show what the run exercised. */
  const keywordCoverage = new Map<string, number>();
  const excused = new Map<string, number>();
  const failures = new Map<string, { count: number; example: Failure }>();
  const ajvRefused: string[] = [];
  const importErrors: string[] = [];
  /** Cases ajv cannot judge because it throws, by its message. */
  const ajvThrew = new Map<string, { count: number; example: string }>();
  for (const entry of prepared) {
    const { schema, dialect } = entry.generated;
    let validate: AjvValidate;
    try {
      validate = ajvValidator(schema, dialect);
    } catch (error) {
      ajvRefused.push(`schema #${entry.index}: ${JSON.stringify(schema)}: ${(error as Error).message}`);
      continue;
    }
    let validators: Validators;
    try {
      validators = await Batch.load(entry);
    } catch (error) {
      importErrors.push(`schema #${entry.index}: ${JSON.stringify(schema)}: ${(error as Error).message}`);
      continue;
    }
    for (const data of entry.instances) {
      let result: ReturnType<typeof check>;
      try {
        result = check(schema, dialect, data, validators, validate);
      } catch (error) {
        if (!(error instanceof AjvThrew)) throw error;
        const known = ajvThrew.get(error.message);
        if (known === undefined)
          ajvThrew.set(error.message, { count: 1, example: `schema #${entry.index}: ${JSON.stringify(schema)}, instance ${show(data)}` });
        else known.count++;
        continue;
      }
      cases++;
      if (result.verdicts.ajv.valid) ajvValid++;
      for (const keyword of new Set(result.verdicts.ajv.errors.map((error) => error.keyword))) {
        keywordCoverage.set(keyword, (keywordCoverage.get(keyword) ?? 0) + 1);
      }
      if (result.excused !== undefined) {
        excused.set(result.excused.id, (excused.get(result.excused.id) ?? 0) + 1);
        continue;
      }
      if (result.signature === undefined) {
        passed++;
        continue;
      }
      const example: Failure = {
        schemaIndex: entry.index,
        seed: entry.seed,
        schema,
        dialect,
        data,
        verdicts: result.verdicts,
        diff: result.diff,
        signature: result.signature,
        corrections: result.corrections ?? [],
      };
      const size = (failure: Failure): number => show(failure.data).length + JSON.stringify(failure.schema).length;
      const known = failures.get(result.signature);
      if (known === undefined) failures.set(result.signature, { count: 1, example });
      else {
        known.count++;
        // Keep the smallest example of each signature.
        if (size(example) < size(known.example)) known.example = example;
      }
    }
  }
  const checkedAt = Date.now();
  const failed = [...failures.values()].reduce((sum, failure) => sum + failure.count, 0);
  const excusedTotal = [...excused.values()].reduce((sum, count) => sum + count, 0);

  // 4. Report.
  const skippedSchemas = [...unsupported.values()].reduce((sum, count) => sum + count, 0);
  log(
    `${index} schemas: ${prepared.length} generated, ${skippedSchemas} skipped as unsupported, ${[...generationErrors.values()].reduce((sum, group) => sum + group.count, 0)} failed to generate; ` +
      `${typeErrors.size} with type errors; generate ${generatedAt - started} ms, tsc ${compiledAt - generatedAt} ms, check ${checkedAt - compiledAt} ms`,
  );
  for (const [keyword, count] of [...unsupported].sort((a, b) => b[1] - a[1]))
    log(`skipped: unsupported keyword ${keyword}: ${count} schema(s)`);
  log(`cases: ${cases}; passed ${passed}, failed ${failed}, excluded as known ajv deviations ${excusedTotal}`);
  log(`ajv's verdicts: ${ajvValid} valid, ${cases - ajvValid} invalid`);
  log(
    `cases with an error of each keyword (ajv): ${[...keywordCoverage]
      .sort((a, b) => b[1] - a[1])
      .map(([keyword, count]) => `${keyword} ${count}`)
      .join(", ")}`,
  );
  for (const deviation of KNOWN_AJV_DEVIATIONS) log(`excluded by ${deviation.id}: ${excused.get(deviation.id) ?? 0} case(s)`);
  for (const [message, { count, example }] of ajvThrew) {
    log(`not judged, not counted: ajv threw "${message}" on ${count} instance(s), e.g. ${example}`);
  }

  // Type errors, grouped by TypeScript error codes.
  const typeErrorGroups = new Map<string, { count: number; example: BrokenSchema }>();
  for (const [dir, lines] of typeErrors) {
    const entry = prepared.find((candidate) => candidate.dir === dir)!;
    const problem = typeErrorCodes(lines);
    const known = typeErrorGroups.get(problem);
    if (known !== undefined) known.count++;
    else
      typeErrorGroups.set(problem, {
        count: 1,
        example: { schemaIndex: entry.index, ...entry.generated, problem, details: lines.slice(0, 3).join("\n") },
      });
  }
  const minimising = process.env["DIFFERENTIAL_NO_MINIMISE"] === undefined;
  const deadline = Date.now() + MINIMISE_BUDGET_MS;
  const brokenLines = (kind: string, groups: Map<string, { count: number; example: BrokenSchema }>): string[] =>
    [...groups.values()].map(({ count, example }) =>
      [
        `[${kind}: ${example.problem}] ${count} schema(s); ${example.minimised === true ? "minimised " : ""}example from schema #${example.schemaIndex} of DIFFERENTIAL_SEED=${seed}`,
        `  schema (${example.dialect}): ${JSON.stringify(example.schema)}`,
        ...example.details.split("\n").map((line) => `  ${line}`),
      ].join("\n"),
    );

  const problems: string[] = [];
  /** Minimises (within the budget), logs and records one kind of broken schema. */
  const reportBroken = async (
    kind: string,
    groups: Map<string, { count: number; example: BrokenSchema }>,
    minimiseAll: typeof minimiseTypeErrors,
    summary: string,
  ): Promise<void> => {
    if (groups.size === 0) return;
    if (minimising)
      await minimiseAll(
        [...groups.values()].map((group) => group.example),
        log,
        deadline,
      );
    const lines = brokenLines(kind, groups);
    for (const line of lines.join("\n\n").split("\n")) log(line);
    problems.push(`${summary}:\n\n${lines.join("\n\n")}`);
  };
  const generationErrorCount = [...generationErrors.values()].reduce((sum, group) => sum + group.count, 0);
  await reportBroken(
    "generation error",
    generationErrors,
    minimiseGenerationErrors,
    `codegen failed on ${generationErrorCount} valid schema(s)`,
  );
  await reportBroken(
    "type error",
    typeErrorGroups,
    minimiseTypeErrors,
    `the generated TypeScript of ${typeErrors.size} schema(s) does not compile under the strict flags`,
  );
  if (ajvRefused.length > 0)
    problems.push(`ajv refused ${ajvRefused.length} generated schema(s) (a generator bug):\n${ajvRefused.slice(0, 5).join("\n")}`);
  if (importErrors.length > 0)
    problems.push(`${importErrors.length} generated module(s) failed to import:\n${importErrors.slice(0, 5).join("\n")}`);

  if (failures.size > 0) {
    const ordered = [...failures.values()].sort((a, b) => b.count - a.count);
    const examples = ordered.map((failure) => failure.example);
    if (minimising) {
      // Minimise the examples of the most frequent signatures, within the budget.
      for (const example of examples.slice(0, MINIMISED_FAILURES)) {
        const entry = prepared.find((candidate) => candidate.index === example.schemaIndex)!;
        shrinkInstance(
          example,
          await Batch.load(entry),
          ajvValidator(example.schema, example.dialect),
          Math.min(deadline, Date.now() + 2000),
        );
      }
      await minimise(examples.slice(0, MINIMISED_FAILURES), log, deadline);
    }
    const lines = ordered.slice(0, PRINTED_FAILURES).map((failure) => describeFailure(failure.example, failure.count, seed));
    if (ordered.length > PRINTED_FAILURES) {
      lines.push(
        `… and ${ordered.length - PRINTED_FAILURES} more signature(s): ${ordered
          .slice(PRINTED_FAILURES)
          .map((failure) => `[${failure.example.signature}] ${failure.count}`)
          .join(", ")}`,
      );
    }
    for (const line of lines.join("\n\n").split("\n")) log(line);
    problems.push(`${failed} of ${cases} cases disagree with ajv, in ${failures.size} signature(s):\n\n${lines.join("\n\n")}`);
  }
  log(`total ${Date.now() - started} ms`);
  assert.ok(cases >= target, `only ${cases} cases were checked, fewer than ${target}`);
  assert.equal(problems.length, 0, `${problems.join("\n\n")}\n\nreproduce: DIFFERENTIAL_SEED=${seed} DIFFERENTIAL_CASES=${target}`);
});
