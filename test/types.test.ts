/**
 * The types tell the truth: for each minimal schema below, the emitted type text is the one stated,
 * every value `isX` accepts is assignable to `X` and every value it rejects (where stated) is not.
 * All schemas are generated into ONE directory; the assignability lines go into one file there,
 * compiled with the output in ONE strict tsc run: an accepted value as `is<X>()(value)`, a rejected
 * one under `@ts-expect-error`, which fails the compile when the value is assignable after all.
 * `is` checks assignability without the excess-property check of fresh literals (a style rule).
 */
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { before, test } from "node:test";
import { generate } from "../src/index.js";
import { runStrictTsc } from "../scripts/strict-tsc.js";
import { importGenerated, temporaryDirectory } from "./helpers.js";

const DRAFT_07 = "http://json-schema.org/draft-07/schema#";
const DRAFT_2020 = "https://json-schema.org/draft/2020-12/schema";

interface Case {
  /** The type name (the schema's title, or its component name). */
  name: string;
  /** A JSON Schema file's content; absent for a component of `OPENAPI`. */
  schema?: Record<string, unknown>;
  /** Texts the module must contain, compared with runs of whitespace as one space. */
  emits: string[];
  /** Texts the module must not contain, compared likewise. */
  omits?: string[];
  accepts: unknown[];
  rejects?: unknown[];
}

const CAT = { type: "object", required: ["name"], properties: { name: { type: "string" } } };

/** OpenAPI 3.0 components: `nullable: true` lets null through (README, "OpenAPI 3.0 nullable"), in types and validators alike. */
const OPENAPI = {
  openapi: "3.0.3",
  info: { title: "Types", version: "1" },
  paths: {},
  components: {
    schemas: {
      Cat: CAT,
      NullableCat: { allOf: [{ $ref: "#/components/schemas/Cat" }], nullable: true },
      Color: { type: "string", enum: ["red", "green"], nullable: true },
      ColorOrNull: { type: "string", enum: ["red", null], nullable: true },
      NullableName: { type: "string", nullable: true },
      Pet: {
        type: "object",
        properties: {
          anything: { nullable: true },
          owner: { $ref: "#/components/schemas/Cat", nullable: true, description: "Siblings of $ref are ignored" },
          id: { type: "string", readOnly: true, example: "c-1", description: "Set by the server" },
        },
      },
    },
  },
};

const CASES: Case[] = [
  {
    // Object keywords beside `type: array` cannot shape the type: json-schema-to-typescript intersected
    // them with the tuples, and `{ [k: string]: unknown } & []` rejects `[]` (random schema #2327, seed 20261201).
    name: "ArrayWithObjectKeywords",
    schema: {
      $schema: DRAFT_2020,
      title: "ArrayWithObjectKeywords",
      type: "array",
      patternProperties: { x: { type: "string" } },
      properties: { a: { type: "number" }, b: { $ref: "#/$defs/OnlyUnderObjectKeywords" } },
      prefixItems: [{ type: "string" }],
      $defs: { OnlyUnderObjectKeywords: { type: "object" } },
    },
    emits: ["export type ArrayWithObjectKeywords = [] | [string, ...unknown[]];"],
    // Nor is the type named only under them imported.
    omits: ["import type { OnlyUnderObjectKeywords }"],
    accepts: [[], ["a"], ["a", 1]],
    rejects: [[1], {}],
  },
  {
    // Types that rule each other out (`type` and `allOf`'s) are `never`, not an intersection tsc may
    // find too complex to build on a recursive schema (TS2590; random schema #2175, seed 20261201).
    name: "ImpossibleItem",
    schema: {
      $schema: DRAFT_2020,
      title: "ImpossibleItem",
      type: "array",
      prefixItems: [{ type: "string" }, { type: ["string", "null"], allOf: [{ type: "object" }] }],
    },
    emits: ["export type ImpossibleItem = [] | [string] | [string, never, ...unknown[]];"],
    accepts: [[], ["a"]],
    rejects: [
      ["a", "b"],
      ["a", null],
    ],
  },
  {
    // A required property nothing matches fails the check at once; the code after it (unreachable,
    // where TypeScript no longer narrows the value) is left out. Found by random schemas (#2753, seed 20261201).
    name: "NotImpossible",
    schema: {
      $schema: DRAFT_2020,
      title: "NotImpossible",
      not: { properties: { a: { type: "boolean", enum: ["a", -1] }, b: { type: "object", required: ["foo"] } }, required: ["a"] },
    },
    emits: ["export type NotImpossible = unknown;"],
    accepts: [{}, { a: true }, { b: 1 }],
    rejects: [],
  },
  {
    name: "AnyHolder",
    schema: {
      $schema: DRAFT_2020,
      title: "AnyHolder",
      type: "object",
      properties: { any: { description: "Any JSON value" }, short: { minLength: 3 } },
    },
    emits: ["* Any JSON value */ any?: unknown;", "short?: unknown;"],
    accepts: [{ any: "text", short: 5 }, { any: [1, { a: null }], short: "abc" }, {}],
    rejects: ["text"],
  },
  {
    // Object keywords without `type` pass every non-object: the type must say so.
    name: "ObjectKeywordsOnly",
    schema: { $schema: DRAFT_2020, title: "ObjectKeywordsOnly", properties: { a: { type: "string" } }, required: ["a"] },
    emits: ["export type ObjectKeywordsOnly = { a: string; } | unknown[] | string | number | boolean | null;"],
    accepts: ["text", 1, null, [1], { a: "x", b: 2 }],
    rejects: [{ a: 1 }, {}],
  },
  {
    // The enum's values are the type; object keywords beside it must not intersect them with an interface.
    name: "EnumBesideProperties",
    schema: { $schema: DRAFT_2020, title: "EnumBesideProperties", enum: ["a", [1]], properties: { b: { type: "number" } } },
    emits: ['export type EnumBesideProperties = "a" | [1];'],
    accepts: ["a", [1]],
    rejects: ["b"],
  },
  {
    // Under a typed parent, members of anyOf are only intersected with objects: no widening.
    name: "EitherKey",
    schema: {
      $schema: DRAFT_2020,
      title: "EitherKey",
      type: "object",
      properties: { a: { type: "string" } },
      anyOf: [{ required: ["a"] }, { required: ["b"] }],
    },
    emits: ["export type EitherKey = { [k: string]: unknown; } & { a?: string; [k: string]: unknown; };"],
    accepts: [{ a: "x" }, { b: 1, c: 2 }],
    rejects: ["a", { a: 1 }],
  },
  {
    // All properties optional: without an index signature, a weak type that refuses `{ other: 1 }`.
    name: "OptionalOnly",
    schema: { $schema: DRAFT_2020, title: "OptionalOnly", type: "object", properties: { a: { type: "string" } } },
    emits: ["export interface OptionalOnly { a?: string; [k: string]: unknown; }"],
    accepts: [{ other: 1 }, { a: "x" }],
    rejects: [{ a: 1 }, "text"],
  },
  {
    name: "ClosedOptionalOnly",
    schema: {
      $schema: DRAFT_2020,
      title: "ClosedOptionalOnly",
      type: "object",
      properties: { a: { type: "string" } },
      additionalProperties: false,
    },
    emits: ["export interface ClosedOptionalOnly { a?: string; }"],
    accepts: [{}, { a: "x" }],
    rejects: [{ other: 1 }],
  },
  {
    name: "OpenPrefix",
    schema: { $schema: DRAFT_2020, title: "OpenPrefix", type: "array", prefixItems: [{ type: "string" }] },
    emits: ["export type OpenPrefix = [] | [string, ...unknown[]];"],
    accepts: [[], ["a"], ["a", 1, true]],
    rejects: [[1]],
  },
  {
    name: "PrefixThenNumbers",
    schema: {
      $schema: DRAFT_2020,
      title: "PrefixThenNumbers",
      type: "array",
      prefixItems: [{ type: "string" }],
      items: { type: "number" },
    },
    emits: ["export type PrefixThenNumbers = [] | [string, ...number[]];"],
    accepts: [["a", 1, 2]],
    rejects: [["a", "b"]],
  },
  {
    name: "ClosedPrefix",
    schema: { $schema: DRAFT_2020, title: "ClosedPrefix", type: "array", prefixItems: [{ type: "string" }], items: false },
    emits: ["export type ClosedPrefix = [] | [string];"],
    accepts: [[], ["a"]],
    rejects: [["a", 1]],
  },
  {
    name: "Draft7Tuple",
    schema: { $schema: DRAFT_07, title: "Draft7Tuple", type: "array", items: [{ type: "string" }, { type: "number" }] },
    emits: ["export type Draft7Tuple = [] | [string] | [string, number, ...unknown[]];"],
    accepts: [["a", 1, "more"]],
    rejects: [[1]],
  },
  {
    name: "Draft7ClosedTuple",
    schema: { $schema: DRAFT_07, title: "Draft7ClosedTuple", type: "array", items: [{ type: "string" }], additionalItems: false },
    emits: ["export type Draft7ClosedTuple = [] | [string];"],
    accepts: [["a"]],
    rejects: [["a", "b"]],
  },
  {
    name: "BareObject",
    schema: { $schema: DRAFT_2020, title: "BareObject", type: "object" },
    emits: ["export interface BareObject { [k: string]: unknown; }"],
    accepts: [{}, { a: 1 }],
    rejects: ["text", 42],
  },
  {
    name: "NoKeysAllowed",
    schema: { $schema: DRAFT_2020, title: "NoKeysAllowed", type: "object", additionalProperties: false },
    emits: ["export type NoKeysAllowed = Record<string, never>;"],
    accepts: [{}],
    rejects: [{ a: 1 }, "text"],
  },
  {
    name: "Draft7RefSiblings",
    schema: {
      $schema: DRAFT_07,
      title: "Draft7RefSiblings",
      type: "object",
      definitions: { Root: { type: "object", properties: { a: { type: "string" } } } },
      properties: { r: { $ref: "#/definitions/Root", type: "object", nullable: true } },
    },
    emits: ["r?: Root;"],
    accepts: [{ r: { a: "x" } }],
    rejects: [{ r: { a: 1 } }, { r: null }],
  },
  {
    name: "Documented",
    schema: {
      $schema: DRAFT_2020,
      title: "Documented",
      type: "object",
      properties: {
        when: {
          type: "string",
          description: "A */ closes no comment",
          deprecated: true,
          default: "2024-01-01T00:00:00Z",
          examples: ["2024-05-06T07:08:09Z", { "*/": 1 }],
          format: "date-time",
        },
        secret: { type: "string", writeOnly: true },
      },
    },
    emits: [
      '/** * A *\\/ closes no comment * * @deprecated * @default "2024-01-01T00:00:00Z" * @example "2024-05-06T07:08:09Z" * @example {"*\\/":1} * @format date-time */ when?: string;',
      "/** * @writeOnly */ secret?: string;",
    ],
    accepts: [{ when: "2024-01-01T00:00:00Z", secret: "s" }],
  },
  {
    name: "NullableCat",
    emits: ["export type NullableCat = Cat | null;"],
    accepts: [{ name: "Tom" }, null],
    rejects: [{}],
  },
  { name: "Color", emits: ['export type Color = "red" | "green" | null;'], accepts: ["red", null], rejects: ["blue"] },
  { name: "ColorOrNull", emits: ['export type ColorOrNull = "red" | null;'], accepts: ["red", null], rejects: ["green"] },
  { name: "NullableName", emits: ["export type NullableName = string | null;"], accepts: ["Tom", null], rejects: [1] },
  {
    name: "Pet",
    emits: [
      "anything?: unknown;",
      "/** * Siblings of $ref are ignored */ owner?: Cat;",
      '/** * Set by the server * * @example "c-1" * @readonly */ readonly id?: string;',
    ],
    accepts: [{ anything: null, owner: { name: "Tom" }, id: "c-1" }, { anything: "text" }],
    rejects: [{ owner: null }],
  },
];

/** Whitespace and a union's leading `|` depend on the line width: compared without them. */
const squash = (text: string): string => text.replace(/\s+/g, " ").replace(/= \| /g, "= ");

let sources = new Map<string, string>();
let guards = new Map<string, (value: unknown) => boolean>();
/** tsc's diagnostics for the assignability lines of each case. */
const diagnostics = new Map<string, string[]>();

before(async () => {
  const dir = temporaryDirectory("types");
  mkdirSync(path.join(dir, "schemas"));
  mkdirSync(path.join(dir, "api"));
  for (const { name, schema } of CASES)
    if (schema !== undefined) writeFileSync(path.join(dir, `schemas/${name}.json`), JSON.stringify(schema));
  writeFileSync(path.join(dir, "api/openapi.json"), JSON.stringify(OPENAPI));
  const result = await generate({ cwd: dir, inputs: ["schemas", "api"], outDir: "out", cache: false });
  sources = new Map(result.files.map((file) => [file.name, file.source]));
  const lines = ['import type * as T from "./index.js";', "const is = <T,>() => <V extends T>(v: V): V => v;"];
  /** The case of each line, by line number. */
  const caseAt: string[] = ["", ""];
  const add = (name: string, ...added: string[]): void => {
    lines.push(...added);
    caseAt.push(...added.map(() => name));
  };
  for (const { name, accepts, rejects = [] } of CASES) {
    diagnostics.set(name, []);
    for (const value of accepts) add(name, `is<T.${name}>()(${JSON.stringify(value)});`);
    for (const value of rejects) add(name, "// @ts-expect-error: rejected by the validator", `is<T.${name}>()(${JSON.stringify(value)});`);
  }
  writeFileSync(path.join(result.outDir, "assignability.ts"), lines.join("\n") + "\n");
  const jsDir = path.join(result.outDir, "js");
  const output = runStrictTsc(result.outDir, ["*.ts"], { rootDir: ".", outDir: jsDir });
  for (const diagnostic of output.split(/\n(?=\S)/).filter((text) => text.trim() !== "")) {
    const line = /^assignability\.ts\((\d+),/.exec(diagnostic)?.[1];
    assert.ok(line !== undefined, `only the assignability lines may fail to compile:\n${output}`);
    diagnostics.get(caseAt[Number(line) - 1]!)!.push(diagnostic);
  }
  const module = await importGenerated(jsDir, "index");
  guards = new Map(CASES.map(({ name }) => [name, module[`is${name}`] as (value: unknown) => boolean]));
});

for (const { name, emits, omits = [], accepts, rejects = [] } of CASES) {
  test(`${name}: the type says what the validator accepts`, () => {
    const source = squash(sources.get(`${name}.types.ts`) ?? assert.fail(`${name}.types.ts is generated`));
    for (const text of emits) assert.ok(source.includes(squash(text)), `${name}.types.ts has ${text}\n${source}`);
    for (const text of omits) assert.ok(!source.includes(squash(text)), `${name}.types.ts has no ${text}\n${source}`);
    const is = guards.get(name)!;
    for (const value of accepts) assert.equal(is(value), true, `is${name}(${JSON.stringify(value)})`);
    for (const value of rejects) assert.equal(is(value), false, `is${name}(${JSON.stringify(value)})`);
    assert.deepEqual(diagnostics.get(name), [], "accepted values are assignable, rejected ones are not");
  });
}
