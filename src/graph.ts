/**
 * The schema graph: one node per schema of the inputs and the documents they reference, built once
 * by the resolver (src/resolve.ts) and handed to every later stage. A node knows where it is, what
 * applies there (dialect, vocabulary, base URI), its subschemas by keyword and, once linked, what its
 * references point at.
 */
import type { Dialect } from "./dialect.js";
import type { SchemaDocument } from "./load.js";
import type { Schema } from "./schema-walk.js";

/** A schema somewhere in a document: the unit that `$ref`s point at. */
export interface SchemaLocation {
  document: SchemaDocument;
  /** JSON pointer inside the document; `""` is its root. */
  pointer: string;
}

export function locationKey(location: SchemaLocation): string {
  return `${location.document.file}#${location.pointer}`;
}

/**
 * A `$dynamicRef` (2020-12) or `$recursiveRef` (2019-09) whose target depends on the dynamic scope:
 * at run time it goes to the outermost schema resource entered so far that declares `anchor`
 * (`""` stands for `$recursiveAnchor: true`), else to `initial`.
 */
export interface DynamicRef {
  initial: SchemaNode;
  /** `undefined` when the initial target declares no matching anchor: then it is a plain `$ref`. */
  anchor: string | undefined;
}

export class SchemaNode implements SchemaLocation {
  /** Subschemas in walk order (the keyword registry's), each with the tokens that lead to it. */
  readonly children: SchemaNode[] = [];
  /** Where the `$ref` points (set when the graph is linked). */
  ref: SchemaNode | undefined;
  dynamicRef: DynamicRef | undefined;

  constructor(
    readonly document: SchemaDocument,
    readonly pointer: string,
    /** Pointer tokens from the parent, e.g. `["properties", "name"]`; empty at a root. */
    readonly path: readonly (string | number)[],
    /** The schema as it applies: the input's, or a copy without the keywords its vocabularies leave out (`SchemaIndex.applyFilters`; the input is not changed). */
    public schema: Schema,
    readonly parent: SchemaNode | undefined,
    readonly dialect: Dialect,
    /** The URI that relative references in this schema resolve against. */
    readonly baseUri: string,
    /** The metaschema uses the format-assertion vocabulary: `format` asserts whatever the options say. */
    readonly assertsFormat: boolean,
  ) {}

  private byPath: Map<string, SchemaNode> | undefined;

  /** The subschema at `path` below this schema (`["properties", "name"]`), if the walk reached it. */
  child(path: readonly (string | number)[]): SchemaNode | undefined {
    if (this.byPath === undefined) this.byPath = new Map(this.children.map((child) => [child.path.join("\0"), child]));
    return this.byPath.get(path.join("\0"));
  }

  get key(): string {
    return locationKey(this);
  }

  private sizeMemo: number | undefined;

  /** How many schemas this one holds, itself included: the subschemas of its keywords as they apply. */
  get size(): number {
    if (this.sizeMemo === undefined) {
      const { schema } = this;
      this.sizeMemo =
        typeof schema === "boolean" ? 1 : this.children.reduce((sum, child) => sum + (child.path[0]! in schema ? child.size : 0), 1);
    }
    return this.sizeMemo;
  }
}

/** Every node of a run: its roots, and a node by location. */
export class SchemaGraph {
  /** `addDetached` indexes a schema no walk reached, adding its nodes with `add(node, true)` (see `nodeAt`). */
  constructor(private readonly addDetached: (location: SchemaLocation) => void) {}

  /** By document, then pointer: no location key string is made per node. */
  private readonly byLocation = new Map<SchemaDocument, Map<string, SchemaNode>>();
  /** The root node of each schema root of each document (see `schemaRoots`), in the order added. */
  readonly roots: SchemaNode[] = [];

  /** Adds a node below its parent; one without a parent is a root, unless `detached`. */
  add(node: SchemaNode, detached = false): void {
    let byPointer = this.byLocation.get(node.document);
    if (byPointer === undefined) this.byLocation.set(node.document, (byPointer = new Map<string, SchemaNode>()));
    byPointer.set(node.pointer, node);
    if (node.parent !== undefined) node.parent.children.push(node);
    else if (!detached) this.roots.push(node);
  }

  /** The node at a location, if a walk made one. */
  walkedAt(document: SchemaDocument, pointer: string): SchemaNode | undefined {
    return this.byLocation.get(document)?.get(pointer);
  }

  /**
   * The node at a location. A `$ref` by JSON pointer may point where no walk goes (inside an
   * unknown keyword, or an OpenAPI document's paths): that schema is indexed on first use, as a
   * detached node (see `SchemaIndex.addDetached`). The resolver asks for every reference target
   * while it links, so the references of detached schemas are linked too.
   */
  nodeAt(location: SchemaLocation): SchemaNode {
    if (location instanceof SchemaNode) return location;
    const walked = this.walkedAt(location.document, location.pointer);
    if (walked !== undefined) return walked;
    this.addDetached(location);
    return this.walkedAt(location.document, location.pointer)!;
  }

  /** Every node below (and including) `root`, depth first in walk order. */
  *descendants(root: SchemaNode): Generator<SchemaNode> {
    yield root;
    for (const child of root.children) yield* this.descendants(child);
  }
}
