import { createHash } from "node:crypto";
import type { SchemaNode } from "../graph.js";
import { keywordDefinition } from "../keywords.js";

/**
 * Shapes of subschemas: equal for two subschemas whose validators are the same code, so that one
 * function pair serves both (GitHub's webhooks repeat the same inline objects hundreds of times).
 * A shape holds what the compiler reads: the dialect, where references resolve, the keywords that
 * validate (and core ones) with their values, and the shapes of the subschemas below. The location
 * and the keywords the compiler does not read (annotations, OpenAPI's `example`, unknown ones) do
 * not count. A named schema below is a call of its functions, so it counts by its name.
 */
export class Shapes {
  private readonly memo = new Map<SchemaNode, string>();

  constructor(private readonly names: ReadonlyMap<SchemaNode, string>) {}

  of(node: SchemaNode): string {
    let shape = this.memo.get(node);
    if (shape === undefined) {
      shape = createHash("sha1")
        .update(JSON.stringify(this.describe(node)))
        .digest("base64");
      this.memo.set(node, shape);
    }
    return shape;
  }

  private describe(node: SchemaNode): unknown[] {
    const { schema } = node;
    const own: Record<string, unknown> = {};
    if (typeof schema === "object") {
      for (const [keyword, value] of Object.entries(schema)) {
        if (!readByCompiler(keyword)) continue;
        // A keyword whose subschemas the graph did not walk (another dialect's) counts whole.
        own[keyword] = node.children.some((child) => child.path[0] === keyword) ? withoutSubschemas(keyword, value) : value;
      }
    }
    const below = node.children
      .filter((child) => typeof schema === "object" && child.path[0]! in schema)
      .map((child) => [child.path, this.names.get(child) ?? this.of(child)]);
    return [typeof schema === "boolean" ? schema : own, node.dialect, node.baseUri, node.assertsFormat, below];
  }
}

/** Whether the validator compiler may read `keyword`: the keywords it checks, and (to be safe) every core one. */
function readByCompiler(keyword: string): boolean {
  const definition = keywordDefinition(keyword);
  return definition !== undefined && (definition.validates === true || definition.vocabulary === "core");
}

/** A keyword's value with its subschemas left out (their shapes count on their own): names, counts, or the value. */
function withoutSubschemas(keyword: string, value: unknown): unknown {
  switch (keywordDefinition(keyword)?.subschemas) {
    case undefined:
      return value;
    case "schema":
      return "schema";
    case "map":
      return typeof value === "object" && value !== null ? Object.keys(value) : value;
    case "list":
    case "schema-or-list":
      return Array.isArray(value) ? value.length : "schema";
    case "schema-or-names":
      return typeof value === "object" && value !== null
        ? Object.entries(value).map(([name, entry]) => [name, Array.isArray(entry) ? entry : "schema"])
        : value;
  }
}
