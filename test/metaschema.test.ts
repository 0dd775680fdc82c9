/**
 * Every input schema is checked against its dialect's metaschema with validators codegen generated
 * for the metaschemas (src/metaschema-validators/): they must be up to date, and a schema that
 * breaks its metaschema is an error naming the file and the JSON pointer.
 */
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { metaschemaValidators } from "../scripts/metaschema-validators.js";
import { CodegenError, generate } from "../src/index.js";
import { temporaryDirectory } from "./helpers.js";

test("src/metaschema-validators/ is what codegen generates for the shipped metaschemas", async () => {
  assert.deepEqual(await metaschemaValidators(true), [], "run npm run metaschemas");
});

async function refusal(schema: unknown): Promise<string> {
  const dir = temporaryDirectory("metaschema");
  mkdirSync(path.join(dir, "schemas"));
  writeFileSync(path.join(dir, "schemas/thing.json"), JSON.stringify(schema));
  try {
    await generate({ cwd: dir, outDir: "out", cache: false });
  } catch (error) {
    assert.ok(error instanceof CodegenError, `expected a CodegenError, got ${String(error)}`);
    return error.describe();
  }
  assert.fail("expected the schema to be refused");
}

// Keywords that the validator compiler reads report their own, more specific errors first (see
// test/keywords.test.ts); the metaschema catches the rest.
test("a schema that breaks its dialect's metaschema is refused with the file and the pointer", async () => {
  assert.match(
    await refusal({ title: "Thing", type: "object", properties: { name: { type: "string", deprecated: "yes" } } }),
    /^schemas\/thing\.json#\/properties\/name\/deprecated: the schema does not match the 2020-12 metaschema: must be boolean/,
  );
  assert.match(
    await refusal({ $schema: "http://json-schema.org/draft-07/schema#", title: "Thing", examples: "one" }),
    /^schemas\/thing\.json#\/examples: the schema does not match the draft-07 metaschema: must be array/,
  );
});
