import { type Dialect, refOverridesSiblings } from "../../dialect.js";
import type { Narrowing } from "../../keywords.js";
import { jsonEqual } from "../../runtime/validation-runtime.js";
import type { Schema, SchemaObject } from "../../schema-walk.js";
import { call, type Code, code, compare, or } from "../code.js";
import { failure, type InstanceType, type ModuleScope, type Site } from "../context.js";
import type { Statement } from "../statements.js";

type JsonType = "object" | "array" | "string" | "number" | "integer" | "boolean" | "null";
/** JSON types as instances have them (`integer` is a number). */
export type ValueType = Exclude<JsonType, "integer">;
const VALUE_TYPES: readonly ValueType[] = ["object", "array", "string", "number", "boolean", "null"];

export function valueTypeOf(value: unknown): ValueType {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value as ValueType;
}

/** The `type` keyword as a list, or `undefined` when absent (its shape is checked when loading). */
export function declaredTypes(schema: Schema): JsonType[] | undefined {
  if (typeof schema === "boolean" || !("type" in schema)) return undefined;
  const value = schema["type"];
  return (Array.isArray(value) ? value : [value]) as JsonType[];
}

/**
 * OpenAPI 3.0's `nullable: true`, as codegen reads it (README, "OpenAPI 3.0 nullable"): null is
 * valid whatever the other keywords of the schema object say; the compiler checks them only for
 * other values. Beside a `$ref`, whose siblings OpenAPI 3.0 ignores, it means nothing.
 */
export function allowsNull(schema: Schema, dialect: Dialect): boolean {
  return typeof schema === "object" && dialect === "openapi-3.0" && schema["nullable"] === true && !refOverridesSiblings(schema, dialect);
}

/** The instance type whose keywords apply to a JSON type (`integer` instances are numbers). */
export function instanceTypeOf(type: JsonType): InstanceType | undefined {
  if (type === "integer") return "number";
  return type === "boolean" || type === "null" ? undefined : type;
}

/** An expression that is true when `value` has the JSON type, narrowing it for TypeScript. */
export function typeCondition(type: JsonType | InstanceType, value: Code, module: ModuleScope): Code {
  switch (type) {
    case "object":
      return call(module.runtime("isJsonObject"), value);
    case "array":
      return call(code`Array.isArray`, value);
    case "integer":
      return call(code`Number.isInteger`, value);
    case "null":
      return compare(value, "===", null);
    default:
      return compare(code`typeof ${value}`, "===", type);
  }
}

/** `type`: a guard whose `then` runs only for instances of the declared type. */
export function typeGuard(site: Site, types: readonly JsonType[], module: ModuleScope, then: Statement[]): Statement {
  const condition = or(...types.map((type) => typeCondition(type, site.value, module)));
  const typeText = types.join(",");
  // ajv's `params.type`: the type, or the list of them.
  const params = types.length === 1 ? code`{ type: ${typeText} }` : code`{ type: ${[...types]} }`;
  return { kind: "guard", condition, failure: { ...failure(site, "type", params), expectedType: typeText }, then };
}

/**
 * The JSON types an instance can have and still pass the keywords of a schema that narrow it in a
 * boolean check: `type`, `enum`/`const` and a `$ref` to a named schema (a type predicate). Keywords
 * for the other types are dead code there, and TypeScript rejects some of it (`never.length`).
 * Empty when those keywords contradict each other. It reads only the schema's `Narrowing`.
 */
export function possibleTypes(narrowing: Narrowing, options: { withEnum?: boolean; visiting?: Set<string> } = {}): Set<ValueType> {
  const possible = typesPassing(narrowing, options);
  if (typeof narrowing.keywords === "object" && allowsNull(narrowing.keywords, narrowing.dialect)) possible.add("null");
  return possible;
}

function typesPassing(narrowing: Narrowing, { withEnum = true, visiting = new Set<string>() }): Set<ValueType> {
  const { keywords, dialect } = narrowing;
  if (keywords === false) return new Set();
  let possible = new Set(VALUE_TYPES);
  if (keywords === true) return possible;
  const schema = keywords as SchemaObject;
  const refTypes = (): Set<ValueType> => {
    const target = typeof schema["$ref"] === "string" ? narrowing.target() : undefined;
    if (target === undefined || visiting.has(target.key)) return new Set(VALUE_TYPES);
    visiting.add(target.key);
    return possibleTypes(target, { visiting });
  };
  if (refOverridesSiblings(schema, dialect)) return refTypes();
  const keep = (types: Iterable<ValueType>): void => {
    const kept = new Set(types);
    possible = new Set([...possible].filter((type) => kept.has(type)));
  };
  const declared = declaredTypes(schema);
  if (declared !== undefined) keep(declared.map((type) => (type === "integer" ? "number" : type)));
  if (withEnum) {
    const allowed = Array.isArray(schema["enum"]) ? (schema["enum"] as unknown[]) : undefined;
    if ("const" in schema) {
      if (allowed !== undefined && !allowed.some((value) => jsonEqual(value, schema["const"]))) return new Set();
      keep([valueTypeOf(schema["const"])]);
    } else if (allowed !== undefined) keep(allowed.map(valueTypeOf));
  }
  keep(refTypes());
  return possible;
}
