/** Helpers shared by the keyword modules: keyword values, own-property reads, subschemas. */
import type { SchemaNode } from "../../graph.js";
import { isSchemaObject, type Schema } from "../../schema-walk.js";
import { type Code, code, memberAccess } from "../code.js";
import { childNode, type Site } from "../context.js";

// The values read here were checked where they are written, as the schema graph was built
// (`lintValues` in src/check-schema.ts, in the schema's dialect), so reading is all that is left.

/** The value of a keyword that is a number (`minimum`, `minLength`, …), if present. */
export function numberValue(site: Site, keyword: string): number | undefined {
  return typeof site.node.schema === "boolean" ? undefined : (site.node.schema[keyword] as number | undefined);
}

/** The subschema of a keyword that holds one schema (`not`, `contains`, …), if present. */
export function subschemaNode(site: Site, keyword: string): SchemaNode | undefined {
  return typeof site.node.schema === "boolean" || !(keyword in site.node.schema) ? undefined : childNode(site.node, keyword);
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
