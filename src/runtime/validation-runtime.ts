/*
 * Run-time support for codegen's validators: result and error types, Standard Schema v1, format
 * checks. codegen copies this file into the output directory as `_runtime.ts` (compiled, as
 * `_runtime.js` and `_runtime.d.ts`), so generated code imports nothing from outside that directory.
 */

/** One failed check, in ajv's shape. */
export interface ValidationError {
  /** JSON pointer to the failing value inside the validated data (`""` is the whole value). */
  instancePath: string;
  /** JSON pointer (as a URI fragment) to the failing keyword inside its schema document. */
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message: string;
}

export type ValidationResult<T> =
  { valid: true; value: T } | { valid: false; errors: ValidationError[] };

/**
 * The first error of each failing `oneOf`/`anyOf`'s alternatives (null when they reported none),
 * as the validator recorded it: formatErrors groups them by it, as an error itself does not say
 * where its alternatives' errors start (those reached through a `$ref` have the target's paths).
 */
const firstAlternativeErrors = /* @__PURE__ */ new WeakMap<
  ValidationError,
  ValidationError | null
>();

/**
 * Appends a failure of `keyword` to `errors`. `schemaPath` is the failing subschema's: the keyword's
 * own path is that plus the keyword, except for a `false` schema, whose path is its own. For a
 * `oneOf`/`anyOf`, `alternativesFrom` is the index in `errors` where its alternatives' errors start.
 */
export function pushError(
  errors: ValidationError[],
  keyword: string,
  params: Record<string, unknown>,
  instancePath: string,
  schemaPath: string,
  alternativesFrom?: number,
): void {
  const error: ValidationError = {
    instancePath,
    schemaPath:
      keyword === "false schema" ? schemaPath : `${schemaPath}/${keyword}`,
    keyword,
    params,
    message: errorMessage(keyword, params),
  };
  if (alternativesFrom !== undefined)
    firstAlternativeErrors.set(error, errors[alternativesFrom] ?? null);
  errors.push(error);
}

/**
 * `pushError` for a `type` failure of the property `token` (a JSON pointer token) of the object at
 * `instancePath`, validated by the subschema at `schemaPath` + `/properties/` + `token`: the
 * commonest error, written in one short call. `type` is the types joined with commas; `params.type`
 * is ajv's, the type or the list of them.
 */
export function typeError(
  errors: ValidationError[],
  type: string,
  instancePath: string,
  schemaPath: string,
  token: string,
): void {
  pushError(
    errors,
    "type",
    { type: type.includes(",") ? type.split(",") : type },
    `${instancePath}/${token}`,
    `${schemaPath}/properties/${token}`,
  );
}

/** A param that a message names: a string or a number. */
function paramText(params: Record<string, unknown>, name: string): string {
  return String(params[name]);
}

/** ajv's message for a failure of `keyword` with `params`. */
export function errorMessage(
  keyword: string,
  params: Record<string, unknown>,
): string {
  switch (keyword) {
    case "type":
      return `must be ${paramText(params, "type")}`;
    case "required":
      return `must have required property '${paramText(params, "missingProperty")}'`;
    case "format":
      return `must match format "${paramText(params, "format")}"`;
    case "pattern":
      return `must match pattern "${paramText(params, "pattern")}"`;
    case "enum":
      return "must be equal to one of the allowed values";
    case "const":
      return "must be equal to constant";
    case "minLength":
      return `must NOT have fewer than ${paramText(params, "limit")} characters`;
    case "maxLength":
      return `must NOT have more than ${paramText(params, "limit")} characters`;
    case "minItems":
      return `must NOT have fewer than ${paramText(params, "limit")} items`;
    case "maxItems":
    case "items":
    case "additionalItems":
    case "unevaluatedItems":
      return `must NOT have more than ${paramText(params, "limit")} items`;
    case "minProperties":
      return `must NOT have fewer than ${paramText(params, "limit")} properties`;
    case "maxProperties":
      return `must NOT have more than ${paramText(params, "limit")} properties`;
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum":
      return `must be ${paramText(params, "comparison")} ${paramText(params, "limit")}`;
    case "multipleOf":
      return `must be multiple of ${paramText(params, "multipleOf")}`;
    case "additionalProperties":
      return "must NOT have additional properties";
    case "unevaluatedProperties":
      return "must NOT have unevaluated properties";
    case "propertyNames":
      return "property name must be valid";
    case "dependentRequired":
    case "dependencies":
      return `must have ${params["depsCount"] === 1 ? "property" : "properties"} ${paramText(params, "deps")} when property ${paramText(params, "property")} is present`;
    case "uniqueItems":
      return `must NOT have duplicate items (items ## ${paramText(params, "j")} and ${paramText(params, "i")} are identical)`;
    case "contains":
      return params["maxContains"] === undefined
        ? `must contain at least ${paramText(params, "minContains")} valid item(s)`
        : `must contain at least ${paramText(params, "minContains")} and no more than ${paramText(params, "maxContains")} valid item(s)`;
    case "anyOf":
      return "must match a schema in anyOf";
    case "oneOf":
      return "must match exactly one schema in oneOf";
    case "not":
      return "must NOT be valid";
    case "if":
      return `must match "${paramText(params, "failingKeyword")}" schema`;
    case "false schema":
      return "boolean schema is false";
    default:
      return `must pass "${keyword}" keyword validation`;
  }
}

/**
 * `errors` as text for people: one line per error, `/path/to/field: message` (`(root)` for the whole
 * value) with what the message does not name of its `params` (the property, the allowed values),
 * identical lines once, the most relevant first, and at most `maxLines` lines: the last one then
 * counts the errors left out. A failing `oneOf`/`anyOf` comes after the errors of its closest
 * alternative (`alternativesOf`, `rankAlternatives`), and the errors of its other alternatives after
 * every other error.
 */
export function formatErrors(
  errors: readonly ValidationError[],
  options: { maxLines?: number } = {},
): string {
  const { primary, demoted } = errorLines(errorTree(errors));
  const counts = new Map<string, number>();
  for (const line of [...primary, ...demoted])
    counts.set(line, (counts.get(line) ?? 0) + 1);
  const lines = [...counts.keys()];
  // NaN would show nothing; a fraction means its whole part.
  const requested = options.maxLines ?? 20;
  const maxLines = Number.isNaN(requested)
    ? 20
    : Math.max(Math.floor(requested), 1);
  if (lines.length <= maxLines) return lines.join("\n");
  const shown = lines.slice(0, maxLines - 1);
  const left = shown.reduce(
    (sum, line) => sum - counts.get(line)!,
    errors.length,
  );
  // At least two lines are left out, so at least two errors.
  return [...shown, `… and ${left} more errors`].join("\n");
}

/** An error; for a failing `oneOf`/`anyOf`, with its alternatives' errors. */
interface ErrorNode {
  error: ValidationError;
  alternatives: Alternative[];
  /** The index in the error list of the node's first error, its alternatives' included. */
  start: number;
}

/** The errors of one alternative of a `oneOf`/`anyOf`, and its schema path when it is known. */
interface Alternative {
  label: string | undefined;
  nodes: ErrorNode[];
}

/**
 * The errors as trees: a failing `oneOf`/`anyOf` holds the errors just before it (its alternatives
 * are collected first), from the first one its validator recorded (`pushError`). For errors not
 * recorded (ajv's, or a list that lost that error), they are guessed (`guessedAlternatives`).
 */
function errorTree(errors: readonly ValidationError[]): ErrorNode[] {
  const nodes: ErrorNode[] = [];
  const indexes = new Map(errors.map((error, index) => [error, index]));
  errors.forEach((error, index) => {
    const alternatives =
      error.keyword === "oneOf" || error.keyword === "anyOf"
        ? alternativesOf(
            nodes.splice(alternativesStart(nodes, error, index, indexes)),
            error,
          )
        : [];
    nodes.push({
      error,
      alternatives,
      start: alternatives[0]?.nodes[0]?.start ?? index,
    });
  });
  return nodes;
}

/** Where the alternatives of the `oneOf`/`anyOf` error at `index` start among `nodes`: as recorded, else guessed. */
function alternativesStart(
  nodes: readonly ErrorNode[],
  combinator: ValidationError,
  index: number,
  indexes: ReadonlyMap<ValidationError, number>,
): number {
  const first = firstAlternativeErrors.get(combinator);
  if (first === null) return nodes.length;
  const firstIndex = first === undefined ? undefined : indexes.get(first);
  if (firstIndex === undefined || firstIndex >= index)
    return guessedAlternatives(nodes, combinator);
  let from = nodes.length;
  while (from > 0 && nodes[from - 1]!.start >= firstIndex) from--;
  return from;
}

/**
 * Where the alternatives of a `oneOf`/`anyOf` error start among `nodes` when no validator recorded
 * it: the errors just before it that are at or below its instance path and either under its schema
 * path (`…/oneOf/3/…`) or reached by an alternative's `$ref`: in another schema resource, or in its
 * own resource's root applied at the combinator's instance path (a recursive schema), unless the
 * combinator is that root's own keyword. The errors of its alternative 0 come first: none before
 * them are its. Any other error ends them.
 */
function guessedAlternatives(
  nodes: readonly ErrorNode[],
  combinator: ValidationError,
): number {
  const { instancePath, schemaPath } = combinator;
  const { resource, keywords } = splitSchemaPath(schemaPath);
  const depth = depthOf(instancePath);
  let start = nodes.length;
  let first: number | undefined;
  while (start > 0) {
    const before = nodes[start - 1]!.error;
    const below =
      before.instancePath === instancePath ||
      before.instancePath.startsWith(`${instancePath}/`);
    const inline = inlineAlternative(before.schemaPath, schemaPath);
    const frame = errorFrame(before);
    const reached =
      frame.resource !== resource ||
      (keywords.length > 1 && frame.depth === depth);
    if (!below || (inline === undefined && !reached)) break;
    start--;
    if (inline === `${schemaPath}/0`) first = start;
  }
  return first ?? start;
}

/** The schema path of the alternative of the combinator at `combinatorPath` that `schemaPath` is in (`…/oneOf/3`), if any. */
function inlineAlternative(
  schemaPath: string,
  combinatorPath: string,
): string | undefined {
  const prefix = `${combinatorPath}/`;
  if (!schemaPath.startsWith(prefix)) return undefined;
  return prefix + schemaPath.slice(prefix.length).split("/")[0]!;
}

/**
 * A schema path as the schema resource it is in (what a `$ref` reaches: `#`, `#/definitions/X`,
 * `#/$defs/X`, `#/components/schemas/X`) and the keywords from there to the failing one.
 */
function splitSchemaPath(schemaPath: string): {
  resource: string;
  keywords: string[];
} {
  const hash = schemaPath.indexOf("#") + 1;
  const tokens = schemaPath.slice(hash).split("/").slice(1);
  let length = 0;
  for (;;) {
    const token = tokens[length];
    if (token === "definitions" || token === "$defs") length += 2;
    else if (token === "components") length += 3;
    else break;
  }
  const resource = ["", ...tokens.slice(0, length)].join("/");
  return {
    resource: schemaPath.slice(0, hash) + resource,
    keywords: tokens.slice(length),
  };
}

/**
 * The schema resource an error is in, and the depth of the instance its root applied to
 * (`undefined` when its schema path from the root is not one of keywords).
 */
function errorFrame(error: ValidationError): {
  resource: string;
  depth: number | undefined;
} {
  const { resource, keywords } = splitSchemaPath(error.schemaPath);
  const below = memberDepth(keywords, error.keyword === "false schema");
  return {
    resource,
    depth:
      below === undefined ? undefined : depthOf(error.instancePath) - below,
  };
}

/** The number of tokens of a JSON pointer. */
function depthOf(instancePath: string): number {
  let depth = 0;
  for (let at = instancePath.indexOf("/"); at !== -1; depth++)
    at = instancePath.indexOf("/", at + 1);
  return depth;
}

/**
 * How many instance path tokens the subschemas on a schema path step down (`keywords`, from a schema
 * to a failing keyword, or to a `false` schema when `toSchema`): one for the subschema of a member
 * (`properties/x`, `items`, …), none for one in place (`allOf/0`, `not`, …). `undefined` when it is
 * not a path of keywords.
 */
function memberDepth(
  keywords: readonly string[],
  toSchema: boolean,
): number | undefined {
  let depth = 0;
  const end = toSchema ? keywords.length : keywords.length - 1;
  for (let index = 0; index < end; index++) {
    const keyword = keywords[index]!;
    // A name or index follows these; before 2020-12, `items` can be a list: `items/0`.
    const named =
      /^(?:properties|patternProperties|prefixItems|allOf|anyOf|oneOf|dependentSchemas|dependencies)$/.test(
        keyword,
      ) ||
      (keyword === "items" && /^\d+$/.test(keywords[index + 1] ?? ""));
    if (named) index++;
    if (
      /^(?:properties|patternProperties|prefixItems|items|contains|(?:additional|unevaluated)(?:Items|Properties))$/.test(
        keyword,
      )
    )
      depth++;
    else if (!named && !/^(?:not|if|then|else|propertyNames)$/.test(keyword))
      return undefined;
  }
  return depth;
}

/**
 * The alternatives of a failing `oneOf`/`anyOf`, from its errors (`nodes`): an inline alternative's
 * errors are those under its schema path (`…/oneOf/3`); a `$ref`'s, those of the resource it
 * reaches, applied at the combinator's instance path (`#/definitions/X`), with the errors of the
 * resources it reaches in turn, deeper, that lie between them. A run of those deeper errors with no
 * alternative around it is an alternative of its own, without a schema path.
 */
function alternativesOf(
  nodes: readonly ErrorNode[],
  combinator: ValidationError,
): Alternative[] {
  const depth = depthOf(combinator.instancePath);
  const labels = nodes.map(({ error }) => {
    const inline = inlineAlternative(error.schemaPath, combinator.schemaPath);
    if (inline !== undefined) return inline;
    const frame = errorFrame(error);
    return frame.depth === depth ? frame.resource : undefined;
  });
  const alternatives: Alternative[] = [];
  const byLabel = new Map<string, Alternative>();
  for (let start = 0; start < nodes.length;) {
    let end = start + 1;
    while (end < nodes.length && labels[end] === labels[start]) end++;
    const around = labels[start - 1];
    const label =
      labels[start] ?? (around === labels[end] ? around : undefined);
    const run = nodes.slice(start, end);
    const alternative = label === undefined ? undefined : byLabel.get(label);
    if (alternative !== undefined) appendAll(alternative.nodes, run);
    else {
      alternatives.push({ label, nodes: run });
      if (label !== undefined) byLabel.set(label, alternatives.at(-1)!);
    }
    start = end;
  }
  return alternatives;
}

/** A `const` or `enum` failure: the value is not one the schema allows. */
function isValueMismatch({ keyword }: ValidationError): boolean {
  return keyword === "const" || keyword === "enum";
}

/** A `const` failure, or an `enum` one of a single value: the value is not the one a tag allows. */
function isTagMismatch({ keyword, params }: ValidationError): boolean {
  const values = params["allowedValues"];
  return (
    keyword === "const" ||
    (keyword === "enum" && Array.isArray(values) && values.length === 1)
  );
}

/** The number of errors in `nodes`, with their alternatives'. */
function errorCount(nodes: readonly ErrorNode[]): number {
  return nodes.reduce(
    (count, { alternatives }) =>
      alternatives.reduce(
        (sum, alternative) => sum + errorCount(alternative.nodes),
        count + 1,
      ),
    0,
  );
}

/**
 * How plainly each alternative of a failing `oneOf`/`anyOf` rejects the value at its instance path,
 * by the plainest of its errors: 4 by its type (a `type` failure there), 3 by its value (`const`,
 * `enum`), 2 by a tag (a `const`, or `enum` of one value, failing at the discriminator: the property
 * of that value whose tag fails in the most alternatives, at least half of them, the first of a tie:
 * `"type": { "const": "Foo" }`), 1 by a missing `required` property, 0 not outright. A
 * `oneOf`/`anyOf` at the same instance path rejects the value as its least plain alternative does
 * when that is by type or value; otherwise the alternative holding it got past its own checks, 0.
 */
function rejections(
  alternatives: readonly Alternative[],
  combinator: ValidationError,
): number[] {
  const depth = depthOf(combinator.instancePath);
  const mismatches = new Map<string, number>();
  for (const { nodes } of alternatives) {
    const properties = new Set(
      nodes
        .map(({ error }) => error)
        .filter((error) => isTagMismatch(error))
        .filter((error) => depthOf(error.instancePath) === depth + 1)
        .map((error) => error.instancePath),
    );
    for (const property of properties)
      mismatches.set(property, (mismatches.get(property) ?? 0) + 1);
  }
  let discriminator: string | undefined;
  let most = (alternatives.length - 1) / 2;
  for (const [property, count] of mismatches)
    if (count > most) [discriminator, most] = [property, count];
  const rejection = ({ error, alternatives: inner }: ErrorNode): number => {
    if (inner.length > 0) {
      if (
        error.instancePath !== combinator.instancePath ||
        Array.isArray(error.params["passingSchemas"])
      )
        return 0;
      const least = Math.min(...rejections(inner, error));
      return least >= 3 ? least : 0;
    }
    if (error.instancePath === discriminator && isTagMismatch(error)) return 2;
    if (depthOf(error.instancePath) !== depth) return 0;
    if (error.keyword === "type") return 4;
    if (isValueMismatch(error)) return 3;
    return error.keyword === "required" ? 1 : 0;
  };
  return alternatives.map(({ nodes }) =>
    nodes.reduce((plainest, node) => Math.max(plainest, rejection(node)), 0),
  );
}

/**
 * The alternatives of a failing `oneOf`/`anyOf`, the one that got furthest first, and how many got
 * as far: the least plain rejection first (`rejections`), then the one whose shallowest error is
 * deepest, then the one with the fewest errors, then schema order.
 */
function rankAlternatives(
  alternatives: readonly Alternative[],
  combinator: ValidationError,
): { ranked: Alternative[]; ties: number } {
  const rejected = rejections(alternatives, combinator);
  const scores = new Map(
    alternatives.map(({ nodes }, index) => [
      alternatives[index]!,
      [
        rejected[index]!,
        -nodes.reduce(
          (shallowest, { error }) =>
            Math.min(shallowest, depthOf(error.instancePath)),
          Infinity,
        ),
        errorCount(nodes),
      ],
    ]),
  );
  const byScore = (a: Alternative, b: Alternative): number => {
    const [first, second] = [scores.get(a)!, scores.get(b)!];
    const index = first.findIndex((value, at) => value !== second[at]);
    return index === -1 ? 0 : first[index]! - second[index]!;
  };
  const ranked = [...alternatives].sort(byScore);
  const ties = ranked.filter((item) => byScore(item, ranked[0]!) === 0);
  return { ranked, ties: ties.length };
}

/** Lines of errors: the primary ones, and the demoted ones that go after every primary one. */
interface Lines {
  primary: string[];
  demoted: string[];
}

/**
 * The lines of `nodes`, as `formatErrors` orders them. Each error is a primary line, in order; a
 * failing `oneOf`/`anyOf` comes after the primary lines of the alternative that got furthest (when
 * one did, or those that did have the same lines), and the lines of the others are demoted, best
 * first. When several alternatives match, no failure of the others is the cause: all are demoted.
 */
function errorLines(nodes: readonly ErrorNode[]): Lines {
  const lines: Lines = { primary: [], demoted: [] };
  for (const { error, alternatives } of nodes) {
    if (
      alternatives.length === 0 ||
      Array.isArray(error.params["passingSchemas"])
    ) {
      lines.primary.push(errorLine(error, paramsDetail(error)));
      for (const { nodes: own } of alternatives) demote(lines, errorLines(own));
      continue;
    }
    const { ranked, ties } = rankAlternatives(alternatives, error);
    const rendered = ranked.map((alternative) => errorLines(alternative.nodes));
    const text = rendered.map(({ primary, demoted }) =>
      [...primary, ...demoted].join("\n"),
    );
    const leads = text.slice(1, ties).every((own) => own === text[0]);
    if (leads) {
      appendAll(lines.primary, rendered[0]!.primary);
      appendAll(lines.demoted, rendered[0]!.demoted);
    }
    const closest = leads && ties === 1 ? ranked[0]!.label : undefined;
    lines.primary.push(errorLine(error, noMatchDetail(ranked, closest)));
    for (const other of rendered.slice(leads ? 1 : 0)) demote(lines, other);
  }
  return lines;
}

/** Adds all of `other`'s lines to the demoted ones of `lines`. */
function demote(lines: Lines, other: Lines): void {
  appendAll(lines.demoted, other.primary);
  appendAll(lines.demoted, other.demoted);
}

/** Appends `items` to `list` one by one (spread arguments have a limit). */
function appendAll<T>(list: T[], items: readonly T[]): void {
  for (const item of items) list.push(item);
}

/**
 * What the line of a `oneOf`/`anyOf` that no alternative matches adds: of how many (when each
 * alternative's errors are told apart by schema path), and the closest one.
 */
function noMatchDetail(
  alternatives: readonly Alternative[],
  closest: string | undefined,
): string {
  const none = alternatives.every(({ label }) => label !== undefined)
    ? `none of ${alternatives.length} alternatives matches`
    : "no alternative matches";
  return ` (${none}${closest === undefined ? "" : `; closest: ${closest}`})`;
}

/** One error as a line, `detail` after its message; line breaks in names are escaped. */
function errorLine(error: ValidationError, detail: string): string {
  const path = error.instancePath === "" ? "(root)" : error.instancePath;
  return `${path}: ${error.message}${detail}`.replace(
    /[\n\r\u2028\u2029]/g,
    (character) =>
      `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/** What a line adds to an error's message from its params: the property or value it does not name. */
function paramsDetail({ keyword, params }: ValidationError): string {
  const named = (name: string): string =>
    params[name] === undefined ? "" : `: ${shortJson(params[name])}`;
  switch (keyword) {
    case "additionalProperties":
      return named("additionalProperty");
    case "unevaluatedProperties":
      return named("unevaluatedProperty");
    case "propertyNames":
      return named("propertyName");
    case "const":
      return named("allowedValue");
    case "oneOf": {
      const passing = params["passingSchemas"];
      return Array.isArray(passing)
        ? ` (alternatives ${passing.join(" and ")} match)`
        : "";
    }
    case "enum": {
      const values = params["allowedValues"];
      if (!Array.isArray(values)) return "";
      const more = values.length > 5 ? `, … ${values.length - 5} more` : "";
      return `: ${values.slice(0, 5).map(shortJson).join(", ")}${more}`;
    }
  }
  // The errors of a property name's subschema (`propertyNames`) name it.
  return params["propertyName"] === undefined
    ? ""
    : ` (property name ${shortJson(params["propertyName"])})`;
}

/** A value as JSON, cut to 40 characters. */
function shortJson(value: unknown): string {
  // JSON.stringify's type leaves out the undefined it returns for undefined, functions and symbols.
  const text = (JSON.stringify(value) as string | undefined) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

/**
 * Thrown by the generated `assertX` functions: its message is `formatErrors(errors)`, its `errors`
 * every error.
 */
export class SchemaValidationError extends Error {
  readonly errors: ValidationError[];

  constructor(typeName: string, errors: ValidationError[]) {
    super(
      `${typeName} is invalid:\n${formatErrors(errors).replace(/^/gm, "  ")}`,
    );
    this.name = "SchemaValidationError";
    this.errors = errors;
  }
}

/** The Standard Schema v1 interface (https://standardschema.dev), declared here to import nothing. */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  readonly "~standard": StandardSchemaV1.Props<Input, Output>;
}

export declare namespace StandardSchemaV1 {
  interface Props<Input = unknown, Output = Input> {
    readonly version: 1;
    readonly vendor: string;
    readonly validate: (
      value: unknown,
    ) => Result<Output> | Promise<Result<Output>>;
    readonly types?: Types<Input, Output> | undefined;
  }
  type Result<Output> = SuccessResult<Output> | FailureResult;
  interface SuccessResult<Output> {
    readonly value: Output;
    readonly issues?: undefined;
  }
  interface FailureResult {
    readonly issues: ReadonlyArray<Issue>;
  }
  interface Issue {
    readonly message: string;
    readonly path?: ReadonlyArray<PropertyKey | PathSegment> | undefined;
  }
  interface PathSegment {
    readonly key: PropertyKey;
  }
  interface Types<Input = unknown, Output = Input> {
    readonly input: Input;
    readonly output: Output;
  }
}

/** `/roles/0/name` → `["roles", 0, "name"]`. */
function pathSegments(instancePath: string): PropertyKey[] {
  if (instancePath === "") return [];
  return instancePath
    .slice(1)
    .split("/")
    .map((token) => {
      const key = token.replace(/~1/g, "/").replace(/~0/g, "~");
      return /^(0|[1-9][0-9]*)$/.test(key) ? Number(key) : key;
    });
}

/**
 * Whether an exception means validation ran out of call stack: data nested deeper than the
 * recursive validators can follow (thousands of levels). V8 and JavaScriptCore throw a RangeError,
 * SpiderMonkey an InternalError.
 */
function isStackExhausted(error: unknown): boolean {
  return (
    error instanceof RangeError ||
    (error instanceof Error && error.name === "InternalError")
  );
}

/**
 * What `isX` returns when validation ran out of call stack: data too deeply nested to validate is
 * not valid. Any other exception is a bug and goes on.
 */
export function notTooDeeplyNested(error: unknown): false {
  if (!isStackExhausted(error)) throw error;
  return false;
}

/**
 * What `validateX` returns when validation ran out of call stack: the data is invalid, and the
 * caller gets an error to report instead of an exception. Any other exception is a bug and goes on.
 */
function tooDeeplyNested(error: unknown): {
  valid: false;
  errors: ValidationError[];
} {
  if (!isStackExhausted(error)) throw error;
  return {
    valid: false,
    errors: [
      {
        instancePath: "",
        schemaPath: "#",
        keyword: "maxDepth",
        params: {},
        message: "is nested too deeply to validate",
      },
    ],
  };
}

/**
 * What every generated `validateX` does: `check` (X's), and when it fails, the errors `collect`
 * finds. Data nested too deeply to validate is invalid, with one error instead of an exception.
 */
export function validateWith<T>(
  value: unknown,
  check: (value: unknown) => boolean,
  collect: (
    value: unknown,
    instancePath: string,
    errors: ValidationError[],
  ) => void,
): ValidationResult<T> {
  try {
    // `check` is T's guard.
    if (check(value)) return { valid: true, value: value as T };
    const errors: ValidationError[] = [];
    collect(value, "", errors);
    return { valid: false, errors };
  } catch (error) {
    return tooDeeplyNested(error);
  }
}

/** Wraps a generated `validateX` function as a Standard Schema. */
export function toStandardSchema<T>(
  validate: (value: unknown) => ValidationResult<T>,
): StandardSchemaV1<T> {
  return {
    "~standard": {
      version: 1,
      vendor: "codegen",
      validate(value) {
        const result = validate(value);
        if (result.valid) return { value: result.value };
        return {
          issues: result.errors.map((error) => ({
            message: error.message,
            path: pathSegments(error.instancePath),
          })),
        };
      },
    },
  };
}

/** The two functions generated for a schema, as dynamic references call them. */
export interface SchemaFunctions {
  check(value: unknown): boolean;
  collect(
    value: unknown,
    instancePath: string,
    errors: ValidationError[],
  ): void;
  /** Present when the generated code tracks evaluation for unevaluatedProperties/unevaluatedItems. */
  evaluated?: (value: unknown, includeUnevaluated?: boolean) => Evaluated;
}

/** The properties and items of a value that a schema evaluated (its annotations). */
export interface Evaluated {
  properties: Set<string>;
  allProperties: boolean;
  /** Items before this index were evaluated. */
  items: number;
  allItems: boolean;
  /** Further evaluated items (matched by `contains`). */
  itemIndexes: Set<number>;
}

export function newEvaluated(): Evaluated {
  return {
    properties: new Set(),
    allProperties: false,
    items: 0,
    allItems: false,
    itemIndexes: new Set(),
  };
}

export function mergeEvaluated(into: Evaluated, from: Evaluated): void {
  for (const property of from.properties) into.properties.add(property);
  for (const index of from.itemIndexes) into.itemIndexes.add(index);
  into.allProperties ||= from.allProperties;
  into.allItems ||= from.allItems;
  into.items = Math.max(into.items, from.items);
}

/** The dynamic scope: dynamic anchors of the schema resources being evaluated, outermost first. */
const dynamicScope: Readonly<Record<string, SchemaFunctions>>[] = [];

/** Enters a schema resource; returns the depth of the scope before, for `leaveDynamicScope`. */
export function enterDynamicScope(
  anchors: Readonly<Record<string, SchemaFunctions>>,
): number {
  return dynamicScope.push(anchors) - 1;
}

/**
 * Leaves the scope as it was at `depth`. Restoring a depth rather than popping one entry repairs
 * the scope even when the stack ran out inside a `finally` before an inner resource could leave:
 * the outermost resource's `finally` puts it back.
 */
export function leaveDynamicScope(depth: number): void {
  dynamicScope.length = depth;
}

/** The target of a dynamic reference: the outermost resource in scope declaring `anchor`, else `initial`. */
export function dynamicTarget(
  anchor: string,
  initial: SchemaFunctions,
): SchemaFunctions {
  for (const anchors of dynamicScope) {
    const target = anchors[anchor];
    if (target !== undefined) return target;
  }
  return initial;
}

/** A JSON object: not null, not an array. */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Whether `key` is one of `Object.keys(value)` (an own enumerable property): what a key loop sees. */
export function hasKey(value: object, key: string): boolean {
  return Object.prototype.propertyIsEnumerable.call(value, key);
}

/**
 * The keys of an object whose properties by name are exactly its enumerable own ones, so that a
 * loop over them sees what reads by name would: its prototype is null, or Object.prototype with no
 * enumerable property (as an assignment to it makes one), and it has no non-enumerable own
 * property. Otherwise undefined.
 */
export function plainKeys(value: object): string[] | undefined {
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return undefined;
  if (prototype !== null) for (const _ in prototype) return undefined;
  const keys = Object.keys(value);
  const names = Object.getOwnPropertyNames(value);
  return names.length === keys.length ? keys : undefined;
}

/** One token of a JSON pointer, for property names known only at run time. */
export function pointerToken(key: string): string {
  // Most names have neither character: no replacing, no new string.
  if (!key.includes("~") && !key.includes("/")) return key;
  return key.replace(/~/g, "~0").replace(/\//g, "~1");
}

/** JSON equality: same type and same value, objects compared by members, arrays by position. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (
    typeof a !== "object" ||
    typeof b !== "object" ||
    a === null ||
    b === null
  )
    return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return (
      a.length === b.length &&
      a.every((item, index) => jsonEqual(item, b[index]))
    );
  }
  const aKeys = Object.keys(a);
  const bObject = b as Record<string, unknown>;
  return (
    aKeys.length === Object.keys(b).length &&
    aKeys.every(
      (key) =>
        Object.hasOwn(bObject, key) &&
        jsonEqual((a as Record<string, unknown>)[key], bObject[key]),
    )
  );
}

/** The number of Unicode code points in a string, which `minLength`/`maxLength` count: "💩" has 1. */
export function codePointLength(value: string): number {
  let length = value.length;
  for (let index = 0; index < value.length - 1; index++) {
    const unit = value.charCodeAt(index);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = value.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        length--;
        index++;
      }
    }
  }
  return length;
}

/** A finite number as `digits × 10^exponent`, read from its shortest decimal representation. */
function decimalParts(value: number): { digits: string; exponent: number } {
  const match = /^-?(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(value));
  if (match === null) throw new Error(`not a finite number: ${value}`);
  const fraction = match[2] ?? "";
  return {
    digits: (match[1]! + fraction).replace(/^0+(?=\d)/, ""),
    exponent: Number(match[3] ?? 0) - fraction.length,
  };
}

/**
 * `multipleOf`: whether `value` is an integer multiple of `divisor`, as the decimal numbers they
 * are written as. Floating-point division gets this wrong (19.99 / 0.01 is 1998.9999999999998), so
 * both are scaled by the same power of ten to integers, compared exactly (with BigInt when large).
 */
export function isMultipleOf(value: number, divisor: number): boolean {
  if (Number.isSafeInteger(value) && Number.isSafeInteger(divisor))
    return divisor !== 0 && value % divisor === 0;
  if (!Number.isFinite(value) || !Number.isFinite(divisor) || divisor === 0)
    return false;
  // A fraction is never an integer multiple of an integer.
  if (Number.isInteger(divisor) && !Number.isInteger(value)) return false;
  const scaledValue = decimalParts(value);
  const scaledDivisor = decimalParts(divisor);
  const exponent = Math.min(scaledValue.exponent, scaledDivisor.exponent);
  const valueDigits =
    scaledValue.digits + "0".repeat(scaledValue.exponent - exponent);
  const divisorDigits =
    scaledDivisor.digits + "0".repeat(scaledDivisor.exponent - exponent);
  if (valueDigits.length <= 15 && divisorDigits.length <= 15)
    return Number(valueDigits) % Number(divisorDigits) === 0;
  return BigInt(valueDigits) % BigInt(divisorDigits) === 0n;
}

/** A JSON value as text with object members sorted: equal texts for JSON-equal values. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (isJsonObject(value)) {
    const members = Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`);
    return `{${members.join(",")}}`;
  }
  // JSON.stringify's type leaves out the undefined it returns for undefined, functions and symbols.
  const text = JSON.stringify(value) as string | undefined;
  return text ?? "undefined";
}

function hasJsonType(value: unknown, type: string): boolean {
  switch (type) {
    case "integer":
      return Number.isInteger(value);
    case "null":
      return value === null;
    default:
      return typeof value === type;
  }
}

/** The longest list of scalars whose duplicates `duplicateItems` finds by comparing each pair. */
const PAIRWISE_SEARCH = 16;

/**
 * `uniqueItems`: the pair of equal items to report, `undefined` when all items are distinct. The
 * pair is the one ajv reports: searching from the end, `i` the later index and `j` the nearest
 * earlier one. Primitives are compared through a Map, objects and arrays by `jsonEqual`. With `scalarTypes` (ajv's shortcut when `items` declares only scalar types, used
 * when `items` applies to every item), items of other types are left to `items` to report, and `i`
 * is the earlier index, `j` the nearest later one.
 */
export function duplicateItems(
  items: readonly unknown[],
  scalarTypes?: readonly string[],
): { i: number; j: number } | undefined {
  if (scalarTypes !== undefined) {
    // A short list (most are: `required`, `enum`, tags) is searched pairwise, allocating nothing.
    if (items.length <= PAIRWISE_SEARCH) {
      for (let i = items.length - 2; i >= 0; i--) {
        const item = items[i];
        if (!scalarTypes.some((type) => hasJsonType(item, type))) continue;
        for (let j = i + 1; j < items.length; j++) {
          const other = items[j];
          // The Map's SameValueZero below: NaN is its own twin.
          if (other === item || (other !== other && item !== item))
            return { i, j };
        }
      }
      return undefined;
    }
    const seen = new Map<unknown, number>();
    for (let i = items.length - 1; i >= 0; i--) {
      const item = items[i];
      if (!scalarTypes.some((type) => hasJsonType(item, type))) continue;
      const j = seen.get(item);
      if (j !== undefined) return { i, j };
      seen.set(item, i);
    }
    return undefined;
  }
  // Equal primitives are the same Map key (SameValueZero: 1 and 1.0, 0 and -0), never equal to
  // other types; a forward pass finds each one's nearest earlier twin, the last found is ajv's pair.
  const lastIndex = new Map<unknown, number>();
  const structured: number[] = [];
  let pair: { i: number; j: number } | undefined;
  for (let index = 0; index < items.length; index++) {
    const item = items[index];
    if (typeof item === "object" && item !== null) {
      structured.push(index);
      continue;
    }
    const j = lastIndex.get(item);
    if (j !== undefined) pair = { i: index, j };
    lastIndex.set(item, index);
  }
  const structuredPair = duplicateStructured(items, structured);
  return structuredPair !== undefined &&
    (pair === undefined || structuredPair.i > pair.i)
    ? structuredPair
    : pair;
}

/**
 * Past this many objects and arrays in one array, comparing them pair by pair (quadratic) costs
 * more than writing each out once as canonical JSON: at 32 small distinct objects the two are close.
 */
const PAIRWISE_LIMIT = 32;

/** `duplicateItems` among the objects and arrays at `indexes` (ascending): ajv's pair, searching from the end. */
function duplicateStructured(
  items: readonly unknown[],
  indexes: readonly number[],
): { i: number; j: number } | undefined {
  if (indexes.length > PAIRWISE_LIMIT) {
    const lastIndex = new Map<string, number>();
    let pair: { i: number; j: number } | undefined;
    for (const index of indexes) {
      const key = canonicalJson(items[index]);
      const j = lastIndex.get(key);
      if (j !== undefined) pair = { i: index, j };
      lastIndex.set(key, index);
    }
    return pair;
  }
  for (let later = indexes.length - 1; later > 0; later--) {
    for (let earlier = later - 1; earlier >= 0; earlier--) {
      if (jsonEqual(items[indexes[later]!], items[indexes[earlier]!]))
        return { i: indexes[later]!, j: indexes[earlier]! };
    }
  }
  return undefined;
}

/**
 * `contains` with `minContains`/`maxContains` (`max` is Infinity when there is none): whether at
 * least `min` and at most `max` items match. Stops as soon as the answer is known.
 */
export function containsPasses(
  items: readonly unknown[],
  check: (item: unknown) => boolean,
  min: number,
  max: number,
): boolean {
  let count = 0;
  for (const item of items) {
    if (!check(item)) continue;
    count++;
    if (count > max) return false;
    if (count >= min && max === Infinity) return true;
  }
  return count >= min;
}

/**
 * `contains` in the error-collecting validator: as `containsPasses`, and when it fails, appends the
 * errors of the non-matching items it looked at, as ajv does (`schemaPath` is the `contains`
 * subschema's, for a private collector). Returns whether it passed.
 */
export function collectContains(
  items: readonly unknown[],
  check: (item: unknown) => boolean,
  collect: Collect,
  min: number,
  max: number,
  instancePath: string,
  errors: ValidationError[],
  schemaPath: string,
): boolean {
  const start = errors.length;
  let count = 0;
  for (let index = 0; index < items.length; index++) {
    const item = items[index];
    if (check(item)) {
      count++;
      if (count > max || (count >= min && max === Infinity)) break;
    } else {
      collect(item, `${instancePath}/${index}`, errors, schemaPath);
    }
  }
  const passed = count >= min && count <= max;
  if (passed) errors.length = start;
  return passed;
}

/**
 * `required` in an error collector: a failure for each property of `required` whose value (in
 * `values`, read by the caller in the same order) is missing, in the schema's order.
 */
export function collectRequired(
  values: readonly unknown[],
  required: readonly string[],
  instancePath: string,
  errors: ValidationError[],
  schemaPath: string,
): void {
  for (let index = 0; index < required.length; index++) {
    if (values[index] === undefined) {
      pushError(
        errors,
        "required",
        { missingProperty: required[index] },
        instancePath,
        schemaPath,
      );
    }
  }
}

/** A collector of a subschema: its errors at `instancePath`, with `schemaPath` where the subschema is. */
export type Collect = (
  value: unknown,
  instancePath: string,
  errors: ValidationError[],
  schemaPath: string,
) => void;

/** Marks the errors from `start` on as found in the property name `propertyName` (for `propertyNames`). */
export function markPropertyName(
  errors: ValidationError[],
  start: number,
  propertyName: string,
): void {
  for (let index = start; index < errors.length; index++) {
    const error = errors[index]!;
    errors[index] = { ...error, params: { ...error.params, propertyName } };
  }
}
