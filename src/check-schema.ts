import { CodegenError, type CodegenWarning } from "./errors.js";
import { appendPointer } from "./json-pointer.js";
import type { Dialect } from "./dialect.js";
import { METASCHEMA_VALIDATORS } from "./metaschema-validators/dialects.js";
import { isKnownKeyword, keywordDefinition } from "./keywords.js";
import type { SchemaDocument } from "./load.js";
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

/**
 * Validates a schema against its dialect's metaschema, with the validators codegen generated for
 * the metaschemas (src/metaschema-validators/, `npm run metaschemas`). Reports the deepest error:
 * the one closest to what must change.
 */
export function checkAgainstMetaschema(document: SchemaDocument, pointer: string, schema: unknown, dialect: Dialect): void {
  if (dialect === "openapi-3.0") return;
  const result = METASCHEMA_VALIDATORS[dialect](schema);
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

/** Whether the quantifier at `index` of a pattern repeats without bound (`*`, `+`, `{n,}`). */
function unboundedQuantifierAt(pattern: string, index: number): boolean {
  const char = pattern[index];
  if (char === "*" || char === "+") return true;
  return char === "{" && /^\{\d+,\}/.test(pattern.slice(index));
}

/**
 * Whether a regular expression has a repeated group that itself repeats something without bound,
 * such as `(a+)+` or `([a-z]+-?)*`: on a long input that almost matches, backtracking through
 * such nesting takes exponential time. The rule is syntactic (star height above one), so it also
 * flags some harmless patterns; it never misses this shape.
 */
export function hasNestedRepetition(pattern: string): boolean {
  const groups: boolean[] = [];
  let repeatsInside = false;
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index];
    if (char === "\\") index++;
    else if (char === "[") {
      for (index++; index < pattern.length && pattern[index] !== "]"; index++) if (pattern[index] === "\\") index++;
    } else if (char === "(") {
      groups.push(repeatsInside);
      repeatsInside = false;
    } else if (char === ")") {
      const inner: boolean = repeatsInside;
      repeatsInside = groups.pop() ?? false;
      if (unboundedQuantifierAt(pattern, index + 1)) {
        if (inner) return true;
        repeatsInside = true;
      } else repeatsInside ||= inner;
    } else if (unboundedQuantifierAt(pattern, index)) repeatsInside = true;
  }
  return false;
}

function shapeError(document: SchemaDocument, pointer: string, keyword: string, value: unknown, problem: string): CodegenError {
  const shown = JSON.stringify(value);
  return new CodegenError(`"${keyword}" ${problem}, not ${shown.length > 60 ? `${shown.slice(0, 60)}…` : shown}`, {
    file: document.displayPath,
    pointer: appendPointer(pointer, keyword),
    hint: "Fix the schema: see https://json-schema.org/understanding-json-schema/reference.",
  });
}

function backtrackingWarning(document: SchemaDocument, pointer: string, pattern: string): CodegenWarning {
  return {
    file: document.displayPath,
    pointer,
    message: `the pattern ${JSON.stringify(pattern)} repeats a group that repeats: matching it can take exponential time on hostile input`,
    hint: "Write it without a repetition inside a repeated group (^[a-z]+$ instead of ^([a-z]+)+$).",
  };
}

/** What linting a document's schemas found, in the order it reports them. */
export interface LintFindings {
  /** Keywords no dialect defines (typos such as `requried`, ignored as the specification says). */
  unknown: CodegenWarning[];
  /** `pattern` and `patternProperties` expressions that may backtrack catastrophically (see hasNestedRepetition). */
  backtracking: CodegenWarning[];
}

/**
 * Lints one schema object (the resolver's walk calls it for each, before anything reads the
 * schema). Keywords codegen reads must have values of the right shape, else a CodegenError at the
 * keyword, instead of a later stage breaking; the rest are warnings.
 */
export function lintSchema(schema: SchemaObject, document: SchemaDocument, pointer: string, findings: LintFindings): void {
  for (const keyword of Object.keys(schema)) {
    const value = schema[keyword];
    const problem = shapeProblem(keyword, value);
    if (problem !== undefined) throw shapeError(document, pointer, keyword, value, problem);
    if (!isKnownKeyword(keyword)) {
      findings.unknown.push({
        file: document.displayPath,
        pointer: appendPointer(pointer, keyword),
        message: `unknown keyword "${keyword}" ignored`,
        hint: "Correct or remove the keyword (name extensions x-…).",
      });
    }
  }
  const pattern = schema["pattern"];
  if (typeof pattern === "string" && hasNestedRepetition(pattern)) {
    findings.backtracking.push(backtrackingWarning(document, appendPointer(pointer, "pattern"), pattern));
  }
  const patternProperties = schema["patternProperties"];
  if (isSchemaObject(patternProperties)) {
    for (const key of Object.keys(patternProperties)) {
      if (hasNestedRepetition(key))
        findings.backtracking.push(backtrackingWarning(document, appendPointer(pointer, "patternProperties", key), key));
    }
  }
}
