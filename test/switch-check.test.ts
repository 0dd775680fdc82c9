/**
 * The check that loops over an object's keys with a `switch` (src/validators/keywords/object.ts,
 * `switchCheck`): it is generated only where it pays, it runs only on objects for which a loop over
 * `Object.keys` sees what reads by name see, and on random objects it gives the verdicts of the
 * reads by name (the same object behind an empty prototype) and of ajv, whose errors `validateX`
 * still gives.
 */
import assert from "node:assert/strict";
import { before, test } from "node:test";
import fc from "fast-check";
import * as prettier from "prettier";
import { compareWithPrettier, CONFIGS } from "../scripts/prettier-identity.js";
import { validatorsUnderTest, type ValidatorsUnderTest } from "./helpers.js";

const DRAFT_04 = "http://json-schema.org/draft-04/schema#";
const DRAFT_07 = "http://json-schema.org/draft-07/schema#";

const optional = (names: readonly string[]): Record<string, unknown> =>
  Object.fromEntries(
    names.map((name, index) => [
      name,
      [{ type: "string" }, { type: "integer", minimum: 0 }, { type: "boolean" }, { enum: [1, "a"] }][index % 4],
    ]),
  );
const EIGHT = ["title", "a", "b", "c", "d", "e", "f", "g"];

const SCHEMAS: Record<string, Record<string, unknown>> = {
  // OpenAPI 3.0's Schema, in small: optional properties, extensions, nothing else.
  Forbidden: {
    $schema: DRAFT_04,
    type: "object",
    required: ["kind"],
    properties: { kind: { type: "string" }, any: {}, ...optional(EIGHT) },
    patternProperties: { "^x-": {} },
    additionalProperties: false,
  },
  PatternChecked: {
    $schema: DRAFT_07,
    properties: optional(EIGHT),
    patternProperties: { "^x-": { type: "integer" }, "^a": { type: "string" } },
    additionalProperties: { type: "boolean" },
  },
  // A case label longer than a line: prettier formats the case.
  PatternsOnly: {
    $schema: DRAFT_07,
    properties: {
      ...optional(EIGHT),
      ["a property name that is longer than a line of eighty characters, case and all"]: { type: "string" },
    },
    patternProperties: { "^x-": { type: "integer" } },
  },
  NoPatterns: { $schema: DRAFT_07, properties: optional(EIGHT), additionalProperties: false },
  // Names Object.prototype has, and `__proto__`, which JSON.parse makes an own property.
  Prototype: {
    $schema: DRAFT_07,
    properties: {
      constructor: { type: "string" },
      ["__proto__"]: { type: "string" },
      toString: { type: "integer" },
      ...optional(EIGHT.slice(3)),
    },
    additionalProperties: false,
  },
  // Too few optional properties: reads by name.
  Few: { $schema: DRAFT_07, properties: optional(EIGHT.slice(0, 3)), patternProperties: { "^x-": {} }, additionalProperties: false },
  // No loop over the keys to share: reads by name.
  Open: { $schema: DRAFT_07, properties: optional(EIGHT) },
};

let validators = new Map<string, ValidatorsUnderTest>();
let dir = "";

before(async () => {
  ({ dir, validators } = await validatorsUnderTest("switch-check", SCHEMAS));
});

function checkSource(name: string): string {
  const { source } = validators.get(name)!;
  const start = source.indexOf(`function check${name}(`);
  assert.notEqual(start, -1, `check${name} is generated`);
  return source.slice(start, source.indexOf("\nexport function", start + 1));
}

test("the switch is generated where the keys are looped over and there are enough optional properties", () => {
  for (const name of ["Forbidden", "PatternChecked", "PatternsOnly", "NoPatterns", "Prototype"]) {
    const check = checkSource(name);
    assert.match(check, /const keys = plainKeys\(value\);\nif \(keys !== undefined\) \{\nfor \(const key\d* of keys\) \{/, name);
    assert.match(check, /switch \(key\d*\) \{/, name);
  }
  for (const name of ["Few", "Open"]) assert.doesNotMatch(checkSource(name), /switch|plainKeys/, name);
  // The collectors read by name, as before.
  assert.doesNotMatch(validators.get("Forbidden")!.source.slice(validators.get("Forbidden")!.source.indexOf("function collect")), /switch/);
  // A required property is still read by name (its presence), outside the loop.
  assert.match(
    checkSource("Forbidden"),
    /const kind = value\.kind;\nif \(typeof kind !== "string"\) return false;\nconst keys = plainKeys/,
  );
});

test("the switch prints as prettier prints it", async () => {
  for (const config of [CONFIGS["default"]!, CONFIGS["printWidth 100"]!] satisfies prettier.Options[]) {
    const { compared, differences } = await compareWithPrettier(
      { cwd: dir, inputs: Object.keys(SCHEMAS).map((name) => `${name}.json`) },
      config,
    );
    assert.ok(compared > 0);
    assert.deepEqual(
      differences.map(({ file, excerpt }) => `${file}: ${excerpt}`),
      [],
    );
  }
});

/** The same own properties (descriptors, order) and prototype chain, with an empty object inserted in it: the check reads them by name. */
function behindEmptyPrototype(value: object): object {
  const prototype = Object.create(Object.getPrototypeOf(value) as object | null) as object;
  return Object.create(prototype, Object.getOwnPropertyDescriptors(value)) as object;
}

test("objects a key loop would not see as reads by name do are checked by name", () => {
  const { is } = validators.get("Forbidden")!;
  assert.equal(is({ kind: "k", title: "t" }), true);
  const hidden = Object.defineProperty({ kind: "k" }, "title", { value: 5, enumerable: false });
  assert.equal(is(hidden), false, "a non-enumerable own property with a bad value");
  assert.equal(is(Object.defineProperty({ kind: "k" }, "title", { value: "t", enumerable: false })), true);
  assert.equal(is(Object.assign(Object.create({ title: 5 }) as object, { kind: "k" })), false, "an inherited bad value");
  assert.equal(is(Object.assign(Object.create({ title: "t", other: 1 }) as object, { kind: "k" })), true, "inherited, not own keys");
  assert.equal(
    is(
      new (class {
        kind = "k";
        a = -1;
      })(),
    ),
    false,
    "a class instance",
  );
  assert.equal(is(Object.assign(Object.create(null) as object, { kind: "k", a: 2 })), true, "no prototype");
  assert.equal(is(Object.assign(Object.create(null) as object, { kind: "k", a: -2 })), false, "no prototype, a bad value");
  assert.equal(
    is({
      kind: "k",
      get title() {
        return 5;
      },
    }),
    false,
    "a getter's bad value",
  );
  assert.equal(
    is({
      kind: "k",
      get title() {
        return "t";
      },
    }),
    true,
    "a getter's good value",
  );
  assert.equal(is({ kind: "k", [Symbol("s")]: 1 }), true, "a symbol key is not a property by name");
  assert.equal(is({ kind: undefined, title: "t" }), false, "a required property that is undefined");
  assert.equal(is({ title: "t" }), false, "a missing required property");
  assert.equal(is({ kind: "k", "x-a": 5, any: [] }), true);
  assert.equal(is({ kind: "k", other: 1 }), false, "an additional property");
});

test("a property assigned to Object.prototype is seen, as by reads by name", () => {
  const { is } = validators.get("Forbidden")!;
  const prototype = Object.prototype as Record<string, unknown>;
  prototype["title"] = 5;
  try {
    assert.equal(is({ kind: "k" }), false);
  } finally {
    delete prototype["title"];
  }
  assert.equal(is({ kind: "k" }), true);
});

test("Object.prototype's names and an own __proto__ read as by name", () => {
  const { is } = validators.get("Prototype")!;
  assert.equal(is({}), true, "inherited constructor and toString are not properties");
  assert.equal(is({ constructor: 5 }), false);
  assert.equal(is({ constructor: "c", toString: 3 }), true);
  assert.equal(is(JSON.parse('{"__proto__": 5}')), false, "JSON.parse's own __proto__, a bad value");
  assert.equal(is(JSON.parse('{"__proto__": "p", "d": 1}')), true);
  assert.equal(is(Object.create({ constructor: 5 }) as object), true, "an inherited constructor");
  assert.equal(validators.get("NoPatterns")!.is(JSON.parse('{"__proto__": "p"}')), false, "an own __proto__ is an additional property");
  assert.equal(validators.get("NoPatterns")!.is({ ["__proto__"]: "p" }), false, "a computed __proto__ is an own property");
  assert.equal(validators.get("NoPatterns")!.is({ __proto__: { d: "p" } }), true, "a prototype set by a literal is not a property");
  assert.equal(validators.get("NoPatterns")!.is({ __proto__: { d: 1 } }), false, "but its properties are read by name");
});

const KEYS = ["kind", "any", ...EIGHT, "x-", "x-a", "ab", "other", "constructor", "__proto__", "toString"];
const leaf = fc.constantFrom<unknown>("a", "", null, 3, -1, 2.5, 1, true, false, undefined, {}, []);

/** Random own properties: data, some non-enumerable, some getters, behind Object.prototype, none or another object. */
const instance = fc
  .tuple(
    fc.uniqueArray(fc.tuple(fc.constantFrom(...KEYS), leaf, fc.constantFrom("data", "data", "data", "hidden", "getter")), {
      selector: ([key]) => key,
      maxLength: 6,
    }),
    fc.constantFrom("object", "object", "null", "inherits"),
  )
  .map(([entries, prototype]) => {
    const value = Object.create(prototype === "object" ? Object.prototype : prototype === "null" ? null : { b: "inherited" }) as object;
    for (const [key, item, kind] of entries) {
      const descriptor: PropertyDescriptor =
        kind === "getter" ? { get: () => item, enumerable: true } : { value: item, enumerable: kind === "data", writable: true };
      Object.defineProperty(value, key, { ...descriptor, configurable: true });
    }
    return value;
  });

test("the switch gives the verdicts of the reads by name", () => {
  for (const name of ["Forbidden", "PatternChecked", "PatternsOnly", "NoPatterns", "Prototype"]) {
    const { is } = validators.get(name)!;
    const run = fc.check(
      fc.property(instance, (value) => {
        assert.equal(is(value), is(behindEmptyPrototype(value)));
      }),
      { numRuns: 3000, seed: 20261203 },
    );
    assert.equal(run.failed, false, `${name} on ${fc.stringify(run.counterexample)}: ${String(run.errorInstance)}`);
  }
});

// JSON data (ajv reads Object.prototype's names through the prototype: `Prototype` is not asked).
const json = fc
  .uniqueArray(
    fc.tuple(
      fc.constantFrom(...KEYS.filter((key) => !(key in Object.prototype))),
      fc.constantFrom<unknown>("a", 3, -1, 1, true, null, {}, []),
    ),
    {
      selector: ([key]) => key,
      maxLength: 6,
    },
  )
  .map((entries) => Object.fromEntries(entries));
const pairs = (errors: readonly { instancePath: string; keyword: string }[]): string[] =>
  errors.map((error) => `${error.instancePath} ${error.keyword}`).sort();

test("isX and validateX agree with ajv on JSON data", () => {
  for (const [name, { is, validate, ajv }] of validators) {
    if (name === "Prototype") continue;
    const run = fc.check(
      fc.property(json, (data) => {
        const expected = ajv(data);
        assert.equal(is(data), expected, "isX");
        const result = validate(data);
        assert.equal(result.valid, expected, "validateX");
        assert.deepEqual(pairs(result.errors ?? []), pairs(expected ? [] : (ajv.errors ?? [])));
      }),
      { numRuns: 2000, seed: 20261203 },
    );
    assert.equal(run.failed, false, `${name} on ${JSON.stringify(run.counterexample)}: ${String(run.errorInstance)}`);
  }
});
