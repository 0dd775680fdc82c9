/**
 * Refreshes the vendored JSON-Schema-Test-Suite in test/json-schema-test-suite/ from a checkout:
 *
 *   npm run vendor-test-suite -- <path to a JSON-Schema-Test-Suite checkout>
 *
 * Copies the suite's tests/, remotes/ and test-schema.json with its LICENSE and README, records the
 * commit (the checkout's COMMIT file if it has one, else `git rev-parse HEAD` there) and writes
 * VENDORED.md, the note on where the copy came from and how to refresh it.
 */
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
/** Where the tests and `npm run conformance` read the suite. */
export const SUITE_DIR = path.join(REPO_ROOT, "test/json-schema-test-suite");
const COPIED = ["tests", "remotes", "test-schema.json", "LICENSE", "README.md"] as const;

function commitOf(source: string): string {
  const recorded = path.join(source, "COMMIT");
  const commit = existsSync(recorded)
    ? readFileSync(recorded, "utf8").trim()
    : execFileSync("git", ["-C", source, "rev-parse", "HEAD"], { encoding: "utf8" }).trim();
  if (!/^[0-9a-f]{40}$/.test(commit)) throw new Error(`${source}: "${commit}" is not a commit hash`);
  return commit;
}

function main(): number {
  const source = process.argv[2];
  if (source === undefined) {
    process.stderr.write("usage: npm run vendor-test-suite -- <path to a JSON-Schema-Test-Suite checkout>\n");
    return 2;
  }
  const missing = COPIED.filter((entry) => !existsSync(path.join(source, entry)));
  if (missing.length > 0) {
    process.stderr.write(`${source} is not a JSON-Schema-Test-Suite checkout: it has no ${missing.join(", ")}\n`);
    return 2;
  }
  const commit = commitOf(source);
  rmSync(SUITE_DIR, { recursive: true, force: true });
  for (const entry of COPIED) cpSync(path.join(source, entry), path.join(SUITE_DIR, entry), { recursive: true });
  writeFileSync(path.join(SUITE_DIR, "COMMIT"), `${commit}\n`);
  writeFileSync(
    path.join(SUITE_DIR, "VENDORED.md"),
    [
      "# Vendored JSON-Schema-Test-Suite",
      "",
      `A copy of https://github.com/json-schema-org/JSON-Schema-Test-Suite at commit ${commit} (also in`,
      "`COMMIT`), under the suite's own license (`LICENSE`). codegen's tests and `npm run conformance` read",
      "it from here, so the repository needs nothing beside it. Do not edit it by hand; to move to another",
      "commit, run from the repository root:",
      "",
      "```sh",
      "npm run vendor-test-suite -- <path to a JSON-Schema-Test-Suite checkout>",
      "```",
      "",
      "then `UPDATE_FLOORS=1 npm test` if the optional rows' floors in `test/conformance-floors.json` rose.",
      "",
    ].join("\n"),
  );
  process.stdout.write(`vendored JSON-Schema-Test-Suite ${commit} into ${path.relative(process.cwd(), SUITE_DIR)}/\n`);
  return 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exitCode = main();
