/**
 * What a schema may make codegen do. Read: remote refs only with `allowRemote` (served here by a
 * server on the loopback interface, so nothing leaves the machine), file refs outside the project
 * directory and the inputs' directories only with `allowOutsideRoot`, and ref cycles through files
 * end. Run: patterns that can backtrack catastrophically are reported when generating.
 */
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { after, before, test } from "node:test";
import { CodegenError, generate } from "../src/index.js";
import { compileGenerated, importGenerated, temporaryDirectory, withoutTypesModules } from "./helpers.js";

let server: Server;
let base: string;
const served: Record<string, unknown> = {
  "/money.json": { type: "object", required: ["amount"], properties: { amount: { type: "integer", minimum: 0 } } },
};

before(async () => {
  server = createServer((request, response) => {
    const body = served[request.url ?? ""];
    response.writeHead(body === undefined ? 404 : 200, { "content-type": "application/json" });
    response.end(JSON.stringify(body ?? {}));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => server.close());

function project(schema: unknown): string {
  const dir = temporaryDirectory("security");
  mkdirSync(path.join(dir, "project/schemas"), { recursive: true });
  writeFileSync(path.join(dir, "project/schemas/order.json"), JSON.stringify(schema));
  return path.join(dir, "project");
}

async function refusal(run: Promise<unknown>): Promise<string> {
  try {
    await run;
  } catch (error) {
    assert.ok(error instanceof CodegenError, `expected a CodegenError, got ${String(error)}`);
    return error.describe();
  }
  assert.fail("expected generate() to refuse the schema");
}

test("remote refs are refused unless allowRemote; with it they are fetched", async () => {
  const dir = project({ title: "Order", type: "object", properties: { total: { $ref: `${base}/money.json` } } });
  const message = await refusal(generate({ cwd: dir, outDir: "out", cache: false }));
  assert.match(message, /^schemas\/order\.json#\/properties\/total\/\$ref: cannot resolve \$ref "http:\/\/127\.0\.0\.1:\d+\/money\.json"/);
  assert.match(message, /unless --allow-remote is given/);

  await generate({ cwd: dir, outDir: "out", cache: false, allowRemote: true });
  const module = await importGenerated(compileGenerated(path.join(dir, "out")), "index");
  const isOrder = module["isOrder"] as (value: unknown) => boolean;
  assert.equal(isOrder({ total: { amount: 5 } }), true);
  assert.equal(isOrder({ total: { amount: -5 } }), false);
});

test("file refs outside the project and the inputs' directories are refused unless allowOutsideRoot", async () => {
  const dir = project({ title: "Order", type: "object", properties: { secret: { $ref: "../../outside.json" } } });
  writeFileSync(path.join(dir, "../outside.json"), JSON.stringify({ type: "string" }));
  const message = await refusal(generate({ cwd: dir, outDir: "out", cache: false }));
  assert.match(message, /is outside the project directory and the inputs' directories/);
  assert.match(message, /--allow-outside-root/);

  const result = await generate({ cwd: dir, outDir: "out", cache: false, allowOutsideRoot: true });
  assert.ok(result.files.some((file) => file.name === "Outside.ts"));
});

test("a ref cycle through files ends: each file is loaded once", async () => {
  const dir = project({ title: "Order", type: "object", properties: { next: { $ref: "line.json" } } });
  writeFileSync(
    path.join(dir, "schemas/line.json"),
    JSON.stringify({ title: "Line", type: "object", properties: { order: { $ref: "order.json" }, next: { $ref: "line.json" } } }),
  );
  const result = await generate({ cwd: dir, inputs: ["schemas/order.json"], outDir: "out", cache: false });
  assert.deepEqual(withoutTypesModules(result.files.map((file) => file.name)), ["Line.ts", "Order.ts", "_runtime.ts", "index.ts"]);
});

test("patterns that can backtrack catastrophically are reported at generation time, errors with strict", async () => {
  const schema = {
    title: "Order",
    type: "object",
    properties: { code: { type: "string", pattern: "^([a-z]+)+$" }, plain: { type: "string", pattern: "^[a-z]+(-[a-z]+)?$" } },
    patternProperties: { "^(x*)*$": true },
  };
  const dir = project(schema);
  const result = await generate({ cwd: dir, outDir: "out", cache: false });
  assert.deepEqual(
    result.warnings.map((warning) => `${warning.file}#${warning.pointer}`),
    ["schemas/order.json#/patternProperties/^(x*)*$", "schemas/order.json#/properties/code/pattern"],
  );
  assert.match(
    result.warnings[1]!.message,
    /can match "aa" in more than one way inside a repetition: matching it can take exponential time/,
  );
  const refused = await refusal(generate({ cwd: dir, outDir: "out", cache: false, strict: true }));
  assert.match(refused, /^2 errors:\n/);
  assert.equal(
    refused.match(/exponential time on hostile input, which is not allowed in strict mode\n {2}Write it so that each iteration/g)?.length,
    2,
  );
});

test("data nested 100,000 levels deep: isX says invalid, validateX, assertX and the Standard Schema report it, the process goes on", async () => {
  const dir = project({
    title: "Order",
    $defs: { node: { type: ["object", "array"], properties: { child: { $ref: "#/$defs/node" } }, items: { $ref: "#/$defs/node" } } },
    $ref: "#/$defs/node",
  });
  await generate({ cwd: dir, outDir: "out", cache: false });
  const module = await importGenerated(compileGenerated(path.join(dir, "out")), "index");
  let objects: unknown = {};
  let arrays: unknown = [];
  for (let depth = 0; depth < 100_000; depth++) {
    objects = { child: objects };
    arrays = [arrays];
  }
  const validateOrder = module["validateOrder"] as (value: unknown) => { valid: boolean; errors?: unknown[] };
  for (const data of [objects, arrays]) {
    assert.deepEqual(validateOrder(data), {
      valid: false,
      errors: [{ instancePath: "", schemaPath: "#", keyword: "maxDepth", params: {}, message: "is nested too deeply to validate" }],
    });
    assert.throws(
      () => (module["assertOrder"] as (value: unknown) => void)(data),
      /Order is invalid:\n {2}\(root\): is nested too deeply to validate/,
    );
    const standard = module["OrderSchema"] as { "~standard": { validate(value: unknown): { issues?: unknown[] } } };
    assert.equal(standard["~standard"].validate(data).issues?.length, 1);
    // isX has no error to report: data too deeply nested to validate is not valid.
    assert.equal((module["isOrder"] as (value: unknown) => boolean)(data), false);
  }
  // Nesting within reach of the stack still gets a real verdict.
  let shallow: unknown = { child: "not an object" };
  for (let depth = 0; depth < 1000; depth++) shallow = { child: shallow };
  assert.equal(validateOrder(shallow).valid, false);
  assert.equal((validateOrder(shallow).errors?.[0] as { keyword: string }).keyword, "type");
  assert.equal((module["isOrder"] as (value: unknown) => boolean)(shallow), false);
});
