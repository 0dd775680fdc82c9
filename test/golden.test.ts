import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { generate } from "../src/index.js";
import { REPO_ROOT, temporaryDirectory } from "./helpers.js";

const GOLDEN_DIR = path.join(REPO_ROOT, "test/golden");

/** A unified diff of two files, for the failure message. */
function readableDiff(expectedFile: string, actualFile: string): string {
  const result = spawnSync("diff", ["-u", expectedFile, actualFile], { encoding: "utf8" });
  return result.stdout || result.stderr || "(diff unavailable)";
}

test("output for schemas/ (the Stytch RecoverResponse closure) matches test/golden byte for byte", async () => {
  const outDir = temporaryDirectory("golden");
  const result = await generate({ cwd: REPO_ROOT, outDir });
  const actualNames = result.files.map((file) => file.name).sort();

  if (process.env["UPDATE_GOLDEN"] === "1") {
    rmSync(GOLDEN_DIR, { recursive: true, force: true });
    mkdirSync(GOLDEN_DIR, { recursive: true });
    for (const file of result.files) writeFileSync(path.join(GOLDEN_DIR, file.name), file.source);
    return;
  }

  assert.ok(existsSync(GOLDEN_DIR), "test/golden is missing: run UPDATE_GOLDEN=1 npm test");
  const goldenNames = readdirSync(GOLDEN_DIR).sort();
  assert.deepEqual(actualNames, goldenNames, "the set of generated files differs from test/golden (UPDATE_GOLDEN=1 npm test updates it)");
  const mismatches = actualNames.filter(
    (name) => readFileSync(path.join(GOLDEN_DIR, name), "utf8") !== readFileSync(path.join(outDir, name), "utf8"),
  );
  assert.deepEqual(
    mismatches,
    [],
    `generated files differ from test/golden (UPDATE_GOLDEN=1 npm test updates them):\n${mismatches
      .map((name) => readableDiff(path.join(GOLDEN_DIR, name), path.join(outDir, name)))
      .join("\n")}`,
  );
});

test("generation is deterministic: two runs give byte-identical files", async () => {
  const first = await generate({ cwd: REPO_ROOT, outDir: temporaryDirectory("first"), check: true });
  const second = await generate({ cwd: REPO_ROOT, outDir: temporaryDirectory("second"), check: true });
  assert.deepEqual(second.files, first.files);
});
