/**
 * A tiny code builder in the spirit of ajv's `lib/compile/codegen`: generated source is only ever
 * assembled from `Code` values. A plain value interpolated into the `code` template becomes a
 * literal (JSON-quoted, line terminators escaped), so text from a schema can never become syntax.
 */

import { topLevel } from "../print.js";

export class Code {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

export type LiteralValue = string | number | boolean | null | readonly LiteralValue[] | { readonly [key: string]: LiteralValue };
export type CodeArg = Code | LiteralValue;

/** Tagged template: `Code` arguments are inserted as they are, every other value as a literal. */
export function code(strings: TemplateStringsArray, ...args: CodeArg[]): Code {
  let text = strings[0] ?? "";
  args.forEach((arg, index) => {
    text += (arg instanceof Code ? arg.text : literal(arg).text) + (strings[index + 1] ?? "");
  });
  return new Code(text);
}

/**
 * A JavaScript literal for a JSON value, spaced as a person writes it (`[1, 2]`, `{ a: 1, "b-c": 2 }`).
 * JSON.stringify leaves U+2028/U+2029 unescaped, which is valid JSON but worth escaping so that no
 * line of generated source is split by them.
 */
export function literal(value: LiteralValue): Code {
  if (typeof value === "number" && !Number.isFinite(value)) {
    throw new Error(`cannot write the non-finite number ${value} as a literal`);
  }
  if (Array.isArray(value)) return new Code(`[${value.map((item: LiteralValue) => literal(item).text).join(", ")}]`);
  if (typeof value === "object" && value !== null) {
    // `__proto__: x`, quoted or not, would set the prototype; a computed key makes an own property.
    const entries = Object.entries(value).map(
      ([key, item]) => `${key === "__proto__" ? '["__proto__"]' : IDENTIFIER.test(key) ? key : literal(key).text}: ${literal(item).text}`,
    );
    return new Code(entries.length === 0 ? "{}" : `{ ${entries.join(", ")} }`);
  }
  const text = JSON.stringify(value).replace(/[\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16)}`);
  return new Code(text);
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

/** `object.key` when the key is a plain identifier, `object["key"]` otherwise. */
export function memberAccess(object: Code, key: string): Code {
  return IDENTIFIER.test(key) ? new Code(`${object.text}.${key}`) : code`${object}[${key}]`;
}

/**
 * The negation of a condition this builder made, written the way a person would: `!isX(v)`,
 * `typeof v !== "string"`, `v !== null`; anything else is wrapped as `!(…)`.
 */
export function negate(condition: Code): Code {
  const { text } = condition;
  const callee = /^[A-Za-z_$][\w$.]*(?=\()/.exec(text)?.[0];
  if (callee !== undefined) {
    // One call whose arguments run to the end: `isX(v)`, `jsonEqual(v, { a: 1 })`.
    const groups = topLevel(text)?.groups ?? [];
    if (groups.length === 1 && groups[0]![0] === callee.length && groups[0]![1] === text.length - 1) return new Code(`!${text}`);
  }
  const comparison = /^(typeof [A-Za-z_$][\w$]*|[A-Za-z_$][\w$]*) === ("[a-z]+"|null)$/.exec(text);
  if (comparison !== null) return new Code(`${comparison[1]} !== ${comparison[2]}`);
  return new Code(`!(${text})`);
}

/**
 * `condition` as an operand of `&&` or `||`, parenthesized only where precedence needs it, and for
 * `&&` inside `||` as prettier writes it: `a || (b && c)`.
 */
export function operand(condition: Code, operator: "&&" | "||"): Code {
  const mixed = operator === "&&" ? "||" : "&&";
  const operators = topLevel(condition.text)?.operators;
  const needsParentheses =
    operators === undefined || operators.some((op) => op.operator === "?" || op.operator === "??" || op.operator === mixed);
  return needsParentheses ? code`(${condition})` : condition;
}

export function joinCode(parts: readonly Code[], separator: string): Code {
  return new Code(parts.map((part) => part.text).join(separator));
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
