/**
 * Which regular expressions can take exponential time to match (ReDoS), for the warning on
 * `pattern` and `patternProperties`.
 *
 * A backtracking matcher such as V8's tries, when the input fails, every way the pattern can match
 * a part of it. A pattern is reported when the number of those ways can grow exponentially with
 * the input's length: when some repetition can match one string in two different ways, so that a
 * string made of k copies has 2^k ways. Otherwise the number of ways, and the matching time, are
 * bounded by a polynomial in the input's length. Polynomial backtracking (`^\d*\d*x$` is quadratic
 * on a long run of digits) is not reported.
 *
 * The rules, exactly:
 *
 * 1. The pattern is parsed as ECMA-262 syntax, with the `u` flag when it is valid with it, else
 *    without (Annex B). Every occurrence of a character, `.`, an escape or a class is a
 *    _position_. Position q _follows_ p when the pattern can read q's character right after p's,
 *    and the edge counts the different ways to get from one to the other without reading anything,
 *    since the matcher tries each: in `(a*)*` one `a` follows another in two ways (the inner
 *    repetition goes on, or the outer one starts another iteration), in `(a?|b?)c` `c` follows
 *    the start in two ways, in `a*a` the second `a` follows the first in one.
 * 2. An iteration past a quantifier's minimum that matched the empty string fails, as the
 *    specification says, so it is no way of its own: `(a?)+` reads `aa` as two iterations only.
 *    A bounded quantifier inside a loop is unrolled: `x{2,4}` is two copies of `x` and two nested
 *    optional ones. Outside every loop one copy stands for all, as no copy is on a cycle, unless
 *    the count goes above 10: that is analysed as a loop, since k copies that can each match one
 *    text in two ways have 2^k ways (`(a|a){30}`).
 * 3. What only adds ways to the automaton keeps its verdict of "safe" sound: anchors, `\b` and
 *    lookarounds are taken to always pass (a lookaround's own body is checked as a pattern of its
 *    own), a backreference to match any text, and `\p{…}` / `\P{…}` any character.
 * 4. The pattern is reported when some position q can be left and reached again by two different
 *    walks that read the same string: walks that are at different positions at some step, or take
 *    the same edge counted twice. Such walks run inside one strongly connected part of the
 *    automaton (a loop), so each part with a cycle is checked on its pairs of positions: a pair
 *    steps to (p′, q′) when p′ follows p, q′ follows q, and their characters overlap. The pattern
 *    is reported when a strongly connected set of pairs holds a pair (q, q) and either a pair of
 *    two different positions or an edge counted twice between two pairs (q, q) and (r, r). This is
 *    exactly the NFA's exponential degree of ambiguity, whose absence bounds the number of ways
 *    by a polynomial.
 *
 * So `^[^\s]+(\s[^\s]+)*$` is safe: two walks could only part where one reads a space as the start
 * of an iteration and the other inside `[^\s]+`, which cannot read it. `(a+)+`, `([a-z]+-?)*` and
 * `(-?\d+)*` are reported (an iteration can end inside a run of `a`s, letters or digits that the next
 * one could have read), as are `^(a|aa)+$`, `(\w|\d)+$` (two alternatives read the same text) and
 * `^(\s*([0-9a-zA-Z\+/=]){4}\s*)+$` (the spaces between two groups of four end one iteration or
 * start the next). `(a|ab)*` and `(ab|ac)*` are safe. A repeated backreference is reported, as rule
 * 3 lets it match any text. Whether the rest of the pattern can fail is not asked: an unanchored
 * `(a+)+` is reported although `test()` succeeds at the first `a`.
 *
 * Where the analysis cannot tell (syntax it does not know, groups nested too deeply, or an
 * automaton too large, as from a count of hundreds inside a loop), a syntactic rule decides, on the
 * safe side: a group repeated without bound (or more than 10 times) that holds a quantifier whose
 * count can vary (`+`, `{1,500}`, `?`) or an alternation.
 */

/** What makes a pattern's matching time exponential. */
export type BacktrackingRisk =
  /** One repetition can match `text` in two ways (found by the analysis). */
  | { kind: "ambiguous"; text: string }
  /** A repeated group holds a quantifier or an alternation (the syntactic rule, where the analysis cannot tell). */
  | { kind: "nested" };

const risks = new Map<string, BacktrackingRisk | undefined>();

/** Whether matching `pattern` can take exponential time on hostile input, and why (see the module comment). */
export function backtrackingRisk(pattern: string): BacktrackingRisk | undefined {
  if (risks.has(pattern)) return risks.get(pattern);
  let risk: BacktrackingRisk | undefined;
  try {
    const text = ambiguousText(parsePattern(pattern));
    risk = text === undefined ? undefined : { kind: "ambiguous", text };
  } catch (error) {
    if (!(error instanceof CannotTell)) throw error;
    risk = hasNestedRepetition(pattern) ? { kind: "nested" } : undefined;
  }
  risks.set(pattern, risk);
  return risk;
}

/** The analysis does not know the syntax, or its automaton would be too large. */
class CannotTell extends Error {}

/** A set of characters (code points, or code units without the `u` flag): sorted, disjoint, non-adjacent inclusive ranges `[from, to, from, to, …]`. */
type CharSet = readonly number[];

function charSet(ranges: readonly (readonly [number, number])[]): CharSet {
  const set: number[] = [];
  for (const [from, to] of [...ranges].sort((a, b) => a[0] - b[0])) {
    if (set.length > 0 && from <= set[set.length - 1]! + 1) set[set.length - 1] = Math.max(set[set.length - 1]!, to);
    else set.push(from, to);
  }
  return set;
}

function complement(set: CharSet, maxChar: number): CharSet {
  const result: number[] = [];
  let next = 0;
  for (let index = 0; index < set.length; index += 2) {
    if (set[index]! > next) result.push(next, set[index]! - 1);
    next = set[index + 1]! + 1;
  }
  if (next <= maxChar) result.push(next, maxChar);
  return result;
}

function intersection(a: CharSet, b: CharSet): CharSet {
  const result: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const from = Math.max(a[i]!, b[j]!);
    const to = Math.min(a[i + 1]!, b[j + 1]!);
    if (from <= to) result.push(from, to);
    if (a[i + 1]! < b[j + 1]!) i += 2;
    else j += 2;
  }
  return result;
}

const MAX_CODE_POINT = 0x10ffff;
const MAX_CODE_UNIT = 0xffff;
const DIGITS = charSet([[0x30, 0x39]]);
const WORD = charSet([
  [0x30, 0x39],
  [0x41, 0x5a],
  [0x5f, 0x5f],
  [0x61, 0x7a],
]);
const SPACE = charSet([
  [0x09, 0x0d],
  [0x20, 0x20],
  [0xa0, 0xa0],
  [0x1680, 0x1680],
  [0x2000, 0x200a],
  [0x2028, 0x2029],
  [0x202f, 0x202f],
  [0x205f, 0x205f],
  [0x3000, 0x3000],
  [0xfeff, 0xfeff],
]);
const LINE_TERMINATORS = charSet([
  [0x0a, 0x0a],
  [0x0d, 0x0d],
  [0x2028, 0x2029],
]);

/** The pattern's structure, as far as the analysis reads it: groups are their content, assertions zero-width. */
export type Term =
  | { kind: "chars"; set: CharSet }
  | { kind: "sequence"; terms: readonly Term[] }
  | { kind: "alternation"; branches: readonly Term[] }
  | { kind: "repeat"; body: Term; min: number; max: number }
  | { kind: "assertion" }
  | { kind: "lookaround"; body: Term }
  | { kind: "backreference" };

const CLASS_ESCAPES = new Map([
  ["d", DIGITS],
  ["s", SPACE],
  ["w", WORD],
]);
const CONTROL_ESCAPES = new Map([
  ["t", 0x09],
  ["n", 0x0a],
  ["v", 0x0b],
  ["f", 0x0c],
  ["r", 0x0d],
]);
const ASSERTION: Term = { kind: "assertion" };
const BACKREFERENCE: Term = { kind: "backreference" };
const QUANTIFIER_BOUNDS = /\{(\d+)(?:(,)(\d*))?\}/y;

/** The counts of a `{n}`, `{n,}` or `{n,m}` quantifier at `index` of `source`, and where it ends; undefined when there is none. */
function boundsAt(source: string, index: number): { min: number; max: number; end: number } | undefined {
  QUANTIFIER_BOUNDS.lastIndex = index;
  const match = QUANTIFIER_BOUNDS.exec(source);
  if (match === null) return undefined;
  const min = Number(match[1]);
  return { min, max: match[2] === undefined ? min : match[3] === "" ? Infinity : Number(match[3]), end: QUANTIFIER_BOUNDS.lastIndex };
}

/** A class escape's set; `exact` is false for `\p{…}` and `\P{…}`, which stand for any character. */
interface ClassEscape {
  set: CharSet;
  exact: boolean;
}

/** Parses a pattern the way `new RegExp(pattern, "u")` does, or `new RegExp(pattern)` when that is the one that accepts it. */
export function parsePattern(pattern: string): Term {
  for (const unicode of [true, false]) {
    try {
      new RegExp(pattern, unicode ? "u" : "");
    } catch {
      continue;
    }
    return new PatternParser(pattern, unicode).parse();
  }
  throw new CannotTell(`not a regular expression: ${pattern}`);
}

/** Groups nested deeper than this make the analysis give way to the syntactic rule (the parser recurses into each). */
const MAX_GROUP_DEPTH = 100;

class PatternParser {
  private index = 0;
  private depth = 0;
  private readonly maxChar: number;
  private readonly groups: number;
  private readonly named: boolean;

  constructor(
    private readonly source: string,
    private readonly unicode: boolean,
  ) {
    this.maxChar = unicode ? MAX_CODE_POINT : MAX_CODE_UNIT;
    const openings = [...source.replace(/\\.|\[(?:\\.|[^\]\\])*\]/gs, "").matchAll(/\((\?<(?![=!]))?(?!\?)/g)];
    this.groups = openings.length;
    this.named = openings.some((opening) => opening[1] !== undefined);
  }

  parse(): Term {
    const term = this.disjunction();
    if (this.index < this.source.length) throw new CannotTell(`unexpected ${this.source[this.index]}`);
    return term;
  }

  private peek(offset = 0): string | undefined {
    return this.source[this.index + offset];
  }

  private eat(text: string): boolean {
    if (!this.source.startsWith(text, this.index)) return false;
    this.index += text.length;
    return true;
  }

  private expect(text: string): void {
    if (!this.eat(text)) throw new CannotTell(`expected ${text}`);
  }

  /** The next character, a code point with the `u` flag and a code unit without. */
  private character(): number {
    const char = this.unicode ? this.source.codePointAt(this.index) : this.source.charCodeAt(this.index);
    if (char === undefined || Number.isNaN(char)) throw new CannotTell("unexpected end");
    this.index += char > MAX_CODE_UNIT ? 2 : 1;
    return char;
  }

  /** A group's body and its closing parenthesis. */
  private group(): Term {
    if (++this.depth > MAX_GROUP_DEPTH) throw new CannotTell("groups nested too deeply");
    const body = this.disjunction();
    this.expect(")");
    this.depth--;
    return body;
  }

  private disjunction(): Term {
    const branches = [this.alternative()];
    while (this.eat("|")) branches.push(this.alternative());
    return branches.length === 1 ? branches[0]! : { kind: "alternation", branches };
  }

  private alternative(): Term {
    const terms: Term[] = [];
    while (this.index < this.source.length && this.peek() !== "|" && this.peek() !== ")") terms.push(this.term());
    return terms.length === 1 ? terms[0]! : { kind: "sequence", terms };
  }

  private term(): Term {
    if (this.eat("^") || this.eat("$") || this.eat("\\b") || this.eat("\\B")) return ASSERTION;
    const ahead = this.eat("(?=") || this.eat("(?!");
    if (ahead || this.eat("(?<=") || this.eat("(?<!")) {
      const lookaround: Term = { kind: "lookaround", body: this.group() };
      // Annex B lets a lookahead be quantified without the u flag; repeating a zero-width test adds no way to match.
      if (ahead && !this.unicode) this.quantifier();
      return lookaround;
    }
    const atom = this.atom();
    const bounds = this.quantifier();
    return bounds === undefined ? atom : { kind: "repeat", body: atom, ...bounds };
  }

  private quantifier(): { min: number; max: number } | undefined {
    let bounds: { min: number; max: number };
    if (this.eat("*")) bounds = { min: 0, max: Infinity };
    else if (this.eat("+")) bounds = { min: 1, max: Infinity };
    else if (this.eat("?")) bounds = { min: 0, max: 1 };
    else {
      const counted = boundsAt(this.source, this.index);
      if (counted === undefined) return undefined;
      this.index = counted.end;
      bounds = { min: counted.min, max: counted.max };
    }
    this.eat("?");
    return bounds;
  }

  private atom(): Term {
    const char = this.peek();
    if (char === "(") {
      this.index++;
      if (this.eat("?")) {
        if (this.eat("<")) this.skipName();
        else this.expect(":");
      }
      return this.group();
    }
    if (char === ".") {
      this.index++;
      return { kind: "chars", set: complement(LINE_TERMINATORS, this.maxChar) };
    }
    if (char === "[") return { kind: "chars", set: this.characterClass() };
    if (char === "\\") return this.atomEscape();
    if (char === "*" || char === "+" || char === "?") throw new CannotTell("nothing to repeat");
    if (char === "{") {
      QUANTIFIER_BOUNDS.lastIndex = this.index;
      if (QUANTIFIER_BOUNDS.test(this.source)) throw new CannotTell("nothing to repeat");
    }
    return single(this.character());
  }

  private skipName(): void {
    const end = this.source.indexOf(">", this.index);
    if (end === -1) throw new CannotTell("unterminated group name");
    this.index = end + 1;
  }

  private atomEscape(): Term {
    this.index++;
    const reference = /[1-9]\d*/y;
    reference.lastIndex = this.index;
    const number = reference.exec(this.source)?.[0];
    if (number !== undefined && (this.unicode || Number(number) <= this.groups)) {
      this.index += number.length;
      return BACKREFERENCE;
    }
    if (this.peek() === "k" && (this.unicode || this.named)) {
      this.index++;
      this.expect("<");
      this.skipName();
      return BACKREFERENCE;
    }
    const escape = this.classEscape();
    return escape === undefined ? single(this.characterEscape(false)) : { kind: "chars", set: escape.set };
  }

  /** `\d \D \s \S \w \W`, and with the u flag `\p{…} \P{…}`, after the backslash; undefined for other escapes. */
  private classEscape(): ClassEscape | undefined {
    const char = this.peek() ?? "";
    const set = CLASS_ESCAPES.get(char.toLowerCase());
    if (set !== undefined) {
      this.index++;
      return { set: char === char.toLowerCase() ? set : complement(set, this.maxChar), exact: true };
    }
    if ((char === "p" || char === "P") && this.unicode) {
      const end = this.source.indexOf("}", this.index);
      if (this.peek(1) !== "{" || end === -1) throw new CannotTell("malformed property escape");
      this.index = end + 1;
      return { set: [0, this.maxChar], exact: false };
    }
    return undefined;
  }

  /** The character a character escape stands for, after the backslash (`\b` is a backspace in a class). */
  private characterEscape(inClass: boolean): number {
    const char = this.peek() ?? "";
    const control = CONTROL_ESCAPES.get(char);
    if (control !== undefined) {
      this.index++;
      return control;
    }
    if (char === "b" && inClass) {
      this.index++;
      return 0x08;
    }
    if (char === "c") {
      const letter = this.peek(1);
      if (letter !== undefined && (/[a-zA-Z]/.test(letter) || (inClass && !this.unicode && /[\d_]/.test(letter)))) {
        this.index += 2;
        return letter.charCodeAt(0) % 32;
      }
      // Annex B: a `\c` without a control letter is a backslash, and the `c` reads as itself.
      return 0x5c;
    }
    const octal = /[0-3][0-7]{0,2}|[4-7][0-7]?/y;
    octal.lastIndex = this.index;
    const digits = this.unicode ? undefined : octal.exec(this.source)?.[0];
    if (digits !== undefined) {
      this.index += digits.length;
      return parseInt(digits, 8);
    }
    if (char === "0") {
      this.index++;
      return 0;
    }
    if (char === "x" || char === "u") {
      const code = this.hexEscape(char);
      if (code !== undefined) return code;
    }
    return this.character();
  }

  /** `\xHH`, `\uHHHH` (a surrogate pair of them with the u flag) and `\u{H…}`, after the backslash; undefined when malformed. */
  private hexEscape(char: "x" | "u"): number | undefined {
    const forms = char === "x" ? /x([0-9a-fA-F]{2})/y : this.unicode ? /u(?:\{([0-9a-fA-F]+)\}|([0-9a-fA-F]{4}))/y : /u([0-9a-fA-F]{4})/y;
    forms.lastIndex = this.index;
    const match = forms.exec(this.source);
    if (match === null) return undefined;
    this.index = forms.lastIndex;
    const code = parseInt(match[1] ?? match[2]!, 16);
    const trail = /\\u(d[c-f][0-9a-f]{2})/iy;
    trail.lastIndex = this.index;
    const low = this.unicode && match[2] !== undefined && code >= 0xd800 && code <= 0xdbff ? trail.exec(this.source) : null;
    if (low === null) return code;
    this.index = trail.lastIndex;
    return 0x10000 + ((code - 0xd800) << 10) + (parseInt(low[1]!, 16) - 0xdc00);
  }

  private characterClass(): CharSet {
    this.index++;
    const negated = this.eat("^");
    const ranges: [number, number][] = [];
    const escapes: ClassEscape[] = [];
    const add = (atom: number | ClassEscape): void => {
      if (typeof atom === "number") ranges.push([atom, atom]);
      else escapes.push(atom);
    };
    while (!this.eat("]")) {
      const from = this.classAtom();
      if (this.peek() === "-" && this.peek(1) !== "]" && this.peek(1) !== undefined) {
        this.index++;
        const to = this.classAtom();
        if (typeof from === "number" && typeof to === "number") ranges.push([from, to]);
        // Annex B: next to a class escape, "-" is itself.
        else [from, 0x2d, to].forEach(add);
      } else add(from);
    }
    for (const { set } of escapes) for (let index = 0; index < set.length; index += 2) ranges.push([set[index]!, set[index + 1]!]);
    const set = charSet(ranges);
    // The complement of "any character" would be too small: a negated class with \p{…} stays any character.
    if (!negated) return set;
    return escapes.every((escape) => escape.exact) ? complement(set, this.maxChar) : [0, this.maxChar];
  }

  private classAtom(): number | ClassEscape {
    if (this.index >= this.source.length) throw new CannotTell("unterminated class");
    if (!this.eat("\\")) return this.character();
    if (this.eat("-")) return 0x2d;
    return this.classEscape() ?? this.characterEscape(true);
  }
}

function single(char: number): Term {
  return { kind: "chars", set: [char, char] };
}

/** Ways to get somewhere, counted up to two: the analysis only asks whether there is more than one. */
function ways(count: number): number {
  return Math.min(2, count);
}

/** Positions with the ways to reach them (or to go on from them) without reading anything. */
type Weights = ReadonlyMap<number, number>;

/** What one part of the pattern adds to the automaton, as its surroundings see it. */
interface Fragment {
  /** Positions that can be read first, with the ways to reach them from the fragment's start. */
  first: Weights;
  /** Positions that can be read last, with the ways from them to the fragment's end. */
  last: Weights;
  /** Ways to match the empty string. */
  empty: number;
}

const NOTHING: Fragment = { first: new Map(), last: new Map(), empty: 0 };
const EMPTY: Fragment = { first: new Map(), last: new Map(), empty: 1 };

function merged(a: Weights, b: Weights, times = 1): Weights {
  if (times === 0 || b.size === 0) return a;
  const result = new Map(a);
  for (const [position, count] of b) result.set(position, ways((result.get(position) ?? 0) + count * times));
  return result;
}

/**
 * A bounded count above this, outside every loop, is analysed as a loop: `(a|a){30}` has 2^30
 * ways to fail on 30 characters. (Every walk of `x{n,m}` is one of `x{n,}`, so "safe" stays sound.)
 */
const LOOP_LIKE_COUNT = 10;
/** Positions beyond this (from large bounded counts) make the analysis give way to the syntactic rule. */
const MAX_POSITIONS = 2000;
/** Steps of the pair automaton of one loop beyond this (its edges, squared) do the same. */
const MAX_PAIR_STEPS = 1_000_000;

/** The automaton of rule 1 (see the module comment): a character set per position, and the counted edges between positions. */
class PositionAutomaton {
  readonly labels: CharSet[] = [];
  readonly follow: Map<number, number>[] = [];
  /** Lookaround bodies met while building, each checked as a pattern of its own. */
  readonly lookarounds: Term[] = [];
  /** Unbounded repetitions around the term being built. */
  private loops = 0;

  constructor(term: Term) {
    this.fragment(term);
  }

  private position(set: CharSet): number {
    if (this.labels.length >= MAX_POSITIONS) throw new CannotTell("too many positions");
    this.labels.push(set);
    this.follow.push(new Map());
    return this.labels.length - 1;
  }

  private link(from: Weights, to: Weights): void {
    for (const [source, before] of from) {
      const edges = this.follow[source]!;
      for (const [target, after] of to) edges.set(target, ways((edges.get(target) ?? 0) + before * after));
    }
  }

  private sequence(a: Fragment, b: Fragment): Fragment {
    this.link(a.last, b.first);
    return { first: merged(a.first, b.first, a.empty), last: merged(b.last, a.last, b.empty), empty: ways(a.empty * b.empty) };
  }

  private fragment(term: Term): Fragment {
    switch (term.kind) {
      case "chars": {
        if (term.set.length === 0) return NOTHING;
        const only = new Map([[this.position(term.set), 1]]);
        return { first: only, last: only, empty: 0 };
      }
      case "sequence":
        return term.terms.reduce((fragment, next) => this.sequence(fragment, this.fragment(next)), EMPTY);
      case "alternation":
        return term.branches
          .map((branch) => this.fragment(branch))
          .reduce((a, b) => ({
            first: merged(a.first, b.first),
            last: merged(a.last, b.last),
            empty: ways(a.empty + b.empty),
          }));
      case "repeat":
        return this.repeat(term.body, term.min, term.max);
      case "assertion":
        return EMPTY;
      case "lookaround":
        this.lookarounds.push(term.body);
        return EMPTY;
      case "backreference": {
        const any = this.position([0, MAX_CODE_POINT]);
        const only = new Map([[any, 1]]);
        this.link(only, only);
        return { first: only, last: only, empty: 1 };
      }
    }
  }

  /** The minimum's copies (which may match empty), then nested optional or repeated non-empty iterations (rule 2). */
  private repeat(body: Term, min: number, max: number): Fragment {
    if (max > LOOP_LIKE_COUNT && this.loops === 0) max = Infinity;
    if (max !== Infinity && this.loops === 0) {
      // Outside every loop no copy is on a cycle, and each copy's own loops are alike: one copy stands for all.
      const copy = this.fragment(body);
      return min === 0 ? { ...copy, empty: ways(copy.empty + 1) } : copy;
    }
    if (min + (max === Infinity ? 1 : max - min) > MAX_POSITIONS) throw new CannotTell("count too large");
    let fragment = EMPTY;
    for (let copy = 0; copy < min; copy++) fragment = this.sequence(fragment, this.fragment(body));
    if (max === Infinity) {
      this.loops++;
      const iteration = this.fragment(body);
      this.loops--;
      this.link(iteration.last, iteration.first);
      return this.sequence(fragment, { ...iteration, empty: 1 });
    }
    let optional = EMPTY;
    for (let copy = min; copy < max; copy++) optional = { ...this.sequence({ ...this.fragment(body), empty: 0 }, optional), empty: 1 };
    return this.sequence(fragment, optional);
  }
}

/**
 * The strongly connected components reachable from `roots` of a graph of `size` nodes (Tarjan's
 * algorithm, without recursion: patterns are short, but a long one must not exhaust the stack).
 */
function components(size: number, roots: Iterable<number>, successors: (node: number) => readonly number[]): number[][] {
  const order = new Int32Array(size).fill(-1);
  const low = new Int32Array(size);
  const onStack = new Uint8Array(size);
  const stack: number[] = [];
  const result: number[][] = [];
  let counter = 0;
  for (const root of roots) {
    if (order[root] !== -1) continue;
    const enter = (node: number): { node: number; next: readonly number[]; at: number } => {
      order[node] = low[node] = counter++;
      stack.push(node);
      onStack[node] = 1;
      return { node, next: successors(node), at: 0 };
    };
    const work = [enter(root)];
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      if (frame.at < frame.next.length) {
        const successor = frame.next[frame.at++]!;
        if (order[successor] === -1) work.push(enter(successor));
        else if (onStack[successor] === 1) low[frame.node] = Math.min(low[frame.node]!, order[successor]!);
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent !== undefined) low[parent.node] = Math.min(low[parent.node]!, low[frame.node]!);
      if (low[frame.node] !== order[frame.node]) continue;
      const component: number[] = [];
      let member: number;
      do {
        member = stack.pop()!;
        onStack[member] = 0;
        component.push(member);
      } while (member !== frame.node);
      result.push(component);
    }
  }
  return result;
}

const READABLE = [
  [0x61, 0x7a],
  [0x41, 0x5a],
  [0x30, 0x39],
  [0x21, 0x7e],
  [0x20, 0x20],
];

/** A character of `set` that reads well in a message: a letter or digit, else printable ASCII, else its first. */
function representative(set: CharSet): string {
  const readable = READABLE.map((range) => intersection(set, range)).find((common) => common.length > 0) ?? set;
  return String.fromCodePoint(readable[0]!);
}

/** Text that some repetition of `term`, or of a lookaround body inside it, can match in two ways (rule 4); undefined when there is none. */
function ambiguousText(term: Term): string | undefined {
  if (!repeatsWithoutBound(term)) return undefined;
  const automaton = new PositionAutomaton(term);
  const size = automaton.labels.length;
  const successors = automaton.follow.map((edges) => [...edges.keys()]);
  for (const loop of components(size, successors.keys(), (position) => successors[position]!)) {
    const text = ambiguityInLoop(automaton, loop);
    if (text !== undefined) return text;
  }
  for (const body of automaton.lookarounds) {
    const text = ambiguousText(body);
    if (text !== undefined) return text;
  }
  return undefined;
}

/** Whether anything in `term` repeats without bound, or more than LOOP_LIKE_COUNT times: only then has its automaton a cycle. */
function repeatsWithoutBound(term: Term): boolean {
  switch (term.kind) {
    case "sequence":
      return term.terms.some(repeatsWithoutBound);
    case "alternation":
      return term.branches.some(repeatsWithoutBound);
    case "repeat":
      return term.max > LOOP_LIKE_COUNT || repeatsWithoutBound(term.body);
    case "lookaround":
      return repeatsWithoutBound(term.body);
    case "backreference":
      return true;
    case "chars":
    case "assertion":
      return false;
  }
}

/** Rule 4 on one strongly connected component of positions: the text of two walks that part and meet again, if any. */
function ambiguityInLoop(automaton: PositionAutomaton, loop: readonly number[]): string | undefined {
  const size = loop.length;
  const local = new Map(loop.map((position, index) => [position, index]));
  const next = loop.map((position) =>
    [...automaton.follow[position]!.keys()].flatMap((target) => {
      const index = local.get(target);
      return index === undefined ? [] : [index];
    }),
  );
  const steps = next.reduce((sum, targets) => sum + targets.length, 0);
  if (steps === 0) return undefined;
  if (steps * steps > MAX_PAIR_STEPS) throw new CannotTell("loop too large");
  const labels = loop.map((position) => automaton.labels[position]!);
  const overlaps = new Map<number, CharSet>();
  const overlap = (a: number, b: number): CharSet => {
    const key = a * size + b;
    let common = overlaps.get(key);
    if (common === undefined) overlaps.set(key, (common = intersection(labels[a]!, labels[b]!)));
    return common;
  };
  const pairSteps = (pair: number): number[] => {
    const a = Math.floor(pair / size);
    const b = pair % size;
    return next[a]!.flatMap((a2) => next[b]!.flatMap((b2) => (overlap(a2, b2).length > 0 ? [a2 * size + b2] : [])));
  };
  const diagonal = loop.map((_, index) => index * size + index);
  for (const pairs of components(size * size, diagonal, pairSteps)) {
    const members = new Set(pairs);
    for (const pair of pairs) {
      if (Math.floor(pair / size) !== pair % size) continue;
      // Two walks part on this step, and meet again on the way back.
      const parted = pairSteps(pair).find((step) => members.has(step) && Math.floor(step / size) !== step % size);
      if (parted !== undefined) {
        const text = representative(overlap(Math.floor(parted / size), parted % size));
        return text + walkText(parted, pair, members, pairSteps, overlap, size);
      }
    }
    for (const pair of pairs) {
      const from = pair % size;
      for (const to of next[from]!) {
        if (automaton.follow[loop[from]!]!.get(loop[to]!)! < 2 || !members.has(to * size + to)) continue;
        return representative(labels[to]!) + walkText(to * size + to, pair, members, pairSteps, overlap, size);
      }
    }
  }
  return undefined;
}

/** The characters read on a shortest walk from one pair to another inside `members` (breadth first). */
function walkText(
  from: number,
  to: number,
  members: ReadonlySet<number>,
  pairSteps: (pair: number) => readonly number[],
  overlap: (a: number, b: number) => CharSet,
  size: number,
): string {
  const previous = new Map<number, number>([[from, from]]);
  const queue = [from];
  for (let head = 0; head < queue.length && !previous.has(to); head++) {
    for (const pair of pairSteps(queue[head]!)) {
      if (!members.has(pair) || previous.has(pair)) continue;
      previous.set(pair, queue[head]!);
      queue.push(pair);
    }
  }
  let text = "";
  for (let pair = to; pair !== from; pair = previous.get(pair)!)
    text = representative(overlap(Math.floor(pair / size), pair % size)) + text;
  return text;
}

/**
 * The quantifier at `index` of a pattern, if there is one: whether its count can vary (`?`, `*`,
 * `{1,3}`) and whether it repeats like a loop (without bound, or more than LOOP_LIKE_COUNT times).
 */
function quantifierAt(pattern: string, index: number): { varies: boolean; loops: boolean } | undefined {
  const char = pattern[index];
  if (char === "*" || char === "+") return { varies: true, loops: true };
  if (char === "?") return { varies: true, loops: false };
  const bounds = char === "{" ? boundsAt(pattern, index) : undefined;
  return bounds === undefined ? undefined : { varies: bounds.max > bounds.min, loops: bounds.max > LOOP_LIKE_COUNT };
}

/**
 * The syntactic rule, for what the analysis cannot tell: whether a group repeated like a loop holds
 * a quantifier whose count can vary or an alternation, as `(a+)+`, `(x{1,500})+` or `(a|a)*` do. It
 * reports more than the analysis would, never less.
 */
function hasNestedRepetition(pattern: string): boolean {
  const groups: boolean[] = [];
  let variesInside = false;
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index];
    if (char === "\\") index++;
    else if (char === "[") {
      for (index++; index < pattern.length && pattern[index] !== "]"; index++) if (pattern[index] === "\\") index++;
    } else if (char === "(") {
      groups.push(variesInside);
      variesInside = false;
      // `(?:`, `(?=`, `(?<name>`: that `?` is no quantifier.
      if (pattern[index + 1] === "?") index++;
    } else if (char === ")") {
      const inner: boolean = variesInside;
      variesInside = (groups.pop() ?? false) || inner;
      if (inner && quantifierAt(pattern, index + 1)?.loops === true) return true;
    } else if (char === "|" || quantifierAt(pattern, index)?.varies === true) variesInside = true;
  }
  return false;
}
