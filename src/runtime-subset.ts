/**
 * The part of a run-time module that some of its exports need: `_formats.ts` holds every format
 * check (38 kB), and a run that checks only `date-time` copies the few declarations `isDateTime`
 * reaches. It reads the module as its files are written (prettier's TypeScript, tsc's JavaScript and
 * declarations): a top-level declaration starts at column 0, and its other lines are indented or
 * close it (`}`, `)`, `]`). The comments before a declaration go with it; the module's opening
 * block comment stays.
 */

/** One top-level declaration, with the comments before it. */
interface Declaration {
  text: string;
  /** `text` without comments and literal text (see `codeOnly`): where the names it uses are. */
  code: string;
  /** The name it declares, if any. */
  name: string | undefined;
}

const DECLARED_NAME = /^(?:export )?(?:declare )?(?:function|const|let|type|interface|class) ([\w$]+)/m;
const IDENTIFIER = /[A-Za-z_$][\w$]*/g;
/** The characters after which a `/` starts a regular expression literal, not a division. */
const BEFORE_REGEXP = new Set([..."(,=:[!&|?{};"]);

/**
 * `text` with its comments, the contents of its string and regular expression literals and the
 * text of its template literals blanked out: the words left are code (a `${…}` of a template is code).
 */
function codeOnly(text: string): string {
  let out = "";
  /** The `${` depths at which template literals were left for their expressions. */
  const templates: number[] = [];
  let depth = 0;
  let index = 0;
  const skipTo = (end: number): void => {
    out += " ";
    index = end;
  };
  while (index < text.length) {
    const char = text[index]!;
    const next = text[index + 1];
    if (char === "/" && next === "/") skipTo(lineEnd(text, index));
    else if (char === "/" && next === "*") skipTo(text.indexOf("*/", index + 2) + 2);
    else if (char === '"' || char === "'") skipTo(quotedEnd(text, index, char));
    else if (char === "/" && BEFORE_REGEXP.has(out.trimEnd().at(-1) ?? ";")) skipTo(regExpEnd(text, index));
    else if (char === "`" || (char === "}" && templates.at(-1) === depth)) {
      if (char === "}") {
        templates.pop();
        depth--;
      }
      const end = templateEnd(text, index + 1);
      if (text.startsWith("${", end)) {
        templates.push(++depth);
        skipTo(end + 2);
      } else skipTo(end + 1);
    } else {
      if (char === "{") depth++;
      if (char === "}") depth--;
      out += char;
      index++;
    }
  }
  return out;
}

function lineEnd(text: string, start: number): number {
  const end = text.indexOf("\n", start);
  return end === -1 ? text.length : end;
}

/** Where the string literal opened by `quote` at `start` ends (after its closing quote). */
function quotedEnd(text: string, start: number, quote: string): number {
  let index = start + 1;
  while (index < text.length && text[index] !== quote) index += text[index] === "\\" ? 2 : 1;
  return index + 1;
}

/** Where the regular expression literal at `start` ends (after its flags). */
function regExpEnd(text: string, start: number): number {
  let index = start + 1;
  let inClass = false;
  while (index < text.length && (inClass || text[index] !== "/")) {
    if (text[index] === "\\") index++;
    else if (text[index] === "[") inClass = true;
    else if (text[index] === "]") inClass = false;
    index++;
  }
  index++;
  while (/[a-z]/.test(text[index] ?? "")) index++;
  return index;
}

/** Where the text of a template literal from `start` ends: at its closing backquote or at a `${`. */
function templateEnd(text: string, start: number): number {
  let index = start;
  while (index < text.length && text[index] !== "`" && !text.startsWith("${", index)) index += text[index] === "\\" ? 2 : 1;
  return index;
}

/** Whether a line at column 0 continues the declaration before it rather than starting one. */
function continues(line: string): boolean {
  return line === "" || /^[\s})\]]/.test(line);
}

function declarations(source: string): { header: string; declarations: Declaration[] } {
  const lines = source.replace(/\n+$/, "").split("\n");
  let start = 0;
  // The module's opening comment: a block comment, not a declaration's doc comment.
  if (lines[0]?.startsWith("/*") && !lines[0].startsWith("/**")) {
    while (!lines[start]!.includes("*/")) start++;
    start++;
  }
  const header = lines.slice(0, start).join("\n");
  const found: Declaration[] = [];
  let current: string[] = [];
  let comments = true;
  for (const line of lines.slice(start)) {
    const comment = /^(?:\/\/|\/\*| \*)/.test(line);
    // A line at column 0 starts a declaration, unless the lines gathered so far are only its comments.
    if (!continues(line) && !comments && current.length > 0) {
      found.push(declaration(current));
      current = [];
      comments = true;
    }
    if (line === "" && current.length === 0) continue;
    current.push(line);
    if (!comment && line !== "") comments = false;
  }
  if (current.length > 0) found.push(declaration(current));
  return { header, declarations: found };
}

function declaration(lines: readonly string[]): Declaration {
  const text = lines.join("\n").replace(/\n+$/, "");
  const code = codeOnly(text);
  return { text, code, name: DECLARED_NAME.exec(code)?.[1] };
}

function reachableIn(all: readonly Declaration[], roots: Iterable<string>): Set<string> {
  const byName = new Map(all.flatMap((item) => (item.name === undefined ? [] : [[item.name, item] as const])));
  const kept = new Set<string>();
  const pending = [...roots];
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    const item = byName.get(name);
    if (item === undefined || kept.has(name)) continue;
    kept.add(name);
    for (const [used] of item.code.matchAll(IDENTIFIER)) if (byName.has(used)) pending.push(used);
  }
  return kept;
}

/** The names of the declarations of `source` that `roots` (names it declares) reach through the names their code uses. */
export function reachable(source: string, roots: Iterable<string>): Set<string> {
  return reachableIn(declarations(source).declarations, roots);
}

/**
 * `source` with only the declarations `reachable` from `roots`, in their order; `separator` is
 * written between declarations. (A declaration file's functions have no bodies: its roots are what
 * its module's code reaches.)
 */
export function moduleSubset(source: string, roots: Iterable<string>, separator: string): string {
  const { header, declarations: all } = declarations(source);
  const kept = reachableIn(all, roots);
  const parts = [header, ...all.filter((item) => item.name !== undefined && kept.has(item.name)).map((item) => item.text)];
  return `${parts.filter((part) => part !== "").join(separator)}\n`;
}
