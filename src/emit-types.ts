import { compile, type JSONSchema, type Options } from "json-schema-to-typescript";
import type { Dialect } from "./dialect.js";
import { keywordsWhere } from "./keywords.js";
import type { SchemaLocation, SchemaNode } from "./graph.js";
import type { ResolvedSchemas } from "./resolve.js";
import { isSchemaObject, setAtPath, type SchemaObject } from "./schema-walk.js";
import { sanitizeCommentText } from "./validators/code.js";

/** Keywords that only annotate: a `$ref` with nothing else beside it is just the referenced type. */
const ANNOTATIONS = new Set(keywordsWhere((definition) => definition.types === "annotation"));
/** Keywords json-schema-to-typescript must not see: they would rename types or pull in definitions. */
const HIDDEN = new Set(keywordsWhere((definition) => definition.types === "hidden"));

/**
 * json-schema-to-typescript's own extensions, which a schema must not reach it with: `tsType` is
 * pasted into the declarations as it is (code from a schema), `tsEnumNames` declares an enum and
 * `extends` (draft-03) adds supertypes, none of which the validators know.
 */
const JSON2TS_EXTENSIONS = new Set(["tsType", "tsEnumNames", "extends"]);

const JSON2TS_OPTIONS = {
  bannerComment: "",
  format: false,
  additionalProperties: false,
  unknownAny: true,
  declareExternallyReferenced: true,
  strictIndexSignatures: false,
  // Every $ref in a schema position is already a tsType; any left are data (enum, const, default).
  $refOptions: { resolve: { external: false, http: false }, dereference: { excludedPathMatcher: () => true } },
} satisfies Partial<Options>;

/** Keywords from which json-schema-to-typescript derives a type (`tsType` is its own). */
const SHAPING = new Set([...keywordsWhere((definition) => definition.types === "shapes"), "tsType"]);

export interface TypeContext {
  resolved: ResolvedSchemas;
  /** Type name of every named schema. */
  names: ReadonlyMap<SchemaNode, string>;
  /** Whether validators assert `format`. */
  assertFormats: boolean;
  /** Object types made once for subschemas that recur (see `shareIfLarge`), by prepared form. */
  sharedTypes: Map<string, SharedType>;
}

interface SharedType {
  /** Stands for the subschema in the keys of larger ones that contain it. */
  id: string;
  /** The type literal, or undefined when json-schema-to-typescript declared something else. */
  text: Promise<string | undefined>;
}

/** What preparing a schema found: the named types it uses, and the subschemas to type once and share. */
interface Preparation {
  references: Set<string>;
  /** In the order made: a subschema's own shared subschemas come before it. */
  shared: Array<{ placeholder: SchemaObject; copy: SchemaObject }>;
}

export interface EmittedTypes {
  /** TypeScript declarations (unformatted). */
  source: string;
  /** Named types declared elsewhere that the declarations use. */
  references: Set<string>;
  /** The type is `unknown`: its check function cannot narrow (a false result would leave `never`). */
  isUnknown: boolean;
}

/**
 * Rewrites keywords json-schema-to-typescript reads differently from the dialect, so that the type
 * is exact or honestly wider, never narrower than what the schema accepts.
 */
function toTypeableForm(copy: SchemaObject, dialect: Dialect): void {
  // 2020-12 tuples (prefixItems, then items for the rest) in the draft-07 form it turns into tuple types.
  if (dialect === "2020-12" && Array.isArray(copy["prefixItems"])) {
    if ("items" in copy) copy["additionalItems"] = copy["items"];
    copy["items"] = copy["prefixItems"];
    delete copy["prefixItems"];
  }
  // Pattern properties become an index signature; keys matching no pattern may still hold anything.
  if ("patternProperties" in copy && !("additionalProperties" in copy)) copy["additionalProperties"] = true;
  // Bounds no array meets leave only non-arrays; json-schema-to-typescript refuses them, so they go.
  if (typeof copy["minItems"] === "number" && typeof copy["maxItems"] === "number" && copy["maxItems"] < copy["minItems"]) {
    delete copy["minItems"];
    delete copy["maxItems"];
  }
}

/**
 * json-schema-to-typescript quotes each `patternProperties` key in a doc comment, escaping only the
 * first `*\/`: the keys it sees are made safe for a comment (they only name the index signature's
 * members there), kept apart if two become equal.
 */
function sanitizePatternKeys(copy: SchemaObject): void {
  const patterns = copy["patternProperties"];
  if (!isSchemaObject(patterns)) return;
  const renamed: SchemaObject = {};
  for (const [pattern, schema] of Object.entries(patterns)) {
    let key = sanitizeCommentText(pattern);
    while (Object.hasOwn(renamed, key)) key += " ";
    Object.defineProperty(renamed, key, { value: schema, enumerable: true, writable: true, configurable: true });
  }
  copy["patternProperties"] = renamed;
}

/**
 * A copy of the schema for json-schema-to-typescript in which every other named schema and every
 * `$ref` is replaced by `tsType: <Name>`, so each named type is declared once and imported elsewhere.
 */
function prepareSchema(node: SchemaNode, isRoot: boolean, context: TypeContext, found: Preparation): JSONSchema {
  const { references } = found;
  const { schema } = node;
  // json-schema-to-typescript reads nested booleans itself; at the root they would become interfaces.
  if (typeof schema === "boolean") return isRoot ? { tsType: schema ? "unknown" : "never" } : (schema as unknown as JSONSchema);
  const namedHere = context.names.get(node);
  if (!isRoot && namedHere !== undefined) {
    references.add(namedHere);
    return { tsType: namedHere };
  }
  const copy: SchemaObject = {};
  // OpenAPI 3.0's nullable, as JSON Schema's type list.
  const nullable = node.dialect === "openapi-3.0" && schema["nullable"] === true && "type" in schema;
  for (const [keyword, value] of Object.entries(schema)) {
    if (keyword === "type" && nullable) {
      copy[keyword] = [...new Set([...(Array.isArray(value) ? (value as unknown[]) : [value]), "null"])];
      continue;
    }
    if (HIDDEN.has(keyword) || JSON2TS_EXTENSIONS.has(keyword) || (keyword === "title" && !isRoot)) continue;
    copy[keyword] = keyword === "description" && typeof value === "string" ? sanitizeCommentText(value) : value;
  }
  const copies = new Set<unknown>();
  for (const child of node.children) {
    if (child.path[0] === "$defs" || child.path[0] === "definitions") continue;
    setAtPath(copy, child.path, prepareSchema(child, false, context, found), copies);
  }
  sanitizePatternKeys(copy);
  toTypeableForm(copy, node.dialect);
  // A dynamic reference is typed as its initial target, the most general of its possible targets.
  const target = node.ref ?? node.dynamicRef?.initial;
  if (target === undefined) return isRoot ? copy : shareIfLarge(node, copy, found);
  const targetName = context.names.get(target)!;
  references.add(targetName);
  const siblings = Object.keys(copy).filter((keyword) => !ANNOTATIONS.has(keyword));
  if (siblings.length === 0) return { ...copy, tsType: targetName };
  // A $ref beside other keywords means both apply (2019-09 and later): an intersection.
  const annotations = Object.fromEntries(Object.entries(copy).filter(([keyword]) => ANNOTATIONS.has(keyword)));
  const constraints = Object.fromEntries(Object.entries(copy).filter(([keyword]) => !ANNOTATIONS.has(keyword)));
  return { ...annotations, allOf: [{ tsType: targetName }, constraints] };
}

/** Subschemas with at least this many schemas are typed once however often they recur. */
const SHARED_MIN_SIZE = 20;
const SHARED_ROOT_NAME = "CodegenSharedObject";

/**
 * An object subschema that is large enough is typed on its own, once per distinct prepared form,
 * and used as `tsType` wherever it recurs: GitHub's webhook schemas repeat the same objects inline
 * hundreds of times, and typing them is most of json-schema-to-typescript's time. Only plain object
 * schemas qualify, whose type literal is the body of the interface it declares for them as a root;
 * the annotations stay beside the `tsType` for the doc comment of the property holding it.
 */
function shareIfLarge(node: SchemaNode, copy: SchemaObject, found: Preparation): SchemaObject {
  const type = copy["type"];
  const objectType = type === "object" || (Array.isArray(type) && type.length === 2 && type.includes("object") && type.includes("null"));
  const plain =
    objectType &&
    isSchemaObject(copy["properties"]) &&
    Object.keys(copy).every((keyword) => ANNOTATIONS.has(keyword) || PLAIN_OBJECT_KEYWORDS.has(keyword) || keyword.startsWith("x-"));
  if (!plain || node.size < SHARED_MIN_SIZE) return copy;
  const placeholder: SchemaObject = Object.fromEntries(Object.entries(copy).filter(([keyword]) => ANNOTATIONS.has(keyword)));
  found.shared.push({ placeholder, copy });
  return placeholder;
}

/** Keywords of an object schema that json-schema-to-typescript types the same at the root and inline. */
const PLAIN_OBJECT_KEYWORDS = new Set(keywordsWhere((definition) => definition.plainObject === true));

/** Gives each shared subschema's placeholder its type literal (or, failing that, the subschema back). */
async function fillShared(found: Preparation, location: SchemaLocation, context: TypeContext): Promise<void> {
  const ids = new Map<object, string>();
  for (const { placeholder, copy } of found.shared) {
    // Contained shared subschemas count by their id: their type literals are long.
    const key = JSON.stringify(copy, (_, value: unknown) =>
      typeof value === "object" && value !== null ? (ids.get(value) ?? value) : value,
    );
    let shared = context.sharedTypes.get(key);
    if (shared === undefined) {
      shared = { id: `#shared${context.sharedTypes.size}`, text: objectTypeLiteral(copy, location) };
      context.sharedTypes.set(key, shared);
    }
    ids.set(placeholder, shared.id);
    const text = await shared.text;
    if (text === undefined) Object.assign(placeholder, copy);
    else placeholder["tsType"] = text;
  }
}

/** The type json-schema-to-typescript makes for an object schema, as it would write it inline: what its root declaration declares. */
async function objectTypeLiteral(copy: SchemaObject, location: SchemaLocation): Promise<string | undefined> {
  const compiled = await json2ts({ ...copy, title: SHARED_ROOT_NAME }, SHARED_ROOT_NAME, location);
  // `export interface X {…}` for an object, `export type X = {…} | null;` when it may be null.
  const declaration = new RegExp(`^export (?:interface ${SHARED_ROOT_NAME} |type ${SHARED_ROOT_NAME} = )`, "m").exec(compiled);
  if (declaration === null) return undefined;
  const rest = compiled.slice(declaration.index + declaration[0].length);
  if (/^export /m.test(rest)) return undefined;
  return rest.trim().replace(/;$/, "");
}

/**
 * json-schema-to-typescript calls `node.hasOwnProperty(…)` on every object of a schema, so a
 * property (or data key) named `hasOwnProperty` crashes it. It gets a stand-in name, swapped back
 * in the declarations.
 */
const HAS_OWN_PROPERTY_STAND_IN = "__codegen_hasOwnProperty__";

function hideHasOwnProperty(value: unknown, keyword?: string): unknown {
  if (Array.isArray(value)) {
    return value.map((item) =>
      keyword === "required" && item === "hasOwnProperty" ? HAS_OWN_PROPERTY_STAND_IN : hideHasOwnProperty(item),
    );
  }
  if (typeof value !== "object" || value === null) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    Object.defineProperty(copy, key === "hasOwnProperty" ? HAS_OWN_PROPERTY_STAND_IN : key, {
      value: hideHasOwnProperty(item, key),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return copy;
}

const mentionsHasOwnProperty = new WeakMap<object, boolean>();

/** Whether a document has the text `hasOwnProperty` anywhere: only then must its schemas be rewritten (the rewrite copies every object). */
function needsHasOwnPropertyStandIn(location: SchemaLocation): boolean {
  const root = location.document.root;
  if (typeof root !== "object" || root === null) return false;
  let mentions = mentionsHasOwnProperty.get(root);
  if (mentions === undefined) mentionsHasOwnProperty.set(root, (mentions = JSON.stringify(root).includes("hasOwnProperty")));
  return mentions;
}

/** json-schema-to-typescript's declarations for a prepared schema of the document at `location` (`hasOwnProperty` still a stand-in). */
function json2ts(root: SchemaObject, name: string, location: SchemaLocation): Promise<string> {
  return compile((needsHasOwnPropertyStandIn(location) ? hideHasOwnProperty(root) : root) as JSONSchema, name, JSON2TS_OPTIONS);
}

/** TypeScript declarations for a named schema, made by json-schema-to-typescript. */
export async function emitTypes(node: SchemaNode, context: TypeContext): Promise<EmittedTypes> {
  const name = context.names.get(node)!;
  const found: Preparation = { references: new Set(), shared: [] };
  const prepared = prepareSchema(node, true, context, found);
  await fillShared(found, node, context);
  const { references } = found;
  // A root without any keyword that shapes the value allows every value, not only objects.
  const constrains = Object.keys(prepared).some((keyword) => SHAPING.has(keyword));
  const compiled = await json2ts({ ...prepared, ...(constrains ? {} : { tsType: "unknown" }), title: name }, name, node);
  // U+2028/U+2029 can only be left in string literals (property names, literal types): escaped there, as `literal()` does.
  const source = compiled
    .replaceAll(HAS_OWN_PROPERTY_STAND_IN, "hasOwnProperty")
    .replace(/[\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16)}`);
  // json-schema-to-typescript declares nothing for a schema that allows any value.
  if (source.trim() === "") return { source: `export type ${name} = unknown;\n`, references, isUnknown: true };
  if (!new RegExp(`^export (interface|type) ${name}\\b`, "m").test(source)) {
    throw new Error(`internal error: json-schema-to-typescript did not declare ${name}`);
  }
  references.delete(name);
  return { source, references, isUnknown: new RegExp(`^export type ${name} = unknown;?$`, "m").test(source) };
}
