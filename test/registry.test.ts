/**
 * The keyword registry (src/keywords.ts) against the shipped metaschemas: the keywords it says a
 * dialect defines are the properties that dialect's metaschemas declare, but for the listed,
 * explained exceptions. So the registry's `since`/`until` are facts, not guesses.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import type { Dialect } from "../src/dialect.js";
import { definedIn, isKnownKeyword, keywordsWhere, KEYWORDS, SUBSCHEMA_WALK } from "../src/keywords.js";
import { KEYWORD_CLAIMS } from "../src/validators/compile.js";
import { REPO_ROOT } from "./helpers.js";

const METASCHEMAS = path.join(REPO_ROOT, "metaschemas");

function declaredProperties(file: string): string[] {
  const schema = JSON.parse(readFileSync(file, "utf8")) as { properties?: Record<string, unknown> };
  return Object.keys(schema.properties ?? {});
}

/** Every property the dialect's metaschema (and, from 2019-09 on, its vocabulary metaschemas) declares. */
function metaschemaKeywords(dialect: Dialect): Set<string> {
  const dir = path.join(METASCHEMAS, dialect);
  const files = dialect.startsWith("draft-")
    ? [`${dir}.json`]
    : readdirSync(dir)
        .filter((name) => name.endsWith(".json"))
        .map((name) => path.join(dir, name));
  return new Set(files.flatMap(declaredProperties));
}

/** Where a metaschema and the specification part ways, and why. */
const EXCEPTIONS: Partial<Record<Dialect, { onlyInRegistry?: string[]; onlyInMetaschema?: string[] }>> = {
  // draft-04's metaschema leaves out $ref (JSON Reference, its own specification) and format (defined in prose).
  "draft-04": { onlyInRegistry: ["$ref", "format"] },
  // draft-07's specification defines writeOnly beside readOnly; its metaschema only lists readOnly.
  "draft-07": { onlyInRegistry: ["writeOnly"] },
  // Later metaschemas keep replaced keywords for compatibility; no vocabulary defines them.
  "2019-09": { onlyInMetaschema: ["dependencies"] },
  "2020-12": { onlyInMetaschema: ["dependencies", "$recursiveAnchor", "$recursiveRef"] },
};

for (const dialect of ["draft-04", "draft-06", "draft-07", "2019-09", "2020-12"] as const) {
  test(`the registry's ${dialect} keywords are its metaschema's, but for the listed exceptions`, () => {
    const metaschema = metaschemaKeywords(dialect);
    const registry = new Set(keywordsWhere((definition) => definition.vocabulary !== "openapi" && definedIn(definition.keyword, dialect)));
    assert.deepEqual(
      [...registry].filter((keyword) => !metaschema.has(keyword)).sort(),
      [...(EXCEPTIONS[dialect]?.onlyInRegistry ?? [])].sort(),
    );
    assert.deepEqual(
      [...metaschema].filter((keyword) => !registry.has(keyword)).sort(),
      [...(EXCEPTIONS[dialect]?.onlyInMetaschema ?? [])].sort(),
    );
    for (const keyword of metaschema) assert.ok(isKnownKeyword(keyword), `${keyword} is known`);
  });
}

test("each keyword is defined once, and the walk visits every subschema keyword once", () => {
  const names = KEYWORDS.map((definition) => definition.keyword);
  assert.equal(new Set(names).size, names.length);
  const walked = SUBSCHEMA_WALK.map((entry) => entry.keyword);
  assert.deepEqual(new Set(walked), new Set(keywordsWhere((definition) => definition.subschemas !== undefined)));
  assert.equal(new Set(walked).size, walked.length);
});

test("every keyword the registry marks `validates` is compiled by exactly one part of the validator compiler, and nothing else is", () => {
  const claims = new Map<string, string[]>();
  for (const { family, keywords } of KEYWORD_CLAIMS)
    for (const keyword of keywords) claims.set(keyword, [...(claims.get(keyword) ?? []), family]);
  const validated = new Set(keywordsWhere((definition) => definition.validates === true));
  for (const keyword of validated)
    assert.deepEqual(claims.get(keyword)?.length, 1, `${keyword} is claimed by ${String(claims.get(keyword))}`);
  assert.deepEqual(
    [...claims.keys()].filter((keyword) => !validated.has(keyword)),
    [],
    "claimed keywords the registry does not mark validates",
  );
});
