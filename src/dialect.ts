/**
 * The JSON Schema dialects codegen understands, oldest first. OpenAPI 3.0's schema objects sit
 * after draft-04, whose semantics they keep (boolean exclusive bounds, `$ref` overriding its
 * siblings), and add `nullable`.
 */
export const DIALECTS = ["draft-04", "openapi-3.0", "draft-06", "draft-07", "2019-09", "2020-12"] as const;
export type Dialect = (typeof DIALECTS)[number];

export const DEFAULT_DIALECT: Dialect = "2020-12";

const METASCHEMA_URIS: Record<string, Dialect> = {
  "http://json-schema.org/draft-04/schema": "draft-04",
  "http://json-schema.org/draft-06/schema": "draft-06",
  "http://json-schema.org/draft-07/schema": "draft-07",
  "https://json-schema.org/draft/2019-09/schema": "2019-09",
  "https://json-schema.org/draft/2020-12/schema": "2020-12",
};

/** The dialect a `$schema` value names, or `undefined` for one codegen does not know. */
export function dialectOfMetaschema(uri: string): Dialect | undefined {
  return METASCHEMA_URIS[uri.replace(/#$/, "")];
}

/** True when `dialect` is `since` or newer. */
export function atLeast(dialect: Dialect, since: Dialect): boolean {
  return DIALECTS.indexOf(dialect) >= DIALECTS.indexOf(since);
}

/** Whether the schema's `$ref` is all that applies: up to draft-07, every keyword beside it (`$id` included) is ignored. */
export function refOverridesSiblings(schema: { readonly [keyword: string]: unknown }, dialect: Dialect): boolean {
  return typeof schema["$ref"] === "string" && !atLeast(dialect, "2019-09");
}
