/**
 * The two smallest families of the real-world corpus (test/corpus/families.ts) end to end: they
 * generate, compile under the strict flags, and every payload gets ajv's verdict from `validateX`
 * (and the same from `isX`), bar the known ajv deviations, each of which ajv must still get wrong
 * on its suite test. The whole corpus is `npm run corpus`.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { CORPUS_DEVIATIONS } from "./corpus/deviations.js";
import { FAMILIES, type Target } from "./corpus/families.js";
import { valueAtPointer } from "../src/json-pointer.js";
import { disagreementOf, runFamily } from "./corpus/run.js";
import type { Json } from "./differential/json.js";
import { ajvValidator } from "./differential/oracle.js";
import { REPO_ROOT, SUITE_DIR, temporaryDirectory } from "./helpers.js";

const QUICK_FAMILIES = ["JSON Resume", "OpenAPI 3.1 documents"];

/**
 * ajv reads a document in one dialect and refuses a schema in it written in another (a parameter's
 * `"$schema": "…draft-04…"`, or an OpenAPI 3.1 document's `jsonSchemaDialect`); codegen reads the
 * schema in the dialect declared for it. There ajv has no verdict to compare.
 */
function declaresOtherDraft(target: Target): boolean {
  const document = JSON.parse(readFileSync(path.join(REPO_ROOT, target.schema), "utf8")) as Record<string, unknown>;
  const schema = valueAtPointer(document, target.pointer);
  const declares = typeof schema === "object" && schema !== null && typeof (schema as Record<string, unknown>)["$schema"] === "string";
  return declares || typeof document["jsonSchemaDialect"] === "string";
}

test("ajv still fails the suite test of each known corpus deviation", () => {
  for (const { id, suite } of CORPUS_DEVIATIONS) {
    const groups = JSON.parse(readFileSync(path.join(SUITE_DIR, "tests", suite.file), "utf8")) as {
      description: string;
      schema: Json;
      tests: { description: string; data: Json; valid: boolean }[];
    }[];
    const group = groups.find((candidate) => candidate.description === suite.group);
    const suiteTest = group?.tests.find((candidate) => candidate.description === suite.test);
    assert.ok(group !== undefined && suiteTest !== undefined, `${id}: no suite test ${suite.file} / ${suite.group} / ${suite.test}`);
    const dialect = suite.file.startsWith("draft2020-12/") ? "2020-12" : "draft-07";
    // Quiet: ajv warns of the unknown formats that are the point of one deviation.
    const validate = ajvValidator(group.schema, dialect, { options: { logger: false }, formats: {}, keywords: {} });
    assert.notEqual(validate(suiteTest.data), suiteTest.valid, `${id}: ajv now passes ${suite.file} / ${suite.group} / ${suite.test}`);
  }
});

for (const name of QUICK_FAMILIES) {
  test(`corpus family ${name}: generates, compiles strictly, and agrees with ajv on its payloads`, async () => {
    const family = FAMILIES.find((candidate) => candidate.name === name)!;
    const report = await runFamily(family, temporaryDirectory("corpus"));
    assert.ok(!("error" in report.generation), `generation failed: ${JSON.stringify(report.generation)}`);
    assert.deepEqual(report.strict, [], "the generated code does not compile under the strict flags");
    assert.ok(Array.isArray(report.verdicts), `verdicts ${typeof report.verdicts === "string" ? report.verdicts : ""}`);
    assert.deepEqual(report.verdictBuild, []);
    assert.ok(report.payloads > 0);
    for (const verdict of report.verdicts) {
      const where = `${verdict.payload.origin} → ${verdict.payload.target.schema}#${verdict.payload.target.pointer}`;
      if (typeof verdict.codegen === "string") {
        // A schema that breaks its dialect: both refuse it.
        assert.equal(typeof verdict.ajv, "string", `${where}: codegen refused a schema ajv compiles: ${verdict.codegen}`);
        continue;
      }
      if (typeof verdict.ajv === "string" && declaresOtherDraft(verdict.payload.target)) continue;
      assert.equal(typeof verdict.ajv, "object", `${where}: ajv failed: ${JSON.stringify(verdict.ajv)}`);
      assert.equal(verdict.guardDisagrees, false, `${where}: isX and validateX disagree`);
      const differs = disagreementOf(verdict);
      assert.ok(differs === undefined || verdict.excusedBy !== undefined, `${where}: codegen and ajv differ (${differs})`);
    }
  });
}
