/**
 * Malformed files under schemas/: each is a clear error naming the file, exit 2, and the output
 * directory is left exactly as it was.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { REPO_ROOT, temporaryDirectory } from "./helpers.js";

const CLI = path.join(REPO_ROOT, "bin/codegen.js");

/** A project whose generated/ holds a good run's output, then `content` as one more schema file. */
function runWith(name: string, content: string | Buffer): { status: number | null; stderr: string; before: string[]; after: string[] } {
  const dir = temporaryDirectory("malformed");
  mkdirSync(path.join(dir, "schemas"));
  writeFileSync(path.join(dir, "schemas/good.json"), JSON.stringify({ title: "Good", type: "string" }));
  assert.equal(spawnSync(process.execPath, [CLI, "--no-cache"], { cwd: dir }).status, 0);
  const snapshot = (): string[] =>
    readdirSync(path.join(dir, "generated")).map((file) => `${file}:${readFileSync(path.join(dir, "generated", file), "utf8")}`);
  const before = snapshot();
  writeFileSync(path.join(dir, "schemas", name), content);
  const result = spawnSync(process.execPath, [CLI, "--no-cache"], { cwd: dir, encoding: "utf8" });
  return { status: result.status, stderr: result.stderr, before, after: snapshot() };
}

const CASES: Array<{ kind: string; name: string; content: () => string | Buffer; error: RegExp }> = [
  { kind: "an empty file", name: "empty.json", content: () => "", error: /^codegen: schemas\/empty\.json: the file is empty\n/ },
  {
    kind: "binary garbage",
    name: "binary.json",
    content: () => Buffer.from([0x7b, 0x00, 0xff, 0xfe, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]),
    error: /^codegen: schemas\/binary\.json: the file is not UTF-8 text \(is it binary\?\)\n/,
  },
  {
    kind: "a JSON array",
    name: "array.json",
    content: () => "[1, 2]",
    error: /^codegen: schemas\/array\.json: a schema file must hold a JSON object \(or a boolean schema\)\n/,
  },
  { kind: "a JSON string", name: "string.json", content: () => '"schema"', error: /must hold a JSON object/ },
  {
    kind: "broken JSON",
    name: "broken.json",
    content: () => '{\n  "type": "object",\n  "properties": {',
    error: /invalid JSON at line 3, column \d+/,
  },
  {
    kind: "a 50 MB file that is not a schema",
    name: "big.json",
    content: () => `[${"1234567890,".repeat(5 * 1024 * 1024)}0]`,
    error: /^codegen: schemas\/big\.json: a schema file must hold a JSON object/,
  },
];

for (const { kind, name, content, error } of CASES) {
  test(`${kind}: a clear error, exit 2, nothing written`, () => {
    const result = runWith(name, content());
    assert.equal(result.status, 2);
    assert.match(result.stderr, error);
    assert.doesNotMatch(result.stderr, /\n\s+at /, "no stack trace");
    assert.deepEqual(result.after, result.before);
  });
}
