/** JSON values and small helpers shared by the differential test. */
import type fc from "fast-check";
import { SINGLE_SUBSCHEMA, SUBSCHEMA_LISTS, SUBSCHEMA_MAPS } from "../../src/schema-walk.js";

export type Json = null | boolean | number | string | Json[] | JsonObject;
export interface JsonObject {
  [key: string]: Json;
}

export type Dialect = "2020-12" | "draft-07";

export const DIALECT_URIS: Readonly<Record<Dialect, string>> = {
  "2020-12": "https://json-schema.org/draft/2020-12/schema",
  "draft-07": "http://json-schema.org/draft-07/schema#",
};

export function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Sets an own, enumerable property, even for names such as `__proto__` that an assignment would
 * treat specially: instances are built as JSON.parse would build them.
 */
export function setKey(object: JsonObject, key: string, value: Json): void {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

export function ownKeys(object: JsonObject): string[] {
  return Object.keys(object);
}

export function getKey(object: JsonObject, key: string): Json | undefined {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

/** A deep copy that keeps own `__proto__` keys as data. */
export function clone(value: Json): Json {
  if (Array.isArray(value)) return value.map(clone);
  if (isObject(value)) {
    const copy: JsonObject = {};
    for (const key of ownKeys(value)) setKey(copy, key, clone(value[key]!));
    return copy;
  }
  return value;
}

/** JSON text with `-0` kept apart from `0`, for de-duplicating and printing instances. */
export function show(value: Json): string {
  return JSON.stringify(value, (_key, item: unknown) => (Object.is(item, -0) ? "<-0>" : item)).replace(/"<-0>"/g, "-0");
}

/** The value at a JSON pointer such as `/a/0/b~1c`, or undefined. */
export function valueAt(root: Json, pointer: string): Json | undefined {
  if (pointer === "") return root;
  let current: Json | undefined = root;
  for (const raw of pointer.slice(1).split("/")) {
    const token = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (Array.isArray(current)) current = current[Number(token)];
    else if (isObject(current)) current = getKey(current, token);
    else return undefined;
  }
  return current;
}

/** Every value inside `root` (itself included), depth first. */
export function* walkValues(root: Json): Generator<Json> {
  yield root;
  if (Array.isArray(root)) for (const item of root) yield* walkValues(item);
  else if (isObject(root)) for (const key of ownKeys(root)) yield* walkValues(root[key]!);
}

/** Every subschema of a schema (itself included), whatever keyword holds it. */
export function* walkSchemas(schema: Json): Generator<Json> {
  yield schema;
  if (!isObject(schema)) return;
  for (const key of ownKeys(schema)) {
    const value = schema[key]!;
    if (SINGLE_SUBSCHEMA_KEYWORDS.has(key)) yield* walkSchemas(value);
    else if (SUBSCHEMA_LIST_KEYWORDS.has(key) && Array.isArray(value)) for (const item of value) yield* walkSchemas(item);
    else if (key === "items") {
      if (Array.isArray(value)) for (const item of value) yield* walkSchemas(item);
      else yield* walkSchemas(value);
    } else if (SUBSCHEMA_MAP_KEYWORDS.has(key) && isObject(value)) {
      for (const name of ownKeys(value)) {
        const sub = value[name]!;
        // draft-07 "dependencies" mixes schemas with property name arrays.
        if (!Array.isArray(sub)) yield* walkSchemas(sub);
      }
    }
  }
}

export const SINGLE_SUBSCHEMA_KEYWORDS: ReadonlySet<string> = new Set(SINGLE_SUBSCHEMA);
export const SUBSCHEMA_LIST_KEYWORDS: ReadonlySet<string> = new Set(SUBSCHEMA_LISTS);
/** With draft-07's "dependencies", whose values are schemas or property name arrays. */
export const SUBSCHEMA_MAP_KEYWORDS: ReadonlySet<string> = new Set([...SUBSCHEMA_MAPS, "dependencies"]);

/**
 * Imperative random choices on top of a fast-check generator, so generation stays reproducible
 * from the seed. Choices are uniform (fast-check's bias toward small and extreme values would skew
 * every weight below); strings and doubles keep fast-check's bias toward edge cases.
 */
export class Random {
  private readonly uniform: (constraints: { min: number; max: number }) => fc.Arbitrary<number>;

  constructor(
    private readonly g: fc.GeneratorValue,
    private readonly fcModule: typeof fc,
  ) {
    this.uniform = (constraints) => fcModule.noBias(fcModule.integer(constraints));
  }

  int(min: number, max: number): number {
    return this.g(this.uniform, { min, max });
  }

  chance(probability: number): boolean {
    return this.int(0, 9999) < probability * 10000;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("pick from an empty list");
    return items[this.int(0, items.length - 1)]!;
  }

  weighted<T>(choices: ReadonlyArray<readonly [number, T]>): T {
    const total = choices.reduce((sum, [weight]) => sum + weight, 0);
    let roll = this.int(0, total - 1);
    for (const [weight, value] of choices) {
      if (roll < weight) return value;
      roll -= weight;
    }
    return choices[choices.length - 1]![1];
  }

  /** `count` distinct items of `items`, in random order. */
  some<T>(items: readonly T[], count: number): T[] {
    const pool = [...items];
    const chosen: T[] = [];
    while (chosen.length < count && pool.length > 0) chosen.push(pool.splice(this.int(0, pool.length - 1), 1)[0]!);
    return chosen;
  }

  double(): number {
    return this.g(this.fcModule.double, { noNaN: true, noDefaultInfinity: true });
  }

  string(maxLength: number): string {
    return this.g(this.fcModule.string, { maxLength, unit: "binary" });
  }
}
