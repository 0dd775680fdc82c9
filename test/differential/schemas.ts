/**
 * A fast-check arbitrary of small random JSON Schemas (nesting depth ≤ 3): mostly draft 2020-12,
 * some draft-07 (declared with `$schema`), over the keywords codegen validates. Schemas are built
 * around a "theme" (number, string, array, object, logic) so that keywords meet instances they
 * apply to; `$ref`s point into `$defs` (`definitions` in draft-07) or at the root, recursion only
 * below keywords that descend into the instance, so every schema terminates.
 */
import fc from "fast-check";
import { DIALECT_URIS, Random, setKey, type Dialect, type Json, type JsonObject } from "./json.js";
import { DIVISORS, LIMITS, NAME_PATTERNS, PROPERTY_NAMES, STRING_FORMATS, STRING_PATTERNS, VALUES } from "./pools.js";

export interface GeneratedSchema {
  dialect: Dialect;
  /** The schema, with `$schema` at its root when it is an object. */
  schema: Json;
}

const DEF_NAMES = ["A", "B"];
type Theme = "number" | "string" | "array" | "object" | "logic" | "any";

/** References usable at a point of a schema: in place (same instance) and below an instance-descending keyword. */
interface Refs {
  inPlace: readonly string[];
  descending: readonly string[];
}

class SchemaBuilder {
  constructor(
    private readonly r: Random,
    private readonly dialect: Dialect,
  ) {}

  private get is2020(): boolean {
    return this.dialect === "2020-12";
  }

  private ref(name: string): string {
    return name === "#" ? "#" : `#/${this.is2020 ? "$defs" : "definitions"}/${name}`;
  }

  build(): Json {
    const r = this.r;
    const defCount = r.weighted([
      [6, 0],
      [3, 1],
      [2, 2],
    ] as const);
    const defNames = DEF_NAMES.slice(0, defCount);
    const everything = [...defNames, "#"];
    // A definition refers in place only to later ones, so in-place references never loop.
    const defs: JsonObject = {};
    defNames.forEach((name, index) => {
      defs[name] = this.schema(2, { inPlace: defNames.slice(index + 1), descending: everything });
    });
    let root = r.chance(0.03) ? r.pick<Json>([true, false]) : this.schema(3, { inPlace: defNames, descending: everything });
    if (typeof root === "boolean" && defCount === 0) return root;
    if (typeof root === "boolean") root = r.chance(0.5) ? {} : { not: {} };
    const result: JsonObject = { $schema: DIALECT_URIS[this.dialect], ...(root as JsonObject) };
    if (defCount > 0) result[this.is2020 ? "$defs" : "definitions"] = defs;
    return result;
  }

  /** A schema with at most `depth` levels of subschemas below it. */
  schema(depth: number, refs: Refs): Json {
    const r = this.r;
    if (r.chance(0.06)) return r.chance(0.6);
    if (refs.inPlace.length > 0 && r.chance(0.15)) {
      const schema: JsonObject = { $ref: this.ref(r.pick(refs.inPlace)) };
      // Keywords beside $ref: applied in 2019-09+, ignored up to draft-07 (where ajv applies them: a known deviation).
      if (r.chance(this.is2020 ? 0.15 : 0.03))
        Object.assign(schema, this.keywords(0, refs, r.pick(["number", "string", "array", "object"] as const)));
      return schema;
    }
    // In-place subschemas (allOf branches, if/then/else, …) mostly keep the theme of the schema
    // they apply with, so that the combination can still be satisfied.
    const inherited = this.instanceTheme;
    const theme =
      inherited !== undefined && r.chance(0.6)
        ? inherited
        : r.weighted<Theme>([
            [2, "number"],
            [2, "string"],
            [4, "array"],
            [5, "object"],
            [depth > 0 ? 2 : 0, "logic"],
            [1, "any"],
          ]);
    if (theme !== "logic" && theme !== "any") this.instanceTheme = theme;
    try {
      const schema = this.keywords(depth, refs, theme);
      if (depth > 0 && theme !== "logic" && r.chance(0.2)) Object.assign(schema, this.keywords(depth, refs, "logic"));
      if (r.chance(0.08)) {
        const other = r.pick(["number", "string", "array", "object"] as const);
        if (other !== theme) Object.assign(schema, this.keywords(depth, refs, other, 1));
      }
      if (refs.inPlace.length > 0 && r.chance(this.is2020 ? 0.05 : 0.01)) schema["$ref"] = this.ref(r.pick(refs.inPlace));
      return schema;
    } finally {
      this.instanceTheme = inherited;
    }
  }

  /** The theme of the schema that in-place subschemas being generated apply with. */
  private instanceTheme: Theme | undefined;

  /** Subschemas in place (same instance) and below (an item, a property value, a property name). */
  private inPlace(depth: number, refs: Refs): Json {
    return this.schema(depth - 1, refs);
  }

  private below(depth: number, refs: Refs): Json {
    const inherited = this.instanceTheme;
    this.instanceTheme = undefined;
    try {
      return this.schema(depth - 1, { inPlace: refs.descending, descending: refs.descending });
    } finally {
      this.instanceTheme = inherited;
    }
  }

  private count(max: number): number {
    return this.r.weighted([
      [5, 1],
      [3, Math.min(2, max)],
      [1, Math.min(3, max)],
    ] as const);
  }

  private names(count: number): string[] {
    const names = new Set<string>();
    for (let attempt = 0; names.size < count && attempt < 10; attempt++) names.add(this.r.weighted(PROPERTY_NAMES));
    return [...names];
  }

  private type(theme: Theme): Json {
    const r = this.r;
    switch (theme) {
      case "number":
        return r.weighted<Json>([
          [4, "number"],
          [4, "integer"],
          [1, ["integer", "string"]],
          [1, ["number", "null"]],
        ]);
      case "string":
        return r.weighted<Json>([
          [5, "string"],
          [1, ["string", "null"]],
          [1, ["string", "integer"]],
        ]);
      case "array":
        return r.weighted<Json>([
          [5, "array"],
          [1, ["array", "object"]],
        ]);
      case "object":
        return r.weighted<Json>([
          [5, "object"],
          [1, ["object", "null"]],
        ]);
      default:
        return r.weighted<Json>([
          [1, "null"],
          [1, "boolean"],
          [1, "integer"],
          [1, ["boolean", "string", "array"]],
          [1, ["number", "object"]],
        ]);
    }
  }

  /** A value for enum/const: mostly of the theme's type, so that the schema can be satisfied. */
  private value(theme: Theme): Json {
    const r = this.r;
    if (r.chance(0.25)) return r.pick(VALUES);
    switch (theme) {
      case "number":
        return r.pick([...LIMITS, 1.5, 7]);
      case "string":
        return r.pick(["", "a", "ab", "abc", "😀", "2024-01-01", "x-1"]);
      case "array":
        return r.pick<Json>([[], [1], ["a", 1], [[]], [1, 1], [null, "a"]]);
      case "object":
        return r.pick<Json>([{}, { a: 1 }, { a: null, b: [1] }, { b: "x" }, { a: "a", c: [] }]);
      default:
        return r.pick(VALUES);
    }
  }

  /** Some keywords of a theme. */
  keywords(depth: number, refs: Refs, theme: Theme, count?: number): JsonObject {
    const r = this.r;
    const schema: JsonObject = {};
    if (theme !== "logic" && r.chance(0.6)) schema["type"] = this.type(theme);
    const candidates = this.candidates(depth, refs, theme);
    const wanted =
      count ??
      r.weighted([
        [4, 1],
        [4, 2],
        [2, 3],
      ] as const);
    for (const add of r.some(candidates, wanted)) add(schema);
    if (theme !== "logic" && r.chance(0.05)) this.enumOrConst(schema, theme);
    return schema;
  }

  private enumOrConst(schema: JsonObject, theme: Theme): void {
    const r = this.r;
    if (r.chance(0.5)) schema["const"] = this.value(theme);
    else {
      const values = new Map<string, Json>();
      const size = r.int(1, 4);
      for (let index = 0; index < size * 2 && values.size < size; index++) {
        const value = this.value(theme);
        values.set(JSON.stringify(value), value);
      }
      schema["enum"] = [...values.values()];
    }
  }

  private candidates(depth: number, refs: Refs, theme: Theme): Array<(schema: JsonObject) => void> {
    const r = this.r;
    const sub = depth > 0;
    const list: Array<(schema: JsonObject) => void> = [];
    const add = (condition: boolean, fn: (schema: JsonObject) => void): void => {
      if (condition) list.push(fn);
    };
    switch (theme) {
      case "number":
        add(true, (s) => (s["minimum"] = r.pick(LIMITS)));
        add(true, (s) => (s["maximum"] = r.pick(LIMITS)));
        add(true, (s) => (s["exclusiveMinimum"] = r.pick(LIMITS)));
        add(true, (s) => (s["exclusiveMaximum"] = r.pick(LIMITS)));
        add(true, (s) => (s["multipleOf"] = r.weighted(DIVISORS)));
        add(true, (s) => (s["multipleOf"] = r.weighted(DIVISORS)));
        add(true, (s) => (s["format"] = "int32"));
        add(true, (s) => this.enumOrConst(s, theme));
        break;
      case "string":
        add(true, (s) => (s["minLength"] = r.int(0, 4)));
        add(true, (s) => (s["maxLength"] = r.int(0, 4)));
        add(true, (s) => (s["pattern"] = r.pick(STRING_PATTERNS).source));
        add(true, (s) => (s["format"] = r.pick(STRING_FORMATS)));
        add(true, (s) => (s["format"] = r.pick(STRING_FORMATS)));
        add(true, (s) => this.enumOrConst(s, theme));
        break;
      case "array":
        add(sub, (s) => (s["items"] = this.below(depth, refs)));
        add(sub, (s) => {
          const items = Array.from({ length: this.count(3) }, () => this.below(depth, refs));
          if (this.is2020) s["prefixItems"] = items;
          else {
            s["items"] = items;
            if (r.chance(0.6)) s["additionalItems"] = r.chance(0.5) ? false : this.below(depth, refs);
          }
          if (this.is2020 && r.chance(0.4)) s["items"] = r.chance(0.5) ? false : this.below(depth, refs);
        });
        add(sub, (s) => {
          s["contains"] = this.below(depth, refs);
          if (this.is2020 && r.chance(0.4)) s["minContains"] = r.int(0, 3);
          if (this.is2020 && r.chance(0.4)) s["maxContains"] = r.int(0, 3);
        });
        add(true, (s) => (s["minItems"] = r.int(0, 3)));
        add(true, (s) => (s["maxItems"] = r.int(0, 3)));
        add(true, (s) => (s["uniqueItems"] = r.chance(0.85)));
        add(sub && this.is2020, (s) => (s["unevaluatedItems"] = r.chance(0.5) ? false : this.below(depth, refs)));
        add(sub && this.is2020, (s) => {
          // unevaluatedItems with the in-place applicators whose annotations it sees.
          s["unevaluatedItems"] = r.chance(0.6) ? false : this.below(depth, refs);
          Object.assign(s, this.keywords(depth, refs, "logic", 1));
        });
        break;
      case "object":
        add(sub, (s) => {
          const properties: JsonObject = {};
          for (const name of this.names(this.count(3))) setKey(properties, name, this.below(depth, refs));
          s["properties"] = properties;
        });
        add(true, (s) => (s["required"] = this.names(this.count(3))));
        add(true, (s) => (s["required"] = this.names(this.count(3))));
        add(sub, (s) => (s["additionalProperties"] = r.chance(0.5) ? false : this.below(depth, refs)));
        add(sub, (s) => {
          const patterns: JsonObject = {};
          for (const pattern of r.some(NAME_PATTERNS, this.count(2))) patterns[pattern.source] = this.below(depth, refs);
          s["patternProperties"] = patterns;
        });
        add(sub, (s) => (s["propertyNames"] = this.propertyNames(depth, refs)));
        add(true, (s) => (s["minProperties"] = r.int(0, 3)));
        add(true, (s) => (s["maxProperties"] = r.int(0, 3)));
        if (this.is2020) {
          add(true, (s) => {
            const dependent: JsonObject = {};
            for (const name of this.names(this.count(2))) {
              setKey(
                dependent,
                name,
                this.names(this.count(2)).filter((other) => other !== name),
              );
            }
            s["dependentRequired"] = dependent;
          });
          add(sub, (s) => {
            const dependent: JsonObject = {};
            for (const name of this.names(this.count(2))) setKey(dependent, name, this.inPlace(depth, refs));
            s["dependentSchemas"] = dependent;
          });
          add(sub, (s) => (s["unevaluatedProperties"] = r.chance(0.5) ? false : this.below(depth, refs)));
          add(sub, (s) => {
            s["unevaluatedProperties"] = r.chance(0.6) ? false : this.below(depth, refs);
            Object.assign(s, this.keywords(depth, refs, "logic", 1));
          });
        } else {
          add(sub, (s) => {
            const dependencies: JsonObject = {};
            for (const name of this.names(this.count(2))) {
              setKey(
                dependencies,
                name,
                r.chance(0.5) ? this.names(this.count(2)).filter((other) => other !== name) : this.inPlace(depth, refs),
              );
            }
            s["dependencies"] = dependencies;
          });
        }
        break;
      case "logic":
        add(sub, (s) => (s["allOf"] = Array.from({ length: this.count(3) }, () => this.inPlace(depth, refs))));
        add(sub, (s) => (s["anyOf"] = Array.from({ length: this.count(3) }, () => this.inPlace(depth, refs))));
        add(sub, (s) => (s["oneOf"] = Array.from({ length: this.count(3) }, () => this.inPlace(depth, refs))));
        add(sub, (s) => (s["not"] = this.inPlace(depth, refs)));
        add(sub, (s) => {
          s["if"] = this.inPlace(depth, refs);
          const branches = r.weighted([
            [4, "both"],
            [2, "then"],
            [2, "else"],
            [1, "none"],
          ] as const);
          if (branches === "both" || branches === "then") s["then"] = this.inPlace(depth, refs);
          if (branches === "both" || branches === "else") s["else"] = this.inPlace(depth, refs);
        });
        break;
      case "any":
        add(true, (s) => this.enumOrConst(s, theme));
        add(true, (s) => (s["type"] = this.type("any")));
        add(true, (s) => (s["format"] = r.pick([...STRING_FORMATS, "int32"])));
        break;
    }
    if (list.length === 0) list.push((s) => this.enumOrConst(s, theme));
    return list;
  }

  /** A schema for property names: mostly string keywords, sometimes anything. */
  private propertyNames(depth: number, refs: Refs): Json {
    const r = this.r;
    if (r.chance(0.3)) return this.below(depth, refs);
    const schema: JsonObject = {};
    const choice = r.int(0, 4);
    if (choice === 0) schema["pattern"] = r.pick(NAME_PATTERNS).source;
    else if (choice === 1) schema["maxLength"] = r.int(0, 2);
    else if (choice === 2) schema["minLength"] = r.int(1, 2);
    else if (choice === 3) schema["enum"] = this.names(this.count(3));
    else schema["const"] = r.weighted(PROPERTY_NAMES);
    return schema;
  }
}

/** Draft 2020-12 mostly, draft-07 for about one schema in five. */
export function schemaArbitrary(): fc.Arbitrary<GeneratedSchema> {
  return fc.gen().map((g) => {
    const r = new Random(g, fc);
    const dialect: Dialect = r.chance(0.2) ? "draft-07" : "2020-12";
    return { dialect, schema: new SchemaBuilder(r, dialect).build() };
  });
}
