/**
 * prettier's layout for the type parts the line printer (print.ts) does not lay out itself: members
 * and aliases too long for their line, unions whose members span lines (`| {` … `}[]` / `| null`),
 * intersections beside unions, doubled parentheses. It parses the part (a member of an interface or type literal, or a type alias) as
 * json-schema-to-typescript writes it, builds the document prettier's estree printer builds for
 * that syntax (prettier/src/language-js/print: union-type, intersection-type, class-body, key,
 * assignment, array, index-signature, type-parameters, comment), and prints it with prettier's own
 * document printer. So prettier's parser and its TypeScript plugin, most of the cost of a prettier
 * run, never load. Syntax outside that subset returns undefined, and the part goes to prettier.
 */

import { builders, printer, type builders as Builders } from "prettier/doc";

type Doc = Builders.Doc;
const { group, indent, align, line, softline, hardline, ifBreak, join, indentIfBreak, lineSuffixBoundary } = builders;

type TypeNode =
  | { kind: "keyword" | "literal"; text: string }
  | { kind: "reference"; name: string; typeArguments: TypeNode[] }
  | { kind: "union" | "intersection"; types: TypeNode[] }
  | { kind: "array"; element: TypeNode }
  | { kind: "rest"; type: TypeNode }
  | { kind: "tuple"; elements: TypeNode[] }
  | { kind: "object"; members: Member[]; broken: boolean };

interface Member {
  comments: string[];
  readonly: boolean;
  /** The key as prettier prints it, or the index signature's parameter (`k: string`). */
  key: string;
  index: boolean;
  optional: boolean;
  type: TypeNode;
}

/** Where a type is, as far as its layout depends on it: the parent node, and for tuples how many elements it has. */
type Parent = "union" | "intersection" | "array" | "rest" | "tuple-one" | "tuple-many" | "argument" | "annotation" | "alias";

const KEYWORDS = new Set([
  "string",
  "number",
  "boolean",
  "unknown",
  "any",
  "never",
  "null",
  "undefined",
  "object",
  "void",
  "bigint",
  "symbol",
]);
/** Numbers prettier prints as they are written (its printNumber changes `1.50`, `1E3`, `1e+21`, `.5`). */
const CANONICAL_NUMBER = /^\d+(?:\.\d*[1-9])?$/;
const ASCII_IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** Thrown where the part leaves the subset; `printTypePart` answers undefined. */
class Unsupported extends Error {}

interface Token {
  kind: "comment" | "name" | "string" | "number" | "punctuation";
  text: string;
  /** A line break comes before the token. */
  newline: boolean;
  /** A blank line comes before the token. */
  blank: boolean;
}

const PUNCTUATION = new Set([..."{}()[]<>|&:;,?=-"]);
/** A name or a number, at `lastIndex`. */
const WORD = /[A-Za-z_$][\w$]*|\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let lineBreaks = 0;
  let i = 0;
  const push = (kind: Token["kind"], end: number): void => {
    tokens.push({ kind, text: source.slice(i, end), newline: lineBreaks > 0, blank: lineBreaks > 1 });
    lineBreaks = 0;
    i = end;
  };
  while (i < source.length) {
    const c = source[i]!;
    if (c === "\n") {
      lineBreaks++;
      i++;
    } else if (c === " " || c === "\t") i++;
    else if (source.startsWith("/*", i)) {
      const end = source.indexOf("*/", i + 2);
      if (end < 0) throw new Unsupported();
      push("comment", end + 2);
    } else if (c === '"') push("string", stringEnd(source, i));
    else if (source.startsWith("...", i)) push("punctuation", i + 3);
    else if (PUNCTUATION.has(c)) push("punctuation", i + 1);
    else {
      WORD.lastIndex = i;
      const word = WORD.exec(source);
      if (word === null) throw new Unsupported();
      push(/\d/.test(c) ? "number" : "name", i + word[0].length);
    }
  }
  return tokens;
}

/** Index just past the double-quoted string at `start`. */
function stringEnd(source: string, start: number): number {
  for (let i = start + 1; i < source.length; i++) {
    const c = source[i];
    if (c === "\\") i++;
    else if (c === '"') return i + 1;
    else if (c === "\n") break;
  }
  throw new Unsupported();
}

/**
 * A double-quoted string literal as prettier writes it: in single quotes when it holds more double
 * quotes than single ones (the escapes JSON writes are all ones prettier keeps).
 */
export function prettierString(literal: string): string {
  const content = literal.slice(1, -1);
  const doubles = content.split('\\"').length - 1;
  const singles = content.split("'").length - 1;
  if (doubles <= singles) return literal;
  const swapped = content.replace(/\\(.)|'/g, (escape: string, char: string | undefined) =>
    char === '"' ? char : char !== undefined ? escape : "\\'",
  );
  return `'${swapped}'`;
}

class Parser {
  private at = 0;
  /** The tokens a blank line may come before (prettier drops it): right after a type literal's `{`, and its `}`. */
  private readonly blankAllowed = new Set<number>();
  constructor(private readonly tokens: Token[]) {}

  /** Whether the whole part was read, with no blank line prettier would keep (between members, after a comment). */
  atEnd(): boolean {
    return this.at === this.tokens.length && this.tokens.every((token, index) => !token.blank || this.blankAllowed.has(index));
  }

  private peek(offset = 0): Token | undefined {
    return this.tokens[this.at + offset];
  }

  private is(text: string, offset = 0): boolean {
    const token = this.peek(offset);
    return token !== undefined && token.kind !== "string" && token.kind !== "comment" && token.text === text;
  }

  private next(): Token {
    const token = this.tokens[this.at++];
    if (token === undefined) throw new Unsupported();
    return token;
  }

  private expect(text: string): void {
    if (!this.is(text)) throw new Unsupported();
    this.at++;
  }

  comments(): string[] {
    const comments: string[] = [];
    while (this.peek()?.kind === "comment") comments.push(this.next().text);
    return comments;
  }

  /** `export type Name = Type` (json-schema-to-typescript writes no type parameters). */
  alias(): { name: string; type: TypeNode } {
    this.expect("export");
    this.expect("type");
    const name = this.next();
    if (name.kind !== "name") throw new Unsupported();
    this.expect("=");
    const type = this.type();
    if (this.is(";")) this.at++;
    return { name: name.text, type };
  }

  member(comments: string[]): Member {
    if (this.is("[")) {
      this.at++;
      const parameter = this.next();
      if (parameter.kind !== "name") throw new Unsupported();
      this.expect(":");
      const parameterType = this.next();
      if (parameterType.kind !== "name" || !KEYWORDS.has(parameterType.text) || !this.is("]")) throw new Unsupported();
      this.at++;
      this.expect(":");
      return this.ended({
        comments,
        readonly: false,
        key: `${parameter.text}: ${parameterType.text}`,
        index: true,
        optional: false,
        type: this.type(),
      });
    }
    const readonly = this.is("readonly") && !this.is(":", 1) && !this.is("?", 1);
    if (readonly) this.at++;
    const key = this.next();
    if (key.kind !== "name" && key.kind !== "string") throw new Unsupported();
    const optional = this.is("?");
    if (optional) this.at++;
    this.expect(":");
    return this.ended({ comments, readonly, key: printKey(key), index: false, optional, type: this.type() });
  }

  private ended(member: Member): Member {
    if (this.is(";") || this.is(",")) this.at++;
    return member;
  }

  type(): TypeNode {
    return this.list("union", () => this.list("intersection", () => this.postfix()));
  }

  private list(kind: "union" | "intersection", item: () => TypeNode): TypeNode {
    const operator = kind === "union" ? "|" : "&";
    const first = item();
    if (!this.is(operator)) return first;
    const types = [first];
    while (this.is(operator)) {
      this.at++;
      types.push(item());
    }
    return { kind, types };
  }

  private postfix(): TypeNode {
    let type = this.primary();
    while (this.is("[") && this.is("]", 1)) {
      this.at += 2;
      type = { kind: "array", element: type };
    }
    return type;
  }

  private primary(): TypeNode {
    const token = this.next();
    if (token.kind === "string") return { kind: "literal", text: prettierString(token.text) };
    if (token.kind === "number") return literalNumber(token.text);
    if (token.kind === "name") {
      if (KEYWORDS.has(token.text)) return { kind: "keyword", text: token.text };
      if (token.text === "true" || token.text === "false") return { kind: "literal", text: token.text };
      return { kind: "reference", name: token.text, typeArguments: this.typeArguments() };
    }
    if (token.kind !== "punctuation") throw new Unsupported();
    switch (token.text) {
      case "-": {
        const number = this.next();
        if (number.kind !== "number") throw new Unsupported();
        return literalNumber(`-${number.text}`);
      }
      case "(": {
        const type = this.type();
        this.expect(")");
        return type;
      }
      case "{":
        return this.object();
      case "[":
        return this.tuple();
      default:
        throw new Unsupported();
    }
  }

  private typeArguments(): TypeNode[] {
    if (!this.is("<")) return [];
    this.at++;
    const types = [this.type()];
    while (this.is(",")) {
      this.at++;
      types.push(this.type());
    }
    this.expect(">");
    return types;
  }

  private tuple(): TypeNode {
    const elements: TypeNode[] = [];
    while (!this.is("]")) {
      if (this.is("...")) {
        this.at++;
        elements.push({ kind: "rest", type: this.type() });
      } else elements.push(this.type());
      if (!this.is(",")) break;
      this.at++;
    }
    this.expect("]");
    return { kind: "tuple", elements };
  }

  private object(): TypeNode {
    const members: Member[] = [];
    // prettier keeps a type literal broken when a line break follows its `{` (objectWrap "preserve").
    let broken = false;
    this.blankAllowed.add(this.at);
    for (;;) {
      const first = members.length === 0;
      const comments = this.comments();
      if (first) broken = this.tokens.slice(this.at - comments.length, this.at + 1).some((token) => token.newline);
      if (this.is("}")) {
        if (comments.length > 0) throw new Unsupported();
        this.blankAllowed.add(this.at);
        this.at++;
        return { kind: "object", members, broken };
      }
      members.push(this.member(comments));
    }
  }
}

function literalNumber(text: string): TypeNode {
  if (!CANONICAL_NUMBER.test(text.replace(/^-/, ""))) throw new Unsupported();
  return { kind: "literal", text };
}

/** A key as prettier writes it under quoteProps "as-needed": unquoted where it is an identifier. */
function printKey(token: Token): string {
  if (token.kind === "name") return token.text;
  const content = token.text.slice(1, -1);
  if (ASCII_IDENTIFIER.test(content)) return content;
  // prettier unquotes a key that is an identifier with letters beyond ASCII too, which is not worth telling apart here.
  if (/[^\x20-\x7e]/.test(content)) throw new Unsupported();
  return prettierString(token.text);
}

// ---------------------------------------------------------------------------------------------
// Documents, as prettier's estree printer builds them for this syntax.

/** A union that prettier writes inline (`{ … } | null`): one object-like member, the rest null or void. */
function huggedUnion(types: readonly TypeNode[]): boolean {
  const objectLike = types.filter((type) => type.kind === "object" || type.kind === "reference");
  return (
    objectLike.length === 1 &&
    types.every((type) => type === objectLike[0] || (type.kind === "keyword" && (type.text === "null" || type.text === "void")))
  );
}

/** Where prettier parenthesizes a union or intersection. */
const parenthesizesLists = (parent: Parent): boolean =>
  parent === "union" || parent === "intersection" || parent === "array" || parent === "rest";

const needsParentheses = (type: TypeNode, parent: Parent): boolean =>
  (type.kind === "union" || type.kind === "intersection") && parenthesizesLists(parent);

function typeDoc(type: TypeNode, parent: Parent): Doc {
  const doc = bareTypeDoc(type, parent);
  return needsParentheses(type, parent) ? ["(", doc, ")"] : doc;
}

function bareTypeDoc(type: TypeNode, parent: Parent): Doc {
  switch (type.kind) {
    case "keyword":
    case "literal":
      return type.text;
    case "reference":
      return [type.name, typeArgumentsDoc(type.typeArguments)];
    case "array":
      return [typeDoc(type.element, "array"), "[]"];
    case "rest":
      return ["...", typeDoc(type.type, "rest")];
    case "union":
      return unionDoc(type.types, parent);
    case "intersection":
      return intersectionDoc(type.types);
    case "tuple":
      return tupleDoc(type.elements);
    case "object":
      return objectDoc(type.members, type.broken);
  }
}

function unionDoc(types: readonly TypeNode[], parent: Parent): Doc {
  if (huggedUnion(types))
    return join(
      " | ",
      types.map((type) => typeDoc(type, "union")),
    );
  const printed = group(types.map((type, index) => [index === 0 ? ifBreak("| ") : [line, "| "], align(2, typeDoc(type, "union"))]));
  if (parenthesizesLists(parent)) return group([indent([softline, printed]), softline]);
  if (parent === "tuple-many") return group([indent([ifBreak(["(", softline]), printed]), softline, ifBreak(")")]);
  // Under an alias the assignment indents it (layout "break-after-operator"); in a tuple or type arguments nothing does.
  if (parent === "alias" || parent === "tuple-one" || parent === "argument") return printed;
  return group(indent([softline, printed]));
}

function intersectionDoc(types: readonly TypeNode[]): Doc {
  let wasIndented = false;
  return group(
    types.map((type, index) => {
      const doc = typeDoc(type, "intersection");
      if (index === 0) return doc;
      const objects = [types[index - 1]!.kind === "object", type.kind === "object"];
      if (objects[0] && objects[1]) return [" & ", wasIndented ? indent(doc) : doc];
      if (!objects[0] && !objects[1]) return indent([" &", line, doc]);
      if (index > 1) wasIndented = true;
      return [" & ", index > 1 ? indent(doc) : doc];
    }),
  );
}

function tupleDoc(elements: readonly TypeNode[]): Doc {
  if (elements.length === 0) return group(["[", "]"]);
  const parent: Parent = elements.length > 1 ? "tuple-many" : "tuple-one";
  return group([
    "[",
    indent([
      softline,
      join(
        [",", line],
        elements.map((element) => group(typeDoc(element, parent))),
      ),
      ifBreak(","),
    ]),
    softline,
    "]",
  ]);
}

function typeArgumentsDoc(types: readonly TypeNode[]): Doc {
  if (types.length === 0) return "";
  const only = types.length === 1 ? types[0]! : undefined;
  const hugged =
    only !== undefined &&
    (only.kind === "keyword" ||
      only.kind === "object" ||
      (only.kind === "reference" && only.typeArguments.length === 0) ||
      (only.kind === "union" && huggedUnion(only.types)));
  const printed = types.map((type) => typeDoc(type, "argument"));
  return hugged ? ["<", join(", ", printed), ">"] : group(["<", indent([softline, join([",", line], printed)]), softline, ">"]);
}

function objectDoc(members: readonly Member[], broken: boolean): Doc {
  if (members.length === 0) return "{}";
  const parts: Doc[] = [];
  members.forEach((member, index) => {
    const last = index === members.length - 1;
    parts.push(memberDoc(member, last ? ifBreak(";") : ";"));
    if (!last) parts.push(line);
  });
  return group(["{", indent([line, ...parts]), line, "}"], { shouldBreak: broken });
}

function memberDoc(member: Member, semicolon: Doc): Doc {
  const key = member.index ? ["[", group([indent([softline, member.key]), softline]), "]"] : member.key;
  const signature = group([member.readonly ? "readonly " : "", key, member.optional ? "?" : "", ": ", typeDoc(member.type, "annotation")]);
  return [leadingComments(member.comments), signature, semicolon];
}

/** Comments on the lines before a member or declaration, each on its own line. */
const leadingComments = (comments: readonly string[]): Doc => comments.map((comment) => [commentDoc(comment), hardline]);

/** A block comment; a JSDoc one re-indented, as prettier does with a comment whose every line starts with `*`. */
function commentDoc(comment: string): Doc {
  const value = comment.slice(2, -2);
  if (!value.includes("\n")) return comment;
  const lines = `*${value}*`.split("\n").map((text) => text.trimStart());
  // prettier keeps a JSDoc line's two trailing spaces (a Markdown line break) with an unindented line break.
  if (!lines.every((text) => text.startsWith("*")) || lines.some((text, index) => index > 0 && text.endsWith("  ")))
    throw new Unsupported();
  return [
    "/",
    lines.map((text, index) =>
      index === 0 ? [text.trimEnd(), hardline] : index === lines.length - 1 ? [" ", text] : [" ", text.trimEnd(), hardline],
    ),
    "/",
  ];
}

function aliasDoc(name: string, type: TypeNode): Doc {
  const left = group(["type ", name]);
  if (type.kind === "union" && !huggedUnion(type.types)) return group([left, " =", group(indent([line, typeDoc(type, "alias")]))]);
  const id = Symbol("assignment");
  return group([left, " =", group(indent(line), { id }), lineSuffixBoundary, indentIfBreak(typeDoc(type, "alias"), { groupId: id })]);
}

/**
 * prettier's text for a member of an interface or type literal at `indent` levels, or for a
 * paragraph holding one type alias; undefined where the part is outside the subset this reads.
 */
export function printTypePart(source: string, kind: "member" | "paragraph", indentLevel: number, printWidth: number): string | undefined {
  let doc: Doc;
  try {
    const parser = new Parser(tokenize(source));
    const comments = parser.comments();
    if (kind === "member") {
      const member = parser.member(comments);
      if (!parser.atEnd()) return undefined;
      doc = [hardline, memberDoc(member, ";")];
      for (let level = 0; level < indentLevel; level++) doc = indent(doc);
    } else {
      const { name, type } = parser.alias();
      if (!parser.atEnd()) return undefined;
      doc = [leadingComments(comments), "export ", aliasDoc(name, type), ";", hardline];
    }
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
  const { formatted } = printer.printDocToString(doc, { printWidth, tabWidth: 2, useTabs: false });
  return kind === "member" ? `${formatted.slice(1)}\n` : formatted;
}
