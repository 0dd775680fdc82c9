/**
 * The analyze stage: loads what the inputs reference, builds and lints the schema graph
 * (schema-index.ts), links references (link.ts), and lists the schemas that become named types.
 * The metaschema checks run on the graph's roots when generate() asks, after the lint.
 */
import { checkAgainstMetaschema } from "./check-schema.js";
import { DEFAULT_DIALECT, type Dialect } from "./dialect.js";
import { CodegenError, type CodegenWarning } from "./errors.js";
import type { DynamicRef, SchemaGraph, SchemaLocation, SchemaNode } from "./graph.js";
import { linkReferences } from "./link.js";
import type { SchemaDocument } from "./load.js";
import { byCodeUnits } from "./order.js";
import { SchemaIndex } from "./schema-index.js";
import type { SchemaObject } from "./schema-walk.js";
import { SchemaSources } from "./sources.js";
import { componentName, componentRegistry } from "./uri.js";

export interface ResolveOptions {
  /** Dialect of schemas without `$schema`. */
  dialect?: Dialect;
  /** URI prefixes served from local directories, e.g. `{ "http://localhost:1234/": "remotes" }`. */
  registry?: Readonly<Record<string, string>>;
  /** Fetch `http(s)` refs that the registry does not map (default: refuse them). */
  allowRemote?: boolean;
  /** Follow file refs outside the project directory and the inputs' directories (default: refuse them). */
  allowOutsideRoot?: boolean;
  /** Annotation keywords to ignore without a warning, besides the built-in ones (`*` ends a prefix). */
  annotations?: readonly string[];
}

export interface ResolvedSchemas {
  /** The input documents, then every document they reference, each list sorted by path. */
  documents: SchemaDocument[];
  /** Every schema walked, linked: `$ref` targets are set on the nodes that hold them. */
  graph: SchemaGraph;
  /** Dynamic anchors (`""` for `$recursiveAnchor`) declared by each schema resource, by its base URI. */
  dynamicAnchors: ReadonlyMap<string, ReadonlyMap<string, SchemaNode>>;
  /** Whether any schema uses unevaluatedProperties/unevaluatedItems, which need evaluation tracking. */
  usesUnevaluated: boolean;
  /** Every document root, `$ref` target and dynamic scope entry, each once, in document order. */
  namedLocations: SchemaNode[];
  /** Custom metaschema files read for their `$vocabulary` (their content matters too). */
  metaschemaFiles: string[];
  /**
   * Validates every schema root against its dialect's metaschema; an error for each that breaks it.
   * Documents with lint errors are left out: the lint said more about them.
   */
  checkMetaschemas(): Promise<CodegenError[]>;
  /** Unknown keywords and slow patterns, each once, in the order first seen. */
  warnings: CodegenWarning[];
  /** What makes the schemas unusable: lint errors and unresolvable references, each independent of the others. */
  errors: CodegenError[];
}

export async function resolveSchemas(
  inputs: readonly SchemaDocument[],
  cwd: string,
  options: ResolveOptions = {},
): Promise<ResolvedSchemas> {
  const sources = new SchemaSources(cwd, inputs, options.registry ?? {});
  const index = new SchemaIndex(
    options.dialect ?? DEFAULT_DIALECT,
    (uri, location) => sources.customMetaschema(uri, location),
    options.annotations,
  );
  const documents: SchemaDocument[] = [];
  const addDocument = (document: SchemaDocument): void => {
    documents.push(document);
    index.add(document);
  };
  inputs.forEach(addDocument);
  const linkErrors = await linkReferences(index, sources, {
    cwd,
    allowRemote: options.allowRemote ?? false,
    allowOutsideRoot: options.allowOutsideRoot ?? false,
    components: componentRegistry(inputs),
    addDocument,
    hasDocument: (uri) => documents.some((document) => document.uri === uri),
  });
  const inputSet = new Set(inputs);
  const loaded = documents.filter((document) => !inputSet.has(document)).sort((a, b) => byCodeUnits(a.file, b.file));
  return {
    documents: [...inputs, ...loaded],
    graph: index.graph,
    dynamicAnchors: new Map(
      [...index.dynamicAnchors].map(([resourceUri, anchors]) => [
        resourceUri,
        new Map([...anchors].map(([anchor, location]) => [anchor, index.graph.nodeAt(location)])),
      ]),
    ),
    usesUnevaluated: index.usesUnevaluated,
    namedLocations: namedLocations(documents, inputs, index),
    metaschemaFiles: sources.metaschemaFiles,
    checkMetaschemas: async () => {
      const linted = new Set(index.findings.errors.map((error) => error.file));
      const errors: CodegenError[] = [];
      for (const root of index.graph.roots) {
        if (linted.has(root.document.displayPath)) continue;
        try {
          await checkRootAgainstMetaschema(root);
        } catch (error) {
          if (!(error instanceof CodegenError)) throw error;
          errors.push(error);
        }
      }
      return errors;
    },
    warnings: index.findings.warnings,
    errors: [...index.findings.errors, ...linkErrors],
  };
}

/**
 * Every schema a dynamic reference can go to at run time: its initial target, and each schema that
 * declares its anchor in some resource (the dynamic scope decides which). A static one has only the first.
 */
export function dynamicRefTargets(resolved: Pick<ResolvedSchemas, "dynamicAnchors">, dynamicRef: DynamicRef): SchemaNode[] {
  const targets = new Set([dynamicRef.initial]);
  if (dynamicRef.anchor !== undefined) {
    for (const anchors of resolved.dynamicAnchors.values()) {
      const declared = anchors.get(dynamicRef.anchor);
      if (declared !== undefined) targets.add(declared);
    }
  }
  return [...targets];
}

/** Checks a schema root, as it applies (without keywords its vocabularies leave out), against its dialect's metaschema. */
async function checkRootAgainstMetaschema(root: SchemaNode): Promise<void> {
  const { document, pointer, schema } = root;
  // The components form's `$id` ("#/components/schemas/X") is codegen's convention, not a base URI.
  const checked = pointer === "" && componentName(document) !== undefined ? { ...(schema as SchemaObject), $id: undefined } : schema;
  // Through JSON, which leaves out the `$id: undefined` above.
  await checkAgainstMetaschema(document, pointer, JSON.parse(JSON.stringify(checked)), root.dialect);
}

/**
 * The schemas that become named types, each once, in this order: every document's schema roots, a
 * bundle's definitions (inputs only: a referenced file contributes what is referenced), `$ref`
 * targets, dynamic reference targets, and the resources and anchors of the dynamic scope.
 */
function namedLocations(documents: readonly SchemaDocument[], inputs: readonly SchemaDocument[], index: SchemaIndex): SchemaNode[] {
  const { graph } = index;
  const named = new Set<SchemaNode>();
  const name = (location: SchemaLocation): void => {
    named.add(graph.nodeAt(location));
  };
  const rootsOf = (document: SchemaDocument): SchemaNode[] => graph.roots.filter((root) => root.document === document);
  for (const document of documents) rootsOf(document).forEach(name);
  const inputSet = new Set(inputs);
  for (const root of graph.roots) {
    if (!inputSet.has(root.document)) continue;
    for (const child of root.children) if (child.path[0] === "$defs" || child.path[0] === "definitions") name(child);
  }
  for (const site of index.sites) if (site.keyword === "$ref" && site.node.ref !== undefined) name(site.node.ref);
  for (const site of index.sites) if (site.keyword !== "$ref" && site.node.dynamicRef !== undefined) name(site.node.dynamicRef.initial);
  for (const [resourceUri, anchors] of index.dynamicAnchors) {
    const resource = index.resources.get(resourceUri);
    if (resource !== undefined) name(resource);
    anchors.forEach(name);
  }
  // Graph nodes: every later stage starts from them, and finds their subschemas below them.
  return [...named];
}
