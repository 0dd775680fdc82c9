/**
 * The analyze stage: loads what the inputs reference, builds and lints the schema graph
 * (schema-index.ts), links references (link.ts), queues the metaschema checks, and lists the
 * schemas that become named types.
 */
import { checkAgainstMetaschema } from "./check-schema.js";
import { DEFAULT_DIALECT, type Dialect, dialectOfMetaschema } from "./dialect.js";
import type { CodegenWarning } from "./errors.js";
import { locationKey, type SchemaGraph, type SchemaLocation, type SchemaNode } from "./graph.js";
import { appendPointer, valueAtPointer } from "./json-pointer.js";
import { linkReferences } from "./link.js";
import type { SchemaDocument } from "./load.js";
import { isOpenApiDocument, openApiDialect, schemaRoots } from "./openapi.js";
import { byCodeUnits } from "./order.js";
import { SchemaIndex } from "./schema-index.js";
import { isSchemaObject, type SchemaObject } from "./schema-walk.js";
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
  /** Validates every schema against its dialect's metaschema; throws for the first that breaks it. */
  checkMetaschemas(): void;
  /** Unknown keywords, in document order. */
  warnings: CodegenWarning[];
}

export async function resolveSchemas(
  inputs: readonly SchemaDocument[],
  cwd: string,
  options: ResolveOptions = {},
): Promise<ResolvedSchemas> {
  const sources = new SchemaSources(cwd, inputs, options.registry ?? {});
  const index = new SchemaIndex(options.dialect ?? DEFAULT_DIALECT, (uri, location) => sources.customMetaschema(uri, location));
  const metaschemaChecks: Array<() => void> = [];
  const warnings: CodegenWarning[] = [];
  const documents: SchemaDocument[] = [];
  const addDocument = (document: SchemaDocument): void => {
    metaschemaChecks.push(...metaschemaChecksOf(document, sources, options.dialect, index.graph));
    documents.push(document);
    warnings.push(...index.add(document));
  };
  inputs.forEach(addDocument);
  await linkReferences(index, sources, {
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
    checkMetaschemas: () => metaschemaChecks.forEach((check) => check()),
    warnings,
  };
}

/** The metaschema check of each schema root of a document, to run later (see `checkMetaschemas`). */
function metaschemaChecksOf(
  document: SchemaDocument,
  sources: SchemaSources,
  defaultDialect: Dialect | undefined,
  graph: SchemaGraph,
): Array<() => void> {
  const openApi = isOpenApiDocument(document) ? openApiDialect(document) : undefined;
  return schemaRoots(document).map((pointer) => {
    const schema = valueAtPointer(document.root, pointer);
    const metaschema = isSchemaObject(schema) && typeof schema["$schema"] === "string" ? schema["$schema"] : undefined;
    const declared =
      metaschema === undefined
        ? undefined
        : (dialectOfMetaschema(metaschema) ?? sources.customMetaschema(metaschema, { document, pointer })?.dialect);
    const dialect = declared ?? openApi ?? defaultDialect ?? DEFAULT_DIALECT;
    return () => {
      // The schema as it applies (without keywords its vocabularies leave out), once the document is indexed.
      const applied = graph.nodeAt({ document, pointer }).schema;
      // The components form's `$id` ("#/components/schemas/X") is codegen's convention, not a base URI.
      const checked = pointer === "" && componentName(document) !== undefined ? { ...(applied as SchemaObject), $id: undefined } : applied;
      // Through JSON, which leaves out the `$id: undefined` above.
      checkAgainstMetaschema(document, pointer, JSON.parse(JSON.stringify(checked)), dialect);
    };
  });
}

/**
 * The schemas that become named types, each once, in this order: every document's schema roots, a
 * bundle's definitions (inputs only: a referenced file contributes what is referenced), `$ref`
 * targets, dynamic reference targets, and the resources and anchors of the dynamic scope.
 */
function namedLocations(documents: readonly SchemaDocument[], inputs: readonly SchemaDocument[], index: SchemaIndex): SchemaNode[] {
  const named = new Map<string, SchemaLocation>();
  const name = (location: SchemaLocation): void => {
    if (!named.has(locationKey(location))) named.set(locationKey(location), location);
  };
  for (const document of documents) for (const pointer of schemaRoots(document)) name({ document, pointer });
  for (const document of inputs) {
    for (const pointer of schemaRoots(document)) {
      const schema = valueAtPointer(document.root, pointer);
      if (!isSchemaObject(schema)) continue;
      for (const keyword of ["$defs", "definitions"]) {
        const definitions = schema[keyword];
        if (!isSchemaObject(definitions)) continue;
        for (const key of Object.keys(definitions)) name({ document, pointer: appendPointer(pointer, keyword, key) });
      }
    }
  }
  for (const site of index.sites) if (site.keyword === "$ref" && site.node.ref !== undefined) name(site.node.ref);
  for (const site of index.sites) if (site.keyword !== "$ref" && site.node.dynamicRef !== undefined) name(site.node.dynamicRef.initial);
  for (const [resourceUri, anchors] of index.dynamicAnchors) {
    const resource = index.resources.get(resourceUri);
    if (resource !== undefined) name(resource);
    anchors.forEach(name);
  }
  // As graph nodes: every later stage starts from them, and finds their subschemas below them.
  return [...named.values()].map((location) => index.graph.nodeAt(location));
}
