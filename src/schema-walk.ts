/** Where JSON Schema keeps subschemas, so that every stage walks schemas the same way: read off the keyword registry. */
import { SUBSCHEMA_WALK, type SubschemaKind } from "./keywords.js";

export type SchemaObject = { [keyword: string]: unknown };
export type Schema = SchemaObject | boolean;

export function isSchemaObject(value: unknown): value is SchemaObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Keywords whose value is one subschema. */
export const SINGLE_SUBSCHEMA: readonly string[] = keywordsOfKind("schema");
/** Keywords whose value is an object of subschemas. */
export const SUBSCHEMA_MAPS: readonly string[] = keywordsOfKind("map");
/** Keywords whose value is an array of subschemas. */
export const SUBSCHEMA_LISTS: readonly string[] = keywordsOfKind("list");

function keywordsOfKind(kind: SubschemaKind): string[] {
  return SUBSCHEMA_WALK.filter((entry) => entry.kind === kind).map((entry) => entry.keyword);
}

export interface Subschema {
  /** Pointer tokens from the parent schema to the subschema, e.g. `["properties", "name"]`. */
  path: readonly (string | number)[];
  schema: Schema;
}

export function isSchema(value: unknown): value is Schema {
  return typeof value === "boolean" || isSchemaObject(value);
}

/** The direct subschemas of a schema, in the registry's walk order (src/keywords.ts). */
export function subschemas(schema: SchemaObject): Subschema[] {
  const found: Subschema[] = [];
  for (const { keyword, kind } of SUBSCHEMA_WALK) {
    const value = schema[keyword];
    if (value === undefined) continue;
    if (isSchema(value) && (kind === "schema" || kind === "schema-or-list")) found.push({ path: [keyword], schema: value });
    else if (Array.isArray(value) && (kind === "list" || kind === "schema-or-list")) {
      value.forEach((member: unknown, index) => {
        if (isSchema(member)) found.push({ path: [keyword, index], schema: member });
      });
    } else if (isSchemaObject(value) && (kind === "map" || kind === "schema-or-names")) {
      for (const [key, member] of Object.entries(value)) {
        if (isSchema(member)) found.push({ path: [keyword, key], schema: member });
      }
    }
  }
  return found;
}

/** Sets `value` at `path` inside `target`, copying (once) each container on the way. */
export function setAtPath(target: SchemaObject, path: readonly (string | number)[], value: unknown, copies: Set<unknown>): void {
  let container: Record<string | number, unknown> = target;
  for (const token of path.slice(0, -1)) {
    let next = container[token];
    if (!copies.has(next)) {
      next = Array.isArray(next) ? [...(next as unknown[])] : { ...(next as object) };
      copies.add(next);
      container[token] = next;
    }
    container = next as Record<string | number, unknown>;
  }
  container[path.at(-1)!] = value;
}
