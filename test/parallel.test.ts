/**
 * Generation on two threads: with enough modules, a worker thread takes a share of them. Its output
 * and its errors must be exactly those of one thread. GitHub's REST API description (969 component
 * schemas) is large enough that the worker, once started, always finds work left.
 */
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { CodegenError, generate, type GenerateOptions, type GenerateResult } from "../src/index.js";
import { REPO_ROOT, temporaryDirectory } from "./helpers.js";

const GITHUB = path.join(REPO_ROOT, "node_modules/@octokit/openapi/generated/api.github.com.json");

const dir = temporaryDirectory("parallel");

type Document = { components: { schemas: Record<string, Record<string, unknown>> } };

/** GitHub's description, written into the test directory after `change`, with a component that refers to another file. */
function writeDocument(change: (document: Document) => void = () => {}): string {
  const document = JSON.parse(readFileSync(GITHUB, "utf8")) as Document;
  document.components.schemas["external-note"] = { $ref: "note.json" };
  writeFileSync(path.join(dir, "note.json"), JSON.stringify({ type: "object", properties: { text: { type: "string", maxLength: 10 } } }));
  change(document);
  writeFileSync(path.join(dir, "openapi.json"), JSON.stringify(document));
  return "openapi.json";
}

function run(input: string, parallel: boolean): Promise<GenerateResult> {
  return generate({ cwd: dir, inputs: [input], outDir: "out", check: true, cache: false, parallel } satisfies GenerateOptions);
}

/** The number of modules the worker emitted, from the stage's name in the timings. */
function byWorker(result: GenerateResult): number {
  const stage = result.timings.find((timing) => timing.stage.startsWith("emit types and validators"))!.stage;
  return Number(/(\d+) module\(s\) by the worker/.exec(stage)?.[1] ?? 0);
}

test("two threads write exactly what one thread writes", { skip: availableParallelism() < 2 && "one core" }, async () => {
  const input = writeDocument();
  const single = await run(input, false);
  const shared = await run(input, true);
  assert.equal(byWorker(single), 0);
  assert.ok(byWorker(shared) > 0, "the worker emitted no module");
  assert.ok(byWorker(shared) < shared.files.length, "the main thread emitted no module");
  assert.deepEqual(
    shared.files.map((file) => file.name),
    single.files.map((file) => file.name),
  );
  for (const [index, file] of shared.files.entries()) assert.equal(file.source, single.files[index]!.source, file.name);
  assert.ok(shared.files.some((file) => file.name === "ExternalNote.ts"));
});

test("with two failing modules, both ways report the first one", { skip: availableParallelism() < 2 && "one core" }, async () => {
  const names = Object.keys((JSON.parse(readFileSync(GITHUB, "utf8")) as Document).components.schemas);
  const [first, second] = [names[500]!, names[800]!];
  const input = writeDocument((document) => {
    for (const name of [second, first]) document.components.schemas[name] = { type: "string", maxLength: -1 };
  });
  const errors = await Promise.all(
    [false, true].map((parallel) =>
      run(input, parallel).then(
        () => assert.fail("the run succeeded"),
        (error: unknown) => error,
      ),
    ),
  );
  for (const error of errors) {
    assert.ok(error instanceof CodegenError, String(error));
    assert.equal(error.pointer, `/components/schemas/${first}/maxLength`);
  }
});
