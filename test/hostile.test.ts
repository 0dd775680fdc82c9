/**
 * Schema text that tries to break out of the generated code, and data that tries to pollute
 * prototypes. The generated files must compile, importing them must run nothing, and validators
 * must treat every such string as data.
 */
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { generate } from "../src/index.js";
import { compileGenerated, importGenerated, temporaryDirectory } from "./helpers.js";

/** Strings that end comments, strings, templates or scripts, or would run code if pasted into source. */
const HOSTILE = [
  "*/ globalThis.pwned = true; /*",
  '"); globalThis.pwned = true; ("',
  "'); globalThis.pwned = true; ('",
  "`; globalThis.pwned = true; `",
  "${globalThis.pwned = true}",
  '\\\\"; globalThis.pwned = true; //',
  "line\nbreak\r\nand\u2028separators\u2029",
  "</script><script>globalThis.pwned = true</script>",
  "// globalThis.pwned = true",
  "@deprecated */ export const pwned = true; /**",
];

type Validate = (value: unknown) => { valid: boolean; errors?: Array<{ instancePath: string; keyword: string }> };

async function build(schema: unknown): Promise<{ module: Record<string, unknown>; source: string; name: string }> {
  const dir = temporaryDirectory("hostile");
  mkdirSync(path.join(dir, "schemas"));
  writeFileSync(path.join(dir, "schemas/payload.json"), JSON.stringify(schema));
  const result = await generate({ cwd: dir, outDir: "out", cache: false });
  const module = await importGenerated(compileGenerated(path.join(dir, "out")), "index");
  const name = result.rootTypes[0]!;
  return { module, source: readFileSync(path.join(dir, "out", `${name}.ts`), "utf8"), name };
}

test("hostile titles, descriptions, property names, enum/const/default/examples, patterns, $id and $comment are data", async () => {
  const properties = Object.fromEntries(
    HOSTILE.map((text, index) => [
      text,
      { description: text, title: text, $comment: text, default: text, examples: [text], enum: [text, `${index}`] },
    ]),
  );
  const schema = {
    $id: "https://example.com/*/`${x}`/payload.json",
    title: "Payload */ globalThis.pwned = true; /*",
    description: HOSTILE.join(" "),
    $comment: HOSTILE.join(" "),
    type: "object",
    required: HOSTILE,
    properties: { ...properties, quoted: { type: "string", pattern: '^"[^"\\\\]*\\\\.*`\\$\\{$', const: HOSTILE[4] } },
  };
  const { module, source, name } = await build(schema);
  assert.equal((globalThis as { pwned?: unknown }).pwned, undefined, "importing the generated code ran nothing");
  assert.equal(module["pwned"], undefined, "no export was smuggled in through a comment");

  const validate = module[`validate${name}`] as Validate;
  const valid = Object.fromEntries(HOSTILE.map((text) => [text, text]));
  assert.equal(validate(valid).valid, true, "every hostile name is an ordinary required property holding its hostile enum value");
  const wrong = { ...valid, [HOSTILE[0]!]: "something else" };
  assert.deepEqual(
    validate(wrong).errors?.map((error) => [error.instancePath, error.keyword]),
    [[`/${HOSTILE[0]!.replace(/~/g, "~0").replace(/\//g, "~1")}`, "enum"]],
  );
  const missing = { ...valid };
  delete missing[HOSTILE[1]!];
  assert.deepEqual(
    validate(missing).errors?.map((error) => error.keyword),
    ["required"],
  );
  assert.equal(validate({ ...valid, quoted: HOSTILE[4] }).valid, false, "the pattern is matched as written, not as code");
  assert.match(source, /"\*\/ globalThis\.pwned = true; \/\*"\??: /, "the hostile name is a quoted property of the type");
  assert.doesNotMatch(source, /^\s*globalThis\.pwned/m);
});

test("__proto__, constructor, prototype, hasOwnProperty and toString are ordinary own properties", async () => {
  const names = ["__proto__", "constructor", "prototype", "hasOwnProperty", "toString"];
  const { module } = await build({
    title: "Names",
    type: "object",
    required: names,
    properties: Object.fromEntries(names.map((name) => [name, { type: "object", properties: { polluted: { type: "number" } } }])),
    additionalProperties: false,
  });
  const validate = module["validateNames"] as Validate;
  assert.deepEqual(
    validate({}).errors?.map((error) => error.keyword),
    names.map(() => "required"),
    "inherited members are not own properties",
  );
  const data = JSON.parse(`{${names.map((name) => `"${name}": {"polluted": 1}`).join(", ")}}`);
  assert.equal(validate(data).valid, true);
  const bad = JSON.parse('{"__proto__": {"polluted": "yes"}, "constructor": {}, "prototype": {}, "hasOwnProperty": {}, "toString": {}}');
  assert.deepEqual(
    validate(bad).errors?.map((error) => [error.instancePath, error.keyword]),
    [["/__proto__/polluted", "type"]],
  );
  assert.equal(({} as { polluted?: unknown }).polluted, undefined, "validating never touched Object.prototype");
  // As ajv: the object is where additionalProperties fails, the property is in params.
  const extra = validate(JSON.parse('{"__proto__": {}, "a/b~c": 1}')).errors?.find((error) => error.keyword === "additionalProperties");
  assert.deepEqual(extra, {
    instancePath: "",
    schemaPath: "#/additionalProperties",
    keyword: "additionalProperties",
    params: { additionalProperty: "a/b~c" },
    message: "must NOT have additional properties",
  });
});
