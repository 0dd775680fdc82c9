import { atLeast, type Dialect } from "./dialect.js";
import { keywordsWhere } from "./keywords.js";

/**
 * A metaschema's `$vocabulary` decides which keywords mean anything (2019-09 on): a custom
 * metaschema without the validation vocabulary makes `minimum` an unknown keyword, ignored.
 * Core and meta-data keywords are always on; these are the vocabularies codegen can turn off,
 * with their keywords from the registry.
 */
const SWITCHABLE_VOCABULARIES = ["applicator", "unevaluated", "validation", "format"] as const;

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
  for (const name of SWITCHABLE_VOCABULARIES)
    if (!enabled.has(name)) keywordsWhere((definition) => definition.vocabulary === name).forEach((keyword) => ignored.add(keyword));
  return { ignored, assertsFormat };
}
