/**
 * Why codegen resolves `$ref`s itself (src/resolve.ts) instead of using
 * @apidevtools/json-schema-ref-parser: a measurement anyone can rerun.
 *
 *   npm run ref-parser-suite            (node dist/scripts/ref-parser-suite.js [--failures] [--json])
 *
 * The JSON-Schema-Test-Suite files whose subject is reference resolution (REF_FILES below: `$ref`,
 * remote refs, `$id`, `$anchor`, `$dynamicRef`/`$recursiveRef`, refs to the metaschema, `$id` and
 * `$ref` inside unknown keywords and `enum`, refs across dialects; draft 2020-12, 2019-09 and 7) run
 * through two resolvers, and for every test group (one schema and its tests) we count whether the
 * resolver leads to the right verdict on every test of the group. Left out: files that merely use
 * `$ref` while testing another keyword (items, unevaluatedItems, unevaluatedProperties) and
 * vocabulary.json (custom metaschemas through `$schema`, not `$ref`). A run takes about 30 s, most
 * of it codegen's strict tsc run.
 *
 * codegen: the conformance runner (`runDialect` from scripts/conformance.ts): generate(), strict
 * tsc, and the generated `validateX`/`isX`. A group is correct if none of its tests fails.
 *
 * ref-parser: `$RefParser.dereference(schema)` with the HTTP and file resolvers off and one custom
 * resolver that serves exactly what codegen can read: the suite's `http://localhost:1234/` remotes
 * from test/json-schema-test-suite/remotes, and the dialect metaschemas by their `$id` from
 * metaschemas/ (codegen's `registry` option and shipped copies). Nothing touches the network or
 * reads other files. ref-parser has no dialect option; it reads the dialect from `$schema`, so a
 * draft-7 root without `$schema` gets `"$schema": "http://json-schema.org/draft-07/schema#"` (the
 * suite's 2019-09 and 2020-12 schemas already have one); codegen is told the dialect too. Other
 * options are ref-parser's defaults (in particular `excludedPathMatcher` is not set: telling it
 * where data such as `enum` values hide `$ref`-looking objects would mean writing a schema walker).
 * The dereferenced schema is then checked by ajv (8; `ajv/dist/2020`, `ajv/dist/2019`, `ajv` for
 * draft-07; `strict: false`, `validateSchema: false`, `validateFormats: false` as format is an
 * annotation in these tests), which must not resolve anything, so that the verdict measures
 * ref-parser's resolution and nothing else. A group is classified, first match wins:
 *
 *   threw      dereference() rejected (unresolvable ref, missing pointer, ...);
 *   left $ref  the result still has a ref keyword ajv would resolve itself (`$ref`; and
 *              `$dynamicRef`/`$recursiveRef`, which ref-parser does not know, for 2019-09/2020-12)
 *              at a place ajv evaluates (the applicators, from the root; `$defs` and data such as
 *              `enum`/`const` are not walked). Validating it would measure ajv's resolver;
 *   cyclic     the result is an object cycle (ref-parser's answer to recursive refs). It cannot be
 *              serialised, and ajv (like any validator that takes JSON) overflows its stack on it: a
 *              cyclic schema cannot be validated without something that resolves refs again. These
 *              groups are neither right nor wrong in the main count;
 *   rejected   ajv refuses to compile the result as ref-parser left it (e.g. a schema with `$id`
 *              inlined twice: the same URI names two schemas);
 *   wrong      some test's verdict differs from the suite's;
 *   correct    every test's verdict matches the suite's.
 *
 * So that the "cyclic" and "rejected" groups are judged too, a generous second count
 * ("re-linked") takes every result that reached ajv or was cyclic and (1) replaces each back edge of
 * a cycle by a `$ref` to an absolute URI of the harness's own wrapper
 * (`urn:ref-parser-suite:cycles#/$defs/cN`, holding the very object ref-parser pointed to: an
 * identity link, no base-URI or anchor resolution involved), (2) deletes identifiers (`$id`,
 * `$anchor`, `$dynamicAnchor`, `$recursiveAnchor`) everywhere but in data (`enum`, `const`,
 * `default`, `examples`): harmless once no ref is left, as identifiers only matter to refs, and it
 * removes the duplicates inlining creates, then validates again. It is an upper bound for
 * ref-parser: the harness does work a ref-parser user would have to do. A group correct in the main
 * count must stay correct here (checked; a "harness error" line is printed otherwise).
 *
 * Control: "ajv alone" is ajv with its own resolver on the original schema (remotes and metaschemas
 * served from the same directories, via `loadSchema`). It is not a candidate for codegen (ajv's
 * resolver is not a library, and it resolves while compiling ajv's own code) but shows how well the
 * validator used above does when a JSON Schema implementation resolves the refs. A "wrong" ref-parser
 * group that ajv alone fails too is marked: there the validator may be at fault rather than
 * ref-parser (e.g. ajv ignores an embedded resource's `$schema`), so read those by hand.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import $RefParser, { type FileInfo, type ParserOptions } from "@apidevtools/json-schema-ref-parser";
import { runDialect, type DialectResult, type SuiteGroup, type SuiteTest } from "./conformance.js";
import { SUITE_DIR } from "./vendor-test-suite.js";

const require = createRequire(import.meta.url);
const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const REMOTES_URL = "http://localhost:1234/";
const REMOTES_DIR = path.join(SUITE_DIR, "remotes");
const METASCHEMA_DIR = path.join(REPO_ROOT, "metaschemas");

/** The suite files whose subject is reference resolution, by suite dialect (paths under tests/<dialect>/). */
export const REF_FILES: Record<string, readonly string[]> = {
  "draft2020-12": [
    "ref.json",
    "refRemote.json",
    "anchor.json",
    "dynamicRef.json",
    "defs.json",
    "infinite-loop-detection.json",
    "optional/anchor.json",
    "optional/dynamicRef.json",
    "optional/id.json",
    "optional/refOfUnknownKeyword.json",
    "optional/unknownKeyword.json",
    "optional/cross-draft.json",
  ],
  "draft2019-09": [
    "ref.json",
    "refRemote.json",
    "anchor.json",
    "recursiveRef.json",
    "defs.json",
    "infinite-loop-detection.json",
    "optional/anchor.json",
    "optional/id.json",
    "optional/refOfUnknownKeyword.json",
    "optional/unknownKeyword.json",
    "optional/cross-draft.json",
  ],
  draft7: [
    "ref.json",
    "refRemote.json",
    "definitions.json",
    "infinite-loop-detection.json",
    "optional/id.json",
    "optional/unknownKeyword.json",
    "optional/cross-draft.json",
  ],
};

const AJV_MODULES: Record<string, string> = {
  "draft2020-12": "ajv/dist/2020",
  "draft2019-09": "ajv/dist/2019",
  draft7: "ajv",
};

/** The ref keywords the dialect's ajv resolves on its own. */
const AJV_REF_KEYWORDS: Record<string, readonly string[]> = {
  "draft2020-12": ["$ref", "$dynamicRef", "$recursiveRef"],
  "draft2019-09": ["$ref", "$dynamicRef", "$recursiveRef"],
  draft7: ["$ref"],
};

type Kind = "correct" | "threw" | "left $ref" | "cyclic" | "rejected" | "wrong";
const FAILURE_KINDS: readonly Exclude<Kind, "correct">[] = ["threw", "left $ref", "cyclic", "rejected", "wrong"];

interface GroupResult {
  dialect: string;
  file: string;
  group: string;
  codegen: boolean;
  codegenReason?: string;
  refParser: Kind;
  /** What went wrong, for the examples. */
  detail?: string;
  /** Correct after the harness re-links cycles and deletes identifiers (the generous count). */
  relinked: boolean;
  relinkedDetail?: string;
  ajvAlone: boolean;
}

type Validate = (data: unknown) => boolean;
interface AjvInstance {
  compile(schema: unknown): Validate;
  compileAsync(schema: unknown): Promise<Validate>;
}
interface AjvModule {
  default: new (options: Record<string, unknown>) => AjvInstance;
}

function newAjv(dialect: string, options: Record<string, unknown> = {}): AjvInstance {
  const Ajv = (require(AJV_MODULES[dialect]!) as AjvModule).default;
  return new Ajv({ strict: false, validateSchema: false, validateFormats: false, ...options });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function withoutFragment(uri: string): string {
  const hash = uri.indexOf("#");
  return hash === -1 ? uri : uri.slice(0, hash);
}

function jsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return jsonFiles(file);
    return name.endsWith(".json") ? [file] : [];
  });
}

/** The metaschemas codegen ships, by `$id` without fragment. */
const METASCHEMAS = new Map<string, string>();
for (const file of jsonFiles(METASCHEMA_DIR)) {
  const id = (JSON.parse(readFileSync(file, "utf8")) as { $id?: unknown }).$id;
  if (typeof id === "string") METASCHEMAS.set(withoutFragment(id), file);
}

/** The file behind a URI that codegen may read too (a suite remote or a shipped metaschema), if any. */
function localFile(uri: string): string | undefined {
  const base = withoutFragment(uri);
  if (!base.startsWith(REMOTES_URL)) return METASCHEMAS.get(base);
  let file: string;
  try {
    file = path.join(REMOTES_DIR, ...base.slice(REMOTES_URL.length).split("/").map(decodeURIComponent));
  } catch {
    return undefined;
  }
  return file.startsWith(REMOTES_DIR + path.sep) ? file : undefined;
}

const REF_PARSER_OPTIONS: ParserOptions = {
  mutateInputSchema: false,
  resolve: {
    http: false,
    file: false,
    suite: {
      order: 1,
      canRead: (file: FileInfo) => localFile(file.url) !== undefined,
      read: (file: FileInfo) => readFileSync(localFile(file.url)!),
    },
  },
};

/** Applicators: where a validator evaluates subschemas (union over the three dialects). */
const SINGLE = [
  "additionalItems",
  "additionalProperties",
  "unevaluatedItems",
  "unevaluatedProperties",
  "contains",
  "propertyNames",
  "if",
  "then",
  "else",
  "not",
  "items",
];
const LISTS = ["allOf", "anyOf", "oneOf", "prefixItems", "items"];
const MAPS = ["properties", "patternProperties", "dependentSchemas", "dependencies"];

/** Keywords whose values are data, never schemas. */
const DATA = ["enum", "const", "default", "examples"];

/**
 * Calls `visit` on every schema at an applicator place, from the root (each object once). With
 * `everywhere`, also on `$defs`/`definitions` entries and on objects inside unknown keywords:
 * everywhere but data (`enum`, `const`, `default`, `examples`).
 */
function walkSchemas(root: unknown, visit: (schema: Record<string, unknown>, pointer: string) => void, everywhere = false): void {
  const seen = new Set<object>();
  const escape = (key: string): string => key.replaceAll("~", "~0").replaceAll("/", "~1");
  const walk = (schema: unknown, pointer: string): void => {
    if (Array.isArray(schema) && everywhere) schema.forEach((item, index) => walk(item, `${pointer}/${index}`));
    if (!isObject(schema) || seen.has(schema)) return;
    seen.add(schema);
    visit(schema, pointer);
    const maps = everywhere ? [...MAPS, "$defs", "definitions"] : MAPS;
    for (const [key, value] of Object.entries(schema)) {
      if (maps.includes(key)) {
        if (isObject(value)) for (const [name, sub] of Object.entries(value)) walk(sub, `${pointer}/${key}/${escape(name)}`);
      } else if (LISTS.includes(key) && Array.isArray(value)) {
        value.forEach((item, index) => walk(item, `${pointer}/${key}/${index}`));
      } else if (SINGLE.includes(key) || (everywhere && !DATA.includes(key))) {
        walk(value, `${pointer}/${escape(key)}`);
      }
    }
  };
  walk(root, "");
}

/** Ref keywords (with string values) left at applicator places. */
function leftoverRefs(schema: unknown, keywords: readonly string[]): string[] {
  const found: string[] = [];
  walkSchemas(schema, (node, pointer) => {
    for (const keyword of keywords) {
      const value = node[keyword];
      if (typeof value === "string") found.push(`${pointer || "(root)"}: ${keyword} ${JSON.stringify(value)}`);
    }
  });
  return found;
}

/** Whether the object graph has a cycle (anywhere: ajv and JSON.stringify walk all of it). */
function isCyclic(value: unknown): boolean {
  const onPath = new Set<object>();
  const done = new Set<object>();
  const visit = (node: unknown): boolean => {
    if (typeof node !== "object" || node === null) return false;
    if (onPath.has(node)) return true;
    if (done.has(node)) return false;
    onPath.add(node);
    const cyclic = Object.values(node).some(visit);
    onPath.delete(node);
    done.add(node);
    return cyclic;
  };
  return visit(value);
}

const HARNESS_ID = "urn:ref-parser-suite:cycles";
const IDENTIFIERS = ["$id", "$anchor", "$dynamicAnchor", "$recursiveAnchor"];

/**
 * The generous form of a dereferenced schema: a tree (back edges of cycles become `$ref`s to an
 * absolute URI of a wrapper that holds the targets) without identifiers outside data.
 */
function relinked(schema: unknown, dialect: string): unknown {
  const defsKey = dialect === "draft7" ? "definitions" : "$defs";
  // 1. The targets of back edges.
  const targets = new Map<object, string>();
  const onPath = new Set<object>();
  const done = new Set<object>();
  const find = (node: unknown): void => {
    if (typeof node !== "object" || node === null) return;
    if (onPath.has(node)) {
      if (!targets.has(node)) targets.set(node, `c${targets.size}`);
      return;
    }
    if (done.has(node)) return;
    onPath.add(node);
    Object.values(node).forEach(find);
    onPath.delete(node);
    done.add(node);
  };
  find(schema);
  // 2. A tree copy: every occurrence of a target is a link to its entry in the wrapper.
  const copy = (node: unknown, top = false): unknown => {
    if (typeof node !== "object" || node === null) return node;
    const name = targets.get(node);
    if (name !== undefined && !top) return { $ref: `${HARNESS_ID}#/${defsKey}/${name}` };
    if (Array.isArray(node)) return node.map((item) => copy(item));
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, copy(value)]));
  };
  const defs: Record<string, unknown> = {};
  for (const [node, name] of targets) defs[name] = copy(node, true);
  const root = copy(schema);
  // 3. No identifiers outside data (a copy appears once per place it was inlined).
  for (const tree of [root, ...Object.values(defs)]) {
    walkSchemas(
      tree,
      (node) => {
        for (const keyword of IDENTIFIERS) delete node[keyword];
      },
      true,
    );
  }
  const wrapper: Record<string, unknown> = { $id: HARNESS_ID, [defsKey]: defs, allOf: [root] };
  if (isObject(schema) && typeof schema["$schema"] === "string") wrapper["$schema"] = schema["$schema"];
  return wrapper;
}

/** The first test whose verdict differs from the suite's, if any. */
function firstWrong(validate: Validate, tests: readonly SuiteTest[]): string | undefined {
  for (const test of tests) {
    let verdict: boolean | string;
    try {
      verdict = validate(test.data);
    } catch (error) {
      verdict = `threw ${(error as Error).message}`;
    }
    if (verdict !== test.valid)
      return `"${test.description}": expected ${test.valid ? "valid" : "invalid"}, got ${typeof verdict === "string" ? verdict : verdict ? "valid" : "invalid"}`;
  }
  return undefined;
}

function message(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0]!.slice(0, 160);
}

/** Runs a group through ref-parser and ajv without a resolver. */
async function throughRefParser(
  dialect: string,
  group: SuiteGroup,
): Promise<{ kind: Kind; detail?: string; relinked: boolean; relinkedDetail?: string }> {
  let schema: unknown = structuredClone(group.schema);
  if (dialect === "draft7" && isObject(schema) && schema["$schema"] === undefined)
    schema = { $schema: "http://json-schema.org/draft-07/schema#", ...schema };
  let dereferenced: unknown;
  try {
    dereferenced = await $RefParser.dereference(schema, REF_PARSER_OPTIONS);
  } catch (error) {
    return { kind: "threw", detail: message(error), relinked: false };
  }
  const left = leftoverRefs(dereferenced, AJV_REF_KEYWORDS[dialect]!);
  if (left.length > 0) return { kind: "left $ref", detail: left.slice(0, 2).join("; "), relinked: false };

  // The generous count: cycles re-linked, identifiers deleted (see the header).
  let relinkedWrong: string | undefined;
  try {
    relinkedWrong = firstWrong(newAjv(dialect).compile(relinked(dereferenced, dialect)), group.tests);
  } catch (error) {
    relinkedWrong = `ajv rejects it: ${message(error)}`;
  }
  const generous = { relinked: relinkedWrong === undefined, relinkedDetail: `re-linked: ${relinkedWrong ?? "correct"}` };
  if (isCyclic(dereferenced)) return { kind: "cyclic", detail: generous.relinkedDetail, ...generous };
  let validate: Validate;
  try {
    validate = newAjv(dialect).compile(dereferenced);
  } catch (error) {
    return { kind: "rejected", detail: `${message(error)}; ${generous.relinkedDetail}`, ...generous };
  }
  const wrong = firstWrong(validate, group.tests);
  if (wrong !== undefined) return { kind: "wrong", detail: wrong, ...generous };
  return { kind: "correct", ...generous };
}

/** The control: ajv with its own resolver, remotes and metaschemas served from disk. */
async function throughAjvAlone(dialect: string, group: SuiteGroup): Promise<boolean> {
  const loaded = new Set<string>();
  const ajv = newAjv(dialect, {
    loadSchema: (uri: string): Promise<unknown> => {
      const file = localFile(uri);
      if (file === undefined) return Promise.reject(new Error(`not served: ${uri}`));
      // ajv asks again for a metaschema of another dialect (`$schema`) forever: once is enough.
      if (loaded.has(uri)) return Promise.reject(new Error(`asked twice for ${uri}`));
      loaded.add(uri);
      return Promise.resolve(JSON.parse(readFileSync(file, "utf8")) as unknown);
    },
  });
  try {
    return firstWrong(await ajv.compileAsync(structuredClone(group.schema)), group.tests) === undefined;
  } catch {
    return false;
  }
}

/** codegen's failures by "file|group", for the required and optional parts of a dialect. */
async function codegenFailures(dialect: string): Promise<Map<string, string>> {
  const failed = new Map<string, string>();
  const parts: [DialectResult, string][] = [
    [await runDialect(dialect, "required"), ""],
    [await runDialect(dialect, "optional"), "optional/"],
  ];
  for (const [result, prefix] of parts)
    for (const failure of result.failures) {
      const key = `${prefix}${failure.file}|${failure.group}`;
      if (!failed.has(key)) failed.set(key, `${failure.test ?? "*"}: ${failure.reason}`);
    }
  return failed;
}

export async function measure(): Promise<GroupResult[]> {
  const results: GroupResult[] = [];
  for (const [dialect, files] of Object.entries(REF_FILES)) {
    const codegenFailed = await codegenFailures(dialect);
    for (const file of files) {
      const groups = JSON.parse(readFileSync(path.join(SUITE_DIR, "tests", dialect, file), "utf8")) as SuiteGroup[];
      for (const group of groups) {
        const refParser = await throughRefParser(dialect, group);
        const codegenReason = codegenFailed.get(`${file}|${group.description}`);
        results.push({
          dialect,
          file,
          group: group.description,
          codegen: codegenReason === undefined,
          ...(codegenReason === undefined ? {} : { codegenReason }),
          refParser: refParser.kind,
          ...(refParser.detail === undefined ? {} : { detail: refParser.detail }),
          relinked: refParser.relinked,
          ...(refParser.relinkedDetail === undefined ? {} : { relinkedDetail: refParser.relinkedDetail }),
          ajvAlone: await throughAjvAlone(dialect, group),
        });
      }
    }
  }
  return results;
}

function row(label: string, rows: readonly GroupResult[]): string {
  const count = (predicate: (r: GroupResult) => boolean): number => rows.filter(predicate).length;
  const kinds = FAILURE_KINDS.map((kind) => count((r) => r.refParser === kind));
  return `| ${[
    label,
    rows.length,
    count((r) => r.codegen),
    count((r) => r.refParser === "correct"),
    ...kinds,
    count((r) => r.relinked),
    count((r) => r.ajvAlone),
  ].join(" | ")} |`;
}

export function formatTable(results: readonly GroupResult[]): string {
  const lines = [
    "| file | groups | codegen correct | ref-parser correct | threw | left $ref | cyclic | rejected by ajv | wrong verdict | ref-parser correct, re-linked | ajv alone (control) |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  ];
  const files = [...new Set(results.map((r) => `${r.dialect}/${r.file}`))];
  for (const file of files)
    lines.push(
      row(
        file,
        results.filter((r) => `${r.dialect}/${r.file}` === file),
      ),
    );
  for (const dialect of Object.keys(REF_FILES))
    lines.push(
      row(
        `**${dialect} total**`,
        results.filter((r) => r.dialect === dialect),
      ),
    );
  lines.push(row("**total**", results));
  return lines.join("\n");
}

function line(r: GroupResult): string {
  const control = r.refParser === "wrong" && !r.ajvAlone ? " (ajv alone fails this group too)" : "";
  return `${r.dialect}/${r.file} | ${r.group} | ${r.refParser}${r.detail === undefined ? "" : `: ${r.detail}`}${control}`;
}

/** Groups that show each cause, printed with what this run measured for them. */
const EXAMPLES: readonly { dialect: string; file: string; group: string; cause: string }[] = [
  {
    dialect: "draft2020-12",
    file: "anchor.json",
    group: "Location-independent identifier with absolute URI",
    cause: "`$anchor`: only JSON-pointer fragments are understood",
  },
  {
    dialect: "draft2020-12",
    file: "anchor.json",
    group: "Location-independent identifier",
    cause: "`$anchor`: `#foo` stays a `$ref`",
  },
  {
    dialect: "draft2020-12",
    file: "dynamicRef.json",
    group: "A $dynamicRef resolves to the first $dynamicAnchor still in scope that is encountered when the schema is evaluated",
    cause: "`$dynamicRef` (and 2019-09's `$recursiveRef`) is not a ref to ref-parser",
  },
  {
    dialect: "draft2020-12",
    file: "ref.json",
    group: "order of evaluation: $id and $ref on nested schema",
    cause: "`$id`-relative ref: `./bar.json` in resource `nested/foo.json` resolved with `nested/` twice",
  },
  {
    dialect: "draft2020-12",
    file: "refRemote.json",
    group: "remote HTTP ref with nested absolute ref",
    cause: "a ref to an embedded resource's `$id` (in a remote without `$schema`) is read as a file",
  },
  {
    dialect: "draft7",
    file: "ref.json",
    group: "$ref prevents a sibling $id from changing the base uri",
    cause: "draft-07: `$ref` resolved against the `$id` next to it",
  },
  {
    dialect: "draft2020-12",
    file: "ref.json",
    group: "naive replacement of $ref with its destination is not correct",
    cause: "a `$ref`-shaped object inside `enum` (data) is replaced",
  },
  {
    dialect: "draft2020-12",
    file: "optional/id.json",
    group: "$id inside an enum is not a real identifier",
    cause: "an `$id` inside `enum` (data) is taken for a resource, and the ref goes there",
  },
  {
    dialect: "draft2020-12",
    file: "ref.json",
    group: "ref creates new scope when adjacent to keywords",
    cause: "siblings of `$ref` are merged into one object: the target's `unevaluatedProperties` now sees `properties`",
  },
  {
    dialect: "draft7",
    file: "ref.json",
    group: "ref overrides any sibling keywords",
    cause: "draft-07: siblings of `$ref` are merged instead of ignored",
  },
  {
    dialect: "draft2020-12",
    file: "ref.json",
    group: "$ref to boolean schema true",
    cause: "a root `$ref` to a boolean schema (in `allOf` it works)",
  },
  {
    dialect: "draft2020-12",
    file: "ref.json",
    group: "ref to if",
    cause: "inlining copies `$id`: one URI names two schemas, which ajv (rightly) refuses",
  },
  {
    dialect: "draft2020-12",
    file: "ref.json",
    group: "Recursive references between schemas",
    cause: "recursion becomes an object cycle, which no JSON validator can take",
  },
];

function examples(results: readonly GroupResult[]): string[] {
  return EXAMPLES.flatMap(({ dialect, file, group, cause }) => {
    const r = results.find((result) => result.dialect === dialect && result.file === file && result.group === group);
    return r === undefined ? [] : [`${cause}\n      ${line(r)}`];
  });
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const results = await measure();
  if (args.includes("--json")) {
    process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
    return;
  }
  process.stdout.write(`${formatTable(results)}\n\nExamples (cause, then file | group | measured outcome):\n`);
  for (const example of examples(results)) process.stdout.write(`  - ${example}\n`);
  const suspect = results.filter((r) => r.refParser === "wrong" && !r.ajvAlone).length;
  process.stdout.write(
    `\n"wrong verdict" groups that ajv alone fails too: ${suspect} (there the validator, not only ref-parser, may be at fault)\n`,
  );
  // The generous count must not lose what the plain one has: if it does, the harness is wrong.
  for (const r of results)
    if (r.refParser === "correct" && !r.relinked) process.stdout.write(`harness error: re-linking breaks ${line(r)}\n`);
  const codegenFailed = results.filter((r) => !r.codegen);
  if (codegenFailed.length > 0) {
    process.stdout.write("codegen failures:\n");
    for (const r of codegenFailed) process.stdout.write(`  ${r.dialect}/${r.file} | ${r.group} | ${r.codegenReason}\n`);
  }
  if (args.includes("--failures")) {
    process.stdout.write("\nEvery ref-parser failure:\n");
    for (const r of results) if (r.refParser !== "correct") process.stdout.write(`  ${line(r)}\n`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
