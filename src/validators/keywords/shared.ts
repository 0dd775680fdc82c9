/** Helpers shared by the keyword modules: schema errors, own-property reads, hoisted patterns, subschemas. */
import { appendPointer } from "../../json-pointer.js";
import { CodegenError } from "../../errors.js";
import { isSchema, isSchemaObject, type Schema } from "../../schema-walk.js";
import { type Code, code, memberAccess } from "../code.js";
import type { CompileContext, ModuleScope, SchemaNode } from "../context.js";

/** A CodegenError about the value of `keyword` (or a token below it) in the schema of `node`. */
export function schemaError(node: SchemaNode, tokens: readonly (string | number)[], message: string, hint: string): CodegenError {
  return new CodegenError(message, {
    file: node.location.document.displayPath,
    pointer: appendPointer(node.location.pointer, ...tokens),
    hint,
  });
}

const SPEC_HINT = "Fix the schema: see https://json-schema.org/understanding-json-schema/reference.";

/** The value of a keyword that must be a non-negative integer (`minLength`, `maxItems`, …), if present. */
export function nonNegativeInteger(node: SchemaNode, keyword: string): number | undefined {
  if (typeof node.schema === "boolean" || !(keyword in node.schema)) return undefined;
  const value = node.schema[keyword];
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
    throw schemaError(node, [keyword], `"${keyword}" must be a non-negative integer, not ${JSON.stringify(value)}`, SPEC_HINT);
  }
  return value;
}

/** The value of a keyword that must be a number (`minimum`, …), if present. */
export function numberValue(node: SchemaNode, keyword: string, hint = SPEC_HINT): number | undefined {
  if (typeof node.schema === "boolean" || !(keyword in node.schema)) return undefined;
  const value = node.schema[keyword];
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw schemaError(node, [keyword], `"${keyword}" must be a number, not ${JSON.stringify(value)}`, hint);
  }
  return value;
}

/** The value of a keyword that must be a schema, if present. */
export function subschemaValue(node: SchemaNode, keyword: string): Schema | undefined {
  if (typeof node.schema === "boolean" || !(keyword in node.schema)) return undefined;
  const value = node.schema[keyword];
  if (!isSchema(value)) throw schemaError(node, [keyword], `"${keyword}" must be a schema (an object or a boolean)`, SPEC_HINT);
  return value;
}

/** The value of a keyword that must be an object of property name arrays (`dependentRequired`). */
export function stringArray(node: SchemaNode, tokens: readonly (string | number)[], value: unknown): string[] {
  if (!Array.isArray(value) || !value.every((item) => typeof item === "string")) {
    throw schemaError(node, tokens, `"${tokens.join("/")}" must be an array of property names`, SPEC_HINT);
  }
  return value;
}

/** True for schemas that accept everything: `true` and `{}`. */
export function acceptsEverything(schema: Schema): boolean {
  return schema === true || (isSchemaObject(schema) && Object.keys(schema).length === 0);
}

/**
 * Reads an own property. Names that also exist on Object.prototype (`constructor`, `__proto__`, …)
 * are read only when they are own properties, so an inherited member never passes for data.
 */
export function ownProperty(object: Code, name: string): Code {
  return name in Object.prototype ? code`(Object.hasOwn(${object}, ${name}) ? ${object}[${name}] : undefined)` : memberAccess(object, name);
}

/** Regular expressions already hoisted in a module, by pattern. */
const hoistedPatterns = new WeakMap<ModuleScope, Map<string, Code>>();

/**
 * Checks that `pattern` is an ECMA-262 regular expression with the `u` (Unicode) flag, as JSON
 * Schema and ajv use it; an invalid one is a CodegenError at `tokens` below the schema of `node`.
 */
export function checkPattern(node: SchemaNode, tokens: readonly (string | number)[], pattern: string): void {
  try {
    new RegExp(pattern, "u");
  } catch (error) {
    throw schemaError(
      node,
      tokens,
      `invalid regular expression ${JSON.stringify(pattern)}: ${(error as Error).message}`,
      'Patterns are ECMA-262 regular expressions with the "u" (Unicode) flag: escape only characters that need it and check the syntax.',
    );
  }
}

/** A module constant holding `new RegExp(pattern, "u")`, one per distinct pattern in a module. */
export function patternConstant(node: SchemaNode, context: CompileContext, tokens: readonly (string | number)[], pattern: string): Code {
  checkPattern(node, tokens, pattern);
  let patterns = hoistedPatterns.get(context.module);
  if (patterns === undefined) {
    patterns = new Map();
    hoistedPatterns.set(context.module, patterns);
  }
  let name = patterns.get(pattern);
  if (name === undefined) {
    name = context.module.constant("pattern", code`new RegExp(${pattern}, "u")`);
    patterns.set(pattern, name);
  }
  return name;
}
