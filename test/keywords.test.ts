/**
 * The validation keywords (number, string, array, object and applicator families), against ajv as
 * the oracle: every schema below, and the official suite's files for these keywords, is generated
 * into ONE temporary directory and compiled with ONE strict tsc run; then for every instance the
 * generated `isX`/`validateX` must agree with ajv (`allErrors: true`) on validity and on the
 * sorted (instancePath, keyword) pairs of the errors. Where ajv is known to be wrong (float
 * `multipleOf`, inherited properties) or has no validator (draft-04, draft-06), a case lists the
 * expected pairs itself.
 */
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { before, describe, test } from "node:test";
import fc from "fast-check";
import { CodegenError, generate } from "../src/index.js";
import { duplicateItems } from "../src/runtime/validation-runtime.js";
import { compileGenerated, importGenerated, SUITE_DIR, temporaryDirectory } from "./helpers.js";

const require = createRequire(import.meta.url);

const DRAFT_04 = "http://json-schema.org/draft-04/schema#";
const DRAFT_06 = "http://json-schema.org/draft-06/schema#";
const DRAFT_07 = "http://json-schema.org/draft-07/schema#";
const DRAFT_2019 = "https://json-schema.org/draft/2019-09/schema";
const DRAFT_2020 = "https://json-schema.org/draft/2020-12/schema";

type Pair = readonly [instancePath: string, keyword: string];

interface Expectation {
  data: unknown;
  /** The expected (instancePath, keyword) pairs; `[]` for a valid instance. */
  errors: readonly Pair[];
  /** Why ajv is not asked (or is known to be wrong) about this instance. */
  ajvWrong?: string;
}

interface Case {
  name: string;
  schema: Record<string, unknown>;
  /** Instances that must be valid (ajv must agree). */
  valid?: unknown[];
  /** Instances that must be invalid, with exactly ajv's error pairs. */
  invalid?: unknown[];
  /** Instances with their pairs written out: for dialects ajv lacks, or where ajv is wrong. */
  expect?: Expectation[];
}

/** Why ajv is not asked about `format`: here it runs without ajv-formats (whose `regex` drops the u flag in every draft). */
const NO_FORMATS = "ajv runs without ajv-formats here";

const CASES: Record<string, Case[]> = {
  number: [
    { name: "minimum", schema: { $schema: DRAFT_2020, minimum: 5 }, valid: [5, 6, 1e308, "4", null], invalid: [4.99, -1, -1e308] },
    {
      name: "exclusive bounds",
      schema: { $schema: DRAFT_2020, exclusiveMinimum: 0, exclusiveMaximum: 10 },
      valid: [0.1, 9.99, "x"],
      invalid: [0, 10, -5, 11],
    },
    {
      name: "integer maximum",
      schema: { $schema: DRAFT_2020, type: "integer", maximum: 3, minimum: -3 },
      valid: [3, -3, 0],
      invalid: [3.5, 4, -4.5, "1"],
    },
    {
      name: "all bounds together",
      schema: { $schema: DRAFT_2019, minimum: 1, maximum: 2, exclusiveMinimum: 1, exclusiveMaximum: 2 },
      valid: [1.5],
      invalid: [1, 2, 0, 3],
    },
    { name: "multipleOf integer", schema: { $schema: DRAFT_2020, multipleOf: 3 }, valid: [9, 0, -3, 3e20, "7"], invalid: [10, 1.5, -7] },
    {
      name: "multipleOf 0.0001",
      schema: { $schema: DRAFT_2020, multipleOf: 0.0001 },
      valid: [0.0075, 0.0001, 1],
      invalid: [0.00751, 0.00005],
      expect: [{ data: 12.3456, errors: [], ajvWrong: "ajv divides: 12.3456 / 0.0001 is 123455.99999999999" }],
    },
    {
      name: "multipleOf 1.5",
      schema: { $schema: DRAFT_2020, multipleOf: 1.5 },
      valid: [4.5, 0, -3],
      invalid: [35, 4],
      expect: [{ data: 1.5e300, errors: [], ajvWrong: "ajv tests the quotient with parseInt, and parseInt(1e300) is 1" }],
    },
    {
      name: "multipleOf 0.01",
      schema: { $schema: DRAFT_2020, multipleOf: 0.01 },
      valid: [10, 0.5, 1.23],
      invalid: [19.991, 0.005],
      expect: [
        { data: 19.99, errors: [], ajvWrong: "ajv divides: 19.99 / 0.01 is 1998.9999999999998" },
        { data: 0.07, errors: [], ajvWrong: "ajv divides: 0.07 / 0.01 is 7.000000000000001" },
        { data: 4.35, errors: [], ajvWrong: "ajv divides: 4.35 / 0.01 is 434.99999999999994" },
      ],
    },
    {
      name: "multipleOf 0.1",
      schema: { $schema: DRAFT_2020, multipleOf: 0.1 },
      valid: [0.5, 100],
      invalid: [0.05, 0.31],
      expect: [{ data: 0.3, errors: [], ajvWrong: "ajv divides: 0.3 / 0.1 is 2.9999999999999996" }],
    },
    {
      name: "multipleOf overflow",
      schema: { $schema: DRAFT_2020, type: "integer", multipleOf: 0.123456789 },
      invalid: [1e308, 1],
    },
    {
      name: "multipleOf tiny divisor",
      schema: { $schema: DRAFT_2020, multipleOf: 1e-8 },
      valid: [5],
      invalid: [1.5e-9],
      expect: [{ data: 0.00000003, errors: [], ajvWrong: "ajv divides: 3e-8 / 1e-8 is 2.9999999999999996" }],
    },
    {
      name: "draft-04 boolean exclusive bounds",
      schema: { $schema: DRAFT_04, minimum: 5, exclusiveMinimum: true, maximum: 10, exclusiveMaximum: false },
      expect: [
        { data: 5, errors: [["", "minimum"]] },
        { data: 5.1, errors: [] },
        { data: 10, errors: [] },
        { data: 10.5, errors: [["", "maximum"]] },
      ],
    },
    {
      name: "draft-04 exclusiveMaximum",
      schema: { $schema: DRAFT_04, maximum: 10, exclusiveMaximum: true },
      expect: [
        { data: 10, errors: [["", "maximum"]] },
        { data: 9.9, errors: [] },
      ],
    },
    { name: "draft-07 numeric exclusive", schema: { $schema: DRAFT_07, exclusiveMinimum: 5 }, valid: [6], invalid: [5, 4] },
  ],
  string: [
    {
      name: "length in code points",
      schema: { $schema: DRAFT_2020, minLength: 2, maxLength: 3 },
      valid: ["ab", "💩💩", "abc", "💩💩💩", "a💩", 5],
      invalid: ["💩", "a", "", "abcd", "💩💩💩💩"],
    },
    { name: "maxLength", schema: { $schema: DRAFT_2020, maxLength: 2 }, valid: ["💩💩", "", "\u{1F600}a"], invalid: ["abc", "💩💩💩"] },
    {
      name: "unicode pattern",
      schema: { $schema: DRAFT_2020, pattern: "^\\p{Letter}+$" },
      valid: ["héllo", "Ωmega", "日本", 42, null],
      invalid: ["abc1", "", "a b"],
    },
    { name: "pattern not anchored", schema: { $schema: DRAFT_2020, pattern: "a+" }, valid: ["xaay"], invalid: ["xyz"] },
    { name: "pattern dot matches astral", schema: { $schema: DRAFT_2020, pattern: "^.$" }, valid: ["💩"], invalid: ["ab"] },
    {
      name: "pattern with quotes and comment ends",
      schema: { $schema: DRAFT_2020, type: "string", pattern: '^a*/"\u2028\\*/$' },
      valid: ['aa/"\u2028*/'],
      invalid: ["x", 3],
    },
    {
      // OpenAPI 3.0's own schema says `pattern` is a `regex`; its tools run patterns without the u flag.
      name: "regex format in draft-04: ECMA-262 without the u flag",
      schema: { $schema: DRAFT_04, format: "regex" },
      expect: [
        ...["^[A-Z\\_]+$", "w-[0-9]{8}\\-[0-9]{4}", "a{", 3].map((data) => ({ data, errors: [] })),
        ...["(", "[a-"].map((data) => ({ data, errors: [["", "format"]] as const })),
      ],
    },
    {
      name: "regex format in draft-07: with the u flag",
      schema: { $schema: DRAFT_07, format: "regex" },
      valid: ["^\\p{Letter}+$", 3],
      expect: ["(", "^[A-Z\\_]+$"].map((data) => ({ data, errors: [["", "format"]] as const, ajvWrong: NO_FORMATS })),
    },
    {
      name: "string keywords under type",
      schema: { $schema: DRAFT_07, type: ["string", "null"], minLength: 1, pattern: "^[a-z]*$" },
      valid: [null, "abc"],
      invalid: ["", "ABC", 1],
    },
  ],
  array: [
    {
      name: "item counts",
      schema: { $schema: DRAFT_2020, minItems: 2, maxItems: 3 },
      valid: [[1, 2], [1, 2, 3], "x"],
      invalid: [[1], [], [1, 2, 3, 4]],
    },
    {
      name: "uniqueItems",
      schema: { $schema: DRAFT_2020, uniqueItems: true },
      valid: [
        [1, 2, 3],
        [{ a: 1 }, { a: 2 }],
        [[1], [2]],
        [1, "1"],
        [0, false],
        [null, 0],
        [{ a: 1 }, { a: 1, b: 2 }],
        [
          [1, 2],
          [2, 1],
        ],
        [],
      ],
      invalid: [
        [1, 1],
        [1, 1.0],
        [
          { a: 1, b: 2 },
          { b: 2, a: 1 },
        ],
        [
          [1, [2]],
          [1, [2]],
        ],
        [1, 2, 1, 2],
        ["a", { x: null }, "b", { x: null }],
        [null, null],
      ],
    },
    {
      name: "uniqueItems with scalar items",
      schema: { $schema: DRAFT_2020, items: { type: "number" }, uniqueItems: true },
      valid: [[1, 2]],
      invalid: [
        [1, 2, 1],
        ["a", "a", 1],
        [1, "x", 1, "x"],
      ],
    },
    { name: "uniqueItems false", schema: { $schema: DRAFT_2020, uniqueItems: false }, valid: [[1, 1]] },
    {
      name: "prefixItems and items",
      schema: { $schema: DRAFT_2020, prefixItems: [{ type: "string" }, { type: "number" }], items: { type: "boolean" } },
      valid: [["a", 1], ["a", 1, true, false], [], ["a"], { 0: 1 }],
      invalid: [
        [1, "a"],
        ["a", 1, "x", false, 3],
      ],
    },
    {
      name: "prefixItems and items false",
      schema: { $schema: DRAFT_2020, prefixItems: [{}, { type: "integer" }], items: false },
      valid: [[1, 2], ["x"]],
      invalid: [
        [1, 2, 3],
        [1, "x", 3],
      ],
    },
    { name: "items false", schema: { $schema: DRAFT_2020, items: false }, valid: [[]], invalid: [[1, 2]] },
    { name: "additionalItems ignored in 2020-12", schema: { $schema: DRAFT_2020, additionalItems: false }, valid: [[1, 2]] },
    { name: "prefixItems ignored in 2019-09", schema: { $schema: DRAFT_2019, prefixItems: [false] }, valid: [[1]] },
    {
      name: "draft-07 tuple and additionalItems",
      schema: { $schema: DRAFT_07, items: [{ type: "string" }, { type: "integer" }], additionalItems: { type: "boolean" } },
      valid: [["a", 1, true], ["a"], []],
      invalid: [
        [1, "a", 3],
        ["a", 1, true, "x"],
      ],
    },
    {
      name: "draft-07 tuple closed",
      schema: { $schema: DRAFT_07, items: [{ type: "string" }], additionalItems: false },
      valid: [["a"]],
      invalid: [
        ["a", 1, true],
        [1, 2],
      ],
    },
    {
      name: "draft-07 additionalItems ignored",
      schema: { $schema: DRAFT_07, items: { type: "string" }, additionalItems: false },
      valid: [["a", "b"]],
    },
    {
      name: "2019-09 tuple",
      schema: { $schema: DRAFT_2019, items: [{ const: 1 }, { const: 2 }], additionalItems: false },
      valid: [[1, 2], [1]],
      invalid: [
        [2, 1],
        [1, 2, 3],
      ],
    },
    {
      name: "contains",
      schema: { $schema: DRAFT_2020, contains: { type: "integer" } },
      valid: [[1], ["a", 2], "x"],
      invalid: [[], ["a", "b"], [1.5, { a: 1 }]],
    },
    {
      name: "minContains and maxContains",
      schema: { $schema: DRAFT_2020, contains: { const: 1 }, minContains: 2, maxContains: 3 },
      valid: [
        [1, 1],
        [1, 2, 1, 1],
      ],
      invalid: [[1], [1, 1, 1, 1], [2, 3], [1, 2, 1, 3, 1, 4, 1, 5]],
    },
    { name: "minContains 0", schema: { $schema: DRAFT_2020, contains: { const: 1 }, minContains: 0 }, valid: [[], [2], [1]] },
    {
      name: "minContains 0 with maxContains",
      schema: { $schema: DRAFT_2019, contains: { const: 1 }, minContains: 0, maxContains: 1 },
      valid: [[], [2], [1], [2, 1, 3]],
      invalid: [
        [1, 1],
        [2, 1, 3, 1],
      ],
    },
    { name: "contains true", schema: { $schema: DRAFT_2020, contains: true, minContains: 2 }, valid: [[1, 2]], invalid: [[1], []] },
    { name: "contains false", schema: { $schema: DRAFT_2020, contains: false }, invalid: [[1], []] },
    {
      name: "minContains above maxContains",
      schema: { $schema: DRAFT_2020, contains: {}, minContains: 3, maxContains: 1 },
      valid: ["x"],
      invalid: [[1, 2], []],
    },
    { name: "maxContains without contains", schema: { $schema: DRAFT_2020, maxContains: 0 }, valid: [[1]] },
    {
      name: "draft-07 contains ignores minContains",
      schema: { $schema: DRAFT_07, contains: { const: 1 }, minContains: 2 },
      valid: [[1]],
      invalid: [[2]],
    },
    {
      name: "nested contains",
      schema: { $schema: DRAFT_2020, items: { contains: { const: 1 } } },
      valid: [[[1], [2, 1]]],
      invalid: [[[2]], [[], [1]], [[1], [3, 4]]],
      expect: [
        {
          data: [[1], [], [3, 4]],
          errors: [
            ["/1", "contains"],
            ["/2", "contains"],
            ["/2/0", "const"],
            ["/2/1", "const"],
          ],
          ajvWrong: "ajv's contains loop leaves its result variable from the previous item: after [1] passes, [] passes too",
        },
      ],
    },
  ],
  object: [
    {
      // A required property that checks its type is read once in a boolean check: missing fails the type check.
      name: "required properties with and without a type",
      schema: {
        $schema: DRAFT_2020,
        required: ["typed", "nullable", "list", "untyped", "referenced"],
        properties: {
          typed: { type: "string" },
          nullable: { type: ["integer", "null"] },
          list: { type: "array", items: { type: "number" } },
          untyped: { minLength: 1 },
          referenced: { $ref: "#/$defs/anything" },
        },
        $defs: { anything: {} },
      },
      valid: [{ typed: "a", nullable: null, list: [], untyped: 1, referenced: null }],
      invalid: [
        {},
        { nullable: 1, list: [1], untyped: "x", referenced: 0 },
        { typed: "a", list: [1], untyped: "x", referenced: 0 },
        { typed: "a", nullable: 1, untyped: "x", referenced: 0 },
        { typed: "a", nullable: 1, list: [1], referenced: 0 },
        { typed: "a", nullable: 1, list: [1], untyped: "x" },
        { typed: 1, nullable: "x", list: ["x"], untyped: "", referenced: 0 },
      ],
    },
    {
      // Before 2019-09 a $ref beside `type` is all that applies: the required test must stay.
      name: "required property whose type a draft-07 $ref overrides",
      schema: {
        $schema: DRAFT_07,
        required: ["a"],
        properties: { a: { $ref: "#/definitions/anything", type: "string" } },
        definitions: { anything: {} },
      },
      valid: [{ a: "x" }],
      invalid: [{}, { b: "x" }],
      expect: [{ data: { a: 1 }, errors: [], ajvWrong: "ajv applies the keywords beside $ref in draft-07 too" }],
    },
    {
      name: "patternProperties",
      schema: { $schema: DRAFT_2020, patternProperties: { "^s_": { type: "string" }, "^n_": { type: "number" }, _x$: { minLength: 2 } } },
      valid: [{ s_a: "x", n_b: 1, other: null }, {}, [1]],
      invalid: [{ s_a: 1, n_b: "x" }, { s_x: "a" }, { "s_~/": 3 }],
    },
    {
      name: "patternProperties with additionalProperties false",
      schema: { $schema: DRAFT_2020, properties: { id: {} }, patternProperties: { "^x-": {} }, additionalProperties: false },
      valid: [{ id: 1, "x-a": 2 }],
      invalid: [{ id: 1, y: 2, "x-": 3, z: 4 }],
    },
    {
      name: "patternProperties with additionalProperties schema",
      schema: { $schema: DRAFT_2020, patternProperties: { "^\\p{Lu}": { type: "string" } }, additionalProperties: { type: "number" } },
      valid: [{ Élan: "x", a: 1 }],
      invalid: [{ Élan: 1, a: "x", Ωx: 2 }],
    },
    {
      name: "propertyNames",
      schema: { $schema: DRAFT_2020, propertyNames: { maxLength: 3, pattern: "^[a-z]+$" } },
      valid: [{ abc: 1 }, {}, "abcdef"],
      invalid: [{ abcd: 1, AB: 2, ok: 3 }],
    },
    { name: "propertyNames false", schema: { $schema: DRAFT_2020, propertyNames: false }, valid: [{}], invalid: [{ a: 1 }] },
    {
      name: "propertyNames by reference",
      schema: { $schema: DRAFT_2020, propertyNames: { $ref: "#/$defs/name" }, $defs: { name: { minLength: 2 } } },
      valid: [{ ab: 1 }],
      invalid: [{ a: 1, b: 2 }],
    },
    {
      name: "propertyNames nested",
      schema: { $schema: DRAFT_07, properties: { inner: { propertyNames: { enum: ["a", "b"] } } } },
      valid: [{ inner: { a: 1 } }],
      invalid: [{ inner: { c: 1 } }],
    },
    {
      name: "property counts",
      schema: { $schema: DRAFT_2020, minProperties: 1, maxProperties: 2 },
      valid: [{ a: 1 }, { a: 1, b: 2 }, []],
      invalid: [{}, { a: 1, b: 2, c: 3 }],
    },
    {
      name: "dependentRequired",
      schema: { $schema: DRAFT_2020, dependentRequired: { a: ["b", "c"], b: ["d"], e: [] } },
      valid: [{}, { a: 1, b: 2, c: 3, d: 4 }, { e: 1 }, ["a"]],
      invalid: [{ a: 1 }, { b: 1 }, { a: 1, b: 2 }],
    },
    {
      name: "dependentSchemas",
      schema: {
        $schema: DRAFT_2020,
        dependentSchemas: { a: { required: ["b"], properties: { b: { type: "string" } } }, c: false, d: true },
      },
      valid: [{}, { a: 1, b: "x" }, { d: 1 }],
      invalid: [{ a: 1 }, { a: 1, b: 2 }, { c: 1 }],
    },
    {
      name: "draft-07 dependencies",
      schema: { $schema: DRAFT_07, dependencies: { a: ["b"], c: { required: ["d"] }, e: [], "f~/": ["g"] } },
      valid: [{ a: 1, b: 2 }, {}, { e: 1 }],
      invalid: [{ a: 1 }, { c: 1 }, { a: 1, c: 1 }, { "f~/": 1 }],
    },
    { name: "draft-07 ignores dependentRequired", schema: { $schema: DRAFT_07, dependentRequired: { a: ["b"] } }, valid: [{ a: 1 }] },
    {
      name: "dependentRequired with prototype names",
      schema: { $schema: DRAFT_2020, dependentRequired: { constructor: ["toString"] } },
      valid: [{}, { toString: 1 }],
      expect: [
        {
          data: { constructor: 1 },
          errors: [["", "dependentRequired"]],
          ajvWrong: "ajv reads the inherited Object.prototype.toString as present",
        },
      ],
    },
    {
      name: "draft-04 dependencies",
      schema: { $schema: DRAFT_04, dependencies: { a: ["b"], c: { properties: { c: { type: "string" } } } } },
      expect: [
        { data: { a: 1 }, errors: [["", "dependencies"]] },
        { data: { a: 1, b: 1, c: 1 }, errors: [["/c", "type"]] },
        { data: { c: "x" }, errors: [] },
      ],
    },
    {
      name: "draft-06 propertyNames and contains",
      schema: { $schema: DRAFT_06, propertyNames: { maxLength: 1 }, contains: { const: 0 } },
      expect: [
        {
          data: { ab: 1 },
          errors: [
            ["", "maxLength"],
            ["", "propertyNames"],
          ],
        },
        {
          data: [1],
          errors: [
            ["/0", "const"],
            ["", "contains"],
          ],
        },
        { data: [1, 0], errors: [] },
      ],
    },
    {
      name: "draft-04 has no propertyNames or contains",
      schema: { $schema: DRAFT_04, propertyNames: false, contains: false },
      expect: [
        { data: { a: 1 }, errors: [] },
        { data: [1], errors: [] },
      ],
    },
  ],
  applicators: [
    {
      name: "allOf",
      schema: {
        $schema: DRAFT_2020,
        allOf: [{ type: "object", required: ["a"] }, { properties: { a: { type: "number", minimum: 0 } } }, true],
      },
      valid: [{ a: 1 }],
      invalid: [{ a: -1 }, {}, "x", { a: "x" }],
    },
    { name: "allOf with false", schema: { $schema: DRAFT_2020, allOf: [true, false] }, invalid: [1] },
    {
      name: "oneOf",
      schema: { $schema: DRAFT_2020, oneOf: [{ type: "integer" }, { minimum: 2 }] },
      valid: [1, 2.5, "x"],
      invalid: [3, 1.5],
    },
    {
      name: "oneOf stops at the second passing branch",
      schema: { $schema: DRAFT_2020, oneOf: [{ minimum: 5 }, { type: "number" }, { maximum: 10 }, { multipleOf: 7 }] },
      valid: [],
      invalid: [6, 14, 1, "x"],
    },
    {
      name: "oneOf where any one of four branches is the one that passes",
      schema: {
        $schema: DRAFT_2020,
        oneOf: [{ type: "string" }, { type: "integer" }, { type: "number", minimum: 10 }, { type: "null" }],
      },
      valid: ["x", 3, 10.5, null],
      invalid: [12, true, []],
    },
    {
      name: "oneOf of objects",
      schema: {
        $schema: DRAFT_2020,
        type: "object",
        oneOf: [{ required: ["a"] }, { required: ["b"] }, { required: ["c"], properties: { c: false } }],
      },
      valid: [{ a: 1 }, { b: 1 }, { a: 1, c: 1 }],
      invalid: [{}, { a: 1, b: 1 }, { c: 1 }, { b: 1, a: 1, c: 1 }],
    },
    { name: "not", schema: { $schema: DRAFT_2020, not: { type: "string" } }, valid: [1, null], invalid: ["x"] },
    { name: "not not", schema: { $schema: DRAFT_2020, not: { not: { minimum: 3 } } }, valid: [4, "x"], invalid: [2] },
    {
      name: "if then else",
      schema: {
        $schema: DRAFT_2020,
        if: { properties: { kind: { const: "a" } }, required: ["kind"] },
        then: { required: ["a"] },
        else: { required: ["b"] },
      },
      valid: [{ kind: "a", a: 1 }, { b: 1 }, { kind: "z", b: 1 }],
      invalid: [{ kind: "a" }, { kind: "z" }, {}],
    },
    { name: "if then", schema: { $schema: DRAFT_2020, if: { minimum: 10 }, then: { multipleOf: 2 } }, valid: [12, 3, "x"], invalid: [11] },
    {
      name: "if else",
      schema: { $schema: DRAFT_07, if: { type: "string" }, else: { type: "number" } },
      valid: ["x", 1],
      invalid: [null, {}],
    },
    { name: "if alone", schema: { $schema: DRAFT_2020, if: false }, valid: [1] },
    { name: "then without if", schema: { $schema: DRAFT_2020, then: false, else: false }, valid: [1] },
    {
      name: "if then true else",
      schema: { $schema: DRAFT_2020, if: { type: "string" }, then: true, else: false },
      valid: ["x"],
      invalid: [1],
    },
    {
      name: "draft-06 has no if",
      schema: { $schema: DRAFT_06, if: true, then: false },
      expect: [{ data: 1, errors: [] }],
    },
    {
      name: "nested applicators",
      schema: {
        $schema: DRAFT_2020,
        anyOf: [{ allOf: [{ type: "string" }, { minLength: 3 }] }, { oneOf: [{ type: "number" }, { not: { const: null } }] }],
      },
      valid: ["ab", "abc", [], {}],
      invalid: [null, 1],
    },
    {
      name: "if then else on a property",
      schema: { $schema: DRAFT_2020, properties: { x: { if: { type: "integer" }, then: { minimum: 0 }, else: { type: "string" } } } },
      valid: [{ x: 1 }, { x: "a" }],
      invalid: [{ x: -1 }, { x: 1.5 }],
    },
    {
      name: "oneOf by reference",
      schema: { $schema: DRAFT_2020, $defs: { positive: { minimum: 0 } }, oneOf: [{ $ref: "#/$defs/positive" }, { type: "string" }] },
      valid: [1],
      invalid: [-1, "x"],
    },
    {
      name: "applicators inside items",
      schema: {
        $schema: DRAFT_2020,
        type: "array",
        items: {
          oneOf: [
            { type: "string", maxLength: 2 },
            { type: "integer", not: { multipleOf: 2 } },
          ],
        },
        contains: { if: { type: "string" }, then: { const: "ok" }, else: false },
      },
      valid: [["ok", 1, "ab"]],
      invalid: [["abc", 2, 3.5], [1], []],
    },
  ],
};

/** The keyword files of the official suite exercised here, per suite dialect. */
const SUITE_FILES: Record<string, { schema: string; files: string[] }> = {
  "draft2020-12": {
    schema: DRAFT_2020,
    files: [
      "minimum",
      "maximum",
      "exclusiveMinimum",
      "exclusiveMaximum",
      "multipleOf",
      "minLength",
      "maxLength",
      "pattern",
      "minItems",
      "maxItems",
      "uniqueItems",
      "prefixItems",
      "items",
      "contains",
      "minContains",
      "maxContains",
      "patternProperties",
      "propertyNames",
      "minProperties",
      "maxProperties",
      "dependentRequired",
      "dependentSchemas",
      "additionalProperties",
      "allOf",
      "anyOf",
      "oneOf",
      "not",
      "if-then-else",
    ],
  },
  "draft2019-09": { schema: DRAFT_2019, files: ["items", "additionalItems", "minContains", "maxContains", "dependentRequired"] },
  draft7: { schema: DRAFT_07, files: ["items", "additionalItems", "dependencies", "contains", "if-then-else", "exclusiveMinimum"] },
  draft4: { schema: DRAFT_04, files: ["minimum", "maximum", "dependencies", "items"] },
};

interface SuiteGroup {
  description: string;
  schema: unknown;
  tests: { description: string; data: unknown; valid: boolean }[];
}

interface SuiteCase {
  file: string;
  group: SuiteGroup;
  schema: unknown;
}

function suiteCases(): SuiteCase[] {
  const cases: SuiteCase[] = [];
  for (const [dialect, { schema: metaschema, files }] of Object.entries(SUITE_FILES)) {
    for (const file of files) {
      const groups = JSON.parse(readFileSync(path.join(SUITE_DIR, "tests", dialect, `${file}.json`), "utf8")) as SuiteGroup[];
      for (const group of groups) {
        // One output directory holds every schema, so the dialect is declared in each schema.
        if (typeof group.schema !== "object" || group.schema === null) continue;
        const schema = "$schema" in group.schema ? group.schema : { $schema: metaschema, ...group.schema };
        cases.push({ file: `${dialect}/${file}`, group, schema });
      }
    }
  }
  return cases;
}

// ---------------------------------------------------------------------------------------------
// ajv, the oracle

type AjvError = {
  instancePath: string;
  keyword: string;
  schemaPath?: string;
  params?: Record<string, unknown>;
  message?: string;
  propertyName?: string;
};
type AjvValidate = ((data: unknown) => boolean) & { errors?: AjvError[] | null };
type AjvInstance = { compile(schema: unknown): AjvValidate };
/** What `require` returns for an ajv entry point. */
type AjvModule = { default: new (options: { allErrors: boolean; strict: boolean }) => AjvInstance };

function newAjv(entryPoint: string): AjvInstance {
  const Ajv = (require(entryPoint) as AjvModule).default;
  return new Ajv({ allErrors: true, strict: false });
}

const AJV_FACTORIES: Record<string, () => AjvInstance> = {
  [DRAFT_2020]: () => newAjv("ajv/dist/2020"),
  [DRAFT_2019]: () => newAjv("ajv/dist/2019"),
  [DRAFT_07]: () => newAjv("ajv"),
};
const ajvInstances = new Map<string, AjvInstance>();

/** ajv's validator for a schema, or undefined for a dialect ajv does not have here (draft-04, draft-06). */
function ajvValidator(schema: unknown): AjvValidate | undefined {
  const dialect = (schema as { $schema?: string }).$schema ?? DRAFT_2020;
  const factory = AJV_FACTORIES[dialect];
  if (factory === undefined) return undefined;
  let ajv = ajvInstances.get(dialect) ?? factory();
  ajvInstances.set(dialect, ajv);
  try {
    return ajv.compile(schema);
  } catch {
    // Another schema with the same $id: compile this one alone.
    ajv = factory();
    return ajv.compile(schema);
  }
}

/**
 * Whole errors, sorted, for comparing with ajv beyond the pairs. Differences from ajv that are
 * codegen's conventions elsewhere are normalised: ajv puts `propertyName` (errors found in a
 * property name) beside `params`, codegen inside it; ajv percent-encodes schemaPath and ends a
 * false schema's with "/false schema"; ajv's `type` params list several types as an array. In a
 * schema reached by `$ref`, ajv's schemaPath may start at that schema, codegen's at its document.
 */
function wholeErrors(errors: readonly AjvError[], withSchemaPath = true): string[] {
  return errors
    .map(({ instancePath, schemaPath, keyword, params, message, propertyName }) =>
      JSON.stringify({
        instancePath,
        schemaPath: withSchemaPath ? decodeURIComponent(schemaPath ?? "").replace(/\/false schema$/, "") : undefined,
        keyword,
        params: {
          ...params,
          ...(propertyName === undefined ? {} : { propertyName }),
          ...(keyword === "type" && Array.isArray(params?.["type"]) ? { type: params["type"].join(",") } : {}),
        },
        message,
      }),
    )
    .sort();
}

function sortedPairs(errors: readonly AjvError[] | readonly Pair[]): string[] {
  return errors
    .map((error) =>
      Array.isArray(error) ? `${error[0]} ${error[1]}` : `${(error as AjvError).instancePath} ${(error as AjvError).keyword}`,
    )
    .sort();
}

/** A verdict, its (instancePath keyword) pairs and its whole errors, each sorted. */
interface Outcome {
  valid: boolean;
  pairs: string[];
  errors: string[];
}

function outcome(errors: readonly AjvError[], withSchemaPath: boolean): Outcome {
  return { valid: errors.length === 0, pairs: sortedPairs(errors), errors: wholeErrors(errors, withSchemaPath) };
}

function ajvOutcome(validate: AjvValidate, data: unknown, withSchemaPath = true): Outcome {
  return outcome(validate(data) ? [] : (validate.errors ?? []), withSchemaPath);
}

// ---------------------------------------------------------------------------------------------
// Generating everything once

interface ValidationResult {
  valid: boolean;
  errors?: { instancePath: string; schemaPath: string; keyword: string; params: Record<string, unknown>; message: string }[];
}
interface Validators {
  is: (value: unknown) => boolean;
  validate: (value: unknown) => ValidationResult;
}

const inlineCases = Object.entries(CASES).flatMap(([family, cases]) => cases.map((testCase) => ({ family, testCase })));
const suite = suiteCases();
let validators: Validators[] = [];

before(async () => {
  const dir = temporaryDirectory("keywords");
  mkdirSync(path.join(dir, "schemas"));
  const schemas = [...inlineCases.map(({ testCase }) => testCase.schema), ...suite.map(({ schema }) => schema)];
  const inputs = schemas.map((schema, index) => {
    const file = `schemas/k${String(index).padStart(3, "0")}.json`;
    writeFileSync(path.join(dir, file), JSON.stringify(schema));
    return file;
  });
  const result = await generate({
    cwd: dir,
    inputs,
    outDir: "out",
    formatter: "none",
    cache: false,
    registry: { "http://localhost:1234/": path.join(SUITE_DIR, "remotes") },
  });
  const module = await importGenerated(compileGenerated(result.outDir), "index");
  validators = result.rootTypes.map((typeName) => {
    const is = module[`is${typeName}`] as Validators["is"];
    const validate = module[`validate${typeName}`] as Validators["validate"];
    assert.equal(typeof is, "function", `is${typeName} is exported`);
    return { is, validate };
  });
});

/** Our outcome; asserts that `isX` agrees with `validateX` and that the errors are well-formed. */
function ours(index: number, data: unknown, withSchemaPath = true): Outcome {
  const { is, validate } = validators[index]!;
  const result = validate(data);
  assert.equal(is(data), result.valid, `isX agrees with validateX on ${JSON.stringify(data)}`);
  const errors = result.errors ?? [];
  assert.equal(result.valid, errors.length === 0);
  for (const error of errors) {
    assert.match(error.schemaPath, /^#/);
    assert.equal(typeof error.message, "string");
    assert.equal(typeof error.params, "object");
  }
  return outcome(errors, withSchemaPath);
}

const show = (data: unknown): string => JSON.stringify(data);

// ---------------------------------------------------------------------------------------------
// The cases

for (const [family, cases] of Object.entries(CASES)) {
  describe(`${family} keywords`, () => {
    for (const testCase of cases) {
      const index = inlineCases.findIndex((entry) => entry.testCase === testCase);
      test(testCase.name, () => {
        const ajv = ajvValidator(testCase.schema);
        for (const data of testCase.valid ?? []) {
          assert.deepEqual(ours(index, data), outcome([], true), `valid: ${show(data)}`);
          if (ajv !== undefined) assert.equal(ajv(data), true, `ajv also accepts ${show(data)}`);
        }
        for (const data of testCase.invalid ?? []) {
          assert.ok(ajv !== undefined, "invalid instances need ajv: write `expect` for this dialect");
          const oracle = ajvOutcome(ajv, data);
          assert.equal(oracle.valid, false, `ajv also rejects ${show(data)}`);
          assert.deepEqual(ours(index, data), oracle, `errors of ${show(data)} as ajv's`);
        }
        for (const { data, errors, ajvWrong } of testCase.expect ?? []) {
          const expected = { valid: errors.length === 0, pairs: sortedPairs(errors) };
          const { valid, pairs } = ours(index, data);
          assert.deepEqual({ valid, pairs }, expected, `errors of ${show(data)}`);
          if (ajv !== undefined) {
            assert.ok(ajvWrong !== undefined, "a dialect ajv has: use valid/invalid, or say why ajv is wrong");
            const oracle = ajvOutcome(ajv, data);
            assert.notDeepEqual(
              { valid: oracle.valid, pairs: oracle.pairs },
              expected,
              `ajv still disagrees on ${show(data)} (${ajvWrong})`,
            );
          }
        }
      });
    }
  });
}

describe("official suite files for these keywords", () => {
  const byFile = new Map<string, number[]>();
  suite.forEach((entry, index) => byFile.set(entry.file, [...(byFile.get(entry.file) ?? []), index]));
  for (const [file, indexes] of byFile) {
    test(file, (t) => {
      for (const suiteIndex of indexes) {
        const { group, schema } = suite[suiteIndex]!;
        const ajv = ajvValidator(schema);
        for (const { description, data, valid } of group.tests) {
          const where = `${group.description} / ${description}`;
          const result = ours(inlineCases.length + suiteIndex, data, false);
          assert.equal(result.valid, valid, `${where}: the suite says ${valid ? "valid" : "invalid"}`);
          if (ajv === undefined) continue;
          const oracle = ajvOutcome(ajv, data, false);
          if (oracle.valid !== valid) {
            t.diagnostic(`ajv disagrees with the suite: ${where}`);
            continue;
          }
          assert.deepEqual(result, oracle, `${where}: errors as ajv's`);
        }
      }
    });
  }
});

// ---------------------------------------------------------------------------------------------
// Schemas codegen refuses, with the file and the pointer

async function generationError(schema: unknown): Promise<CodegenError> {
  const dir = temporaryDirectory("keywords-error");
  writeFileSync(path.join(dir, "bad.json"), JSON.stringify(schema));
  try {
    await generate({ cwd: dir, inputs: ["bad.json"], outDir: "out", formatter: "none" });
  } catch (error) {
    assert.ok(error instanceof CodegenError, `expected a CodegenError, got ${String(error)}`);
    return error;
  }
  assert.fail("generate() should have failed");
}

describe("invalid keyword values are errors at generation time", () => {
  const cases: { name: string; schema: unknown; pointer: string; message: RegExp }[] = [
    {
      name: "invalid pattern",
      schema: { properties: { code: { type: "string", pattern: "^(ab$" } } },
      pointer: "/properties/code/pattern",
      message: /invalid regular expression "\^\(ab\$"/,
    },
    {
      name: "pattern invalid only with the u flag",
      schema: { pattern: "^\\-$" },
      pointer: "/pattern",
      message: /invalid regular expression/,
    },
    {
      name: "invalid patternProperties pattern",
      schema: { patternProperties: { "a/[": {} } },
      pointer: "/patternProperties/a~1[",
      message: /invalid regular expression "a\/\["/,
    },
    { name: "items array in 2020-12", schema: { $schema: DRAFT_2020, items: [{}] }, pointer: "/items", message: /prefixItems/ },
    {
      name: "boolean exclusiveMinimum after draft-04",
      schema: { minimum: 1, exclusiveMinimum: true },
      pointer: "/exclusiveMinimum",
      message: /must be a number/,
    },
    {
      name: "numeric exclusiveMaximum in draft-04",
      schema: { $schema: DRAFT_04, exclusiveMaximum: 3 },
      pointer: "/exclusiveMaximum",
      message: /must be a boolean/,
    },
    { name: "multipleOf 0", schema: { multipleOf: 0 }, pointer: "/multipleOf", message: /greater than 0/ },
    { name: "negative minLength", schema: { minLength: -1 }, pointer: "/minLength", message: /non-negative integer/ },
    {
      name: "negative minLength where only a $ref reaches (inside an unknown keyword)",
      schema: { "x-parts": { code: { minLength: -1 } }, properties: { code: { $ref: "#/x-parts/code" } } },
      pointer: "/x-parts/code/minLength",
      message: /non-negative integer/,
    },
    {
      name: "dependentRequired not names",
      schema: { dependentRequired: { a: [1] } },
      pointer: "/dependentRequired/a",
      message: /property names/,
    },
  ];
  for (const { name, schema, pointer, message } of cases) {
    test(name, async () => {
      const error = await generationError(schema);
      assert.equal(error.file, "bad.json");
      assert.equal(error.pointer, pointer);
      assert.match(error.message, message);
      assert.ok(error.hint !== undefined && error.hint.length > 0, "with a hint");
    });
  }
});

test("patterns are hoisted to one module constant each, with the u flag", async () => {
  const dir = temporaryDirectory("keywords-hoist");
  writeFileSync(
    path.join(dir, "names.json"),
    JSON.stringify({
      properties: { a: { pattern: "^\\p{L}+$" }, b: { pattern: "^\\p{L}+$" } },
      patternProperties: { "^\\p{L}+$": { type: "string" } },
    }),
  );
  const result = await generate({ cwd: dir, inputs: ["names.json"], outDir: "out", check: true, formatter: "none" });
  const source = result.files.find((file) => file.name === "Names.ts")!.source;
  assert.equal(source.match(/new RegExp\("\^\\\\p\{L\}\+\$", "u"\)/g)?.length, 1, source);
});

const EXTRA_REQUIRED = ["p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8"];

test("collectors report ajv's errors in full, in ajv's order: required lists short and long, several types, formats", async () => {
  const dir = temporaryDirectory("keywords-full-errors");
  const schema = {
    $schema: DRAFT_2020,
    type: "object",
    // A list of thirteen is tested with `includes`, one of two with a chain (see requiredStatements).
    required: ["name", "count", "at", "flag", "note", ...EXTRA_REQUIRED],
    properties: {
      name: { type: "string" },
      count: { type: "integer" },
      at: { type: "string", format: "date-time" },
      flag: { type: "boolean" },
      note: { type: ["string", "null"] },
      "a/b~c": { type: "number" },
      nested: { type: "object", required: ["x", "y"], properties: { x: { type: ["integer", "boolean"] } } },
      ...Object.fromEntries(EXTRA_REQUIRED.map((name) => [name, { type: "string" }])),
    },
  };
  writeFileSync(path.join(dir, "full.json"), JSON.stringify(schema));
  await generate({ cwd: dir, inputs: ["full.json"], outDir: "out", emit: "js", cache: false });
  const { validateFull } = await importGenerated<{ validateFull: (value: unknown) => { errors?: unknown[] } }>(
    path.join(dir, "out"),
    "Full",
  );
  const ajv = newAjv("ajv/dist/2020");
  (require("ajv-formats") as { default: (ajv: AjvInstance) => void }).default(ajv);
  const validate = ajv.compile(schema);
  const instances = [
    { name: 1, count: 1.5, at: "yesterday", flag: "no", note: 3, "a/b~c": "x", nested: { x: "1" } },
    { count: 2, at: 5, note: null, "a/b~c": 1, nested: { y: 1 } },
    {
      name: "n",
      count: 1,
      at: "2026-12-03T07:00:00Z",
      flag: true,
      note: "ok",
      nested: [],
      ...Object.fromEntries(EXTRA_REQUIRED.map((name) => [name, name])),
    },
  ];
  for (const data of instances) {
    validate(data);
    assert.deepEqual(validateFull(data).errors ?? [], validate.errors ?? [], JSON.stringify(data));
  }
});

test("uniqueItems of scalar items reports ajv's pair, for short lists (compared pairwise) and long ones (through a Map)", () => {
  const validate = newAjv("ajv/dist/2020").compile({ $schema: DRAFT_2020, items: { type: ["string", "integer"] }, uniqueItems: true });
  const item = fc.constantFrom<unknown>("a", "b", "1", 1, 2, 1.5, -0, 0, true, null, {}, []);
  fc.assert(
    fc.property(fc.array(item, { maxLength: 40 }), (items) => {
      validate(items);
      const unique = validate.errors?.find((error) => error.keyword === "uniqueItems");
      assert.deepEqual(duplicateItems(items, ["string", "integer"]), unique?.params);
    }),
    { numRuns: 2000, seed: 20261203 },
  );
});

test("uniqueItems reports ajv's pair for the tricky equalities, through a Map, pairwise and as canonical JSON", () => {
  const validate = newAjv("ajv/dist/2020").compile({ $schema: DRAFT_2020, uniqueItems: true });
  const objects = (count: number): unknown[] => Array.from({ length: count }, (_, index) => ({ id: index, tags: ["a"] }));
  const arrays: unknown[][] = [
    [1, 1.0],
    [0, -0],
    [1, "1", true, null, 0, false, "", []],
    ["a", 2, "b", 2, "a"],
    [{ a: 1, b: [1, { c: null }] }, 3, { b: [1, { c: null }], a: 1 }, 3],
    [3, { a: 1 }, 3, { a: 1 }],
    [{}, [], {}],
    [[], {}, []],
    [
      [1, 2],
      [2, 1],
      [1, 2],
    ],
    [{ a: [0] }, { a: [-0] }],
    [{ a: 1 }, { a: 1, b: 2 }, { b: 2 }],
    JSON.parse('[{"__proto__": 1}, {"__proto__": 1}, {}]') as unknown[],
    [...objects(40), { tags: ["a"], id: 7 }, 1, 1],
    [1, 1, ...objects(40), { tags: ["a"], id: 39 }],
    objects(40),
    [...objects(40), ...objects(40)],
  ];
  for (const items of arrays) {
    validate(items);
    assert.deepEqual(duplicateItems(items), validate.errors?.[0]?.params, JSON.stringify(items));
  }
});
