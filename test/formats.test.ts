import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import fc from "fast-check";
import * as formats from "../src/runtime/formats.js";
import { byCodeUnits } from "../src/order.js";
import { REPO_ROOT, SUITE_DIR } from "./helpers.js";

const SUITE = path.join(SUITE_DIR, "tests");
const DRAFTS = ["draft2020-12", "draft2019-09", "draft7", "draft6", "draft4"] as const;

/** The string formats of src/runtime/formats.ts, by JSON Schema format name. */
const STRING_FORMATS: Readonly<Record<string, (value: string) => boolean>> = {
  "date-time": formats.isDateTime,
  date: formats.isDate,
  time: formats.isTime,
  duration: formats.isDuration,
  email: formats.isEmail,
  "idn-email": formats.isIdnEmail,
  hostname: formats.isHostname,
  "idn-hostname": formats.isIdnHostname,
  ipv4: formats.isIpv4,
  ipv6: formats.isIpv6,
  uri: formats.isUri,
  "uri-reference": formats.isUriReference,
  iri: formats.isIri,
  "iri-reference": formats.isIriReference,
  "uri-template": formats.isUriTemplate,
  uuid: formats.isUuid,
  "json-pointer": formats.isJsonPointer,
  "relative-json-pointer": formats.isRelativeJsonPointer,
  regex: formats.isRegex,
};

/** Mirrors how a generated validator applies a string format: values of other types always pass. */
function applyFormat(check: (value: string) => boolean, data: unknown): boolean {
  return typeof data !== "string" || check(data);
}

/**
 * Suite tests this module is not expected to pass, each with the reason. None: the draft7, draft6
 * and draft4 suites agree with the 2020-12 one for every format implemented here (their hostname
 * tests are RFC 1123 cases that the newer suite does not repeat, and they pass).
 */
const EXPECTED_FAILURES: ReadonlyArray<{ draft: string; file: string; group: string; description: string; reason: string }> = [];

interface SuiteGroup {
  description: string;
  schema: { format?: string };
  tests: Array<{ description: string; data: unknown; valid: boolean }>;
}

interface FormatTally {
  passed: number;
  failed: number;
}

function runDraft(draft: string): { tally: Map<string, FormatTally>; failures: string[]; unimplemented: string[] } {
  const dir = path.join(SUITE, draft, "optional/format");
  const tally = new Map<string, FormatTally>();
  const failures: string[] = [];
  const unimplemented: string[] = [];
  for (const file of readdirSync(dir).sort()) {
    const groups = JSON.parse(readFileSync(path.join(dir, file), "utf8")) as SuiteGroup[];
    for (const group of groups) {
      const format = group.schema.format ?? "";
      const check = STRING_FORMATS[format];
      if (check === undefined) {
        if (format !== "unknown") unimplemented.push(`${file}: ${format}`);
        continue;
      }
      const counts = tally.get(format) ?? { passed: 0, failed: 0 };
      tally.set(format, counts);
      for (const suiteTest of group.tests) {
        const expected = EXPECTED_FAILURES.some(
          (failure) =>
            failure.draft === draft &&
            failure.file === file &&
            failure.group === group.description &&
            failure.description === suiteTest.description,
        );
        if (applyFormat(check, suiteTest.data) === suiteTest.valid) {
          counts.passed++;
          if (expected)
            failures.push(`${file} / ${group.description} / ${suiteTest.description}: listed as an expected failure but passes`);
        } else {
          counts.failed++;
          if (!expected)
            failures.push(
              `${file} / ${group.description} / ${suiteTest.description}: ${JSON.stringify(suiteTest.data)} should be ${suiteTest.valid ? "valid" : "invalid"}`,
            );
        }
      }
    }
  }
  return { tally, failures, unimplemented };
}

function printTable(draft: string, tally: Map<string, FormatTally>): void {
  const rows = [...tally].sort(([a], [b]) => byCodeUnits(a, b));
  const width = Math.max(...rows.map(([format]) => format.length), "format".length);
  const lines = [`${draft}:`, `  ${"format".padEnd(width)}  passed  failed`];
  for (const [format, { passed, failed }] of rows) {
    lines.push(`  ${format.padEnd(width)}  ${`${passed}/${passed + failed}`.padStart(6)}  ${String(failed).padStart(6)}`);
  }
  console.log(lines.join("\n"));
}

for (const draft of DRAFTS) {
  test(`JSON Schema Test Suite ${draft} optional/format: every test of every implemented format passes`, () => {
    assert.ok(existsSync(path.join(SUITE, draft, "optional/format")), `the test suite is missing under ${SUITE}`);
    const { tally, failures, unimplemented } = runDraft(draft);
    printTable(draft, tally);
    assert.deepEqual(unimplemented, [], "every format of the suite is implemented");
    assert.ok(tally.size >= (draft === "draft4" ? 6 : 9), `only ${tally.size} formats were run`);
    assert.deepEqual(failures, []);
  });
}

/** Valid and invalid examples of our own, per format. */
const EDGE_CASES: Readonly<Record<string, { valid: string[]; invalid: string[] }>> = {
  "date-time": {
    valid: [
      "2024-02-29T00:00:00Z",
      "2016-12-31T23:59:60Z",
      "2017-01-01T00:59:60+01:00",
      "2000-01-01t00:00:00.5z",
      "2000-01-01T00:00:00-00:00",
    ],
    invalid: [
      "2023-02-29T00:00:00Z",
      "2024-01-01T00:00:00",
      "2024-01-01 00:00:00Z",
      "2016-12-31T23:59:60+01:00",
      "2024-01-01T00:00:00.Z",
      "2024-01-01T",
    ],
  },
  date: {
    valid: ["2024-02-29", "2000-02-29", "1900-02-28", "9999-12-31", "0000-01-01"],
    invalid: ["2023-02-29", "1900-02-29", "2024-02-30", "2024-1-01", "2024-01-01\n"],
  },
  time: {
    valid: ["00:00:00Z", "23:59:59.999999+14:00", "23:59:60z", "12:00:00.0-12:00"],
    invalid: ["12:00", "12:00:00", "23:59:60+00:01", "12:00:00+0100", "12:00:00Z\n", "T12:00:00Z"],
  },
  duration: {
    valid: ["P1Y2M", "PT1H", "P2W", "P0W", "PT0S", "P1Y2M3DT4H5M6S", "P1DT1S"],
    invalid: ["P1W2D", "P1Y1W", "PT", "P", "P1DT", "PT1S2M", "P1.5D", "p1d", "P-1D", "PT1W"],
  },
  email: {
    valid: [
      "a@b",
      "a.b+c@example.com",
      '"a\\"b"@example.com',
      "x@[IPv6:2001:db8::1]",
      "x@[ipv6:::1]",
      "x@xn--bcher-kva.example",
      `${"a".repeat(64)}@example.com`,
      "a@ab--cd.example",
      `a@${"b".repeat(63)}`,
      `a@${"b".repeat(62)}.c`,
    ],
    invalid: [
      "a@b.",
      "a@-b.com",
      "a@[::1]",
      "a@[IPv6:1.2.3.4]",
      "ä@example.com",
      "a@bücher.example",
      `${"a".repeat(65)}@example.com`,
      "a@xn--X.com",
      "a@XN--X.com",
      '"a"b"@example.com',
      `a@${"b".repeat(64)}`,
      "a@b-",
      ".a@b",
      "a.@b",
      "a..b@c",
    ],
  },
  "idn-email": {
    valid: ["ä@bücher.example", "用户@例子.广告", '"ä b"@example.com', "a@[127.0.0.1]"],
    invalid: ["ä@bücher。example", `${"ä".repeat(33)}@example.com`, "a@-bücher.example", "a b@example.com", "a@\u302Eb.example"],
  },
  hostname: {
    valid: [
      "a",
      "A.B.C",
      "ab--cd.example",
      "xn--bcher-kva.example",
      "XN--BCHER-KVA.EXAMPLE",
      "0.0",
      `${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(61)}`,
    ],
    invalid: [
      "xn--",
      "xn--a",
      "xn--bcher-kva-",
      "xn--abc",
      "xn--bcher-kvb.example",
      "bücher.example",
      "a..b",
      "a b",
      `${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(62)}`,
    ],
  },
  "idn-hostname": {
    valid: [
      "bücher.example",
      "Bücher.EXAMPLE",
      "xn--bcher-kva.example",
      "例子.广告",
      "ελληνικά.gr",
      "موقع.وزارة",
      "ı.example",
      "l·l.example",
      "ᏣᎳᎩ",
    ],
    invalid: [
      "BÜCHER.example",
      "ab--cd.example",
      "xn--BCHER-KVA-.example",
      "bücher.example.",
      "a\u200Db",
      "a\u200Cb",
      "\u0301a",
      "ꭰ",
      "ﻻ",
      "ẞ.example",
      "ᾀ",
      "a\u00ADb",
      "٠۰",
      "xn--ls8h",
    ],
  },
  ipv4: {
    valid: ["0.0.0.0", "1.2.3.4", "255.255.255.255", "10.0.0.10"],
    invalid: ["1.2.3.04", "01.2.3.4", "1.2.3", "1.2.3.4.", "256.0.0.0", "1.2.3.-1"],
  },
  ipv6: {
    valid: ["::ffff:1.2.3.4", "::1.2.3.4", "1:2:3:4:5:6:1.2.3.4", "1::", "FFFF::ffff", "1:2:3:4:5:6:7::", "::2:3:4:5:6:7:8"],
    invalid: ["1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7:1.2.3.4", "::1.2.3.04", "1.2.3.4::", ":::", "1::2::3", "::1%eth0", "1:2:3:4:5:6:7:8::"],
  },
  uri: {
    valid: [
      "a:",
      "urn:isbn:0451450523",
      "http://[v7.a:b]/",
      "http://user:pw@host:8080/p?q#f",
      "http://[::ffff:1.2.3.4]/",
      "x://@/",
      "file:///etc/hosts",
      "http://a/b%20c%2F",
      "https://a:80?q/?#f",
    ],
    invalid: [
      "http://[1::2::3]/",
      "http://[v7]/",
      "http://a/b c",
      "http://ä/",
      ":a",
      "http://a/%",
      "http://[::1]:x/",
      "http://a/%2",
      "http://a/%41%zz",
      "http://a/#x#y",
    ],
  },
  "uri-reference": { valid: ["", "#", "a/b:c", "../x", "?", "//host"], invalid: ["a:b c", "%zz", "a:b#c#d", ":a", "http://[::1"] },
  iri: {
    valid: ["http://例子.广告/路径?查询#片段", "urn:ä", "http://a/?\u{E000}"],
    invalid: ["http://a/\u{E000}", "http://a/#\u{E000}", "ä", "http://a/\uFFFF"],
  },
  "iri-reference": { valid: ["ä/ö", "//例子/", "#ä"], invalid: ["ä b", "ä:ö:\\", "\u{E000}"] },
  "uri-template": {
    valid: ["", "/users/{id}{?fields*}", "{var:9999}", "{=x}", "{x,y.z,%20a}", "http://a/{+path}/b"],
    invalid: ["{x", "x}", "{x:}", "{x*:3}", "{x y}", "{.}", "a<b"],
  },
  uuid: {
    valid: ["123e4567-e89b-12d3-a456-426614174000", "FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF"],
    invalid: ["{123e4567-e89b-12d3-a456-426614174000}", "123e4567e89b12d3a456426614174000", "123e4567-e89b-12d3-a456-42661417400g"],
  },
  "json-pointer": { valid: ["", "/", "//", "/a~0~1b", "/~01"], invalid: ["~", "/~", "/a~b", " /a"] },
  "relative-json-pointer": { valid: ["0", "0#", "10/a", "3//"], invalid: ["", "#", "00", "0/~", "-0", "0 "] },
  regex: {
    valid: ["", "^a+$", "\\p{L}", "(?<x>a)\\k<x>", "[\\u{1F600}]"],
    invalid: ["(", "a{2,1}", "\\p{Nope}", "(?<x>a)(?<x>b)", "\\k<y>(?<x>a)"],
  },
};

for (const [format, { valid, invalid }] of Object.entries(EDGE_CASES)) {
  test(`${format}: edge cases`, () => {
    const check = STRING_FORMATS[format];
    assert.ok(check !== undefined);
    for (const value of valid) assert.equal(check(value), true, `${JSON.stringify(value)} should be a valid ${format}`);
    for (const value of invalid) assert.equal(check(value), false, `${JSON.stringify(value)} should be an invalid ${format}`);
  });
}

test("string formats ignore values that are not strings", () => {
  for (const [format, check] of Object.entries(STRING_FORMATS)) {
    for (const data of [12, 13.7, {}, [], false, null])
      assert.equal(applyFormat(check, data), true, `${format} on ${JSON.stringify(data)}`);
  }
});

test("numeric formats: int32, int64, float, double", () => {
  const cases: Array<[(value: number) => boolean, number[], number[]]> = [
    [formats.isInt32, [0, -0, 2147483647, -2147483648, 1e3], [2147483648, -2147483649, 1.5, NaN, Infinity]],
    [
      formats.isInt64,
      [0, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 2 ** 63, -(2 ** 63), 2 ** 62],
      [2 ** 64, -(2 ** 64), 2 ** 63 + 2 ** 11, 0.5, NaN, -Infinity],
    ],
    [
      formats.isFloat,
      [0, 1.5, -3.4028234663852886e38, 3.4028234663852886e38, 1e-45],
      [3.4028234663852886e38 * 1.0000001, -1e39, NaN, Infinity],
    ],
    [formats.isDouble, [0, Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE], [NaN, Infinity, -Infinity]],
  ];
  for (const [check, valid, invalid] of cases) {
    for (const value of valid) assert.equal(check(value), true, `${check.name}(${value})`);
    for (const value of invalid) assert.equal(check(value), false, `${check.name}(${value})`);
  }
});

test("formats.ts is self-contained: no imports, no platform APIs, one doc-commented checker per export", () => {
  const source = readFileSync(path.join(REPO_ROOT, "src/runtime/formats.ts"), "utf8");
  assert.match(source, /^\/\*/, "starts with a comment");
  const code = source
    .split("\n")
    .filter((line) => !/^\s*(?:\/\/|\/?\*)/.test(line))
    .join("\n");
  assert.doesNotMatch(code, /^\s*import\b|\brequire\(|\bimport\(/m);
  assert.doesNotMatch(code, /\b(?:URL|URLSearchParams|TextEncoder|TextDecoder|Buffer|process|punycode|Intl|window|document)\b/);
  const exported = [...source.matchAll(/\*\/\nexport function (\w+)\(value: (string|number)\): boolean/g)].map((match) => match[1]);
  const names = Object.keys(formats).sort();
  assert.deepEqual([...exported].sort(), names, "every export is a doc-commented (value) => boolean function");
  assert.deepEqual(names, [
    "isDate",
    "isDateTime",
    "isDouble",
    "isDuration",
    "isEcma262Regex",
    "isEmail",
    "isFloat",
    "isHostname",
    "isIdnEmail",
    "isIdnHostname",
    "isInt32",
    "isInt64",
    "isIpv4",
    "isIpv6",
    "isIri",
    "isIriReference",
    "isJsonPointer",
    "isRegex",
    "isRelativeJsonPointer",
    "isTime",
    "isUri",
    "isUriReference",
    "isUriTemplate",
    "isUuid",
  ]);
});

/** RFC 3986's grammar as one regular expression (as formats.ts had it): the reference for the scanner. */
function rfc3986(): { absolute: RegExp; relative: RegExp } {
  const pct = "%[0-9A-Fa-f]{2}";
  const unreserved = "A-Za-z0-9\\-._~";
  const subDelims = "!$&'()*+,;=";
  const pchar = `(?:[${unreserved}${subDelims}:@]|${pct})`;
  const authority = `(?:(?:[${unreserved}${subDelims}:]|${pct})*@)?(\\[[^\\]]*\\]|(?:[${unreserved}${subDelims}]|${pct})*)(?::[0-9]*)?`;
  const path = `(?://${authority}(?:/${pchar}*)*|/(?:${pchar}+(?:/${pchar}*)*)?`;
  const end = `(?:\\?(?:${pchar}|[/?])*)?(?:#(?:${pchar}|[/?])*)?$`;
  return {
    absolute: new RegExp(`^[A-Za-z][A-Za-z0-9+\\-.]*:${path}|${pchar}+(?:/${pchar}*)*|)${end}`),
    relative: new RegExp(`^${path}|(?:[${unreserved}${subDelims}@]|${pct})+(?:/${pchar}*)*|)${end}`),
  };
}

/** Whether `value` matches `pattern` of {@link rfc3986}, IP literals included. */
function matchesRfc3986(pattern: RegExp, value: string): boolean {
  const host = pattern.exec(value)?.[1];
  if (host === undefined) return pattern.test(value);
  return (
    !host.startsWith("[") ||
    formats.isIpv6(host.slice(1, -1)) ||
    /^[Vv][0-9A-Fa-f]+\.[A-Za-z0-9\-._~!$&'()*+,;=:]+$/.test(host.slice(1, -1))
  );
}

test("uri and uri-reference: the character scanner agrees with RFC 3986's grammar on random strings", () => {
  const { absolute, relative } = rfc3986();
  const pieces = [
    "a",
    "Z",
    "0",
    "9",
    ":",
    "/",
    "//",
    "?",
    "#",
    "@",
    "%",
    "%2F",
    "%g1",
    "[",
    "]",
    "[::1]",
    "[v1.x]",
    ".",
    "-",
    "+",
    "~",
    "!",
    "'",
    " ",
    "é",
    "\\",
    "http",
    "x:",
  ];
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 12 }), (parts) => {
      const value = parts.join("");
      assert.equal(formats.isUri(value), matchesRfc3986(absolute, value), `isUri(${JSON.stringify(value)})`);
      assert.equal(
        formats.isUriReference(value),
        matchesRfc3986(absolute, value) || matchesRfc3986(relative, value),
        `isUriReference(${JSON.stringify(value)})`,
      );
    }),
    { numRuns: 20000, seed: 3986 },
  );
});

test("uri: one character inserted anywhere in a long URL is judged as RFC 3986 judges it", () => {
  // Every position and every length, so that a fast path checking several characters per step is tried at each offset.
  const { absolute } = rfc3986();
  const urls = [
    "https://api.github.com/repos/octocat/Hello-World/issues/1347?state=open&per_page=100%2F3",
    "http://example.com:8080#section-2/sub?x=1",
  ];
  const chars = [" ", '"', "<", ">", "\\", "^", "`", "{", "|", "}", "%", "#", "[", "]", "é", ":", "@", "/", "?"];
  const check = (value: string) => assert.equal(formats.isUri(value), matchesRfc3986(absolute, value), `isUri(${JSON.stringify(value)})`);
  for (const url of urls) {
    for (let at = 0; at <= url.length; at++) for (const char of chars) check(url.slice(0, at) + char + url.slice(at));
    // Every length of URL, each with a character inserted near its end: runs of every length modulo four.
    for (let end = "http://a".length; end <= url.length; end++) {
      const prefix = url.slice(0, end);
      for (let at = Math.max(0, end - 4); at <= end; at++) for (const char of chars) check(prefix.slice(0, at) + char + prefix.slice(at));
    }
  }
});

test("uri: the http(s) fast path agrees with RFC 3986's grammar on URLs and near misses", () => {
  const { absolute } = rfc3986();
  const scheme = fc.constantFrom("http://", "https://", "HTTP://", "http:/", "https:", "httpx://");
  const host = fc
    .array(fc.constantFrom("a", "Z", "0", "api.github.com", ".", "-", "_", "~", "%41", "[::1]", "[v1.x]", "u:p@"), { maxLength: 3 })
    .map((pieces) => pieces.join(""));
  const port = fc.option(fc.array(fc.constantFrom("8", "80", "a", ":"), { maxLength: 2 }).map((pieces) => `:${pieces.join("")}`));
  const rest = fc
    .array(
      fc.constantFrom(
        ...["/", "/repos", "//", "?", "#", "a", "Z", "0", "-", ".", "_", "~", "!", "$", "&", "'", "(", ")", "*", "+", ",", ";", "="],
        ...[":", "@", "%2F", "%aB", "%", "%2", "%g1"],
      ),
      { maxLength: 8 },
    )
    .map((pieces) => pieces.join(""));
  const url = fc.tuple(scheme, host, port, rest).map((parts) => parts.join("")); // join turns a missing port into ""
  // A near miss: one character inserted somewhere.
  const insertion = fc.option(
    fc.tuple(
      fc.nat(),
      fc.constantFrom(" ", '"', "<", ">", "[", "]", "\\", "^", "`", "{", "|", "}", "\u007f", "é", "#", "%", ":", "@", "/"),
    ),
    { freq: 2 },
  );
  let valid = 0;
  fc.assert(
    fc.property(url, insertion, (base, insert) => {
      const at = insert === null ? base.length : insert[0] % (base.length + 1);
      const value = base.slice(0, at) + (insert?.[1] ?? "") + base.slice(at);
      const expected = matchesRfc3986(absolute, value);
      if (expected) valid++;
      assert.equal(formats.isUri(value), expected, `isUri(${JSON.stringify(value)})`);
    }),
    { numRuns: 20000, seed: 3986 },
  );
  assert.ok(valid > 3000, `only ${valid} valid URLs were generated`);
});

/** RFC 5321 mailbox from the exported host name and IP checks: the reference for isEmail's fast path. */
function isMailboxByGrammar(value: string): boolean {
  const match =
    /^([A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]+(?:\.[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]+)*|"(?:[\x20\x21\x23-\x5B\x5D-\x7E]|\\[\x20-\x7E])*")@([^]+)$/.exec(
      value,
    );
  if (match === null) return false;
  const [, localPart = "", domain = ""] = match;
  if (localPart.length > 64) return false;
  if (domain.startsWith("[") && domain.endsWith("]")) {
    const literal = domain.slice(1, -1);
    return formats.isIpv4(literal) || (/^IPv6:/i.test(literal) && formats.isIpv6(literal.slice(5)));
  }
  return formats.isHostname(domain);
}

test("email: the dot-atom fast path agrees with RFC 5321's grammar on addresses and near misses", () => {
  // Runs of 1, 2, 30 and 31 characters reach every length around the limits (64, 63 and 253).
  const atom = fc
    .array(fc.constantFrom("a", "Z9", "a".repeat(30), "b".repeat(31), "+", "-", "_", "!{~"), { minLength: 1, maxLength: 3 })
    .map((pieces) => pieces.join(""));
  const label = fc
    .array(fc.constantFrom("a", "Z9", "c".repeat(30), "d".repeat(31), "e--f", "-", "xn--", "XN--", "xn--bcher-kva"), {
      minLength: 1,
      maxLength: 3,
    })
    .map((pieces) => pieces.join(""));
  const address = fc
    .tuple(fc.array(atom, { minLength: 1, maxLength: 2 }), fc.array(label, { minLength: 1, maxLength: 5 }))
    .map(([atoms, labels]) => `${atoms.join(".")}@${labels.join(".")}`);
  // A near miss: one character inserted somewhere.
  const insertion = fc.option(fc.tuple(fc.nat(), fc.constantFrom(".", "-", "@", '"', " ", "\\", "_", "é", "[", "]")), { freq: 2 });
  let valid = 0;
  fc.assert(
    fc.property(address, insertion, (base, insert) => {
      const at = insert === null ? base.length : insert[0] % (base.length + 1);
      const value = base.slice(0, at) + (insert?.[1] ?? "") + base.slice(at);
      const expected = isMailboxByGrammar(value);
      if (expected) valid++;
      assert.equal(formats.isEmail(value), expected, `isEmail(${JSON.stringify(value)})`);
    }),
    { numRuns: 20000, seed: 5321 },
  );
  assert.ok(valid > 1000, `only ${valid} valid addresses were generated`);
});

/** Every string with one of `chars` inserted at one position of one of `values`: one bad character at every position. */
function insertions(values: readonly string[], chars: readonly string[]): string[] {
  return values.flatMap((value) =>
    Array.from({ length: value.length + 1 }, (_, at) => chars.map((char) => value.slice(0, at) + char + value.slice(at))).flat(),
  );
}

test("uri-reference: one character inserted anywhere in a relative reference is judged as RFC 3986 judges it", () => {
  const { absolute, relative } = rfc3986();
  const references = [
    "/repos/octocat/Hello-World/pulls?state=open&per_page=100%2F3",
    "../pet.yaml#/components/schemas/Pet",
    "./a:b/c",
    "#/a:b@c?d/e",
    "?q=1/2",
    "pet.yaml",
  ];
  const chars = [" ", '"', "<", "\\", "{", "%", "#", "[", "]", "é", ":", "@", "/", "?", ".", "a"];
  for (const value of [...references, ...insertions(references, chars)]) {
    const expected = matchesRfc3986(absolute, value) || matchesRfc3986(relative, value);
    assert.equal(formats.isUriReference(value), expected, `isUriReference(${JSON.stringify(value)})`);
  }
});

/** RFC 4291 §2.2 by splitting the address into its groups (as formats.ts had it): the reference for the scanner. */
function isIpv6ByGroups(value: string): boolean {
  if (!/^[0-9A-Fa-f:.]+$/.test(value)) return false;
  let hex = value;
  if (value.includes(".")) {
    const lastColon = value.lastIndexOf(":");
    if (lastColon < 0 || !formats.isIpv4(value.slice(lastColon + 1))) return false;
    hex = `${value.slice(0, lastColon + 1)}0:0`;
  }
  const halves = hex.split("::");
  if (halves.length > 2) return false;
  const groups = (part: string): string[] => (part === "" ? [] : part.split(":"));
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  if (![...head, ...tail].every((group) => /^[0-9A-Fa-f]{1,4}$/.test(group))) return false;
  return halves.length === 2 ? head.length + tail.length <= 7 : head.length === 8;
}

test("ipv6: the character scanner agrees with the group-splitting check on random strings and near misses", () => {
  const pieces = ["0", "1", "ab", "FFFF", "12345", "g", ":", "::", ":::", ".", "1.2.3.4", "255.255.255.255", "256.1.1.1", "01.2.3.4", " "];
  let valid = 0;
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 12 }), (parts) => {
      const value = parts.join("");
      const expected = isIpv6ByGroups(value);
      if (expected) valid++;
      assert.equal(formats.isIpv6(value), expected, `isIpv6(${JSON.stringify(value)})`);
    }),
    { numRuns: 20000, seed: 4291 },
  );
  assert.ok(valid > 200, `only ${valid} valid addresses were generated`);
  const addresses = ["2001:db8::ff00:42:8329", "1:2:3:4:5:6:7:8", "::ffff:192.0.2.128", "1:2:3:4:5:6:1.2.3.4", "::", "fe80::"];
  for (const value of [...addresses, ...insertions(addresses, [":", ".", "0", "f", "g", " ", "::"])]) {
    assert.equal(formats.isIpv6(value), isIpv6ByGroups(value), `isIpv6(${JSON.stringify(value)})`);
  }
});

/** RFC 1123 host names label by label, A-labels checked as IDNA host names of one label: the reference for isHostname's fast path. */
function isHostnameByLabels(value: string): boolean {
  const labels = value.split(".");
  return (
    value.length <= 253 &&
    labels.every(
      (label) => /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/.test(label) && (!/^xn--/i.test(label) || formats.isIdnHostname(label)),
    )
  );
}

test("hostname: the LDH fast path agrees with the label-by-label check on names and near misses", () => {
  // Runs of 1, 30 and 31 characters reach every length around the limits (63 and 253); the A-labels are left-to-right.
  const label = fc
    .array(fc.constantFrom("a", "Z9", "c".repeat(30), "d".repeat(31), "-", "--", "xn--", "XN--", "xn--bcher-kva", "Xn--BCHER-KVA"), {
      minLength: 1,
      maxLength: 3,
    })
    .map((pieces) => pieces.join(""));
  const name = fc.array(label, { minLength: 1, maxLength: 10 }).map((labels) => labels.join("."));
  const insertion = fc.option(fc.tuple(fc.nat(), fc.constantFrom(".", "-", "_", " ", "é", "@", "..")), { freq: 2 });
  let valid = 0;
  fc.assert(
    fc.property(name, insertion, (base, insert) => {
      const at = insert === null ? base.length : insert[0] % (base.length + 1);
      const value = base.slice(0, at) + (insert?.[1] ?? "") + base.slice(at);
      const expected = isHostnameByLabels(value);
      if (expected) valid++;
      assert.equal(formats.isHostname(value), expected, `isHostname(${JSON.stringify(value)})`);
    }),
    { numRuns: 20000, seed: 1123 },
  );
  assert.ok(valid > 500, `only ${valid} valid names were generated`);
  // 62, 63 and 64 characters, on both sides of the fast path's first limit, and 253 with labels of 63.
  const names = [
    "api.github.com",
    "ec2-203-0-113-42.compute-1.amazonaws.com",
    "xn--bcher-kva.example",
    `${"a".repeat(63)}.b`,
    `${"a".repeat(30)}-${"b".repeat(30)}.c`,
    `${"a".repeat(31)}-${"b".repeat(30)}.c`,
    `${"a".repeat(31)}.${"b".repeat(30)}.c`,
    `${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(61)}`,
  ];
  const chars = ["-", ".", "_", " ", "é", "xn--", "--"];
  for (const value of [...names, ...insertions(names, chars), ...substitutions(names, chars)]) {
    assert.equal(formats.isHostname(value), isHostnameByLabels(value), `isHostname(${JSON.stringify(value)})`);
  }
});

/** Every string with the character at one position of one of `values` replaced by one of `chars`, or removed. */
function substitutions(values: readonly string[], chars: readonly string[]): string[] {
  return values.flatMap((value) =>
    Array.from({ length: value.length }, (_, at) => [
      value.slice(0, at) + value.slice(at + 1),
      ...chars.map((char) => value.slice(0, at) + char + value.slice(at + 1)),
    ]).flat(),
  );
}

/** RFC 3339 by one regular expression, the calendar and the leap second checked with Date: the reference for the scanners. */
function dateTimeByGrammar(value: string, parts: "date-time" | "date" | "time"): boolean {
  const date = "(\\d{4})-(\\d{2})-(\\d{2})";
  const time = "(\\d{2}):(\\d{2}):(\\d{2})(?:\\.\\d+)?(?:[Zz]|([+-])(\\d{2}):(\\d{2}))";
  const pattern = { "date-time": `^${date}[Tt]${time}$`, date: `^${date}$`, time: `^()()()${time}$` }[parts];
  const match = new RegExp(pattern).exec(value);
  if (match === null) return false;
  // Groups that take no part in the match (the offset of "Z") are undefined.
  const numbers = match.slice(1).map((part: string | undefined) => Number(part ?? 0));
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, , offsetHour = 0, offsetMinute = 0] = numbers;
  if (parts !== "time") {
    const calendar = new Date(0);
    calendar.setUTCFullYear(year, month - 1, day);
    if (calendar.getUTCMonth() !== month - 1 || calendar.getUTCDate() !== day) return false;
  }
  if (parts === "date") return true;
  if (hour > 23 || minute > 59 || second > 60 || offsetHour > 23 || offsetMinute > 59) return false;
  if (second !== 60) return true;
  const offset = (match[7] === "-" ? -1 : 1) * (offsetHour * 60 + offsetMinute);
  const utc = new Date(Date.UTC(2000, 0, 1, hour, minute - offset));
  return utc.getUTCHours() === 23 && utc.getUTCMinutes() === 59;
}

test("date-time, date and time: the scanners agree with RFC 3339's grammar on random strings and near misses", () => {
  const checks = { "date-time": formats.isDateTime, date: formats.isDate, time: formats.isTime } as const;
  const pieces = ["2024", "1900", "2000", "0000", "-", "01", "02", "12", "13", "28", "29", "30", "31", "00", "T", "t", " "];
  const timePieces = ["23", "24", "59", "60", ":", ".", "5", "123", "Z", "z", "+", "-", "01:00", "00:01", "14:00", "x", "/"];
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...pieces, ...timePieces), { maxLength: 14 }), (parts) => {
      const value = parts.join("");
      for (const [format, check] of Object.entries(checks))
        assert.equal(check(value), dateTimeByGrammar(value, format as keyof typeof checks), `${format} ${JSON.stringify(value)}`);
    }),
    { numRuns: 20000, seed: 3339 },
  );
  const examples = {
    "date-time": [
      "2024-02-29T23:59:59.999999Z",
      "2016-12-31T23:59:60Z",
      "2017-01-01T00:59:60+01:00",
      "2016-12-31T18:29:60-05:30",
      "1900-02-28t00:00:00z",
      "2023-04-30T12:00:00+14:00",
    ],
    date: ["2024-02-29", "2000-02-29", "2023-12-31", "2023-04-30", "0000-01-01"],
    time: ["23:59:60Z", "00:29:60+00:30", "12:00:00.5-12:00", "17:41:35z"],
  };
  // ":" and "/" border the digits in ASCII.
  const chars = ["0", "1", "2", "3", "6", "9", ":", "/", "-", "+", ".", "T", "t", "Z", "z", " ", "\u0660"];
  for (const [format, check] of Object.entries(checks)) {
    const values = examples[format as keyof typeof checks];
    for (const value of [...values, ...insertions(values, chars), ...substitutions(values, chars)])
      assert.equal(check(value), dateTimeByGrammar(value, format as keyof typeof checks), `${format} ${JSON.stringify(value)}`);
  }
});

test("uuid: the written-out pattern agrees with 8-4-4-4-12 hexadecimal groups on near misses", () => {
  const byGroups = (value: string) => /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/.test(value);
  const uuids = ["123e4567-e89b-12d3-a456-426614174000", "f47ac10b-58cc-4372-A567-0E02B2C3D479", "FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF"];
  const chars = ["0", "9", "a", "f", "A", "F", "g", "G", "/", ":", "@", "`", "-", " ", "é"];
  for (const value of [...uuids, ...insertions(uuids, chars), ...substitutions(uuids, chars)])
    assert.equal(formats.isUuid(value), byGroups(value), `isUuid(${JSON.stringify(value)})`);
});

test("email: one character inserted, replaced or removed anywhere is judged as RFC 5321's grammar judges it", () => {
  // 63, 64 and 65 characters, on both sides of the fast path's limit, and local parts of 64, domains of 63 in longer ones.
  const addresses = [
    "octocat@github.com",
    "ada.lovelace+billing@acme-analytics.com",
    `${"a".repeat(30)}.b@${"c".repeat(20)}-d.example.com`,
    `${"a".repeat(31)}.b@${"c".repeat(20)}-d.example.com`,
    `a@${"b".repeat(62)}`,
    `${"a".repeat(64)}@${"c".repeat(20)}.example.com`,
    `a.b@${"c".repeat(30)}.${"d".repeat(32)}`,
  ];
  const chars = [".", "-", "@", "_", " ", "é", '"', "xn--", "--", "a"];
  for (const value of [...addresses, ...insertions(addresses, chars), ...substitutions(addresses, chars)])
    assert.equal(formats.isEmail(value), isMailboxByGrammar(value), `isEmail(${JSON.stringify(value)})`);
});
