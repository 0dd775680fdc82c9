/**
 * The cheap tests that skip `oneOf`/`anyOf` branches before their checks (src/validators/keywords/prune.ts),
 * and the single key loop of a check with both `patternProperties` and `additionalProperties`:
 * the generated code has them where they are sound and not elsewhere, and on random objects `isX`
 * and `validateX` give ajv's verdicts and sorted (instancePath, keyword) pairs.
 */
import assert from "node:assert/strict";
import { before, test } from "node:test";
import fc from "fast-check";
import { validatorsUnderTest, type ValidatorsUnderTest } from "./helpers.js";

const DRAFT_04 = "http://json-schema.org/draft-04/schema#";
const DRAFT_07 = "http://json-schema.org/draft-07/schema#";
const DRAFT_2019 = "https://json-schema.org/draft/2019-09/schema";

const SCHEMAS: Record<string, Record<string, unknown>> = {
  // Branches told apart by a required property's const, enum or type.
  Discriminated: {
    $schema: DRAFT_07,
    oneOf: [
      { type: "object", required: ["kind", "a"], properties: { kind: { const: "a" }, a: { type: "string" } } },
      { required: ["kind"], properties: { kind: { enum: ["b", null, 3] }, b: { type: "integer" } } },
      { required: ["kind"], properties: { kind: { type: ["number", "boolean"] } } },
    ],
  },
  // OpenAPI 3.0's shape: a schema object that forbids `$ref`, or a reference that requires it.
  SchemaOrReference: {
    $schema: DRAFT_04,
    definitions: {
      Reference: { type: "object", required: ["$ref"], patternProperties: { "^\\$ref$": { type: "string" } } },
      Thing: {
        type: "object",
        properties: { name: { type: "string" } },
        patternProperties: { "^x-": {} },
        additionalProperties: false,
      },
    },
    properties: {
      one: { oneOf: [{ $ref: "#/definitions/Thing" }, { $ref: "#/definitions/Reference" }] },
      any: { anyOf: [{ $ref: "#/definitions/Thing" }, { $ref: "#/definitions/Reference" }, { type: "string" }] },
    },
  },
  // In draft-04 `required` beside `$ref` is ignored: a missing `a` must not rule the first branch out
  // (ajv applies it: not asked).
  Draft04Siblings: {
    $schema: DRAFT_04,
    definitions: { T: { type: "object" } },
    oneOf: [{ $ref: "#/definitions/T", required: ["a"] }, { required: ["b"] }],
  },
  // From 2019-09 on it applies, beside its target's `required`.
  Draft2019Siblings: {
    $schema: DRAFT_2019,
    $defs: { T: { type: "object", required: ["c"] } },
    oneOf: [{ $ref: "#/$defs/T", required: ["a"] }, { required: ["b"] }],
  },
  // Non-objects pass `required`: only objects are tested.
  NonObjects: { $schema: DRAFT_07, anyOf: [{ required: ["a"] }, { type: "string" }], oneOf: [{ required: ["a"] }, { required: ["b"] }] },
  // Names Object.prototype has are read only as own properties (ajv reads inherited ones: not asked).
  Prototype: {
    $schema: DRAFT_07,
    oneOf: [{ required: ["constructor"] }, { required: ["toString"], properties: { toString: { type: "string" } } }],
  },
  // A property another branch requires, which additionalProperties: false forbids: only a key the key loop sees.
  KeyLoop: { $schema: DRAFT_07, oneOf: [{ properties: { a: {} }, additionalProperties: false }, { required: ["b"] }] },
  KeyLoopOfThree: { $schema: DRAFT_07, oneOf: [{ additionalProperties: false }, { required: ["c"] }, { type: "string" }] },
  Merged: {
    $schema: DRAFT_07,
    properties: { ab: { minimum: 0 } },
    patternProperties: { "^a": { type: "integer" }, b$: { type: "string" } },
    additionalProperties: false,
  },
  MergedAdditional: {
    $schema: DRAFT_07,
    properties: { kind: { type: "string" } },
    patternProperties: { "^a": { maximum: 5 }, "^x-": {} },
    additionalProperties: { type: "boolean" },
  },
};

let validators = new Map<string, ValidatorsUnderTest>();

before(async () => {
  ({ validators } = await validatorsUnderTest("branch-pruning", SCHEMAS));
});

/** The generated `checkName`, up to the next function (the source is unformatted: no indentation tells its end). */
function checkSource(name: string, functionName = `check${name}`): string {
  const { source } = validators.get(name)!;
  const start = source.indexOf(`function ${functionName}(`);
  assert.notEqual(start, -1, `${functionName} is generated`);
  const end = source.slice(start + 1).search(/\n(?:export )?function /);
  return source.slice(start, end < 0 ? undefined : start + 1 + end);
}

test("a branch is ruled out by a required property's const, enum or type, and by its absence", () => {
  const check = checkSource("Discriminated");
  assert.match(check, /value\.kind !== "a" \|\| typeof value\.a !== "string"/);
  assert.match(check, /value\.kind !== "b" && value\.kind !== null && value\.kind !== 3/);
  assert.match(check, /typeof value\.kind !== "number" && typeof value\.kind !== "boolean"/);
});

/** Asserts that `check` computes `exclusion` into a constant, which then skips `branchCall`. */
function assertRuledOut(check: string, exclusion: string, branchCall: string): void {
  const name = [...check.matchAll(/const ((?:oneOf|anyOf)\d+RuledOut\d*) = ([^;]*);/g)].find(([, , test]) => test === exclusion)?.[1];
  assert.ok(name !== undefined, `a constant holds ${exclusion}`);
  assert.ok(check.includes(`!${name} && ${branchCall}`), `${name} skips ${branchCall}`);
}

test("a branch is ruled out by a property its additionalProperties: false forbids, through $ref", () => {
  const check = checkSource("SchemaOrReference");
  assertRuledOut(check, 'isJsonObject(one) && one.$ref !== undefined && hasKey(one, "$ref")', "checkThing(one");
  assertRuledOut(check, "isJsonObject(one) && one.$ref === undefined", "checkReference(one");
  assertRuledOut(check, 'isJsonObject(any) && any.$ref !== undefined && hasKey(any, "$ref")', "checkThing(any");
});

test("draft-04 ignores required beside $ref: no test of it; 2019-09 tests both", () => {
  assert.doesNotMatch(checkSource("Draft04Siblings"), /\.a === undefined/);
  assert.match(checkSource("Draft04Siblings"), /value\.b === undefined/);
  assert.match(checkSource("Draft2019Siblings"), /value\.a === undefined \|\| value\.c === undefined/);
  const { is } = validators.get("Draft04Siblings")!;
  assert.equal(is({}), true);
  assert.equal(is({ a: 1 }), true);
  assert.equal(is({ b: 1 }), false);
  assert.equal(is(1), true, "a non-object passes only the second branch");
});

test("a prune test reads Object.prototype's names as own properties only", () => {
  const { is, source } = validators.get("Prototype")!;
  assert.match(source, /Object\.hasOwn\(value, "toString"\)/);
  assert.equal(is({}), false);
  assert.equal(is({ constructor: 1 }), true);
  assert.equal(is({ toString: "x" }), true);
  assert.equal(is({ toString: 1 }), false);
  assert.equal(is({ constructor: 1, toString: "x" }), false);
});

test("a property that the key loop does not see (non-enumerable, inherited) rules out no branch", () => {
  const hidden = (target: object, key: string, value: unknown): object =>
    Object.defineProperty(target, key, { value, enumerable: false, writable: true, configurable: true });
  const { is, validate } = validators.get("KeyLoop")!;
  // Both branches pass: `b` is no key of the loop of additionalProperties, but `required` sees it.
  for (const value of [hidden({ a: 1 }, "b", 2), Object.assign(Object.create({ b: 2 }) as object, { a: 1 })]) {
    assert.equal(is(value), false);
    assert.equal(validate(value).valid, false);
  }
  assert.equal(is({ a: 1, b: 2 }), true, "the first branch fails on the key b");
  assert.equal(validators.get("KeyLoopOfThree")!.is(hidden({}, "c", 2)), false);
  assert.equal(validators.get("KeyLoopOfThree")!.is({ c: 2 }), true);
});

test("a check with patternProperties and additionalProperties tests each pattern once per key", () => {
  for (const name of ["Merged", "MergedAdditional"]) {
    const check = checkSource(name);
    assert.equal(check.match(/Object\.keys/g)?.length, 1, `${name}: one loop`);
    assert.equal(check.match(/PATTERN\d*\.test/g)?.length, 2, `${name}: each pattern tested once`);
  }
});

const KEYS = ["kind", "a", "b", "c", "ab", "a1", "xb", "x-y", "$ref", "name", "constructor", "one", "any", "other"];
const leaf = fc.oneof(fc.constantFrom<unknown>("a", "b", "x", null, 3, -1, 2.5, 7, true, false, "#/r"), fc.constant({}), fc.constant([]));
const object = (inner: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> =>
  fc.uniqueArray(fc.tuple(fc.constantFrom(...KEYS), inner), { selector: ([key]) => key, maxLength: 5 }).map((entries) => {
    const value: Record<string, unknown> = {};
    for (const [key, item] of entries)
      Object.defineProperty(value, key, { value: item, enumerable: true, writable: true, configurable: true });
    return value;
  });
const instance = fc.oneof(leaf, object(leaf), object(fc.oneof(leaf, object(leaf))));

// Sorted, as the other tests against ajv compare them: ajv reports `additionalProperties` before
// `properties`, codegen after. Schema paths are left out: ajv percent-encodes a pattern in them.
const pairs = (errors: readonly { instancePath: string; keyword: string }[]): string[] =>
  errors.map((error) => `${error.instancePath} ${error.keyword}`).sort();

test("isX and validateX agree with ajv: verdicts and errors", () => {
  for (const [name, { is, validate, ajv }] of validators) {
    if (name === "Prototype" || name === "Draft04Siblings") continue;
    const run = fc.check(
      fc.property(instance, (data) => {
        const expected = ajv(data);
        assert.equal(is(data), expected, "isX");
        const result = validate(data);
        assert.equal(result.valid, expected, "validateX");
        assert.deepEqual(pairs(result.errors ?? []), pairs(expected ? [] : (ajv.errors ?? [])));
      }),
      { numRuns: 3000, seed: 20261203 },
    );
    assert.equal(run.failed, false, `${name} on ${JSON.stringify(run.counterexample)}: ${String(run.errorInstance)}`);
  }
});
