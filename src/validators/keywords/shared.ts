/** Helpers shared by the keyword modules: keyword values, own-property reads, hoisted patterns, subschemas. */
import { isSchemaObject, type Schema } from "../../schema-walk.js";
import { type Code, code, memberAccess } from "../code.js";
import type { CompileContext, ModuleScope, SchemaNode } from "../context.js";

// The values read here were checked where they are written, as the schema graph was built
// (`lintValues` in src/check-schema.ts, in the schema's dialect), so reading is all that is left.

/** The value of a keyword that is a number (`minimum`, `minLength`, …), if present. */
export function numberValue(node: SchemaNode, keyword: string): number | undefined {
  return typeof node.schema === "boolean" ? undefined : (node.schema[keyword] as number | undefined);
}

/** The value of a keyword that is a schema (`not`, `contains`, …), if present. */
export function subschemaValue(node: SchemaNode, keyword: string): Schema | undefined {
  return typeof node.schema === "boolean" ? undefined : (node.schema[keyword] as Schema | undefined);
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

/** A module constant holding `new RegExp(pattern, "u")`, one per distinct pattern in a module. */
export function patternConstant(context: CompileContext, pattern: string): Code {
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
