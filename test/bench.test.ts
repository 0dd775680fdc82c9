import assert from "node:assert/strict";
import { test } from "node:test";
import { GITHUB_COMPONENTS, githubFixture, githubInvalidPayload, runBench } from "../scripts/bench.js";
import { githubAjv } from "../scripts/bench/ajv.js";
import { componentClosure, loadGitHub, subDocument } from "../scripts/bench/inputs.js";
import { formatReport, machine } from "../scripts/bench/report.js";

test("the GitHub fixtures are valid per ajv, and their invalid variants have 3 or more errors", () => {
  const document = loadGitHub();
  const components = GITHUB_COMPONENTS.map((entry) => entry.component);
  const schemas = subDocument(document, componentClosure(document.components.schemas, components)).components.schemas;
  const validators = githubAjv(schemas, components, true);
  for (const component of components) {
    const validate = validators.get(component)!;
    assert.equal(validate(githubFixture(component)), true, `${component}.json: ${JSON.stringify(validate.errors)}`);
    assert.equal(validate(githubInvalidPayload(component)), false, component);
    assert.ok(validate.errors!.length >= 3, `${component}: ${JSON.stringify(validate.errors)}`);
  }
});

// A smoke test: quick mode times too little to say anything about the targets, so none is asserted.
test("npm run bench runs (quick mode): every row measured, every ratio finite and positive", async () => {
  const rows = await runBench({ quick: true });
  const report = formatReport(rows, machine());
  assert.match(report, /^\| comparison \| codegen \| peer \| ratio \| target \| result \|$/m);
  assert.match(report, /^Machine: .+, \d+ cores, .+; Node v\d+/m);
  for (const row of rows) {
    assert.ok(report.includes(`| ${row.name} |`), `the report prints ${row.name}`);
    assert.equal(row.unavailable, undefined, `${row.name} was not measured: ${row.unavailable}`);
    if (row.target.endsWith("×")) {
      assert.ok(row.ratio !== undefined && Number.isFinite(row.ratio) && row.ratio > 0, `${row.name}: ratio ${row.ratio}`);
    }
  }
  const names = rows.map((row) => row.name).join("\n");
  for (const expected of [
    "isRecoverResponse, valid payload",
    "validateRecoverResponse, valid payload",
    "validateRecoverResponse, 3 errors",
    ...GITHUB_COMPONENTS.flatMap(({ type }) => [`is${type}, valid payload`, `validate${type}, valid payload`, `validate${type}, 3 errors`]),
    ...["RecoverResponse", ...GITHUB_COMPONENTS.map(({ type }) => type)].map((type) => `is${type} vs typia, valid payload`),
    "against the OpenAPI 3.0 schema, vs ajv",
    "against the OpenAPI 3.0 schema, vs schemasafe",
    "generate Stytch",
    "generate GitHub",
    "peak memory",
    "again, unchanged (cache)",
    "growth: first",
    "bundle of is",
    "bundle of validate",
    "output of Stytch, bytes",
    "output of GitHub subset",
    ...["date-time", "date", "time", "uri", "uri-reference", "email", "uuid", "ipv4", "ipv6", "hostname"].map(
      (format) => `format ${format} (`,
    ),
  ]) {
    assert.ok(names.includes(expected), `a row for ${expected}`);
  }
});
