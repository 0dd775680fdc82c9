import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { REPO_ROOT, temporaryDirectory } from "./helpers.js";

const CLI = path.join(REPO_ROOT, "bin/codegen.js");

function codegen(cwd: string, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: "utf8" });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A project with a copy of this repository's schemas and config. */
function stytchProject(): string {
  const dir = temporaryDirectory("project");
  cpSync(path.join(REPO_ROOT, "schemas"), path.join(dir, "schemas"), { recursive: true });
  cpSync(path.join(REPO_ROOT, "codegen.config.json"), path.join(dir, "codegen.config.json"));
  return dir;
}

function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).map((name) => [name, readFileSync(path.join(dir, name), "utf8")]));
}

test("codegen --check passes on this repository: generated/ is in sync with schemas/", () => {
  const result = codegen(REPO_ROOT, "--check");
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /generated\/ is up to date/);
});

test("codegen writes generated/, then --check finds no drift", () => {
  const project = stytchProject();
  const written = codegen(project);
  assert.equal(written.status, 0, written.stderr);
  assert.ok(existsSync(path.join(project, "generated/RecoverResponse.ts")));
  assert.ok(existsSync(path.join(project, "generated/index.ts")));
  assert.equal(codegen(project, "--check").status, 0);
});

test("--check exits 1, names every file that would change, and writes nothing", () => {
  const project = stytchProject();
  assert.equal(codegen(project).status, 0);
  const memberFile = path.join(project, "schemas/api_organization_v1_Member.json");
  const member = JSON.parse(readFileSync(memberFile, "utf8"));
  member.properties.name.description = "The member's full name.";
  writeFileSync(memberFile, JSON.stringify(member, null, 2));
  writeFileSync(
    path.join(project, "schemas/extra.json"),
    JSON.stringify({ $id: "#/components/schemas/api_test_v1_Extra", type: "object", properties: { a: { type: "string" } } }),
  );
  const before = snapshot(path.join(project, "generated"));

  const result = codegen(project, "--check");
  assert.equal(result.status, 1);
  assert.match(result.stderr, /generated\/Member\.ts would be updated/);
  assert.match(result.stderr, /generated\/Extra\.ts would be created/);
  assert.match(result.stderr, /generated\/index\.ts would be updated/);
  assert.deepEqual(snapshot(path.join(project, "generated")), before);
});

test("a removed schema's output is deleted; a user's own file in generated/ is kept", () => {
  const project = stytchProject();
  writeFileSync(path.join(project, "schemas/extra.json"), JSON.stringify({ title: "Extra", type: "string" }));
  assert.equal(codegen(project).status, 0);
  assert.ok(existsSync(path.join(project, "generated/Extra.ts")));
  writeFileSync(path.join(project, "generated/handwritten.ts"), "export const mine = 1;\n");
  rmSync(path.join(project, "schemas/extra.json"));

  assert.match(codegen(project, "--check").stderr, /generated\/Extra\.ts would be deleted/);
  assert.equal(codegen(project).status, 0);
  assert.ok(!existsSync(path.join(project, "generated/Extra.ts")));
  assert.ok(existsSync(path.join(project, "generated/handwritten.ts")));
});

test("bad input: exit 2, the file and the line and column, no stack trace, output untouched", () => {
  const project = stytchProject();
  assert.equal(codegen(project).status, 0);
  const before = snapshot(path.join(project, "generated"));
  writeFileSync(
    path.join(project, "schemas/broken.json"),
    '{\n  "type": "object",\n  "properties": {\n    "a": { "type": "string" }\n  ,}\n}\n',
  );
  const result = codegen(project);
  assert.equal(result.status, 2);
  assert.match(result.stderr, /^codegen: schemas\/broken\.json: invalid JSON at line 5, column 4/);
  assert.doesNotMatch(result.stderr, /\n\s+at /, "no stack trace");
  assert.deepEqual(snapshot(path.join(project, "generated")), before);

  writeFileSync(path.join(project, "schemas/broken.json"), "");
  const empty = codegen(project);
  assert.equal(empty.status, 2);
  assert.match(empty.stderr, /^codegen: schemas\/broken\.json: invalid JSON/);
  assert.deepEqual(snapshot(path.join(project, "generated")), before);
});

test("an unresolvable $ref names the file and the JSON pointer of the $ref", () => {
  const dir = temporaryDirectory("unresolved");
  mkdirSync(path.join(dir, "schemas"));
  writeFileSync(
    path.join(dir, "schemas/order.json"),
    JSON.stringify({ title: "Order", type: "object", properties: { customer: { $ref: "#/components/schemas/api_shop_v1_Customer" } } }),
  );
  const result = codegen(dir);
  assert.equal(result.status, 2);
  assert.match(
    result.stderr,
    /schemas\/order\.json#\/properties\/customer\/\$ref: cannot resolve \$ref "#\/components\/schemas\/api_shop_v1_Customer"/,
  );
  assert.match(result.stderr, /api_shop_v1_Customer\.json/);
  assert.ok(!existsSync(path.join(dir, "generated")));
});

test("inputs and --out on the command line; --help; unknown options are usage errors", () => {
  const project = stytchProject();
  const result = codegen(project, "schemas/api_organization_v1_MemberRoleSource.json", "--out", "types");
  assert.equal(result.status, 0, result.stderr);
  assert.deepEqual(readdirSync(path.join(project, "types")).sort(), ["MemberRoleSource.ts", "_runtime.ts", "index.ts"]);

  const help = codegen(project, "--help");
  assert.equal(help.status, 0);
  assert.match(help.stdout, /Usage: codegen \[options\] \[inputs\.\.\.\]/);
  assert.match(help.stdout, /--check/);

  const unknown = codegen(project, "--frobnicate");
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /unknown option '--frobnicate'/);
});

test("--prettier formats the output with prettier and the user's prettier config", () => {
  const dir = temporaryDirectory("cli-prettier");
  mkdirSync(path.join(dir, "schemas"));
  writeFileSync(
    path.join(dir, "schemas/point.json"),
    JSON.stringify({ title: "Point", type: "object", properties: { x: { type: "number" } } }),
  );
  writeFileSync(path.join(dir, ".prettierrc"), JSON.stringify({ singleQuote: true }));
  const result = codegen(dir, "--prettier");
  assert.equal(result.status, 0, result.stderr);
  assert.match(readFileSync(path.join(dir, "generated/Point.ts"), "utf8"), /from '\.\/_runtime\.js';\n/);
});

test("a malformed keyword is reported with its location, exit 2", () => {
  const dir = temporaryDirectory("malformed");
  mkdirSync(path.join(dir, "schemas"));
  writeFileSync(path.join(dir, "schemas/user.json"), JSON.stringify({ title: "User", properties: { tags: { type: "array", items: 3 } } }));
  const result = codegen(dir);
  assert.equal(result.status, 2);
  assert.match(
    result.stderr,
    /^codegen: schemas\/user\.json#\/properties\/tags\/items: "items" must be a schema or an array of schemas, not 3/,
  );
  assert.ok(!existsSync(path.join(dir, "generated")));
});
