/**
 * The keyword registry: one definition per keyword codegen knows, saying what it means to every
 * stage. The schema walker, the schema lint, the vocabulary filter, the type emitter's keyword
 * sets and the cache's contract are all read off this table; the validator compiler's keyword
 * families (src/validators/keywords/) claim the keywords marked `validates`, and a test checks
 * that each is claimed by exactly one family. To add a keyword, add its definition here first.
 */
import { atLeast, type Dialect } from "./dialect.js";
import type { SchemaNode } from "./graph.js";

/**
 * Where a keyword keeps subschemas: one schema; an object of schemas; a non-empty array of schemas;
 * `items` (a schema, or an array of them before 2020-12); `dependencies` (an object whose values are
 * schemas or arrays of property names).
 */
export type SubschemaKind = "schema" | "map" | "list" | "schema-or-list" | "schema-or-names";

/**
 * What the value must look like for codegen to read it; checked before anything else (src/check-schema.ts).
 * Keywords whose subschemas are `schema`, `map`, `list` or `schema-or-list` get that shape.
 * `non-negative-integer` is checked only where the dialect defines the keyword, as the validator
 * compiler reads it.
 */
export type ValueShape = "type" | "required" | "enum" | "string" | "non-negative-integer";

/**
 * What json-schema-to-typescript should make of a keyword (src/emit-types.ts): `shapes` it derives
 * a type from; `annotation` documents (kept for JSDoc, and a `$ref` beside only annotations is just
 * the referenced type); `hidden` it must not see (identifiers and references, which codegen
 * resolves itself); `other` it may read but that neither shapes nor only documents.
 */
export type TypeRole = "shapes" | "annotation" | "hidden" | "other";

/**
 * The vocabulary a keyword belongs to. Only `applicator`, `unevaluated`, `validation` and `format`
 * can be left out by a custom metaschema's `$vocabulary`; the others are always on. `legacy` holds
 * keywords of drafts before vocabularies (draft-07's `dependencies`), `openapi` OpenAPI 3.0's
 * additions to schema objects.
 */
export type Vocabulary = "core" | "applicator" | "unevaluated" | "validation" | "format" | "meta-data" | "content" | "legacy" | "openapi";

export interface KeywordDefinition {
  keyword: string;
  vocabulary: Vocabulary;
  /** The dialects that define it, when not all: `since`/`until` inclusive, in DIALECTS order. */
  since?: Dialect;
  until?: Dialect;
  subschemas?: SubschemaKind;
  shape?: ValueShape;
  types: TypeRole;
  /** json-schema-to-typescript types an object schema made only of these keywords the same inline as at the root. */
  plainObject?: true;
  /**
   * A `$ref` to a schema with this keyword can narrow the referring validator (`possibleTypes`
   * reads it), so it is part of the schema's contract in the cache: changing it regenerates referrers.
   */
  narrowsReferrers?: true;
  /** The validator compiler checks it; exactly one keyword family must claim it. */
  validates?: true;
}

const define = (keyword: string, vocabulary: Vocabulary, rest: Omit<KeywordDefinition, "keyword" | "vocabulary">): KeywordDefinition => ({
  keyword,
  vocabulary,
  ...rest,
});

/** Every keyword codegen knows. Subschema keywords are walked in this order, by kind (see `SUBSCHEMA_WALK`). */
export const KEYWORDS: readonly KeywordDefinition[] = [
  // Core: identifiers, references and definitions.
  define("$schema", "core", { shape: "string", types: "hidden" }),
  define("$id", "core", { shape: "string", types: "hidden", since: "openapi-3.0" }),
  define("id", "core", { types: "other", until: "draft-04" }),
  define("$anchor", "core", { types: "hidden", since: "2019-09" }),
  define("$dynamicAnchor", "core", { types: "hidden", since: "2020-12" }),
  define("$recursiveAnchor", "core", { types: "hidden", since: "2019-09", until: "2019-09" }),
  define("$ref", "core", { shape: "string", types: "hidden", narrowsReferrers: true, validates: true }),
  define("$dynamicRef", "core", { types: "hidden", since: "2020-12", validates: true }),
  define("$recursiveRef", "core", { types: "hidden", since: "2019-09", until: "2019-09", validates: true }),
  define("$vocabulary", "core", { types: "hidden", since: "2019-09" }),
  define("$comment", "core", { types: "hidden", since: "draft-07" }),
  // Applicators.
  define("additionalProperties", "applicator", { subschemas: "schema", types: "shapes", plainObject: true, validates: true }),
  define("additionalItems", "applicator", { subschemas: "schema", types: "other", until: "2019-09", validates: true }),
  define("unevaluatedProperties", "unevaluated", { subschemas: "schema", types: "other", since: "2019-09", validates: true }),
  define("unevaluatedItems", "unevaluated", { subschemas: "schema", types: "other", since: "2019-09", validates: true }),
  define("contains", "applicator", { subschemas: "schema", types: "other", since: "draft-06", validates: true }),
  define("propertyNames", "applicator", { subschemas: "schema", types: "other", since: "draft-06", validates: true }),
  define("not", "applicator", { subschemas: "schema", types: "other", validates: true }),
  define("if", "applicator", { subschemas: "schema", types: "other", since: "draft-07", validates: true }),
  define("then", "applicator", { subschemas: "schema", types: "other", since: "draft-07", validates: true }),
  define("else", "applicator", { subschemas: "schema", types: "other", since: "draft-07", validates: true }),
  define("properties", "applicator", { subschemas: "map", types: "shapes", plainObject: true, validates: true }),
  define("patternProperties", "applicator", { subschemas: "map", types: "shapes", validates: true }),
  // Core, listed here for the walk order: definitions are visited after properties.
  define("$defs", "core", { subschemas: "map", types: "hidden", since: "2019-09" }),
  define("definitions", "core", { subschemas: "map", types: "hidden" }),
  define("dependentSchemas", "applicator", { subschemas: "map", types: "other", since: "2019-09", validates: true }),
  define("allOf", "applicator", { subschemas: "list", types: "shapes", validates: true }),
  define("anyOf", "applicator", { subschemas: "list", types: "shapes", validates: true }),
  define("oneOf", "applicator", { subschemas: "list", types: "shapes", validates: true }),
  define("prefixItems", "applicator", { subschemas: "list", types: "shapes", since: "2020-12", validates: true }),
  define("items", "applicator", { subschemas: "schema-or-list", types: "shapes", validates: true }),
  define("dependencies", "legacy", { subschemas: "schema-or-names", types: "other", until: "draft-07", validates: true }),
  // Validation.
  define("type", "validation", { shape: "type", types: "shapes", plainObject: true, narrowsReferrers: true, validates: true }),
  define("enum", "validation", { shape: "enum", types: "shapes", narrowsReferrers: true, validates: true }),
  define("const", "validation", { types: "shapes", since: "draft-06", narrowsReferrers: true, validates: true }),
  define("multipleOf", "validation", { types: "other", validates: true }),
  define("maximum", "validation", { types: "other", validates: true }),
  define("exclusiveMaximum", "validation", { types: "other", validates: true }),
  define("minimum", "validation", { types: "other", validates: true }),
  define("exclusiveMinimum", "validation", { types: "other", validates: true }),
  define("maxLength", "validation", { shape: "non-negative-integer", types: "other", validates: true }),
  define("minLength", "validation", { shape: "non-negative-integer", types: "other", validates: true }),
  define("pattern", "validation", { shape: "string", types: "other", validates: true }),
  define("maxItems", "validation", { shape: "non-negative-integer", types: "other", validates: true }),
  define("minItems", "validation", { shape: "non-negative-integer", types: "other", validates: true }),
  define("uniqueItems", "validation", { types: "other", validates: true }),
  define("maxContains", "validation", { shape: "non-negative-integer", types: "other", since: "2019-09", validates: true }),
  define("minContains", "validation", { shape: "non-negative-integer", types: "other", since: "2019-09", validates: true }),
  define("maxProperties", "validation", { shape: "non-negative-integer", types: "other", validates: true }),
  define("minProperties", "validation", { shape: "non-negative-integer", types: "other", validates: true }),
  define("required", "validation", { shape: "required", types: "shapes", plainObject: true, validates: true }),
  define("dependentRequired", "validation", { types: "other", since: "2019-09", validates: true }),
  define("format", "format", { shape: "string", types: "other", validates: true }),
  // Meta-data and content: annotations only.
  define("title", "meta-data", { shape: "string", types: "annotation" }),
  define("description", "meta-data", { shape: "string", types: "annotation" }),
  define("default", "meta-data", { types: "annotation" }),
  define("deprecated", "meta-data", { types: "annotation", since: "2019-09" }),
  define("readOnly", "meta-data", { types: "annotation", since: "draft-07" }),
  define("writeOnly", "meta-data", { types: "annotation", since: "draft-07" }),
  define("examples", "meta-data", { types: "annotation", since: "draft-06" }),
  define("contentEncoding", "content", { types: "other", since: "draft-07" }),
  define("contentMediaType", "content", { types: "other", since: "draft-07" }),
  define("contentSchema", "content", { types: "other", since: "2019-09" }),
  // OpenAPI 3.0's schema objects.
  define("nullable", "openapi", { types: "other", plainObject: true, narrowsReferrers: true, validates: true }),
  define("discriminator", "openapi", { types: "other" }),
  define("xml", "openapi", { types: "other" }),
  define("externalDocs", "openapi", { types: "other" }),
  define("example", "openapi", { types: "other" }),
];

const BY_NAME = new Map(KEYWORDS.map((definition) => [definition.keyword, definition]));

/** The definition of a keyword codegen knows. */
export function keywordDefinition(keyword: string): KeywordDefinition | undefined {
  return BY_NAME.get(keyword);
}

/** Whether a keyword means something in some dialect codegen reads; `x-` extensions count as known. */
export function isKnownKeyword(keyword: string): boolean {
  return BY_NAME.has(keyword) || keyword.startsWith("x-");
}

/**
 * Keywords that other tools define as annotations, which published schemas carry for them. No
 * dialect defines them, so they mean nothing to validation, but they are not typos: codegen
 * ignores them without a warning. An entry ending in `*` is a prefix. The README lists them.
 */
export const TOOL_ANNOTATIONS: readonly string[] = [
  // The JSON language service of VS Code and other editors.
  "markdownDescription",
  "markdownEnumDescriptions",
  "enumDescriptions",
  "enumItemLabels",
  "deprecationMessage",
  "patternErrorMessage",
  "doNotSuggest",
  "suggestSortText",
  "defaultSnippets",
  "allowComments",
  "allowTrailingCommas",
  // ajv-errors.
  "errorMessage",
  // OpenAPI's singular example, common in plain JSON Schemas too.
  "example",
  // json-schema-to-typescript.
  "tsType",
  "tsEnumNames",
  // jsonschema2pojo.
  "javaType",
  "javaName",
  "javaEnumNames",
  "javaInterfaces",
  "existingJavaType",
  // Adobe's XDM (meta:enum, meta:extensible, …).
  "meta:*",
];

/** Whether `keyword` is in a list of annotation keywords, where an entry ending in `*` is a prefix. */
export function inAnnotationList(keyword: string, list: readonly string[]): boolean {
  return list.some((entry) => (entry.endsWith("*") ? keyword.startsWith(entry.slice(0, -1)) : keyword === entry));
}

/** Whether `dialect` defines the keyword. */
export function definedIn(keyword: string, dialect: Dialect): boolean {
  const definition = BY_NAME.get(keyword);
  if (definition === undefined) return false;
  return (
    (definition.since === undefined || atLeast(dialect, definition.since)) &&
    (definition.until === undefined || atLeast(definition.until, dialect))
  );
}

/**
 * Whether a keyword only informs readers: the meta-data annotations, and `$comment`. A `$ref` beside
 * nothing else is just its target, to the validators as to the type emitter (which also drops `$comment`).
 */
export function onlyInforms(keyword: string): boolean {
  return keyword === "$comment" || BY_NAME.get(keyword)?.types === "annotation";
}

const WALK_ORDER: readonly SubschemaKind[] = ["schema", "map", "list", "schema-or-list", "schema-or-names"];

/** The keywords holding subschemas, in the order every walk visits them: by kind, then as listed. */
export const SUBSCHEMA_WALK: ReadonlyArray<{ keyword: string; kind: SubschemaKind }> = WALK_ORDER.flatMap((kind) =>
  KEYWORDS.filter((definition) => definition.subschemas === kind).map((definition) => ({ keyword: definition.keyword, kind })),
);

/** The keywords whose definitions pass `test`, in registry order: how each stage takes its keyword list from the registry. */
export function keywordsWhere(test: (definition: KeywordDefinition) => boolean): string[] {
  return KEYWORDS.filter(test).map((definition) => definition.keyword);
}

const NARROWING_KEYWORDS = keywordsWhere((definition) => definition.narrowsReferrers === true);

/**
 * What a schema tells the validators of schemas that refer to it (see `narrowsReferrers`): its
 * dialect and its narrowing keywords, and the same of its `$ref` target. It is all that
 * `possibleTypes` can read, and what the cache hashes as a module's contract, so the two cannot drift.
 */
export interface Narrowing {
  key: string;
  dialect: Dialect;
  /** The narrowing keywords the schema has, or the boolean schema. */
  keywords: Readonly<Record<string, unknown>> | boolean;
  target(): Narrowing | undefined;
}

export function narrowingOf(node: SchemaNode): Narrowing {
  const { schema } = node;
  return {
    key: node.key,
    dialect: node.dialect,
    keywords:
      typeof schema === "boolean"
        ? schema
        : Object.fromEntries(NARROWING_KEYWORDS.filter((keyword) => keyword in schema).map((keyword) => [keyword, schema[keyword]])),
    target: () => (node.ref === undefined ? undefined : narrowingOf(node.ref)),
  };
}
