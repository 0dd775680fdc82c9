/**
 * The built-in formatter: a linear pretty-printer for the TypeScript codegen emits (types from
 * json-schema-to-typescript, unformatted; validators from the Code builder: one statement or member
 * per line, no indentation). It does not parse. It indents lines by bracket depth, ends the members
 * of interfaces and type literals with semicolons, drops the parentheses around a whole member type
 * and breaks lines longer than PRINT_WIDTH at their brackets and operators, in prettier's style.
 *
 * The lexer knows strings, template literals (with `${}`) and comments. codegen emits no regular
 * expression literals (patterns become `new RegExp("…", "u")`), so a `/` outside a comment is division.
 * The bundlers' `/* @__PURE__ *\/` annotation before a call is read as part of the expression, as prettier lays it out.
 *
 * A member or type alias too long for its line, or one it cannot lay out line by line (a union whose
 * members span lines), goes to the type printer (print-types.ts), which parses it; what neither
 * handles goes to prettier (format.ts).
 */

import { createRequire } from "node:module";
import { prettierString, printTypePart } from "./print-types.js";
import { PURE_ANNOTATION } from "./validators/code.js";

/**
 * The prettier options the printer implements, with prettier's defaults. It indents with two spaces
 * (prettier aligns some lines by spaces, not levels, which the printer's levels cannot express).
 */
export interface PrintOptions {
  printWidth: number;
}

/** prettier's default width. */
export const PRINT_WIDTH = 80;
export const PRETTIER_DEFAULTS: PrintOptions = { printWidth: PRINT_WIDTH };
const TAB_WIDTH = 2;

/** The options of the current `printTypeScript` call (printing is synchronous). */
let options = PRETTIER_DEFAULTS;

const SPACE = 32;
const BANG = 33;
const QUOTE = 34;
const DOLLAR = 36;
const AMPERSAND = 38;
const APOSTROPHE = 39;
const OPEN_PAREN = 40;
const CLOSE_PAREN = 41;
const STAR = 42;
const PLUS = 43;
const COMMA = 44;
const MINUS = 45;
const SLASH = 47;
const COLON = 58;
const SEMICOLON = 59;
const LESS = 60;
const EQUALS = 61;
const GREATER = 62;
const QUESTION = 63;
const OPEN_BRACKET = 91;
const BACKSLASH = 92;
const CLOSE_BRACKET = 93;
const BACKTICK = 96;
const LOWER_E = 101;
const OPEN_BRACE = 123;
const PIPE = 124;
const CLOSE_BRACE = 125;

const pureAnnotationAt = (text: string, at: number): boolean => text.startsWith(PURE_ANNOTATION, at);

const isOpener = (c: number): boolean => c === OPEN_PAREN || c === OPEN_BRACKET || c === OPEN_BRACE;
const isCloser = (c: number): boolean => c === CLOSE_PAREN || c === CLOSE_BRACKET || c === CLOSE_BRACE;
/** ASCII characters that mean nothing to a lexer, which skips them in a tight loop. */
function plain(special: string): Uint8Array {
  const table = new Uint8Array(128).fill(1);
  for (const char of special) table[char.charCodeAt(0)] = 0;
  return table;
}
const SCAN_PLAIN = plain("\"'`/()[]{}|");
const LINE_PLAIN = plain(" \"'`/()[]{}<>,;:|&?=!+-*%");
/** The first characters of arithmetic and comparison operators (`=` and `!` start `===`, `!==`). */
const BINARY = new Set([..."+-*/%<>=!"].map((char) => char.charCodeAt(0)));

const openerOf = (closer: number): number => (closer === CLOSE_PAREN ? OPEN_PAREN : closer === CLOSE_BRACKET ? OPEN_BRACKET : OPEN_BRACE);
const isWordChar = (c: number): boolean =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === DOLLAR;

/** Whether the parenthesis at `at` opens the head of an `if`, `for` or `while`. */
function followsControlKeyword(text: string, at: number): boolean {
  if (text.charCodeAt(at - 1) !== SPACE) return false;
  let start = at - 1;
  while (start > 0 && isWordChar(text.charCodeAt(start - 1))) start--;
  const word = text.slice(start, at - 1);
  return (word === "if" || word === "for" || word === "while") && (start === 0 || text.charCodeAt(start - 1) === SPACE);
}

/** Index just past the string literal that starts at `start` (the end of the line if it is unterminated). */
function skipQuoted(text: string, start: number): number {
  const quote = text[start]!;
  // indexOf finds the closing quote faster than a loop over the characters: most strings hold no escapes.
  for (let from = start + 1; ;) {
    const end = text.indexOf(quote, from);
    if (end < 0) return text.length;
    let backslashes = 0;
    while (end - backslashes - 1 > start && text.charCodeAt(end - backslashes - 1) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return end + 1;
    from = end + 1;
  }
}

/** Index just past the string literal at `start`; a double-quoted one with escapes may be requoted on `line` (`preferQuotes`). */
function quoted(text: string, start: number, line: Line | undefined): number {
  const end = skipQuoted(text, start);
  if (text.charCodeAt(start) === QUOTE && line !== undefined) {
    const escape = text.indexOf("\\", start);
    if (escape > 0 && escape < end) preferQuotes(line, text, start, end);
  }
  return end;
}

const INDENTS = [""];
function pad(level: number): string {
  while (INDENTS.length <= level) INDENTS.push(`${INDENTS[INDENTS.length - 1]!}  `);
  return INDENTS[level]!;
}

const ASCII = /^[\x20-\x7f]*$/;
/** Columns `text` takes, as prettier counts them (wide characters count two). */
const stringWidth = (text: string): number => (ASCII.test(text) ? text.length : prettierStringWidth()(text));
/** prettier's own measure, from its CommonJS entry point, which loads much less than the module one and only when a line needs it. */
let wideStringWidth: ((text: string) => number) | undefined;
function prettierStringWidth(): (text: string) => number {
  wideStringWidth ??= (createRequire(import.meta.url)("prettier") as typeof import("prettier")).util.getStringWidth;
  return wideStringWidth;
}
// No character is wider than two columns: most lines fit without measuring.
const fits = (text: string, indent: number): boolean =>
  indent * TAB_WIDTH + 2 * text.length <= options.printWidth || indent * TAB_WIDTH + stringWidth(text) <= options.printWidth;

// ---------------------------------------------------------------------------------------------
// Indenting: one pass over the lines, keeping a stack of the brackets open at each line's start.

/** `[index, characters removed, text inserted]`. */
type Edit = [number, number, string];

interface Line {
  /** Indentation level; -1 for a line inside a template literal, kept exactly as it is. */
  indent: number;
  text: string;
  /** Insertions and deletions, applied when printing. */
  edits?: Edit[];
  /** Plain code (no comment, no template literal), which may be broken when too long. */
  breakable: boolean;
  context: Context;
}

/** Where a line is: code, a type, or a member of an interface or type literal (which may break after its `:`). */
type Context = "code" | "type" | "member";

interface Frame {
  /** Indentation level of the line that opened the bracket; the lines inside are one deeper. */
  indent: number;
  /** A bracket inside a type declaration; a brace of one holds members. */
  type: boolean;
  brace: boolean;
  /** A brace of code that opens a block (of statements), not an object literal. */
  block: boolean;
  /** The parenthesis of an `if`, `for` or `while` head: a statement hangs after it. */
  control: boolean;
  /** The `${` of a template literal: closing it resumes the template's text. */
  template: boolean;
  /** The indenter's `hang` and `continued` where the bracket opened, restored when it closes. */
  hang: number;
  continued: boolean;
  /**
   * A parenthesis in a type, dropped with its partner around a lone name (`...(A)[]`) or around a
   * whole member or alias type (`a?: (…)`, when the type ends where it closes), as prettier does.
   */
  paren: { line: Line; at: number; whole: boolean } | undefined;
}

/** What the indenter is reading: code, the inside of a block comment, or the text of a template literal. */
type Mode = "code" | "comment" | "template";

/** One `scan` of a line: what it reads and what it finds for the line's end. */
interface LineScan {
  text: string;
  line: Line | undefined;
  /** The line's indentation level, which a block comment starting on it keeps. */
  indent: number;
  /** Indentation level of the frames of brackets opened on the line. */
  frameIndent: number;
  /** Index of the `)` closing an `if`, `for` or `while` head, or -1. */
  controlClose: number;
  /** The last parenthesis around a whole member or alias type that closed on the line, and where it closed. */
  wholeParen: Frame["paren"];
  wholeParenClose: number;
  /** Where a comment ending the line starts: the line's code ends before it. -1 for none. */
  comment: number;
}

const OPEN_EMPTY_BLOCK = /^(?:\} )?(?:(?:else )?if \(.*\) |else |try |for \((?:const|let|var) .* (?:of|in) .*\) )\{$/;

/** The first line of a type alias (not a re-export, `export type { A }`). */
const ALIAS_START = /^(?:export )?type [\w$]+ = /;
/** A `switch` case's labels (or `default:`) before the brace of its block. */
const CASE_LABEL = /^(?:case |default:$)/;
/** Characters after which a member or type alias continues on the next line, so no semicolon ends it. */
const CONTINUES = new Set([OPEN_PAREN, OPEN_BRACKET, OPEN_BRACE, COMMA, SEMICOLON, PIPE, AMPERSAND, EQUALS, COLON, QUESTION]);

class Indenter {
  readonly lines: Line[] = [];
  private readonly stack: Frame[] = [];
  private mode: Mode = "code";
  /** Extra levels for the body of `if (…)`, `else` or `for (…)` written on the following line. */
  private hang = 0;
  /** The statement or member goes on after a line ending with `=`, `:` or `||`: one level more until it ends. */
  private continued = false;
  /** The semicolon ending the last member, taken back if the next line goes on with `| …`. */
  private lastSemicolon: { edits: Edit[]; edit: Edit } | undefined;
  /** The top-level declaration being read, whose brackets are types. */
  private declaration: "type" | "interface" | undefined;
  private commentIndent = 0;
  private blankLine = false;
  /** The last line opened a bracket (or there is none): a blank line after it is dropped. */
  private afterOpener = true;
  /** Top-level paragraphs (runs of lines between blank lines) to be left to prettier. */
  readonly delegated: Paragraph[] = [];
  /** The paragraph being read: where it starts in the source and in `lines`, and whether it is delegated. */
  private paragraph: Pending | undefined;
  /**
   * The member of an interface or type literal, and the statement of a block, being read at each
   * depth: either is delegated alone, and the printer keeps the rest of its paragraph.
   */
  private readonly members: (Pending | undefined)[] = [];
  private readonly statements: (Pending | undefined)[] = [];
  private rawIndex = -1;

  constructor(private readonly source: readonly string[]) {}

  add(raw: string): void {
    this.rawIndex++;
    if (this.mode === "code" && this.stack.length === 0 && raw.trim() === "") this.endParagraph();
    if (this.mode === "template") {
      this.lines.push({ indent: -1, text: raw, breakable: false, context: "code" });
      this.scan(raw, 0, -1);
      this.afterOpener = false;
      return;
    }
    const text = raw.trim();
    if (this.mode === "comment") {
      // JSDoc lines align their `*` under the first one's.
      const line = text.startsWith("*") ? ` ${text}` : text;
      this.lines.push({ indent: this.commentIndent, text: line, breakable: false, context: "code" });
      this.scan(text, 0, this.commentIndent);
      this.afterOpener = false;
    } else if (text === "") this.blankLine = !this.afterOpener;
    else if (!this.closesEmpty(text)) this.addCode(text);
  }

  endParagraph(): void {
    const paragraph = this.paragraph;
    this.paragraph = undefined;
    if (paragraph?.delegate === true) this.delegate(paragraph, this.rawIndex, "paragraph");
  }

  /** The member or statement at `depth` ends on the current line. */
  private endPart(parts: (Pending | undefined)[], depth: number): void {
    const part = parts[depth];
    parts[depth] = undefined;
    if (part?.delegate === true) this.delegate(part, this.rawIndex + 1, parts === this.members ? "member" : "statement");
  }

  private delegate({ raw, line }: Pending, rawEnd: number, kind: Paragraph["kind"]): void {
    const source = this.source.slice(raw, rawEnd).join("\n");
    this.delegated.push({ source, lines: [line, this.lines.length], indent: this.lines[line]!.indent, kind });
  }

  /** Leaves to prettier the member or statement that `text` is part of, or its paragraph when it is in none. */
  private unsupported(text: string, code: boolean): void {
    let depth = this.stack.length - /^[)\]}]*/.exec(text)![0].length;
    const parts = code ? this.statements : this.members;
    while (depth > 0 && (code ? parts[depth] === undefined : !(this.stack[depth - 1]!.type && this.stack[depth - 1]!.brace))) depth--;
    const part = depth > 0 ? parts[depth] : undefined;
    if (part !== undefined) part.delegate = true;
    else this.paragraph!.delegate = true;
  }

  /** An empty block, object or list closes where it opens (`{}`): joins `text` to the line above; returns whether it did. */
  private closesEmpty(text: string): boolean {
    const first = text.charCodeAt(0);
    const previous = this.lines[this.lines.length - 1];
    if (
      !this.afterOpener ||
      !isCloser(first) ||
      previous === undefined ||
      previous.text.charCodeAt(previous.text.length - 1) !== openerOf(first) ||
      // prettier writes the empty block of an `if`, `else`, `try` or `for … of` on two lines.
      (first === CLOSE_BRACE && OPEN_EMPTY_BLOCK.test(previous.text))
    ) {
      return false;
    }
    const start = previous.text.length;
    previous.text += text;
    this.scan(previous.text, start, previous.indent, previous);
    return true;
  }

  /** Adds a line of code or of a type, indented by the brackets open at its start. */
  private addCode(text: string): void {
    const first = text.charCodeAt(0);
    if (this.blankLine && !isCloser(first)) this.lines.push({ indent: 0, text: "", breakable: false, context: "code" });
    this.blankLine = false;
    this.paragraph ??= { raw: this.rawIndex, line: this.lines.length, delegate: false };
    const top = this.stack[this.stack.length - 1];
    if (top === undefined && this.hang === 0 && !this.continued) {
      const declaration = /^(?:export )?(type|interface) /.exec(text);
      this.declaration = (declaration?.[1] as "type" | "interface" | undefined) ?? undefined;
    }
    const context =
      top === undefined ? (this.declaration === undefined ? "code" : "type") : !top.type ? "code" : top.brace ? "member" : "type";
    // A line starting `| ` or `& ` goes on with the type above it, which does not end there.
    const unionMember = context !== "code" && (first === PIPE || first === AMPERSAND) && text.charCodeAt(1) === SPACE;
    if (unionMember) {
      this.lastSemicolon?.edits.splice(this.lastSemicolon.edits.indexOf(this.lastSemicolon.edit), 1);
      this.continued ||= top === undefined || top.brace;
    }
    this.lastSemicolon = undefined;
    const hang = this.hang + (this.continued ? 1 : 0);
    const indent = top === undefined ? hang : isCloser(first) ? top.indent : top.indent + 1 + hang;
    const depth = this.stack.length;
    const start = { raw: this.rawIndex, line: this.lines.length, delegate: false };
    if (context === "member" && !isCloser(first) && !unionMember) this.members[depth] ??= start;
    // A statement of a block (not the body of an `if` on its own line, nor the rest of one that goes on).
    if (context === "code" && depth > 0 && hang === 0 && !isCloser(first) && top?.block === true) this.statements[depth] ??= start;
    const code = context === "code";
    if (code ? unsupportedCode(text, indent) : unsupportedType(text, indent) || this.typeTooLong(text, indent, context, top)) {
      this.unsupported(text, code);
    }
    const line: Line = { indent, text, breakable: true, context };
    this.lines.push(line);
    this.afterOpener = false;
    // Under a union member (`| (`), prettier aligns the group's lines past the `| `.
    this.scan(text, 0, indent, line, unionMember ? indent + 1 : indent);
  }

  /**
   * A member, or a type alias's line, too long for its line: prettier breaks types in more ways than
   * `layout` knows (never after the `:` of a member whose type is a name or a hugged union, inside
   * the brackets of an index signature, …), so the type printer lays it out. Measured as printed:
   * with its semicolon and spaced tuple unions (`[]|[A]`).
   */
  private typeTooLong(text: string, indent: number, context: Context, top: Frame | undefined): boolean {
    if (context !== "member" && !(top === undefined && this.declaration === "type" && ALIAS_START.test(text))) return false;
    return !fits(`${text.replaceAll("]|[", "] | [")};`, indent);
  }

  /** Follows brackets, strings and comments through `text` from `start`, editing `line` as it ends. */
  private scan(text: string, start: number, indent: number, line?: Line, frameIndent = indent): void {
    const scan: LineScan = {
      text,
      line,
      indent,
      frameIndent,
      controlClose: -1,
      wholeParen: undefined,
      wholeParenClose: -1,
      comment: this.mode === "code" ? -1 : start,
    };
    let i = start;
    while (i < text.length) {
      if (this.mode !== "code") {
        i = this.mode === "template" ? this.templateText(text, i) : this.commentText(scan, i);
        if (i < 0) break;
      }
      i = this.code(scan, i);
    }
    if (line === undefined || this.mode !== "code") return;
    let last = scan.comment < 0 ? text.length - 1 : scan.comment - 1;
    while (last >= start && text.charCodeAt(last) === SPACE) last--;
    if (last >= start) this.endLine(line, text, last, scan.controlClose, scan.wholeParenClose === last ? scan.wholeParen : undefined);
  }

  /** Scans code from `start`; returns where the mode changes (a template literal or comment starts, a `${}` closes), or the end. */
  private code(scan: LineScan, start: number): number {
    const { text, line } = scan;
    const n = text.length;
    for (let i = start; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c < 128 && SCAN_PLAIN[c] === 1) continue;
      if (c === QUOTE || c === APOSTROPHE) i = quoted(text, i, line) - 1;
      else if (c === SLASH && pureAnnotationAt(text, i)) i += PURE_ANNOTATION.length - 1;
      else if (c === BACKTICK) {
        this.mode = "template";
        if (line !== undefined) line.breakable = false;
        return i + 1;
      } else if (c === SLASH && i + 1 < n && (text.charCodeAt(i + 1) === SLASH || text.charCodeAt(i + 1) === STAR)) {
        return this.commentStart(scan, i);
      } else if (isOpener(c)) this.open(text, i, scan.frameIndent, line);
      else if (isCloser(c)) {
        if (this.close(scan, i)) return i + 1;
      } else if (
        c === PIPE &&
        line !== undefined &&
        i > 0 &&
        text.charCodeAt(i - 1) === CLOSE_BRACKET &&
        text.charCodeAt(i + 1) === OPEN_BRACKET
      ) {
        (line.edits ??= []).push([i, 1, " | "]); // json-schema-to-typescript writes tuple unions as `[]|[A]`
      }
    }
    return n;
  }

  /** Starts the `//` or `/*` comment at `at`; returns where scanning goes on. */
  private commentStart(scan: LineScan, at: number): number {
    if (scan.line !== undefined) scan.line.breakable = false;
    scan.comment = at;
    if (scan.text.charCodeAt(at + 1) === SLASH) return scan.text.length;
    this.mode = "comment";
    this.commentIndent = scan.indent;
    return at + 2;
  }

  /** Scans block comment text from `start`; returns where code resumes (after the comment), or -1 on the next line. */
  private commentText(scan: LineScan, start: number): number {
    const end = scan.text.indexOf("*/", start);
    if (end < 0) return -1;
    this.mode = "code";
    // Code after the comment: the comment no longer ends the line.
    if (scan.text.slice(end + 2).trim() !== "") scan.comment = -1;
    return end + 2;
  }

  /** Closes the innermost bracket at `at`; returns whether that resumes a template literal's text. */
  private close(scan: LineScan, at: number): boolean {
    const frame = this.stack.pop();
    if (frame === undefined) return false;
    this.members.length = Math.min(this.members.length, this.stack.length + 1);
    this.statements.length = Math.min(this.statements.length, this.stack.length + 1);
    this.hang = frame.hang;
    this.continued = frame.continued;
    if (frame.template) {
      this.mode = "template";
      return true;
    }
    if (frame.control) scan.controlClose = at;
    const paren = frame.paren;
    // A type's `(A)[]`, `("a")[]`, `(Record<K, V>)`; code's `!(a)`, `!(a.b(c))`.
    const lone = frame.type ? /^(?:[\w$.]+(?:<[^()]*>)?|"(?:[^"\\]|\\.)*")$/ : /^[\w$.]+(?:\([^()]*\))?$/;
    if (paren !== undefined && paren.line === scan.line && lone.test(scan.text.slice(paren.at + 1, at))) {
      (paren.line.edits ??= []).push([paren.at, 1, ""], [at, 1, ""]);
    } else if (paren?.whole) {
      scan.wholeParen = paren;
      scan.wholeParenClose = at;
    }
    return false;
  }

  private open(text: string, at: number, indent: number, line: Line | undefined): void {
    const c = text.charCodeAt(at);
    const top = this.stack[this.stack.length - 1];
    const type = top === undefined ? this.declaration !== undefined : top.type;
    // A type's parenthesis, or code's `!(`, may hold no more than a name.
    const paren = c === OPEN_PAREN && line !== undefined && (type || text.charCodeAt(at - 1) === BANG);
    // In member or alias position (`a?: (`, `X = (`), the parenthesis may hold the whole type.
    const whole =
      paren &&
      type &&
      (top === undefined ? this.declaration === "type" : top.brace) &&
      at > 1 &&
      text.charCodeAt(at - 1) === SPACE &&
      (text.charCodeAt(at - 2) === COLON || text.charCodeAt(at - 2) === EQUALS);
    const before = text.slice(0, at).trimEnd();
    this.stack.push({
      indent,
      type,
      brace: c === OPEN_BRACE,
      block: c === OPEN_BRACE && !type && before !== "" && (!/[([,=:?&|]$|(?:^|\W)return$/.test(before) || CASE_LABEL.test(before)),
      control: c === OPEN_PAREN && followsControlKeyword(text, at),
      template: false,
      hang: this.hang,
      continued: this.continued,
      paren: paren ? { line, at, whole } : undefined,
    });
    this.hang = 0;
    this.continued = false;
  }

  /** Scans template text from `start`; returns where code resumes (after the closing backtick or a `${`), or -1 on the next line. */
  private templateText(text: string, start: number): number {
    for (let i = start; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === BACKSLASH) i++;
      else if (c === BACKTICK) {
        this.mode = "code";
        return i + 1;
      } else if (c === DOLLAR && i + 1 < text.length && text.charCodeAt(i + 1) === OPEN_BRACE) {
        this.stack.push({
          indent: 0,
          type: false,
          brace: true,
          block: false,
          control: false,
          template: true,
          hang: this.hang,
          continued: this.continued,
          paren: undefined,
        });
        this.mode = "code";
        return i + 2;
      }
    }
    return -1;
  }

  private endLine(line: Line, text: string, last: number, controlClose: number, wholeParen: Frame["paren"]): void {
    const top = this.stack[this.stack.length - 1];
    const lastChar = text.charCodeAt(last);
    // A member of an interface or type literal, or a type alias, ends here: prettier ends it with `;`.
    if ((top === undefined ? this.declaration === "type" : top.type && top.brace) && !CONTINUES.has(lastChar)) {
      const edit: Edit = [last + 1, 0, ";"];
      const edits = (line.edits ??= []);
      edits.push(edit);
      this.lastSemicolon = { edits, edit };
      if (top !== undefined) this.endPart(this.members, this.stack.length);
    }
    if (wholeParen !== undefined) {
      (line.edits ??= []).push([last, 1, ""]);
      (wholeParen.line.edits ??= []).push([wholeParen.at, 1, ""]);
    }
    const ending = lastChar === LOWER_E || CONTINUES.has(lastChar) ? text.slice(Math.max(0, last - 5), last + 1) : "";
    if (last === controlClose || /(?:^|[ }])else$/.test(ending)) this.hang++;
    else if (lastChar === SEMICOLON || lastChar === CLOSE_BRACE) {
      this.hang = 0;
      this.continued = false;
      this.endPart(this.statements, this.stack.length);
    } else if (lastChar === COMMA) this.continued = false;
    else if (top === undefined || top.brace) {
      // Only a statement or member goes on a level deeper: inside parentheses or brackets the lines line up.
      this.continued ||= / (?:=|\|\||&&|\?\?)$/.test(ending) || (lastChar === COLON && top !== undefined && (top.type || !top.block));
    } else if (text.endsWith(" +")) {
      // Except a concatenation broken inside them (an argument `instancePath +`): prettier indents its rest.
      this.continued = true;
    }
    this.afterOpener = isOpener(lastChar);
  }
}

/** Like prettier, a string holding more double quotes than single quotes is written in single quotes. */
function preferQuotes(line: Line, text: string, start: number, end: number): void {
  const literal = text.slice(start, end);
  const preferred = prettierString(literal);
  if (preferred !== literal) (line.edits ??= []).push([start, end - start, preferred]);
}

function applyEdits(text: string, edits: readonly Edit[]): string {
  let result = text;
  for (const [at, remove, insert] of [...edits].sort((a, b) => b[0] - a[0]))
    result = result.slice(0, at) + insert + result.slice(at + remove);
  return result;
}

/** Where a paragraph or member being read starts in the source and in the lines, and whether prettier formats it. */
interface Pending {
  raw: number;
  line: number;
  delegate: boolean;
}

/** A paragraph, member or statement the printer does not lay out as prettier would: its source, the range of its lines, their indentation level. */
interface Paragraph {
  source: string;
  lines: [number, number];
  indent: number;
  kind: "paragraph" | "member" | "statement";
}

/**
 * A union whose members span lines (`}) | {`, `}[] | null`, `(A | {`): prettier breaks it before
 * every `|`, which the printer does not do; only an object or null (`} | null`) stays hugged.
 */
function unionAcrossLines(text: string): boolean {
  return acrossLines(text) && !/^\} \| null\)?(?:\[\])*$/.test(text);
}

/**
 * Code the printer does not write as prettier does: parentheses around a negated call (`!(f(x))`),
 * a quoted key that needs no quotes, a ternary too long for its line (other than `(… ? 1 : 0)`).
 */
function unsupportedCode(text: string, indent: number): boolean {
  if (quotedIdentifier(text) || nestedList(text)) return true;
  if (text.includes(" = (") && parenthesizedValue(text)) return true;
  if (fits(text, indent)) return false;
  if (longParenthesizedChain(text, indent) || longForHead(text, indent)) return true;
  if (negatedChainOperand(text)) return true;
  // prettier hugs an arrow function that is the last argument.
  if (text.includes(" => ")) return true;
  if (!text.includes(" ? ")) return false;
  // A ternary stays whole where it fits on a line of its own (`(checkX(v) ? 1 : 0) !== 1`, `key: a ? b : c,`).
  const ternaries = text.match(/\((?:[^()]|\([^()]*\))* \? 1 : 0\)|[\w$.]+ [!=<>]=* [^?(){}]+ \? [^:]+ : [\w$."]+/g) ?? [];
  // A count (`(checkA(v) ? 1 : 0)`) that is a term of a sum breaks as prettier does (`layout`); after
  // a lone count that breaks, prettier keeps `!== 1` on its last line, which the printer does not.
  const termOfSum = (ternary: string): boolean =>
    COUNT_TERM.test(ternary) && (text.includes(`${ternary} + `) || text.includes(` + ${ternary}`));
  if (ternaries.some((ternary) => !fits(`${ternary} !== 1,`, indent + 2) && !termOfSum(ternary))) return true;
  return text
    .replace(/ \? 1 : 0\)/g, ")")
    .replace(/[\w$.]+ [!=<>]=* [^?(){}]+ \? [^:]+ : [\w$."]+/g, "")
    .includes(" ? ");
}

/**
 * A negated group holding a logical chain that is the left operand of another
 * (`!(isJsonObject(v) && …) && check(v)`): prettier breaks its chain with the
 * chain around it, even where the group would fit on a line, which the printer does not. (As the
 * last operand, `a && !(b || c)`, the printer breaks it as prettier does.)
 */
function negatedChainOperand(text: string): boolean {
  return parenthesisPairs(text).some(([open, close]) => {
    if (text.charCodeAt(open - 1) !== BANG || !/ (?:&&|\|\|) /.test(text.slice(open + 1, close))) return false;
    return /^ (?:&&|\|\||\?) /.test(text.slice(close + 1));
  });
}

/**
 * Types the printer does not write as prettier does: a union spanning lines, a union and an
 * intersection side by side (prettier parenthesizes the intersection), an intersection too long for its line.
 */
function unsupportedType(unspaced: string, indent: number): boolean {
  // json2ts writes tuple unions unspaced (`[]|[A]`), which the printer spaces.
  const text = unspaced.replaceAll("]|[", "] | [");
  const union = text.includes("|");
  const intersection = text.includes("&");
  if (quotedIdentifier(text) || TUPLE_PARENTHESIS.test(text) || nestedList(text) || OBJECT_IN_TUPLE.test(text)) return true;
  if (text.includes("((") && doubledParentheses(text)) return true;
  if (union && unionAcrossLines(text)) return true;
  if (intersection && (!fits(`${text};`, indent) || acrossLines(text))) return true;
  // A string's content may look like JSON too: only what is left without strings counts.
  if (JSON_LITERAL.test(text) && JSON_LITERAL.test(text.replace(STRINGS, '""'))) return true;
  return union && intersection && unionBesideIntersection(text);
}

/**
 * A parenthesized logical chain (`(a && b)`, not a call's arguments) with an operand too long for
 * a line of its own (prettier breaks inside the operand), or a long negated one of two operands.
 * An operand that is a parenthesized chain itself is no such operand: it hangs as its parent does.
 */
function longParenthesizedChain(text: string, indent: number): boolean {
  const pairs = parenthesisPairs(text);
  return pairs.some(([open, close]) => {
    const negated = text.charCodeAt(open - 1) === BANG;
    if ((open > 0 && text.charCodeAt(open - 1) !== SPACE && !negated) || followsControlKeyword(text, open)) return false;
    const content = text.slice(open + 1, close);
    if (fits(`(${content}) ||`, indent + 2) || !/ (?:&&|\|\||\?\?) /.test(content)) return false;
    const structure = topLevel(content);
    if (structure === undefined) return true;
    const chain = breakpoints(content, structure, true);
    // Negated, `!(` ends its line and `)` starts one, and an operand too long breaks as prettier breaks it (breakGroup).
    if (negated || !chain.some(({ operator }) => LOGICAL.has(operator))) return false;
    // Hung, the chain has one operand a line: each must fit, a level deeper for each chain around
    // it, except one that is a parenthesized chain itself, which hangs the same way (and is one of
    // `pairs`); not the first, which shares its line with this chain's `(` (prettier breaks `((a &&`).
    const depth = pairs.filter(([outer, end]) => outer < open && end > close).length;
    return cut(content, chain, true).some(
      (piece, index) => (index === 0 || !hungChain(piece)) && !fits(`(${piece}) ||${")".repeat(depth)}`, indent + 2 + depth),
    );
  });
}

/** A chain operand that is a parenthesized logical chain, with its trailing operator (`(a && b) ||`). */
function hungChain(piece: string): boolean {
  const inner = parenthesizedOperators(piece.replace(/ (?:&&|\|\||\?\?)$/, ""));
  return inner !== undefined && inner.some(({ operator }) => LOGICAL.has(operator));
}

/** The top-level operators inside the parentheses that wrap all of `operand` (`(a && b)`), if they do. */
function parenthesizedOperators(operand: string): TopLevelOperator[] | undefined {
  if (!operand.startsWith("(") || topLevel(operand)?.groups[0]?.[1] !== operand.length - 1) return undefined;
  return topLevel(operand.slice(1, -1))?.operators;
}

/** A `for` head with a part too long for a line of its own: prettier breaks inside it (`index <`, then `x.length` unindented), the printer does not. */
function longForHead(text: string, indent: number): boolean {
  if (!text.startsWith("for (")) return false;
  const head = topLevel(text)?.groups[0];
  return (
    head === undefined ||
    text
      .slice(head[0] + 1, head[1])
      .split("; ")
      .some((part) => !fits(`${part};`, indent + 1))
  );
}

/** The matched parentheses of `text` outside strings, `[open, close]`, in the order they close. */
function parenthesisPairs(text: string): [number, number][] {
  const pairs: [number, number][] = [];
  const opens: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE || c === APOSTROPHE) i = skipQuoted(text, i) - 1;
    else if (c === OPEN_PAREN) opens.push(i);
    else if (c === CLOSE_PAREN && opens.length > 0) pairs.push([opens.pop()!, i]);
  }
  return pairs;
}

/** Whether the value of an assignment is wrapped whole in parentheses (prettier drops them). */
function parenthesizedValue(text: string): boolean {
  const structure = topLevel(text);
  if (structure === undefined || structure.assignment < 0 || text.charCodeAt(structure.assignment + 2) !== OPEN_PAREN) return false;
  const group = structure.groups.find(([open]) => open === structure.assignment + 2);
  return group !== undefined && /^;?$/.test(text.slice(group[1] + 1));
}

/** A list of lists or objects (`[[`, `[{`): prettier breaks it, one per line, when each has more than one item. */
const nestedList = (text: string): boolean => text.includes("[[") || text.includes("[{");
const quotedIdentifier = (text: string): boolean => (text.includes('": ') || text.includes('"?: ')) && QUOTED_IDENTIFIER.test(text);

/** A quoted key that is an identifier (prettier unquotes it). */
const QUOTED_IDENTIFIER = /(?:^|[{,] )"[\p{L}\p{Nl}$_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}$_]*"\??: /u;
/** A parenthesized tuple element or rest element, a parenthesized tuple (prettier drops the parentheses). */
const TUPLE_PARENTHESIS = /(?:\[|, |\.\.\.)\(|\(\[/;
/** A tuple with an object literal type that spans lines after another element: prettier puts each element on its own line. */
const OBJECT_IN_TUPLE = /\[[^[\]"]*, \{$/;
const STRINGS = /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g;
/** A literal type written as JSON (`{"a":1}`, `["a",1]`): prettier spaces it. */
const JSON_LITERAL = /\{[^ }]|[,:][^ ]/;

/**
 * Parentheses right inside parentheses around the same thing (`((A | B))`), which prettier drops; a
 * parenthesized union that is one member of another (`(("a" | "b") | string)`) it keeps, and so does the printer.
 */
function doubledParentheses(text: string): boolean {
  return parenthesisPairs(text).some(
    ([open, close]) => text.charCodeAt(open - 1) === OPEN_PAREN && text.charCodeAt(close + 1) === CLOSE_PAREN,
  );
}

function acrossLines(text: string): boolean {
  const structure = topLevel(text);
  return structure === undefined || structure.closesEarlier || structure.leavesOpen;
}

/** Whether `|` and `&` meet inside one pair of brackets (or at the top level) of `text`. */
function unionBesideIntersection(text: string): boolean {
  const seen: number[] = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE || c === APOSTROPHE) i = skipQuoted(text, i) - 1;
    else if (isOpener(c)) seen.push(0);
    else if (isCloser(c)) seen.pop();
    else if (c === PIPE || c === AMPERSAND) {
      const top = seen.length - 1;
      if (top < 0) return true;
      seen[top]! |= c === PIPE ? 1 : 2;
      if (seen[top] === 3) return true;
    }
  }
  return false;
}

/**
 * The printer's output, and the parts of it that prettier must format instead: `[start, end)`
 * offsets, their source, their indentation level and what they are.
 */
export interface PrintedModule {
  text: string;
  delegated: { start: number; end: number; source: string; indent: number; kind: Paragraph["kind"] }[];
}

/** Formats TypeScript that codegen generated. Deterministic, and printing printed output changes nothing. */
export function printModule(source: string, printOptions: PrintOptions = PRETTIER_DEFAULTS): PrintedModule {
  options = printOptions;
  const rawLines = source.split("\n");
  const indenter = new Indenter(rawLines);
  for (const raw of rawLines) indenter.add(raw);
  indenter.endParagraph();
  const out: string[] = [];
  // Where each line's output starts in `out`, for the delegated paragraphs.
  const starts: number[] = [];
  for (const line of indenter.lines) {
    starts.push(out.length);
    const text = line.edits === undefined || line.edits.length === 0 ? line.text : applyEdits(line.text, line.edits);
    if (line.indent < 0) out.push(text);
    else if (text === "") out.push("");
    else if (line.breakable && !fits(text, line.indent)) layout(text, line.indent, line.context, out);
    else out.push(pad(line.indent) + text);
  }
  starts.push(out.length);
  const delegated: PrintedModule["delegated"] = [];
  if (indenter.delegated.length === 0) return { text: `${out.join("\n")}\n`, delegated };
  // The output in pieces: the printer's lines between the parts, and each part's text: the type
  // printer's, or the line printer's as a placeholder for prettier's (`delegated`).
  const pieces: string[] = [];
  let length = 0;
  let printedTo = 0;
  const emit = (text: string): void => {
    pieces.push(text);
    length += text.length;
  };
  const emitLines = (to: number): void => {
    for (; printedTo < to; printedTo++) emit(`${out[printedTo]!}\n`);
  };
  // A member inside a delegated paragraph or member goes with it.
  for (const {
    source: part,
    lines: [from, to],
    indent,
    kind,
  } of indenter.delegated.sort((a, b) => a.lines[0] - b.lines[0] || b.lines[1] - a.lines[1])) {
    if (starts[from]! < printedTo) continue;
    emitLines(starts[from]!);
    const typePart = kind === "statement" ? undefined : printTypePart(part, kind, indent, options.printWidth);
    if (typePart !== undefined) {
      emit(typePart);
      printedTo = starts[to]!;
      continue;
    }
    const start = length;
    emitLines(starts[to]!);
    delegated.push({ start, end: length, source: part, indent, kind });
  }
  emitLines(out.length);
  return { text: pieces.join(""), delegated };
}

/** The printer's own output for all of `source`, delegated paragraphs included. */
export const printTypeScript = (source: string, printOptions: PrintOptions = PRETTIER_DEFAULTS): string =>
  printModule(source, printOptions).text;

// ---------------------------------------------------------------------------------------------
// Breaking long lines.

/** A separator at a line's top level (outside every bracket, string and comment). */
interface TopLevelOperator {
  at: number;
  operator: "," | ";" | "?" | "??" | "||" | "&&" | "|" | "&" | "+" | "-" | Comparison;
}

type Comparison = "===" | "!==" | "<" | ">" | "<=" | ">=";

/** The comparison at `at`, spaced as generated code writes it (`a === b`), if there is one. */
function comparisonAt(text: string, at: number): Comparison | undefined {
  const c = text.charCodeAt(at);
  const next = text.charCodeAt(at + 1);
  if (c === EQUALS || c === BANG) {
    const strict = next === EQUALS && text.charCodeAt(at + 2) === EQUALS && text.charCodeAt(at + 3) === SPACE;
    return strict ? (c === EQUALS ? "===" : "!==") : undefined;
  }
  if (c !== LESS && c !== GREATER) return undefined;
  if (next === EQUALS) return text.charCodeAt(at + 2) === SPACE ? (c === LESS ? "<=" : ">=") : undefined;
  return next === SPACE ? (c === LESS ? "<" : ">") : undefined;
}

/** How loosely each operator binds: a line breaks at its loosest one. */
const LOOSENESS: Record<TopLevelOperator["operator"], number> = {
  ",": 6,
  ";": 6,
  "?": 5,
  "??": 4,
  "||": 4,
  "&&": 3,
  "|": 2,
  "&": 1,
  // Code has no `|` or `&` (bitwise), types no `+` or `-`.
  "+": 2,
  "-": 2,
  "===": 2.5,
  "!==": 2.5,
  "<": 2.5,
  ">": 2.5,
  "<=": 2.5,
  ">=": 2.5,
};

export interface TopLevel {
  /** Bracket groups opened and closed on the line, outermost only: `[open, close]` index pairs. */
  groups: [number, number][];
  operators: TopLevelOperator[];
  /** Index of the first top-level assignment `=`, or -1. */
  assignment: number;
  /** Index of the first top-level `:` followed by a space, or -1. */
  colon: number;
  /** A bracket closes one opened before the line. */
  closesEarlier: boolean;
  /** A bracket is left open for the lines after. */
  leavesOpen: boolean;
  /** An arithmetic or comparison operator at the top level: the line is a binary expression. */
  binary: boolean;
}

/**
 * The top-level structure of one line of code; undefined when it holds a comment or a template
 * literal. Generic arguments (`Record<string, unknown>`) are brackets; comparisons, always spaced in
 * generated code, are not.
 */
export function topLevel(text: string): TopLevel | undefined {
  const result: TopLevel = {
    groups: [],
    operators: [],
    assignment: -1,
    colon: -1,
    closesEarlier: false,
    leavesOpen: false,
    binary: false,
  };
  let depth = 0;
  let angles = 0;
  let open = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 128 && LINE_PLAIN[c] === 1) continue;
    const previous = i > 0 ? text.charCodeAt(i - 1) : SPACE;
    const next = i + 1 < text.length ? text.charCodeAt(i + 1) : SPACE;
    if (c === QUOTE || c === APOSTROPHE) i = skipQuoted(text, i) - 1;
    else if (c === SLASH && pureAnnotationAt(text, i)) i += PURE_ANNOTATION.length - 1;
    else if (c === BACKTICK || (c === SLASH && (next === SLASH || next === STAR))) return undefined;
    else if (isOpener(c)) {
      if (depth++ === 0) open = i;
    } else if (isCloser(c)) {
      if (depth === 0) result.closesEarlier = true;
      else if (--depth === 0) result.groups.push([open, i]);
    } else if (depth > 0) continue;
    else if (c === LESS && isWordChar(previous) && next !== SPACE) angles++;
    else if (c === GREATER && angles > 0 && previous !== SPACE && previous !== EQUALS) angles--;
    else if (angles > 0) continue;
    else if (c === COMMA || c === SEMICOLON) result.operators.push({ at: i, operator: c === COMMA ? "," : ";" });
    else if (c === COLON && next === SPACE && result.colon < 0) result.colon = i;
    else if (previous !== SPACE) continue;
    else if ((c === PIPE || c === AMPERSAND || c === QUESTION) && next === c && text.charCodeAt(i + 2) === SPACE) {
      result.operators.push({ at: i++, operator: c === PIPE ? "||" : c === AMPERSAND ? "&&" : "??" });
    } else if ((c === PIPE || c === AMPERSAND || c === QUESTION) && next === SPACE) {
      result.operators.push({ at: i, operator: c === PIPE ? "|" : c === AMPERSAND ? "&" : "?" });
    } else if (c === EQUALS && next === SPACE && result.assignment < 0) result.assignment = i;
    else if (BINARY.has(c) && (next === SPACE || next === EQUALS)) {
      const operator = c === PLUS ? "+" : c === MINUS ? "-" : comparisonAt(text, i);
      if (operator !== undefined) result.operators.push({ at: i, operator });
      result.binary = true;
      if (operator !== undefined) i += operator.length - 1;
    }
  }
  result.leavesOpen = depth > 0;
  return result;
}

/**
 * Where `text` breaks: its loosest top-level operators, leaving out a leading or trailing one (`| A`,
 * `A ||`: the line was cut there already). Never inside a ternary; never at a comma or semicolon
 * unless `lists` (inside a bracket group).
 */
function breakpoints(text: string, structure: TopLevel, lists: boolean): TopLevelOperator[] {
  const first = text.length - text.trimStart().length;
  const end = text.trimEnd().length;
  const inner = structure.operators.filter(({ at, operator }) => at > first && at + operator.length < end);
  const loosest = Math.max(...inner.map(({ operator }) => LOOSENESS[operator]));
  if (loosest === LOOSENESS["?"] || (loosest === LOOSENESS[","] && !lists)) return [];
  return inner.filter(({ operator }) => LOOSENESS[operator] === loosest);
}

/**
 * `text` cut at `operators`, one operand per line with its operator placed as prettier does: union
 * and intersection members lead with `|` or `&` (the first one too when `leadFirst`); a comma,
 * semicolon or logical operator trails.
 */
function cut(text: string, operators: readonly TopLevelOperator[], leadFirst: boolean): string[] {
  const operands: string[] = [];
  let from = 0;
  for (const operator of operators) {
    operands.push(text.slice(from, operator.at).trim());
    from = operator.at + operator.operator.length;
  }
  operands.push(text.slice(from).trim());
  const lead = operators[0]?.operator;
  if (lead === "|" || lead === "&") return operands.map((operand, index) => (index === 0 && !leadFirst ? operand : `${lead} ${operand}`));
  return operands.map((operand, index) => {
    const operator = operators[index]?.operator;
    return operator === undefined ? operand : operator === "," || operator === ";" ? operand + operator : `${operand} ${operator}`;
  });
}

const CONTROL = /^(?:\} )?(?:(?:else )?if|for|while) \(/;
const ELSE = /^(?:\} )?else (?!if |\{)/;

/**
 * Writes `text` at `indent`, broken into lines that fit PRINT_WIDTH where it can be, trying in turn:
 * the body of `if (…)`, `for (…)` or `else` goes on the next line; an assignment or member moves its
 * value after the `=` or `:`; an operator chain puts one operand per line; the last bracket group
 * puts one item per line, hugging a group that only wraps another (`errors.push({`).
 */
function layout(text: string, indent: number, context: Context, out: string[]): void {
  const structure = fits(text, indent) || LONE_SPECIFIER.test(text) ? undefined : topLevel(text);
  if (structure === undefined) {
    out.push(pad(indent) + text);
    return;
  }
  const parts: Context = context === "member" ? "type" : context;

  if (!structure.closesEarlier && !structure.leavesOpen && text.endsWith(";")) {
    const control = CONTROL.exec(text);
    const headEnd =
      control === null ? ELSE.exec(text)?.[0].length : structure.groups.find(([open]) => open === control[0].length - 1)![1] + 1;
    const body = headEnd === undefined ? "" : text.slice(headEnd).trim();
    if (body !== "" && !body.startsWith("{")) {
      layout(text.slice(0, headEnd).trim(), indent, parts, out);
      layout(body, indent + 1, parts, out);
      return;
    }
  }

  // The lines after one that leaves a bracket open are indented already, from where this line starts.
  const split = structure.leavesOpen
    ? -1
    : context === "member"
      ? structure.colon
      : context === "type"
        ? structure.assignment
        : codeSplit(text, structure);
  if (split > 0 && text.trimEnd().length > split + 1) {
    const value = text.slice(split + 1).trim();
    const valueStructure = topLevel(value)!;
    const own = value !== "" && fits(value, indent + 1);
    // A type: an object or array literal breaks inside its braces instead (prettier's choice too).
    const breakAfter =
      context === "code"
        ? breaksAfterOperator(text.slice(0, split), value, valueStructure, indent, structure.assignment < 0)
        : own &&
          (!/^[{[(]/.test(value) ||
            (context === "type" && valueStructure.operators.some(({ operator }) => operator === "|")) ||
            // A parenthesized type (`(A | B)[]`) breaks inside its parentheses where `= (` fits (prettier's "fluid" layout).
            (value.startsWith("(") && !fits(`${text.slice(0, split + 1)} (`, indent)));
    const operators = (context === "code" ? breakAfter : true) && !own ? breakpoints(value, valueStructure, false) : [];
    if (breakAfter || operators.length > 0) {
      out.push(pad(indent) + text.slice(0, split + 1));
      for (const piece of cut(value, operators, true)) layout(piece, indent + 1, parts, out);
      return;
    }
  }

  const chain = structure.leavesOpen ? [] : breakpoints(text, structure, false);
  if (chain.length > 0) {
    // Continued lines go a level deeper, unless this line already continues a type (`| A & B`).
    const deeper = /^[|&] /.test(text) ? indent : indent + 1;
    cut(text, chain, false).forEach((piece, index) => layout(piece, index === 0 ? indent : deeper, parts, out));
    return;
  }

  // A parenthesized count (oneOf's `(check(v) ? 1 : 0) +`) breaks as prettier breaks a conditional: before `?` and `:`.
  // When the test is too long itself, a branch's prune test (`!ruledOut &&`) ends its first line
  // with the call at the same indent, and then the call breaks, its argument on a line of its own
  // (a name longer than the line stays whole, as in prettier).
  const count = COUNT_TERM.exec(text);
  if (count !== null) {
    const [test, call, callee, argument, suffix] = [count[1]!, count[3]!, count[4]!, count[5]!, count[6]!];
    const guard = count[2];
    const branches = [`${pad(indent + 1)}? 1`, `${pad(indent + 1)}: 0)${suffix}`];
    if (fits(`(${test}`, indent)) {
      out.push(`${pad(indent)}(${test}`, ...branches);
      return;
    }
    const open = guard === undefined ? "(" : "";
    if (guard !== undefined) {
      out.push(`${pad(indent)}(${guard} &&`);
      if (fits(call, indent)) {
        out.push(`${pad(indent)}${call}`, ...branches);
        return;
      }
    }
    out.push(`${pad(indent)}${open}${callee}(`, `${pad(indent + 1)}${argument},`, `${pad(indent)})`, ...branches);
    return;
  }

  // The brackets of an index signature (`[k: string]: …`) never break: `[\n k: string,\n]` is a syntax error.
  const group = structure.groups.filter(([open, close]) => close > open + 1 && !(context === "member" && open === 0)).pop();
  if (group === undefined) out.push(pad(indent) + text);
  else breakGroup(text, group, indent, parts, out);
}

/**
 * A call counted as 0 or 1 (`(checkA(v) ? 1 : 0)`, `(!ruledOut && checkA(v) ? 1 : 0)`), as an
 * operand of a sum or of its comparison: the test, the negated prune test, the call, its callee and argument.
 */
const COUNT_TERM = /^\(((?:(![\w$]+) && )?(([\w$]+)\(([^(),]*)\))) \? 1 : 0\)((?: \+| !==)?)$/;

/** An import or export of one name, which prettier never breaks: `import type { LongName } from "./LongName.js";`, `export type { LongName };` */
const LONE_SPECIFIER = /^(?:import|export)(?: type)? \{ [^,{}]+ \}(?: from (["'])[^"']*\1)?;$/;

/** Where a line of code splits into a target and a value: its assignment's `=`, or the `:` of an object property. */
function codeSplit(text: string, structure: TopLevel): number {
  if (structure.assignment >= 0) return structure.assignment;
  return structure.colon > 0 && PROPERTY_KEY.test(text.slice(0, structure.colon)) ? structure.colon : -1;
}

const PROPERTY_KEY = /^(?:[\w$]+|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')$/;
const STRING_LITERAL = /^!*(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')[,;]?$/;

/**
 * Whether `target = value` (or the property `target: value`), too long for one line, breaks after
 * its operator: prettier's assignment layouts. Binary expressions, ternaries with a binary test,
 * string literals and poorly breakable chains (`a.b`, `f(x)` with a lone short argument) break
 * after it ("break-after-operator"), but not the value of a property with a short key; anything
 * else does only when what precedes its first line break does not fit ("fluid").
 */
function breaksAfterOperator(target: string, annotated: string, annotatedStructure: TopLevel, indent: number, property: boolean): boolean {
  // prettier chooses the layout by the expression; the annotation before it only takes room.
  const annotation = annotated.startsWith(PURE_ANNOTATION) ? PURE_ANNOTATION : "";
  const value = annotated.slice(annotation.length);
  const structure = annotation === "" ? annotatedStructure : topLevel(value)!;
  const ternary = structure.operators.find(({ operator }) => operator === "?");
  if (ternary !== undefined) {
    if (topLevel(value.slice(0, ternary.at))!.binary) return true;
  } else if (structure.binary || structure.operators.some(({ operator }) => LOOSENESS[operator] === LOOSENESS["||"] || operator === "&&")) {
    return true;
  }
  const shortKey = property && stringWidth(target) < TAB_WIDTH + 3;
  if (!shortKey && ternary === undefined && (STRING_LITERAL.test(value) || poorlyBreakableChain(value, structure))) return true;
  if (shortKey && ternary === undefined && /^(?:-?\d|true|false|`)/.test(value)) return false;
  return !fits(`${target.trimEnd()}${property ? ":" : " ="} ${annotation}${firstSegment(value, structure)}`, indent);
}

/** A member or call chain whose calls have no argument or one short literal or name (`f(x)`, `a.b()`). */
function poorlyBreakableChain(value: string, structure: TopLevel): boolean {
  const chain = /^[\w$]+(?:\??\.[\w$]+|!)*/.exec(value);
  if (chain === null || structure.binary || structure.operators.some(({ at }) => at < value.length - 1)) return false;
  let at = chain[0].length;
  let calls = 0;
  let members = 0;
  for (const [open, close] of structure.groups) {
    if (open !== at) return false;
    if (value.charCodeAt(open) === OPEN_PAREN) {
      if (close > open + 1 && !loneShortArgument(value.slice(open + 1, close))) return false;
      calls++;
    } else members++;
    at = close + 1 + (/^(?:\??\.[\w$]+|!)*/.exec(value.slice(close + 1))?.[0].length ?? 0);
  }
  // A lone name is not a chain; a name with a computed member (`a["b.c"]`) is, as prettier's member chains.
  return (calls > 0 || members > 0 || chain[0].includes(".")) && /^[,;]?$/.test(value.slice(at));
}

/** prettier's `isLoneShortArgument` for the arguments codegen writes: a short name or literal. */
function loneShortArgument(argument: string): boolean {
  const threshold = options.printWidth * 0.25;
  if (/^[\w$]+$/.test(argument) && !/^\d/.test(argument)) return argument.length <= threshold || /^(?:true|false|null)$/.test(argument);
  if (/^-?[\d.]/.test(argument) || /^(?:true|false|null)$/.test(argument)) return true;
  return STRING_LITERAL.test(argument)
    ? argument.length <= threshold
    : /^[\w$]+\(\)$/.test(argument) && argument.length - 2 <= threshold - 2;
}

/** `value` up to where prettier could first break it: inside its first bracket group, or at its first operator. */
function firstSegment(value: string, structure: TopLevel): string {
  const group = structure.groups.find(([open, close]) => close > open + 1);
  const operator = structure.operators.find(({ at }) => at < value.trimEnd().length - 1);
  const end = Math.min(group === undefined ? value.length : group[0] + 1, operator === undefined ? value.length : operator.at);
  return value.slice(0, end).trimEnd();
}

/** Writes `text` with the bracket group `[open, close]` broken: one item per line. */
function breakGroup(text: string, group: [number, number], indent: number, context: Context, out: string[]): void {
  const [open, close] = huggedGroup(text, group);
  const content = text.slice(open + 1, close);
  // Under a union member (`| (`), prettier aligns the group's lines past the `| `.
  const aligned = /^[|&] /.test(text) ? 1 : 0;
  // A parenthesized chain always breaks at its own operators, even where it would fit a line of its own.
  const chain = breakpoints(content, topLevel(content)!, true);
  const hangs = hangsFromParenthesis(text, open, chain);
  const separators = hangs ? chain : groupBreakpoints(text, open, content, indent + 1 + aligned);
  const items = cut(content, separators, true);
  const head = text.slice(0, open + 1);
  const tail = text.slice(close);
  if (hangs) {
    // A parenthesized chain inside another hangs from its parenthesis: `(a &&` then `  b)`.
    items.forEach((item, index) => {
      const line = `${index === 0 ? head : ""}${item}${index === items.length - 1 ? tail : ""}`;
      layout(line, index === 0 ? indent : indent + 1, context, out);
    });
    return;
  }
  const separator = separators[0]?.operator ?? impliedSeparator(text, open, context);
  const lastItem = items[items.length - 1]!;
  // As prettier: a comma after the last argument, parameter or list item (never after a rest
  // parameter), a semicolon after the last member of a type literal.
  const restParameter = lastItem.startsWith("...") && /^(?:export )?function /.test(text);
  if ((separator === "," && !restParameter) || (separator === ";" && text.charCodeAt(open) === OPEN_BRACE)) {
    items[items.length - 1] = lastItem + separator;
  }
  layout(head, indent, context, out);
  if (text.charCodeAt(open - 1) === BANG && items.length === 2 && groupsItsOperator(content, separators)) {
    // prettier groups the one operator of a negated chain (`!(a || b)`) with its right operand:
    // once `a` breaks, `|| b` goes on after its last line where it fits there.
    const first: string[] = [];
    layout(items[0]!, indent + 1 + aligned, context, first);
    const joined = `${first[first.length - 1]!} ${items[1]!}`;
    if (first.length > 1 && stringWidth(joined) <= options.printWidth) out.push(...first.slice(0, -1), joined);
    else {
      out.push(...first);
      layout(items[1]!, indent + 1 + aligned, context, out);
    }
    layout(tail, indent + aligned, context, out);
    return;
  }
  for (const item of items) layout(item, indent + 1 + aligned, context, out);
  layout(tail, indent + aligned, context, out);
}

/**
 * The group to break: call arguments that are only another group, as in `errors.push({`, hug it
 * and break the inner one (an array of one array, `[[`, does not).
 */
function huggedGroup(text: string, [open, close]: [number, number]): [number, number] {
  for (;;) {
    if (text.charCodeAt(open) !== OPEN_PAREN) return [open, close];
    const wrapped = topLevel(text.slice(open + 1, close))!;
    const only = wrapped.groups.length === 1 && wrapped.operators.length === 0 ? wrapped.groups[0]! : undefined;
    if (only === undefined) return [open, close];
    const innerOpen = open + 1 + only[0];
    const innerClose = open + 1 + only[1];
    if (!/^\s*!?$/.test(text.slice(open + 1, innerOpen)) || text.slice(innerClose + 1, close).trim() !== "") return [open, close];
    open = innerOpen;
    close = innerClose;
  }
}

/**
 * Where the `content` of the group opened at `open` breaks. Lists put every item on its own line,
 * and so do the conditions of `if (` and `while (`; any other operator chain stays on one line if it
 * fits there, at `indent`.
 */
function groupBreakpoints(text: string, open: number, content: string, indent: number): TopLevelOperator[] {
  const found = breakpoints(content, topLevel(content)!, true);
  const control = followsControlKeyword(text, open);
  const list =
    found[0] === undefined ||
    LOOSENESS[found[0].operator] === LOOSENESS[","] ||
    (control && LOGICAL.has(found[0].operator)) ||
    ((control || text.charCodeAt(open - 1) === BANG) && !groupsItsOperator(content, found));
  return list || !fits(content.trim(), indent) ? found : [];
}

const LOGICAL: ReadonlySet<string> = new Set(["||", "&&", "??"]);

/**
 * Whether prettier puts the one operator of a two-operand chain in a group of its own (its operands
 * are not chains of the same kind, logical or binary, parenthesized or not), so it breaks only if
 * the right operand does not fit on the line; a longer chain breaks at every operator at once.
 */
function groupsItsOperator(content: string, found: readonly TopLevelOperator[]): boolean {
  if (found.length !== 1) return false;
  const { at, operator } = found[0]!;
  // prettier compares node types: a logical chain is one kind, a binary one another, a ternary neither.
  const kind = (op: TopLevelOperator["operator"]): string | undefined =>
    LOGICAL.has(op) ? "logical" : LOOSENESS[op] < LOOSENESS["&&"] ? "binary" : undefined;
  const sameKind = (operators: readonly TopLevelOperator[]): boolean => operators.some((other) => kind(other.operator) === kind(operator));
  if (sameKind(topLevel(content)!.operators.filter((other) => other.at !== at))) return false;
  return ![content.slice(0, at).trim(), content.slice(at + operator.length).trim()].some((operand) => {
    const inner = parenthesizedOperators(operand);
    return inner !== undefined && sameKind(inner);
  });
}

/** Whether the group is a parenthesized logical chain (not a call's arguments nor a control head). */
function hangsFromParenthesis(text: string, open: number, separators: readonly TopLevelOperator[]): boolean {
  const operator = separators[0]?.operator;
  const logical = operator !== undefined && LOOSENESS[operator] >= LOOSENESS["&&"] && LOOSENESS[operator] < LOOSENESS[","];
  const before = text.charCodeAt(open - 1);
  return text.charCodeAt(open) === OPEN_PAREN && logical && (open === 0 || before === SPACE) && !followsControlKeyword(text, open);
}

/** The separator of a group broken at no operator: what its items would be separated by. */
function impliedSeparator(text: string, open: number, context: Context): "," | ";" | undefined {
  const opener = text.charCodeAt(open);
  if (opener === OPEN_BRACE) return context === "code" ? "," : ";";
  const before = text.charCodeAt(open - 1);
  // After a name or a call: arguments, parameters or an index rather than a parenthesized expression or a list.
  const applied = isWordChar(before) || before === CLOSE_PAREN || before === CLOSE_BRACKET;
  return (opener === OPEN_PAREN ? applied : !applied) ? "," : undefined;
}
