/**
 * The index: one walk over each document's schemas that builds the schema graph, lints every
 * schema object, and records what references will need (resource URIs, anchors, dynamic anchors,
 * and every reference site).
 */
import { LintFindings, lintSchema, lintValues } from "./check-schema.js";
import { atLeast, type Dialect, dialectOfMetaschema, refOverridesSiblings } from "./dialect.js";
import { CodegenError } from "./errors.js";
import { SchemaGraph, SchemaNode, type SchemaLocation } from "./graph.js";
import { appendPointer, parsePointer, valueAtPointer } from "./json-pointer.js";
import { definedIn } from "./keywords.js";
import type { SchemaDocument } from "./load.js";
import { isOpenApiDocument, openApiDialect, schemaRoots } from "./openapi.js";
import { isSchemaObject, setAtPath, subschemas, type Schema, type SchemaObject } from "./schema-walk.js";
import type { CustomMetaschema } from "./sources.js";
import { COMPONENT_REF, resolveUri, splitFragment } from "./uri.js";

/** A reference to resolve: its keyword, its value and the node holding it. */
export interface RefSite {
  keyword: "$ref" | "$dynamicRef" | "$recursiveRef";
  ref: string;
  node: SchemaNode;
}

/** The vocabulary filter of schemas under a standard metaschema. */
const NOTHING_IGNORED: ReadonlySet<string> = new Set();

/** What applies where the walk is: base URI, dialect, custom vocabulary, and whether a resource starts here. */
interface Scope {
  base: string;
  dialect: Dialect;
  vocabulary: CustomMetaschema | undefined;
  resourceRoot: boolean;
  /** The walk starts at a schema no other walk reached (see `addDetached`). */
  detached?: true;
}

/** Everything the resolver learns by walking documents. */
export class SchemaIndex {
  readonly resources = new Map<string, SchemaLocation>();
  readonly anchors = new Map<string, SchemaLocation>();
  readonly dynamicAnchors = new Map<string, Map<string, SchemaLocation>>();
  readonly graph = new SchemaGraph((location) => this.addDetached(location));
  readonly sites: RefSite[] = [];
  usesUnevaluated = false;
  /** What linting found: every error, and the warnings of the walks that report them. */
  readonly findings: LintFindings;
  /** Where the walk being made records what linting finds (a detached walk's warnings are dropped). */
  private current: LintFindings;
  /** Nodes of the document being added whose vocabularies leave out some of their keywords. */
  private filtered = new Map<SchemaNode, ReadonlySet<string>>();

  constructor(
    private readonly defaultDialect: Dialect,
    private readonly customMetaschema: (uri: string, location: SchemaLocation) => CustomMetaschema | undefined,
    annotations: readonly string[] = [],
  ) {
    this.findings = new LintFindings(annotations);
    this.current = this.findings;
  }

  /** Indexes and lints a document's schemas (what linting finds goes to `findings`). */
  add(document: SchemaDocument): void {
    // The retrieval URI names the document too, even when its root's $id says otherwise.
    const retrieval = splitFragment(document.uri)[0];
    if (!this.resources.has(retrieval)) this.resources.set(retrieval, { document, pointer: "" });
    const dialect = this.documentDialect(document);
    for (const pointer of schemaRoots(document)) {
      const schema = valueAtPointer(document.root, pointer) as Schema;
      const scope: Scope = { base: retrieval, dialect, vocabulary: undefined, resourceRoot: pointer === "" };
      this.visit(schema, { document, pointer }, [], undefined, scope);
    }
    if (this.filtered.size > 0) for (const root of this.graph.roots.filter((node) => node.document === document)) this.applyFilters(root);
    this.filtered = new Map();
  }

  private visit(
    schema: Schema,
    location: SchemaLocation,
    path: readonly (string | number)[],
    parent: SchemaNode | undefined,
    outer: Scope,
  ): void {
    const { document, pointer } = location;
    if (!isSchemaObject(schema)) {
      const assertsFormat = outer.vocabulary?.assertsFormat ?? false;
      this.graph.add(new SchemaNode(document, pointer, path, schema, parent, outer.dialect, outer.base, assertsFormat), outer.detached);
      return;
    }
    lintSchema(schema, document, pointer, this.current);
    const dialectScope = this.dialectScope(schema, location, outer);
    const ignored = dialectScope.vocabulary?.ignored ?? NOTHING_IGNORED;
    lintValues(schema, document, pointer, dialectScope.dialect, ignored, this.current);
    // Keywords outside the metaschema's vocabularies are unknown keywords: they mean nothing (see applyFilters).
    const applies = (keyword: string): boolean => keyword in schema && !ignored.has(keyword);
    const scope = this.identify(schema, location, dialectScope);
    const node = new SchemaNode(
      document,
      pointer,
      path,
      schema,
      parent,
      scope.dialect,
      scope.base,
      scope.vocabulary?.assertsFormat ?? false,
    );
    this.graph.add(node, outer.detached);
    if (ignored.size > 0 && Object.keys(schema).some((keyword) => ignored.has(keyword))) this.filtered.set(node, ignored);
    if (atLeast(scope.dialect, "2019-09") && (applies("unevaluatedProperties") || applies("unevaluatedItems"))) this.usesUnevaluated = true;
    for (const keyword of ["$ref", "$dynamicRef", "$recursiveRef"] as const) {
      const ref = schema[keyword];
      if (typeof ref === "string" && definedIn(keyword, scope.dialect)) this.sites.push({ keyword, ref, node });
    }
    const inner: Scope = { base: scope.base, dialect: scope.dialect, vocabulary: scope.vocabulary, resourceRoot: false };
    for (const child of subschemas(schema)) {
      if (ignored.has(String(child.path[0]))) continue;
      this.visit(child.schema, { document, pointer: appendPointer(pointer, ...child.path) }, child.path, node, inner);
    }
  }

  /**
   * Indexes a schema that a `$ref` by JSON pointer names but no walk reached (inside an unknown
   * keyword, or in an OpenAPI document's paths) like any other, so that its own references are
   * linked too. It is read in the scope of the nearest walked schema around it, else in the
   * document's dialect. Its lint warnings are not reported (the schema is not one of the inputs'
   * schemas); its errors are.
   */
  private addDetached(location: SchemaLocation): void {
    const { document } = location;
    const tokens = parsePointer(location.pointer);
    let enclosing: SchemaNode | undefined;
    while (enclosing === undefined && tokens.length > 0) {
      tokens.pop();
      enclosing = this.graph.walkedAt(document, appendPointer("", ...tokens));
    }
    const scope: Scope = {
      base: enclosing?.baseUri ?? splitFragment(document.uri)[0],
      dialect: enclosing?.dialect ?? this.documentDialect(document),
      vocabulary: undefined,
      resourceRoot: false,
      detached: true,
    };
    const outer = this.current;
    this.current = new LintFindings(this.findings.annotations, this.findings.errors);
    this.visit(valueAtPointer(document.root, location.pointer) as Schema, location, [], undefined, scope);
    this.current = outer;
  }

  private documentDialect(document: SchemaDocument): Dialect {
    return isOpenApiDocument(document) ? openApiDialect(document) : this.defaultDialect;
  }

  /**
   * Gives every node whose schema (or a subschema's) loses keywords to its vocabularies a copy
   * without them, parents pointing at their children's copies; returns the node's schema.
   */
  private applyFilters(node: SchemaNode): Schema {
    const ignored = this.filtered.get(node);
    const original = node.schema;
    const changed = node.children.filter((child) => {
      const before = child.schema;
      return this.applyFilters(child) !== before;
    });
    if (typeof original === "boolean" || (ignored === undefined && changed.length === 0)) return original;
    const copy = Object.fromEntries(Object.entries(original).filter(([keyword]) => ignored?.has(keyword) !== true));
    const copies = new Set<unknown>();
    for (const child of changed) setAtPath(copy, child.path, child.schema, copies);
    node.schema = copy;
    return copy;
  }

  /** The dialect and vocabulary at a schema: its `$schema`'s, else the enclosing ones. */
  private dialectScope(schema: SchemaObject, location: SchemaLocation, outer: Scope): Scope {
    const metaschema = typeof schema["$schema"] === "string" ? schema["$schema"] : undefined;
    const declared = metaschema === undefined ? undefined : dialectOfMetaschema(metaschema);
    const custom = metaschema !== undefined && declared === undefined ? this.customMetaschema(metaschema, location) : undefined;
    const vocabulary = declared !== undefined ? undefined : (custom ?? outer.vocabulary);
    return { ...outer, dialect: declared ?? custom?.dialect ?? outer.dialect, vocabulary };
  }

  /** Records the resource, anchors and dynamic anchors a schema declares; returns the scope with its base URI. */
  private identify(schema: SchemaObject, location: SchemaLocation, scope: Scope): Scope {
    const { dialect } = scope;
    let { base, resourceRoot } = scope;
    const id = schema[definedIn("id", dialect) ? "id" : "$id"];
    if (!refOverridesSiblings(schema, dialect) && typeof id === "string" && !(location.pointer === "" && COMPONENT_REF.test(id))) {
      const absolute = resolveUri(id, base);
      if (absolute === undefined) {
        this.findings.errors.push(
          new CodegenError(`"$id" ${JSON.stringify(id)} is not a valid URI reference against ${base}`, {
            file: location.document.displayPath,
            pointer: appendPointer(location.pointer, "$id"),
            hint: "Fix the $id.",
          }),
        );
        return scope;
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
    return { ...scope, base, resourceRoot };
  }

  private declareDynamicAnchor(resource: string, anchor: string, location: SchemaLocation): void {
    const anchors = this.dynamicAnchors.get(resource) ?? new Map<string, SchemaLocation>();
    if (!anchors.has(anchor)) anchors.set(anchor, location);
    this.dynamicAnchors.set(resource, anchors);
  }
}
