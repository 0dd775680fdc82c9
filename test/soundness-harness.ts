/**
 * Soundness of generated types, judged by tsc: whenever `isX(v)` is true, `v` written as a literal
 * must be assignable to `X`. Each value becomes a line `is<M.X>()(<literal>);` after
 * `const is = <T,>() => <V extends T>(v: V): V => v;`: V is inferred from the literal and then must
 * satisfy `T`, so assignability is checked without the excess-property check on fresh literals (a
 * style rule, not a statement about the schema), and a control line `is<unknown>()(<literal>);`.
 * The generated modules are copied into one work directory with a check file each, and ONE strict
 * tsc run per program (a batch of modules and up to tens of thousands of lines) type-checks and
 * compiles them all; tsc's diagnostics are mapped back to lines, and the compiled `isX` of each
 * module gives the verdict on each value:
 *
 * - accepted by `isX`, and tsc reports an error on its line: unsound;
 * - rejected by `isX`: counted for tightness, and "tsc also rejects" when its line has an error;
 * - an error on the control line: tsc cannot type the literal at all, so no verdict either way.
 *
 * `checkSoundness` is the entry point for any source of cases (the suite, random schemas, the
 * fixtures here; scripts/corpus.ts for the real-world corpus).
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { GITHUB_COMPONENTS, githubFixture, githubInvalidPayload } from "../scripts/bench.js";
import { componentClosure, loadGitHub, readJson, REPO_ROOT, STYTCH_ROOT, subDocument } from "../scripts/bench/inputs.js";
import { SUITE_DIALECTS, SUITE_REMOTES, testFiles, type SuiteGroup } from "../scripts/conformance.js";
import { runStrictTsc } from "../scripts/strict-tsc.js";
import { SUITE_DIR } from "../scripts/vendor-test-suite.js";
import { generate } from "../src/index.js";
import { byCodeUnits } from "../src/order.js";
import { Batch } from "./differential/batch.js";
import { clone, isObject, ownKeys, setKey, show, type Json } from "./differential/json.js";
import { sampleInstances, sampleSchema, schemaSeed } from "./differential/sampling.js";
import { temporaryDirectory } from "./helpers.js";

export interface SoundnessCase {
  /** A generated TypeScript module (`out/index.ts`, `out/Foo.ts`) exporting the type and its `is<typeName>`; its directory is copied. */
  moduleFile: string;
  typeName: string;
  value: unknown;
  /** Where the case comes from (suite file, group and test; schema number and seed), printed with a failure. */
  origin?: string;
  /** The schema, printed with a failure. */
  schema?: unknown;
}

export interface Unsound {
  case: SoundnessCase;
  /** tsc's diagnostic on the value's line. */
  message: string;
  /** The generated declaration of the type and of the generated types it names (shortened when printed). */
  declaration: string;
}

export interface SoundnessResult {
  /** Values `isX` accepts. */
  accepted: number;
  /** Accepted values that are not assignable to `X`. */
  unsound: Unsound[];
  /** Values `isX` rejects. */
  rejected: number;
  /** Rejected values that are not assignable to `X` either. */
  tscRejected: number;
  /**
   * Values tsc cannot type even as `unknown` (an array literal mixing `{}` with an object that has a
   * key of Object.prototype, such as `constructor`, fails TypeScript's own normalization): no verdict, not counted.
   */
  untypeable: Array<{ case: SoundnessCase; message: string }>;
  /** Why cases could not be judged (the module does not compile, exports no guard or type, the guard throws); they are not counted. */
  broken: string[];
}

export function emptyResult(): SoundnessResult {
  return { accepted: 0, unsound: [], rejected: 0, tscRejected: 0, untypeable: [], broken: [] };
}

export function addResult(into: SoundnessResult, result: SoundnessResult): void {
  into.accepted += result.accepted;
  into.unsound.push(...result.unsound);
  into.rejected += result.rejected;
  into.tscRejected += result.tscRejected;
  into.untypeable.push(...result.untypeable);
  into.broken.push(...result.broken);
}

// Bounds of one tsc program: a few hundred modules, or a few megabytes of literals.
const MODULES_PER_PROGRAM = 400;
const VALUES_PER_PROGRAM = 15_000;
const CHARACTERS_PER_PROGRAM = 8_000_000;

interface Line {
  case: SoundnessCase;
  literal: string;
}

/** One generated directory of a program: copied to `m<index>`, checked by `checks/m<index>.ts`. */
interface ProgramModule {
  dir: string;
  lines: Line[];
}

/** Judges every case; see the file's comment. Cases are grouped by directory into as few tsc runs as the bounds allow. */
export async function checkSoundness(cases: readonly SoundnessCase[]): Promise<SoundnessResult> {
  const result = emptyResult();
  let program: Map<string, ProgramModule> = new Map();
  let lines = 0;
  let characters = 0;
  for (const soundnessCase of [...cases].sort((a, b) => byCodeUnits(a.moduleFile, b.moduleFile))) {
    const dir = path.dirname(path.resolve(soundnessCase.moduleFile));
    if (lines >= VALUES_PER_PROGRAM || characters >= CHARACTERS_PER_PROGRAM || (!program.has(dir) && program.size >= MODULES_PER_PROGRAM)) {
      addResult(result, await checkProgram([...program.values()]));
      program = new Map();
      lines = 0;
      characters = 0;
    }
    const line = { case: soundnessCase, literal: literal(soundnessCase.value) };
    const module = program.get(dir) ?? { dir, lines: [] };
    program.set(dir, module);
    module.lines.push(line);
    lines++;
    characters += line.literal.length;
  }
  if (program.size > 0) addResult(result, await checkProgram([...program.values()]));
  return result;
}

/** `value` as TypeScript source: JSON, except the numbers JSON cannot write (an overflowing `1e400` parses as Infinity). */
export function literal(value: unknown): string {
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : value > 0 ? "1e999" : "-1e999";
  if (typeof value === "string" || typeof value === "boolean" || value === null) return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(literal).join(", ")}]`;
  if (typeof value === "object") {
    const members = Object.keys(value).map((key) => `${JSON.stringify(key)}: ${literal((value as Record<string, unknown>)[key])}`);
    return `{${members.join(", ")}}`;
  }
  throw new Error(`not a JSON value: a ${typeof value}`);
}

/** A case's module file, relative to its directory, with `/`. */
function relativeFile(module: ProgramModule, soundnessCase: SoundnessCase): string {
  return path.relative(module.dir, path.resolve(soundnessCase.moduleFile)).split(path.sep).join("/");
}

/** The module files of a directory that its cases name, each imported as `M<n>` by its check file. */
function moduleFiles(module: ProgramModule): string[] {
  return [...new Set(module.lines.map((line) => relativeFile(module, line.case)))];
}

function checkFile(module: ProgramModule, index: number): string {
  const files = moduleFiles(module);
  const alias = new Map(files.map((file, n) => [file, `M${n}`]));
  const header = [
    ...files.map((file, n) => `import type * as M${n} from "../m${index}/${file.replace(/\.ts$/, ".js")}";`),
    "const is = <T,>() => <V extends T>(v: V): V => v;",
  ];
  // Each value twice: against its type, and against `unknown` (the control: tsc cannot type some literals at all).
  const body = module.lines.flatMap((line) => [
    `is<${alias.get(relativeFile(module, line.case))}.${line.case.typeName}>()(${line.literal});`,
    `is<unknown>()(${line.literal});`,
  ]);
  return `${[...header, ...body].join("\n")}\n`;
}

function headerLength(module: ProgramModule): number {
  return moduleFiles(module).length + 1;
}

/** tsc's diagnostics, by file (relative to the work directory) and line: the first line of each and its indented continuation. */
function parseDiagnostics(output: string): Map<string, Map<number, string>> {
  const byFile = new Map<string, Map<number, string>>();
  let current: { file: string; line: number } | undefined;
  for (const text of output.split("\n")) {
    const match = /^(.+?)\((\d+),\d+\): error (TS\d+: .*)$/.exec(text);
    if (match !== null) {
      current = { file: match[1]!.split(/[\\/]/).join("/"), line: Number(match[2]) };
      const lines = byFile.get(current.file) ?? new Map<number, string>();
      byFile.set(current.file, lines);
      const known = lines.get(current.line);
      lines.set(current.line, known === undefined ? match[3]! : `${known}\n${match[3]!}`);
    } else if (current !== undefined && /^\s+\S/.test(text)) {
      const lines = byFile.get(current.file)!;
      lines.set(current.line, `${lines.get(current.line)!}\n${text.trim()}`);
    }
  }
  return byFile;
}

// A missing type is the module's fault (or the case's), not a verdict on the value.
const MISSING_TYPE = /^TS(2694|2724|2307|2305):/;

/** Files at least this long that import nothing relative (the runtime copies) are type-checked once per program. */
const SHARED_FILE_CHARACTERS = 2_000;

/**
 * Copies the TypeScript files of `source` into `target`. A self-contained file already copied for
 * another module becomes a re-export of that copy: a thousand suite schemas then cost one
 * `_formats.ts` to tsc instead of a thousand. `shared` maps such contents to their first copy.
 */
function copyModule(source: string, target: string, shared: Map<string, string>): void {
  mkdirSync(target, { recursive: true });
  for (const entry of readdirSync(source, { withFileTypes: true })) {
    const from = path.join(source, entry.name);
    const to = path.join(target, entry.name);
    if (entry.isDirectory() && entry.name !== "node_modules") copyModule(from, to, shared);
    if (!entry.isFile() || !entry.name.endsWith(".ts")) continue;
    const text = readFileSync(from, "utf8");
    const shareable = text.length >= SHARED_FILE_CHARACTERS && !/\bfrom\s+["']\.\.?\//.test(text);
    const first = shareable ? shared.get(text) : undefined;
    if (first !== undefined) {
      const specifier = path.relative(target, first).split(path.sep).join("/").replace(/\.ts$/, ".js");
      writeFileSync(to, `export * from "${specifier.startsWith(".") ? specifier : `./${specifier}`}";\n`);
    } else {
      writeFileSync(to, text);
      if (shareable) shared.set(text, to);
    }
  }
}

async function checkProgram(modules: readonly ProgramModule[]): Promise<SoundnessResult> {
  const work = mkdtempSync(path.join(os.tmpdir(), "codegen-soundness-"));
  try {
    mkdirSync(path.join(work, "checks"));
    const shared = new Map<string, string>();
    modules.forEach((module, index) => {
      copyModule(module.dir, path.join(work, `m${index}`), shared);
      writeFileSync(path.join(work, "checks", `m${index}.ts`), checkFile(module, index));
    });
    const diagnostics = parseDiagnostics(runStrictTsc(work, ["m*/**/*.ts", "checks/*.ts"], { pretty: false }));
    const result = emptyResult();
    for (const [index, module] of modules.entries()) await judgeModule(work, index, module, diagnostics, result);
    return result;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function judgeModule(
  work: string,
  index: number,
  module: ProgramModule,
  diagnostics: Map<string, Map<number, string>>,
  result: SoundnessResult,
): Promise<void> {
  const ownErrors = [...diagnostics].filter(([file]) => file.startsWith(`m${index}/`));
  if (ownErrors.length > 0) {
    const [file, lines] = ownErrors[0]!;
    const [line, message] = [...lines][0]!;
    result.broken.push(`${module.dir}: the generated code does not compile: ${file}:${line}: ${message.split("\n")[0]!}`);
    return;
  }
  const lineErrors = diagnostics.get(`checks/m${index}.ts`) ?? new Map<number, string>();
  const offset = headerLength(module) + 1;
  const guards = new Map<string, (value: unknown) => boolean>();
  let known: Map<string, string> | undefined;
  for (const [n, line] of module.lines.entries()) {
    const { moduleFile, typeName, value } = line.case;
    const message = lineErrors.get(offset + 2 * n);
    const control = lineErrors.get(offset + 2 * n + 1);
    const describe = (problem: string): string => `${line.case.origin ?? moduleFile}: ${problem}`;
    if (control !== undefined) {
      result.untypeable.push({ case: line.case, message: control });
      continue;
    }
    if (message !== undefined && MISSING_TYPE.test(message)) {
      result.broken.push(describe(`the type ${typeName} cannot be imported: ${message.split("\n")[0]!}`));
      continue;
    }
    const guard = await loadGuard(path.join(work, `m${index}`, relativeFile(module, line.case).replace(/\.ts$/, ".js")), typeName, guards);
    if (typeof guard === "string") {
      result.broken.push(describe(guard));
      continue;
    }
    let accepted: boolean;
    try {
      accepted = guard(value);
    } catch (error) {
      result.broken.push(describe(`is${typeName} threw on ${literal(value)}: ${(error as Error).message}`));
      continue;
    }
    if (accepted) {
      result.accepted++;
      if (message !== undefined)
        result.unsound.push({
          case: line.case,
          message,
          declaration: declarationOf((known ??= declarations(path.join(work, `m${index}`))), typeName),
        });
    } else {
      result.rejected++;
      if (message !== undefined) result.tscRejected++;
    }
  }
}

/** `is<typeName>` of a compiled copy, or why there is none; `guards` keeps those already loaded. */
async function loadGuard(
  compiled: string,
  typeName: string,
  guards: Map<string, (value: unknown) => boolean>,
): Promise<((value: unknown) => boolean) | string> {
  const key = `${compiled}#${typeName}`;
  const known = guards.get(key);
  if (known !== undefined) return known;
  let exports: Record<string, unknown>;
  try {
    exports = (await import(pathToFileURL(compiled).href)) as Record<string, unknown>;
  } catch (error) {
    return `the module does not import: ${(error as Error).message}`;
  }
  const guard = exports[`is${typeName}`];
  if (typeof guard !== "function") return `the module exports no is${typeName}`;
  guards.set(key, guard as (value: unknown) => boolean);
  return guard as (value: unknown) => boolean;
}

/** Every exported type declaration of the generated files of `dir`, by name. */
function declarations(dir: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of readdirSync(dir).filter((name) => name.endsWith(".ts"))) {
    const lines = readFileSync(path.join(dir, file), "utf8").split("\n");
    lines.forEach((line, n) => {
      const name = /^export (?:interface|type) (\w+)/.exec(line)?.[1];
      if (name === undefined) return;
      const end = lines.findIndex((next, m) => m > n && /^(export |import |const |function )/.test(next));
      const declaration = lines.slice(n, end === -1 ? lines.length : end);
      // Unformatted output has property comments at column 0 too: only the next declaration's comment goes.
      while (declaration.length > 1 && /^\s*(\/\*\*|\*|\/\/)|^\s*$/.test(declaration[declaration.length - 1]!)) declaration.pop();
      found.set(name, declaration.join("\n"));
    });
  }
  return found;
}

/** The declaration of `typeName` and of the generated types it names, breadth first. */
function declarationOf(known: Map<string, string>, typeName: string): string {
  const shown: string[] = [];
  const queue = [typeName];
  for (const name of queue) {
    const declaration = known.get(name);
    if (declaration === undefined) continue;
    shown.push(declaration);
    for (const referenced of declaration.match(/\b[A-Z]\w*\b/g) ?? [])
      if (known.has(referenced) && !queue.includes(referenced)) queue.push(referenced);
  }
  return shown.length === 0 ? `(no declaration of ${typeName} found)` : shown.join("\n");
}

// ---------------------------------------------------------------------------------------------
// Reporting

/** `accepted N, unsound K; rejected M, tsc also rejects R (P%)`. */
export function figures(result: SoundnessResult): string {
  const share = result.rejected === 0 ? "-" : `${((100 * result.tscRejected) / result.rejected).toFixed(1)}%`;
  return `accepted ${result.accepted}, unsound ${result.unsound.length}; rejected ${result.rejected}, tsc also rejects ${result.tscRejected} (${share})`;
}

const SHOWN_CHARACTERS = 600;
const SHOWN_DECLARATION_LINES = 30;

function shorten(text: string): string {
  return text.length <= SHOWN_CHARACTERS ? text : `${text.slice(0, SHOWN_CHARACTERS)}… (${text.length} characters)`;
}

/** A failure's kind: tsc's first message line with the types and names in it left out. */
export function failureKind(unsound: Unsound): string {
  return unsound.message
    .split("\n")[0]!
    .replace(/'[^']*'/g, "'…'")
    .replace(/"[^"]*"/g, '"…"');
}

function failureSize(unsound: Unsound): number {
  return literal(unsound.case.value).length + JSON.stringify(unsound.case.schema ?? null).length;
}

// TS2353 here is not the excess-property check of a fresh literal: V failed `V extends T` and fell back to T.
const WEAK_TYPE_NOTE =
  "the inferred type of the value is not assignable to the type (typically TypeScript's weak-type rule: every property optional, no index signature, and the value has none of them), so tsc fell back to checking the literal against the type itself";

/** One failure, in full: where it comes from, schema, value, tsc's message and the generated declaration. */
export function describeUnsound(unsound: Unsound): string {
  const { origin, moduleFile, typeName, schema, value } = unsound.case;
  return [
    `${origin ?? moduleFile} (type ${typeName})`,
    ...(schema === undefined ? [] : [`  schema: ${shorten(JSON.stringify(schema))}`]),
    `  value:  ${shorten(literal(value))}`,
    ...unsound.message.split("\n").map((line, n) => `  ${n === 0 ? "tsc:    " : "        "}${line}`),
    ...unsound.declaration
      .split("\n")
      .slice(0, SHOWN_DECLARATION_LINES)
      .map((line, n) => `  ${n === 0 ? "type:   " : "        "}${line}`),
    ...(unsound.declaration.split("\n").length > SHOWN_DECLARATION_LINES ? ["        …"] : []),
    ...(unsound.message.startsWith("TS2353") ? [`  note:   ${WEAK_TYPE_NOTE}`] : []),
  ].join("\n");
}

/** What to print for one source: its figures, the values tsc cannot type, and `failures` grouped by kind. */
export function describeRun(source: string, result: SoundnessResult, failures: readonly Unsound[] = result.unsound): string[] {
  const untypeable = result.untypeable[0];
  return [
    `${source}: ${figures(result)}`,
    ...(untypeable === undefined
      ? []
      : [
          `${source}: ${result.untypeable.length} value(s) tsc cannot type even as unknown, not counted; e.g. ${untypeable.case.origin ?? untypeable.case.moduleFile}: ${shorten(literal(untypeable.case.value))}: ${untypeable.message.split("\n")[0]!}`,
        ]),
    ...describeFailures(failures),
  ];
}

/** The failures grouped by kind, most frequent first, each with its smallest example in full. */
export function describeFailures(unsound: readonly Unsound[], limit = 12): string[] {
  const kinds = new Map<string, { count: number; example: Unsound }>();
  for (const failure of unsound) {
    const kind = failureKind(failure);
    const known = kinds.get(kind);
    if (known === undefined) kinds.set(kind, { count: 1, example: failure });
    else {
      known.count++;
      if (failureSize(failure) < failureSize(known.example)) known.example = failure;
    }
  }
  const ordered = [...kinds].sort((a, b) => b[1].count - a[1].count);
  const blocks = ordered
    .slice(0, limit)
    .map(([kind, { count, example }]) => `[${kind}] ${count} case(s), smallest:\n${describeUnsound(example)}`);
  if (ordered.length > limit)
    blocks.push(
      `… and ${ordered.length - limit} more kind(s): ${ordered
        .slice(limit)
        .map(([kind, { count }]) => `[${kind}] ${count}`)
        .join(", ")}`,
    );
  return blocks;
}

// ---------------------------------------------------------------------------------------------
// Sources

/** Suite schemas that reference the suite's remotes find them here, as in scripts/conformance.ts. */
/** Which suite tests run, and whether `format` asserts, as scripts/conformance.ts runs them. */
const SUITE_PARTS = [
  { part: "required", formats: "annotate" },
  { part: "optional", formats: "annotate" },
  { part: "optional/format", formats: "assert" },
] as const;

export interface SuiteCases {
  cases: SoundnessCase[];
  groups: number;
  /** Groups codegen refuses (the conformance test counts them): `file | group: message`. */
  notGenerated: string[];
}

/** Every test of the JSON-Schema-Test-Suite in every dialect (required, optional and format tests), valid or not, against its group's root type. */
export async function suiteCases(): Promise<SuiteCases> {
  const work = temporaryDirectory("soundness-suite");
  const result: SuiteCases = { cases: [], groups: 0, notGenerated: [] };
  for (const [suiteDialect, dialect] of Object.entries(SUITE_DIALECTS)) {
    for (const { part, formats } of SUITE_PARTS) {
      for (const testFile of testFiles(suiteDialect, part)) {
        const file = path.relative(path.join(SUITE_DIR, "tests"), testFile).split(path.sep).join("/");
        for (const [index, group] of readJson<SuiteGroup[]>(testFile).entries()) {
          result.groups++;
          const groupDir = path.join(work, `g${result.groups}`);
          mkdirSync(groupDir);
          writeFileSync(path.join(groupDir, "schema.json"), JSON.stringify(group.schema));
          let rootType: string;
          try {
            const generated = await generate({
              cwd: groupDir,
              inputs: ["schema.json"],
              outDir: "out",
              dialect,
              registry: SUITE_REMOTES,
              formats,
              formatter: "none",
              cache: false,
            });
            rootType = generated.rootTypes[0]!;
          } catch (error) {
            result.notGenerated.push(`${file} | ${group.description}: ${(error as Error).message.split("\n")[0]!}`);
            continue;
          }
          for (const test of group.tests) {
            result.cases.push({
              moduleFile: path.join(groupDir, "out", "index.ts"),
              typeName: rootType,
              value: test.data,
              origin: `${file} #${index} | ${group.description} | ${test.description}`,
              schema: group.schema,
            });
          }
        }
      }
    }
  }
  return result;
}

export interface RandomRun {
  result: SoundnessResult;
  /** Schemas sampled, and those generated (the rest codegen refuses; the differential test reports them). */
  schemas: number;
  generated: number;
}

/** The seed of random runs when SOUNDNESS_SEED is not set, so CI is deterministic. */
export const DEFAULT_SOUNDNESS_SEED = 20261201;

/** A first guess at the share of instances `isX` accepts, to size the first round. */
const ACCEPTED_SHARE_GUESS = 0.4;

/**
 * Random schemas (test/differential's arbitrary) and their edge-biased instances, in rounds, until
 * `isX` has accepted at least `target` instances. Schema number `i` comes from `schemaSeed(seed, i)`.
 */
export async function checkRandom(seed: number, target: number): Promise<RandomRun> {
  const run: RandomRun = { result: emptyResult(), schemas: 0, generated: 0 };
  while (run.result.accepted < target) {
    const seen = run.result.accepted + run.result.rejected;
    const share = seen === 0 ? ACCEPTED_SHARE_GUESS : Math.max(run.result.accepted / seen, 0.05);
    const wanted = Math.ceil(((target - run.result.accepted) / share) * 1.1);
    const batch = new Batch("soundness");
    const cases: SoundnessCase[] = [];
    while (cases.length < wanted) {
      const index = run.schemas++;
      const { schema, dialect } = sampleSchema(schemaSeed(seed, index));
      const generated = await batch.add({ schema, dialect });
      if (generated.status !== "generated") continue;
      run.generated++;
      for (const value of sampleInstances(schema, schemaSeed(seed, index))) {
        cases.push({
          moduleFile: path.join(generated.dir, "out", "index.ts"),
          typeName: generated.rootType,
          value,
          origin: `random schema #${index} (${dialect}, seed ${seed})`,
          schema,
        });
      }
    }
    addResult(run.result, await checkSoundness(cases));
  }
  return run;
}

/** How many mutations of each fixture are checked besides the fixture itself. */
const FIXTURE_VARIANTS = 400;

/**
 * One-step mutations of a fixture, evenly spread over its members: each member removed, and each
 * member set to null. Those `isX` accepts test optional and nullable members; the rest, tightness.
 */
export function fixtureVariants(value: Json, count: number): Json[] {
  const paths: (string | number)[][] = [];
  const walk = (node: Json, at: (string | number)[]): void => {
    const members: Array<[string | number, Json]> = Array.isArray(node)
      ? [...node.entries()]
      : isObject(node)
        ? ownKeys(node).map((key) => [key, node[key]!])
        : [];
    for (const [key, member] of members) {
      paths.push([...at, key]);
      walk(member, [...at, key]);
    }
  };
  walk(value, []);
  const variants: Json[] = [];
  const step = Math.max(1, paths.length / Math.ceil(count / 2));
  for (let position = 0; position < paths.length && variants.length < count; position += step) {
    const at = paths[Math.floor(position)]!;
    for (const mode of ["remove", "null"] as const) variants.push(mutate(value, at, mode));
  }
  return variants;
}

function mutate(value: Json, at: readonly (string | number)[], mode: "remove" | "null"): Json {
  const copy = clone(value);
  let parent = copy;
  for (const key of at.slice(0, -1)) parent = (parent as Record<string | number, Json>)[key]!;
  const last = at[at.length - 1]!;
  if (Array.isArray(parent)) {
    if (mode === "remove") parent.splice(last as number, 1);
    else parent[last as number] = null;
  } else if (isObject(parent)) {
    if (mode === "remove") delete parent[last];
    else setKey(parent, last as string, null);
  }
  return copy;
}

function fixtureCases(moduleFile: string, typeName: string, name: string, valid: Json, invalid: Json): SoundnessCase[] {
  const values: Array<[string, Json]> = [
    [name, valid],
    [`${name}, invalid`, invalid],
    ...fixtureVariants(valid, FIXTURE_VARIANTS).map((variant, n): [string, Json] => [`${name}, mutation ${n}`, variant]),
  ];
  // Mutations of equal members repeat each other: each value once.
  const distinct = new Map<string, SoundnessCase>();
  for (const [origin, value] of values) if (!distinct.has(show(value))) distinct.set(show(value), { moduleFile, typeName, value, origin });
  return [...distinct.values()];
}

/** Stytch's RecoverResponse (this repository's `schemas/`, with its config), generated afresh, and its fixtures. */
export async function stytchCases(): Promise<SoundnessCase[]> {
  const outDir = temporaryDirectory("soundness-stytch");
  await generate({ cwd: REPO_ROOT, outDir, formatter: "none", cache: false });
  const fixtures = path.join(REPO_ROOT, "test/fixtures/stytch");
  return fixtureCases(
    path.join(outDir, "index.ts"),
    "RecoverResponse",
    `stytch ${STYTCH_ROOT}`,
    readJson<Json>(path.join(fixtures, "recover-response.valid.json")),
    readJson<Json>(path.join(fixtures, "recover-response.invalid.json")),
  );
}

/** GitHub's components of the benchmark (and what they reference), generated as scripts/bench.ts does, and their fixtures. */
export async function githubCases(): Promise<SoundnessCase[]> {
  const dir = temporaryDirectory("soundness-github");
  const document = loadGitHub();
  const names = componentClosure(
    document.components.schemas,
    GITHUB_COMPONENTS.map((entry) => entry.component),
  );
  writeFileSync(path.join(dir, "openapi.json"), JSON.stringify(subDocument(document, names)));
  await generate({ cwd: dir, inputs: ["openapi.json"], outDir: "out", formatter: "none", cache: false });
  return GITHUB_COMPONENTS.flatMap(({ component, type }) =>
    fixtureCases(
      path.join(dir, "out", "index.ts"),
      type,
      `github ${component}`,
      githubFixture(component) as Json,
      githubInvalidPayload(component) as Json,
    ),
  );
}
