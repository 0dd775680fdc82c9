/**
 * The package as users get it: `npm pack`, installed into a fresh project with its own schemas/,
 * where `npx codegen` and `npx codegen --check` work, the output compiles, and the library entry
 * point (`import { generate } from "codegen"`) type-checks and runs.
 *
 * Tests never touch the network, so instead of `npm install <tarball>` (whose `--offline` form
 * depends on what the npm cache happens to hold: `npm ci` fills it with tarballs, not always with the
 * metadata a range needs), the tarball is unpacked into the project's node_modules the way npm lays
 * it out, and each dependency the packed package.json declares, and only those, is linked from this
 * repository's node_modules (the lockfile's versions). codegen's own modules thus resolve only the
 * dependencies it declares: one imported but listed under devDependencies fails here. `npm test` has
 * just built dist/, so packing skips the prepack script: rebuilding dist/ here would race with the
 * other test files that import it.
 */
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { builtinModules } from "node:module";
import path from "node:path";
import { test } from "node:test";
import { runStrictTsc } from "../scripts/strict-tsc.js";
import { REPO_ROOT, temporaryDirectory, withoutTypesModules } from "./helpers.js";

const NPM = process.platform === "win32" ? "npm.cmd" : "npm";

interface Manifest {
  name: string;
  bin?: Record<string, string>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

/** The package a bare import specifier names (`@scope/name/sub` → `@scope/name`), or undefined for a built-in. */
function importedPackage(specifier: string): string | undefined {
  if (specifier.startsWith("node:") || builtinModules.includes(specifier)) return undefined;
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

/** Every package the compiled modules under `dir` import, statically or with `import()`. */
function importedPackages(dir: string): Set<string> {
  const packages = new Set<string>();
  for (const entry of readdirSync(dir, { recursive: true, encoding: "utf8" })) {
    if (!entry.endsWith(".js")) continue;
    const source = readFileSync(path.join(dir, entry), "utf8");
    for (const match of source.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)["']([^"'./][^"']*)["']/gm)) {
      const name = importedPackage(match[1]!);
      if (name !== undefined) packages.add(name);
    }
  }
  return packages;
}

/** `npm pack` into `dir`: the tarball's path and the files it ships. */
function pack(dir: string): { tarball: string; shipped: string[] } {
  const packed = JSON.parse(
    execFileSync(NPM, ["pack", "--json", "--ignore-scripts", "--pack-destination", dir], {
      cwd: REPO_ROOT,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    }),
  ) as Array<{ filename: string; files: Array<{ path: string }> }>;
  return { tarball: path.join(dir, packed[0]!.filename), shipped: packed[0]!.files.map((file) => file.path) };
}

function assertShipsOnlyWhatRuns(shipped: readonly string[]): void {
  for (const devOnly of [
    "test/",
    "scripts/",
    "dist/test/",
    "dist/scripts/",
    "dist/generated/",
    "generated/",
    "schemas/",
    "node_modules/",
    ".ci/",
  ]) {
    assert.ok(!shipped.some((file) => file.startsWith(devOnly)), `the package ships ${devOnly}`);
  }
  const sourceOutsideRuntime = shipped.filter((file) => file.startsWith("src/") && !file.startsWith("src/runtime/"));
  assert.deepEqual(sourceOutsideRuntime, [], "the package ships TypeScript sources other than the runtime files");
  for (const needed of [
    "package.json",
    "README.md",
    "bin/codegen.js",
    "dist/src/cli.bundle.js",
    "dist/src/index.js",
    "dist/src/index.d.ts",
    "src/runtime/validation-runtime.ts",
    "src/runtime/formats.ts",
    "metaschemas/draft-07.json",
    "metaschemas/2020-12/schema.json",
  ]) {
    assert.ok(shipped.includes(needed), `the package lacks ${needed}`);
  }
}

/** A consumer project in `dir`/consumer with schemas/ of two dialects, one referring to the other. */
function createConsumerProject(dir: string): string {
  const project = path.join(dir, "consumer");
  mkdirSync(path.join(project, "schemas"), { recursive: true });
  writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
  writeFileSync(
    path.join(project, "schemas/order.json"),
    JSON.stringify({
      title: "Order",
      type: "object",
      required: ["id", "customer"],
      properties: {
        id: { type: "string", format: "uuid" },
        at: { type: "string", format: "date-time" },
        customer: { $ref: "customer.json" },
      },
    }),
  );
  writeFileSync(
    path.join(project, "schemas/customer.json"),
    JSON.stringify({
      $schema: "http://json-schema.org/draft-07/schema#",
      title: "Customer",
      type: "object",
      required: ["email"],
      properties: { email: { type: "string", format: "email" } },
    }),
  );
  return project;
}

/** Unpacks the tarball as npm would install it: node_modules/<name>, its bins in node_modules/.bin. */
function installTarball(project: string, tarball: string): void {
  const modules = path.join(project, "node_modules");
  const installed = path.join(modules, "codegen");
  mkdirSync(installed, { recursive: true });
  execFileSync("tar", ["-xzf", tarball, "-C", installed, "--strip-components=1"]);
  const manifest = JSON.parse(readFileSync(path.join(installed, "package.json"), "utf8")) as Manifest;
  assert.equal(manifest.name, "codegen");
  const declared = new Set(Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies, ...manifest.optionalDependencies }));
  const undeclared = [...importedPackages(path.join(installed, "dist/src"))].filter((name) => !declared.has(name));
  assert.deepEqual(undeclared, [], "the shipped code imports packages its package.json does not declare as dependencies");
  for (const name of Object.keys(manifest.dependencies ?? {})) {
    const target = path.join(REPO_ROOT, "node_modules", name);
    assert.ok(existsSync(target), `dependency ${name} is not installed in the repository (run npm ci)`);
    mkdirSync(path.dirname(path.join(modules, name)), { recursive: true });
    symlinkSync(target, path.join(modules, name), "dir");
  }
  mkdirSync(path.join(modules, ".bin"));
  for (const [name, file] of Object.entries(manifest.bin ?? {})) {
    symlinkSync(path.join("..", "codegen", file), path.join(modules, ".bin", name));
  }
  assert.ok(existsSync(path.join(modules, ".bin", "codegen")), "the package declares no codegen bin");
}

/** `npx codegen …` in the project, offline. */
function npxCodegen(project: string, env: NodeJS.ProcessEnv, ...args: string[]): { status: number | null; output: string } {
  const result = spawnSync(NPM, ["exec", "--offline", "--", "codegen", ...args], { cwd: project, encoding: "utf8", env });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

function assertCliGeneratesAndChecks(project: string, env: NodeJS.ProcessEnv): void {
  const generated = npxCodegen(project, env);
  assert.equal(generated.status, 0, generated.output);
  assert.deepEqual(withoutTypesModules(readdirSync(path.join(project, "generated")).filter((name) => name.endsWith(".ts"))), [
    "Customer.ts",
    "Order.ts",
    "_formats.ts",
    "_runtime.ts",
    "index.ts",
  ]);
  // The run-time helpers are copied from the installed package's src/runtime/.
  assert.match(readFileSync(path.join(project, "generated/_runtime.ts"), "utf8"), /export class SchemaValidationError/);
  const checked = npxCodegen(project, env, "--check");
  assert.equal(checked.status, 0, checked.output);
}

function assertOutputCompiles(project: string): void {
  const typecheck = path.join(project, "typecheck");
  mkdirSync(typecheck);
  assert.equal(runStrictTsc(typecheck, ["../generated/*.ts"], { noEmit: true }), "", "the output compiles under the strict flags");
}

/** A consumer module: the library entry point (exports, with its types) and the generated validators. */
const CONSUMER_MAIN = [
  `import { CodegenError, generate, type GenerateResult } from "codegen";`,
  `import { isOrder, validateOrder, type Order } from "../generated/index.js";`,
  `const order: Order = { id: "123e4567-e89b-12d3-a456-426614174000", customer: { email: "a@example.com" } };`,
  `const result: GenerateResult = await generate({ cwd: process.argv[2]!, outDir: "generated-api", formatter: "prettier", cache: false });`,
  `let refused = false;`,
  `try {`,
  `  await generate({ cwd: process.argv[2]!, inputs: ["missing.json"], cache: false });`,
  `} catch (error) {`,
  `  refused = error instanceof CodegenError;`,
  `}`,
  `const invalid = validateOrder({ id: "not-a-uuid", customer: {} });`,
  `console.log(JSON.stringify({`,
  `  valid: isOrder(order),`,
  `  errors: invalid.valid ? [] : invalid.errors.map((error) => error.instancePath).sort(),`,
  `  rootTypes: result.rootTypes,`,
  `  files: result.files.map((file) => file.name).sort(),`,
  `  refused,`,
  `}));`,
  ``,
].join("\n");

function assertLibraryWorks(project: string, env: NodeJS.ProcessEnv): void {
  const app = path.join(project, "app");
  mkdirSync(app);
  writeFileSync(path.join(app, "main.ts"), CONSUMER_MAIN);
  const compiled = runStrictTsc(app, ["main.ts"], {
    rootDir: "..",
    outDir: "js",
    types: ["node"],
    typeRoots: [path.join(REPO_ROOT, "node_modules/@types")],
  });
  assert.equal(compiled, "", "a consumer of the package and of the generated code compiles under the strict flags");
  const ran = spawnSync(process.execPath, [path.join(app, "js/app/main.js"), project], { cwd: project, encoding: "utf8", env });
  assert.equal(ran.status, 0, `${ran.stdout}${ran.stderr}`);
  assert.deepEqual(JSON.parse(ran.stdout), {
    valid: true,
    errors: ["/customer", "/id"],
    rootTypes: ["Customer", "Order"],
    files: ["Customer.ts", "Customer.types.ts", "Order.ts", "Order.types.ts", "_formats.ts", "_runtime.ts", "index.ts", "types.ts"],
    refused: true,
  });
}

function assertCheckReportsDrift(project: string, env: NodeJS.ProcessEnv): void {
  writeFileSync(path.join(project, "schemas/order.json"), JSON.stringify({ title: "Order", type: "string" }));
  const drift = npxCodegen(project, env, "--check");
  assert.equal(drift.status, 1, drift.output);
  assert.match(drift.output, /generated\/Order\.ts would be updated/);
}

test("npm pack ships only what runs; the tarball installs, and npx codegen, --check and the library work", { timeout: 120_000 }, () => {
  const dir = temporaryDirectory("package");
  const { tarball, shipped } = pack(dir);
  assertShipsOnlyWhatRuns(shipped);
  const project = createConsumerProject(dir);
  installTarball(project, tarball);
  // No NODE_PATH: codegen must find its dependencies and its own files from where it is installed.
  const env = { ...process.env };
  delete env.NODE_PATH;
  assertCliGeneratesAndChecks(project, env);
  assertOutputCompiles(project);
  assertLibraryWorks(project, env);
  assertCheckReportsDrift(project, env);
});
