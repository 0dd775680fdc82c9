/**
 * Judging one case (codegen's verdict and errors against ajv's, known ajv deviations excused) and
 * minimising failing cases.
 */
import { Batch, type Generated, type Validators } from "./batch.js";
import { excuse, type CaseInfo, type KnownAjvDeviation } from "./deviations.js";
import type { Dialect, Json } from "./json.js";
import { ajvOutcome, ajvValidator, disagreement, outcomeOf, signature, type AjvValidate, type DiffPair, type Outcome } from "./oracle.js";
import { instanceReductions, schemaReductions } from "./shrink.js";

/** How long minimising may take in all. */
export const MINIMISE_BUDGET_MS = 20_000;

// ---------------------------------------------------------------------------------------------
// One case: codegen's verdict against ajv's

export interface Verdicts {
  ours: Outcome;
  ajv: Outcome;
  /** Why codegen's own functions are inconsistent or broken, if they are. */
  problem?: string;
}

/** Thrown when ajv itself throws on an instance: there is no oracle verdict to compare with. */
export class AjvThrew extends Error {}

function judge(validators: Validators, validate: AjvValidate, data: Json): Verdicts {
  let ajv: Outcome;
  try {
    ajv = ajvOutcome(validate, data);
  } catch (error) {
    throw new AjvThrew((error as Error).message);
  }
  let result: ReturnType<Validators["validate"]>;
  try {
    result = validators.validate(data);
  } catch (error) {
    return { ours: outcomeOf(false, []), ajv, problem: `validateX threw: ${(error as Error).message}` };
  }
  const ours = result.valid ? outcomeOf(true, []) : outcomeOf(false, result.errors);
  if (!result.valid && result.errors.length === 0) return { ours, ajv, problem: "validateX says invalid with no errors" };
  let is: boolean;
  try {
    is = validators.is(data);
  } catch (error) {
    return { ours, ajv, problem: `isX threw: ${(error as Error).message}` };
  }
  if (is !== result.valid)
    return { ours, ajv, problem: `isX says ${is ? "valid" : "invalid"}, validateX ${result.valid ? "valid" : "invalid"}` };
  return { ours, ajv };
}

export interface Failure {
  /** Known ajv deviations corrected before comparing (the difference shown is what is left). */
  corrections?: KnownAjvDeviation[];
  schemaIndex: number;
  seed: number;
  schema: Json;
  dialect: Dialect;
  data: Json;
  verdicts: Verdicts;
  diff: DiffPair[];
  signature: string;
  minimised?: boolean;
}

/** The failure signature of a case, or undefined when the case passes (or is an excused ajv deviation). */
export function check(
  schema: Json,
  dialect: Dialect,
  data: Json,
  validators: Validators,
  validate: AjvValidate,
): { verdicts: Verdicts; diff: DiffPair[]; signature?: string; excused?: KnownAjvDeviation; corrections?: KnownAjvDeviation[] } {
  const verdicts = judge(validators, validate, data);
  if (verdicts.problem !== undefined) return { verdicts, diff: [], signature: `problem: ${verdicts.problem.replace(/:.*/, "")}` };
  const diff = disagreement(verdicts.ours, verdicts.ajv);
  if (diff === undefined) return { verdicts, diff: [] };
  const info: CaseInfo = { schema, dialect, data, ours: verdicts.ours, ajv: verdicts.ajv, diff };
  const result = excuse(info);
  if (result.excused !== undefined) return { verdicts, diff, excused: result.excused };
  // Grouped by what is left once known ajv deviations are corrected.
  const ajv = result.corrected ?? verdicts.ajv;
  const verdict = verdicts.ours.valid === ajv.valid ? "" : verdicts.ours.valid ? "ours valid, ajv invalid; " : "ours invalid, ajv valid; ";
  return { verdicts, diff: result.remaining, signature: `${verdict}${signature(result.remaining)}`, corrections: result.corrections };
}

// ---------------------------------------------------------------------------------------------
// Minimising

export function shrinkInstance(failure: Failure, validators: Validators, validate: AjvValidate, deadline: number): void {
  let budget = 2000;
  let improved = true;
  while (improved && budget > 0 && Date.now() < deadline) {
    improved = false;
    for (const candidate of instanceReductions(failure.data)) {
      if (--budget <= 0) break;
      let result: ReturnType<typeof check>;
      try {
        result = check(failure.schema, failure.dialect, candidate, validators, validate);
      } catch {
        continue;
      }
      if (result.signature === failure.signature) {
        failure.data = candidate;
        failure.verdicts = result.verdicts;
        failure.diff = result.diff;
        failure.corrections = result.corrections ?? [];
        improved = true;
        break;
      }
    }
  }
}

/** Something whose schema can be shrunk: a failing case, or a schema codegen fails on. */
export interface SchemaTarget {
  schema: Json;
  dialect: Dialect;
  minimised?: boolean;
}

/**
 * Shrinks the schemas of `targets` in rounds: each round generates every one-step reduction of
 * every target into one batch (compiled by one tsc run when `compile`), and each target moves to its
 * smallest reduction that `stillFails` (which may update the target, e.g. its verdicts).
 */
export async function shrinkSchemas<T extends SchemaTarget>(
  targets: readonly T[],
  options: {
    compile: boolean;
    deadline: number;
    log: (line: string) => void;
    stillFails(target: T, schema: Json, generated: Generated, typeErrors: ReadonlyMap<string, string[]>): Promise<boolean>;
  },
): Promise<void> {
  const size = (schema: Json): number => JSON.stringify(schema).length;
  const active = new Set(targets);
  for (let round = 0; active.size > 0 && Date.now() < options.deadline; round++) {
    const batch = new Batch("differential-shrink");
    const candidates: Array<{ target: T; schema: Json; generated: Generated }> = [];
    for (const target of active) {
      const seen = new Set<string>();
      const reductions = [...schemaReductions(target.schema)]
        .filter((schema) => {
          const key = JSON.stringify(schema);
          if (seen.has(key)) return false;
          seen.add(key);
          return true;
        })
        .sort((a, b) => size(a) - size(b))
        .slice(0, 80);
      for (const schema of reductions) {
        if (Date.now() > options.deadline) break;
        candidates.push({ target, schema, generated: await batch.add({ schema, dialect: target.dialect }) });
      }
    }
    if (candidates.length === 0) break;
    const typeErrors = options.compile ? batch.compile() : new Map<string, string[]>();
    const progressed = new Set<T>();
    for (const { target, schema, generated } of candidates) {
      if (progressed.has(target) || Date.now() > options.deadline) continue;
      let fails: boolean;
      try {
        fails = await options.stillFails(target, schema, generated, typeErrors);
      } catch {
        fails = false;
      }
      if (!fails) continue;
      target.schema = schema;
      progressed.add(target);
    }
    for (const target of active) if (!progressed.has(target)) active.delete(target);
    options.log(`minimising: round ${round + 1}, ${candidates.length} candidate schemas, ${active.size} still shrinking`);
  }
  for (const target of targets) target.minimised = true;
}

/** Minimises failing cases: schema (in compiled batches) and instance, keeping the failure's signature. */
export async function minimise(
  failures: Failure[],
  log: (line: string) => void,
  deadline = Date.now() + MINIMISE_BUDGET_MS,
): Promise<void> {
  await shrinkSchemas(failures, {
    compile: true,
    deadline,
    log,
    async stillFails(failure, schema, generated) {
      if (generated.status !== "generated") return false;
      const validate = ajvValidator(schema, failure.dialect);
      const validators = await Batch.load(generated);
      const result = check(schema, failure.dialect, failure.data, validators, validate);
      if (result.signature !== failure.signature) return false;
      failure.verdicts = result.verdicts;
      failure.diff = result.diff;
      failure.corrections = result.corrections ?? [];
      failure.schema = schema;
      shrinkInstance(failure, validators, validate, deadline);
      return true;
    },
  });
}

/** A schema codegen fails on (generation error or generated TypeScript that does not compile). */
export interface BrokenSchema extends SchemaTarget {
  schemaIndex: number;
  /** The first line of the generation error, or the TypeScript error codes. */
  problem: string;
  details: string;
}

/** Minimises schemas codegen fails to generate, keeping the first line of the error. */
export async function minimiseGenerationErrors(targets: BrokenSchema[], log: (line: string) => void, deadline: number): Promise<void> {
  await shrinkSchemas(targets, {
    compile: false,
    deadline,
    log,
    stillFails(target, _schema, generated) {
      if (generated.status !== "error" || generated.message.split("\n")[0] !== target.problem) return Promise.resolve(false);
      target.details = generated.message;
      return Promise.resolve(true);
    },
  });
}

/** The TypeScript error codes of tsc's output lines: "TS2367 TS2322". */
export function typeErrorCodes(lines: readonly string[]): string {
  return [...new Set(lines.map((line) => /error (TS\d+)/.exec(line)?.[1] ?? "?"))].sort().join(" ");
}

/** Minimises schemas whose generated TypeScript does not compile, keeping the TypeScript error codes. */
export async function minimiseTypeErrors(targets: BrokenSchema[], log: (line: string) => void, deadline: number): Promise<void> {
  await shrinkSchemas(targets, {
    compile: true,
    deadline,
    log,
    stillFails(target, _schema, generated, typeErrors) {
      if (generated.status !== "generated") return Promise.resolve(false);
      const lines = typeErrors.get(generated.dir);
      if (lines === undefined || typeErrorCodes(lines) !== target.problem) return Promise.resolve(false);
      target.details = lines.slice(0, 3).join("\n");
      return Promise.resolve(true);
    },
  });
}
