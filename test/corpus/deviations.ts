/**
 * Where ajv misjudges the corpus, each with the JSON-Schema-Test-Suite test ajv fails
 * (corpus.test.ts checks that it still does). A verdict on which codegen and ajv differ is excused
 * only when ajv, given a rewrite of the schema that means the same, agrees with codegen; or, where
 * ajv cannot judge at all (a format it does not know), when every error only codegen reports is
 * that format's or stands at the same place.
 */
import type { SuiteTestReference } from "../differential/deviations.js";
import { isObject, walkValues, type Json } from "../differential/json.js";
import { parsePair, type Outcome } from "../differential/oracle.js";
import type { Rewrite } from "./oracle.js";

interface Deviation {
  id: string;
  description: string;
  suite: SuiteTestReference;
  /** Whether the deviation can touch this document (and, with a rewrite, whether the rewrite keeps its meaning). */
  applies(document: Json): boolean;
}

export type CorpusDeviation =
  | (Deviation & { rewrite: Rewrite })
  | (Deviation & {
      /** Whether the deviation accounts for codegen's outcome where ajv's differs. */
      explains(codegen: Outcome, ajv: Outcome): boolean;
    });

/** ajv-formats has no check for these: with `strict: false` ajv takes them for annotations. */
const FORMATS_AJV_LACKS: ReadonlySet<string> = new Set(["iri", "iri-reference", "idn-email", "idn-hostname"]);

const formatOf = (error: Outcome["errors"][number]) => (error.params as { format?: unknown } | undefined)?.format;

function dynamicAnchors(document: Json): string[] {
  return [...walkValues(document)].flatMap((value) => {
    const anchor = isObject(value) ? value["$dynamicAnchor"] : undefined;
    return typeof anchor === "string" ? [anchor] : [];
  });
}

function staticReferences(node: Json): Json {
  if (Array.isArray(node)) return node.map(staticReferences);
  if (!isObject(node)) return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => [
      key === "$dynamicRef" ? "$ref" : key === "$dynamicAnchor" ? "$anchor" : key,
      staticReferences(value),
    ]),
  );
}

export const CORPUS_DEVIATIONS: readonly CorpusDeviation[] = [
  {
    id: "dynamicRef-to-anchor-below-root",
    description:
      "ajv resolves a $dynamicRef only to a $dynamicAnchor at a resource's root; to one in $defs (the OpenAPI 3.1 metaschema's #meta) it applies the referring schema instead",
    suite: {
      file: "draft2020-12/dynamicRef.json",
      group: "A $dynamicRef to a $dynamicAnchor in the same schema resource behaves like a normal $ref to an $anchor",
      test: "An array of strings is valid",
    },
    // With each dynamic anchor defined once (and no other resource in scope defining it), $dynamicRef is $ref.
    applies: (document) => {
      const anchors = dynamicAnchors(document);
      return anchors.length > 0 && new Set(anchors).size === anchors.length;
    },
    rewrite: staticReferences,
  },
  {
    id: "format-unknown-to-ajv-formats",
    description: "ajv-formats checks no iri, iri-reference, idn-email or idn-hostname, so ajv accepts any string there",
    suite: { file: "draft7/optional/format/iri-reference.json", group: "validation of IRI References", test: "an invalid IRI Reference" },
    applies: (document) => [...walkValues(document)].some((value) => isObject(value) && FORMATS_AJV_LACKS.has(value["format"] as string)),
    explains: (codegen, ajv) => {
      if (codegen.valid || !ajv.valid) return false;
      const places = new Set(
        codegen.errors.filter((error) => FORMATS_AJV_LACKS.has(formatOf(error) as string)).map((error) => error.instancePath),
      );
      return places.size > 0 && codegen.pairs.every((pair) => places.has(parsePair(pair).instancePath));
    },
  },
];
