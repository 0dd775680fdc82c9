/**
 * The built-in printer against prettier, byte for byte (scripts/prettier-identity.ts sweeps all of
 * it): schemas/, a sample of the suite's schemas, of GitHub's components and of random schemas,
 * under prettier's defaults and the other configs the printer implements.
 */
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import * as prettier from "prettier";
import { printLikePrettier, printOptionsFor } from "../src/format.js";
import { generate } from "../src/index.js";
import { printModule, printTypeScript } from "../src/print.js";
import { temporaryDirectory } from "./helpers.js";
import {
  compareRandom,
  compareSuite,
  compareWithPrettier,
  CONFIGS,
  everyNth,
  GITHUB,
  REPO_ROOT,
  type Difference,
} from "../scripts/prettier-identity.js";

const SEED = Number(process.env.PRETTIER_IDENTITY_SEED ?? Date.now() % 100_000);

function assertIdentical(source: string, { compared, differences }: { compared: number; differences: Difference[] }): void {
  assert.ok(compared > 0, `${source}: nothing compared`);
  const shown = differences.slice(0, 3).map(({ file, excerpt }) => `${file}: ${excerpt}`);
  assert.equal(
    differences.length,
    0,
    `${source}: ${differences.length} of ${compared} modules differ from prettier\n${shown.join("\n\n")}`,
  );
}

for (const [name, config] of Object.entries(CONFIGS).filter(([, config]) => printOptionsFor(config) !== undefined)) {
  test(`the printer is prettier, config ${name}: schemas/`, async () => {
    assertIdentical("schemas/", await compareWithPrettier({ cwd: REPO_ROOT }, config));
  });
  test(`the printer is prettier, config ${name}: schemas/ without the naming config (the bench's longer names)`, async () => {
    const cwd = temporaryDirectory("unconfigured");
    assertIdentical("schemas/, unconfigured", await compareWithPrettier({ cwd, inputs: [path.join(REPO_ROOT, "schemas")] }, config));
  });
  test(`the printer is prettier, config ${name}: GitHub's components (every 40th)`, async () => {
    assertIdentical("GitHub", await compareWithPrettier({ cwd: REPO_ROOT, inputs: [GITHUB] }, config, everyNth(40)));
  });
  test(`the printer is prettier, config ${name}: suite schemas (every 20th group)`, async () => {
    assertIdentical("suite draft2020-12", await compareSuite("draft2020-12", config, 20));
    assertIdentical("suite draft7", await compareSuite("draft7", config, 20));
  });
  test(`the printer is prettier, config ${name}: 40 random schemas (seed ${SEED})`, async () => {
    assertIdentical(`random (seed ${SEED})`, await compareRandom(40, SEED, config));
  });
}

test("configs the printer does not implement go to prettier", () => {
  assert.equal(printOptionsFor({ singleQuote: true }), undefined);
  assert.equal(printOptionsFor({ semi: false }), undefined);
  assert.equal(printOptionsFor({ trailingComma: "none" }), undefined);
  assert.equal(printOptionsFor({ plugins: ["prettier-plugin-organize-imports"] }), undefined);
  assert.equal(printOptionsFor({ useTabs: true }), undefined);
  assert.equal(printOptionsFor({ tabWidth: 4 }), undefined);
  assert.deepEqual(printOptionsFor({ printWidth: 120, useTabs: false, semi: true, endOfLine: "lf", jsxSingleQuote: true }), {
    printWidth: 120,
  });
});

test("a long index signature is never broken inside its brackets (TS1025), and the output is prettier's", async () => {
  const dir = temporaryDirectory("index-signature");
  const definition = "AVeryLongDefinitionNameForTheInformationObjectOfThisDocument";
  const schema = {
    $schema: "http://json-schema.org/draft-07/schema#",
    title: "Doc",
    type: "object",
    additionalProperties: false,
    patternProperties: { "^x-": { type: "string" } },
    properties: {
      version: { const: "2.0.0-rc2" },
      id: { type: "string" },
      info: { $ref: `#/definitions/${definition}` },
      servers: { type: "object", additionalProperties: { type: "number" } },
      tag: { type: "boolean" },
    },
    definitions: { [definition]: { type: "object" } },
  };
  writeFileSync(path.join(dir, "doc.json"), JSON.stringify(schema));
  const options = { cwd: dir, inputs: ["doc.json"], outDir: "out", check: true, cache: false } as const;
  const doc = (result: { files: { name: string; source: string }[] }): string =>
    result.files.find((file) => file.name === "Doc.types.ts")!.source;
  const raw = doc(await generate({ ...options, formatter: "none" }));
  const filepath = path.join(dir, "out/Doc.types.ts");
  // The printer alone, without the paragraphs it leaves to prettier: still TypeScript (prettier parses it).
  const printed = printTypeScript(raw);
  assert.doesNotMatch(printed, /\[\n\s*k: string,?\n\s*\]/);
  await prettier.format(printed, { filepath });
  const formatted = doc(await generate(options));
  assert.equal(formatted, await prettier.format(raw, { filepath }));
  assert.match(formatted, /^ {2}\[k: string\]:\n {4}\| string$/m);
});

// Shapes random schemas produced that the printer once laid out unlike prettier (each as json2ts writes it).
const FOUND_BY_RANDOM_SCHEMAS = {
  "a parenthesized array type breaks inside its parentheses":
    "export type A = (Record<string, never> | unknown[] | string | number | boolean | null)[]\n",
  "an optional quoted key that is an identifier": 'export interface B {\n"ü"?: B\nb?: string\n}\n',
  "a parenthesized rest element": "export type C = []|[unknown, ...(unknown[])[]]\n",
  "an object type after another tuple element": "export type D = [unknown, {\n[k: string]: unknown\n}, ...unknown[]]\n",
  "an intersection that only overflows once its tuple union is spaced":
    "export type Schema248 = (unknown & (B28 | []|[unknown]|[unknown, unknown]))[]\n",
};

for (const [name, source] of Object.entries(FOUND_BY_RANDOM_SCHEMAS)) {
  test(`the printer is prettier: ${name}`, async () => {
    const filepath = "/project/generated/index.ts";
    const [printed] = await printLikePrettier([source], filepath, {});
    assert.equal(printed, await prettier.format(source, { filepath }));
  });
}

// Shapes the printer writes itself, without prettier, where it once handed them over (Stytch's AuthenticationFactor).
const lines = (...source: string[]): string => `${source.join("\n")}\n`;
const kinds = (prefix: string, count: number): string => Array.from({ length: count }, (_, index) => `"${prefix}_${index}"`).join(" | ");
const WRITTEN_BY_THE_PRINTER = {
  "a parenthesized union that is a member of a union, short and long": lines(
    "export interface E {",
    `kind: ((${kinds("k", 2)}) | string)`,
    `method?: (string | (${kinds("delivery", 9)}) | number)`,
    "}",
    // json-schema-to-typescript separates declarations by a blank line.
    "",
    `export type F = ((${kinds("factor", 9)}) | string)`,
  ),
  "a negated chain of two calls hugged by its if, one call a line": lines(
    "function f(value: unknown): boolean {",
    "for (const delivery_method of [value]) {",
    "if (delivery_method !== undefined) {",
    "if (!(checkAuthenticationFactor_DeliveryMethodAnyOf0(delivery_method) || checkAuthenticationFactor_TypeAnyOf1(delivery_method))) {",
    "return false;",
    "}",
    "}",
    "}",
    "return true;",
    "}",
  ),
  "a sum of counts (oneOf) with terms too long for a line, one with a call too long as well": lines(
    "function g(value: unknown): boolean {",
    "for (const pushed_at of [value]) {",
    "if (pushed_at !== undefined && pushed_at !== null && (checkWebhookIssuesTransferred_ChangesNewRepositoryCreatedAtOneOf0(pushed_at) ? 1 : 0) + (checkWebhookIssuesTransferred_RepositoryCreatedAtOneOf1(pushed_at) ? 1 : 0) + (checkWebhookIssuesTransferredCreatedAt2(pushed_at) ? 1 : 0) !== 1) return false;",
    "}",
    "return true;",
    "}",
  ),
  // GitHub's: the branches' prune tests are constants (`oneOf0RuledOut`), the counts and chains keep short operands.
  "branches behind their prune tests: an anyOf chain in a negated if, counts whose test or call is too long": lines(
    "function h(value: unknown, author2: unknown, changes: unknown): boolean {",
    "if (!(checkCopilotSpaceCollaborator_AnyOf0(value) || (!anyOf1RuledOut && checkSpace(value)))) return false;",
    // It fits inside `if (!(`, but a parenthesized `&&` operand makes prettier break the `||` too.
    "if (!(checkCollaborator_AnyOf0(value) || (!anyOf1RuledOut && checkSpace(value)))) return false;",
    "if ((!oneOf0RuledOut && checkSimpleUser(author2 as unknown) ? 1 : 0) + (!oneOf1RuledOut && checkEmptyObject(author2 as unknown) ? 1 : 0) !== 1) return false;",
    "if ((!oneOf0RuledOut && checkWebhookProjectsV2ItemEdited_ChangesOneOf0(changes) ? 1 : 0) + (!oneOf1RuledOut && checkWebhookProjectsV2ItemEdited_ChangesOneOf1(changes) ? 1 : 0) !== 1) return false;",
    "if ((!oneOf0RuledOut && checkDiscussion_AnswerChosenBy(value) ? 1 : 0) + (!oneOf1RuledOut && checkWebhookPullRequestAssigned_PullRequestRequestedReviewersItemsOneOf1(value) ? 1 : 0) !== 1) return false;",
    "return true;",
    "}",
  ),
  // GitHub's PullRequestMergeAsyncResult: a prune test whose chain holds chains too long for a line, each hung as prettier hangs them.
  "a prune test with chains inside its chain, and a oneOf of three whose flag stops at the second match": lines(
    "function k(details: unknown): boolean {",
    'const oneOf0RuledOut = isJsonObject(details) && (typeof details.message !== "string" || typeof details.uuid !== "string" || (details.merge_method !== "default" && details.merge_method !== "merge" && details.merge_method !== "squash" && details.merge_method !== "rebase") || (details.merge_action !== "default" && details.merge_action !== "merge_queue" && details.merge_action !== "direct_merge"));',
    "let matchedOne = false;",
    "if (!oneOf0RuledOut && checkPullRequestMergeAsyncResult_DetailsOneOf0(details)) {",
    "matchedOne = true;",
    "}",
    "if (!oneOf1RuledOut && checkPullRequestMergeAsyncResult_DetailsOneOf1WithALongerName(details)) {",
    "if (matchedOne) return false;",
    "matchedOne = true;",
    "}",
    "if (!matchedOne) return false;",
    "return true;",
    "}",
  ),
};

for (const [name, source] of Object.entries(WRITTEN_BY_THE_PRINTER)) {
  test(`the printer writes itself, as prettier does: ${name}`, async () => {
    assert.deepEqual(printModule(source).delegated, []);
    assert.equal(printTypeScript(source), await prettier.format(source, { filepath: "/project/generated/index.ts" }));
  });
}

// Shapes the type printer (print-types.ts) writes where the line printer cannot: GitHub's, as json2ts writes them.
const jsdoc = (...text: string[]): string[] => ["/**", ...text.map((line) => ` * ${line}`), " */"];
const WRITTEN_BY_THE_TYPE_PRINTER = {
  "an array of objects or null, as a member, with JSDoc inside": lines(
    "export interface I {",
    ...jsdoc("@readonly"),
    "readonly identifiers: ({",
    ...jsdoc("The type of identifier."),
    'type: ("CVE" | "GHSA")',
    "value: string",
    "}[] | null)",
    "}",
  ),
  "an array of a union holding an object-or-null union, two levels down": lines(
    "export interface J {",
    "pull_request: {",
    "requested_reviewers: (({",
    "login: string",
    'type?: ("Bot" | "User" | "Organization")',
    "} | null) | {",
    ...jsdoc("Name of the team", "", '@example "justice-league"'),
    "name: string",
    "parent?: ({",
    "id: number",
    "} | null)",
    "})[]",
    "}",
    "}",
  ),
  "a parenthesized intersection of objects, and a string-or-object union or null": lines(
    "export interface K {",
    "author: ({",
    "date?: string",
    "} & {",
    "date: string",
    "})",
    "bugs?: ((string | {",
    "[k: string]: unknown",
    "}) | null)",
    '"content-type"?: string',
    '"quoted"?: string',
    "}",
  ),
  "an alias: a union of an intersection and an object, with JSDoc": lines(
    ...jsdoc("A collaborator (user or team) of a Copilot Space"),
    "export type CopilotSpaceCollaborator = ((SimpleUser & {",
    'actor_type: "User"',
    "}) | {",
    'actor_type: "Team"',
    "id: number",
    "})",
  ),
  "an alias: a long union of intersections, and an object with a JSON-like literal": lines(
    `export type L = (${Array.from({ length: 4 }, (_, index) => `(RepositoryRuleCreation${index} & RepositoryRuleRulesetInfo)`).join(" | ")})`,
    "",
    "export type M = (Record<string, never> & {",
    'value?: (1 | -2.5 | true | "it\'s \\"quoted\\"")',
    "})",
  ),
  "an empty object type written over a blank line (the suite's `{ properties: {} }`), which prettier closes up": lines(
    "export type S = (unknown[] | {",
    "",
    "} | string | number | boolean | null)",
  ),
  "doubled parentheses, which prettier drops": lines(
    "export type G = ((string | number))[]",
    "",
    "export interface H {",
    'a: ((("x" | "y") | string))',
    "}",
  ),
};

for (const [name, source] of Object.entries(WRITTEN_BY_THE_TYPE_PRINTER)) {
  test(`the type printer writes itself, as prettier does: ${name}`, async () => {
    assert.deepEqual(printModule(source).delegated, []);
    for (const printWidth of [80, 100, 40])
      assert.equal(
        printTypeScript(source, { printWidth }),
        await prettier.format(source, { filepath: "/project/generated/index.ts", printWidth }),
        `printWidth ${printWidth}`,
      );
  });
}

// Members and a code line too long for their lines, each at widths 80, 100 and 60: prettier breaks a member
// after its `:` only for a union it does not hug, and an index signature inside its brackets.
const FACTOR = "ApiSessionV1OAuthAccessTokenExchangeFactorWithLongName";
const LONG_KEY = "oauth_access_token_exchange_factor_x";
const TOO_LONG = {
  "a member whose type is a name, an array of one, a string, a generic": lines(
    "export interface O {",
    `${LONG_KEY}: ${FACTOR}[]`,
    `${LONG_KEY}2?: ${FACTOR}`,
    `${LONG_KEY}3: "${FACTOR}"`,
    `${LONG_KEY}4: Record<string, ${FACTOR}>`,
    "}",
  ),
  "a member whose union prettier hugs, and ones it does not": lines(
    "export interface P {",
    `${LONG_KEY}: (${FACTOR} | null)`,
    `${LONG_KEY}2: (null | ${FACTOR})`,
    `${LONG_KEY}3: (${FACTOR} | ${FACTOR}2)`,
    `${LONG_KEY}4: (string | null)`,
    "}",
  ),
  "an index signature whose type is too long for its line": lines("export interface Q {", `[k: string]: ${FACTOR}${FACTOR}`, "}"),
  "a for loop over a property with a long name": lines(
    "function f(value: unknown[]): boolean {",
    `for (let index = 0; index < ${LONG_KEY}_of_the_organization.length; index++) {`,
    "const item = value[index];",
    "}",
    "return true;",
    "}",
  ),
  // GitHub's Commit: a parenthesized chain as the first operand of a hung chain shares its line with the `(`.
  "a prune test whose first operand is a chain too long for the line after two parentheses": lines(
    "function m(committer2: unknown): boolean {",
    "for (const x of [committer2]) {",
    "if (x !== undefined) {",
    'const oneOf1RuledOut2 = isJsonObject(committer2) && ((committer2.avatar_url !== undefined && hasKey(committer2, "avatar_url")) || (committer2.events_url !== undefined && hasKey(committer2, "events_url")) || (committer2.followers_url !== undefined && hasKey(committer2, "followers_url")));',
    "}",
    "}",
    "return true;",
    "}",
  ),
  // Seeds 90950 and 3 of the random schemas, when prune tests were written inline: prettier breaks the negated chain with the one around it.
  "oneOf and anyOf branches behind their exclusions": lines(
    "function f(value: unknown): boolean {",
    "if ((!(isJsonObject(value) && value.c === undefined) && checkSchema29B_OneOf0(value) ? 1 : 0) + (checkSchema29B_OneOf1(value) ? 1 : 0) !== 1) return false;",
    'if (!(isJsonObject(value) && (value[""] === undefined || value.a === undefined)) && checkSchema25_AnyOf0ThenOneOf0(value)) return false;',
    "return !checkB(value) || !((!(isJsonObject(value) && (value.a === undefined || value.b === undefined)) && checkC(value)) || checkD(value));",
    "}",
  ),
};

for (const [name, source] of Object.entries(TOO_LONG)) {
  test(`too long for its line, laid out as prettier does: ${name}`, async () => {
    for (const printWidth of [80, 100, 60]) {
      const filepath = "/project/generated/index.ts";
      const [printed] = await printLikePrettier([source], filepath, { printWidth });
      assert.equal(printed, await prettier.format(source, { filepath, printWidth }), `printWidth ${printWidth}`);
    }
  });
}

test("a type outside the type printer's subset still goes to prettier: a quoted key beyond ASCII, a blank line between members", async () => {
  const filepath = "/project/generated/index.ts";
  const quoted = lines("export interface N {", '"ü"?: ({', "a: string", "}[] | null)", "}");
  // prettier keeps one blank line between members.
  const blank = lines("export interface N {", "a: ({", "b: string", "", "c: string", "}[] | null)", "}");
  for (const source of [quoted, blank]) {
    assert.equal(printModule(source).delegated.length, 1);
    const [printed] = await printLikePrettier([source], filepath, {});
    assert.equal(printed, await prettier.format(source, { filepath }));
  }
});
