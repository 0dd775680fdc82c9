/**
 * Names. Type names: each rule of name.ts (exact source names, `[]`, URI keys, file qualifiers,
 * sentence-like titles, identifiers as written), and names given by `naming.types` and
 * `naming.typeName`, with their errors.
 *
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
import { CodegenError, generate, type TypeNameContext } from "../src/index.js";
import type { SchemaDocument } from "../src/load.js";
import { assignTypeNames } from "../src/name.js";
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

// ---------------------------------------------------------------- type names

function document(displayPath: string, root: unknown): SchemaDocument {
  return { file: `/project/${displayPath}`, uri: `file:///project/${displayPath}`, displayPath, root };
}

/** The type name of each location, by `file#pointer`, with `naming`. */
function typeNames(locations: { document: SchemaDocument; pointer: string }[], naming = {}): Record<string, string> {
  const names = assignTypeNames(locations, naming);
  return Object.fromEntries(locations.map((location) => [`${location.document.displayPath}#${location.pointer}`, names.get(location)!]));
}

/** A bundle's definitions as locations, keys in this order. */
function definitions(file: string, keys: readonly string[], schemaOf: (key: string) => object = () => ({ type: "object" })) {
  const bundle = document(file, { $defs: Object.fromEntries(keys.map((key) => [key, schemaOf(key)])) });
  return keys.map((key) => ({ document: bundle, pointer: `/$defs/${key.replaceAll("~", "~0").replaceAll("/", "~1")}` }));
}

test("an exact source name keeps its name; names made from other text yield, whatever the order", () => {
  // "Project-Site" sorts first (- before S), and used to take ProjectSite.
  assert.deepEqual(typeNames(definitions("site.json", ["Project-Site", "ProjectSite", "Project_Site"])), {
    "site.json#/$defs/Project-Site": "ProjectSite2",
    "site.json#/$defs/ProjectSite": "ProjectSite",
    "site.json#/$defs/Project_Site": "ProjectSite3",
  });
  // Two names made from other text: the first in order gets the name, the next a counter.
  assert.deepEqual(Object.values(typeNames(definitions("site.json", ["project-site", "project_site"]))), ["ProjectSite", "ProjectSite2"]);
});

test("a type is not named XSchema beside a type X, whose Standard Schema has that name, in either order", async () => {
  assert.deepEqual(Object.values(typeNames(definitions("a.json", ["Merged", "MergedSchema"]))), ["Merged", "MergedSchema2"]);
  assert.deepEqual(Object.values(typeNames(definitions("a.json", ["MergedSchema", "Merged"]))), ["MergedSchema2", "Merged"]);
  const dir = temporaryDirectory("schema-suffix");
  writeFileSync(path.join(dir, "package.json"), "{}");
  for (const title of ["Merged", "MergedSchema"]) {
    writeFileSync(path.join(dir, `${title}.json`), JSON.stringify({ $schema: DRAFT_2020, title, type: "object" }));
  }
  await generate({ cwd: dir, inputs: ["Merged.json", "MergedSchema.json"], outDir: "out", cache: false });
  // tsc refused the index before: Duplicate identifier 'MergedSchema'.
  const module = await importGenerated(compileGenerated(path.join(dir, "out")), "index");
  assert.equal((module["isMergedSchema2"] as (value: unknown) => boolean)({}), true);
});

test("[] becomes Array: MarkPropDef<number> and MarkPropDef<number[]> are two names without counters", () => {
  assert.deepEqual(Object.values(typeNames(definitions("vl.json", ["MarkPropDef<number>", "MarkPropDef<number[]>", "Foo[][]"]))), [
    "MarkPropDefNumber",
    "MarkPropDefNumberArray",
    "FooArrayArray",
  ]);
});

test("a definition keyed by its URI or file name is named after its title, else the URI's last segment", () => {
  const keys = [
    "http://example.com/definitions/260/info.json",
    "http://example.com/definitions/261/contact.json",
    "spdx.schema.json",
    "urn:example:thing",
    "http://example.com/",
    "a/b",
  ];
  const titles: Record<string, string> = {
    "http://example.com/definitions/260/info.json": "Info",
    "spdx.schema.json": "SPDX licence list (https://spdx.org/licenses)",
    "http://example.com/": "Home",
  };
  const schemaOf = (key: string): object => (titles[key] === undefined ? { type: "object" } : { $id: key, title: titles[key] });
  assert.deepEqual(Object.values(typeNames(definitions("bundle.json", keys, schemaOf))), [
    "Info",
    "Contact",
    // A sentence-like title gives way to the file name.
    "SpdxSchema",
    "UrnExampleThing",
    "Home",
    // Not a URI: the key.
    "AB",
  ]);
});

test("the same name in several files takes the part of each file's path that tells them apart, before any counter", () => {
  const locations = [
    ...definitions("a/foo.json", ["Info"]),
    ...definitions("b/bar.json", ["Info", "info"]),
    ...definitions("v1/core.json", ["Info"]),
    ...definitions("v2/core.json", ["Info"]),
    ...definitions("2019-09/meta.json", ["Info"]),
    ...definitions("2020-12/meta.json", ["Info"]),
    ...definitions("c/only.json", ["Other"]),
  ];
  assert.deepEqual(typeNames(locations), {
    "a/foo.json#/$defs/Info": "FooInfo",
    "b/bar.json#/$defs/Info": "BarInfo",
    // Two in one file: the file name does not tell them apart, a counter does.
    "b/bar.json#/$defs/info": "BarInfo2",
    "v1/core.json#/$defs/Info": "V1Info",
    "v2/core.json#/$defs/Info": "V2Info",
    // A part starting with a digit goes after the name.
    "2019-09/meta.json#/$defs/Info": "Info201909",
    "2020-12/meta.json#/$defs/Info": "Info202012",
    "c/only.json#/$defs/Other": "Other",
  });
  // A schema written with the name keeps it; the one made from other text takes its file's name.
  const written = [...definitions("billing.json", ["status"]), ...definitions("shipping.json", ["Status"])];
  assert.deepEqual(Object.values(typeNames(written)), ["BillingStatus", "Status"]);
  // A name that already starts with its file's name (a root named after its file) stays as it is.
  const named = [{ document: document("inner.json", { type: "object" }), pointer: "" }, ...definitions("doc.json", ["inner"])];
  assert.deepEqual(Object.values(typeNames(named)), ["Inner", "DocInner"]);
});

test("a sentence-like title leaves the type named after its file; a name-like title names it", () => {
  const titles: [file: string, title: string, name: string][] = [
    ["foo-config.json", "JSON Schema for Foo 44.121.2 config files (https://example.com/foo)", "FooConfig"],
    ["version.json", "Foo 1.2", "Version"],
    ["colon.json", "Foo: the settings", "Colon"],
    ["comma.json", "Pets, cats and dogs", "Comma"],
    ["bracket.json", "Pet [legacy]", "Bracket"],
    ["period.json", "A pet.", "Period"],
    ["words.json", "one two three four five six seven", "Words"],
    ["long.json", "x".repeat(61), "Long"],
    ["meta.json", "Format vocabulary meta-schema for annotation results", "FormatVocabularyMetaSchemaForAnnotationResults"],
    ["pet.json", "Pet", "Pet"],
    ["dotted.json", "io.k8s.api.core.Pod", "IoK8SApiCorePod"],
  ];
  const locations = titles.map(([file, title]) => ({ document: document(file, { title, type: "object" }), pointer: "" }));
  assert.deepEqual(
    Object.values(typeNames(locations)),
    titles.map(([, , name]) => name),
  );
});

test("a name that is already an identifier is kept as written; all-lowercase words get a capital after a digit", () => {
  assert.deepEqual(
    Object.values(typeNames(definitions("ids.json", ["D2bThing", "SCIMRegistration", "oauth2provider", "d2b_widget", "x".repeat(150)]))),
    [
      "D2bThing",
      "SCIMRegistration",
      "Oauth2Provider",
      "D2BWidget",
      // At most 100 characters.
      `X${"x".repeat(99)}`,
    ],
  );
});

/** A project with schemas/site.json (ProjectSite, Project_Site, D2bThing) and optionally a codegen.config.json. */
function siteProject(config?: object): string {
  const dir = temporaryDirectory("type-names");
  mkdirSync(path.join(dir, "schemas"));
  writeFileSync(path.join(dir, "package.json"), "{}");
  const site = {
    $schema: DRAFT_2020,
    title: "Site",
    type: "object",
    properties: { site: { $ref: "#/$defs/ProjectSite" }, legacy: { $ref: "#/$defs/Project_Site" }, thing: { $ref: "#/$defs/D2bThing" } },
    $defs: {
      ProjectSite: { type: "object", properties: { id: { type: "string" } }, required: ["id"] },
      Project_Site: { type: "object", properties: { code: { type: "integer" } }, required: ["code"] },
      D2bThing: { type: "string" },
    },
  };
  writeFileSync(path.join(dir, "schemas/site.json"), JSON.stringify(site));
  if (config !== undefined) writeFileSync(path.join(dir, "codegen.config.json"), JSON.stringify(config));
  return dir;
}

/** The module files of a result, without the runtime and index files. */
const modules = (result: { files: { name: string }[] }): string[] =>
  result.files
    .map((file) => file.name)
    .filter((name) => !name.startsWith("_") && name !== "index.ts" && name !== "types.ts" && !name.endsWith(".types.ts"));

test("generated names are declared as written (D2bThing, not D2BThing), and the output compiles and validates", async () => {
  const dir = siteProject();
  const result = await generate({ cwd: dir, outDir: "out", cache: false });
  assert.deepEqual(modules(result), ["D2bThing.ts", "ProjectSite.ts", "ProjectSite2.ts", "Site.ts"]);
  assert.match(result.files.find((file) => file.name === "D2bThing.types.ts")!.source, /^export type D2bThing = string;$/m);
  const module = await importGenerated(compileGenerated(path.join(dir, "out")), "index");
  const isSite = module["isSite"] as (value: unknown) => boolean;
  assert.equal(isSite({ site: { id: "a" }, legacy: { code: 1 }, thing: "t" }), true);
  assert.equal(isSite({ legacy: { code: "1" } }), false);
  assert.equal((module["isD2bThing"] as (value: unknown) => boolean)("t"), true);
});

test("naming.types in codegen.config.json names schemas by source name or file#pointer, and the others yield around it", async () => {
  const dir = siteProject({
    naming: {
      types: {
        Project_Site: "ProjectSiteLegacy",
        ProjectSite: "Place",
        "schemas/site.json#/$defs/ProjectSite": "Site",
        "schemas/site.json#": "Root",
      },
    },
  });
  const result = await generate({ cwd: dir, outDir: "out", cache: false });
  // file#pointer wins over the source name ProjectSite.
  assert.deepEqual(modules(result), ["D2bThing.ts", "ProjectSiteLegacy.ts", "Root.ts", "Site.ts"]);
  assert.deepEqual(result.rootTypes, ["Root"]);
  compileGenerated(path.join(dir, "out"));
});

test("naming.types: bad values, keys that name no schema, reserved, shared and XSchema names are errors at their place", async () => {
  const rejects = async (config: object, expected: string, options = {}): Promise<void> => {
    await assert.rejects(generate({ cwd: siteProject(config), outDir: "out", cache: false, ...options }), (error: CodegenError) => {
      assert.ok(error instanceof CodegenError, String(error));
      assert.equal(error.describe().split("\n")[0], expected);
      return true;
    });
  };
  await rejects(
    { naming: { types: { Project_Site: "project site" } } },
    "codegen.config.json#/naming/types/Project_Site: must be a type name",
  );
  await rejects({ naming: { types: { "a/b": 1 } } }, "codegen.config.json#/naming/types/a~1b: must be a type name");
  await rejects({ naming: { types: ["Site"] } }, "codegen.config.json#/naming/types: must be an object from schema names to type names");
  await rejects({ naming: { type: {} } }, 'codegen.config.json#/naming/type: unknown naming option "type"');
  await rejects({ naming: { types: { Missing: "Found" } } }, 'naming.types has "Missing", which names no schema');
  await rejects({}, 'naming.types gives "ProjectSite" the name "Project Site", which is not a type name', {
    naming: { types: { ProjectSite: "Project Site" } },
  });
  await rejects(
    { naming: { types: { ProjectSite: "JsonObject" } } },
    "schemas/site.json#/$defs/ProjectSite: is given the type name JsonObject, which the generated runtime or output files use",
  );
  await rejects(
    { naming: { types: { ProjectSite: "Same", Project_Site: "SAME" } } },
    "schemas/site.json#/$defs/Project_Site: is given the type name SAME, as schemas/site.json#/$defs/ProjectSite is",
  );
  await rejects(
    { naming: { types: { ProjectSite: "Place", Project_Site: "PlaceSchema" } } },
    "schemas/site.json#/$defs/Project_Site: is given the type name PlaceSchema, the name of the Standard Schema of Place (schemas/site.json#/$defs/ProjectSite)",
  );
});

test("naming.typeName is asked for every named schema, may rename any, and is asked again on an unchanged run", async () => {
  const dir = siteProject();
  const contexts: TypeNameContext[] = [];
  const first = await generate({
    cwd: dir,
    outDir: "out",
    naming: {
      typeName: (context) => {
        contexts.push(context);
        return context.sourceName === "ProjectSite" ? "ProjectSite2" : undefined;
      },
    },
  });
  assert.deepEqual(contexts, [
    { sourceName: "Site", file: "schemas/site.json", pointer: "", title: "Site", proposed: "Site" },
    { sourceName: "D2bThing", file: "schemas/site.json", pointer: "/$defs/D2bThing", title: undefined, proposed: "D2bThing" },
    { sourceName: "ProjectSite", file: "schemas/site.json", pointer: "/$defs/ProjectSite", title: undefined, proposed: "ProjectSite" },
    { sourceName: "Project_Site", file: "schemas/site.json", pointer: "/$defs/Project_Site", title: undefined, proposed: "ProjectSite2" },
  ]);
  // The name the hook took from Project_Site is given again around it: Project_Site now has ProjectSite.
  assert.deepEqual(modules(first), ["D2bThing.ts", "ProjectSite.ts", "ProjectSite2.ts", "Site.ts"]);
  assert.match(first.files.find((file) => file.name === "ProjectSite2.types.ts")!.source, /id: string/);
  assert.match(first.files.find((file) => file.name === "ProjectSite.types.ts")!.source, /code: number/);

  // Nothing changed on disk, but the hook did: the cache cannot know, so it asks.
  const second = await generate({
    cwd: dir,
    outDir: "out",
    naming: { typeName: (context) => (context.pointer === "" ? "Home" : undefined) },
  });
  assert.deepEqual(modules(second), ["D2bThing.ts", "Home.ts", "ProjectSite.ts", "ProjectSite2.ts"]);
  assert.ok(second.reusedModules > 0, "modules whose names did not change come from the cache");

  const rejects = async (typeName: (context: TypeNameContext) => string | undefined, expected: string): Promise<void> => {
    await assert.rejects(generate({ cwd: dir, outDir: "out", cache: false, naming: { typeName } }), (error: CodegenError) => {
      assert.ok(error instanceof CodegenError, String(error));
      assert.equal(error.describe().split("\n")[0], expected);
      return true;
    });
  };
  await rejects(
    (context) => (context.pointer === "" ? "site-root" : undefined),
    'schemas/site.json#: naming.typeName returned "site-root", which is not a type name',
  );
  await rejects(() => 42 as unknown as string, "schemas/site.json#: naming.typeName returned 42, which is not a type name");
  await rejects(
    (context) => (context.pointer === "" ? undefined : "Thing"),
    "schemas/site.json#/$defs/ProjectSite: is given the type name Thing, as schemas/site.json#/$defs/D2bThing is",
  );
  await rejects(
    (context) => (context.pointer === "" ? "Index" : undefined),
    "schemas/site.json#: is given the type name Index, which the generated runtime or output files use",
  );
});
