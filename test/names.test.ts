/**
 * Schema names against the generated code's own names: properties named like every identifier the
 * generated code uses (the functions of a referenced schema, run-time helpers, parameters, locals,
 * module constants, private and `evaluatedBy…` functions) must not change what the code means. The
 * output compiles under the strict flags, no declaration shadows another, and every property
 * validates as its schema says.
 */
import assert from "node:assert/strict";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import ts from "typescript";
import { generate } from "../src/index.js";
import { compileGenerated, importGenerated, temporaryDirectory } from "./helpers.js";

const DRAFT_2020 = "https://json-schema.org/draft/2020-12/schema";
const RUNTIME_EXPORTS = Object.keys(await import("../src/runtime/validation-runtime.js"));
const FORMAT_EXPORTS = Object.keys(await import("../src/runtime/formats.js"));

/** Names the generated code uses, written out; the test adds every name it finds declared in a first generation. */
const KNOWN_NAMES = [
  ...["Foo", "checkFoo", "collectFooErrors", "isFoo", "validateFoo", "assertFoo", "evaluatedByFoo", "FooSchema"],
  ...["checkNames", "collectNamesErrors", "evaluatedByNames", "isNames", "validateNames", "assertNames", "NamesSchema"],
  ...["checkPATTERN", "collectPATTERNErrors", "evaluatedByPATTERN"],
  ...RUNTIME_EXPORTS,
  ...FORMAT_EXPORTS,
  ...["formats", "errors", "instancePath", "value", "includeUnevaluated", "error", "result", "scopeDepth", "target"],
  ...["index", "item", "item0", "key", "key2", "start", "passing", "oneOfStart", "duplicate", "evaluated", "allowed"],
  ...["propertyValue", "patternValue"],
  ...["PATTERN", "PATTERN2", "ALLOWED_VALUES", "KNOWN_PROPERTIES", "EVALUATED_PROPERTY_NAMES", "DYNAMIC_ANCHORS", "DYNAMIC_REF_INITIAL"],
];

const FOO = {
  $schema: DRAFT_2020,
  $id: "https://example.com/foo",
  title: "Foo",
  type: "object",
  properties: { id: { type: "string", minLength: 1 } },
  required: ["id"],
};
/** A type named like a module constant. */
const PATTERN = { $schema: DRAFT_2020, $id: "https://example.com/pattern", title: "PATTERN", type: "string", pattern: "^P" };

/** Properties that make each kind of generated name: private functions, constants, loops, the dynamic scope. */
const STRUCTURAL: Record<string, unknown> = {
  child: { $dynamicRef: "#node" },
  choice: { anyOf: [{ $ref: "foo" }, { type: "string", format: "email" }] },
  single: { oneOf: [{ $ref: "foo" }, { type: "string", pattern: "^s" }] },
  list: { type: "array", items: { $ref: "foo" }, uniqueItems: true },
  some: { type: "array", contains: { $ref: "foo" } },
  pair: { type: "array", prefixItems: [{ $ref: "foo" }, { type: "string", format: "uuid" }], items: false },
  rest: { type: "array", prefixItems: [{ type: "integer" }], unevaluatedItems: { $ref: "foo" } },
  tagged: {
    type: "object",
    patternProperties: { "^x-": { $ref: "foo" } },
    additionalProperties: { type: "integer" },
    propertyNames: { maxLength: 8 },
  },
  closed: {
    type: "object",
    properties: Object.fromEntries([..."abcdefghi"].map((letter) => [letter, { type: "integer" }])),
    additionalProperties: false,
  },
  allowed: { enum: [{ a: 1 }, "plain"] },
  code: { type: "string", pattern: "^[A-Z]{3}$" },
  constant: { $ref: "pattern" },
};

/** The holder: every name as a property holding a Foo, beside the structural properties. */
function namesSchema(names: readonly string[]): Record<string, unknown> {
  const properties = { ...STRUCTURAL };
  for (const name of names) properties[name] ??= { $ref: "foo" };
  return {
    $schema: DRAFT_2020,
    $id: "https://example.com/names",
    $dynamicAnchor: "node",
    title: "Names",
    type: "object",
    properties,
    unevaluatedProperties: false,
  };
}

/** Generates Foo, PATTERN and Names with these property names; returns the output directory. */
async function generateNames(names: readonly string[]): Promise<string> {
  const dir = temporaryDirectory("names");
  mkdirSync(path.join(dir, "schemas"));
  for (const [file, schema] of Object.entries({ foo: FOO, pattern: PATTERN, names: namesSchema(names) })) {
    writeFileSync(path.join(dir, "schemas", `${file}.json`), JSON.stringify(schema));
  }
  await generate({ cwd: dir, inputs: ["schemas"], outDir: "out", cache: false });
  return path.join(dir, "out");
}

/** The generated modules (not the copied run-time files), by file name. */
function generatedSources(outDir: string): Map<string, ts.SourceFile> {
  const files = readdirSync(outDir).filter((name) => name.endsWith(".ts") && !name.startsWith("_"));
  return new Map(
    files.map((name) => [name, ts.createSourceFile(name, readFileSync(path.join(outDir, name), "utf8"), ts.ScriptTarget.ES2022, true)]),
  );
}

function bindingNames(name: ts.BindingName): string[] {
  return ts.isIdentifier(name) ? [name.text] : [];
}

/** The value names a statement declares in its block: variables, functions, classes, imports. */
function statementNames(statement: ts.Statement): string[] {
  if (ts.isVariableStatement(statement))
    return statement.declarationList.declarations.flatMap((declaration) => bindingNames(declaration.name));
  if (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement))
    return statement.name === undefined ? [] : [statement.name.text];
  if (ts.isImportDeclaration(statement)) {
    const bindings = statement.importClause?.namedBindings;
    if (bindings === undefined) return [];
    return ts.isNamespaceImport(bindings) ? [bindings.name.text] : bindings.elements.map((element) => element.name.text);
  }
  return [];
}

/** The names a scope-making node declares for the code inside it; undefined for other nodes. */
function scopeNames(node: ts.Node): string[] | undefined {
  if (ts.isSourceFile(node) || ts.isBlock(node)) return node.statements.flatMap(statementNames);
  if (ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isArrowFunction(node)) {
    return node.parameters.flatMap((parameter) => bindingNames(parameter.name));
  }
  if (ts.isForStatement(node) || ts.isForOfStatement(node) || ts.isForInStatement(node)) {
    const initializer = node.initializer;
    return initializer !== undefined && ts.isVariableDeclarationList(initializer)
      ? initializer.declarations.flatMap((declaration) => bindingNames(declaration.name))
      : [];
  }
  if (ts.isCatchClause(node)) return node.variableDeclaration === undefined ? [] : bindingNames(node.variableDeclaration.name);
  return undefined;
}

/** Every value name in a module, and each declaration that shadows one of an enclosing scope. */
function analyze(source: ts.SourceFile): { declared: Set<string>; shadowed: string[] } {
  const declared = new Set<string>();
  const shadowed: string[] = [];
  const visit = (node: ts.Node, scopes: readonly ReadonlySet<string>[]): void => {
    const names = scopeNames(node);
    let inner = scopes;
    if (names !== undefined) {
      for (const name of names) {
        declared.add(name);
        if (scopes.some((scope) => scope.has(name))) shadowed.push(`${source.fileName}: ${name}`);
      }
      inner = [...scopes, new Set(names)];
    }
    ts.forEachChild(node, (child) => visit(child, inner));
  };
  visit(source, []);
  return { declared, shadowed };
}

const foo = { id: "x" };
const badFoo = { id: 1 };

/** Values of the structural properties and the (instancePath, keyword) pairs of their errors. */
const STRUCTURAL_CASES: [value: unknown, errors: string[]][] = [
  [{ child: { checkFoo: foo, child: {} } }, []],
  [{ child: { checkFoo: badFoo } }, ["/child/checkFoo/id type"]],
  [{ choice: foo }, []],
  [{ choice: "a@example.com" }, []],
  [{ choice: "nope" }, ["/choice type", "/choice format", "/choice anyOf"]],
  [{ single: "sx", constant: "Px" }, []],
  [{ single: "x" }, ["/single type", "/single pattern", "/single oneOf"]],
  [{ constant: "x" }, ["/constant pattern"]],
  [{ list: [foo, { id: "y" }], some: [1, foo] }, []],
  [{ list: [foo, foo] }, ["/list uniqueItems"]],
  [{ list: [badFoo] }, ["/list/0/id type"]],
  [{ some: [1, badFoo] }, ["/some/0 type", "/some/1/id type", "/some contains"]],
  [{ pair: [foo, "6f1c3b2a-6f1c-4b2a-8f1c-3b2a6f1c3b2a"] }, []],
  [{ pair: [badFoo, "x", 3] }, ["/pair/0/id type", "/pair/1 format", "/pair items"]],
  [{ rest: [1, foo, foo] }, []],
  [{ rest: [1, badFoo] }, ["/rest/1/id type"]],
  [{ tagged: { "x-a": foo, other: 1 } }, []],
  [
    { tagged: { "x-a": badFoo, other: "s", "very-long": 1 } },
    ["/tagged/x-a/id type", "/tagged/other type", "/tagged maxLength", "/tagged propertyNames"],
  ],
  [{ closed: { a: 1, i: 2 } }, []],
  [{ closed: { a: 1, z: 2 } }, ["/closed additionalProperties"]],
  [{ allowed: { a: 1 } }, []],
  [{ allowed: "plain" }, []],
  [{ allowed: { a: 2 } }, ["/allowed enum"]],
  [{ code: "ABC" }, []],
  [{ code: "abc" }, ["/code pattern"]],
];

type ValidationResult = { valid: true; value: unknown } | { valid: false; errors: { instancePath: string; keyword: string }[] };

test("properties named like the generated code's own names compile, shadow nothing and validate", async () => {
  // A first generation shows what the code declares: every such name becomes a property too.
  const found = [...generatedSources(await generateNames(KNOWN_NAMES)).values()].flatMap((source) => [...analyze(source).declared]);
  const names = [...new Set([...KNOWN_NAMES, ...found])];
  const outDir = await generateNames(names);
  const jsDir = compileGenerated(outDir);

  const sources = generatedSources(outDir);
  assert.deepEqual(
    [...sources.values()].flatMap((source) => analyze(source).shadowed),
    [],
    "no declaration shadows another",
  );
  const namesModule = sources.get("Names.ts")!;
  // A local keeps its property's name where that is free, and gets a counter where a module-level name has it.
  assert.match(namesModule.text, /const choice = value\.choice;/);
  assert.match(namesModule.text, /const checkFoo2 = value\.checkFoo;/);
  const declaredInNames = analyze(namesModule).declared;
  for (const name of ["checkFoo", "collectFooErrors", "evaluatedByFoo", "PATTERN", "scopeDepth", "allowed"]) {
    assert.ok(declaredInNames.has(name), `Names.ts uses ${name} itself, so the properties named ${name} test a real clash`);
  }

  const module = await importGenerated(jsDir, "index");
  const validate = module["validateNames"] as (value: unknown) => ValidationResult;
  const is = module["isNames"] as (value: unknown) => boolean;
  const pairs = (value: unknown): string[] => {
    const result = validate(value);
    assert.equal(is(value), result.valid, `isNames agrees with validateNames on ${JSON.stringify(value)}`);
    return result.valid ? [] : result.errors.map((error) => `${error.instancePath} ${error.keyword}`);
  };
  for (const name of names.filter((name) => !(name in STRUCTURAL))) {
    assert.deepEqual(pairs({ [name]: foo }), [], `${name}: a Foo is valid`);
    assert.deepEqual(pairs({ [name]: badFoo }), [`/${name}/id type`], `${name}: an invalid Foo is reported at its place`);
  }
  assert.deepEqual(pairs({ nope: 1 }), [" unevaluatedProperties"]);
  for (const [value, expected] of STRUCTURAL_CASES) assert.deepEqual(pairs(value).sort(), [...expected].sort(), JSON.stringify(value));
});
