/**
 * Random instances for a schema, biased toward its edges: numbers at and around its limits and
 * multiples, strings at its length limits and near its patterns and formats, arrays at its item
 * counts, objects with and without its required and extra properties, its own enum/const values
 * (and near misses), and values of every JSON type. Most instances are built by walking the schema
 * ("directed"), so that deep keywords are reached; the rest are generic values made from the same hints.
 */
import fc from "fast-check";
import { clone, getKey, isObject, ownKeys, Random, setKey, show, valueAt, walkSchemas, type Json, type JsonObject } from "./json.js";
import { INT32_EXAMPLES, NAME_PATTERNS, PROPERTY_NAMES, STRING_CHARACTERS, STRING_PATTERNS, VALUES, type StringFormat } from "./pools.js";

const NUMBER_KEYWORDS = ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"];
const STRING_KEYWORDS = ["minLength", "maxLength", "pattern"];
const ARRAY_KEYWORDS = [
  "items",
  "prefixItems",
  "additionalItems",
  "contains",
  "minContains",
  "maxContains",
  "minItems",
  "maxItems",
  "uniqueItems",
  "unevaluatedItems",
];
const OBJECT_KEYWORDS = [
  "properties",
  "required",
  "additionalProperties",
  "patternProperties",
  "propertyNames",
  "minProperties",
  "maxProperties",
  "dependentRequired",
  "dependentSchemas",
  "dependencies",
  "unevaluatedProperties",
];

/** What the whole schema mentions, for generic values. */
interface Hints {
  numbers: number[];
  strings: string[];
  names: string[];
  sizes: number[];
  values: Json[];
}

function numbersNear(schema: JsonObject): number[] {
  const numbers: number[] = [];
  for (const keyword of ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"]) {
    const limit = schema[keyword];
    if (typeof limit !== "number") continue;
    numbers.push(limit, limit - 1, limit + 1, limit - 0.5, limit + 0.5, limit + 1e-9, limit - 1e-9, Math.trunc(limit));
  }
  const divisor = schema["multipleOf"];
  if (typeof divisor === "number") {
    for (let k = -2; k <= 5; k++) numbers.push(Number((divisor * k).toPrecision(12)), Number((divisor * k + divisor / 2).toPrecision(12)));
    numbers.push(Number((divisor * 1234567).toPrecision(12)), divisor * 3, 1e308, 2 ** 53 + 2);
  }
  if (schema["format"] === "int32") numbers.push(...INT32_EXAMPLES);
  return numbers;
}

function lengthsNear(schema: JsonObject, keywords: readonly string[]): number[] {
  const sizes: number[] = [];
  for (const keyword of keywords) {
    const limit = schema[keyword];
    if (typeof limit === "number") sizes.push(Math.max(0, limit - 1), limit, limit + 1);
  }
  return sizes;
}

function collectHints(root: Json, formats: ReadonlyMap<StringFormat, readonly string[]>): Hints {
  const hints: Hints = {
    numbers: [0, 1, -1, 2.5, 3, 1e308, -0, 2 ** 31],
    strings: ["", "a", "😀"],
    names: ["a", "z"],
    sizes: [0, 1, 2],
    values: [],
  };
  for (const schema of walkSchemas(root)) {
    if (!isObject(schema)) continue;
    hints.numbers.push(...numbersNear(schema));
    hints.sizes.push(
      ...lengthsNear(schema, [
        "minLength",
        "maxLength",
        "minItems",
        "maxItems",
        "minContains",
        "maxContains",
        "minProperties",
        "maxProperties",
      ]),
    );
    const pattern = STRING_PATTERNS.find((candidate) => candidate.source === schema["pattern"]);
    if (pattern !== undefined) hints.strings.push(...pattern.examples);
    const format = schema["format"];
    if (typeof format === "string") hints.strings.push(...(formats.get(format as StringFormat) ?? []));
    for (const keyword of ["properties", "dependentRequired", "dependentSchemas", "dependencies"]) {
      const map = schema[keyword];
      if (isObject(map)) hints.names.push(...ownKeys(map));
    }
    if (Array.isArray(schema["required"])) hints.names.push(...(schema["required"] as string[]));
    if (isObject(schema["patternProperties"])) {
      for (const source of ownKeys(schema["patternProperties"])) {
        hints.names.push(...(NAME_PATTERNS.find((candidate) => candidate.source === source)?.examples ?? []));
      }
    }
    if (Array.isArray(schema["enum"])) hints.values.push(...schema["enum"]);
    if ("const" in schema) hints.values.push(schema["const"]);
  }
  for (const value of hints.values) {
    if (typeof value === "number") hints.numbers.push(value);
    if (typeof value === "string") hints.strings.push(value, value + "a");
  }
  return hints;
}

class InstanceBuilder {
  private refsFollowed = 0;

  constructor(
    private readonly r: Random,
    private readonly root: Json,
    private readonly hints: Hints,
    private readonly formats: ReadonlyMap<StringFormat, readonly string[]>,
  ) {}

  build(): Json {
    const r = this.r;
    this.refsFollowed = 0;
    const mode = r.weighted([
      [14, "directed"],
      [2, "generic"],
      [3, "mutated"],
      [this.hints.values.length > 0 ? 2 : 0, "value"],
    ] as const);
    switch (mode) {
      case "directed":
        return this.directed(this.root, 4);
      case "generic":
        return this.generic(2);
      case "mutated":
        return this.mutate(this.directed(this.root, 4));
      case "value":
        return r.chance(0.5) ? clone(r.pick(this.hints.values)) : this.mutate(clone(r.pick(this.hints.values)));
    }
  }

  private resolve(ref: string): Json | undefined {
    if (ref === "#") return this.root;
    return ref.startsWith("#/") ? valueAt(this.root, decodeURIComponent(ref.slice(1))) : undefined;
  }

  /** A value near `schema`: often valid, often just off an edge. */
  directed(schema: Json, budget: number): Json {
    const r = this.r;
    if (budget <= 0 || typeof schema === "boolean" || !isObject(schema)) return this.generic(Math.max(0, budget - 1));
    if (typeof schema["$ref"] === "string" && this.refsFollowed < 6 && r.chance(0.8)) {
      const target = this.resolve(schema["$ref"]);
      this.refsFollowed++;
      if (target !== undefined) return this.directed(target, budget);
    }
    const options: Array<readonly [number, () => Json]> = [[1, () => this.generic(budget - 1)]];
    if (Array.isArray(schema["enum"]) && schema["enum"].length > 0) {
      const values = schema["enum"];
      options.push([8, () => clone(r.pick(values))], [2, () => this.mutate(clone(r.pick(values)))]);
    }
    if ("const" in schema) {
      const value = schema["const"]!;
      options.push([8, () => clone(value)], [2, () => this.mutate(clone(value))]);
    }
    for (const keyword of ["allOf", "anyOf", "oneOf"]) {
      const branches = schema[keyword];
      if (Array.isArray(branches) && branches.length > 0) options.push([6, () => this.directed(r.pick(branches), budget)]);
    }
    for (const keyword of ["if", "then", "else", "not"]) {
      const sub = schema[keyword];
      if (sub !== undefined) options.push([keyword === "not" ? 1 : 4, () => this.directed(sub, budget)]);
    }
    for (const type of this.types(schema)) options.push([12, () => this.typed(schema, type, budget)]);
    return r.weighted(options)();
  }

  /** The types a schema's keywords are about: its `type`, or the types its keywords apply to. */
  private types(schema: JsonObject): string[] {
    const declared = schema["type"];
    if (typeof declared === "string") return [declared];
    if (Array.isArray(declared)) return declared.filter((type): type is string => typeof type === "string");
    const types: string[] = [];
    if (NUMBER_KEYWORDS.some((keyword) => keyword in schema) || schema["format"] === "int32") types.push("number");
    if (STRING_KEYWORDS.some((keyword) => keyword in schema) || (typeof schema["format"] === "string" && schema["format"] !== "int32"))
      types.push("string");
    if (ARRAY_KEYWORDS.some((keyword) => keyword in schema)) types.push("array");
    if (OBJECT_KEYWORDS.some((keyword) => keyword in schema)) types.push("object");
    return types;
  }

  private typed(schema: JsonObject, type: string, budget: number): Json {
    const r = this.r;
    switch (type) {
      case "null":
        return null;
      case "boolean":
        return r.chance(0.5);
      case "integer":
      case "number": {
        const near = numbersNear(schema);
        const value = near.length > 0 && r.chance(0.8) ? r.pick(near) : this.number();
        return type === "integer" && r.chance(0.85) ? Math.round(value) : value;
      }
      case "string":
        return this.stringNear(schema);
      case "array":
        return this.arrayNear(schema, budget);
      case "object":
        return this.objectNear(schema, budget);
      default:
        return this.generic(budget - 1);
    }
  }

  private number(): number {
    const r = this.r;
    return r.weighted<() => number>([
      [5, () => r.pick(this.hints.numbers)],
      [3, () => r.int(-5, 20)],
      [1, () => r.double()],
      [1, () => r.int(-1000, 1000) / 100],
    ])();
  }

  private stringOfLength(length: number): string {
    let text = "";
    for (let index = 0; index < length; index++) text += this.r.weighted(STRING_CHARACTERS);
    return text;
  }

  private stringNear(schema: JsonObject): string {
    const r = this.r;
    const options: Array<readonly [number, () => string]> = [[2, () => this.string()]];
    const lengths = lengthsNear(schema, ["minLength", "maxLength"]);
    if (lengths.length > 0) options.push([5, () => this.stringOfLength(r.pick(lengths))]);
    const pattern = STRING_PATTERNS.find((candidate) => candidate.source === schema["pattern"]);
    if (pattern !== undefined) options.push([5, () => r.pick(pattern.examples)]);
    const format = typeof schema["format"] === "string" ? this.formats.get(schema["format"] as StringFormat) : undefined;
    if (format !== undefined) options.push([8, () => r.pick(format)], [1, () => this.mutateString(r.pick(format))]);
    return r.weighted(options)();
  }

  private string(): string {
    const r = this.r;
    return r.weighted<() => string>([
      [5, () => r.pick(this.hints.strings)],
      [3, () => this.stringOfLength(r.int(0, 4))],
      [1, () => r.string(5)],
    ])();
  }

  private mutateString(text: string): string {
    const r = this.r;
    if (text.length === 0) return this.stringOfLength(1);
    const index = r.int(0, text.length - 1);
    return r.weighted<() => string>([
      [1, () => text.slice(0, index) + text.slice(index + 1)],
      [1, () => text.slice(0, index) + r.pick(["0", "9", "a", "Z", ":", ".", "-", " "]) + text.slice(index + 1)],
      [1, () => text + r.pick(["\n", "x", "0"])],
    ])();
  }

  private arrayNear(schema: JsonObject, budget: number): Json[] {
    const r = this.r;
    const prefix = Array.isArray(schema["prefixItems"]) ? schema["prefixItems"] : Array.isArray(schema["items"]) ? schema["items"] : [];
    const rest = Array.isArray(schema["items"]) ? schema["additionalItems"] : schema["items"];
    const lengths = [
      ...lengthsNear(schema, ["minItems", "maxItems", "minContains", "maxContains"]),
      prefix.length,
      prefix.length + 1,
      0,
      1,
      2,
    ];
    const length = Math.min(r.pick(lengths), 6);
    const items: Json[] = [];
    for (let index = 0; index < length; index++) {
      const options: Array<readonly [number, () => Json]> = [[1, () => this.generic(budget - 2)]];
      if (index < prefix.length) options.push([6, () => this.directed(prefix[index]!, budget - 1)]);
      else if (rest !== undefined) options.push([4, () => this.directed(rest, budget - 1)]);
      if (schema["contains"] !== undefined) options.push([3, () => this.directed(schema["contains"]!, budget - 1)]);
      if (schema["unevaluatedItems"] !== undefined) options.push([1, () => this.directed(schema["unevaluatedItems"]!, budget - 1)]);
      items.push(r.weighted(options)());
    }
    if (schema["uniqueItems"] === true && items.length > 0 && r.chance(0.4)) items.splice(r.int(0, items.length), 0, clone(r.pick(items)));
    return items;
  }

  private objectNear(schema: JsonObject, budget: number): JsonObject {
    const r = this.r;
    const object: JsonObject = {};
    const properties = isObject(schema["properties"]) ? schema["properties"] : {};
    const patterns = isObject(schema["patternProperties"]) ? schema["patternProperties"] : {};
    const required = Array.isArray(schema["required"]) ? (schema["required"] as string[]) : [];
    const dependent = [schema["dependentRequired"], schema["dependentSchemas"], schema["dependencies"]].filter(isObject);
    const keys = new Set<string>();
    for (const name of required) if (r.chance(0.85)) keys.add(name);
    for (const name of ownKeys(properties)) if (r.chance(0.6)) keys.add(name);
    for (const source of ownKeys(patterns)) {
      const examples = NAME_PATTERNS.find((candidate) => candidate.source === source)?.examples ?? [];
      if (examples.length > 0 && r.chance(0.6)) keys.add(r.pick(examples));
    }
    for (const map of dependent) {
      for (const name of ownKeys(map)) {
        if (!r.chance(0.5)) continue;
        keys.add(name);
        const needed = map[name];
        if (Array.isArray(needed)) for (const other of needed) if (typeof other === "string" && r.chance(0.7)) keys.add(other);
      }
    }
    const extra = r.weighted([
      [5, 0],
      [3, 1],
      [1, 2],
    ] as const);
    for (let index = 0; index < extra; index++) keys.add(r.chance(0.6) ? r.pick(this.hints.names) : r.weighted(PROPERTY_NAMES));
    const sizes = lengthsNear(schema, ["minProperties", "maxProperties"]);
    if (sizes.length > 0 && r.chance(0.5)) {
      const size = r.pick(sizes);
      const pool = [...ownKeys(properties), ...this.hints.names, ...PROPERTY_NAMES.map(([, name]) => name)];
      for (let attempt = 0; keys.size < size && attempt < 20; attempt++) keys.add(r.pick(pool));
      while (keys.size > size) keys.delete(r.pick([...keys]));
    }
    for (const key of keys) {
      const options: Array<readonly [number, () => Json]> = [[1, () => this.generic(budget - 2)]];
      const property = getKey(properties, key);
      if (property !== undefined) options.push([6, () => this.directed(property, budget - 1)]);
      for (const source of ownKeys(patterns)) {
        if (new RegExp(source, "u").test(key)) options.push([3, () => this.directed(patterns[source]!, budget - 1)]);
      }
      for (const keyword of ["additionalProperties", "unevaluatedProperties"]) {
        const sub = schema[keyword];
        if (sub !== undefined && property === undefined) options.push([2, () => this.directed(sub, budget - 1)]);
      }
      setKey(object, key, r.weighted(options)());
    }
    return object;
  }

  /** Any JSON value, of every type, made from the schema's hints. */
  generic(budget: number): Json {
    const r = this.r;
    const kind = r.weighted([
      [1, "null"],
      [1, "boolean"],
      [4, "number"],
      [4, "string"],
      [budget > 0 ? 3 : 1, "array"],
      [budget > 0 ? 3 : 1, "object"],
      [this.hints.values.length > 0 ? 2 : 0, "value"],
      [1, "pool"],
    ] as const);
    switch (kind) {
      case "null":
        return null;
      case "boolean":
        return r.chance(0.5);
      case "number":
        return this.number();
      case "string":
        return this.string();
      case "array": {
        const length = budget > 0 ? Math.min(r.pick(this.hints.sizes), 5) : 0;
        return Array.from({ length }, () => this.generic(budget - 1));
      }
      case "object": {
        const object: JsonObject = {};
        const size = budget > 0 ? Math.min(r.pick(this.hints.sizes), 4) : 0;
        for (let index = 0; index < size; index++) setKey(object, r.pick(this.hints.names), this.generic(budget - 1));
        return object;
      }
      case "value":
        return clone(r.pick(this.hints.values));
      case "pool":
        return clone(r.pick(VALUES));
    }
  }

  /** A near miss: one change somewhere inside `value`. */
  mutate(value: Json): Json {
    const r = this.r;
    if (Array.isArray(value)) {
      if (value.length > 0 && r.chance(0.5)) {
        const index = r.int(0, value.length - 1);
        if (r.chance(0.5)) value.splice(index, 1);
        else value[index] = this.mutate(value[index]!);
        return value;
      }
      value.push(r.chance(0.5) && value.length > 0 ? clone(r.pick(value)) : this.generic(1));
      return value;
    }
    if (isObject(value)) {
      const keys = ownKeys(value);
      if (keys.length > 0 && r.chance(0.6)) {
        const key = r.pick(keys);
        if (r.chance(0.4)) delete value[key];
        else setKey(value, key, this.mutate(value[key]!));
        return value;
      }
      setKey(value, r.chance(0.5) ? r.pick(this.hints.names) : r.weighted(PROPERTY_NAMES), this.generic(1));
      return value;
    }
    if (typeof value === "number") {
      return r.weighted<() => Json>([
        [2, () => value + r.pick([1, -1, 0.5, 1e-9])],
        [1, () => -value],
        [1, () => String(value)],
      ])();
    }
    if (typeof value === "string") return r.chance(0.8) ? this.mutateString(value) : value.length;
    return this.generic(1);
  }
}

/** `count` distinct instances for a schema (fewer only if the schema's neighbourhood is tiny). */
export function instancesArbitrary(root: Json, count: number, formats: ReadonlyMap<StringFormat, readonly string[]>): fc.Arbitrary<Json[]> {
  const hints = collectHints(root, formats);
  return fc.gen().map((g) => {
    const builder = new InstanceBuilder(new Random(g, fc), root, hints, formats);
    const seen = new Map<string, Json>();
    for (let attempt = 0; attempt < count * 4 && seen.size < count; attempt++) {
      const instance = builder.build();
      const key = show(instance);
      if (!seen.has(key)) seen.set(key, instance);
    }
    return [...seen.values()];
  });
}
