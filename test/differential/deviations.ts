/**
 * KNOWN_AJV_DEVIATIONS: where ajv (the oracle) is wrong, each entry naming the
 * JSON-Schema-Test-Suite test(s) that prove it, with a predicate that recognises the cases it
 * affects. Nothing else is excluded. The test checks every entry before trusting it: ajv, set up
 * as the oracle, must fail each cited suite test ("literal" proof), or, where ajv passes the cited
 * test only by luck of its data, must get the entry's demonstration wrong: a variation of the cited
 * test whose verdict follows from the same rule ("principle" proof). An entry with a `correction`
 * must also make ajv pass what it cites.
 *
 * A disagreement is excused (see `excuse`) when at least one entry `applies` to the case and
 *  1. ajv with the `correction`s of one applicable entry, or of all of them (an ajv option, an exact
 *     re-implementation of one keyword or format, or the schema rewritten as the specification
 *     reads it), agrees with codegen exactly; or
 *  2. after those corrections, every pair that only one side reports is `explain`ed by an
 *     applicable entry, or only reflects a subschema's verdict: a keyword in PROPAGATING_KEYWORDS
 *     (anyOf, not, contains, … whose own error flips with what is inside), or an error inside
 *     such an applicator whose own error the other side does not have; and some pair shows the
 *     deviation (explained, or a flipped applicator).
 * Corrections are preferred: they keep every other keyword under ajv's judgement. Whatever is not
 * excused is a failure, grouped by what is left of the disagreement after the corrections.
 */
import { createRequire } from "node:module";
import { isObject, ownKeys, valueAt, walkSchemas, walkValues, type Dialect, type Json } from "./json.js";
import {
  ajvOutcome,
  ajvValidator,
  disagreement,
  type AjvCorrections,
  type AjvValidate,
  type DiffPair,
  type ErrorLike,
  type Outcome,
} from "./oracle.js";

const require = createRequire(import.meta.url);

export interface CaseInfo {
  schema: Json;
  dialect: Dialect;
  data: Json;
  ours: Outcome;
  ajv: Outcome;
  diff: readonly DiffPair[];
}

export interface SuiteTestReference {
  /** Relative to the suite's tests/ directory. */
  file: string;
  group: string;
  test: string;
}

export interface Correction {
  /** ajv options that fix the deviation. */
  ajvOptions?: Record<string, unknown>;
  /** The schema as the specification reads it. */
  schema?: (schema: Json) => Json;
  /** A format check to use instead; `previous` is ajv-formats' (or an earlier correction's). */
  format?: { name: string; check: (value: string, previous: (value: string) => boolean) => boolean };
  /** An exact implementation of a keyword to use instead of ajv's. */
  keyword?: { name: string; type: string; schemaType: string; validate: (schemaValue: never, data: unknown) => boolean };
}

export interface KnownAjvDeviation {
  id: string;
  /** What ajv does wrong. */
  description: string;
  proof: "literal" | "principle";
  suite: readonly SuiteTestReference[];
  /** For "principle" proofs: a case ajv gets wrong, with the verdict the cited test's rule requires. */
  demonstration?: { schema: Json; dialect: Dialect; data: Json; valid: boolean; why: string };
  applies(c: CaseInfo): boolean;
  /** Whether a pair that only one side reports is this deviation's doing. */
  explains?(pair: DiffPair, c: CaseInfo): boolean;
  correction?: Correction;
}

/** In-place applicators whose verdict flips when ajv gets a subschema's verdict wrong. */
const FLIPPING_KEYWORDS: ReadonlySet<string> = new Set(["anyOf", "oneOf", "not", "if", "contains", "propertyNames"]);

/** Keywords whose own error only reports the verdict of their subschemas. */
export const PROPAGATING_KEYWORDS: ReadonlySet<string> = new Set([
  "anyOf",
  "oneOf",
  "not",
  "if",
  "contains",
  "propertyNames",
  "unevaluatedItems",
  "unevaluatedProperties",
]);

function schemaObjects(schema: Json): Array<Record<string, Json>> {
  return [...walkSchemas(schema)].filter(isObject);
}

function has(schema: Json, predicate: (object: Record<string, Json>) => boolean): boolean {
  return schemaObjects(schema).some(predicate);
}

function valuesOf(c: CaseInfo): Json[] {
  return [...walkValues(c.data)];
}

/** Whether some ancestor of the value at `pointer` (or that value) satisfies `predicate`. */
function underValue(c: CaseInfo, pointer: string, predicate: (value: Json | undefined) => boolean): boolean {
  const tokens = pointer === "" ? [] : pointer.slice(1).split("/");
  for (let length = tokens.length; length >= 0; length--) {
    if (predicate(valueAt(c.data, length === 0 ? "" : `/${tokens.slice(0, length).join("/")}`))) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// multipleOf: ajv divides in floating point

/** Digits and exponent of a number's shortest decimal form: 0.0075 → [75n, -4]. */
function decimal(value: number): [bigint, number] {
  const [mantissa, exponentText] = Math.abs(value).toExponential().split("e") as [string, string];
  const [whole, fraction = ""] = mantissa.split(".") as [string, string?];
  return [BigInt(whole + fraction), Number(exponentText) - fraction.length];
}

/** Whether `value` is an integer multiple of `divisor` as the decimal numbers they are written as. */
export function isDecimalMultiple(value: number, divisor: number): boolean {
  if (value === 0) return true;
  const [valueDigits, valueExponent] = decimal(value);
  const [divisorDigits, divisorExponent] = decimal(divisor);
  const exponent = Math.min(valueExponent, divisorExponent);
  const scaledValue = valueDigits * 10n ** BigInt(valueExponent - exponent);
  const scaledDivisor = divisorDigits * 10n ** BigInt(divisorExponent - exponent);
  return scaledValue % scaledDivisor === 0n;
}

/** ajv's test: `data / multipleOf !== parseInt(data / multipleOf)` means not a multiple. */
export function isAjvMultiple(value: number, divisor: number): boolean {
  const quotient = value / divisor;
  return quotient === parseInt(String(quotient), 10);
}

function misjudged(value: Json | undefined, c: CaseInfo, overflow: boolean): boolean {
  if (typeof value !== "number") return false;
  return schemaObjects(c.schema).some((schema) => {
    const divisor = schema["multipleOf"];
    return (
      typeof divisor === "number" &&
      divisor > 0 &&
      Number.isFinite(value / divisor) !== overflow &&
      isDecimalMultiple(value, divisor) !== isAjvMultiple(value, divisor)
    );
  });
}

const EXACT_MULTIPLE_OF: Correction = {
  keyword: {
    name: "multipleOf",
    type: "number",
    schemaType: "number",
    validate: (divisor: number, data: unknown) => typeof data !== "number" || isDecimalMultiple(data, divisor),
  },
};

function multipleOfDeviation(overflow: boolean): Pick<KnownAjvDeviation, "applies" | "explains" | "correction"> {
  return {
    applies: (c) => valuesOf(c).some((value) => misjudged(value, c, overflow)),
    explains: (pair, c) => pair.keyword === "multipleOf" && misjudged(valueAt(c.data, pair.instancePath), c, overflow),
    correction: EXACT_MULTIPLE_OF,
  };
}

// ---------------------------------------------------------------------------------------------
// formats: ajv-formats' own grammars

const AJV_FORMATS = (
  require("ajv-formats/dist/formats") as { fullFormats: Record<string, { validate: (value: string) => boolean } | RegExp> }
).fullFormats;

/** ajv-formats' check of a format. */
export function ajvFormatCheck(name: string): (value: string) => boolean {
  const format = AJV_FORMATS[name]!;
  return format instanceof RegExp ? (value) => format.test(value) : (value) => format.validate(value);
}

function formatDeviation(
  format: string,
  affected: (value: string) => boolean,
  check?: (value: string, previous: (value: string) => boolean) => boolean,
): Pick<KnownAjvDeviation, "applies" | "explains" | "correction"> {
  const formatted = (value: Json | undefined): boolean => typeof value === "string" && affected(value);
  return {
    applies: (c) => has(c.schema, (schema) => schema["format"] === format) && valuesOf(c).some(formatted),
    explains: (pair, c) => pair.keyword === "format" && formatted(valueAt(c.data, pair.instancePath)),
    ...(check === undefined ? {} : { correction: { format: { name: format, check } } }),
  };
}

const SINGLE_LABEL_EMAIL = /@[^.@[\]]+$/;
const DATE_SPACE_TIME = /^\d{4}-\d\d-\d\d\s/;
const DATE_TIME = /^(\d{4}-\d\d-\d\d)[Tt](\d\d):(\d\d):(\d\d(?:\.\d+)?)(.*)$/s;

// ---------------------------------------------------------------------------------------------
// property names that are Object.prototype members: ajv reads `data.constructor` and friends

const PROTOTYPE_NAMES = Object.getOwnPropertyNames(Object.prototype);

function prototypeNamesOf(schema: Json): Set<string> {
  const names = new Set<string>();
  const add = (name: Json | undefined): void => {
    if (typeof name === "string" && PROTOTYPE_NAMES.includes(name)) names.add(name);
  };
  for (const object of schemaObjects(schema)) {
    for (const keyword of ["properties", "dependentRequired", "dependentSchemas", "dependencies"]) {
      const map = object[keyword];
      if (!isObject(map)) continue;
      for (const key of ownKeys(map)) {
        add(key);
        const needed = map[key];
        if (Array.isArray(needed)) needed.forEach(add);
      }
    }
    const required = object["required"];
    if (Array.isArray(required)) required.forEach(add);
  }
  return names;
}

function dependentOnPrototypeName(schema: Json): boolean {
  return has(schema, (object) =>
    ["dependentSchemas", "dependencies", "dependentRequired"].some((keyword) => {
      const map = object[keyword];
      return isObject(map) && ownKeys(map).some((key) => PROTOTYPE_NAMES.includes(key));
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// unevaluated*: annotations ajv gets wrong

/** Subschemas applied in place (to the same instance) by `object`. */
function inPlaceSubschemas(object: Record<string, Json>): Json[] {
  const subschemas: Json[] = [];
  for (const keyword of ["allOf", "anyOf", "oneOf"]) {
    const list = object[keyword];
    if (Array.isArray(list)) subschemas.push(...list);
  }
  for (const keyword of ["if", "then", "else", "not"]) if (object[keyword] !== undefined) subschemas.push(object[keyword]);
  const dependent = object["dependentSchemas"];
  if (isObject(dependent)) subschemas.push(...ownKeys(dependent).map((key) => dependent[key]!));
  return subschemas;
}

/** A schema and every subschema applied in place under it, following local `$ref`s. */
function inPlaceClosure(schema: Json, root: Json): Array<Record<string, Json>> {
  const seen = new Set<Json>();
  const result: Array<Record<string, Json>> = [];
  const visit = (current: Json): void => {
    if (!isObject(current) || seen.has(current)) return;
    seen.add(current);
    result.push(current);
    inPlaceSubschemas(current).forEach(visit);
    const ref = current["$ref"];
    if (typeof ref === "string" && ref.startsWith("#"))
      visit(ref === "#" ? root : (valueAt(root, decodeURIComponent(ref.slice(1))) ?? null));
  };
  visit(schema);
  return result;
}

/** Whether a subschema applied in place under some schema object (not that object itself) has one of `keywords`. */
function subschemaInPlaceWith(root: Json, keywords: readonly string[]): boolean {
  return has(root, (object) => {
    const ref = object["$ref"];
    const target =
      typeof ref === "string" && ref.startsWith("#") ? (ref === "#" ? root : valueAt(root, decodeURIComponent(ref.slice(1)))) : undefined;
    const subschemas = [...inPlaceSubschemas(object), ...(target === undefined ? [] : [target])];
    return subschemas.some((sub) => inPlaceClosure(sub, root).some((inner) => keywords.some((keyword) => keyword in inner)));
  });
}

/**
 * For ajv's unevaluated* mistakes: the keyword's own pair, a pair at or below a member (item,
 * property value) of an array or object, where an unevaluated* subschema reports its errors, or a
 * `not`/`if` that the wrong verdict flips.
 */
function unevaluatedExplains(keyword: "unevaluatedItems" | "unevaluatedProperties"): (pair: DiffPair, c: CaseInfo) => boolean {
  const container = keyword === "unevaluatedItems" ? Array.isArray : isObject;
  return (pair, c) =>
    pair.keyword === keyword ||
    pair.keyword === "not" ||
    pair.keyword === "if" ||
    (pair.instancePath !== "" &&
      underValue(c, pair.instancePath.slice(0, pair.instancePath.lastIndexOf("/")), (value) => container(value)));
}

function unevaluatedDeviation(
  keyword: "unevaluatedItems" | "unevaluatedProperties",
  pattern: (schema: Json) => boolean,
): Pick<KnownAjvDeviation, "applies" | "explains"> {
  return {
    applies: (c) => has(c.schema, (object) => keyword in object) && pattern(c.schema),
    explains: unevaluatedExplains(keyword),
  };
}

// ---------------------------------------------------------------------------------------------
// draft-07 $ref siblings

const KEPT_BESIDE_REF = new Set(["$ref", "$schema", "definitions"]);

function refWithSiblings(object: Record<string, Json>): boolean {
  return "$ref" in object && Object.keys(object).some((keyword) => !KEPT_BESIDE_REF.has(keyword));
}

/** A draft-07 schema as the specification reads it: keywords beside `$ref` dropped. */
function withoutRefSiblings(schema: Json): Json {
  if (Array.isArray(schema)) return schema.map(withoutRefSiblings);
  if (!isObject(schema)) return schema;
  const result: Record<string, Json> = {};
  for (const key of ownKeys(schema)) {
    if ("$ref" in schema && !KEPT_BESIDE_REF.has(key)) continue;
    Object.defineProperty(result, key, { value: withoutRefSiblings(schema[key]!), enumerable: true, writable: true, configurable: true });
  }
  return result;
}

// ---------------------------------------------------------------------------------------------

export const KNOWN_AJV_DEVIATIONS: readonly KnownAjvDeviation[] = [
  {
    id: "multipleOf-overflow",
    description:
      "ajv divides data by multipleOf in floating point: when the quotient overflows to Infinity, a multiple is reported as not one",
    proof: "literal",
    suite: [
      {
        file: "draft2020-12/optional/float-overflow.json",
        group: "all integers are multiples of 0.5, if overflow is handled",
        test: "valid if optional overflow handling is implemented",
      },
      {
        file: "draft7/optional/float-overflow.json",
        group: "all integers are multiples of 0.5, if overflow is handled",
        test: "valid if optional overflow handling is implemented",
      },
    ],
    ...multipleOfDeviation(true),
  },
  {
    id: "multipleOf-float-rounding",
    description:
      "ajv divides data by multipleOf in floating point and compares the quotient with parseInt of it: 0.3 / 0.1 is 2.9999999999999996, and 1e308 / 2 is 5e+307, whose parseInt is 5",
    proof: "principle",
    suite: [{ file: "draft2020-12/multipleOf.json", group: "by small number", test: "0.0075 is multiple of 0.0001" }],
    demonstration: {
      schema: { multipleOf: 0.0001 },
      dialect: "2020-12",
      data: 0.0003,
      valid: true,
      why: "0.0003 is 3 × 0.0001 as 0.0075 is 75 × 0.0001 (the suite's test); ajv passes the suite's datum only because 0.0075 / 0.0001 happens to round to 75 in binary floating point, while 0.0003 / 0.0001 is 2.9999999999999996",
    },
    ...multipleOfDeviation(false),
  },
  {
    id: "uniqueItems-typed-items-shortcut",
    description:
      "when `items` declares scalar types, ajv's uniqueItems skips items of other types (assuming `items` rejects them), even items that prefixItems covers instead",
    proof: "principle",
    suite: [{ file: "draft2020-12/uniqueItems.json", group: "uniqueItems validation", test: "non-unique array of arrays is invalid" }],
    demonstration: {
      schema: { prefixItems: [true, true], items: { type: "integer" }, uniqueItems: true },
      dialect: "2020-12",
      data: [[1], [1]],
      valid: false,
      why: "[[1], [1]] has two equal arrays, which the suite's test says makes it non-unique; prefixItems accepts both and items applies to neither, yet ajv says valid",
    },
    applies: (c) =>
      has(c.schema, (object) => object["uniqueItems"] === true && isObject(object["items"]) && object["items"]["type"] !== undefined),
    explains: (pair) => pair.keyword === "uniqueItems",
  },
  {
    id: "contains-skipped-after-prefixItems-on-empty-array",
    description:
      "where ajv stops at the first error (inside not and if), its prefixItems (draft-07: items array) sets its result variable only for a non-empty array, and contains after it runs only if that variable is true: an empty array skips contains",
    proof: "principle",
    suite: [{ file: "draft2020-12/contains.json", group: "contains keyword with boolean schema true", test: "empty array is invalid" }],
    demonstration: {
      schema: { not: { prefixItems: [{ type: "string" }], contains: true } },
      dialect: "2020-12",
      data: [],
      valid: true,
      why: "[] fails { contains: true } (the suite's test), so it fails the not's subschema and passes the not; ajv says invalid",
    },
    applies: (c) =>
      has(c.schema, (object) => "contains" in object && ("prefixItems" in object || Array.isArray(object["items"]))) &&
      valuesOf(c).some((value) => Array.isArray(value) && value.length === 0),
    explains: (pair, c) => {
      const value = valueAt(c.data, pair.instancePath);
      return (pair.keyword === "contains" && Array.isArray(value) && value.length === 0) || pair.keyword === "not" || pair.keyword === "if";
    },
  },
  {
    id: "nested-contains-stale-result",
    description:
      "with allErrors, ajv's inlined contains loop keeps its result in a `var` shared by every evaluation in one function: an empty array checked after an array that passed `contains` passes too",
    proof: "principle",
    suite: [{ file: "draft2020-12/contains.json", group: "contains keyword validation", test: "empty array is invalid" }],
    demonstration: {
      schema: { items: { contains: { minimum: 5 } } },
      dialect: "2020-12",
      data: [[5], []],
      valid: false,
      why: "the second item, [], must fail the items subschema { contains: { minimum: 5 } }, as the suite's test requires of [] for that schema; ajv says the whole array is valid",
    },
    applies: (c) =>
      has(c.schema, (object) => Object.keys(object).some((keyword) => keyword !== "contains" && hasContainsBelow(object[keyword]!))) &&
      valuesOf(c).some((value) => Array.isArray(value) && value.length === 0),
    explains: (pair, c) => {
      const value = valueAt(c.data, pair.instancePath);
      return pair.keyword === "contains" && Array.isArray(value) && value.length === 0;
    },
  },
  {
    id: "required-empty-name-without-allErrors",
    description:
      'where ajv stops at the first error (inside not and if), it tests a required property with `data[name] === undefined && (missing = name)`, which is false for the name "": a missing "" passes',
    proof: "principle",
    suite: [{ file: "draft2020-12/required.json", group: "required validation", test: "non-present required property is invalid" }],
    demonstration: {
      schema: { not: { required: [""] } },
      dialect: "2020-12",
      data: {},
      valid: true,
      why: '{} lacks the required property "" as the suite\'s { "bar": 1 } lacks "foo", so it fails { required: [""] } and passes the not; ajv says invalid',
    },
    applies: (c) =>
      has(c.schema, (object) => {
        if (Array.isArray(object["required"]) && object["required"].includes("")) return true;
        return ["dependentRequired", "dependencies"].some((keyword) => {
          const map = object[keyword];
          return isObject(map) && ownKeys(map).some((key) => Array.isArray(map[key]) && map[key].includes(""));
        });
      }) && valuesOf(c).some((value) => isObject(value) && !Object.hasOwn(value, "")),
    explains: (pair) => ["required", "dependentRequired", "dependencies", "not", "if"].includes(pair.keyword),
  },
  {
    id: "unevaluatedItems-contains",
    description: "ajv's unevaluatedItems does not see the items that contains evaluated",
    proof: "literal",
    suite: [
      {
        file: "draft2020-12/unevaluatedItems.json",
        group: "unevaluatedItems depends on adjacent contains",
        test: "contains passes, second item is not evaluated",
      },
      {
        file: "draft2020-12/unevaluatedItems.json",
        group: "unevaluatedItems with minContains = 0",
        test: "all items evaluated by contains",
      },
    ],
    ...unevaluatedDeviation("unevaluatedItems", (schema) => has(schema, (object) => "contains" in object)),
  },
  {
    id: "unevaluatedItems-annotations-of-failed-subschemas",
    description:
      "ajv's unevaluatedItems counts the items evaluated by items/prefixItems/unevaluatedItems in in-place subschemas (anyOf, oneOf, if/then/else, …) that failed or were not applied",
    proof: "literal",
    suite: [
      { file: "draft2020-12/unevaluatedItems.json", group: "unevaluatedItems with nested items", test: "with no additional items" },
      { file: "draft2020-12/unevaluatedItems.json", group: "unevaluatedItems with nested items", test: "with invalid additional item" },
    ],
    ...unevaluatedDeviation("unevaluatedItems", (schema) =>
      subschemaInPlaceWith(schema, ["items", "prefixItems", "additionalItems", "unevaluatedItems", "contains"]),
    ),
  },
  {
    id: "unevaluatedItems-beside-recursive-ref",
    description:
      "ajv counts every item as evaluated by a recursive `$ref` (to the root, or to a schema containing the reference, whose compilation is still under way), so unevaluatedItems beside it never fails",
    proof: "principle",
    suite: [{ file: "draft2020-12/unevaluatedItems.json", group: "unevaluatedItems with $ref", test: "with unevaluated items" }],
    demonstration: {
      schema: { properties: { a: { unevaluatedItems: false, $ref: "#" } } },
      dialect: "2020-12",
      data: { a: [0] },
      valid: false,
      why: 'the root evaluates no item of [0] (it has only properties), so 0 is unevaluated, as "baz" is in the suite\'s test; ajv says valid',
    },
    ...unevaluatedDeviation("unevaluatedItems", unevaluatedItemsBesideRecursiveRef),
  },
  {
    id: "unevaluatedProperties-annotations-of-failed-subschemas",
    description:
      "ajv's unevaluatedProperties counts properties evaluated by in-place subschemas (allOf, anyOf, oneOf, if/then/else, dependentSchemas, …) that failed, at least through patternProperties, additionalProperties and unevaluatedProperties",
    proof: "principle",
    suite: [
      {
        file: "draft2020-12/unevaluatedProperties.json",
        group: "unevaluatedProperties with anyOf",
        test: "when one matches and has unevaluated properties",
      },
    ],
    demonstration: {
      schema: { unevaluatedProperties: false, anyOf: [true, { patternProperties: { "^a": { type: "string" } } }] },
      dialect: "2020-12",
      data: { a: 0 },
      valid: false,
      why: 'the second anyOf branch fails on "a": 0, so its annotation is dropped and "a" is unevaluated, as "baz": "not-baz" is in the suite\'s test; ajv says valid',
    },
    ...unevaluatedDeviation("unevaluatedProperties", (schema) =>
      subschemaInPlaceWith(schema, ["properties", "patternProperties", "additionalProperties", "unevaluatedProperties"]),
    ),
  },
  {
    id: "unevaluatedProperties-untriggered-dependentSchemas",
    description:
      "when a dependentSchemas subschema that evaluates properties is not triggered (its property is absent), ajv forgets the properties that the schema's other keywords evaluated",
    proof: "principle",
    suite: [
      {
        file: "draft2020-12/unevaluatedProperties.json",
        group: "unevaluatedProperties with adjacent properties",
        test: "with no unevaluated properties",
      },
    ],
    demonstration: {
      schema: {
        properties: { foo: { type: "string" } },
        dependentSchemas: { bar: { properties: { baz: true } } },
        unevaluatedProperties: false,
      },
      dialect: "2020-12",
      data: { foo: "foo" },
      valid: true,
      why: 'the suite\'s test: { "foo": "foo" } is valid with properties foo and unevaluatedProperties false; a dependentSchemas for an absent "bar" changes nothing, yet ajv says invalid',
    },
    applies: (c) =>
      has(c.schema, (object) => "unevaluatedProperties" in object && isObject(object["dependentSchemas"])) &&
      valuesOf(c).some((value) => isObject(value)),
    explains: unevaluatedExplains("unevaluatedProperties"),
  },
  {
    id: "deep-equal-own-constructor",
    description:
      'ajv compares values for const, enum and uniqueItems with fast-deep-equal, which compares objects\' `constructor` properties by identity: two equal objects with an own "constructor" property are unequal',
    proof: "principle",
    suite: [{ file: "draft2020-12/const.json", group: "const with object", test: "same object is valid" }],
    demonstration: {
      schema: { const: { constructor: [] } },
      dialect: "2020-12",
      data: { constructor: [] },
      valid: true,
      why: 'the data is the same object as the const (the suite\'s test, with the property "constructor": []); ajv says invalid',
    },
    applies: (c) =>
      has(c.schema, (object) => "const" in object || "enum" in object || object["uniqueItems"] === true) &&
      valuesOf(c).some((value) => isObject(value) && Object.hasOwn(value, "constructor")),
    explains: (pair) => ["const", "enum", "uniqueItems", "not", "if"].includes(pair.keyword),
  },
  {
    id: "unevaluated-if-without-branch",
    description:
      "ajv's unevaluatedItems/unevaluatedProperties ignore the annotations of an `if` that has no `then` (or no `else`) and count those of a missing branch",
    proof: "literal",
    suite: [
      {
        file: "draft2020-12/unevaluatedItems.json",
        group: "unevaluatedItems can see annotations from if without then and else",
        test: "valid in case if is evaluated",
      },
      {
        file: "draft2020-12/unevaluatedProperties.json",
        group: "unevaluatedProperties can see annotations from if without then and else",
        test: "valid in case if is evaluated",
      },
      {
        file: "draft2020-12/unevaluatedProperties.json",
        group: "unevaluatedProperties with if/then/else, then not defined",
        test: "when if is true and has no unevaluated properties",
      },
      {
        file: "draft2020-12/unevaluatedProperties.json",
        group: "unevaluatedProperties with if/then/else, then not defined",
        test: "when if is false and has unevaluated properties",
      },
    ],
    applies: (c) =>
      has(c.schema, (object) => "unevaluatedItems" in object || "unevaluatedProperties" in object) &&
      has(c.schema, (object) => "if" in object && !("then" in object && "else" in object)),
    explains: (pair, c) => unevaluatedExplains("unevaluatedItems")(pair, c) || unevaluatedExplains("unevaluatedProperties")(pair, c),
  },
  {
    id: "prototype-property-names",
    description: "ajv reads properties as `data[name]`, so Object.prototype members (constructor, toString, __proto__) count as present",
    proof: "literal",
    suite: [
      {
        file: "draft2020-12/required.json",
        group: "required properties whose names are Javascript object property names",
        test: "none of the properties mentioned",
      },
      {
        file: "draft2020-12/required.json",
        group: "required properties whose names are Javascript object property names",
        test: "__proto__ present",
      },
      {
        file: "draft2020-12/properties.json",
        group: "properties whose names are Javascript object property names",
        test: "none of the properties mentioned",
      },
      {
        file: "draft7/required.json",
        group: "required properties whose names are Javascript object property names",
        test: "none of the properties mentioned",
      },
    ],
    applies: (c) => {
      const names = prototypeNamesOf(c.schema);
      return names.size > 0 && valuesOf(c).some((value) => isObject(value) && [...names].some((name) => !Object.hasOwn(value, name)));
    },
    // ajv's ownProperties option reads own properties only.
    correction: { ajvOptions: { ownProperties: true } },
    explains: (pair, c) =>
      ["required", "dependentRequired", "dependencies", "if", "not"].includes(pair.keyword) ||
      pair.instancePath.split("/").some((token) => PROTOTYPE_NAMES.includes(token)) ||
      dependentOnPrototypeName(c.schema),
  },
  {
    id: "own-__proto__-property-ignored",
    description: 'ajv never applies a `properties` subschema for "__proto__", even to an own "__proto__" property (as JSON.parse makes)',
    proof: "principle",
    suite: [
      {
        file: "draft2020-12/properties.json",
        group: "properties whose names are Javascript object property names",
        test: "__proto__ not valid",
      },
    ],
    demonstration: {
      schema: JSON.parse('{ "properties": { "__proto__": { "type": "number" } } }') as Json,
      dialect: "2020-12",
      data: JSON.parse('{ "__proto__": "foo" }') as Json,
      valid: false,
      why: 'the suite\'s test is { "__proto__": "foo" } against __proto__, toString and constructor subschemas; ajv fails it only through the inherited constructor; with the __proto__ subschema alone, ajv says valid',
    },
    applies: (c) =>
      has(c.schema, (object) =>
        ["properties", "dependentRequired", "dependentSchemas", "dependencies"].some(
          (keyword) => isObject(object[keyword]) && Object.hasOwn(object[keyword], "__proto__"),
        ),
      ) && valuesOf(c).some((value) => isObject(value) && Object.hasOwn(value, "__proto__")),
    explains: (pair, c) => {
      if (pair.instancePath.split("/").includes("__proto__") || pair.keyword === "if" || pair.keyword === "not") return true;
      // ajv does not count it as a declared property either, nor apply what depends on it.
      const hasOwnProto = (value: Json | undefined): boolean => isObject(value) && Object.hasOwn(value, "__proto__");
      if (
        ["additionalProperties", "unevaluatedProperties", "dependentRequired", "dependencies", "required"].includes(pair.keyword) &&
        hasOwnProto(valueAt(c.data, pair.instancePath))
      ) {
        return true;
      }
      const dependsOnProto = has(c.schema, (object) =>
        ["dependentSchemas", "dependencies"].some((keyword) => isObject(object[keyword]) && Object.hasOwn(object[keyword], "__proto__")),
      );
      return dependsOnProto && underValue(c, pair.instancePath, hasOwnProto);
    },
  },
  {
    id: "unevaluatedProperties-prototype-names",
    description:
      "ajv tracks evaluated properties in a plain object, so a property named like an Object.prototype member (constructor, toString) counts as evaluated",
    proof: "principle",
    suite: [
      {
        file: "draft2020-12/unevaluatedProperties.json",
        group: "unevaluatedProperties with anyOf",
        test: "when one matches and has unevaluated properties",
      },
    ],
    demonstration: {
      schema: {
        properties: { foo: { type: "string" } },
        anyOf: [
          { properties: { bar: { const: "bar" } }, required: ["bar"] },
          { properties: { baz: { const: "baz" } }, required: ["baz"] },
          { properties: { quux: { const: "quux" } }, required: ["quux"] },
        ],
        unevaluatedProperties: false,
      },
      dialect: "2020-12",
      data: { foo: "foo", bar: "bar", constructor: "x" },
      valid: false,
      why: 'the suite\'s test has an unevaluated "baz": "not-baz" and is invalid; an unevaluated "constructor" must be invalid the same way, and ajv says valid',
    },
    applies: (c) =>
      has(c.schema, (object) => "unevaluatedProperties" in object) &&
      valuesOf(c).some((value) => isObject(value) && ownKeys(value).some((key) => PROTOTYPE_NAMES.includes(key))),
    explains: unevaluatedExplains("unevaluatedProperties"),
  },
  {
    id: "draft-07-ref-siblings",
    description: "in draft-07 ajv applies the keywords beside $ref, which the specification says to ignore",
    proof: "literal",
    suite: [{ file: "draft7/ref.json", group: "ref overrides any sibling keywords", test: "ref valid, maxItems ignored" }],
    applies: (c) => c.dialect === "draft-07" && has(c.schema, refWithSiblings),
    correction: { schema: withoutRefSiblings },
  },
  {
    id: "date-time-offset-without-minutes",
    description: "ajv-formats accepts a date-time whose numeric offset has no minutes (+01)",
    proof: "literal",
    suite: [
      {
        file: "draft2020-12/optional/format/date-time.json",
        group: "validation of date-time strings",
        test: "a numeric offset without minutes is invalid",
      },
    ],
    ...formatDeviation(
      "date-time",
      (value) => DATE_TIME.test(value) && /[+-]\d\d$/.test(value),
      (value, previous) => !/[+-]\d\d$/.test(value) && previous(value),
    ),
  },
  {
    id: "date-time-leap-second-hour-24",
    description: "ajv-formats accepts a leap second at hour 24 when the offset makes it 23:59 UTC",
    proof: "literal",
    suite: [
      {
        file: "draft2020-12/optional/format/date-time.json",
        group: "validation of date-time strings",
        test: "hour 24 is invalid even with a leap second",
      },
    ],
    ...formatDeviation(
      "date-time",
      (value) => {
        const match = DATE_TIME.exec(value);
        return match !== null && Number(match[2]) > 23;
      },
      (value, previous) => {
        const match = DATE_TIME.exec(value);
        return (match === null || Number(match[2]) <= 23) && previous(value);
      },
    ),
  },
  {
    id: "date-time-long-fraction",
    description: "ajv-formats reads the seconds as a float, so 59.999999999999999 becomes 60 and is taken for a leap second",
    proof: "literal",
    suite: [
      {
        file: "draft2020-12/optional/format/date-time.json",
        group: "validation of date-time strings",
        test: "a second fraction of fifteen nines is valid",
      },
    ],
    ...formatDeviation(
      "date-time",
      (value) => {
        const match = DATE_TIME.exec(value);
        return match !== null && Number(match[4]) !== Number(match[4]!.slice(0, 6));
      },
      // The first three digits of the fraction decide the same as all of them.
      (value, previous) => previous(value.replace(/^(\d{4}-\d\d-\d\d[Tt]\d\d:\d\d:\d\d\.\d{1,3})\d*/s, "$1")),
    ),
  },
  {
    id: "email-quoted-local-part-and-address-literal",
    description: "ajv-formats' email grammar has no quoted local parts and no address literals",
    proof: "literal",
    suite: [
      "a quoted string with a space in the local part is valid",
      "a quoted string with a double dot in the local part is valid",
      "a quoted string with a @ in the local part is valid",
      "an IPv4-address-literal after the @ is valid",
      "an IPv6-address-literal after the @ is valid",
    ].map((test) => ({ file: "draft2020-12/optional/format/email.json", group: "validation of e-mail addresses", test })),
    ...formatDeviation("email", (value) => value.startsWith('"') || /@\[.*\]$/s.test(value)),
  },
  {
    id: "email-single-label-domain",
    description:
      "ajv-formats' email needs a dot in the domain; RFC 5321 allows a single-label domain, as the suite allows single-label hostnames",
    proof: "principle",
    suite: [{ file: "draft2020-12/optional/format/hostname.json", group: "validation of host names", test: "single label" }],
    demonstration: {
      schema: { format: "email" },
      dialect: "2020-12",
      data: "joe@hostname",
      valid: true,
      why: "RFC 5321's Domain is one or more sub-domains separated by dots, so a single label (the suite's valid hostname `hostname`) is a domain",
    },
    ...formatDeviation(
      "email",
      (value) => SINGLE_LABEL_EMAIL.test(value),
      (value, previous) => previous(SINGLE_LABEL_EMAIL.test(value) ? `${value}.example` : value),
    ),
  },
  {
    id: "date-time-space-separator",
    description: "ajv-formats accepts a space between date and time; RFC 3339's date-time grammar has only T (or t)",
    proof: "principle",
    suite: [
      { file: "draft2020-12/optional/format/date-time.json", group: "validation of date-time strings", test: "case-insensitive T and Z" },
    ],
    demonstration: {
      schema: { format: "date-time" },
      dialect: "2020-12",
      data: "1963-06-19 08:30:06Z",
      valid: false,
      why: 'RFC 3339 §5.6: date-time = full-date "T" full-time; the suite accepts only T and t as the separator',
    },
    ...formatDeviation(
      "date-time",
      (value) => DATE_SPACE_TIME.test(value),
      (value, previous) => !DATE_SPACE_TIME.test(value) && previous(value),
    ),
  },
  {
    id: "uuid-urn-prefix",
    description: "ajv-formats accepts a uuid with a urn:uuid: prefix",
    proof: "literal",
    suite: [{ file: "draft2020-12/optional/format/uuid.json", group: "uuid format", test: "URN prefixed UUID is invalid" }],
    ...formatDeviation(
      "uuid",
      (value) => /^urn:uuid:/i.test(value),
      (value, previous) => !/^urn:uuid:/i.test(value) && previous(value),
    ),
  },
];

/** The local `$ref`s of a schema and of the subschemas it applies in place (not following refs). */
function inPlaceRefs(object: Record<string, Json>): string[] {
  const own = typeof object["$ref"] === "string" ? [object["$ref"]] : [];
  return [...own, ...inPlaceSubschemas(object).flatMap((sub) => (isObject(sub) ? inPlaceRefs(sub) : []))];
}

/** Every schema object of `root` with its JSON pointer. */
function schemaPointers(root: Json): Array<[string, Record<string, Json>]> {
  const result: Array<[string, Record<string, Json>]> = [];
  const visit = (schema: Json, pointer: string): void => {
    if (!isObject(schema)) return;
    result.push([pointer, schema]);
    for (const key of ownKeys(schema)) {
      const value = schema[key]!;
      const at = `${pointer}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`;
      if (Array.isArray(value)) value.forEach((item, index) => visit(item, `${at}/${index}`));
      else if (isObject(value)) {
        visit(value, at);
        // Maps of subschemas (properties, $defs, …): their values are schemas too.
        for (const name of ownKeys(value)) visit(value[name]!, `${at}/${name.replace(/~/g, "~0").replace(/\//g, "~1")}`);
      }
    }
  };
  visit(root, "");
  return result;
}

/** unevaluatedItems beside a `$ref` (or in-place under it) to a schema that contains it: a recursive reference. */
function unevaluatedItemsBesideRecursiveRef(root: Json): boolean {
  return schemaPointers(root).some(
    ([pointer, object]) =>
      "unevaluatedItems" in object &&
      inPlaceRefs(object).some(
        (ref) => ref === "#" || (ref.startsWith("#/") && (pointer + "/").startsWith(decodeURIComponent(ref.slice(1)) + "/")),
      ),
  );
}

function hasContainsBelow(value: Json): boolean {
  for (const inner of walkValues(value)) if (isObject(inner) && "contains" in inner) return true;
  return false;
}

// ---------------------------------------------------------------------------------------------
// Excusing a case

/** ajv's validator for a schema with the corrections of `deviations`. */
export function correctedValidator(schema: Json, dialect: Dialect, deviations: readonly KnownAjvDeviation[]): AjvValidate {
  const ajv: AjvCorrections = { options: {}, formats: {}, keywords: {} };
  for (const { correction } of deviations) {
    if (correction === undefined) continue;
    const { schema: rewrite, ajvOptions, format, keyword } = correction;
    if (rewrite !== undefined) schema = rewrite(schema);
    Object.assign(ajv.options, ajvOptions);
    if (format !== undefined) {
      const previous = ajv.formats[format.name] ?? ajvFormatCheck(format.name);
      ajv.formats[format.name] = (value) => format.check(value, previous);
    }
    if (keyword !== undefined) ajv.keywords[keyword.name] = keyword;
  }
  return ajvValidator(schema, dialect, ajv);
}

/** Corrected validators, compiled once per schema and set of corrections. */
const correctedValidators = new WeakMap<object, Map<string, AjvValidate | undefined>>();

/** ajv's outcome with the corrections of `deviations` applied, or undefined when none has one. */
function corrected(c: CaseInfo, deviations: readonly KnownAjvDeviation[]): Outcome | undefined {
  const corrections = deviations.filter((deviation) => deviation.correction !== undefined);
  if (corrections.length === 0 || typeof c.schema !== "object" || c.schema === null) return undefined;
  let cache = correctedValidators.get(c.schema);
  if (cache === undefined) correctedValidators.set(c.schema, (cache = new Map<string, AjvValidate | undefined>()));
  const key = corrections.map((deviation) => deviation.id).join(" ");
  if (!cache.has(key)) {
    try {
      cache.set(key, correctedValidator(c.schema, c.dialect, corrections));
    } catch {
      cache.set(key, undefined);
    }
  }
  const validate = cache.get(key);
  if (validate === undefined) return undefined;
  try {
    return ajvOutcome(validate, c.data);
  } catch {
    return undefined;
  }
}

/** A schemaPath as both sides can compare it: decoded, without ajv's "/false schema" suffix. */
function normalisedPath(error: ErrorLike): string {
  return decodeURIComponent(error.schemaPath ?? "").replace(/\/false schema$/, "");
}

/** Whether `path` lies inside the subschemas of the applicator error `parent` (for `if`: its then/else too). */
function inside(path: string, parent: ErrorLike): boolean {
  // An error in a $ref's target carries the target's path, which may lie under any applicator.
  if (/^#\/(\$defs|definitions)\//.test(path)) return true;
  const parentPath = normalisedPath(parent);
  if (path.startsWith(parentPath + "/")) return true;
  if (parent.keyword !== "if") return false;
  const base = parentPath.replace(/\/if$/, "");
  return path.startsWith(base + "/then/") || path.startsWith(base + "/else/") || path === base + "/then" || path === base + "/else";
}

/**
 * Whether a pair only reflects a flipped applicator: an error found inside the subschemas of an
 * anyOf/oneOf/not/if/… error that one side reports and the other does not (ajv reports a failing
 * anyOf with its branches' errors; when the anyOf flips, they come and go with it).
 */
function propagated(pair: DiffPair, c: CaseInfo): boolean {
  const [mine, theirs] = pair.side === "ours" ? [c.ours.errors, c.ajv.errors] : [c.ajv.errors, c.ours.errors];
  // An `if` that fails on the other branch has flipped too.
  const key = (error: ErrorLike): string =>
    JSON.stringify([error.instancePath, error.keyword, normalisedPath(error), error.keyword === "if" ? error.params : null]);
  const other = new Set(theirs.map(key));
  return mine.some(
    (parent) =>
      PROPAGATING_KEYWORDS.has(parent.keyword) &&
      !other.has(key(parent)) &&
      (pair.instancePath + "/").startsWith(parent.instancePath + "/") &&
      pair.schemaPaths.some((path) => inside(path.replace(/\/false schema$/, ""), parent)),
  );
}

export interface Excuse {
  /** The entry that excuses the disagreement, if one does. */
  excused?: KnownAjvDeviation;
  /** Otherwise: the corrections applied, and what is left of the disagreement after them. */
  corrections: KnownAjvDeviation[];
  remaining: DiffPair[];
  /** ajv's outcome after the corrections. */
  corrected?: Outcome;
}

/** Whether a known deviation excuses a disagreement, and if not, what is left of it after the corrections that apply. */
export function excuse(c: CaseInfo): Excuse {
  const none: Excuse = { corrections: [], remaining: [...c.diff] };
  if (c.diff.length === 0) return none;
  const applicable = KNOWN_AJV_DEVIATIONS.filter((deviation) => deviation.applies(c));
  if (applicable.length === 0) return none;
  const correcting = applicable.filter((deviation) => deviation.correction !== undefined);
  const explaining = applicable.filter((deviation) => deviation.explains !== undefined);
  // 1. ajv corrected by one entry alone, or by all applicable ones, agrees exactly.
  for (const deviations of [...correcting.map((deviation) => [deviation]), ...(correcting.length > 1 ? [correcting] : [])]) {
    const outcome = corrected(c, deviations);
    if (outcome !== undefined && disagreement(c.ours, outcome) === undefined) return { ...none, excused: deviations[0]! };
  }
  // 2. What is left after the corrections is explained, pair by pair.
  const outcome = corrected(c, correcting);
  const remaining = outcome === undefined ? c.diff : disagreement(c.ours, outcome);
  if (remaining === undefined) return { ...none, excused: correcting[0]! };
  const left: Excuse = {
    corrections: outcome === undefined ? [] : correcting,
    remaining: [...remaining],
    ...(outcome === undefined ? {} : { corrected: outcome }),
  };
  const rest: CaseInfo = { ...c, ...(outcome === undefined ? {} : { ajv: outcome }), diff: remaining };
  if (explaining.length === 0) return left;
  const explainer = (pair: DiffPair): KnownAjvDeviation | undefined => explaining.find((deviation) => deviation.explains!(pair, rest));
  // Some pair must show the deviation: explained, or an applicator whose verdict it flipped (itself, or its subschemas' errors).
  const shown = remaining.filter((pair) => explainer(pair) !== undefined || FLIPPING_KEYWORDS.has(pair.keyword) || propagated(pair, rest));
  if (shown.length === 0) return left;
  const explained = remaining.every(
    (pair) => explainer(pair) !== undefined || propagated(pair, rest) || PROPAGATING_KEYWORDS.has(pair.keyword),
  );
  if (!explained) return left;
  return { ...none, excused: remaining.map(explainer).find((deviation) => deviation !== undefined) ?? explaining[0]! };
}

/** The entry that excuses a disagreement, if any. */
export function excusedBy(c: CaseInfo): KnownAjvDeviation | undefined {
  return excuse(c).excused;
}
