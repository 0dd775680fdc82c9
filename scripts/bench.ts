/**
 * `npm run bench`: codegen's validators against ajv, and its generation time and memory against
 * json2ts, on Stytch's RecoverResponse (this repository's `schemas/`) and GitHub's REST API
 * description. Prints a Markdown table with the machine, and exits 1 if a target is missed or
 * could not be measured. Times are medians; each ratio compares two measurements of the same run.
 *
 *   npm run bench                               # the full run
 *   BENCH_QUICK=1 node dist/scripts/bench.js    # few rounds, a small GitHub subset: only checks that it runs
 *   BENCH_ONLY=formats node dist/scripts/bench.js     # only the per-format rows
 *   BENCH_ONLY=validators node dist/scripts/bench.js  # only the Stytch and GitHub validator rows, and typia's
 *   BENCH_ONLY=document node dist/scripts/bench.js    # only the whole-document rows
 *
 * BENCH_QUICK=1 combines with BENCH_ONLY.
 */
import { gzipSync } from "node:zlib";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { isRecoverResponse, validateRecoverResponse } from "../generated/index.js";
import { generate } from "../src/index.js";
import { githubAjv, githubAjvStandalone, stytchAjv, stytchAjvStandalone, type AjvValidate } from "./bench/ajv.js";
import { compileAndImport } from "./bench/compile.js";
import { documentRows } from "./bench/document.js";
import { formatRows } from "./bench/formats.js";
import { bundleImport } from "./bundle.js";
import { consumerProject, openapiTypescript, TSC_VERSION, typeCheck } from "./bench/typecheck.js";
import { TYPIA_TYPESCRIPT, typiaGuards } from "./bench/typia.js";
import {
  componentClosure,
  GITHUB_DOCUMENT,
  json2tsInput,
  loadGitHub,
  objectAt,
  readJson,
  referenceAll,
  REPO_ROOT,
  STYTCH_ROOT,
  STYTCH_SCHEMAS_DIR,
  stytchComponents,
  subDocument,
  type OpenApiDocument,
  type Schemas,
} from "./bench/inputs.js";
import { compareSpeed, ProcessError, runNode, timeRuns, type ProcessRun, type SpeedOptions } from "./bench/measure.js";
import { failures, formatReport, machine, mebibytes, microseconds, reason, seconds, type Row } from "./bench/report.js";

export interface BenchOptions {
  /** Few rounds, one run per process measurement and a small GitHub subset: for the smoke test. */
  quick?: boolean;
  /** Only some rows (`BENCH_ONLY`), for working on one part: the formats, the validators (with typia), the whole document. */
  only?: Only;
  /** Receives a line whenever a step starts (the full run takes minutes). */
  progress?: (message: string) => void;
}

const ONLY = ["formats", "validators", "document"] as const;
type Only = (typeof ONLY)[number];

interface Settings {
  speed: SpeedOptions;
  /** For the whole-document rows, whose calls take tens of milliseconds: few, long rounds. */
  documentSpeed: SpeedOptions;
  /** Runs per child-process measurement (the median is reported). */
  runs: number;
  /** How many of GitHub's components (plus the schemas they reference) to generate; all when undefined. */
  githubComponents: number | undefined;
  /** Sizes of the GitHub sub-documents whose generation time shows the growth, besides the whole. */
  growth: number[];
}

const FULL: Settings = {
  speed: { rounds: 21, roundMs: 20, warmupMs: 300 },
  documentSpeed: { rounds: 11, roundMs: 250, warmupMs: 1000 },
  runs: 5,
  githubComponents: undefined,
  growth: [100, 300],
};
const QUICK: Settings = {
  speed: { rounds: 5, roundMs: 2, warmupMs: 20 },
  documentSpeed: { rounds: 3, roundMs: 1, warmupMs: 1 },
  runs: 1,
  githubComponents: 10,
  growth: [5],
};

/** Targets: how many times faster than the peer codegen must be, and absolute limits. */
const TARGETS = {
  isValid: 6,
  validateValid: 6,
  validateInvalid: 3,
  // GitHub's whole description against the OpenAPI 3.0 schema.
  document: { ajv: 2, schemasafe: 1.5 },
  generation: 1,
  peakRssMiB: 600,
  cachedRunMs: 300,
  // esbuild --bundle --minify of one import from GitHub's index.ts.
  guardBundleKb: 15,
  validatorBundleKb: 45,
  // Every generated .ts file: types and validators.
  stytchOutputKb: 250,
  githubOutputMb: 10,
  // tsc on a project importing the whole GitHub output, against openapi-typescript's types; its types alone, against json2ts's.
  typeCheckEverything: 2,
  typeCheckTypes: 1,
};

/** tsc runs per type-check row: one of the TypeScript output takes about 20 s. */
const TYPE_CHECK_RUNS = 3;

const CODEGEN_BIN = path.join(REPO_ROOT, "bin/codegen.js");
const JSON2TS_BIN = (() => {
  const dir = path.join(REPO_ROOT, "node_modules/json-schema-to-typescript");
  return path.join(dir, readJson<{ bin: { json2ts: string } }>(path.join(dir, "package.json")).bin.json2ts);
})();
const FIXTURES = path.join(REPO_ROOT, "test/fixtures");

type Payload = Record<string, unknown>;

/**
 * The GitHub components whose validators are timed, the type names codegen gives them, and three
 * errors at different depths for the invalid payload.
 */
export const GITHUB_COMPONENTS: { component: string; type: string; invalidate: (payload: Payload) => void }[] = [
  {
    component: "repository",
    type: "Repository",
    invalidate: (p) => {
      delete p["name"];
      delete objectAt(p, "owner")["login"];
      objectAt(p, "license")["spdx_id"] = 7;
    },
  },
  {
    component: "issue",
    type: "Issue",
    invalidate: (p) => {
      p["number"] = "1347";
      objectAt(p, "user")["id"] = "2";
      objectAt(p, "milestone", "creator")["site_admin"] = null;
    },
  },
  {
    component: "pull-request",
    type: "PullRequest",
    invalidate: (p) => {
      delete p["state"];
      objectAt(p, "head")["sha"] = null;
      delete objectAt(p, "base", "repo", "owner")["login"];
    },
  },
  {
    component: "workflow-run",
    type: "WorkflowRun",
    invalidate: (p) => {
      p["run_number"] = "562";
      delete objectAt(p, "repository", "owner")["login"];
      objectAt(p, "head_commit", "author")["email"] = "not an email";
    },
  },
];

/** A valid GitHub fixture, as in a real API response: `test/fixtures/github/<component>.json`. */
export function githubFixture(component: string): Payload {
  return readJson<Payload>(path.join(FIXTURES, "github", `${component}.json`));
}

/**
 * A GitHub fixture with its three errors, as it would arrive: parsed from JSON. The `delete`s that
 * make it leave V8's objects in dictionary mode, where every property read is a hash lookup, and
 * no payload from `JSON.parse` is in that state.
 */
export function githubInvalidPayload(component: string): Payload {
  const payload = structuredClone(githubFixture(component));
  GITHUB_COMPONENTS.find((entry) => entry.component === component)!.invalidate(payload);
  return JSON.parse(JSON.stringify(payload)) as Payload;
}

interface Validators {
  is: (value: unknown) => boolean;
  validate: (value: unknown) => { valid: boolean; errors?: readonly { instancePath: string; message?: string }[] };
}

/** What one type's validator rows compare: codegen's functions and ajv's, on a valid and an invalid payload. */
interface ValidatorSubject {
  codegen: Validators;
  /** ajv with `allErrors: false` (stops at the first error) and with `allErrors: true` (reports all, as validateX does). */
  ajv: { first: AjvValidate; all: AjvValidate };
  valid: unknown;
  invalid: unknown;
}

/** ajv leaves its errors on the function; returning them makes a call do what validateX does. */
const withErrors = (validate: AjvValidate) => (value: unknown) => validate(value) || validate.errors;

function errorList(errors: readonly { instancePath: string; message?: string }[] | null | undefined): string {
  return (errors ?? []).map((error) => `${error.instancePath || "(root)"} ${error.message ?? ""}`).join(", ");
}

/** The timings mean nothing unless both sides give the same verdicts and the invalid payload has 3+ errors. */
function checkVerdicts(type: string, { codegen, ajv, valid, invalid }: ValidatorSubject): void {
  const problems: string[] = [];
  if (!ajv.first(valid)) problems.push(`ajv rejects the valid payload: ${errorList(ajv.first.errors)}`);
  const validResult = codegen.validate(valid);
  if (!validResult.valid) problems.push(`validate${type} rejects the valid payload: ${errorList(validResult.errors)}`);
  if (!codegen.is(valid)) problems.push(`is${type} rejects the valid payload`);
  const ajvErrors = ajv.all(invalid) ? 0 : (ajv.all.errors?.length ?? 0);
  if (ajvErrors < 3) problems.push(`ajv allErrors reports ${ajvErrors} errors on the invalid payload, not 3 or more`);
  const invalidResult = codegen.validate(invalid);
  const codegenErrors = invalidResult.valid ? 0 : (invalidResult.errors?.length ?? 0);
  if (codegenErrors < 3) problems.push(`validate${type} reports ${codegenErrors} errors on the invalid payload, not 3 or more`);
  if (problems.length > 0) throw new Error(problems.join("; "));
}

function unavailable(name: string, target: string, error: unknown): Row {
  return { name, codegen: "", peer: "", target, unavailable: reason(error) };
}

/**
 * The rows of one type: isX and validateX on the valid payload against ajv stopping at the first
 * error, and validateX on the invalid payload against ajv collecting all errors. If `setup` throws,
 * every row says why it could not be measured.
 */
async function validatorRows(type: string, setup: () => ValidatorSubject | Promise<ValidatorSubject>, speed: SpeedOptions): Promise<Row[]> {
  const planned = [
    { name: `is${type}, valid payload`, target: TARGETS.isValid, side: "is" as const, invalid: false },
    { name: `validate${type}, valid payload`, target: TARGETS.validateValid, side: "validate" as const, invalid: false },
    { name: `validate${type}, 3 errors`, target: TARGETS.validateInvalid, side: "validate" as const, invalid: true },
  ];
  let subject: ValidatorSubject;
  try {
    subject = await setup();
    checkVerdicts(type, subject);
  } catch (error) {
    return planned.map(({ name, target }) => unavailable(name, `≥ ${target}×`, error));
  }
  return planned.map(({ name, target, side, invalid }): Row => {
    const [peerName, peer] = invalid ? ["ajv allErrors", withErrors(subject.ajv.all)] : ["ajv", subject.ajv.first];
    const times = compareSpeed(subject.codegen[side], peer, invalid ? subject.invalid : subject.valid, speed);
    const ratio = times.peer / times.codegen;
    return {
      name,
      codegen: microseconds(times.codegen),
      peer: `${peerName} ${microseconds(times.peer)}`,
      ratio,
      target: `≥ ${target}×`,
      passed: ratio >= target,
    };
  });
}

const stytchPayload = (kind: "valid" | "invalid"): unknown => readJson(path.join(FIXTURES, `stytch/recover-response.${kind}.json`));

function stytchValidatorRows(speed: SpeedOptions): Promise<Row[]> {
  return validatorRows(
    "RecoverResponse",
    () => ({
      codegen: { is: isRecoverResponse, validate: validateRecoverResponse },
      ajv: { first: stytchAjv(false), all: stytchAjv(true) },
      valid: stytchPayload("valid"),
      invalid: stytchPayload("invalid"),
    }),
    speed,
  );
}

/** Where githubValidators generates. */
const githubValidatorsOut = (work: string): string => path.join(work, "github-validators", "out");

/** Generates (through the API) and compiles the validators of the timed GitHub components and what they reference. */
async function githubValidators(document: OpenApiDocument, work: string): Promise<Record<string, unknown>> {
  const dir = path.dirname(githubValidatorsOut(work));
  mkdirSync(dir);
  const names = componentClosure(
    document.components.schemas,
    GITHUB_COMPONENTS.map((entry) => entry.component),
  );
  writeFileSync(path.join(dir, "openapi.json"), JSON.stringify(subDocument(document, names)));
  await generate({ cwd: dir, inputs: ["openapi.json"], outDir: "out", formatter: "none" });
  return compileAndImport(githubValidatorsOut(work));
}

function exported<T>(module: Record<string, unknown>, name: string): T {
  if (typeof module[name] !== "function") throw new Error(`the generated index.ts does not export ${name}`);
  return module[name] as T;
}

/** The rows of the GitHub components, with `module` from githubValidators. */
async function githubValidatorRows(schemas: Schemas, module: Record<string, unknown> | Error, speed: SpeedOptions): Promise<Row[]> {
  const components = GITHUB_COMPONENTS.map((entry) => entry.component);
  const ajv = { first: githubAjv(schemas, components, false), all: githubAjv(schemas, components, true) };
  const rows: Row[] = [];
  for (const { component, type } of GITHUB_COMPONENTS) {
    const setup = (): ValidatorSubject => {
      if (module instanceof Error) throw module;
      return {
        codegen: { is: exported(module, `is${type}`), validate: exported(module, `validate${type}`) },
        ajv: { first: ajv.first.get(component)!, all: ajv.all.get(component)! },
        valid: githubFixture(component),
        invalid: githubInvalidPayload(component),
      };
    };
    rows.push(...(await validatorRows(type, setup, speed)));
  }
  return rows;
}

/** What typia's guards leave out here, found by changing the valid payloads one value at a time (see BENCHMARKS.md). */
const TYPIA_NOTE =
  `typia's transform ran on TypeScript ${TYPIA_TYPESCRIPT}. ` +
  "typia checks what codegen's types say, with the formats of their `@format` doc tags (date-time, uri, email; it ignores int32 and int64), " +
  "so it accepts a fraction where the schema says integer, and integers outside int32 or int64; its date-time also takes a space for the T. " +
  "These schemas have no pattern, length, bound or closed object";

/**
 * isX against typia's guard of codegen's type, on the valid payload (ratio = typia's time /
 * codegen's), once typia accepts the valid payload and rejects the invalid one. typia checks what
 * the TypeScript type says, which is less than the schema: a report, with no target.
 */
async function typiaRows(work: string, github: Record<string, unknown> | Error, speed: SpeedOptions): Promise<Row[]> {
  const subjects = [
    { type: "RecoverResponse", outDir: path.join(REPO_ROOT, "generated"), is: () => isRecoverResponse, payload: stytchPayload },
    ...GITHUB_COMPONENTS.map(({ component, type }) => ({
      type,
      outDir: githubValidatorsOut(work),
      is: () => {
        if (github instanceof Error) throw github;
        return exported<(value: unknown) => boolean>(github, `is${type}`);
      },
      payload: (kind: "valid" | "invalid") => (kind === "valid" ? githubFixture(component) : githubInvalidPayload(component)),
    })),
  ];
  const guards = await settleAsync(typiaGuards(path.join(work, "typia"), github instanceof Error ? subjects.slice(0, 1) : subjects));
  return subjects.map(({ type, is, payload }, index): Row => {
    const name = `is${type} vs typia, valid payload`;
    try {
      const codegen = is();
      if (guards instanceof Error) throw guards;
      const typia = guards[`is${type}`];
      if (typia === undefined) throw new Error(`typia's module does not export is${type}`);
      const [valid, invalid] = [payload("valid"), payload("invalid")];
      if (!typia(valid)) throw new Error(`typia rejects the valid ${type} payload`);
      if (typia(invalid)) throw new Error(`typia accepts the invalid ${type} payload`);
      const times = compareSpeed(codegen, typia, valid, speed);
      return {
        name,
        codegen: microseconds(times.codegen),
        peer: `typia ${microseconds(times.peer)}`,
        ratio: times.peer / times.codegen,
        target: "report",
        ...(index === 0 ? { note: TYPIA_NOTE } : {}),
      };
    } catch (error) {
      return unavailable(name, "report", error);
    }
  });
}

/** The codegen CLI. Cold runs pass `--no-cache`; while the CLI does not know the flag they run without it, noted. */
class CodegenCli {
  private noCache = true;

  run(args: readonly string[], cwd: string, { cold }: { cold: boolean }): ProcessRun {
    if (cold && this.noCache) {
      try {
        return runNode(CODEGEN_BIN, [...args, "--no-cache"], cwd);
      } catch (error) {
        if (!(error instanceof ProcessError && error.stderr.includes("unknown option '--no-cache'"))) throw error;
        this.noCache = false;
      }
    }
    return runNode(CODEGEN_BIN, args, cwd);
  }

  get note(): string | undefined {
    return this.noCache ? undefined : "the CLI rejects --no-cache, so codegen ran without it";
  }
}

const asError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));

/** Runs `fn`, returning what it throws instead of throwing, so one failing side does not stop the other. */
function settle<T>(fn: () => T): T | Error {
  try {
    return fn();
  } catch (error) {
    return asError(error);
  }
}

/** settle for a promise. */
function settleAsync<T>(promise: Promise<T>): Promise<T | Error> {
  return promise.catch(asError);
}

/** What json2ts's output lacks; json2ts exits 0 even when it understood little. */
type Json2tsCheck = (output: string) => string[];

/** Interfaces whose names end in each of `names` (json2ts prefixes Stytch's with the title's namespace). */
const declaresInterfaces =
  (names: readonly string[]): Json2tsCheck =>
  (output) =>
    names.filter((name) => !new RegExp(`^export interface \\w*${name} \\{`, "m").test(output)).map((name) => `interface ${name}`);

/** A member of the root interface `root` for each component: proof that json2ts followed every ref. */
const hasMembers =
  (root: string, names: readonly string[]): Json2tsCheck =>
  (output) => {
    const start = output.indexOf(`export interface ${root} {`);
    if (start < 0) return [`interface ${root}`];
    const body = output.slice(start, output.indexOf("\n}\n", start));
    return names
      .filter((name) => !body.includes(`\n  ${/^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name)}?:`))
      .map((name) => `${root}.${name}`);
  };

/** What the generation measurements share; each measures in a directory of its own under `work`. */
interface GenerationContext {
  cli: CodegenCli;
  work: string;
  runs: number;
  progress: (message: string) => void;
}

/** Times json2ts on `input` (written into `dir`) and checks its output. */
function runJson2ts(input: object, dir: string, runs: number, check: Json2tsCheck): ProcessRun {
  const inputFile = path.join(dir, "json2ts-input.json");
  const outputFile = path.join(dir, "json2ts-output.d.ts");
  writeFileSync(inputFile, JSON.stringify(input));
  const time = timeRuns(runs, () => runNode(JSON2TS_BIN, ["-i", inputFile, "-o", outputFile], dir));
  const missing = check(readFileSync(outputFile, "utf8"));
  if (missing.length > 0) {
    const more = missing.length > 5 ? ` and ${missing.length - 5} more` : "";
    throw new Error(`json2ts's output lacks ${missing.slice(0, 5).join(", ")}${more}`);
  }
  return time;
}

function generationRow(name: string, codegen: ProcessRun | Error, json2ts: ProcessRun | Error, note: string | undefined): Row {
  const peer = json2ts instanceof Error ? "" : `json2ts ${seconds(json2ts.ms)}`;
  const target = `≥ ${TARGETS.generation}×`;
  const row: Row = { name, codegen: "", peer, target, ...(note !== undefined ? { note } : {}) };
  if (codegen instanceof Error || json2ts instanceof Error)
    return { ...row, unavailable: reason(codegen instanceof Error ? codegen : json2ts) };
  const ratio = json2ts.ms / codegen.ms;
  return { ...row, codegen: seconds(codegen.ms), ratio, passed: ratio >= TARGETS.generation };
}

const runCount = (runs: number) => `${runs} run${runs === 1 ? "" : "s"}`;

function stytchGenerationRow({ cli, work, runs, progress }: GenerationContext): Row {
  const count = readdirSync(STYTCH_SCHEMAS_DIR).length;
  progress(`generating Stytch (${count} schemas) with codegen and json2ts, ${runCount(runs)} each`);
  // With the repository's configuration (its type names), but outside it: nothing is written there.
  const dir = path.join(work, "stytch");
  mkdirSync(dir);
  copyFileSync(path.join(REPO_ROOT, "codegen.config.json"), path.join(dir, "codegen.config.json"));
  const codegen = settle(() => timeRuns(runs, () => cli.run([STYTCH_SCHEMAS_DIR, "-o", "out"], dir, { cold: true })));
  const components = stytchComponents();
  const json2ts = settle(() =>
    runJson2ts(json2tsInput(components[STYTCH_ROOT]!, components), dir, runs, declaresInterfaces(["RecoverResponse", "Member"])),
  );
  return generationRow(`generate Stytch (${count} schemas)`, codegen, json2ts, cli.note);
}

/** A schema file to generate from, and its schemas. */
interface GitHubInput {
  file: string;
  schemas: Schemas;
}

/** What the GitHub generation measurements share: they all run in `dir`. */
interface GitHubGeneration extends GenerationContext {
  document: OpenApiDocument;
  dir: string;
}

/**
 * GitHub's description (in quick mode, its first components and what they reference): codegen
 * against json2ts, codegen's peak memory, a second run with the cache, and the growth of the time
 * with the number of schemas.
 */
function githubGenerationRows(
  document: OpenApiDocument,
  githubComponents: number | undefined,
  growth: readonly number[],
  context: GenerationContext,
): Row[] {
  const github: GitHubGeneration = { ...context, document, dir: path.join(context.work, "github") };
  mkdirSync(github.dir);
  const whole =
    githubComponents === undefined
      ? { file: GITHUB_DOCUMENT, schemas: document.components.schemas }
      : firstComponents(github, githubComponents);
  const wholeCount = Object.keys(whole.schemas).length;
  const label = githubComponents === undefined ? `GitHub (${wholeCount} schemas)` : `GitHub subset (${wholeCount} schemas)`;

  github.progress(`generating ${label} with codegen and json2ts, ${runCount(github.runs)} each`);
  const uncached = settle(() => timeCodegen(github, whole.file, "out", true));
  const json2ts = settle(() =>
    runJson2ts(
      json2tsInput(referenceAll("GitHub", whole.schemas), whole.schemas),
      github.dir,
      github.runs,
      hasMembers("GitHub", Object.keys(whole.schemas)),
    ),
  );
  const rows = [generationRow(`generate ${label}`, uncached, json2ts, github.cli.note), memoryRow(label, uncached, json2ts)];
  rows.push(cachedRow(github, whole.file, label));
  for (const size of growth) {
    const part = firstComponents(github, size);
    github.progress(`generating the first ${size} GitHub components + refs, ${runCount(github.runs)}`);
    rows.push(
      growthRow(
        `first ${size} components + refs`,
        settle(() => timeCodegen(github, part.file, `first-${size}-out`, true)),
        part.schemas,
      ),
    );
  }
  rows.push(
    growthRow(githubComponents === undefined ? "all components" : `first ${githubComponents} components + refs`, uncached, whole.schemas),
  );
  github.progress(`compiling ajv's standalone module of ${label}`);
  const ajvSource = (): string => githubAjvStandalone(whole.schemas, Object.keys(whole.schemas));
  rows.push(outputSizeRow(label, github.dir, ajvSource, { limit: TARGETS.githubOutputMb * 1e6, unit: "MB" }));
  rows.push(...typeCheckRows(github, whole.file, label));
  return rows;
}

/** Imports every type and validator of a codegen output from `index.js`; with `typesOnly`, every type from `types.js`. */
const importEverything = (typesOnly: boolean): string =>
  typesOnly
    ? 'import type * as types from "./output/types.js";\nexport type Types = typeof types;\n'
    : 'import * as api from "./output/index.js";\nexport const everything: typeof api = api;\n';

/**
 * tsc on a project importing the GitHub output (TypeScript, and `--emit js`), against the same for
 * openapi-typescript's types (with its validators) and json2ts's (types only).
 */
function typeCheckRows(github: GitHubGeneration, file: string, label: string): Row[] {
  const runs = Math.min(github.runs, TYPE_CHECK_RUNS);
  const dir = path.join(github.dir, "type-check");
  const tsc = `tsc ${TSC_VERSION}, median of ${runs}`;
  github.progress(`type-checking projects that import ${label}'s output, ${tsc}`);
  const time = (name: string, output: () => string, source: string): ProcessRun | Error =>
    settle(() => typeCheck(consumerProject(path.join(dir, name), output(), source), runs));
  const openapiTypes = time(
    "openapi-typescript",
    () => {
      const output = path.join(github.dir, "openapi-typescript.d.ts");
      openapiTypescript(file, output);
      return output;
    },
    'import type { components } from "./output.js";\nexport type Schemas = components["schemas"];\n',
  );
  const json2tsTypes = time(
    "json2ts",
    () => path.join(github.dir, "json2ts-output.d.ts"),
    'import type * as types from "./output.js";\nexport type Types = typeof types;\n',
  );
  const javascript = (): string => {
    github.cli.run([file, "-o", "out-js", "--emit", "js"], github.dir, { cold: true });
    return path.join(github.dir, "out-js");
  };
  const typescript = (): string => path.join(github.dir, "out");
  const row = (name: string, codegen: ProcessRun | Error, peerName: string, peer: ProcessRun | Error, limit: number): Row => {
    const target = `≤ ${limit}× ${peerName}`;
    if (codegen instanceof Error) return unavailable(name, target, codegen);
    if (peer instanceof Error) return { ...unavailable(name, target, peer), codegen: seconds(codegen.ms) };
    const ratio = codegen.ms / peer.ms;
    return {
      name,
      codegen: `${seconds(codegen.ms)} (${ratio.toFixed(2)}×)`,
      peer: `${peerName} ${seconds(peer.ms)}`,
      target,
      passed: ratio <= limit,
    };
  };
  return [
    row(
      `type-check every type and validator of ${label}, .ts output (${tsc})`,
      time("everything-ts", typescript, importEverything(false)),
      "openapi-typescript",
      openapiTypes,
      TARGETS.typeCheckEverything,
    ),
    row(
      `type-check every type and validator of ${label}, --emit js (${tsc})`,
      time("everything-js", javascript, importEverything(false)),
      "openapi-typescript",
      openapiTypes,
      TARGETS.typeCheckEverything,
    ),
    row(
      `type-check only the types of ${label}, .ts output (${tsc})`,
      time("types-ts", typescript, importEverything(true)),
      "json2ts",
      json2tsTypes,
      TARGETS.typeCheckTypes,
    ),
    row(
      `type-check only the types of ${label}, --emit js (${tsc})`,
      time("types-js", () => path.join(github.dir, "out-js"), importEverything(true)),
      "json2ts",
      json2tsTypes,
      TARGETS.typeCheckTypes,
    ),
  ];
}

/** A sub-document of the first `count` components and what they reference, written into the GitHub directory. */
function firstComponents({ document, dir }: GitHubGeneration, count: number): GitHubInput {
  const all = Object.keys(document.components.schemas);
  const part = subDocument(document, componentClosure(document.components.schemas, all.slice(0, count)));
  const file = path.join(dir, `first-${count}.json`);
  writeFileSync(file, JSON.stringify(part));
  return { file, schemas: part.components.schemas };
}

/** Times the codegen CLI generating `file` into `out`. */
function timeCodegen({ cli, dir, runs }: GitHubGeneration, file: string, out: string, cold: boolean): ProcessRun {
  return timeRuns(runs, () => cli.run([file, "-o", out], dir, { cold }));
}

function memoryRow(label: string, uncached: ProcessRun | Error, json2ts: ProcessRun | Error): Row {
  const memory: Row = {
    name: `generate ${label}, peak memory`,
    codegen: "",
    peer: json2ts instanceof Error ? "" : `json2ts ${mebibytes(json2ts.peakRssMiB)}`,
    target: `≤ ${TARGETS.peakRssMiB} MiB`,
  };
  return uncached instanceof Error
    ? { ...memory, unavailable: reason(uncached) }
    : { ...memory, codegen: mebibytes(uncached.peakRssMiB), passed: uncached.peakRssMiB <= TARGETS.peakRssMiB };
}

/** A second run on unchanged input, timed after one that fills the cache. */
function cachedRow(github: GitHubGeneration, file: string, label: string): Row {
  github.progress(`generating ${label} again with the cache, ${runCount(github.runs)} after one to fill it`);
  const name = `generate ${label} again, unchanged (cache)`;
  const target = `≤ ${seconds(TARGETS.cachedRunMs)}`;
  const cached = settle(() => {
    github.cli.run([file, "-o", "cached-out"], github.dir, { cold: false });
    return timeCodegen(github, file, "cached-out", false);
  });
  return cached instanceof Error
    ? unavailable(name, target, cached)
    : { name, codegen: seconds(cached.ms), peer: "", target, passed: cached.ms <= TARGETS.cachedRunMs };
}

/** Per schema and per KiB of schema JSON: GitHub's last components (webhooks) are much larger than its first. */
function growthRow(name: string, time: ProcessRun | Error, schemas: Schemas): Row {
  const count = Object.keys(schemas).length;
  const kibibytes = JSON.stringify(schemas).length / 1024;
  const fullName = `growth: ${name} (${count} schemas, ${Math.round(kibibytes)} KiB)`;
  if (time instanceof Error) return unavailable(fullName, "report", time);
  const rates = `${(time.ms / count).toFixed(1)} ms/schema, ${(time.ms / kibibytes).toFixed(2)} ms/KiB`;
  return { name: fullName, codegen: `${seconds(time.ms)} (${rates})`, peer: "", target: "report" };
}

/** Bytes, raw and gzipped file by file, of the TypeScript files of a directory. */
function outputBytes(dir: string): { raw: number; gzip: number } {
  const files = readdirSync(dir).filter((name) => name.endsWith(".ts"));
  const contents = files.map((name) => readFileSync(path.join(dir, name)));
  return {
    raw: contents.reduce((sum, text) => sum + text.length, 0),
    gzip: contents.reduce((sum, text) => sum + gzipSync(text).length, 0),
  };
}

function size(bytes: number, unit: "kB" | "MB"): string {
  return unit === "kB" ? `${(bytes / 1000).toFixed(1)} kB` : `${(bytes / 1e6).toFixed(2)} MB`;
}

/**
 * What codegen writes for `label` (its `out` in `dir`, types and validators), against ajv's
 * standalone module of the same components (validators only, every error) and json2ts's
 * declarations (types only, from the generation row's run in `dir`).
 */
function outputSizeRow(label: string, dir: string, ajvSource: () => string, { limit, unit }: { limit: number; unit: "kB" | "MB" }): Row {
  const name = `output of ${label}, bytes (gzip)`;
  const target = `≤ ${size(limit, unit)}`;
  const ours = settle(() => outputBytes(path.join(dir, "out")));
  if (ours instanceof Error) return unavailable(name, target, ours);
  const peers: string[] = [];
  const ajv = settle(() => Buffer.from(ajvSource()));
  peers.push(
    ajv instanceof Error
      ? `ajv standalone: ${reason(ajv)}`
      : `ajv standalone ${size(ajv.length, unit)} (${size(gzipSync(ajv).length, unit)})`,
  );
  const json2ts = settle(() => readFileSync(path.join(dir, "json2ts-output.d.ts")));
  if (!(json2ts instanceof Error)) peers.push(`json2ts types ${size(json2ts.length, unit)} (${size(gzipSync(json2ts).length, unit)})`);
  return {
    name,
    codegen: `${size(ours.raw, unit)} (${size(ours.gzip, unit)})`,
    peer: peers.join("; "),
    target,
    passed: ours.raw <= limit,
  };
}

/**
 * What esbuild ships for one guard and one validator imported from the GitHub output's index.ts:
 * Repository's, or (for a subset without it) the first type's.
 */
async function bundleRows(outDir: string): Promise<Row[]> {
  let type = "Repository";
  try {
    const index = readFileSync(path.join(outDir, "index.ts"), "utf8");
    if (!index.includes(" isRepository,")) type = /\bis([A-Z]\w*),/.exec(index)?.[1] ?? type;
  } catch {
    // Generation failed: the rows say why below.
  }
  const rows: Row[] = [];
  for (const [name, limit] of [
    [`is${type}`, TARGETS.guardBundleKb],
    [`validate${type}`, TARGETS.validatorBundleKb],
  ] as const) {
    const row = `bundle of ${name} from index.ts (esbuild, minified)`;
    try {
      const { bytes, gzipBytes, modules } = await bundleImport(outDir, name);
      rows.push({
        name: row,
        codegen: `${(bytes / 1000).toFixed(1)} kB (${(gzipBytes / 1000).toFixed(1)} kB gzip, ${modules.length} modules)`,
        peer: "",
        target: `≤ ${limit} kB`,
        passed: bytes <= limit * 1000,
      });
    } catch (error) {
      rows.push(unavailable(row, `≤ ${limit} kB`, error));
    }
  }
  return rows;
}

/** The Stytch and GitHub validator rows, and typia's. */
async function allValidatorRows(
  document: OpenApiDocument,
  githubSchemas: Schemas,
  work: string,
  settings: Settings,
  progress: (message: string) => void,
): Promise<Row[]> {
  progress("timing the Stytch validators");
  const rows = await stytchValidatorRows(settings.speed);
  progress("generating and timing the GitHub validators");
  const github = await settleAsync(githubValidators(document, work));
  rows.push(...(await githubValidatorRows(githubSchemas, github, settings.speed)));
  progress("generating typia's guards of the same types and timing them");
  rows.push(...(await typiaRows(work, github, settings.speed)));
  return rows;
}

/** Runs every comparison (or those of `options.only`) and returns the table's rows. */
export async function runBench(options: BenchOptions = {}): Promise<Row[]> {
  const settings = options.quick === true ? QUICK : FULL;
  const progress = options.progress ?? (() => {});
  const work = mkdtempSync(path.join(os.tmpdir(), "codegen-bench-"));
  try {
    const document = loadGitHub();
    const components = GITHUB_COMPONENTS.map((entry) => entry.component);
    const githubSchemas = subDocument(document, componentClosure(document.components.schemas, components)).components.schemas;
    const documentRowsOf = (): Promise<Row[]> => {
      progress(`validating GitHub's whole description with codegen, ajv and schemasafe, ${settings.documentSpeed.rounds} rounds each`);
      return documentRows(document, path.join(work, "document"), settings.documentSpeed, TARGETS.document);
    };
    if (options.only === "validators") return await allValidatorRows(document, githubSchemas, work, settings, progress);
    if (options.only === "document") return await documentRowsOf();
    progress("timing the format checks");
    const formats = await formatRows(githubSchemas, components, settings.speed);
    if (options.only === "formats") return formats;
    const rows = await allValidatorRows(document, githubSchemas, work, settings, progress);
    rows.push(...formats, ...(await documentRowsOf()));
    const context = { cli: new CodegenCli(), work, runs: settings.runs, progress };
    rows.push(stytchGenerationRow(context));
    rows.push(
      outputSizeRow("Stytch", path.join(work, "stytch"), stytchAjvStandalone, { limit: TARGETS.stytchOutputKb * 1000, unit: "kB" }),
    );
    rows.push(...githubGenerationRows(document, settings.githubComponents, settings.growth, context));
    rows.push(...(await bundleRows(path.join(work, "github", "out"))));
    return rows;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const start = Date.now();
  const only = process.env["BENCH_ONLY"];
  if (only !== undefined && !(ONLY as readonly string[]).includes(only))
    throw new Error(`BENCH_ONLY is ${only}: it takes ${ONLY.join(", ")}`);
  const rows = await runBench({
    quick: process.env["BENCH_QUICK"] === "1",
    ...(only === undefined ? {} : { only: only as Only }),
    progress: (message) => process.stderr.write(`bench: ${seconds(Date.now() - start)} ${message}\n`),
  });
  console.log(formatReport(rows, machine()));
  process.exitCode = failures(rows).length > 0 ? 1 : 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  // A failure of the harness itself (exit 2), as opposed to a missed target (exit 1).
  await main().catch((error: unknown) => {
    console.error(`bench: ${error instanceof Error ? error.stack : String(error)}`);
    process.exitCode = 2;
  });
}
