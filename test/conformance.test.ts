import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { formatTable, runDialect, SUITE_DIALECTS, type DialectResult } from "../scripts/conformance.js";
import { REPO_ROOT, SUITE_DIR } from "./helpers.js";

/**
 * Passed-test floors per dialect, recorded from real runs. A floor only goes up: when a change
 * passes more tests, `UPDATE_FLOORS=1 npm test` records the new counts.
 */
const FLOORS_FILE = path.join(REPO_ROOT, "test/conformance-floors.json");
/** Dialects whose required tests must all pass, whatever the floors say. */
const COMPLETE = ["draft2020-12", "draft7"];

test("JSON-Schema-Test-Suite: required and optional tests of every dialect, generated, compiled and run", async (t) => {
  const results: DialectResult[] = [];
  for (const dialect of Object.keys(SUITE_DIALECTS)) results.push(await runDialect(dialect));
  for (const dialect of Object.keys(SUITE_DIALECTS)) results.push(await runDialect(dialect, "optional"));
  for (const dialect of Object.keys(SUITE_DIALECTS)) results.push(await runDialect(dialect, "optional/format"));
  t.diagnostic(`JSON-Schema-Test-Suite at ${readFileSync(path.join(SUITE_DIR, "COMMIT"), "utf8").trim()} (test/json-schema-test-suite)`);
  for (const line of formatTable(results).split("\n")) t.diagnostic(line);

  const floors = JSON.parse(readFileSync(FLOORS_FILE, "utf8")) as Record<string, number>;
  if (process.env["UPDATE_FLOORS"] === "1") {
    for (const result of results) floors[result.dialect] = Math.max(floors[result.dialect] ?? 0, result.passed);
    writeFileSync(FLOORS_FILE, `${JSON.stringify(floors, null, 2)}\n`);
  }
  for (const result of results) {
    if (COMPLETE.includes(result.dialect)) {
      assert.deepEqual(
        result.failures.map((failure) => `${failure.file} | ${failure.group} | ${failure.test ?? "*"} | ${failure.reason}`),
        [],
        `${result.dialect}: every required test must pass`,
      );
    }
    assert.ok(
      result.passed >= (floors[result.dialect] ?? 0),
      `${result.dialect}: ${result.passed} passed, below the floor of ${floors[result.dialect]}. First failures:\n${result.failures
        .slice(0, 20)
        .map((failure) => `  ${failure.file} | ${failure.group} | ${failure.test ?? "*"} | ${failure.reason}`)
        .join("\n")}`,
    );
    assert.equal(result.typeErrors, 0, `${result.dialect}: generated types of ${result.typeErrors} suite schemas do not compile`);
  }
});
