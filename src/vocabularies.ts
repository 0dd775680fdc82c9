import { atLeast, type Dialect } from "./dialect.js";

/**
 * A metaschema's `$vocabulary` decides which keywords mean anything (2019-09 on): a custom
 * metaschema without the validation vocabulary makes `minimum` an unknown keyword, ignored.
 * Core and meta-data keywords are always on; here are the vocabularies codegen can turn off.
 */
const VOCABULARY_KEYWORDS: Readonly<Record<string, readonly string[]>> = {
  applicator: [
    "prefixItems",
    "items",
    "additionalItems",
    "contains",
    "properties",
    "patternProperties",
    "additionalProperties",
    "propertyNames",
    "dependentSchemas",
    "if",
    "then",
    "else",
    "allOf",
    "anyOf",
    "oneOf",
    "not",
  ],
  unevaluated: ["unevaluatedItems", "unevaluatedProperties"],
  validation: [
    "type",
    "enum",
    "const",
    "multipleOf",
    "maximum",
    "exclusiveMaximum",
    "minimum",
    "exclusiveMinimum",
    "maxLength",
    "minLength",
    "pattern",
    "maxItems",
    "minItems",
    "uniqueItems",
    "maxContains",
    "minContains",
    "maxProperties",
    "minProperties",
    "required",
    "dependentRequired",
  ],
  format: ["format"],
};

const KNOWN_VOCABULARIES = new Set(["core", "applicator", "unevaluated", "validation", "meta-data", "format", "content"]);
const VOCABULARY_URI = /^https:\/\/json-schema\.org\/draft\/(2019-09|2020-12)\/vocab\/([a-z-]+)$/;

/** The short name of a standard vocabulary URI (`format-annotation` and `format-assertion` are `format`), or undefined. */
function vocabularyName(uri: string): string | undefined {
  const match = VOCABULARY_URI.exec(uri);
  if (match === null) return undefined;
  const name = match[2]!.startsWith("format") ? "format" : match[2]!;
  return KNOWN_VOCABULARIES.has(name) ? name : undefined;
}

/**
 * The keywords a metaschema's `$vocabulary` leaves out and whether it asserts formats (the
 * format-assertion vocabulary, required or optional, since codegen knows it), or a problem: a required vocabulary codegen
 * does not know (the specification says to refuse the schema then). Unknown optional ones are ignored.
 */
export function keywordsOutsideVocabularies(
  vocabulary: Readonly<Record<string, unknown>>,
  dialect: Dialect,
): { ignored: Set<string>; assertsFormat: boolean } | { unknownRequired: string } {
  const enabled = new Set<string>();
  let assertsFormat = false;
  for (const [uri, required] of Object.entries(vocabulary)) {
    if (uri.endsWith("/vocab/format-assertion") && vocabularyName(uri) !== undefined) assertsFormat = true;
    const name = vocabularyName(uri);
    if (name !== undefined) enabled.add(name);
    else if (required === true) return { unknownRequired: uri };
  }
  // In 2019-09 the applicator vocabulary holds the unevaluated* keywords.
  if (!atLeast(dialect, "2020-12") && enabled.has("applicator")) enabled.add("unevaluated");
  const ignored = new Set<string>();
  for (const [name, keywords] of Object.entries(VOCABULARY_KEYWORDS))
    if (!enabled.has(name)) keywords.forEach((keyword) => ignored.add(keyword));
  return { ignored, assertsFormat };
}

/** Keywords of the always-on vocabularies, and OpenAPI's additions to schema objects. */
const OTHER_KEYWORDS = [
  ...["$schema", "$id", "id", "$anchor", "$dynamicAnchor", "$dynamicRef", "$ref", "$recursiveRef", "$recursiveAnchor"],
  ...["$vocabulary", "$comment", "$defs", "definitions", "dependencies"],
  ...["title", "description", "default", "deprecated", "readOnly", "writeOnly", "examples"],
  ...["contentEncoding", "contentMediaType", "contentSchema"],
  ...["nullable", "discriminator", "xml", "externalDocs", "example"],
];
const KNOWN_KEYWORDS = new Set([...Object.values(VOCABULARY_KEYWORDS).flat(), ...OTHER_KEYWORDS]);

/** Whether a keyword means something in some dialect codegen reads; `x-` extensions count as known. */
export function isKnownKeyword(keyword: string): boolean {
  return KNOWN_KEYWORDS.has(keyword) || keyword.startsWith("x-");
}
