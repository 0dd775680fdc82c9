/**
 * One corpus family, end to end. Two generations into a temporary directory:
 *  1. the family's schemas as published, with the default options (the user's view): its time,
 *     a strict tsc run over the output, and each file against prettier's formatting of it;
 *  2. the same schemas plus one wrapper schema `{ "$ref": <target URI> }` per payload target
 *     (`formatter: "none"`), compiled and imported: each payload through `isX` and `validateX` of
 *     its wrapper (a `$ref` beside nothing else is its target, so these are the target's
 *     validators) and through ajv (oracle.ts), verdict against verdict.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { reason } from "../../scripts/bench/report.js";
import { runStrictTsc } from "../../scripts/strict-tsc.js";
import { CodegenError, generate, type GenerateResult } from "../../src/index.js";
import type { Validators } from "../differential/batch.js";
import type { Json } from "../differential/json.js";
import { disagreement, outcomeOf, signature, type Outcome } from "../differential/oracle.js";
import { importGenerated, REPO_ROOT } from "../helpers.js";
import type { SoundnessCase } from "../soundness-harness.js";
import { CORPUS_DEVIATIONS } from "./deviations.js";
import type { Family, Target } from "./families.js";
import { FamilyOracle, type Rewritten } from "./oracle.js";
import { familyPayloads, isOpenApiDocument, readDocument, targetUri, type Payload } from "./payloads.js";

export interface Verdict {
  payload: Payload;
  /** codegen's outcome, or why codegen refused the target's schema. */
  codegen: Outcome | string;
  /** ajv's outcome, or why ajv could not judge (it failed to compile the target, or threw). */
  ajv: Outcome | string;
  /** `isX` disagreed with `validateX`. */
  guardDisagrees: boolean;
  /** The known ajv deviation (deviations.ts) that explains a differing verdict. */
  excusedBy?: string;
}

export interface FamilyReport {
  family: Family;
  schemas: number;
  payloads: number;
  generation: { ms: number; typeCount: number; warnings: number; files: number } | { error: string };
  /** TypeScript diagnostics of the strict run, one per line (empty: compiles). */
  strict: string[] | undefined;
  prettier: { identical: number; total: number; differing: string[] } | undefined;
  /** Verdicts, or why the second generation (or its build) failed. */
  verdicts: Verdict[] | string;
  /** Diagnostics of the build of the second generation (it is imported all the same: tsc emits). */
  verdictBuild: string[];
  /** Every payload with its wrapper's type, for the soundness harness (test/soundness-harness.ts). */
  soundnessCases: SoundnessCase[];
}

const diagnosticLines = (output: string): string[] => output.split("\n").filter((line) => /error TS\d+/.test(line));

/** Each generated file against prettier's formatting of it, with the prettier config resolved for the output directory. */
async function prettierIdentity(result: GenerateResult): Promise<NonNullable<FamilyReport["prettier"]>> {
  const prettier = await import("prettier");
  const differing: string[] = [];
  for (const file of result.files) {
    const filepath = path.join(result.outDir, file.name);
    const options = (await prettier.resolveConfig(filepath)) ?? {};
    if ((await prettier.format(file.source, { ...options, filepath })) !== file.source) differing.push(file.name);
  }
  return { identical: result.files.length - differing.length, total: result.files.length, differing };
}

const absolute = (file: string) => path.join(REPO_ROOT, file);

async function generateAsPublished(family: Family, work: string): Promise<Pick<FamilyReport, "generation" | "strict" | "prettier">> {
  const outDir = path.join(work, "published");
  const started = performance.now();
  let result: GenerateResult;
  try {
    result = await generate({ cwd: work, inputs: family.schemas.map(absolute), outDir, registry: registryOf(family), cache: false });
  } catch (error) {
    return { generation: { error: reason(error) }, strict: undefined, prettier: undefined };
  }
  const ms = performance.now() - started;
  return {
    generation: { ms, typeCount: result.typeCount, warnings: result.warnings.length, files: result.files.length },
    strict: diagnosticLines(runStrictTsc(outDir, ["*.ts"], { noEmit: true })),
    prettier: await prettierIdentity(result),
  };
}

function registryOf(family: Family): Record<string, string> {
  return Object.fromEntries(Object.entries(family.registry ?? {}).map(([prefix, directory]) => [prefix, absolute(directory)]));
}

const WRAPPER = "CorpusTarget";

interface Wrapped {
  build: string[];
  outDir: string;
  jsDir: string;
  /** The wrapper's type name of each target codegen generated. */
  typeNames: Map<string, string>;
  /** Targets codegen refused (an error inside the target's schema), with its message. */
  refused: Map<string, string>;
}

/** The target (by URI) a CodegenError stands in: its file and pointer are inside the target's schema, or in its wrapper. */
function refusedTarget(error: unknown, dir: string, wrappers: ReadonlyMap<string, { file: string; target: Target }>): string | undefined {
  if (!(error instanceof CodegenError) || error.file === undefined) return undefined;
  const file = path.resolve(dir, error.file);
  const pointer = error.pointer ?? "";
  for (const [uri, wrapper] of wrappers) {
    if (file === wrapper.file) return uri;
    const { schema, pointer: at } = wrapper.target;
    if (file === absolute(schema) && (pointer === at || pointer.startsWith(`${at}/`))) return uri;
  }
  return undefined;
}

/**
 * Generates the family with one wrapper per target and compiles it. A target whose schema codegen
 * refuses is left out (and reported), and the rest generated again, so one bad schema does not
 * hide every other verdict.
 */
async function generateWithWrappers(family: Family, targets: ReadonlyMap<string, Target>, work: string): Promise<Wrapped> {
  const refused = new Map<string, string>();
  for (let attempt = 0; ; attempt++) {
    const dir = path.join(work, `verdicts-${attempt}`);
    mkdirSync(path.join(dir, "targets"), { recursive: true });
    const wrappers = new Map(
      [...targets]
        .filter(([uri]) => !refused.has(uri))
        .map(([uri, target], index) => {
          const file = path.join(dir, "targets", `${WRAPPER}${index}.json`);
          writeFileSync(file, JSON.stringify({ $ref: uri }));
          return [uri, { file, target }] as const;
        }),
    );
    const inputs = [...family.schemas.map(absolute), ...[...wrappers.values()].map((wrapper) => wrapper.file)];
    const outDir = path.join(dir, "out");
    let result: GenerateResult;
    try {
      result = await generate({ cwd: dir, inputs, outDir, registry: registryOf(family), cache: false, formatter: "none" });
    } catch (error) {
      const uri = refusedTarget(error, dir, wrappers);
      if (uri === undefined) throw error;
      const { file, pointer } = error as CodegenError;
      refused.set(uri, `${reason(error)} (${path.relative(REPO_ROOT, path.resolve(dir, file!))}#${pointer ?? ""})`);
      continue;
    }
    // rootTypes follows the inputs sorted by absolute path, OpenAPI documents left out.
    const rooted = inputs
      .filter((file) => !family.schemas.some((schema) => absolute(schema) === file && isOpenApiDocument(readDocument(schema))))
      .sort();
    const names = new Map(rooted.map((file, index) => [file, result.rootTypes[index]]));
    const typeNames = new Map(
      [...wrappers].map(([uri, { file }]) => {
        const name = names.get(file);
        if (name === undefined || !name.startsWith(WRAPPER)) throw new Error(`cannot tell the type name of ${file} (got ${String(name)})`);
        return [uri, name] as const;
      }),
    );
    const build = diagnosticLines(runStrictTsc(outDir, ["*.ts"], { rootDir: ".", outDir: "js" }));
    return { build, outDir, jsDir: path.join(outDir, "js"), typeNames, refused };
  }
}

async function judge(
  family: Family,
  payloads: readonly Payload[],
  work: string,
): Promise<Pick<FamilyReport, "verdicts" | "verdictBuild" | "soundnessCases">> {
  const targets = new Map(payloads.map((payload) => [targetUri(payload.target), payload.target]));
  let generated: Wrapped;
  let module: Record<string, unknown>;
  try {
    generated = await generateWithWrappers(family, targets, work);
    module = await importGenerated(generated.jsDir, "index");
  } catch (error) {
    return { verdicts: `not judged: ${reason(error)}`, verdictBuild: [], soundnessCases: [] };
  }
  const oracle = new FamilyOracle(family);
  const verdicts: Verdict[] = [];
  const soundnessCases: SoundnessCase[] = [];
  for (const payload of payloads) {
    const uri = targetUri(payload.target);
    const typeName = generated.typeNames.get(uri);
    if (typeName === undefined) {
      verdicts.push({
        payload,
        codegen: generated.refused.get(uri)!,
        ajv: ajvOutcome(oracle, payload.target, payload.value),
        guardDisagrees: false,
      });
      continue;
    }
    const result = (module[`validate${typeName}`] as Validators["validate"])(payload.value);
    const accepted = (module[`is${typeName}`] as Validators["is"])(payload.value);
    soundnessCases.push({
      moduleFile: path.join(generated.outDir, "index.ts"),
      typeName,
      value: payload.value,
      origin: `${family.name}: ${payload.origin}`,
    });
    const verdict: Verdict = {
      payload,
      codegen: outcomeOf(result.valid, result.valid ? [] : result.errors),
      ajv: ajvOutcome(oracle, payload.target, payload.value),
      guardDisagrees: accepted !== result.valid,
    };
    verdicts.push({ ...verdict, ...excuse(oracle, verdict) });
  }
  return { verdicts, verdictBuild: generated.build, soundnessCases };
}

function ajvOutcome(oracle: FamilyOracle, target: Target, value: Json, rewrite?: Rewritten): Outcome | string {
  try {
    const validate = oracle.validator(target, rewrite);
    const valid = validate(value);
    return outcomeOf(valid, valid ? [] : (validate.errors ?? []));
  } catch (error) {
    return reason(error);
  }
}

/** The known ajv deviation that explains a differing verdict (deviations.ts says how). */
function excuse(oracle: FamilyOracle, verdict: Verdict): Pick<Verdict, "excusedBy"> {
  if (disagreementOf(verdict) === undefined) return {};
  const { target, value } = verdict.payload;
  const { codegen, ajv } = verdict as { codegen: Outcome; ajv: Outcome };
  const deviation = CORPUS_DEVIATIONS.find((candidate) => {
    if (!candidate.applies(readDocument(target.schema))) return false;
    if ("explains" in candidate) return candidate.explains(codegen, ajv);
    const corrected = ajvOutcome(oracle, target, value, candidate);
    return typeof corrected !== "string" && corrected.valid === codegen.valid;
  });
  return deviation === undefined ? {} : { excusedBy: deviation.id };
}

export async function runFamily(family: Family, work: string): Promise<FamilyReport> {
  mkdirSync(work, { recursive: true });
  const payloads = await familyPayloads(family);
  return {
    family,
    schemas: family.schemas.length,
    payloads: payloads.length,
    ...(await generateAsPublished(family, work)),
    ...(await judge(family, payloads, work)),
  };
}

/** A verdict on which codegen and ajv differ, with the keywords only one side reports (`+` codegen, `-` ajv). */
export function disagreementOf(verdict: Verdict): string | undefined {
  if (typeof verdict.ajv === "string" || typeof verdict.codegen === "string" || verdict.codegen.valid === verdict.ajv.valid)
    return undefined;
  return signature(disagreement(verdict.codegen, verdict.ajv) ?? []);
}
