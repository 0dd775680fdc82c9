import assert from "node:assert/strict";
import * as prettier from "prettier";
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { CodegenError, generate } from "../src/index.js";
import type { SchemaDocument } from "../src/load.js";
import { assignTypeNames } from "../src/name.js";
import { programFiles } from "../scripts/strict-tsc.js";
import { REPO_ROOT, temporaryDirectory } from "./helpers.js";

test("every named schema in generated/ is declared exactly once, with no numbered copies", () => {
  const dir = path.join(REPO_ROOT, "generated");
  const declared = readdirSync(dir)
    .filter((file) => !file.startsWith("_") && file !== "index.ts")
    .flatMap((file) =>
      [...readFileSync(path.join(dir, file), "utf8").matchAll(/^export (?:interface|type) (\w+)/gm)].map((match) => match[1]!),
    );
  assert.equal(declared.length, 72);
  assert.equal(new Set(declared).size, declared.length, "a type is declared twice");
  assert.deepEqual(
    declared.filter((name) => /\d$/.test(name)),
    [],
  );
  for (const name of ["RecoverResponse", "Member", "Organization", "MemberSession", "DeviceInfo", "AuthenticationFactor"]) {
    assert.ok(declared.includes(name), `${name} is declared`);
  }
});

test("colliding type names are settled deterministically and readably", () => {
  const component = (name: string): SchemaDocument => ({
    file: `/schemas/${name}.json`,
    uri: `file:///schemas/${name}.json`,
    displayPath: `schemas/${name}.json`,
    root: { $id: `#/components/schemas/${name}`, type: "object" },
  });
  const locations = ["api_session_v1_Factor", "api_b2b_session_v1_Factor", "api_organization_v1_Member", "Api_Session_V1_Factor"].map(
    (name) => ({ document: component(name), pointer: "" }),
  );
  const naming = { stripPrefix: /^api_[a-z0-9_]+?_v[0-9]+_/i };
  const names = assignTypeNames(locations, naming);
  assert.deepEqual(
    locations.map((location) => names.get(location)),
    // The counter goes to the later path in code-unit order, where "A" (U+0041) comes before "a" (U+0061).
    ["ApiSessionV1Factor2", "ApiB2BSessionV1Factor", "Member", "ApiSessionV1Factor"],
  );
  const reversed = assignTypeNames([...locations].reverse(), naming);
  assert.deepEqual([...reversed.entries()].sort(), [...names.entries()].sort(), "the order of inputs does not matter");
});

test("the output is prettier's for the user's .prettierrc, by the printer or by prettier; formatter prettier always runs prettier", async () => {
  const project = temporaryDirectory("prettier");
  mkdirSync(path.join(project, "schemas"));
  writeFileSync(
    path.join(project, "schemas/point.json"),
    JSON.stringify({ title: "Point", type: "object", properties: { x: { type: "number" } } }),
  );
  const point = (result: { files: { name: string; source: string }[] }): string =>
    result.files.find((file) => file.name === "Point.ts")!.source;
  const prettierOf = async (source: string): Promise<string> =>
    prettier.format(source, {
      ...(await prettier.resolveConfig(path.join(project, "generated/index.ts"), { editorconfig: true })),
      filepath: "Point.ts",
    });

  // prettier's defaults: the printer's fast path, identical to prettier.
  const byDefault = point(await generate({ cwd: project, check: true }));
  assert.match(byDefault, /from "\.\/_runtime\.js";\n/);
  assert.equal(byDefault, await prettierOf(byDefault));

  // A config the printer does not implement: prettier formats.
  writeFileSync(path.join(project, ".prettierrc"), JSON.stringify({ singleQuote: true, semi: false }));
  const withConfig = point(await generate({ cwd: project, check: true }));
  assert.match(withConfig, /from '\.\/_runtime\.js'\n/);
  assert.doesNotMatch(withConfig, /;\n/);
  assert.equal(point(await generate({ cwd: project, check: true, formatter: "prettier" })), withConfig);
  writeFileSync(path.join(project, "codegen.config.json"), JSON.stringify({ formatter: "prettier" }));
  assert.equal(point(await generate({ cwd: project, check: true })), withConfig);
  assert.equal(point(await generate({ cwd: project, check: true, formatter: "builtin" })), withConfig, "the option overrides the config");

  // A width the printer implements: still prettier's output; and a changed prettier config misses the cache.
  writeFileSync(path.join(project, ".prettierrc"), JSON.stringify({ printWidth: 40 }));
  rmSync(path.join(project, "codegen.config.json"));
  const narrow = point(await generate({ cwd: project, check: true }));
  assert.notEqual(narrow, byDefault);
  assert.equal(narrow, await prettierOf(narrow));

  writeFileSync(path.join(project, "codegen.config.json"), JSON.stringify({ formatter: "fancy" }));
  await assert.rejects(generate({ cwd: project, check: true }), (error: CodegenError) => {
    assert.equal(error.describe().split("\n")[0], "codegen.config.json#/formatter: must be one of builtin, prettier, none");
    return true;
  });
});

test("a project importing only from types.ts has tsc load the types modules and no validator", () => {
  const dir = temporaryDirectory("types-only");
  cpSync(path.join(REPO_ROOT, "generated"), path.join(dir, "generated"), { recursive: true });
  const loaded = (entry: string, source: string): string[] => {
    writeFileSync(path.join(dir, entry), source);
    return programFiles(dir, entry).map((file) => path.basename(file));
  };
  const typesOnly = loaded(
    "types-consumer.ts",
    'import type { RecoverResponse } from "./generated/types.js";\nexport type R = RecoverResponse;\n',
  );
  const generated = typesOnly.filter((name) => name !== "types-consumer.ts");
  assert.ok(generated.includes("RecoverResponse.types.ts") && generated.length >= 72, generated.join(", "));
  assert.deepEqual(
    generated.filter((name) => name !== "types.ts" && !name.endsWith(".types.ts")),
    [],
    "no validator module is loaded",
  );
  // The same import from index.ts loads every validator: the test can tell the two apart.
  const everything = loaded(
    "index-consumer.ts",
    'import type { RecoverResponse } from "./generated/index.js";\nexport type R = RecoverResponse;\n',
  );
  assert.ok(everything.includes("RecoverResponse.ts") && everything.includes("_runtime.ts"));
});

test("schemas/ holds the seed's JSON Schema byte for byte", () => {
  // test/seed/ keeps the seed as it was given: Stytch's docs page for RecoverResponse, ending in its JSON Schema.
  const seed = readFileSync(path.join(REPO_ROOT, "test/seed/000_c3dd3fe99c1230d2.txt"), "utf8");
  const json = seed.slice(seed.indexOf("\nJSON Schema\n") + "\nJSON Schema\n".length);
  assert.equal(readFileSync(path.join(REPO_ROOT, "schemas/api_b2b_recovery_codes_v1_RecoverResponse.json"), "utf8"), json);
  assert.equal((JSON.parse(json) as { $id?: unknown }).$id, "#/components/schemas/api_b2b_recovery_codes_v1_RecoverResponse");
});

test("a large object that recurs is typed once and shared, exactly as json-schema-to-typescript types it inline", async () => {
  const dir = temporaryDirectory("shared-types");
  mkdirSync(path.join(dir, "schemas"));
  const field = (type: string) => ({ type, description: `A ${type}.` });
  // 21 schemas: large enough to be shared.
  const address = {
    type: "object",
    properties: { street: field("string"), city: field("string"), zip: field("string") },
    required: ["city"],
  };
  const person = {
    type: "object",
    properties: {
      name: field("string"),
      age: field("integer"),
      flag: field("boolean"),
      email: field("string"),
      phone: field("string"),
      score: field("number"),
      home: address,
      work: { ...address, description: "Where they work." },
      tags: { type: "array", items: field("string") },
      extra: { type: "object", properties: { a: field("number"), b: field("number"), c: field("null") }, additionalProperties: false },
    },
    required: ["name", "flag"],
  };
  const schema = {
    title: "Household",
    type: "object",
    properties: {
      owner: { ...person, description: "Who owns it." },
      tenant: { ...person, type: ["object", "null"], description: "Who rents it, if anyone." },
      guests: { type: "array", items: person },
      neighbour: { ...person, description: "Who lives next door." },
    },
    // Not all optional: codegen gives such an object an index signature (TypeScript's weak types), json-schema-to-typescript does not.
    required: ["owner"],
  };
  const declaration = (source: string) => /^export interface Household \{[\s\S]*?^\}/m.exec(source)?.[0];
  const typeOf = async (text: string) => {
    writeFileSync(path.join(dir, "schemas", "household.json"), text);
    const result = await generate({ cwd: dir, check: true, cache: false });
    return declaration(result.files.find((file) => file.name === "Household.types.ts")!.source);
  };
  const generated = await typeOf(JSON.stringify(schema));
  // json-schema-to-typescript on the whole schema, with codegen's options, formatted by prettier.
  const { compile } = await import("json-schema-to-typescript");
  const direct = await compile(schema as never, "Household", {
    bannerComment: "",
    format: false,
    additionalProperties: false,
    unknownAny: true,
    strictIndexSignatures: false,
  });
  assert.ok(generated !== undefined);
  assert.equal(generated, declaration(await prettier.format(direct, { filepath: "Household.ts" })));
  assert.match(generated, /Who rents it, if anyone\.\n\s+\*\/\n\s+tenant\?: \{/);
  // json-schema-to-typescript cannot read a property named hasOwnProperty; shared types get it too.
  const renamed = await typeOf(JSON.stringify(schema).replaceAll('"flag"', '"hasOwnProperty"'));
  assert.equal(renamed, generated.replaceAll("flag", "hasOwnProperty"));
});
