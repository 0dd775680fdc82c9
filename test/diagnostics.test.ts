/**
 * What a run says about its inputs: every error at once (merged where alike, capped with a count),
 * one warning per unknown keyword or pattern with its count, annotation keywords of other tools and
 * of the config left alone, strict mode's wording, the registry from the config and the command
 * line with the hint that names the mapping, and the ECMA-262 dialect of draft-04 and OpenAPI 3.0
 * patterns.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { CodegenError, CodegenErrorList, generate, type GenerateOptions } from "../src/index.js";
import { SchemaSources } from "../src/sources.js";
import { compileGenerated, importGenerated, REPO_ROOT, temporaryDirectory } from "./helpers.js";

const CLI = path.join(REPO_ROOT, "bin/codegen.js");

/** A project whose schemas/ holds `files` (name → JSON value, or raw text for a string). */
function project(files: Record<string, unknown>, config?: unknown): string {
  const dir = temporaryDirectory("diagnostics");
  mkdirSync(path.join(dir, "schemas"));
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(path.join(dir, "schemas", name), typeof content === "string" ? content : JSON.stringify(content));
  }
  if (config !== undefined) writeFileSync(path.join(dir, "codegen.config.json"), JSON.stringify(config));
  return dir;
}

async function refusal(dir: string, options: GenerateOptions = {}): Promise<CodegenError> {
  try {
    await generate({ cwd: dir, outDir: "refused", cache: false, ...options });
  } catch (error) {
    assert.ok(error instanceof CodegenError, `expected a CodegenError, got ${String(error)}`);
    assert.ok(!existsSync(path.join(dir, "refused")), "nothing written");
    return error;
  }
  assert.fail("expected generate() to refuse the schemas");
}

function codegen(cwd: string, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: "utf8" });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** `count` definitions, each with the given extra keywords. */
function definitions(count: number, extra: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Array.from({ length: count }, (_, index) => [`D${index}`, { type: "string", ...extra }]));
}

test("annotation keywords of editors and generators are not warned about; each unknown keyword is one warning with its count", async () => {
  const dir = project({
    "thing.json": {
      $schema: "http://json-schema.org/draft-07/schema#",
      title: "Thing",
      definitions: {
        ...definitions(30, { markdownDescription: "**a**", deprecationMessage: "old", errorMessage: "bad", "meta:enum": {} }),
        Typo: { type: "object", requried: ["a"] },
        Typo2: { type: "object", requried: ["b"], vendorNote: 1 },
      },
      tsType: "string",
    },
  });
  const result = await generate({ cwd: dir, outDir: "out", cache: false });
  assert.deepEqual(
    result.warnings.map((warning) => [`${warning.file}#${warning.pointer}`, warning.message, warning.count]),
    [
      ["schemas/thing.json#/definitions/Typo/requried", 'unknown keyword "requried" ignored (2 places; the first is shown)', 2],
      ["schemas/thing.json#/definitions/Typo2/vendorNote", 'unknown keyword "vendorNote" ignored', undefined],
    ],
  );

  const configured = await generate({ cwd: dir, outDir: "out", cache: false, annotations: ["vendor*", "requried"] });
  assert.deepEqual(configured.warnings, [], "the option's list (a * entry is a prefix) silences them");
  writeFileSync(path.join(dir, "codegen.config.json"), JSON.stringify({ annotations: ["vendorNote"] }));
  const fromConfig = await generate({ cwd: dir, outDir: "out", cache: false });
  assert.deepEqual(
    fromConfig.warnings.map((warning) => warning.pointer),
    ["/definitions/Typo/requried"],
  );
  writeFileSync(path.join(dir, "codegen.config.json"), JSON.stringify({ annotations: ["*"] }));
  assert.match((await refusal(dir)).describe(), /codegen\.config\.json#\/annotations: must be an array of keyword names/);
});

test("strict mode refuses every warning at once, saying it is not allowed in strict mode", async () => {
  const dir = project({
    "thing.json": {
      title: "Thing",
      type: "object",
      requried: ["a"],
      properties: { a: { type: "string", pattern: "^([a-z]+)+$", requried: true } },
    },
  });
  const error = await refusal(dir, { strict: true });
  assert.ok(error instanceof CodegenErrorList);
  assert.deepEqual(
    error.errors.map((each) => `${each.pointer}: ${each.message}`),
    [
      '/requried: unknown keyword "requried" is not allowed in strict mode (2 places; the first is shown)',
      '/properties/a/pattern: the pattern "^([a-z]+)+$" can take exponential time on hostile input, which is not allowed in strict mode',
    ],
  );
  assert.doesNotMatch(error.describe(), /ignored/);
});

test("every unresolvable $ref of a run is reported at once, alike ones merged with their count", async () => {
  const uses = (target: string, count: number) =>
    Object.fromEntries(Array.from({ length: count }, (_, index) => [`p${target}${index}`, { $ref: target }]));
  const dir = project({
    "order.json": {
      title: "Order",
      type: "object",
      properties: { ...uses("#/$defs/missing", 9), ...uses("customer.json", 8) },
    },
  });
  const error = await refusal(dir);
  assert.ok(error instanceof CodegenErrorList);
  assert.deepEqual(
    error.errors.map((each) => each.message),
    [
      'cannot resolve $ref "#/$defs/missing": schemas/order.json has nothing at "/$defs/missing" (9 places; the first is shown)',
      'cannot resolve $ref "customer.json": the file schemas/customer.json cannot be read (8 places; the first is shown)',
    ],
  );
  assert.match(error.describe(), /^2 errors:\nschemas\/order\.json#\/properties\/p#~1\$defs~1missing0\/\$ref: cannot resolve/);
});

test("independent errors of several files (syntax, lint, references, metaschema) come in one run, capped with a count", async () => {
  const dangling = Object.fromEntries(Array.from({ length: 25 }, (_, index) => [`p${index}`, { $ref: `#/$defs/d${index}` }]));
  const dir = project({
    "a-broken.json": "{ not json",
    "b-lint.json": { title: "B", type: "object", properties: { n: { type: "number", multipleOf: 0 } } },
    "c-meta.json": { $schema: "https://json-schema.org/draft/2020-12/schema", title: "C", $comment: 5 },
    "d-refs.json": { title: "D", type: "object", properties: dangling },
  });
  const error = await refusal(dir);
  assert.ok(error instanceof CodegenErrorList);
  assert.equal(error.errors.length, 28);
  const files = [...new Set(error.errors.map((each) => each.file))];
  assert.deepEqual(files, ["schemas/a-broken.json", "schemas/b-lint.json", "schemas/d-refs.json", "schemas/c-meta.json"]);
  const described = error.describe();
  assert.match(described, /^28 errors:\nschemas\/a-broken\.json: invalid JSON/);
  assert.match(described, /schemas\/b-lint\.json#\/properties\/n\/multipleOf: "multipleOf" must be greater than 0/);
  assert.match(described, /\n… and 8 more error\(s\)$/);
  assert.equal(described.match(/cannot resolve \$ref/g)?.length, 18, "20 errors shown in all");
});

/** A bundle whose root `$id` is a URL, referring to a file next to it by a relative reference, as CycloneDX's does. */
function urlIdentifiedProject(config?: unknown): string {
  return project(
    {
      "bom.json": {
        $schema: "http://json-schema.org/draft-07/schema#",
        $id: "http://example.org/schema/bom.json",
        title: "Bom",
        type: "object",
        properties: { license: { $ref: "spdx.json" } },
      },
      "spdx.json": { $id: "http://example.org/schema/spdx.json", title: "Spdx", type: "string", enum: ["MIT", "Apache-2.0"] },
    },
    config,
  );
}

test("a relative $ref against a URL $id: the error names what it resolved to and the exact registry mapping", async () => {
  const dir = urlIdentifiedProject();
  const error = await refusal(dir, { inputs: ["schemas/bom.json"] });
  assert.equal(
    error.hint,
    "The relative reference resolves against the $id http://example.org/schema/bom.json, not against the file; " +
      "spdx.json is next to schemas/bom.json. Map the prefix to the directory: --registry http://example.org/schema/=schemas " +
      '(or "registry": { "http://example.org/schema/": "schemas" } in codegen.config.json).',
  );

  const flagged = codegen(dir, "schemas/bom.json", "--no-cache", "--registry", "http://example.org/schema/=schemas");
  assert.equal(flagged.status, 0, flagged.stderr);
  const module = await importGenerated<Record<string, (value: unknown) => boolean>>(compileGenerated(path.join(dir, "generated")), "index");
  assert.equal(module["isBom"]!({ license: "MIT" }), true);
  assert.equal(module["isBom"]!({ license: "GPL" }), false, "the referenced file's enum applies");

  const configured = urlIdentifiedProject({ inputs: ["schemas/bom.json"], registry: { "http://example.org/schema/": "schemas" } });
  assert.equal(codegen(configured, "--no-cache").status, 0);
});

test("registry entries are checked: an absolute prefix ending in /, an existing directory, the flag's prefix=dir form", async () => {
  const noSlash = urlIdentifiedProject({ registry: { "http://example.org/schema": "schemas" } });
  assert.match(
    (await refusal(noSlash)).describe(),
    /^codegen\.config\.json#\/registry\/http:~1~1example\.org~1schema: has the URI prefix "http:\/\/example\.org\/schema", which must be an absolute URI ending in "\/"/,
  );
  const missing = urlIdentifiedProject({ registry: { "http://example.org/schema/": "vendored" } });
  assert.match((await refusal(missing)).message, /the registry maps http:\/\/example\.org\/schema\/ to vendored, which is not a directory/);
  const dir = urlIdentifiedProject();
  const bad = codegen(dir, "--registry", "http://example.org/schema/");
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /^codegen: --registry http:\/\/example\.org\/schema\/ must be written prefix=dir\n/);
});

test("a registry directory serves only the files below it", () => {
  const dir = temporaryDirectory("registry-root");
  mkdirSync(path.join(dir, "vendored"));
  writeFileSync(path.join(dir, "secret.json"), "{}");
  const sources = new SchemaSources(dir, [], { "http://example.org/schema/": "vendored" });
  assert.equal(sources.fileOf("http://example.org/schema/a.json"), path.join(dir, "vendored/a.json"));
  assert.equal(sources.fileOf("http://example.org/schema/../secret.json"), undefined);
});

for (const { dialect, declare } of [
  { dialect: "draft-04", declare: { $schema: "http://json-schema.org/draft-04/schema#" } },
  { dialect: "openapi-3.0", declare: {} },
] as const) {
  test(`${dialect}: a pattern valid only without the u flag is compiled without it, with one warning`, async () => {
    const code = { type: "string", pattern: "^[A-Z\\_]+$" };
    const schema = {
      ...declare,
      title: "Code",
      type: "object",
      properties: { a: code, b: code },
      patternProperties: { "^w-[0-9]{2}\\-$": {} },
    };
    const dir =
      dialect === "draft-04"
        ? project({ "code.json": schema })
        : project({
            "api.json": { openapi: "3.0.3", info: { title: "api", version: "1" }, paths: {}, components: { schemas: { Code: schema } } },
          });
    const result = await generate({ cwd: dir, outDir: "out", cache: false });
    assert.deepEqual(
      result.warnings.map((warning) => warning.message),
      [
        `the pattern "^w-[0-9]{2}\\\\-$" is not valid with the "u" (Unicode) flag: it is compiled without the flag, as ${dialect} allows`,
        `the pattern "^[A-Z\\\\_]+$" is not valid with the "u" (Unicode) flag: it is compiled without the flag, as ${dialect} allows (2 places; the first is shown)`,
      ],
    );
    const module = await importGenerated<Record<string, (value: unknown) => boolean>>(compileGenerated(path.join(dir, "out")), "index");
    assert.equal(module["isCode"]!({ a: "A_B", b: "C" }), true);
    assert.equal(module["isCode"]!({ a: "a_b" }), false);
    assert.equal(module["isCode"]!({ "w-12-": "x" }), true);
    const strict = await refusal(dir, { strict: true });
    assert.match(strict.message, /is not valid with the "u" \(Unicode\) flag, which is not allowed in strict mode/);
  });
}

test("draft-06 and later refuse a pattern that is invalid with the u flag", async () => {
  const dir = project({
    "code.json": { $schema: "http://json-schema.org/draft-07/schema#", title: "Code", type: "string", pattern: "^[A-Z\\_]+$" },
  });
  const error = await refusal(dir);
  assert.match(
    error.describe(),
    /#\/pattern: invalid regular expression "\^\[A-Z\\\\_\]\+\$": Invalid regular expression: .*\n {2}Patterns are ECMA-262 regular expressions with the "u"/,
  );
});

test("CycloneDX 1.6 as published: the hint's registry mapping, passed as given, makes the run succeed, without warnings", () => {
  const published = path.join(REPO_ROOT, "node_modules/@cyclonedx/cyclonedx-library/res/schema");
  const dir = temporaryDirectory("cyclonedx");
  mkdirSync(path.join(dir, "vendor"));
  for (const file of ["bom-1.6.SNAPSHOT.schema.json", "spdx.SNAPSHOT.schema.json", "jsf-0.82.SNAPSHOT.schema.json"]) {
    copyFileSync(path.join(published, file), path.join(dir, "vendor", file));
  }
  const refused = codegen(dir, "vendor/bom-1.6.SNAPSHOT.schema.json", "--no-cache");
  assert.equal(refused.status, 2);
  assert.match(refused.stderr, /^codegen: 2 errors:\n/, "the SPDX and the JSF refs, each once");
  const flags = [...new Set([...refused.stderr.matchAll(/--registry (\S+)/g)].map((match) => match[1]!))];
  assert.deepEqual(flags, ["http://cyclonedx.org/schema/=vendor"]);
  const mapped = codegen(dir, "vendor/bom-1.6.SNAPSHOT.schema.json", "--no-cache", "--registry", flags[0]!);
  assert.equal(mapped.status, 0, mapped.stderr);
  assert.equal(mapped.stderr, "", "no warning: its 33 meta:enum annotations (with SPDX's) are known ones");
});
