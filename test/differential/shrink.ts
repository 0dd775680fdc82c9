/**
 * Minimising a failing case without re-running the whole batch: the instance is shrunk against the
 * already compiled validators (cheap), then the schema is shrunk in rounds, every round generating
 * all one-step reductions of the schema into one batch compiled by one tsc run.
 */
import {
  clone,
  isObject,
  ownKeys,
  setKey,
  SINGLE_SUBSCHEMA_KEYWORDS,
  SUBSCHEMA_LIST_KEYWORDS,
  SUBSCHEMA_MAP_KEYWORDS,
  type Json,
  type JsonObject,
} from "./json.js";

/** One-step simplifications of a JSON value, smaller ones first. */
export function* instanceReductions(value: Json): Generator<Json> {
  if (Array.isArray(value)) {
    if (value.length > 0) yield [];
    for (let index = 0; index < value.length; index++) yield [...value.slice(0, index), ...value.slice(index + 1)];
    for (let index = 0; index < value.length; index++) {
      for (const item of instanceReductions(value[index]!)) {
        const copy = value.map(clone);
        copy[index] = item;
        yield copy;
      }
    }
    return;
  }
  if (isObject(value)) {
    const keys = ownKeys(value);
    if (keys.length > 0) yield {};
    for (const key of keys) yield without(value, key);
    for (const key of keys) {
      for (const item of instanceReductions(value[key]!)) {
        const copy = clone(value) as JsonObject;
        setKey(copy, key, item);
        yield copy;
      }
    }
    return;
  }
  if (typeof value === "number") {
    for (const simpler of [0, 1, Math.trunc(value), Math.round(value * 100) / 100])
      if (!Object.is(simpler, value) && Math.abs(simpler) < Math.abs(value)) yield simpler;
    return;
  }
  if (typeof value === "string" && value.length > 0) {
    yield "";
    const characters = [...value];
    for (let index = 0; index < characters.length; index++) yield [...characters.slice(0, index), ...characters.slice(index + 1)].join("");
    return;
  }
  if (value !== null && value !== false) yield null;
}

function without(object: JsonObject, key: string): JsonObject {
  const copy: JsonObject = {};
  for (const other of ownKeys(object)) if (other !== key) setKey(copy, other, clone(object[other]!));
  return copy;
}

function withKey(object: JsonObject, key: string, value: Json): JsonObject {
  const copy = clone(object) as JsonObject;
  setKey(copy, key, value);
  return copy;
}

const MAP_KEYWORDS = new Set([...SUBSCHEMA_MAP_KEYWORDS, "dependentRequired"]);

/** One-step simplifications of a schema. The root keeps its `$schema`. */
export function* schemaReductions(schema: Json, isRoot = true): Generator<Json> {
  if (!isRoot && schema !== true) yield true;
  if (!isObject(schema)) return;
  if (!isRoot && ownKeys(schema).length > 0) yield {};
  // A subschema in its parent's place (the root keeps its $schema and definitions).
  for (const child of childSchemas(schema)) {
    if (!isRoot) yield clone(child);
    else if (isObject(child)) {
      const hoisted = clone(child) as JsonObject;
      for (const key of ["$schema", "$defs", "definitions"]) if (key in schema) setKey(hoisted, key, clone(schema[key]!));
      yield hoisted;
    }
  }
  for (const key of ownKeys(schema)) if (key !== "$schema") yield without(schema, key);
  for (const key of ownKeys(schema)) {
    const value = schema[key]!;
    if (SINGLE_SUBSCHEMA_KEYWORDS.has(key) || (key === "items" && !Array.isArray(value))) {
      for (const reduced of schemaReductions(value, false)) yield withKey(schema, key, reduced);
    } else if ((SUBSCHEMA_LIST_KEYWORDS.has(key) || key === "items" || key === "enum" || key === "required") && Array.isArray(value)) {
      if (value.length > 1)
        for (let index = 0; index < value.length; index++)
          yield withKey(
            schema,
            key,
            value.filter((_, other) => other !== index),
          );
      if (key !== "enum" && key !== "required") {
        for (let index = 0; index < value.length; index++) {
          for (const reduced of schemaReductions(value[index]!, false)) {
            const copy = value.map(clone);
            copy[index] = reduced;
            yield withKey(schema, key, copy);
          }
        }
      }
    } else if (MAP_KEYWORDS.has(key) && isObject(value)) {
      for (const name of ownKeys(value)) yield withKey(schema, key, without(value, name));
      for (const name of ownKeys(value)) {
        const sub = value[name]!;
        if (Array.isArray(sub)) continue;
        for (const reduced of schemaReductions(sub, false)) yield withKey(schema, key, withKey(value, name, reduced));
      }
    }
  }
}

/** The subschemas directly inside a schema (not those under $defs/definitions). */
function childSchemas(schema: JsonObject): Json[] {
  const children: Json[] = [];
  for (const key of ownKeys(schema)) {
    const value = schema[key]!;
    if (SINGLE_SUBSCHEMA_KEYWORDS.has(key) || (key === "items" && !Array.isArray(value))) children.push(value);
    else if ((SUBSCHEMA_LIST_KEYWORDS.has(key) || key === "items") && Array.isArray(value)) children.push(...value);
    else if (MAP_KEYWORDS.has(key) && key !== "$defs" && key !== "definitions" && isObject(value)) {
      for (const name of ownKeys(value)) if (!Array.isArray(value[name])) children.push(value[name]!);
    }
  }
  return children;
}
