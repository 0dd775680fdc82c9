/**
 * `_formats.ts` holds only the format checks a run calls and what they need (src/runtime-subset.ts):
 * for each check, its part of formats.ts compiles under the strict flags on its own and gives the
 * whole module's results; so do the parts of the compiled build and its declarations, which
 * `--emit js` copies; and a generated output copies only the checks its modules call.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import * as formats from "../src/runtime/formats.js";
import { moduleSubset, reachable } from "../src/runtime-subset.js";
import { generate } from "../src/index.js";
import { compileGenerated, importGenerated, REPO_ROOT, SUITE_DIR, temporaryDirectory } from "./helpers.js";

const CHECKS = Object.keys(formats).sort();
const SOURCE = readFileSync(path.join(REPO_ROOT, "src", "runtime", "formats.ts"), "utf8");
const BUILD = path.join(REPO_ROOT, "dist", "src", "runtime");

/** Every string of the official suite's format tests, and numbers for the numeric formats. */
function samples(): unknown[] {
  const dir = path.join(SUITE_DIR, "tests", "draft2020-12", "optional", "format");
  const strings = readdirSync(dir).flatMap((file) =>
    (JSON.parse(readFileSync(path.join(dir, file), "utf8")) as Array<{ tests: Array<{ data: unknown }> }>).flatMap((group) =>
      group.tests.map((item) => item.data).filter((data) => typeof data === "string"),
    ),
  );
  return [...strings, 0, -1, 1.5, 2147483648, -2147483649, 2 ** 53, 3.4e38, 1e308];
}

type Check = (value: never) => boolean;

function assertSameResults(name: string, subset: Check, inputs: readonly unknown[]): void {
  const full = (formats as unknown as Record<string, Check>)[name]!;
  const numeric = /^is(?:Int|Float|Double)/.test(name);
  for (const input of inputs) {
    if (typeof input !== (numeric ? "number" : "string")) continue;
    assert.equal(subset(input as never), full(input as never), `${name}(${JSON.stringify(input)})`);
  }
}

/** The exports of the part of formats.ts for `name`: it and the checks it calls. */
function partExports(name: string): string[] {
  return [...reachable(SOURCE, [name])].filter((declared) => CHECKS.includes(declared)).sort();
}

test("each format check's part of formats.ts compiles on its own and gives the whole module's results", async () => {
  const dir = temporaryDirectory("runtime-subset");
  for (const name of CHECKS) writeFileSync(path.join(dir, `${name}.ts`), moduleSubset(SOURCE, [name], "\n\n"));
  const jsDir = compileGenerated(dir);
  const inputs = samples();
  for (const name of CHECKS) {
    const module = await importGenerated<Record<string, Check>>(jsDir, name);
    assert.ok(name in module && Object.keys(module).length < CHECKS.length, `${name}'s part exports it, not every check`);
    assert.deepEqual(Object.keys(module).sort(), partExports(name));
    assertSameResults(name, module[name]!, inputs);
  }
});

test("the parts of the compiled build and of its declarations hold the same checks", async () => {
  const dir = temporaryDirectory("runtime-subset-js");
  const javascript = readFileSync(path.join(BUILD, "formats.js"), "utf8");
  const declarations = readFileSync(path.join(BUILD, "formats.d.ts"), "utf8");
  const inputs = samples();
  for (const name of CHECKS) {
    writeFileSync(path.join(dir, `${name}.js`), moduleSubset(javascript, [name], "\n"));
    const module = await importGenerated<Record<string, Check>>(dir, name);
    assert.deepEqual(Object.keys(module).sort(), partExports(name));
    assertSameResults(name, module[name]!, inputs);
    const declared = [...moduleSubset(declarations, reachable(javascript, [name]), "\n").matchAll(/^export declare function (\w+)/gm)].map(
      (match) => match[1],
    );
    assert.deepEqual(declared.sort(), partExports(name));
  }
});

test("a generated output's _formats.ts holds the checks its modules call and those they call, nothing else exported", async () => {
  const dir = temporaryDirectory("runtime-subset-output");
  writeFileSync(
    path.join(dir, "event.json"),
    JSON.stringify({
      type: "object",
      properties: { at: { type: "string", format: "date-time" }, site: { type: "string", format: "uri" } },
    }),
  );
  const result = await generate({ cwd: dir, inputs: ["event.json"], outDir: "out", check: true, cache: false });
  const source = result.files.find((file) => file.name === "_formats.ts")!.source;
  assert.deepEqual(
    [...source.matchAll(/^export function (\w+)/gm)].map((match) => match[1]),
    ["isDateTime", "isIpv4", "isIpv6", "isUri"],
  );
});
