import { refOverridesSiblings } from "../dialect.js";
import type { SchemaNode } from "../graph.js";
import { parsePointer } from "../json-pointer.js";
import { pascalCase } from "../name.js";
import { isSchemaObject } from "../schema-walk.js";
import { Shapes } from "./shape.js";

/**
 * Subschemas shared across modules: an inline subschema whose shape (see shape.ts) recurs in
 * another module gets one exported function pair, in the module of its first occurrence, which
 * every other occurrence calls (GitHub's webhooks each inline the same pull request, repository
 * and user objects). Its collector takes the schema path of the occurrence it checks.
 */
export interface SharedSubschema {
  /** The first occurrence, compiled in its module. */
  node: SchemaNode;
  /** A type name declared by that module: where the functions are imported from. */
  moduleTypeName: string;
  /** The base of the functions' names: `checkBase`, `collectBaseErrors`. */
  baseName: string;
  shape: string;
}

export interface SharedSubschemas {
  /** The shapes of the run's subschemas, computed once for the plan and the compilers. */
  shapes: Shapes;
  /** The shared subschema an occurrence stands for, if its shape is shared. */
  of(node: SchemaNode): SharedSubschema | undefined;
  /** Those whose functions a module declares, by the module's first type name. */
  ownedBy(moduleTypeName: string): readonly SharedSubschema[];
  /** What a module's output depends on, for its cache key: each shared occurrence in it, with its owner. */
  contract(moduleTypeName: string): string[];
}

/**
 * Subschemas at least this big are shared: a call costs a check little next to a dozen keywords,
 * while smaller ones (mostly single properties) are cheaper inline.
 */
const SHARE_MIN_SIZE = 10;

/**
 * Plans the shared subschemas of a run from its modules' named schemas (a module is known by its
 * first type name; the first occurrence in module order declares); `enabled` false plans none.
 */
export function shareSubschemas(
  modules: ReadonlyArray<{ locations: readonly SchemaNode[] }>,
  names: ReadonlyMap<SchemaNode, string>,
  enabled: boolean,
): SharedSubschemas {
  const shapes = new Shapes(names);
  const occurrences = new Map<string, { node: SchemaNode; module: string; locations: readonly SchemaNode[] }[]>();
  const moduleOf = new Map<SchemaNode, string>();
  if (enabled) {
    for (const module of modules) {
      const moduleTypeName = names.get(module.locations[0]!)!;
      for (const root of module.locations) {
        for (const node of inlineDescendants(root, names)) {
          if (!shareable(node)) continue;
          const shape = shapes.of(node);
          const list = occurrences.get(shape) ?? [];
          list.push({ node, module: moduleTypeName, locations: module.locations });
          occurrences.set(shape, list);
          moduleOf.set(node, moduleTypeName);
        }
      }
    }
  }
  const byShape = new Map<string, SharedSubschema>();
  const owned = new Map<string, SharedSubschema[]>();
  const taken = new Set<string>();
  for (const [shape, list] of occurrences) {
    if (new Set(list.map(({ module }) => module)).size < 2) continue;
    const first = list[0]!;
    const base = subschemaBaseName(first.node, first.locations, names);
    let baseName = base;
    for (let counter = 2; taken.has(baseName); counter++) baseName = `${base}${counter}`;
    taken.add(baseName);
    const shared: SharedSubschema = { node: first.node, moduleTypeName: first.module, baseName, shape };
    byShape.set(shape, shared);
    owned.set(first.module, [...(owned.get(first.module) ?? []), shared]);
  }
  const contracts = new Map<string, string[]>();
  for (const [node, module] of moduleOf) {
    const shared = byShape.get(shapes.of(node));
    if (shared === undefined) continue;
    contracts.set(module, [
      ...(contracts.get(module) ?? []),
      `${node.pointer}=${shared.moduleTypeName}.${shared.baseName}.${shared.shape}`,
    ]);
  }
  return {
    shapes,
    of: (node) => (byShape.size === 0 || names.has(node) || !shareable(node) ? undefined : byShape.get(shapes.of(node))),
    ownedBy: (moduleTypeName) => owned.get(moduleTypeName) ?? [],
    contract: (moduleTypeName) => (contracts.get(moduleTypeName) ?? []).sort(),
  };
}

/** Big enough, and with a `type` (so its collector always reports a path of its own) that a `$ref` does not override. */
function shareable(node: SchemaNode): boolean {
  const { schema } = node;
  return isSchemaObject(schema) && node.size >= SHARE_MIN_SIZE && "type" in schema && !refOverridesSiblings(schema, node.dialect);
}

/** The subschemas a named schema's validators compile inline: below it, down to other named schemas. */
function* inlineDescendants(root: SchemaNode, names: ReadonlyMap<SchemaNode, string>): Generator<SchemaNode> {
  const { schema } = root;
  if (typeof schema !== "object") return;
  for (const child of root.children) {
    if (!(child.path[0]! in schema) || names.has(child)) continue;
    yield child;
    yield* inlineDescendants(child, names);
  }
}

/**
 * `<Owner>_<Path>` for a subschema's private functions: named after the closest of a module's
 * named schemas containing it, and the path from there without `properties`.
 */
export function subschemaBaseName(node: SchemaNode, named: readonly SchemaNode[], names: ReadonlyMap<SchemaNode, string>): string {
  const owner = named
    .filter((candidate) => candidate.document === node.document && `${node.pointer}/`.startsWith(`${candidate.pointer}/`))
    .reduce((best, candidate) => (candidate.pointer.length > best.pointer.length ? candidate : best));
  const relative = parsePointer(node.pointer.slice(owner.pointer.length)).filter((token) => token !== "properties");
  // The underscore keeps private names apart from named schemas' (type names have none).
  return `${names.get(owner)!}_${pascalCase(relative.join(" "))}`;
}
