/**
 * The package as users get it: `npm pack`, installed into a fresh project with its own schemas/,
 * where `npx codegen` and `npx codegen --check` work and the output compiles. Tests never touch the
 * network, so the tarball is unpacked into the project's node_modules the way npm lays it out, with
 * its dependencies taken from this repository's node_modules (the lockfile's versions) rather than
 * the registry. `npm test` has just built dist/, so packing skips the prepare script: rebuilding
 * dist/ here would race with the other test files that import it.
 */
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { runStrictTsc } from "../scripts/strict-tsc.js";
import { REPO_ROOT, temporaryDirectory } from "./helpers.js";

const NPM = process.platform === "win32" ? "npm.cmd" : "npm";

test("npm pack ships only what runs; the tarball installs, and npx codegen and --check work", { timeout: 180_000 }, () => {
  const dir = temporaryDirectory("package");
  const packed = JSON.parse(
    execFileSync(NPM, ["pack", "--json", "--ignore-scripts", "--pack-destination", dir], {
      cwd: REPO_ROOT,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    }),
  ) as Array<{ filename: string; files: Array<{ path: string }> }>;
  const shipped = packed[0]!.files.map((file) => file.path);
  for (const devOnly of [
    "test/",
    "scripts/",
    "dist/test/",
    "dist/scripts/",
    "dist/generated/",
    "generated/",
    "schemas/",
    "node_modules/",
  ]) {
    assert.ok(!shipped.some((file) => file.startsWith(devOnly)), `the package ships ${devOnly}`);
  }
  for (const needed of [
    "bin/codegen.js",
    "dist/src/index.js",
    "dist/src/index.d.ts",
    "src/runtime/validation-runtime.ts",
    "metaschemas/draft-07.json",
  ]) {
    assert.ok(shipped.includes(needed), `the package lacks ${needed}`);
  }

  const project = path.join(dir, "consumer");
  mkdirSync(path.join(project, "schemas"), { recursive: true });
  writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
  writeFileSync(
    path.join(project, "schemas/order.json"),
    JSON.stringify({
      title: "Order",
      type: "object",
      required: ["id"],
      properties: { id: { type: "string", format: "uuid" }, at: { type: "string", format: "date-time" } },
    }),
  );
  const installed = path.join(project, "node_modules/codegen");
  mkdirSync(installed, { recursive: true });
  execFileSync("tar", ["-xzf", path.join(dir, packed[0]!.filename), "-C", installed, "--strip-components=1"]);
  symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(installed, "node_modules"), "dir");
  mkdirSync(path.join(project, "node_modules/.bin"));
  symlinkSync("../codegen/bin/codegen.js", path.join(project, "node_modules/.bin/codegen"));

  const npx = (...args: string[]): { status: number | null; output: string } => {
    const result = spawnSync(NPM, ["exec", "--offline", "--", "codegen", ...args], { cwd: project, encoding: "utf8" });
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
  };
  const generated = npx();
  assert.equal(generated.status, 0, generated.output);
  assert.deepEqual(
    readdirSync(path.join(project, "generated"))
      .filter((name) => name.endsWith(".ts"))
      .sort(),
    ["Order.ts", "_formats.ts", "_runtime.ts", "index.ts"],
  );
  assert.equal(npx("--check").status, 0);
  assert.equal(runStrictTsc(path.join(project, "generated"), ["*.ts"], { noEmit: true }), "", "the output compiles under the strict flags");

  writeFileSync(path.join(project, "schemas/order.json"), JSON.stringify({ title: "Order", type: "string" }));
  const drift = npx("--check");
  assert.equal(drift.status, 1, drift.output);
  assert.match(drift.output, /generated\/Order\.ts would be updated/);
});
