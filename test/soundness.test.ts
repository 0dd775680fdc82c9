/**
 * Soundness of the generated types (test/soundness-harness.ts): whenever `isX(v)` is true, tsc must
 * accept `v` as an `X`. Sources: every test of the JSON-Schema-Test-Suite in every dialect, random
 * schemas with their instances (at least SOUNDNESS_RUNS accepted ones, 5,000 by default, from
 * SOUNDNESS_SEED), and the Stytch and GitHub fixtures with mutations of them. Each source prints
 * `accepted N, unsound K; rejected M, tsc also rejects R (P%)`: the last share is the tightness of
 * the types (how many of the values `isX` rejects the type rejects too).
 *
 *   SOUNDNESS_RUNS=50000 SOUNDNESS_SEED=7 node --test dist/test/soundness.test.js
 */
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { test, type TestContext } from "node:test";
import { envInteger } from "./differential/sampling.js";
import { temporaryDirectory } from "./helpers.js";
import {
  checkRandom,
  checkSoundness,
  DEFAULT_SOUNDNESS_SEED,
  describeRun,
  githubCases,
  literal,
  stytchCases,
  suiteCases,
  type SoundnessResult,
  type Unsound,
} from "./soundness-harness.js";

const DEFAULT_RUNS = 5_000;

/** What TypeScript's `Object` interface declares: every object type has these members. */
const OBJECT_MEMBERS = ["constructor", "toString", "toLocaleString", "valueOf", "hasOwnProperty", "isPrototypeOf", "propertyIsEnumerable"];

/** Failures where TypeScript cannot express the schema, each with its reason. */
const EXCLUDED: ReadonlyArray<{ id: string; reason: string; applies: (unsound: Unsound) => boolean }> = [
  {
    id: "optional property named after an Object member",
    reason:
      "JSON Schema's properties are own properties, but tsc checks the member every object inherits from Object against an optional property " +
      "of that name, so `{}` is not a `{ toString?: X[] }`: no type says 'own property, if present, is X' " +
      "(the suite's 'properties whose names are Javascript object property names', in every dialect)",
    applies: (unsound) => new RegExp(`^\\s*"?(${OBJECT_MEMBERS.join("|")})"?\\?:`, "m").test(unsound.declaration),
  },
];

function excluded(unsound: Unsound): boolean {
  return EXCLUDED.some((entry) => entry.applies(unsound));
}

/** Prints the figures and the failures of one source; returns what must fail the test: failures outside EXCLUDED, cases that could not be judged. */
function report(t: TestContext, source: string, result: SoundnessResult, started: number): string[] {
  const failures = result.unsound.filter((unsound) => !excluded(unsound));
  const described = describeRun(source, result, failures);
  for (const line of described.flatMap((block) => [...block.split("\n"), ""])) t.diagnostic(line);
  for (const entry of EXCLUDED) {
    const count = result.unsound.filter((unsound) => entry.applies(unsound)).length;
    if (count > 0) t.diagnostic(`${source}: ${count} failure(s) excluded as "${entry.id}": ${entry.reason}`);
  }
  t.diagnostic(`${source}: ${Date.now() - started} ms`);
  return [
    ...(result.broken.length === 0
      ? []
      : [`${source}: ${result.broken.length} case(s) could not be judged:\n${result.broken.slice(0, 20).join("\n")}`]),
    ...(failures.length === 0
      ? []
      : [`${source}: ${failures.length} accepted value(s) are not assignable to their type:\n\n${described.join("\n\n")}`]),
  ];
}

test("the harness: a value the guard accepts but the type refuses is unsound; rejected values count for tightness", async () => {
  const dir = temporaryDirectory("soundness-harness");
  writeFileSync(
    path.join(dir, "things.ts"),
    [
      "export type Loose = { a: string };",
      "// Wrong on purpose: accepts any object.",
      "export function isLoose(value: unknown): value is Loose { return typeof value === 'object' && value !== null; }",
      "export interface Exact { a: string; b?: number[] }",
      "const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);",
      "// Stricter than the type: a non-empty `a`.",
      "export function isExact(value: unknown): value is Exact {",
      "  return isRecord(value) && typeof value['a'] === 'string' && value['a'] !== '' && (value['b'] === undefined || Array.isArray(value['b']));",
      "}",
    ].join("\n"),
  );
  // A directory of its own: a module that does not compile makes every case of its directory unjudgeable.
  const brokenDir = temporaryDirectory("soundness-harness-broken");
  writeFileSync(
    path.join(brokenDir, "broken.ts"),
    "export type Broken = Missing;\nexport const isBroken = (value: unknown): value is Broken => true;\n",
  );
  const at = (typeName: string, value: unknown, file = path.join(dir, "things.ts")) => ({
    moduleFile: file,
    typeName,
    value,
    origin: `${typeName} ${literal(value)}`,
  });
  const result = await checkSoundness([
    at("Loose", { a: "x" }),
    at("Loose", { a: 1 }),
    // Extra properties are fine (no excess-property check), an own "__proto__" key too.
    at("Loose", JSON.parse('{"a": "x", "extra": [1, {"__proto__": null}]}')),
    at("Exact", { a: "x", b: [1, 2], extra: true }),
    // TypeScript cannot type this literal even as unknown: no verdict.
    at("Loose", [{ constructor: 1 }, {}]),
    at("Exact", { a: 1 }),
    at("Exact", "text"),
    at("Exact", { a: "" }),
    at("Broken", 1, path.join(brokenDir, "broken.ts")),
  ]);
  assert.deepEqual(
    result.unsound.map((unsound) => unsound.case.origin),
    ['Loose {"a": 1}'],
  );
  assert.match(result.unsound[0]!.message, /^TS2322: Type 'number' is not assignable to type 'string'/);
  assert.match(result.unsound[0]!.declaration, /^export type Loose = \{ a: string \};/);
  assert.equal(result.accepted, 4);
  // {a: 1} and "text" are refused by tsc too; {a: ""} is not (TypeScript has no non-empty string).
  assert.equal(result.rejected, 3);
  assert.equal(result.tscRejected, 2);
  assert.deepEqual(
    result.untypeable.map((untypeable) => untypeable.case.origin),
    ['Loose [{"constructor": 1}, {}]'],
  );
  assert.equal(result.broken.length, 1);
  assert.match(result.broken[0]!, /does not compile: m\d+\/broken\.ts:1: TS2304: Cannot find name 'Missing'/);
});

test("soundness: every test of the JSON-Schema-Test-Suite, every dialect", async (t) => {
  const started = Date.now();
  const suite = await suiteCases();
  t.diagnostic(
    `${suite.groups} groups, ${suite.cases.length} tests; ${suite.notGenerated.length} group(s) codegen refuses (see the conformance test)`,
  );
  const problems = report(t, "JSON-Schema-Test-Suite", await checkSoundness(suite.cases), started);
  assert.deepEqual(problems, []);
});

test("soundness: random schemas and instances", async (t) => {
  const started = Date.now();
  const seed = envInteger("SOUNDNESS_SEED", DEFAULT_SOUNDNESS_SEED);
  const target = envInteger("SOUNDNESS_RUNS", DEFAULT_RUNS);
  t.diagnostic(
    `seed ${seed}, at least ${target} accepted values; reproduce with SOUNDNESS_SEED=${seed} SOUNDNESS_RUNS=${target} node --test dist/test/soundness.test.js`,
  );
  const run = await checkRandom(seed, target);
  t.diagnostic(`${run.schemas} schemas sampled, ${run.generated} generated`);
  const problems = report(t, "random schemas", run.result, started);
  assert.deepEqual(problems, []);
  assert.ok(run.result.accepted >= target, `only ${run.result.accepted} accepted values, fewer than ${target}`);
});

test("soundness: the Stytch and GitHub fixtures and mutations of them", async (t) => {
  const problems: string[] = [];
  for (const [source, cases] of [
    ["Stytch", stytchCases],
    ["GitHub", githubCases],
  ] as const) {
    const started = Date.now();
    problems.push(...report(t, source, await checkSoundness(await cases()), started));
  }
  assert.deepEqual(problems, []);
});
