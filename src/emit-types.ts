import { compile, type JSONSchema, type Options } from "json-schema-to-typescript";
import { type Dialect, refOverridesSiblings } from "./dialect.js";
import { declareReadOnly, docCommentText, readOnlyProperties } from "./emit-types-jsdoc.js";
import { keywordsWhere, narrowingOf } from "./keywords.js";
import type { SchemaLocation, SchemaNode } from "./graph.js";
import { dynamicRefTargets, type ResolvedSchemas } from "./resolve.js";
import { isSchemaObject, setAtPath, type SchemaObject } from "./schema-walk.js";
import { sanitizeCommentText } from "./validators/code.js";
import { allowsNull, possibleTypes } from "./validators/keywords/type.js";

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
  }
  // Before 2020-12 prefixItems means nothing; json-schema-to-typescript would not read it either, but it counts as shaping.
  delete copy["prefixItems"];
  // A tuple is open unless the rest is ruled out: json-schema-to-typescript closes it otherwise.
  if (Array.isArray(copy["items"]) && !("additionalItems" in copy)) copy["additionalItems"] = true;
  // Pattern properties become an index signature; keys matching no pattern may still hold anything.
  if ("patternProperties" in copy && !("additionalProperties" in copy)) copy["additionalProperties"] = true;
  // Bounds no array meets leave only non-arrays; json-schema-to-typescript refuses them, so they go.
  if (typeof copy["minItems"] === "number" && typeof copy["maxItems"] === "number" && copy["maxItems"] < copy["minItems"]) {
    delete copy["minItems"];
    delete copy["maxItems"];
  }
  // A `null` in the type list that the enum (or const) rules out: it would add `| null` beside the values.
  const type = copy["type"];
  const allowed = Array.isArray(copy["enum"]) ? (copy["enum"] as unknown[]) : "const" in copy ? [copy["const"]] : undefined;
  if (Array.isArray(type) && type.includes("null") && type.length > 1 && allowed !== undefined && !allowed.includes(null)) {
    copy["type"] = type.filter((item) => item !== "null");
  }
}

const JSON_TYPES = ["object", "array", "string", "number", "boolean", "null"];
/** The keywords that apply only to objects or only to arrays (tuples are in `items` form by now). */
const TYPE_KEYWORDS = {
  object: ["properties", "patternProperties", "additionalProperties", "required"],
  array: ["items", "additionalItems"],
} as const;
const COMBINATORS = ["allOf", "anyOf", "oneOf"];

const typeList = (type: unknown): unknown[] => (Array.isArray(type) ? type : type === undefined ? [] : [type]);

/**
 * Object and array keywords without `type`: json-schema-to-typescript makes an interface (an
 * array) of them, but every value of another type passes them, so the sound type is that
 * interface or array or any other type the schema allows: every JSON type, or the ones the
 * schema's `allOf`/`anyOf`/`oneOf` parent declares (`inherited`), whose type it is intersected with.
 */
function typeUntyped(copy: SchemaObject, inherited: readonly unknown[] | undefined): void {
  if ("type" in copy) {
    dropKeywordsOfRuledOutTypes(copy, typeList(copy["type"]));
    return;
  }
  // An enum (or const) types the values exactly; json-schema-to-typescript would intersect them with the interface.
  const possible = "enum" in copy || "const" in copy ? [] : (inherited ?? JSON_TYPES);
  const members = dropKeywordsOfRuledOutTypes(copy, possible);
  if (members.length === 0) return;
  const rest = possible.filter((type) => !(members as readonly unknown[]).includes(type));
  if (rest.length === 0 && members.length === 1) {
    copy["type"] = members[0];
    typeObject(copy);
    return;
  }
  const constraints: SchemaObject = {};
  for (const keyword of Object.keys(copy).filter((keyword) => !ANNOTATIONS.has(keyword))) {
    constraints[keyword] = copy[keyword];
    delete copy[keyword];
  }
  const typed = members.map((type) => {
    const member: SchemaObject = { ...constraints, type };
    typeObject(member);
    return member;
  });
  copy["anyOf"] = [...typed, ...rest.map((type) => ({ type }))];
}

/**
 * The object part of a schema, where json-schema-to-typescript's interface would refuse objects the
 * schema allows: it writes `{}` (which also accepts strings and numbers) for an object that declares
 * no properties, and an interface whose properties are all optional is a weak type to TypeScript,
 * which refuses an object with none of them (`{ other: 1 }`). Both get an index signature for the
 * keys the schema leaves open; with `additionalProperties: false` and no properties, no key may be there.
 */
/**
 * Deletes the object and array keywords of `copy` for whichever of the two `possible` rules out:
 * they cannot shape the type (json-schema-to-typescript would intersect `{ a?: … }` with a tuple).
 * Returns the possible ones that have keywords.
 */
function dropKeywordsOfRuledOutTypes(copy: SchemaObject, possible: readonly unknown[]): ("object" | "array")[] {
  const keywordsOf = (type: "object" | "array"): string[] => TYPE_KEYWORDS[type].filter((keyword) => keyword in copy);
  const shaped = (["object", "array"] as const).filter((type) => keywordsOf(type).length > 0);
  for (const type of shaped.filter((type) => !possible.includes(type))) for (const keyword of keywordsOf(type)) delete copy[keyword];
  return shaped.filter((type) => possible.includes(type));
}

function typeObject(copy: SchemaObject): void {
  const types = typeList(copy["type"]);
  if (!types.includes("object") || "patternProperties" in copy) return;
  const properties = copy["properties"];
  const names = isSchemaObject(properties) ? Object.keys(properties) : [];
  if (names.length > 0) {
    const required = Array.isArray(copy["required"]) ? (copy["required"] as unknown[]) : [];
    if (!("additionalProperties" in copy) && !names.some((name) => required.includes(name))) copy["additionalProperties"] = true;
    return;
  }
  // (`required` alone declares nothing to json-schema-to-typescript; the members of a combinator shape the object.)
  if (COMBINATORS.some((keyword) => keyword in copy)) return;
  if (copy["additionalProperties"] !== false) {
    copy["additionalProperties"] ??= true;
    return;
  }
  delete copy["additionalProperties"];
  const others = types.filter((type) => type !== "object");
  delete copy["type"];
  if (others.length === 0) copy["tsType"] = "Record<string, never>";
  else copy["anyOf"] = [{ tsType: "Record<string, never>" }, { type: others }];
}

/** Whether json-schema-to-typescript derives a type from the prepared schema (else it allows every value). */
const shapesType = (copy: SchemaObject): boolean => Object.keys(copy).some((keyword) => SHAPING.has(keyword));

/** The annotations of a prepared schema: what the doc comment of the property holding it is made of. */
const annotationsOf = (copy: SchemaObject): SchemaObject =>
  Object.fromEntries(Object.entries(copy).filter(([keyword]) => ANNOTATIONS.has(keyword)));

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
 * `inherited` is the type list of the parent when the schema is one of its `allOf`/`anyOf`/`oneOf`.
 */
function prepareSchema(
  node: SchemaNode,
  isRoot: boolean,
  context: TypeContext,
  found: Preparation,
  inherited?: readonly unknown[],
): JSONSchema {
  const { schema } = node;
  // json-schema-to-typescript reads nested booleans itself; at the root they would become interfaces.
  if (typeof schema === "boolean") return isRoot ? { tsType: schema ? "unknown" : "never" } : (schema as unknown as JSONSchema);
  const namedHere = context.names.get(node);
  if (!isRoot && namedHere !== undefined) {
    found.references.add(namedHere);
    return { tsType: namedHere };
  }
  const copy = ownKeywords(node, schema, isRoot);
  // Draft-07 and earlier (and OpenAPI 3.0) ignore a $ref's siblings: the type is the target's.
  if (node.ref !== undefined && refOverridesSiblings(schema, node.dialect))
    return { ...annotationsOf(copy), tsType: referTo(node.ref, context, found) };
  if (nothingPasses(node, schema)) return { ...annotationsOf(copy), tsType: "never" };
  const copies = new Set<unknown>();
  const childInherits = COMBINATORS.some((keyword) => keyword in copy) ? ("type" in copy ? typeList(copy["type"]) : inherited) : undefined;
  for (const child of node.children) {
    if (child.path[0] === "$defs" || child.path[0] === "definitions") continue;
    const viaCombinator = COMBINATORS.includes(String(child.path[0]));
    setAtPath(copy, child.path, prepareSchema(child, false, context, found, viaCombinator ? childInherits : undefined), copies);
  }
  sanitizePatternKeys(copy);
  readOnlyProperties(copy, schema);
  toTypeableForm(copy, node.dialect);
  // A dynamic reference is any of the schemas it can go to at run time.
  const targets =
    node.ref !== undefined ? [node.ref] : node.dynamicRef !== undefined ? dynamicRefTargets(context.resolved, node.dynamicRef) : [];
  if (targets.length > 0) return besideReference(copy, targets, context, found, inherited);
  typeUntyped(copy, inherited);
  typeObject(copy);
  if (!shapesType(copy)) copy["tsType"] = "unknown";
  const typed = isRoot ? copy : shareIfLarge(node, copy, found);
  if (!allowsNull(schema, node.dialect) || "type" in schema || typed["tsType"] === "unknown") return typed;
  // A shared type's placeholder is filled in later (see `fillShared`): it stays the member itself.
  return withNull(
    typed,
    found.shared.some((shared) => shared.placeholder === typed),
  );
}

/**
 * Whether no value passes `node`: its `type`, `enum`/`const` and `$ref` rule out every JSON type
 * (`possibleTypes`, as the validators read them), alone or with those of its `allOf` branches. Its
 * type is `never`, what TypeScript would make of the intersection, which on a recursive schema can
 * be too complex for it to build (TS2590).
 */
function nothingPasses(node: SchemaNode, schema: SchemaObject): boolean {
  // Only these can contradict each other (an empty enum aside): most schemas are not worth the walk.
  const narrowing = ["type", "enum", "const", "$ref"].filter((keyword) => keyword in schema);
  const emptyEnum = Array.isArray(schema["enum"]) && schema["enum"].length === 0;
  if (!("allOf" in schema) && narrowing.length < 2 && !emptyEnum) return false;
  let possible = possibleTypes(narrowingOf(node));
  for (const child of node.children) {
    if (child.path[0] !== "allOf" || child.path.length !== 2) continue;
    const branch = possibleTypes(narrowingOf(child));
    possible = new Set([...possible].filter((type) => branch.has(type)));
  }
  return possible.size === 0;
}

/** The keywords json-schema-to-typescript may see, OpenAPI 3.0's nullable folded in, the doc comment made whole. */
function ownKeywords(node: SchemaNode, schema: SchemaObject, isRoot: boolean): SchemaObject {
  const copy: SchemaObject = {};
  for (const [keyword, value] of Object.entries(schema)) {
    // `nullable` is folded in below; json-schema-to-typescript would read it its own way.
    if (HIDDEN.has(keyword) || JSON2TS_EXTENSIONS.has(keyword) || keyword === "nullable" || (keyword === "title" && !isRoot)) continue;
    copy[keyword] = value;
  }
  // Where the schema names its types, null joins them (and its enum): `string | null` reads best.
  if (allowsNull(schema, node.dialect) && "type" in schema) {
    copy["type"] = [...new Set([...typeList(schema["type"]), "null"])];
    const allowed = "const" in copy ? [copy["const"]] : Array.isArray(copy["enum"]) ? (copy["enum"] as unknown[]) : undefined;
    if (allowed !== undefined) {
      delete copy["const"];
      copy["enum"] = allowed.includes(null) ? allowed : [...allowed, null];
    }
  }
  // The doc comment, whole, as the description; json-schema-to-typescript would put `@deprecated` first.
  delete copy["deprecated"];
  const comment = docCommentText(schema);
  if (comment === undefined) delete copy["description"];
  else copy["description"] = comment;
  return copy;
}

/** A schema with a `$ref` (or dynamic reference) that applies beside its other keywords (2019-09 and later). */
function besideReference(
  copy: SchemaObject,
  targets: readonly SchemaNode[],
  context: TypeContext,
  found: Preparation,
  inherited: readonly unknown[] | undefined,
): SchemaObject {
  const names = targets.map((each) => referTo(each, context, found));
  const targetName = names.length === 1 ? names[0]! : `(${names.join(" | ")})`;
  const annotations = annotationsOf(copy);
  const constraints = Object.fromEntries(Object.entries(copy).filter(([keyword]) => !ANNOTATIONS.has(keyword)));
  // The siblings are intersected with the target: only a single target's types need be typed.
  const only = targets.length === 1 ? targets[0]!.schema : undefined;
  typeUntyped(constraints, isSchemaObject(only) && "type" in only ? typeList(only["type"]) : inherited);
  typeObject(constraints);
  // Beside keywords that shape no type, a $ref is its target; else both apply: an intersection.
  if (!shapesType(constraints)) return { ...annotations, tsType: targetName };
  return { ...annotations, allOf: [{ tsType: targetName }, constraints] };
}

/** `T | null` for a prepared schema without `type` (`allOf`, `oneOf`, …), its annotations kept outside. */
function withNull(prepared: SchemaObject, isPlaceholder: boolean): SchemaObject {
  const member = isPlaceholder ? prepared : Object.fromEntries(Object.entries(prepared).filter(([keyword]) => !ANNOTATIONS.has(keyword)));
  return { ...annotationsOf(prepared), anyOf: [member, { type: "null" }] };
}

/** The type name of a reference's target, which the declarations then use. */
function referTo(target: SchemaNode, context: TypeContext, found: Preparation): string {
  const name = context.names.get(target)!;
  found.references.add(name);
  return name;
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

/** Whether `value` has a key or a string (a `required` item) that is `hasOwnProperty`, at any depth. */
function hasOwnPropertyIn(value: unknown): boolean {
  if (typeof value === "string") return value === "hasOwnProperty";
  if (Array.isArray(value)) return value.some(hasOwnPropertyIn);
  if (typeof value !== "object" || value === null) return false;
  for (const key in value) if (key === "hasOwnProperty" || hasOwnPropertyIn((value as Record<string, unknown>)[key])) return true;
  return false;
}

/** Whether a document names `hasOwnProperty` anywhere: only then must its schemas be rewritten (the rewrite copies every object). */
function needsHasOwnPropertyStandIn(location: SchemaLocation): boolean {
  const root = location.document.root;
  if (typeof root !== "object" || root === null) return false;
  let mentions = mentionsHasOwnProperty.get(root);
  if (mentions === undefined) mentionsHasOwnProperty.set(root, (mentions = hasOwnPropertyIn(root)));
  return mentions;
}

/** json-schema-to-typescript's declarations for a prepared schema of the document at `location` (`hasOwnProperty` still a stand-in). */
function json2ts(root: SchemaObject, name: string, location: SchemaLocation): Promise<string> {
  return compile((needsHasOwnPropertyStandIn(location) ? hideHasOwnProperty(root) : root) as JSONSchema, name, JSON2TS_OPTIONS);
}

const NAMED_ROOT_STAND_IN = "CodegenNamedSchema";

/** TypeScript declarations for a named schema, made by json-schema-to-typescript. */
export async function emitTypes(node: SchemaNode, context: TypeContext): Promise<EmittedTypes> {
  const name = context.names.get(node)!;
  const found: Preparation = { references: new Set(), shared: [] };
  const prepared = prepareSchema(node, true, context, found);
  await fillShared(found, node, context);
  const { references } = found;
  // Declared under a stand-in and renamed: json-schema-to-typescript would re-case some names (`D2bThing` → `D2BThing`).
  const compiled = (await json2ts({ ...prepared, title: NAMED_ROOT_STAND_IN }, NAMED_ROOT_STAND_IN, node)).replace(
    new RegExp(`^export (interface|type) ${NAMED_ROOT_STAND_IN}\\b`, "m"),
    (_, kind: string) => `export ${kind} ${name}`,
  );
  // U+2028/U+2029 can only be left in string literals (property names, literal types): escaped there, as `literal()` does.
  const source = declareReadOnly(compiled)
    .replaceAll(HAS_OWN_PROPERTY_STAND_IN, "hasOwnProperty")
    .replace(/[\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16)}`);
  // json-schema-to-typescript declares nothing for a schema that allows any value.
  if (source.trim() === "") return { source: `export type ${name} = unknown;\n`, references: new Set(), isUnknown: true };
  if (!new RegExp(`^export (interface|type) ${name}\\b`, "m").test(source)) {
    throw new Error(`internal error: json-schema-to-typescript did not declare ${name}`);
  }
  // A name prepared under a keyword that was then left out (one for a type the schema rules out) is not imported.
  const used = new Set([...references].filter((reference) => reference !== name && mentionsName(source, reference)));
  return { source, references: used, isUnknown: new RegExp(`^export type ${name} = unknown;?$`, "m").test(source) };
}

const IDENTIFIER_PART = /[\p{ID_Continue}$\u200c\u200d]/u;

/** Whether `source` has `name` as a whole identifier somewhere (a mention in a comment counts too). */
function mentionsName(source: string, name: string): boolean {
  for (let at = source.indexOf(name); at >= 0; at = source.indexOf(name, at + 1)) {
    const before = source[at - 1];
    const after = source[at + name.length];
    if ((before === undefined || !IDENTIFIER_PART.test(before)) && (after === undefined || !IDENTIFIER_PART.test(after))) return true;
  }
  return false;
}
