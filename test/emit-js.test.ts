/**
 * `--emit js`: JavaScript modules, each with a `.d.ts` of its types. The JavaScript is the
 * TypeScript output without its types (esbuild strips both to the same code), the declarations
 * compile under the strict flags and declare what each module exports, every file is prettier's,
 * and the validators give the TypeScript output's results.
 */
import assert from "node:assert/strict";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import * as esbuild from "esbuild";
import * as prettier from "prettier";
import { generate } from "../src/index.js";
import { runStrictTsc } from "../scripts/strict-tsc.js";
import { importGenerated, REPO_ROOT, temporaryDirectory } from "./helpers.js";

const GENERATED = path.join(REPO_ROOT, "generated");
const COMPILED_TYPESCRIPT = path.join(REPO_ROOT, "dist", "generated");

/** schemas/ generated as JavaScript, once for every test of this file. */
const output = (async () => {
  const outDir = path.join(temporaryDirectory("emit-js"), "out");
  const result = await generate({ cwd: REPO_ROOT, outDir, emit: "js", cache: false });
  return { outDir, files: result.files };
})();

async function strip(source: string, loader: "ts" | "js"): Promise<string> {
  // Without whitespace: esbuild keeps some of its input's line breaks, which differ where types were.
  return (await esbuild.transform(source, { loader, format: "esm", minifyWhitespace: true })).code;
}

/** The files `--emit js` writes for a TypeScript file: types modules become declarations, the rest JavaScript with declarations. */
function javascriptFiles(name: string): string[] {
  const stem = name.slice(0, -".ts".length);
  return stem === "types" || stem.endsWith(".types") ? [`${stem}.d.ts`] : [`${stem}.js`, `${stem}.d.ts`];
}

test("each TypeScript module becomes a .js and a .d.ts (a types module a .d.ts), and the .js is the .ts without its types", async () => {
  const { outDir } = await output;
  const typescript = readdirSync(GENERATED).filter((name) => name.endsWith(".ts"));
  const written = readdirSync(outDir).filter((name) => name !== ".codegen-manifest.json");
  assert.deepEqual(written.sort(), typescript.flatMap(javascriptFiles).sort());
  for (const name of typescript.filter((file) => javascriptFiles(file).length === 2)) {
    const javascript = readFileSync(path.join(outDir, name.replace(/\.ts$/, ".js")), "utf8");
    assert.equal(
      await strip(javascript, "js"),
      await strip(readFileSync(path.join(GENERATED, name), "utf8"), "ts"),
      `${name} and its .js differ in more than types`,
    );
  }
});

test("the declarations compile under the strict flags, checked themselves, and type a consumer", async () => {
  const { outDir } = await output;
  writeFileSync(
    path.join(outDir, "consumer.ts"),
    [
      'import { isRecoverResponse, validateAddress, type RecoverResponse } from "./index.js";',
      'import type { Address } from "./types.js";',
      "export const street = (address: Address): string => address.street_address;",
      "export function requestId(value: unknown): string | undefined {",
      "  return isRecoverResponse(value) ? value.request_id : undefined;",
      "}",
      "export function errorCount(value: unknown): number {",
      "  const result = validateAddress(value);",
      "  return result.valid ? 0 : result.errors.length;",
      "}",
      "// @ts-expect-error: the declarations are not `any`",
      "export const wrong: RecoverResponse = { request_id: 1 };",
      "",
    ].join("\n"),
  );
  const diagnostics = runStrictTsc(outDir, ["*.d.ts", "consumer.ts"], { skipLibCheck: false, noUnusedLocals: true, noEmit: true });
  assert.equal(diagnostics, "");
});

test("each .d.ts declares exactly the values its .js exports", async () => {
  const { outDir } = await output;
  const declarationFiles = readdirSync(outDir).filter(
    (file) => file.endsWith(".d.ts") && javascriptFiles(file.replace(/\.d\.ts$/, ".ts")).length === 2,
  );
  for (const name of declarationFiles.filter((file) => file !== "index.d.ts")) {
    const module = name.slice(0, -".d.ts".length);
    const exported = Object.keys(await importGenerated(outDir, module)).sort();
    const declarations = readFileSync(path.join(outDir, name), "utf8");
    const declared = [...declarations.matchAll(/^export (?:declare )?(?:function|const|class) (\w+)/gm)].map((match) => match[1]!);
    assert.deepEqual(declared.sort(), exported, name);
  }
});

test("every file is prettier's, .js and .d.ts alike", async () => {
  const { outDir, files } = await output;
  for (const { name, source } of files) {
    assert.equal(source, await prettier.format(source, { filepath: path.join(outDir, name) }), name);
  }
});

test("the JavaScript validators give the TypeScript validators' results", async () => {
  const { outDir } = await output;
  const javascript = await importGenerated<Record<string, (value: unknown) => unknown>>(outDir, "index");
  const typescript = await importGenerated<Record<string, (value: unknown) => unknown>>(COMPILED_TYPESCRIPT, "index");
  for (const fixture of ["valid", "invalid"]) {
    const payload: unknown = JSON.parse(
      readFileSync(path.join(REPO_ROOT, `test/fixtures/stytch/recover-response.${fixture}.json`), "utf8"),
    );
    assert.equal(javascript["isRecoverResponse"]!(payload), fixture === "valid");
    assert.deepEqual(javascript["validateRecoverResponse"]!(payload), typescript["validateRecoverResponse"]!(payload));
  }
});

test('"emit" in the config, and a switch back to TypeScript, which removes the JavaScript files', async () => {
  const dir = temporaryDirectory("emit-config");
  mkdirSync(path.join(dir, "schemas"));
  writeFileSync(path.join(dir, "schemas", "point.json"), JSON.stringify({ title: "Point", type: "object", required: ["x"] }));
  writeFileSync(path.join(dir, "codegen.config.json"), JSON.stringify({ emit: "js" }));
  await generate({ cwd: dir, cache: false });
  const listed = (): string[] =>
    readdirSync(path.join(dir, "generated"))
      .filter((name) => !name.startsWith("."))
      .sort();
  assert.deepEqual(listed(), [
    "Point.d.ts",
    "Point.js",
    "Point.types.d.ts",
    "_runtime.d.ts",
    "_runtime.js",
    "index.d.ts",
    "index.js",
    "types.d.ts",
  ]);
  await generate({ cwd: dir, emit: "ts" });
  assert.deepEqual(listed(), ["Point.ts", "Point.types.ts", "_runtime.ts", "index.ts", "types.ts"]);
  writeFileSync(path.join(dir, "codegen.config.json"), JSON.stringify({ emit: "mjs" }));
  await assert.rejects(generate({ cwd: dir }), { message: "must be one of ts, js", pointer: "/emit" });
});
