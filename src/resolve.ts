import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { checkAgainstMetaschema, lintSchema, type LintFindings } from "./check-schema.js";
import { atLeast, DEFAULT_DIALECT, type Dialect, dialectOfMetaschema, refOverridesSiblings } from "./dialect.js";
import { CodegenError, type CodegenWarning } from "./errors.js";
import { locationKey, SchemaGraph, SchemaNode, type DynamicRef, type SchemaLocation } from "./graph.js";
import { definedIn } from "./keywords.js";
import { appendPointer, decodeFragment, valueAtPointer } from "./json-pointer.js";
import { displayPath, parseJsonDocument, parseSchemaFile, schemaFileStem, type SchemaDocument } from "./load.js";
import { isOpenApiDocument, openApiDialect, schemaRoots } from "./openapi.js";
import { byCodeUnits } from "./order.js";
import { keywordsOutsideVocabularies } from "./vocabularies.js";
import { isSchemaObject, subschemas, type Schema, type SchemaObject } from "./schema-walk.js";

// The validator compiler still imports these from here.
export { locationKey, type DynamicRef, type SchemaLocation } from "./graph.js";
/** What applies at a schema object: its graph node. */
export type SchemaFacts = SchemaNode;

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
  /** The schema at a location (see `SchemaGraph.nodeAt`). */
  schemaAt(location: SchemaLocation): Schema;
  /** Every schema object holding a `$ref`, mapped to its target. */
  refTargets: Map<SchemaObject, SchemaLocation>;
  /** Every schema object holding a `$dynamicRef` (2020-12) or `$recursiveRef` (2019-09). */
  dynamicRefs: Map<SchemaObject, DynamicRef>;
  /** Dynamic anchors (`""` for `$recursiveAnchor`) declared by each schema resource, by its base URI. */
  dynamicAnchors: ReadonlyMap<string, ReadonlyMap<string, SchemaLocation>>;
  facts(schema: SchemaObject): SchemaFacts | undefined;
  /** Whether any schema uses unevaluatedProperties/unevaluatedItems, which need evaluation tracking. */
  usesUnevaluated: boolean;
  /** Every document root, `$ref` target and dynamic scope entry, each once, in document order. */
  namedLocations: SchemaLocation[];
  /** Custom metaschema files read for their `$vocabulary` (their content matters too). */
  metaschemaFiles: string[];
  /**
   * Validates every schema against its dialect's metaschema; throws for the first that breaks it.
   * Run after the keywords were compiled, whose errors for the keywords they read say more.
   */
  checkMetaschemas(): void;
  /** Unknown keywords, in document order. */
  warnings: CodegenWarning[];
}

const COMPONENT_REF = /^#\/components\/schemas\/([^/]+)(.*)$/;
const METASCHEMA_DIR = fileURLToPath(new URL("../../metaschemas/", import.meta.url));

/**
 * The Stytch docs export each OpenAPI component as its own file with `"$id":
 * "#/components/schemas/<name>"`. Such files are components of one virtual OpenAPI document:
 * `#/components/schemas/<name>` in any of them means the file whose `$id` (or file name) is that name.
 */
export function componentName(document: SchemaDocument): string | undefined {
  const id = isSchemaObject(document.root) ? document.root["$id"] : undefined;
  const match = typeof id === "string" ? COMPONENT_REF.exec(id) : null;
  return match?.[2] === "" && match[1] !== undefined ? decodeFragment(match[1]) : undefined;
}

function componentRegistry(documents: readonly SchemaDocument[]): Map<string, SchemaDocument> {
  const registry = new Map<string, SchemaDocument>();
  for (const document of documents) {
    const name = componentName(document);
    if (name !== undefined) registry.set(name, document);
  }
  for (const document of documents) {
    const name = schemaFileStem(document.file);
    if (!registry.has(name)) registry.set(name, document);
  }
  return registry;
}

function splitFragment(uri: string): [resource: string, fragment: string] {
  const hash = uri.indexOf("#");
  return hash === -1 ? [uri, ""] : [uri.slice(0, hash), uri.slice(hash + 1)];
}

/** `reference` resolved against `base` (RFC 3986), or `undefined` when that is impossible. */
function resolveUri(reference: string, base: string): string | undefined {
  try {
    return new URL(reference, base).href;
  } catch {
    return undefined;
  }
}

/** The shipped metaschemas, by `$id`. */
let metaschemaFiles: Map<string, string> | undefined;
function metaschemaFile(uri: string): string | undefined {
  if (metaschemaFiles === undefined) {
    metaschemaFiles = new Map();
    for (const entry of readdirSync(METASCHEMA_DIR, { recursive: true, encoding: "utf8" })) {
      if (!entry.endsWith(".json")) continue;
      const file = path.join(METASCHEMA_DIR, entry);
      const root = JSON.parse(readFileSync(file, "utf8")) as SchemaObject;
      const id = root["$id"] ?? root["id"];
      if (typeof id === "string") metaschemaFiles.set(splitFragment(id)[0], file);
    }
  }
  return metaschemaFiles.get(uri);
}

/** What a custom metaschema (a `$schema` that names no standard dialect) means: its dialect and what its `$vocabulary` says. */
interface CustomMetaschema {
  dialect: Dialect;
  ignored: ReadonlySet<string>;
  assertsFormat: boolean;
}

interface RefSite {
  keyword: "$ref" | "$dynamicRef" | "$recursiveRef";
  ref: string;
  node: SchemaNode;
}

/** Everything the resolver learns by walking documents. */
class SchemaIndex {
  readonly resources = new Map<string, SchemaLocation>();
  readonly anchors = new Map<string, SchemaLocation>();
  readonly dynamicAnchors = new Map<string, Map<string, SchemaLocation>>();
  readonly graph = new SchemaGraph();
  readonly sites: RefSite[] = [];
  usesUnevaluated = false;
  /** What linting the document being added found. */
  private findings: LintFindings = { unknown: [], backtracking: [] };

  constructor(
    private readonly defaultDialect: Dialect,
    private readonly customMetaschema: (uri: string, location: SchemaLocation) => CustomMetaschema | undefined,
  ) {}

  /** Indexes and lints a document's schemas; returns the lint's warnings. */
  add(document: SchemaDocument): CodegenWarning[] {
    this.findings = { unknown: [], backtracking: [] };
    // The retrieval URI names the document too, even when its root's $id says otherwise.
    const retrieval = splitFragment(document.uri)[0];
    if (!this.resources.has(retrieval)) this.resources.set(retrieval, { document, pointer: "" });
    const dialect = isOpenApiDocument(document) ? openApiDialect(document) : this.defaultDialect;
    for (const pointer of schemaRoots(document)) {
      const schema = valueAtPointer(document.root, pointer) as Schema;
      this.visit(schema, { document, pointer }, [], undefined, retrieval, dialect, undefined, pointer === "");
    }
    return [...this.findings.unknown, ...this.findings.backtracking];
  }

  private visit(
    schema: Schema,
    location: SchemaLocation,
    path: readonly (string | number)[],
    parent: SchemaNode | undefined,
    parentBase: string,
    parentDialect: Dialect,
    parentVocabulary: CustomMetaschema | undefined,
    isResourceRoot: boolean,
  ): void {
    if (!isSchemaObject(schema)) {
      this.graph.add(
        new SchemaNode(
          location.document,
          location.pointer,
          path,
          schema,
          parent,
          parentDialect,
          parentBase,
          parentVocabulary?.assertsFormat ?? false,
        ),
      );
      return;
    }
    lintSchema(schema, location.document, location.pointer, this.findings);
    const metaschema = typeof schema["$schema"] === "string" ? schema["$schema"] : undefined;
    const declared = metaschema === undefined ? undefined : dialectOfMetaschema(metaschema);
    const custom = metaschema !== undefined && declared === undefined ? this.customMetaschema(metaschema, location) : undefined;
    const dialect = declared ?? custom?.dialect ?? parentDialect;
    const vocabulary = declared !== undefined ? undefined : (custom ?? parentVocabulary);
    // Keywords outside the metaschema's vocabularies are unknown keywords: they mean nothing.
    for (const keyword of vocabulary?.ignored ?? []) delete schema[keyword];
    let base = parentBase;
    const refOverrides = refOverridesSiblings(schema, dialect);
    const id = schema[definedIn("id", dialect) ? "id" : "$id"];
    let resourceRoot = isResourceRoot;
    if (!refOverrides && typeof id === "string" && !(location.pointer === "" && COMPONENT_REF.test(id))) {
      const absolute = resolveUri(id, base);
      if (absolute === undefined) {
        throw new CodegenError(`"$id" ${JSON.stringify(id)} is not a valid URI reference against ${base}`, {
          file: location.document.displayPath,
          pointer: appendPointer(location.pointer, "$id"),
          hint: "Fix the $id.",
        });
      }
      const [resource, fragment] = splitFragment(absolute);
      if (resource !== base || fragment === "") {
        base = resource;
        resourceRoot = true;
      }
      // Before 2019-09, "$id": "#name" (or "…#name") declares a plain-name anchor.
      if (fragment !== "" && !fragment.startsWith("/") && !atLeast(dialect, "2019-09"))
        this.anchors.set(`${resource}#${fragment}`, location);
    }
    if (resourceRoot && !this.resources.has(base)) this.resources.set(base, location);
    if (definedIn("$anchor", dialect) && typeof schema["$anchor"] === "string") this.anchors.set(`${base}#${schema["$anchor"]}`, location);
    const dynamicAnchor = definedIn("$dynamicAnchor", dialect) ? schema["$dynamicAnchor"] : undefined;
    if (typeof dynamicAnchor === "string") {
      this.anchors.set(`${base}#${dynamicAnchor}`, location);
      this.declareDynamicAnchor(base, dynamicAnchor, location);
    }
    if (definedIn("$recursiveAnchor", dialect) && schema["$recursiveAnchor"] === true && resourceRoot)
      this.declareDynamicAnchor(base, "", location);

    const node = new SchemaNode(
      location.document,
      location.pointer,
      path,
      schema,
      parent,
      dialect,
      base,
      vocabulary?.assertsFormat ?? false,
    );
    if (atLeast(dialect, "2019-09") && ("unevaluatedProperties" in schema || "unevaluatedItems" in schema)) this.usesUnevaluated = true;
    this.graph.add(node);
    for (const keyword of ["$ref", "$dynamicRef", "$recursiveRef"] as const) {
      const ref = schema[keyword];
      if (typeof ref === "string" && definedIn(keyword, dialect)) this.sites.push({ keyword, ref, node });
    }
    for (const child of subschemas(schema)) {
      this.visit(
        child.schema,
        { document: location.document, pointer: appendPointer(location.pointer, ...child.path) },
        child.path,
        node,
        base,
        dialect,
        vocabulary,
        false,
      );
    }
  }

  private declareDynamicAnchor(resource: string, anchor: string, location: SchemaLocation): void {
    const anchors = this.dynamicAnchors.get(resource) ?? new Map<string, SchemaLocation>();
    if (!anchors.has(anchor)) anchors.set(anchor, location);
    this.dynamicAnchors.set(resource, anchors);
  }
}

export async function resolveSchemas(
  inputs: readonly SchemaDocument[],
  cwd: string,
  options: ResolveOptions = {},
): Promise<ResolvedSchemas> {
  const registry = Object.entries(options.registry ?? {}).map(([prefix, dir]) => ({ prefix, dir: path.resolve(cwd, dir) }));
  /** The local file a resource URI names, if codegen may read it: local files, the registry, metaschemas. */
  const fileOf = (uri: string): string | undefined => {
    const mapped = registry.find((entry) => uri.startsWith(entry.prefix));
    if (mapped !== undefined) return path.join(mapped.dir, uri.slice(mapped.prefix.length));
    return uri.startsWith("file:") ? fileURLToPath(uri) : metaschemaFile(uri);
  };
  const customMetaschemas = new Map<string, CustomMetaschema | undefined>();
  const metaschemaChecks: Array<() => void> = [];
  const warnings: CodegenWarning[] = [];
  const metaschemaFiles: string[] = [];
  const customMetaschema = (uri: string, location: SchemaLocation): CustomMetaschema | undefined => {
    const resourceUri = splitFragment(uri)[0];
    if (customMetaschemas.has(resourceUri)) return customMetaschemas.get(resourceUri);
    const file = fileOf(resourceUri);
    let custom: CustomMetaschema | undefined;
    if (file !== undefined && existsSync(file)) {
      metaschemaFiles.push(file);
      let root: SchemaObject;
      try {
        root = JSON.parse(readFileSync(file, "utf8")) as SchemaObject;
      } catch (error) {
        throw new CodegenError(`cannot read the metaschema ${uri} from ${displayPath(file, cwd)}: ${(error as Error).message}`, {
          file: location.document.displayPath,
          pointer: appendPointer(location.pointer, "$schema"),
          hint: "Fix the metaschema file, or refer to a standard metaschema.",
        });
      }
      const dialect = (typeof root["$schema"] === "string" ? dialectOfMetaschema(root["$schema"]) : undefined) ?? DEFAULT_DIALECT;
      const vocabulary = isSchemaObject(root["$vocabulary"]) ? root["$vocabulary"] : undefined;
      const outside =
        vocabulary === undefined ? { ignored: new Set<string>(), assertsFormat: false } : keywordsOutsideVocabularies(vocabulary, dialect);
      if ("unknownRequired" in outside) {
        throw new CodegenError(`the metaschema ${uri} requires the vocabulary ${outside.unknownRequired}, which codegen does not know`, {
          file: location.document.displayPath,
          pointer: appendPointer(location.pointer, "$schema"),
          hint: "Use a metaschema whose required vocabularies are the standard ones, or mark that vocabulary optional (false).",
        });
      }
      custom = { dialect, ignored: outside.ignored, assertsFormat: outside.assertsFormat };
    }
    customMetaschemas.set(resourceUri, custom);
    return custom;
  };
  const index = new SchemaIndex(options.dialect ?? DEFAULT_DIALECT, customMetaschema);
  const documents: SchemaDocument[] = [];
  const addDocument = (document: SchemaDocument): void => {
    const openApi = isOpenApiDocument(document) ? openApiDialect(document) : undefined;
    for (const pointer of schemaRoots(document)) {
      const schema = valueAtPointer(document.root, pointer);
      const metaschema = isSchemaObject(schema) && typeof schema["$schema"] === "string" ? schema["$schema"] : undefined;
      const declared =
        metaschema === undefined
          ? undefined
          : (dialectOfMetaschema(metaschema) ?? customMetaschema(metaschema, { document, pointer })?.dialect);
      // The components form's `$id` ("#/components/schemas/X") is codegen's convention, not a base URI.
      const checked = pointer === "" && componentName(document) !== undefined ? { ...(schema as SchemaObject), $id: undefined } : schema;
      const dialect = declared ?? openApi ?? options.dialect ?? DEFAULT_DIALECT;
      metaschemaChecks.push(() => checkAgainstMetaschema(document, pointer, JSON.parse(JSON.stringify(checked)), dialect));
    }
    documents.push(document);
    warnings.push(...index.add(document));
  };
  inputs.forEach(addDocument);
  const components = componentRegistry(inputs);

  /** Loads the document a resource URI names, if codegen may: local files, the registry, metaschemas. */
  const load = (uri: string): boolean => {
    const file = fileOf(uri);
    if (file === undefined || !existsSync(file) || documents.some((document) => document.uri === uri)) return false;
    // Parsed as inputs are: the same YAML rules (no aliases) and the same errors with line and column.
    const root = parseSchemaFile(file, displayPath(file, cwd));
    addDocument({ file, uri, displayPath: displayPath(file, cwd), root });
    return true;
  };

  /** Fetches a remote schema (only with `allowRemote`); its URI stands in for a file name. */
  const fetchRemote = async (uri: string): Promise<boolean> => {
    let text: string;
    try {
      const response = await fetch(uri);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      text = await response.text();
    } catch (error) {
      throw new CodegenError(`cannot fetch ${uri}: ${(error as Error).message}`, { hint: "Check the URL, or download the schema." });
    }
    addDocument({ file: uri, uri, displayPath: uri, root: parseJsonDocument(text, uri) });
    return true;
  };

  /** Directories file refs may reach without `allowOutsideRoot`: the project's and the inputs'. */
  const roots = [cwd, ...inputs.map((document) => path.dirname(document.file))];
  const insideRoots = (file: string): boolean =>
    roots.some((root) => {
      const relative = path.relative(root, file);
      return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
    });

  const targetOf = async (site: RefSite): Promise<SchemaLocation> => {
    const { document } = site.node;
    const unresolved = (why: string, hint: string): never => {
      throw new CodegenError(`cannot resolve ${site.keyword} "${site.ref}": ${why}`, {
        file: document.displayPath,
        pointer: appendPointer(site.node.pointer, site.keyword),
        hint,
      });
    };
    const malformed = (): never => unresolved("its percent-encoding is malformed", 'Write a literal "%" as %25.');
    const componentRef = COMPONENT_REF.exec(site.ref);
    const ownsComponents = isSchemaObject(document.root) && "components" in document.root;
    if (componentRef !== null && !ownsComponents) {
      const name = decodeFragment(componentRef[1] ?? "") ?? malformed();
      const component =
        components.get(name) ??
        unresolved(
          `no input file is the component "${name}"`,
          `Add a schema file with "$id": "#/components/schemas/${name}" (or named ${name}.json or .yaml) to the inputs.`,
        );
      return checked({ document: component, pointer: decodeFragment(componentRef[2] ?? "") ?? malformed() });
    }
    const absolute = resolveUri(site.ref, site.node.baseUri) ?? unresolved(`it is not a valid URI reference`, "Fix the reference.");
    const [resourceUri, fragment] = splitFragment(absolute);
    let resource = index.resources.get(resourceUri);
    if (
      resource === undefined &&
      resourceUri.startsWith("file:") &&
      !options.allowOutsideRoot &&
      !insideRoots(fileURLToPath(resourceUri))
    ) {
      return unresolved(
        `the file ${fileURLToPath(resourceUri)} is outside the project directory and the inputs' directories`,
        "Move the schema inside the project, or pass --allow-outside-root if you trust where it points.",
      );
    }
    const remote = /^https?:/.test(resourceUri) && fileOf(resourceUri) === undefined;
    if (resource === undefined && (remote && options.allowRemote ? await fetchRemote(resourceUri) : load(resourceUri)))
      resource = index.resources.get(resourceUri);
    if (resource === undefined) {
      if (resourceUri.startsWith("file:")) {
        return unresolved(
          `the file ${displayPath(fileURLToPath(resourceUri), cwd)} cannot be read`,
          "Check that the file exists at that path, relative to the file holding the $ref.",
        );
      }
      return unresolved(
        `no schema has the URI ${resourceUri}, and codegen does not fetch schemas over the network unless --allow-remote is given`,
        "Download the schema and refer to it by a relative path, map its URI prefix to a directory (registry), or pass --allow-remote.",
      );
    }
    if (fragment === "") return resource;
    if (fragment.startsWith("/")) {
      return checked({ document: resource.document, pointer: resource.pointer + (decodeFragment(fragment) ?? malformed()) });
    }
    return (
      index.anchors.get(`${resourceUri}#${fragment}`) ??
      unresolved(`${resourceUri} declares no anchor "${decodeFragment(fragment) ?? fragment}"`, "Check the anchor name.")
    );

    function checked(target: SchemaLocation): SchemaLocation {
      if (valueAtPointer(target.document.root, target.pointer) === undefined) {
        unresolved(
          `${target.document.displayPath} has nothing at "${target.pointer}"`,
          "Check the JSON pointer (percent-encode special characters, e.g. %3C for <).",
        );
      }
      return target;
    }
  };

  const refTargets = new Map<SchemaObject, SchemaLocation>();
  const dynamicRefs = new Map<SchemaObject, DynamicRef>();
  // Loading a document adds its sites to the list, so this loop reaches every referenced document.
  for (let next = 0; next < index.sites.length; next++) {
    const site = index.sites[next]!;
    const target = await targetOf(site);
    if (site.keyword === "$ref") {
      refTargets.set(site.node.schema as SchemaObject, target);
      site.node.ref = target;
      continue;
    }
    const targetSchema = valueAtPointer(target.document.root, target.pointer);
    const anchor = site.keyword === "$dynamicRef" ? splitFragment(site.ref)[1] : "";
    const declaresAnchor =
      isSchemaObject(targetSchema) &&
      (site.keyword === "$dynamicRef" ? targetSchema["$dynamicAnchor"] === anchor : targetSchema["$recursiveAnchor"] === true);
    // Without a matching anchor at the initial target, the reference is static, like $ref.
    site.node.dynamicRef = { initial: target, anchor: declaresAnchor ? anchor : undefined };
    dynamicRefs.set(site.node.schema as SchemaObject, site.node.dynamicRef);
  }

  const named = new Map<string, SchemaLocation>();
  const name = (location: SchemaLocation): void => {
    if (!named.has(locationKey(location))) named.set(locationKey(location), location);
  };
  for (const document of documents) for (const pointer of schemaRoots(document)) name({ document, pointer });
  // A bundle's definitions are named outputs too, referenced or not (inputs only: a referenced
  // file contributes what is referenced).
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
  refTargets.forEach(name);
  dynamicRefs.forEach((ref) => name(ref.initial));
  for (const [resourceUri, anchors] of index.dynamicAnchors) {
    const resource = index.resources.get(resourceUri);
    if (resource !== undefined) name(resource);
    anchors.forEach(name);
  }
  const inputSet = new Set(inputs);
  const loaded = documents.filter((document) => !inputSet.has(document)).sort((a, b) => byCodeUnits(a.file, b.file));
  return {
    documents: [...inputs, ...loaded],
    graph: index.graph,
    schemaAt: (location) => index.graph.nodeAt(location).schema,
    refTargets,
    dynamicRefs,
    dynamicAnchors: index.dynamicAnchors,
    facts: (schema) => index.graph.nodeOf(schema),
    usesUnevaluated: index.usesUnevaluated,
    namedLocations: [...named.values()],
    metaschemaFiles,
    checkMetaschemas: () => metaschemaChecks.forEach((check) => check()),
    warnings,
  };
}
