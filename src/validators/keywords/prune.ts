import { refOverridesSiblings } from "../../dialect.js";
import type { SchemaNode } from "../../graph.js";
import { narrowingOf } from "../../keywords.js";
import { patternFlags } from "../../patterns.js";
import { isSchemaObject, type SchemaObject } from "../../schema-walk.js";
import { and, call, type Code, code, compare, negate, or } from "../code.js";
import type { ModuleScope } from "../context.js";
import { allowsNull, possibleTypes, typeCondition, type ValueType } from "./type.js";

/**
 * Cheap tests that rule out branches of `oneOf`/`anyOf` before their checks run, for objects: a
 * property a branch requires is missing, or has a value its schema there cannot pass, or a key its
 * `additionalProperties: false` forbids is there (one of `Object.keys`, as its key loop sees it).
 * Each test reads only keywords that apply to the branch, and properties as the branch's own checks
 * read them, so true means the branch fails: skipping its check leaves every verdict as it was.
 */

/** At most this many tests per branch: each is a property read, and more would outweigh the checks they skip. */
const MAX_TESTS = 4;

/** The schemas that apply to a value wherever `node` does: it, and what its `$ref`s point to (each an object). */
function applyingNodes(node: SchemaNode): (SchemaNode & { schema: SchemaObject })[] {
  const nodes: (SchemaNode & { schema: SchemaObject })[] = [];
  const seen = new Set<SchemaNode>();
  for (let current: SchemaNode | undefined = node; current !== undefined && !seen.has(current); current = current.ref) {
    seen.add(current);
    const { schema } = current;
    if (!isSchemaObject(schema)) break;
    if (!refOverridesSiblings(schema, current.dialect)) nodes.push(current as SchemaNode & { schema: SchemaObject });
    if (typeof schema["$ref"] !== "string") break;
  }
  return nodes;
}

/** What an object must have to pass a branch: required names, property schemas, and names it forbids. */
interface ObjectDemands {
  nodes: (SchemaNode & { schema: SchemaObject })[];
  required: string[];
}

function demandsOf(node: SchemaNode): ObjectDemands | undefined {
  // A branch that no object passes fails on its own type check at once.
  if (!possibleTypes(narrowingOf(node)).has("object")) return undefined;
  const nodes = applyingNodes(node);
  const required = nodes.flatMap(({ schema }) => (Array.isArray(schema["required"]) ? (schema["required"] as string[]) : []));
  return { nodes, required: [...new Set(required)] };
}

/** The subschemas of `properties.name` in the applying schemas. */
function propertyNodes(demands: ObjectDemands, name: string): SchemaNode[] {
  return demands.nodes.flatMap((node) => {
    const properties = node.schema["properties"];
    const child = isSchemaObject(properties) && Object.hasOwn(properties, name) ? node.child(["properties", name]) : undefined;
    return child === undefined ? [] : [child];
  });
}

/** A primitive JSON value, which `!==` compares as JSON equality does. */
function isPrimitive(value: unknown): value is string | number | boolean | null {
  return value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean";
}

/**
 * A test that is true when `value` (a property's, `undefined` when missing) fails the property's
 * schema: its `const` or primitive `enum`, else the JSON types it allows. `undefined` when none is cheap.
 */
function contradiction(node: SchemaNode, value: Code, module: ModuleScope): Code | undefined {
  const { schema } = node;
  if (!isSchemaObject(schema) || allowsNull(schema, node.dialect)) return undefined;
  if (!refOverridesSiblings(schema, node.dialect)) {
    const allowed = "const" in schema ? [schema["const"]] : Array.isArray(schema["enum"]) ? (schema["enum"] as unknown[]) : undefined;
    if (allowed !== undefined && allowed.length > 0 && allowed.every(isPrimitive)) {
      return and(...allowed.map((item) => compare(value, "!==", item)));
    }
  }
  const possible = possibleTypes(narrowingOf(node));
  if (possible.size === 0 || possible.size === ALL_TYPES) return undefined;
  // `!isJsonObject(v) && v !== null` rather than `!(isJsonObject(v) || v === null)`: no negated group in the chain.
  return and(...[...possible].map((type: ValueType) => negate(typeCondition(type, value, module))));
}

const ALL_TYPES = 6;

/** Whether the applying schemas' `additionalProperties: false` forbids a property `name`. */
function forbids(demands: ObjectDemands, name: string): boolean {
  return demands.nodes.some(({ schema, dialect }) => {
    if (schema["additionalProperties"] !== false) return false;
    if (isSchemaObject(schema["properties"]) && Object.hasOwn(schema["properties"], name)) return false;
    const patterns = isSchemaObject(schema["patternProperties"]) ? Object.keys(schema["patternProperties"]) : [];
    return !patterns.some((pattern) => {
      const flags = patternFlags(pattern, dialect);
      // A pattern not read here might match: the name is not known to be forbidden.
      return flags === undefined || new RegExp(pattern, flags).test(name);
    });
  });
}

/**
 * For each branch, a condition on `value` that is true only when the branch fails (`undefined`
 * when there is none). `read(name)` reads a property of `value`, which the condition has narrowed to an object.
 */
export function branchExclusions(
  branches: readonly SchemaNode[],
  value: Code,
  module: ModuleScope,
  read: (name: string) => Code,
): (Code | undefined)[] {
  const demands = branches.map(demandsOf);
  return demands.map((own, index) => {
    if (own === undefined) return undefined;
    const tests: Code[] = [];
    for (const name of own.required) {
      const property = read(name);
      const contradicted = propertyNodes(own, name)
        .map((node) => contradiction(node, property, module))
        .find((test) => test !== undefined);
      tests.push(contradicted ?? compare(property, "===", code`undefined`));
    }
    const others = demands.flatMap((other, otherIndex) => (other === undefined || otherIndex === index ? [] : other.required));
    for (const name of new Set(others)) {
      // The branch's key loop sees own enumerable keys only: a property read by name may be another (non-enumerable, inherited).
      if (!own.required.includes(name) && forbids(own, name))
        tests.push(and(compare(read(name), "!==", code`undefined`), call(module.runtime("hasKey"), value, name)));
    }
    if (tests.length === 0) return undefined;
    return and(typeCondition("object", value, module), or(...tests.slice(0, MAX_TESTS)));
  });
}
