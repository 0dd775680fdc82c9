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

async function build(
  schema: unknown,
  others: Record<string, unknown> = {},
): Promise<{ module: Record<string, unknown>; source: string; name: string; jsDir: string }> {
  const dir = temporaryDirectory("hostile");
  mkdirSync(path.join(dir, "schemas"));
  writeFileSync(path.join(dir, "schemas/payload.json"), JSON.stringify(schema));
  for (const [file, other] of Object.entries(others)) writeFileSync(path.join(dir, "schemas", file), JSON.stringify(other));
  const result = await generate({ cwd: dir, inputs: ["schemas"], outDir: "out", cache: false });
  const jsDir = compileGenerated(path.join(dir, "out"));
  const module = await importGenerated(jsDir, "index");
  const name = result.rootTypes[0]!;
  // The module's types and its validators.
  const source = [`${name}.types.ts`, `${name}.ts`].map((file) => readFileSync(path.join(dir, "out", file), "utf8")).join("\n");
  return { module, source, name, jsDir };
}

const pwned = (): unknown => (globalThis as { pwned?: unknown }).pwned;

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
  const data: unknown = JSON.parse(`{${names.map((name) => `"${name}": {"polluted": 1}`).join(", ")}}`);
  assert.equal(validate(data).valid, true);
  const bad: unknown = JSON.parse(
    '{"__proto__": {"polluted": "yes"}, "constructor": {}, "prototype": {}, "hasOwnProperty": {}, "toString": {}}',
  );
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

test("hostile names, enum values and patterns are matched as data, and typed under their quoted names", async () => {
  const names = ['a"b', "__proto__", "*/", "`${x}`", "back\\slash", "line\u2028sep", "a/b~c"];
  const { module, source } = await build({
    title: "Quoted",
    type: "object",
    required: names,
    properties: {
      ...Object.fromEntries(names.map((name) => [name, { type: "string" }])),
      comment: { enum: ["*/", "/*", "`", "${", "</script>"] },
      quoted: { type: "string", pattern: '^"\\\\[a-z]+\\\\"\'`\\$\\{\\}$' },
      fixed: { const: '"); process.exit(1); ("' },
    },
  });
  const validate = module["validateQuoted"] as Validate;
  const isQuoted = module["isQuoted"] as (value: unknown) => boolean;
  // JSON.parse and Object.fromEntries make __proto__ an own key, as data from the wire has it.
  const valid: Record<string, unknown> = Object.fromEntries(names.map((name) => [name, name]));
  assert.ok(Object.hasOwn(valid, "__proto__"));
  assert.equal(validate(valid).valid, true);
  assert.equal(isQuoted(valid), true);
  for (const name of names) {
    const missing = Object.fromEntries(Object.entries(valid).filter(([key]) => key !== name));
    assert.deepEqual(
      validate(missing).errors?.map((error) => [error.keyword, (error as { params?: unknown }).params]),
      [["required", { missingProperty: name }]],
      name,
    );
    assert.equal(isQuoted(missing), false, name);
  }
  const wrongType: unknown = JSON.parse(JSON.stringify(valid).replace('"a/b~c":"a/b~c"', '"a/b~c":1'));
  assert.deepEqual(
    validate(wrongType).errors?.map((error) => [error.instancePath, error.keyword]),
    [["/a~1b~0c", "type"]],
  );
  for (const value of ["*/", "/*", "`", "${", "</script>"]) assert.equal(validate({ ...valid, comment: value }).valid, true, value);
  for (const value of ["*/ ", "*\\/", "", "${}"]) assert.equal(validate({ ...valid, comment: value }).valid, false, value);
  assert.equal(validate({ ...valid, quoted: '"\\abc\\"\'`${}' }).valid, true, "the pattern matches what it says");
  assert.equal(validate({ ...valid, quoted: '"\\abc"\'`${}' }).valid, false);
  assert.equal(validate({ ...valid, fixed: '"); process.exit(1); ("' }).valid, true);
  assert.equal(validate({ ...valid, fixed: "" }).valid, false);
  assert.equal(pwned(), undefined);

  // The type has every name as a quoted key, and line separators only as escapes.
  for (const key of ["'a\"b'", "__proto__: string", '"*/"', '"`${x}`"', '"back\\\\slash"', '"line\\u2028sep"', '"a/b~c"']) {
    assert.ok(source.includes(key), `the type has the key ${key}`);
  }
  assert.doesNotMatch(source, /[\u2028\u2029]/);
  assert.match(source, /comment\?: "\*\/" \| "\/\*" \| "`" \| "\$\{" \| "<\/script>";/);
});

test("json-schema-to-typescript's own keywords (tsType, tsEnumNames, extends) and pattern keys cannot put code into the types", async () => {
  const { module, source } = await build({
    title: "Extensions",
    type: "object",
    properties: {
      a: { type: "string", tsType: "string;\n}\n(globalThis as any).pwned = true;\nexport interface Smuggled {" },
      b: { enum: ["x", "y"], tsEnumNames: ["X = (globalThis as any).pwned = 1", "Y"] },
      c: { type: "object", extends: { tsType: "never" } },
    },
    additionalProperties: false,
    patternProperties: { "^x*/b*/ (globalThis as any).pwned = true; /*$": { type: "number" } },
  });
  assert.equal(pwned(), undefined);
  assert.doesNotMatch(source, /Smuggled|= \(globalThis|pwned = true;\n/);
  assert.match(source, /a\?: string;/);
  assert.match(source, /b\?: "x" \| "y";/);
  const validate = module["validateExtensions"] as Validate;
  assert.equal(validate({ a: "s", b: "x", c: {}, "x/b/ globalThis as any-pwned = true; ": 1 }).valid, true);
  assert.deepEqual(
    validate({ a: 1 }).errors?.map((error) => [error.instancePath, error.keyword]),
    [["/a", "type"]],
  );
});

test("prototype names in patternProperties, dependentRequired and additionalProperties; data with __proto__ keys pollutes nothing", async () => {
  const { module } = await build({
    title: "Members",
    type: "object",
    properties: { constructor: { type: "string" }, "a/b": { type: "integer" } },
    required: ["constructor"],
    patternProperties: { "^(__proto__|prototype)$": { type: "object", required: ["polluted"], properties: { polluted: { const: true } } } },
    // A computed key: `__proto__: […]` in a literal would set the prototype, not a key.
    dependentRequired: { toString: ["hasOwnProperty"], ["__proto__"]: ["prototype"] },
    additionalProperties: false,
  });
  const validate = module["validateMembers"] as Validate;
  const isMembers = module["isMembers"] as (value: unknown) => boolean;
  const pairs = (value: unknown): string[][] | undefined => validate(value).errors?.map((error) => [error.instancePath, error.keyword]);

  assert.deepEqual(pairs({}), [["", "required"]], "constructor is not found on Object.prototype");
  assert.equal(isMembers({}), false);
  const polluting: unknown = JSON.parse('{"constructor": "c", "__proto__": {"polluted": true}, "prototype": {"polluted": true}}');
  assert.equal(validate(polluting).valid, true);
  assert.equal(isMembers(polluting), true);
  assert.equal(({} as { polluted?: unknown }).polluted, undefined, "validating did not write Object.prototype");
  assert.equal(Object.getPrototypeOf(polluting), Object.prototype, "nor the data's prototype");

  assert.deepEqual(pairs(JSON.parse('{"constructor": "c", "__proto__": {"polluted": false}, "prototype": 1}')), [
    ["/__proto__/polluted", "const"],
    ["/prototype", "type"],
  ]);
  assert.deepEqual(pairs(JSON.parse('{"constructor": "c", "__proto__": {"polluted": true}}')), [["", "dependentRequired"]]);
  assert.deepEqual(pairs(JSON.parse('{"constructor": "c", "toString": 1, "hasOwnProperty": 2}')), [
    ["", "additionalProperties"],
    ["", "additionalProperties"],
  ]);
  assert.deepEqual(
    pairs(JSON.parse('{"constructor": "c", "toString": 1}'))?.sort(),
    [
      ["", "additionalProperties"],
      ["", "dependentRequired"],
    ],
    "toString needs hasOwnProperty as an own property, not the inherited method",
  );
  assert.deepEqual(pairs({ constructor: "c", "a/b": 1.5 }), [["/a~1b", "type"]]);
  assert.equal(({} as { polluted?: unknown }).polluted, undefined);
});

/** Recursive schemas, through $dynamicRef, $ref and `not`, for data nested deeper than the stack reaches. */
const DEEP_SCHEMA = {
  title: "Tree",
  $id: "https://example.com/tree",
  $dynamicAnchor: "node",
  type: "object",
  properties: { child: { $dynamicRef: "#node" }, data: true },
};
const DEEP_OTHERS = {
  "list.json": { title: "List", $defs: { node: { type: "array", items: { $ref: "#/$defs/node" } } }, $ref: "#/$defs/node" },
  // Valid at even depths only: a verdict cut short deep inside would flip at every level above.
  "alternating.json": {
    title: "Alternating",
    $defs: { node: { type: "array", items: { not: { $ref: "#/$defs/node" } } } },
    $ref: "#/$defs/node",
  },
  "strict.json": {
    title: "StrictTree",
    $id: "https://example.com/strict-tree",
    $dynamicAnchor: "node",
    $ref: "tree",
    unevaluatedProperties: false,
  },
};

const MAX_DEPTH = [{ instancePath: "", schemaPath: "#", keyword: "maxDepth", params: {}, message: "is nested too deeply to validate" }];

/** Every generated entry point of `name` rejects `data` as too deeply nested, without crashing. */
function assertTooDeep(module: Record<string, unknown>, name: string, data: unknown): void {
  assert.deepEqual((module[`validate${name}`] as Validate)(data), { valid: false, errors: MAX_DEPTH }, name);
  assert.throws(
    () => (module[`assert${name}`] as (value: unknown) => void)(data),
    /is invalid:\n {2}\(root\): is nested too deeply to validate/,
  );
  const standard = module[`${name}Schema`] as { "~standard": { validate(value: unknown): unknown } };
  assert.deepEqual(standard["~standard"].validate(data), { issues: [{ message: "is nested too deeply to validate", path: [] }] });
  // isX has no error to report: data too deeply nested to validate is not valid.
  assert.equal((module[`is${name}`] as (value: unknown) => boolean)(data), false, name);
}

/** SpiderMonkey reports an exhausted stack as an InternalError; any other exception is a bug and goes on. */
async function assertOnlyStackExhaustionIsTooDeep(jsDir: string): Promise<void> {
  const runtime = await importGenerated(jsDir, "_runtime");
  const validateWith = runtime["validateWith"] as (value: unknown, check: () => boolean, collect: () => void) => unknown;
  const internalError = Object.assign(new Error("too much recursion"), { name: "InternalError" });
  const throwing = (error: Error) => (): boolean => {
    throw error;
  };
  assert.deepEqual(
    validateWith(1, throwing(internalError), () => {}),
    { valid: false, errors: MAX_DEPTH },
  );
  assert.throws(() => validateWith(1, throwing(new TypeError("bug")), () => {}), TypeError);
  const notTooDeeplyNested = runtime["notTooDeeplyNested"] as (error: unknown) => unknown;
  assert.equal(notTooDeeplyNested(internalError), false);
  assert.throws(() => notTooDeeplyNested(new TypeError("bug")), TypeError);
}

test("data nested 100,000 levels deep: isX says invalid, the others report maxDepth, never a crash; the dynamic scope survives", async () => {
  const { module, jsDir } = await build(DEEP_SCHEMA, DEEP_OTHERS);
  let tree: unknown = {};
  let list: unknown = [];
  for (let depth = 0; depth < 100_000; depth++) {
    tree = { child: tree };
    list = [list];
  }
  for (const [name, data] of [
    ["Tree", tree],
    ["StrictTree", tree],
    ["List", list],
    ["Alternating", list],
  ] as const) {
    assertTooDeep(module, name, data);
  }
  // Within reach of the stack, the verdicts are exact, `not` included.
  let shallow: unknown = [];
  for (let depth = 1; depth <= 1001; depth++) {
    shallow = [shallow];
    assert.equal((module["isAlternating"] as (value: unknown) => boolean)(shallow), depth % 2 === 0, `depth ${depth}`);
  }
  // The dynamic scope was unwound: a Tree is still a Tree (extra properties allowed), a StrictTree strict.
  const loose = { child: { child: {}, extra: 1 } };
  assert.equal((module["validateTree"] as Validate)(loose).valid, true);
  assert.equal((module["validateStrictTree"] as Validate)(loose).valid, false);
  assert.equal((module["validateStrictTree"] as Validate)({ child: { child: {} } }).valid, true);

  await assertOnlyStackExhaustionIsTooDeep(jsDir);
});

test("descriptions with */ and JSDoc tags stay inside their doc comment", async () => {
  const description = "First line\r\n@deprecated */ export const pwned = true; /**\r@type {never}\n@example `*/`";
  const { module, source } = await build({
    title: "Documented",
    description,
    $comment: "*/ export const pwned = true; /*",
    type: "object",
    properties: {
      a: { type: "string", description },
      b: { type: "string", deprecated: true, $comment: "*/ /*" },
    },
  });
  assert.equal(module["pwned"], undefined);
  const comments = source.match(/\/\*\*[\s\S]*?\*\//g) ?? [];
  const typeDoc = comments.find((comment) => comment.includes("First line"));
  assert.equal(
    typeDoc,
    ["/**", " * First line", " * @deprecated *\\/ export const pwned = true; /**", " * @type {never}", " * @example `*\\/`", " */"].join(
      "\n",
    ),
  );
  // Every line of every doc comment is a comment line: nothing escapes between `/**` and `*/`.
  for (const comment of comments) for (const line of comment.split("\n").slice(1)) assert.match(line, /^\s*\*/);
  assert.match(source, /\s+\* @deprecated\n\s+\*\/\n\s+b\?: string;/, "deprecated: true is a real @deprecated tag");
  assert.doesNotMatch(source, /\r/);
  assert.equal((module["isDocumented"] as (value: unknown) => boolean)({ a: "x", b: "y" }), true);
});
