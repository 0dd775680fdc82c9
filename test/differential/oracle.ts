/** ajv as the oracle, and how a verdict and its errors are compared. */
import { createRequire } from "node:module";
import type { Dialect, Json } from "./json.js";

const require = createRequire(import.meta.url);

export interface ErrorLike {
  instancePath: string;
  keyword: string;
  schemaPath?: string;
  params?: unknown;
  message?: string;
}

export type AjvValidate = ((data: unknown) => boolean) & { errors?: ErrorLike[] | null };
interface AjvInstance {
  compile(schema: unknown): AjvValidate;
}

/** Corrections of ajv for a known deviation: options, format checks and keywords to use instead of ajv's. */
export interface AjvCorrections {
  options: Record<string, unknown>;
  formats: Record<string, (value: string) => boolean>;
  keywords: Record<string, { name: string; type: string; schemaType: string; validate: (schemaValue: never, data: unknown) => boolean }>;
}

interface AjvCore extends AjvInstance {
  addFormat(name: string, check: (value: string) => boolean): void;
  removeKeyword(keyword: string): void;
  addKeyword(definition: Record<string, unknown>): void;
}
/** What `require` returns for ajv's entry points, and for ajv-formats. */
interface AjvModule {
  default: new (options: Record<string, unknown>) => AjvCore;
}
interface AjvFormatsModule {
  default: (ajv: AjvCore) => void;
}

/**
 * ajv's validator for a schema: `allErrors: true`, `strict: false`, ajv-formats (a fresh ajv
 * instance each time). `corrections` are for re-judging a known deviation only.
 */
export function ajvValidator(schema: Json, dialect: Dialect, corrections?: AjvCorrections): AjvValidate {
  const Ajv = ((dialect === "2020-12" ? require("ajv/dist/2020") : require("ajv")) as AjvModule).default;
  const ajv = new Ajv({ allErrors: true, strict: false, ...corrections?.options });
  (require("ajv-formats") as AjvFormatsModule).default(ajv);
  for (const [name, check] of Object.entries(corrections?.formats ?? {})) ajv.addFormat(name, check);
  for (const { name, type, schemaType, validate } of Object.values(corrections?.keywords ?? {})) {
    ajv.removeKeyword(name);
    ajv.addKeyword({ keyword: name, type, schemaType, validate });
  }
  return ajv.compile(schema);
}

/** A verdict with its errors and their sorted, de-duplicated "instancePath keyword" pairs. */
export interface Outcome {
  valid: boolean;
  errors: ErrorLike[];
  pairs: string[];
}

export function outcomeOf(valid: boolean, errors: readonly ErrorLike[]): Outcome {
  const pairs = [...new Set(errors.map((error) => pairKey(error.instancePath, error.keyword)))].sort();
  return { valid, errors: [...errors], pairs };
}

export function pairKey(instancePath: string, keyword: string): string {
  return JSON.stringify([instancePath, keyword]);
}

export function parsePair(pair: string): { instancePath: string; keyword: string } {
  const [instancePath, keyword] = JSON.parse(pair) as [string, string];
  return { instancePath, keyword };
}

export function ajvOutcome(validate: AjvValidate, data: Json): Outcome {
  const valid = validate(data);
  return outcomeOf(valid, valid ? [] : (validate.errors ?? []));
}

/** One pair that only one side reports. */
export interface DiffPair {
  instancePath: string;
  keyword: string;
  /** Who reports it. */
  side: "ours" | "ajv";
  /** The schemaPaths of that side's errors with this pair. */
  schemaPaths: string[];
}

/** The pairs only one side reports; undefined when the two agree. */
export function disagreement(ours: Outcome, ajv: Outcome): DiffPair[] | undefined {
  if (ours.valid === ajv.valid && (ours.valid || sameList(ours.pairs, ajv.pairs))) return undefined;
  const only = (side: "ours" | "ajv", mine: Outcome, theirs: Outcome): DiffPair[] => {
    const other = new Set(theirs.pairs);
    return mine.pairs
      .filter((pair) => !other.has(pair))
      .map((pair) => {
        const { instancePath, keyword } = parsePair(pair);
        const schemaPaths = mine.errors
          .filter((error) => error.instancePath === instancePath && error.keyword === keyword)
          .map((error) => decodeURIComponent(error.schemaPath ?? ""));
        return { instancePath, keyword, side, schemaPaths };
      });
  };
  return [...only("ours", ours, ajv), ...only("ajv", ajv, ours)];
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}

/** A short, stable description of a disagreement: the keywords only one side reports. */
export function signature(diff: readonly DiffPair[]): string {
  return [...new Set(diff.map((pair) => `${pair.side === "ours" ? "+" : "-"}${pair.keyword}`))].sort().join(" ");
}
