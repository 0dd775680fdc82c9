import { CodegenError, inPlaces, type CodegenWarning } from "./errors.js";
import { appendPointer } from "./json-pointer.js";
import { atLeast, type Dialect } from "./dialect.js";
import { patternFlags, PATTERNS_WITHOUT_UNICODE } from "./patterns.js";
import { METASCHEMA_VALIDATORS } from "./metaschema-validators/dialects.js";
import { inAnnotationList, isKnownKeyword, keywordDefinition, keywordsWhere, TOOL_ANNOTATIONS } from "./keywords.js";
import type { SchemaDocument } from "./load.js";
import { backtrackingRisk } from "./redos.js";
import { isSchema, isSchemaObject, type SchemaObject } from "./schema-walk.js";

const JSON_TYPES = new Set(["object", "array", "string", "number", "integer", "boolean", "null"]);

/** The shape the registry gives each keyword's value; `undefined` when the value has it. */
function shapeProblem(keyword: string, value: unknown): string | undefined {
  const definition = keywordDefinition(keyword);
  switch (definition?.subschemas) {
    case "map":
      return isSchemaObject(value) && Object.values(value).every(isSchema) ? undefined : "must be an object whose values are schemas";
    case "list":
      return Array.isArray(value) && value.length > 0 && value.every(isSchema) ? undefined : "must be a non-empty array of schemas";
    case "schema":
      return isSchema(value) ? undefined : "must be a schema (an object or a boolean)";
    case "schema-or-list":
      return isSchema(value) || (Array.isArray(value) && value.every(isSchema)) ? undefined : "must be a schema or an array of schemas";
  }
  switch (definition?.shape) {
    case "type": {
      const types = Array.isArray(value) ? value : [value];
      return types.length > 0 && types.every((type) => typeof type === "string" && JSON_TYPES.has(type))
        ? undefined
        : `must be one of ${[...JSON_TYPES].join(", ")}, or a non-empty array of them`;
    }
    case "required":
      return Array.isArray(value) && value.every((name) => typeof name === "string") && new Set(value).size === value.length
        ? undefined
        : "must be an array of unique property names";
    case "enum":
      return Array.isArray(value) ? undefined : "must be an array of allowed values";
    case "string":
      return typeof value === "string" ? undefined : "must be a string";
  }
  return undefined;
}

const SPEC_HINT = "Fix the schema: see https://json-schema.org/understanding-json-schema/reference.";

/** A keyword value the validator compiler cannot read: the message, the hint, and the tokens below the keyword. */
interface ValueProblem {
  message: string;
  hint: string;
  below?: readonly string[];
}

const NON_NEGATIVE_INTEGERS = new Set(keywordsWhere((definition) => definition.shape === "non-negative-integer"));

function isNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

function notNumber(keyword: string, value: unknown, hint = SPEC_HINT): ValueProblem {
  return { message: `"${keyword}" must be a number, not ${JSON.stringify(value)}`, hint };
}

/** The numeric keywords' values in `dialect`: bounds, exclusive bounds (booleans up to draft-04), `multipleOf`. */
function numericProblem(keyword: string, value: unknown, dialect: Dialect): ValueProblem | undefined {
  if (NON_NEGATIVE_INTEGERS.has(keyword)) {
    if (isNumber(value) && Number.isInteger(value) && value >= 0) return undefined;
    return { message: `"${keyword}" must be a non-negative integer, not ${JSON.stringify(value)}`, hint: SPEC_HINT };
  }
  if (keyword === "minimum" || keyword === "maximum") return isNumber(value) ? undefined : notNumber(keyword, value);
  if (keyword === "multipleOf") {
    if (!isNumber(value)) return notNumber(keyword, value);
    return value > 0 ? undefined : { message: `"multipleOf" must be greater than 0, not ${value}`, hint: "Use a positive divisor." };
  }
  if (keyword !== "exclusiveMinimum" && keyword !== "exclusiveMaximum") return undefined;
  const bound = keyword === "exclusiveMinimum" ? "minimum" : "maximum";
  if (atLeast(dialect, "draft-06")) {
    const hint = `A boolean "${keyword}" is draft-04: add "$schema": "http://json-schema.org/draft-04/schema#", or write "${keyword}": <limit>.`;
    return isNumber(value) ? undefined : notNumber(keyword, value, hint);
  }
  if (typeof value === "boolean") return undefined;
  return {
    message: `"${keyword}" must be a boolean in draft-04, not ${JSON.stringify(value)}`,
    hint: `A numeric "${keyword}" needs draft-06 or later: set "$schema" accordingly, or write "${bound}" with "${keyword}": true.`,
  };
}

/** Why a pattern is invalid in its dialect. */
function patternProblem(pattern: string, dialect: Dialect): ValueProblem {
  let reason = "";
  try {
    new RegExp(pattern, "u");
  } catch (error) {
    reason = (error as Error).message;
  }
  return {
    message: `invalid regular expression ${JSON.stringify(pattern)}: ${reason}`,
    hint: PATTERNS_WITHOUT_UNICODE.has(dialect)
      ? "Patterns are ECMA-262 regular expressions: check the syntax."
      : 'Patterns are ECMA-262 regular expressions with the "u" (Unicode) flag: escape only characters that need it and check the syntax.',
  };
}

/** The patterns of a schema object (`pattern`, `patternProperties`' keys), each with the tokens that lead to it. */
function patternsOf(schema: SchemaObject): Array<{ pattern: string; tokens: string[] }> {
  const patterns: Array<{ pattern: string; tokens: string[] }> = [];
  if (typeof schema["pattern"] === "string") patterns.push({ pattern: schema["pattern"], tokens: ["pattern"] });
  const patternProperties = schema["patternProperties"];
  if (isSchemaObject(patternProperties))
    for (const key of Object.keys(patternProperties)) patterns.push({ pattern: key, tokens: ["patternProperties", key] });
  return patterns;
}

function namesProblem(path: string, value: unknown, what = "an array of property names"): ValueProblem | undefined {
  return Array.isArray(value) && value.every((item) => typeof item === "string")
    ? undefined
    : { message: `"${path}" must be ${what}`, hint: SPEC_HINT };
}

/** `dependentRequired` (2019-09 on) and `dependencies`: objects of property name arrays (and, for `dependencies`, schemas). */
function dependencyProblem(keyword: string, value: unknown): ValueProblem | undefined {
  if (!isSchemaObject(value)) {
    const hint =
      keyword === "dependencies"
        ? "Map each property name to required names or a schema."
        : "Map each property name to the names it requires.";
    return { message: `"${keyword}" must be an object`, hint };
  }
  for (const [property, member] of Object.entries(value)) {
    const problem =
      keyword === "dependencies" && !Array.isArray(member)
        ? isSchema(member)
          ? undefined
          : namesProblem(`${keyword}/${property}`, member, "an array of property names or a schema")
        : namesProblem(`${keyword}/${property}`, member);
    if (problem !== undefined) return { ...problem, below: [property] };
  }
  return undefined;
}

/** What the validator compiler could not read in a keyword's value, in `dialect`. */
function valueProblem(keyword: string, value: unknown, dialect: Dialect): ValueProblem | undefined {
  switch (keyword) {
    case "uniqueItems":
      return typeof value === "boolean" ? undefined : { message: '"uniqueItems" must be a boolean', hint: "Write true or false." };
    case "items":
      if (dialect !== "2020-12" || !Array.isArray(value)) return undefined;
      return {
        message: '"items" as an array (tuple validation) is not 2020-12: use "prefixItems"',
        hint: 'Write the tuple as "prefixItems" (and the schema of later items as "items"), or declare an older dialect, e.g. "$schema": "http://json-schema.org/draft-07/schema#".',
      };
    case "dependentRequired":
      return atLeast(dialect, "2019-09") ? dependencyProblem(keyword, value) : undefined;
    case "dependencies":
      return dependencyProblem(keyword, value);
    case "minContains":
    case "maxContains":
      return atLeast(dialect, "2019-09") ? numericProblem(keyword, value, dialect) : undefined;
    default:
      return numericProblem(keyword, value, dialect);
  }
}

/**
 * Checks that the validator compiler can read every keyword it reads of one schema object, in its
 * dialect, so that the compiler can trust its input and the metaschema check, which runs next,
 * only sees what codegen has no better word for. `ignored` keywords (turned off by a custom
 * metaschema's `$vocabulary`) mean nothing and are not checked. Each problem is an error in `findings`.
 */
export function lintValues(
  schema: SchemaObject,
  document: SchemaDocument,
  pointer: string,
  dialect: Dialect,
  ignored: ReadonlySet<string>,
  findings: LintFindings,
): void {
  for (const [keyword, value] of Object.entries(schema)) {
    if (ignored.has(keyword)) continue;
    const problem = valueProblem(keyword, value, dialect);
    if (problem !== undefined) {
      findings.errors.push(
        new CodegenError(problem.message, {
          file: document.displayPath,
          pointer: appendPointer(pointer, keyword, ...(problem.below ?? [])),
          hint: problem.hint,
        }),
      );
    }
  }
  for (const { pattern, tokens } of patternsOf(schema)) {
    if (ignored.has(tokens[0]!)) continue;
    const flags = patternFlags(pattern, dialect);
    if (flags === undefined) {
      const { message, hint } = patternProblem(pattern, dialect);
      findings.errors.push(new CodegenError(message, { file: document.displayPath, pointer: appendPointer(pointer, ...tokens), hint }));
    }
    if (flags !== "") continue;
    const subject = `the pattern ${JSON.stringify(pattern)} is not valid with the "u" (Unicode) flag`;
    findings.warn(`unicode\0${pattern}`, () => ({
      file: document.displayPath,
      pointer: appendPointer(pointer, ...tokens),
      message: `${subject}: it is compiled without the flag, as ${dialect} allows`,
      strictMessage: `${subject}, which is not allowed in strict mode`,
      hint: "Escape only characters that need it (e.g. _ instead of \\_), so that the pattern means the same in every dialect.",
    }));
  }
}

/**
 * Validates a schema against its dialect's metaschema, with the validators codegen generated for
 * the metaschemas (src/metaschema-validators/, `npm run metaschemas`). Reports the deepest error:
 * the one closest to what must change.
 */
export async function checkAgainstMetaschema(document: SchemaDocument, pointer: string, schema: unknown, dialect: Dialect): Promise<void> {
  if (dialect === "openapi-3.0") return;
  const result = (await METASCHEMA_VALIDATORS[dialect]())(schema);
  if (result.valid) return;
  const error = result.errors.reduce((deepest, candidate) =>
    candidate.instancePath.split("/").length > deepest.instancePath.split("/").length ? candidate : deepest,
  );
  const params = Object.keys(error.params).length === 0 ? "" : ` (${JSON.stringify(error.params)})`;
  throw new CodegenError(`the schema does not match the ${dialect} metaschema: ${error.message}${params}`, {
    file: document.displayPath,
    pointer: pointer + error.instancePath,
    hint: `Fix the value there; see the ${dialect} specification, or declare another dialect with "$schema".`,
  });
}

function shapeError(document: SchemaDocument, pointer: string, keyword: string, value: unknown, problem: string): CodegenError {
  const shown = JSON.stringify(value);
  return new CodegenError(`"${keyword}" ${problem}, not ${shown.length > 60 ? `${shown.slice(0, 60)}…` : shown}`, {
    file: document.displayPath,
    pointer: appendPointer(pointer, keyword),
    hint: "Fix the schema: see https://json-schema.org/understanding-json-schema/reference.",
  });
}

/** The warning for a pattern whose matching can take exponential time (see src/redos.ts), if it is one. */
function backtrackingWarning(document: SchemaDocument, pointer: string, pattern: string): CodegenWarning | undefined {
  const risk = backtrackingRisk(pattern);
  if (risk === undefined) return undefined;
  const subject = `the pattern ${JSON.stringify(pattern)}`;
  const text = (value: string): string =>
    value.length > 40 ? `${JSON.stringify(value.slice(0, 40))}… (${value.length} characters)` : JSON.stringify(value);
  const cause =
    risk.kind === "ambiguous"
      ? `can match ${text(risk.text)} in more than one way inside a repetition`
      : "repeats a group that holds a repetition or an alternation";
  return {
    file: document.displayPath,
    pointer,
    message: `${subject} ${cause}: matching it can take exponential time on hostile input`,
    strictMessage: `${subject} can take exponential time on hostile input, which is not allowed in strict mode`,
    hint: "Write it so that each iteration can only start where the previous one must end (^[a-z]+(-[a-z]+)*$ instead of ^([a-z]+-?)*$).",
  };
}

/**
 * What linting a run's schemas found: every error, and each warning once (an unknown keyword, a
 * slow pattern) with the number of places it occurs and the first of them.
 */
export class LintFindings {
  private readonly warningsByKey = new Map<string, CodegenWarning>();

  /**
   * @param annotations Keywords to ignore without a warning, besides the built-in TOOL_ANNOTATIONS (`*` ends a prefix).
   * @param errors Where errors go: a walk whose warnings do not count still reports its errors.
   */
  constructor(
    readonly annotations: readonly string[] = [],
    readonly errors: CodegenError[] = [],
  ) {}

  /** Records a warning under `key`; a key seen before only counts one more occurrence. */
  warn(key: string, warning: () => CodegenWarning): void {
    const seen = this.warningsByKey.get(key);
    if (seen !== undefined) seen.count = (seen.count ?? 1) + 1;
    else this.warningsByKey.set(key, warning());
  }

  /** The warnings in the order they were first seen, each saying how often it occurs. */
  get warnings(): CodegenWarning[] {
    return [...this.warningsByKey.values()].map((warning) => {
      const { count } = warning;
      if (count === undefined) return warning;
      return { ...warning, message: inPlaces(warning.message, count), strictMessage: inPlaces(warning.strictMessage, count) };
    });
  }
}

function isAnnotation(keyword: string, findings: LintFindings): boolean {
  return inAnnotationList(keyword, TOOL_ANNOTATIONS) || inAnnotationList(keyword, findings.annotations);
}

/**
 * Lints one schema object (the resolver's walk calls it for each, before anything reads the
 * schema). Keywords codegen reads must have values of the right shape, else an error at the
 * keyword, so that no later stage breaks on it; the rest are warnings.
 */
export function lintSchema(schema: SchemaObject, document: SchemaDocument, pointer: string, findings: LintFindings): void {
  for (const keyword of Object.keys(schema)) {
    const value = schema[keyword];
    const problem = shapeProblem(keyword, value);
    if (problem !== undefined) findings.errors.push(shapeError(document, pointer, keyword, value, problem));
    else if (!isKnownKeyword(keyword) && !isAnnotation(keyword, findings)) {
      findings.warn(`keyword\0${keyword}`, () => ({
        file: document.displayPath,
        pointer: appendPointer(pointer, keyword),
        message: `unknown keyword "${keyword}" ignored`,
        strictMessage: `unknown keyword "${keyword}" is not allowed in strict mode`,
        hint: 'Correct or remove the keyword; name extensions x-…, or list annotation keywords in the config\'s "annotations".',
      }));
    }
  }
  for (const { pattern, tokens } of patternsOf(schema)) {
    const warning = backtrackingWarning(document, appendPointer(pointer, ...tokens), pattern);
    if (warning !== undefined) findings.warn(`pattern\0${pattern}`, () => warning);
  }
}
