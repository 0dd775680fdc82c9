import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { CodegenError, generate, type GenerateOptions } from "../src/index.js";
import { loadSchemaDocuments } from "../src/load.js";
import { resolveSchemas } from "../src/resolve.js";
import { compileGenerated, importGenerated, temporaryDirectory } from "./helpers.js";

type Validate = (value: unknown) => { valid: boolean };

/** Generates one schema with the given options, compiles it under the strict flags, returns validateX. */
async function validatorFor(schema: unknown, options: GenerateOptions): Promise<Validate> {
  const dir = temporaryDirectory("options");
  mkdirSync(path.join(dir, "schemas"));
  writeFileSync(path.join(dir, "schemas/subject.json"), JSON.stringify(schema));
  const result = await generate({ cwd: dir, outDir: "out", ...options });
  const module = await importGenerated(compileGenerated(path.join(dir, "out")), "index");
  return module[`validate${result.rootTypes[0]!}`] as Validate;
}

test("formats: assert checks format, annotate only documents it", async () => {
  const schema = { title: "Event", type: "object", properties: { at: { type: "string", format: "date-time" } } };
  const asserting = await validatorFor(schema, { formats: "assert" });
  const annotating = await validatorFor(schema, { formats: "annotate" });
  assert.equal(asserting({ at: "yesterday" }).valid, false);
  assert.equal(annotating({ at: "yesterday" }).valid, true);
  assert.equal(annotating({ at: 5 }).valid, false, "type still applies");
});

test("dialect: up to draft-07 keywords beside $ref are ignored, from 2019-09 they apply", async () => {
  const schema = {
    title: "Tagged",
    definitions: { text: { type: "string" } },
    properties: { tag: { $ref: "#/definitions/text", enum: ["a"] } },
  };
  const draft7 = await validatorFor(schema, { dialect: "draft-07" });
  const modern = await validatorFor(schema, { dialect: "2020-12" });
  assert.equal(draft7({ tag: "b" }).valid, true);
  assert.equal(modern({ tag: "b" }).valid, false);
  assert.equal(draft7({ tag: 1 }).valid, false);
  const declared = await validatorFor({ ...schema, $schema: "http://json-schema.org/draft-07/schema#" }, { dialect: "2020-12" });
  assert.equal(declared({ tag: "b" }).valid, true, "$schema wins over the default dialect");
});

test("dialect openapi-3.0: nullable adds null to the type, in validators and in types", async () => {
  const schema = { title: "Pet", type: "object", required: ["name"], properties: { name: { type: "string", nullable: true } } };
  const openapi = await validatorFor(schema, { dialect: "openapi-3.0" });
  const plain = await validatorFor(schema, { dialect: "2020-12" });
  assert.equal(openapi({ name: null }).valid, true);
  assert.equal(openapi({ name: 5 }).valid, false);
  assert.equal(plain({ name: null }).valid, false, "nullable is only an unknown keyword outside OpenAPI 3.0");
  const dir = temporaryDirectory("nullable");
  mkdirSync(path.join(dir, "schemas"));
  writeFileSync(path.join(dir, "schemas/pet.json"), JSON.stringify(schema));
  const result = await generate({ cwd: dir, outDir: "out", dialect: "openapi-3.0", check: true });
  assert.match(result.files.find((file) => file.name === "Pet.types.ts")!.source, /name: string \| null;/);
});

test("dialect openapi-3.0: boolean exclusive bounds; discriminator is only a hint", async () => {
  const price = await validatorFor(
    { title: "Price", type: "number", minimum: 0, exclusiveMinimum: true, maximum: 10 },
    { dialect: "openapi-3.0" },
  );
  assert.equal(price(0).valid, false, "exclusiveMinimum: true makes minimum strict");
  assert.equal(price(0.01).valid, true);
  assert.equal(price(10).valid, true, "maximum stays inclusive");
  const pet = await validatorFor(
    {
      title: "Pet",
      oneOf: [
        { type: "object", required: ["kind", "meows"], properties: { kind: { enum: ["cat"] }, meows: { type: "boolean" } } },
        { type: "object", required: ["kind", "barks"], properties: { kind: { enum: ["dog"] }, barks: { type: "boolean" } } },
      ],
      discriminator: { propertyName: "kind" },
    },
    { dialect: "openapi-3.0" },
  );
  assert.equal(pet({ kind: "cat", meows: true }).valid, true);
  assert.equal(pet({ kind: "cat", barks: true }).valid, false, "oneOf decides, not the discriminator");
  assert.equal(pet({ kind: "bird" }).valid, false);
});

test("types are exact or honestly wider: prefixItems tuples, pattern properties beside unknown keys", async () => {
  const dir = temporaryDirectory("types");
  mkdirSync(path.join(dir, "schemas"));
  const schema = {
    title: "Row",
    type: "object",
    properties: { cells: { type: "array", prefixItems: [{ type: "string" }, { type: "number" }], items: { type: "boolean" } } },
    patternProperties: { "^x-": { type: "string" } },
  };
  writeFileSync(path.join(dir, "schemas/row.json"), JSON.stringify(schema));
  const result = await generate({ cwd: dir, outDir: "out", formatter: "none" });
  compileGenerated(path.join(dir, "out"));
  const source = result.files.find((file) => file.name === "Row.types.ts")!.source;
  assert.match(source, /cells\?: \[\]\|\[string\]\|\[string, number, \.\.\.\(boolean\)\[\]\]/);
  assert.match(source, /\[k: string\]: unknown/);
});

test("$vocabulary: a custom metaschema without the validation vocabulary turns its keywords off; an unknown required one is refused", async () => {
  const dir = temporaryDirectory("vocabulary");
  mkdirSync(path.join(dir, "schemas"));
  mkdirSync(path.join(dir, "meta"));
  const vocab = (name: string): string => `https://json-schema.org/draft/2020-12/vocab/${name}`;
  writeFileSync(
    path.join(dir, "meta/no-validation.json"),
    JSON.stringify({
      $schema: "https://json-schema.org/draft/2020-12/schema",
      $id: "https://example.com/meta/no-validation.json",
      $vocabulary: { [vocab("core")]: true, [vocab("applicator")]: true, "https://example.com/vocab/optional-extra": false },
    }),
  );
  writeFileSync(
    path.join(dir, "meta/needs-extra.json"),
    JSON.stringify({
      $schema: "https://json-schema.org/draft/2020-12/schema",
      $id: "https://example.com/meta/needs-extra.json",
      $vocabulary: { [vocab("core")]: true, "https://example.com/vocab/extra": true },
    }),
  );
  const schema = {
    $schema: "https://example.com/meta/no-validation.json",
    title: "Reading",
    properties: { bad: false, value: { type: "number", minimum: 10 } },
  };
  writeFileSync(path.join(dir, "schemas/reading.json"), JSON.stringify(schema));
  const registry = { "https://example.com/meta/": "meta" };
  const result = await generate({ cwd: dir, outDir: "out", registry });
  const module = await importGenerated(compileGenerated(path.join(dir, "out")), "index");
  const validate = module[`validate${result.rootTypes[0]!}`] as Validate;
  assert.equal(validate({ value: "not even a number" }).valid, true, "type and minimum mean nothing without the validation vocabulary");
  assert.equal(validate({ bad: 1 }).valid, false, "the applicator vocabulary still applies");

  // The keywords the vocabulary leaves out are gone from the schema graph, not from the input.
  const { documents } = loadSchemaDocuments([path.join(dir, "schemas/reading.json")], dir);
  const resolved = await resolveSchemas(documents, dir, { registry });
  assert.deepEqual(documents[0]!.root, schema, "the input document is left as written");
  const value = resolved.graph.nodeAt({ document: documents[0]!, pointer: "/properties/value" }).schema;
  assert.deepEqual(value, {}, "its node has neither type nor minimum");
  assert.deepEqual(resolved.graph.nodeAt({ document: documents[0]!, pointer: "" }).schema, {
    ...schema,
    properties: { bad: false, value: {} },
  });

  writeFileSync(
    path.join(dir, "schemas/reading.json"),
    JSON.stringify({ ...schema, $schema: "https://example.com/meta/needs-extra.json" }),
  );
  await assert.rejects(generate({ cwd: dir, outDir: "out", registry }), (error: Error) => {
    assert.ok(error instanceof CodegenError);
    assert.match(
      error.describe(),
      /^schemas\/reading\.json#\/\$schema: the metaschema https:\/\/example\.com\/meta\/needs-extra\.json requires/,
    );
    assert.match(error.message, /the vocabulary https:\/\/example\.com\/vocab\/extra, which codegen does not know/);
    return true;
  });
});

test("const and enum objects with a __proto__ key compare it as an own property", async () => {
  const validate = await validatorFor({ title: "Odd", const: JSON.parse('{"__proto__": {"a": 1}, "b": 2}') as unknown }, {});
  assert.equal(validate(JSON.parse('{"__proto__": {"a": 1}, "b": 2}')).valid, true);
  assert.equal(validate({ b: 2 }).valid, false);
  assert.equal(validate(JSON.parse('{"__proto__": {"a": 2}, "b": 2}')).valid, false);
});
