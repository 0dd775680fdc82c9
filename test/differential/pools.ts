/**
 * The small pools schemas and instances are drawn from: property names, patterns (one needs the
 * `u` flag), formats with valid and invalid examples, numeric limits, values for enum/const.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Json } from "./json.js";

/** Property names, weighted: ordinary ones, ones that need JSON-pointer escaping, Object.prototype members. */
export const PROPERTY_NAMES: ReadonlyArray<readonly [number, string]> = [
  [8, "a"],
  [8, "b"],
  [5, "c"],
  [4, "foo"],
  [2, "x-1"],
  [2, ""],
  [2, "a/b"],
  [2, "t~0"],
  [2, "ü"],
  [1, "constructor"],
  [1, "__proto__"],
  [1, "toString"],
];

/** String patterns with strings near them. `^\p{L}+$` and `^.$` behave differently without the `u` flag. */
export const STRING_PATTERNS: ReadonlyArray<{ source: string; examples: readonly string[] }> = [
  { source: "^a", examples: ["a", "abc", "ba", ""] },
  { source: "b$", examples: ["b", "ab", "ba", "B"] },
  { source: "^[a-z]+$", examples: ["abc", "aBc", "", "z", "a1"] },
  { source: "^\\d{2,3}$", examples: ["12", "123", "1234", "1", "١٢"] },
  { source: "^\\p{L}+$", examples: ["héllo", "日本", "a1", "𝒜𝒜", "p{L}", ""] },
  { source: "^.$", examples: ["a", "😀", "ab", "", "é"] },
  { source: "x", examples: ["x", "axb", "y", "X"] },
];

/** Patterns for patternProperties, with property names near them. */
export const NAME_PATTERNS: ReadonlyArray<{ source: string; examples: readonly string[] }> = [
  { source: "^a", examples: ["a", "ab", "ba"] },
  { source: "b$", examples: ["b", "ab", "bc"] },
  { source: "^x-", examples: ["x-1", "x", "y-x-"] },
  { source: "\\d", examples: ["1", "a2", "b"] },
  { source: "^\\p{Lu}", examples: ["A", "Ä", "a", "𝒜"] },
];

export const STRING_FORMATS = ["date-time", "date", "time", "email", "ipv4", "uuid"] as const;
export type StringFormat = (typeof STRING_FORMATS)[number];

/** Strings near each format, besides the suite's own test data (read by `formatExamples`). */
const OWN_FORMAT_EXAMPLES: Readonly<Record<StringFormat, readonly string[]>> = {
  "date-time": [
    "2024-02-29T12:00:00Z",
    "2023-02-29T12:00:00Z",
    "2024-01-01T00:00:00.5+01:00",
    "2024-01-01 00:00:00Z",
    "2024-01-01T24:00:00Z",
    "2024-1-01T00:00:00Z",
    "2016-12-31T23:59:60Z",
  ],
  date: ["2024-02-29", "2023-02-29", "2024-13-01", "2024-01-1", "20240101", "2024-04-31"],
  time: ["12:00:00Z", "12:00:00", "23:59:60Z", "12:00:00+25:00", "12:00:00.123-05:30", "1:00:00Z"],
  email: ["a@b.c", "a@b", "a.b@c.d", ".a@b.c", "a..b@c.d", "@b.c", "a b@c.d", "ü@b.c"],
  ipv4: ["1.2.3.4", "255.255.255.255", "256.1.1.1", "1.2.3", "01.2.3.4", "1.2.3.4.5", "0.0.0.0"],
  uuid: [
    "2eb8aa08-aa98-11ea-b4aa-73b441d16380",
    "2EB8AA08-AA98-11EA-B4AA-73B441D16380",
    "2eb8aa08aa9811eab4aa73b441d16380",
    "2eb8aa08-aa98-11ea-b4aa-73b441d1638",
    "00000000-0000-0000-0000-000000000000",
  ],
};

/** Numbers near the edges of int32. */
export const INT32_EXAMPLES: readonly number[] = [2147483647, 2147483648, -2147483648, -2147483649, 0, 1.5, -0.5, 1e10];

let suiteFormatExamples: Map<StringFormat, string[]> | undefined;

/** Each format's examples: ours and the string data of the suite's draft2020-12 optional/format tests. */
export function formatExamples(suiteDir: string): ReadonlyMap<StringFormat, readonly string[]> {
  if (suiteFormatExamples !== undefined) return suiteFormatExamples;
  suiteFormatExamples = new Map();
  for (const format of STRING_FORMATS) {
    const examples = new Set(OWN_FORMAT_EXAMPLES[format]);
    const file = path.join(suiteDir, "tests/draft2020-12/optional/format", `${format}.json`);
    const groups = JSON.parse(readFileSync(file, "utf8")) as Array<{ tests: Array<{ data: unknown }> }>;
    for (const group of groups) for (const test of group.tests) if (typeof test.data === "string") examples.add(test.data);
    suiteFormatExamples.set(format, [...examples]);
  }
  return suiteFormatExamples;
}

/** Numeric limits (minimum, maximum, …). */
export const LIMITS: readonly number[] = [-2, -1, 0, 0, 1, 2, 3, 5, 10, 0.5, 2.5, -1.5, 1000];

/** Divisors for multipleOf: integers, binary fractions, and decimal fractions that floats cannot hold exactly. */
export const DIVISORS: ReadonlyArray<readonly [number, number]> = [
  [4, 2],
  [3, 3],
  [2, 1],
  [3, 0.5],
  [3, 1.5],
  [2, 0.25],
  [2, 0.1],
  [1, 0.01],
  [1, 7],
];

/** Values for enum and const, of every JSON type. */
export const VALUES: readonly Json[] = [
  null,
  true,
  false,
  0,
  1,
  -1,
  1.5,
  2,
  0.1,
  "",
  "a",
  "foo",
  "😀",
  [],
  [1],
  ["a", 1],
  [[]],
  {},
  { a: 1 },
  { a: null, b: [1] },
  { b: "x" },
];

/** Characters strings are built from: ASCII, a BMP letter, an astral symbol, a combining mark, a lone surrogate. */
export const STRING_CHARACTERS: ReadonlyArray<readonly [number, string]> = [
  [10, "a"],
  [4, "b"],
  [3, "1"],
  [2, "é"],
  [3, "😀"],
  [1, "\u0301"],
  [1, "\ud800"],
  [1, " "],
];
