/** Where JSON Schema keeps subschemas, so that every stage walks schemas the same way. */

export type SchemaObject = { [keyword: string]: unknown };
export type Schema = SchemaObject | boolean;

export function isSchemaObject(value: unknown): value is SchemaObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Keywords whose value is one subschema. */
export const SINGLE_SUBSCHEMA: readonly string[] = [
  "additionalProperties",
  "additionalItems",
  "unevaluatedProperties",
  "unevaluatedItems",
  "contains",
  "propertyNames",
  "not",
  "if",
  "then",
  "else",
];
/** Keywords whose value is an object of subschemas. */
export const SUBSCHEMA_MAPS: readonly string[] = ["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"];
/** Keywords whose value is an array of subschemas. */
export const SUBSCHEMA_LISTS: readonly string[] = ["allOf", "anyOf", "oneOf", "prefixItems"];

export interface Subschema {
  /** Pointer tokens from the parent schema to the subschema, e.g. `["properties", "name"]`. */
  path: readonly (string | number)[];
  schema: Schema;
}

export function isSchema(value: unknown): value is Schema {
  return typeof value === "boolean" || isSchemaObject(value);
}

/** The direct subschemas of a schema, in a stable order. */
export function subschemas(schema: SchemaObject): Subschema[] {
  const found: Subschema[] = [];
  for (const keyword of SINGLE_SUBSCHEMA) {
    const value = schema[keyword];
    if (isSchema(value)) found.push({ path: [keyword], schema: value });
  }
  for (const keyword of SUBSCHEMA_MAPS) {
    const value = schema[keyword];
    if (!isSchemaObject(value)) continue;
    for (const [key, member] of Object.entries(value)) {
      if (isSchema(member)) found.push({ path: [keyword, key], schema: member });
    }
  }
  for (const keyword of SUBSCHEMA_LISTS) {
    const value = schema[keyword];
    if (!Array.isArray(value)) continue;
    value.forEach((member: unknown, index) => {
      if (isSchema(member)) found.push({ path: [keyword, index], schema: member });
    });
  }
  const items = schema["items"];
  if (isSchema(items)) found.push({ path: ["items"], schema: items });
  else if (Array.isArray(items)) {
    items.forEach((member: unknown, index) => {
      if (isSchema(member)) found.push({ path: ["items", index], schema: member });
    });
  }
  const dependencies = schema["dependencies"];
  if (isSchemaObject(dependencies)) {
    for (const [key, member] of Object.entries(dependencies)) {
      if (isSchema(member)) found.push({ path: ["dependencies", key], schema: member });
    }
  }
  return found;
}

const sizes = new WeakMap<SchemaObject, number>();

/** How many schemas a schema holds, itself included. */
export function schemaSize(schema: Schema): number {
  if (!isSchemaObject(schema)) return 1;
  let size = sizes.get(schema);
  if (size === undefined) {
    size = 1 + subschemas(schema).reduce((sum, child) => sum + schemaSize(child.schema), 0);
    sizes.set(schema, size);
  }
  return size;
}
