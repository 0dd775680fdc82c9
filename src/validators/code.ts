/**
 * A tiny code builder in the spirit of ajv's `lib/compile/codegen`: generated source is only ever
 * assembled from `Code` values. A plain value interpolated into the `code` template becomes a
 * literal (JSON-quoted, line terminators escaped), so text from a schema can never become syntax.
 *
 * `Code` is a sequence of parts: text, and `Name`s, whose text their scope chooses at the end (see
 * `ModuleNames` in context.ts), or code holding them. Conditions carry their top-level shape, so
 * that `negate` and the `and`/`or` builders decide from how a condition was built, never by
 * reading its text.
 */

/**
 * What a condition is at its top level. A `code` template makes "other": an operand with no
 * top-level `&&`, `||`, `??` or `?:` (conditions with those are built with `and`, `or`, `conditional`).
 */
export type Shape =
  | { readonly kind: "other" | "call" | "not" | "and" | "or" | "conditional" }
  | { readonly kind: "comparison"; readonly left: Code; readonly operator: ComparisonOperator; readonly right: CodeArg };

export type ComparisonOperator = "===" | "!==" | "<" | "<=" | ">" | ">=";

const OTHER: Shape = { kind: "other" };
const CALL: Shape = { kind: "call" };
const NOT: Shape = { kind: "not" };
const AND: Shape = { kind: "and" };
const OR: Shape = { kind: "or" };
const CONDITIONAL: Shape = { kind: "conditional" };

type Part = string | Code;

/** Text and parts being joined into a code's content. */
interface Merging {
  text: string;
  parts: Part[] | undefined;
}

/** The content of a name that has no text yet. */
const UNRESOLVED: readonly Part[] = [];

export class Code {
  /**
   * Text, or parts with an unresolved `Name` somewhere among them: text (resolved names included)
   * is joined as soon as code is made, so that code made after its names are resolved is just text.
   */
  protected content: string | readonly Part[];
  constructor(
    parts: string | readonly Part[],
    readonly shape: Shape = OTHER,
  ) {
    if (typeof parts === "string") this.content = parts;
    else {
      const merging: Merging = { text: "", parts: undefined };
      for (const part of parts) Code.append(merging, part);
      this.content = Code.finish(merging);
    }
  }
  /** What `code` makes: the parts merged as they come, with no array of them in between. */
  static template(strings: TemplateStringsArray, args: readonly CodeArg[]): Code {
    const merging: Merging = { text: strings[0] ?? "", parts: undefined };
    for (let index = 0; index < args.length; index++) {
      Code.append(merging, argText(args[index]!));
      merging.text += strings[index + 1] ?? "";
    }
    const made = new Code("");
    made.content = Code.finish(merging);
    return made;
  }
  /** Adds a part to `merging`: text is joined, code holding unresolved names is kept. */
  private static append(merging: Merging, part: Part): void {
    const content = typeof part === "string" ? part : part.content;
    if (typeof content === "string") merging.text += content;
    else {
      merging.parts ??= [];
      if (merging.text !== "") merging.parts.push(merging.text);
      merging.parts.push(part);
      merging.text = "";
    }
  }
  private static finish({ text, parts }: Merging): string | Part[] {
    if (parts === undefined) return text;
    if (text !== "") parts.push(text);
    return parts;
  }
  /** The source text; every `Name` in it must have been resolved. */
  get text(): string {
    if (typeof this.content === "string") return this.content;
    const out: string[] = [];
    this.write(out);
    return out.join("");
  }
  protected write(out: string[]): void {
    if (typeof this.content === "string") out.push(this.content);
    else {
      for (const part of this.content) {
        if (typeof part === "string") out.push(part);
        else part.write(out);
      }
    }
  }
  toString(): string {
    return this.text;
  }
  /**
   * The same code as one list of text and names, no longer holding the code it was made of. A
   * function's code is kept so until the module's names are resolved: far fewer objects then stay
   * alive (and are copied by each garbage collection) than in the code it was made of.
   */
  flat(): Code {
    if (typeof this.content === "string") return this;
    const parts: Part[] = [];
    // Text between names is joined with `join`, not `+=`: one flat string, not a rope of many.
    const pieces: string[] = [];
    const visit = (part: Part): void => {
      if (typeof part === "string") pieces.push(part);
      else if (typeof part.content === "string") pieces.push(part.content);
      else if (part instanceof Name) {
        if (pieces.length > 0) parts.push(pieces.join(""));
        pieces.length = 0;
        parts.push(part);
      } else part.content.forEach(visit);
    };
    visit(this);
    if (pieces.length > 0) parts.push(pieces.join(""));
    return new Code(parts, this.shape);
  }
}

/**
 * An identifier whose text its scope chooses once every name it must avoid is known: the `hint`
 * where that is free, else the hint with a counter (see `LocalScope` and `ModuleNames`). From then
 * on it is text like any other code.
 */
export class Name extends Code {
  constructor(readonly hint: string) {
    super("");
    this.content = UNRESOLVED;
  }
  /** Called once, by the scope the name belongs to. */
  resolve(text: string): void {
    if (!isSafeIdentifier(text)) throw new Error(`internal error: ${JSON.stringify(text)} is not a safe identifier`);
    this.content = text;
  }
  protected override write(out: string[]): void {
    if (typeof this.content !== "string") throw new Error(`internal error: the name ${JSON.stringify(this.hint)} was never resolved`);
    out.push(this.content);
  }
}

export type LiteralValue = string | number | boolean | null | readonly LiteralValue[] | { readonly [key: string]: LiteralValue };
export type CodeArg = Code | LiteralValue;

function argText(arg: CodeArg): string | Code {
  return arg instanceof Code ? arg : literalText(arg);
}

/** Tagged template: `Code` arguments (names included) are inserted as they are, every other value as a literal. */
export function code(strings: TemplateStringsArray, ...args: CodeArg[]): Code {
  return Code.template(strings, args);
}

/**
 * A JavaScript literal for a JSON value, spaced as a person writes it (`[1, 2]`, `{ a: 1, "b-c": 2 }`).
 * JSON.stringify leaves U+2028/U+2029 unescaped, which is valid JSON but worth escaping so that no
 * line of generated source is split by them.
 */
export function literal(value: LiteralValue): Code {
  return new Code(literalText(value));
}

function literalText(value: LiteralValue): string {
  if (typeof value === "number" && !Number.isFinite(value)) {
    throw new Error(`cannot write the non-finite number ${value} as a literal`);
  }
  if (Array.isArray(value)) return `[${value.map((item: LiteralValue) => literalText(item)).join(", ")}]`;
  if (typeof value === "object" && value !== null) {
    // `__proto__: x`, quoted or not, would set the prototype; a computed key makes an own property.
    const entries = Object.entries(value).map(
      ([key, item]) => `${key === "__proto__" ? '["__proto__"]' : IDENTIFIER.test(key) ? key : literalText(key)}: ${literalText(item)}`,
    );
    return entries.length === 0 ? "{}" : `{ ${entries.join(", ")} }`;
  }
  return JSON.stringify(value).replace(/[\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16)}`);
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const RESERVED_WORDS = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends false finally for " +
    "function if import in instanceof new null return super switch this throw true try typeof var void while with " +
    "yield let static implements interface package private protected public await arguments eval undefined NaN Infinity"
  ).split(" "),
);

export function isSafeIdentifier(name: string): boolean {
  return IDENTIFIER.test(name) && !RESERVED_WORDS.has(name);
}

/** An identifier; throws for anything that is not a plain, non-reserved JavaScript identifier. */
export function identifier(name: string): Code {
  if (!isSafeIdentifier(name)) throw new Error(`internal error: ${JSON.stringify(name)} is not a safe identifier`);
  return new Code(name);
}

/** Fixed text around a base name: `["collect", "Errors"]` makes `collectFooErrors` of `Foo`. */
export type Affix = readonly [prefix: string, suffix: string];

/** The identifier `prefix + base + suffix`; for a `Name`, its text comes when the name is resolved. */
export function affixed(base: string | Name, [prefix, suffix]: Affix): Code {
  return typeof base === "string" ? identifier(prefix + base + suffix) : new Code([prefix, base, suffix]);
}

/** `object.key` when the key is a plain identifier, `object["key"]` otherwise. */
export function memberAccess(object: Code, key: string): Code {
  return IDENTIFIER.test(key) ? new Code([object, `.${key}`]) : code`${object}[${key}]`;
}

function joinParts(parts: readonly Part[], separator: string): Part[] {
  const joined: Part[] = [];
  for (const part of parts) {
    if (joined.length > 0) joined.push(separator);
    joined.push(part);
  }
  return joined;
}

export function joinCode(parts: readonly Code[], separator: string): Code {
  return new Code(joinParts(parts, separator));
}

/** What goes before a module-level call or `new` that a bundler may drop when nothing uses its value. */
export const PURE_ANNOTATION = "/* @__PURE__ */ ";

/** `expression` (a call or `new`) marked free of side effects, so that bundlers can tree-shake it. */
export function pure(expression: Code): Code {
  return new Code([PURE_ANNOTATION, expression], CALL);
}

/** `callee(arg, …)`. */
export function call(callee: Code, ...args: CodeArg[]): Code {
  const parts: Part[] = [callee, "("];
  args.forEach((arg, index) => {
    if (index > 0) parts.push(", ");
    parts.push(argText(arg));
  });
  parts.push(")");
  return new Code(parts, CALL);
}

/** `left <operator> right`; `left` is an operand (`typeof v`, `v.length`, a call), `right` an operand or a literal value. */
export function compare(left: Code, operator: ComparisonOperator, right: CodeArg): Code {
  return new Code([left, ` ${operator} `, argText(right)], { kind: "comparison", left, operator, right });
}

/** `!(condition)`, parenthesized whatever the condition is. */
export function not(condition: Code): Code {
  return new Code(["!(", condition, ")"], NOT);
}

/**
 * The negation of a condition, written the way a person would: `!isX(v)`, `!ruledOut`, `typeof v !== "string"`,
 * `v !== null`; anything else is wrapped as `!(…)`. Only equalities with `null` or a lowercase word
 * (a type name, and a `const` that looks like one) flip to `!==`, as this builder always wrote them.
 */
export function negate(condition: Code): Code {
  const { shape } = condition;
  if (shape.kind === "call" || condition instanceof Name) return new Code(["!", condition], NOT);
  if (shape.kind === "comparison" && shape.operator === "===" && flipsToUnequal(shape.right)) {
    return compare(shape.left, "!==", shape.right);
  }
  return not(condition);
}

function flipsToUnequal(right: CodeArg): boolean {
  return right === null || (typeof right === "string" && /^[a-z]+$/.test(right));
}

/**
 * `condition` as an operand of `&&` or `||`, parenthesized only where precedence needs it, and for
 * `&&` inside `||` as prettier writes it: `a || (b && c)`.
 */
function operand(condition: Code, operator: "&&" | "||"): Code {
  const { kind } = condition.shape;
  const needsParentheses = kind === "conditional" || kind === (operator === "&&" ? "or" : "and");
  return needsParentheses ? code`(${condition})` : condition;
}

function chain(conditions: readonly Code[], operator: "&&" | "||", shape: Shape): Code {
  if (conditions.length === 1) return conditions[0]!;
  const operands = conditions.map((condition) => operand(condition, operator));
  return new Code(joinParts(operands, ` ${operator} `), shape);
}

/** `a && b && …`; one condition is itself. */
export function and(...conditions: readonly Code[]): Code {
  return chain(conditions, "&&", AND);
}

/** `a || b || …`; one condition is itself. */
export function or(...conditions: readonly Code[]): Code {
  return chain(conditions, "||", OR);
}

/** `test ? whenTrue : whenFalse`, for conditions that bind tighter than `?:` (calls, negations). */
export function conditional(test: Code, whenTrue: Code, whenFalse: Code): Code {
  return new Code([test, " ? ", whenTrue, " : ", whenFalse], CONDITIONAL);
}

/**
 * Text made safe for the inside of a block comment: it can no longer close the comment, and its
 * line breaks are `\n` (a lone `\r` would start a line without the comment's ` * `).
 */
export function sanitizeCommentText(text: string): string {
  return text
    .replace(/\*\//g, "*\\/")
    .replace(/\r\n?/g, "\n")
    .replace(/[\u2028\u2029]/g, " ");
}

/** A single-line `//` comment: line breaks of any kind are folded into spaces. */
export function lineComment(text: string): Code {
  return new Code(`// ${text.replace(/[\r\n\u2028\u2029]+/g, " ")}`);
}

/** A JSDoc block for free text. */
export function docComment(text: string): Code {
  const lines = sanitizeCommentText(text).split(/\r\n|\r|\n/);
  return new Code(["/**", ...lines.map((line) => ` * ${line}`.trimEnd()), " */"].join("\n"));
}

/** A parameter of a generated function; with `initial` it may be left out (`name = initial`, declared `name?: type`). */
export interface Parameter {
  name: string;
  type: Code;
  initial?: Code;
}

/** What a generated function is called with and returns, and which run-time types (from `_runtime.ts`) its types name. */
export interface Signature {
  name: Code;
  parameters: readonly Parameter[];
  returns: Code;
  runtimeTypes: readonly string[];
}

/** `function name(parameters): returns { body }`, with its types in TypeScript (`typed`), without them in JavaScript. */
export function functionDefinition(doc: Code | undefined, exported: boolean, signature: Signature, body: Code, typed: boolean): Code {
  const parameters = signature.parameters.map(({ name, type, initial }) => {
    const annotation = typed ? code`: ${type}` : code``;
    return initial === undefined ? code`${identifier(name)}${annotation}` : code`${identifier(name)} = ${initial}`;
  });
  const returns = typed ? code`: ${signature.returns}` : code``;
  const head = code`${exported ? code`export ` : code``}function ${signature.name}(${joinCode(parameters, ", ")})${returns}`;
  return code`${doc === undefined ? code`` : code`${doc}\n`}${head} {\n${body}\n}`;
}

/** `export declare function name(parameters): returns;`, for a `.d.ts` file. */
export function functionDeclaration(doc: Code | undefined, signature: Signature): Code {
  const parameters = signature.parameters.map(
    ({ name, type, initial }) => code`${identifier(name)}${initial === undefined ? code`` : code`?`}: ${type}`,
  );
  return code`${doc === undefined ? code`` : code`${doc}\n`}export declare function ${signature.name}(${joinCode(parameters, ", ")}): ${signature.returns};`;
}
