import assert from "node:assert/strict";
import { test } from "node:test";
import { generate } from "../src/index.js";
import { PRINT_WIDTH, printTypeScript } from "../src/print.js";
import { REPO_ROOT, temporaryDirectory } from "./helpers.js";

/** Source lines without indentation, as codegen emits them. */
const flat = (...lines: string[]): string => `${lines.join("\n")}\n`;

/** Prints, and checks that printing the result again changes nothing. */
function print(source: string): string {
  const printed = printTypeScript(source);
  assert.equal(printTypeScript(printed), printed, "printing printed output changes nothing");
  return printed;
}

test("interfaces: members indented by depth and ended with semicolons, a whole parenthesized type unwrapped", () => {
  assert.equal(
    print(flat("export interface A {", "b?: {", "c: string[]", 'd?: ("x" | "y")', "e: (Item)[]", "[k: string]: unknown", "}", "}")),
    flat(
      "export interface A {",
      "  b?: {",
      "    c: string[];",
      '    d?: "x" | "y";',
      "    e: Item[];",
      "    [k: string]: unknown;",
      "  };",
      "}",
    ),
  );
});

test("type aliases end with a semicolon, also across lines; tuple unions get spaces", () => {
  assert.equal(
    print(flat("export type A = string", "export type B = ({", "a: []|[number]", "} | boolean)")),
    flat("export type A = string;", "export type B = {", "  a: [] | [number];", "} | boolean;"),
  );
});

test("JSDoc lines align under the first one's star", () => {
  assert.equal(
    print(flat("export interface A {", "/**", "* Doc with {braces} and (parens.", " */", "b: string", "}")),
    flat("export interface A {", "  /**", "   * Doc with {braces} and (parens.", "   */", "  b: string;", "}"),
  );
});

test("brackets inside strings, template literals and comments do not count", () => {
  const source = flat(
    "function f(): string {",
    "const a = \"({[\" + '}])';",
    'const b = `${ { x: "}" }.x } ${`nested ${"("} {`} [`;',
    "// ) } ]",
    "/* { ( [ */",
    "return a + b;",
    "}",
  );
  assert.equal(
    print(source),
    flat(
      "function f(): string {",
      "  const a = \"({[\" + '}])';",
      '  const b = `${ { x: "}" }.x } ${`nested ${"("} {`} [`;',
      "  // ) } ]",
      "  /* { ( [ */",
      "  return a + b;",
      "}",
    ),
  );
});

test("a template literal's text is kept exactly, across lines", () => {
  assert.equal(
    print(flat("function f(): string {", "return `first {", "   second  ${1 + (2)}", "last`;", "}")),
    flat("function f(): string {", "  return `first {", "   second  ${1 + (2)}", "last`;", "}"),
  );
});

test("blank lines: at most one in a row, none at the start or end of a block or file; no trailing spaces", () => {
  assert.equal(
    print(`\n\nconst a = 1;   \n\n\n\nfunction f(): void {\n\nreturn;\n\n}\n\n\n`),
    flat("const a = 1;", "", "function f(): void {", "  return;", "}"),
  );
});

test("the body of if, else and for without braces hangs a level deeper; an empty block closes on its line", () => {
  assert.equal(
    print(
      flat(
        "function f(x: unknown): void {",
        "if (x)",
        "g({",
        "a: 1,",
        "});",
        "else",
        "for (const y of [])",
        "h(y);",
        "}",
        "function e(): void {",
        "}",
      ),
    ),
    flat(
      "function f(x: unknown): void {",
      "  if (x)",
      "    g({",
      "      a: 1,",
      "    });",
      "  else",
      "    for (const y of [])",
      "      h(y);",
      "}",
      "function e(): void {}",
    ),
  );
});

test("a long condition puts one operand per line, a parenthesized chain hanging from its parenthesis", () => {
  const condition = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot"].map((name) => `value.${name} === undefined`).join(" || ");
  assert.equal(
    print(
      flat(
        "function f(value: Record<string, unknown>): boolean {",
        `if (${condition} || (value.golf !== 1 && value.hotel !== 2 && value.india !== 3)) return false;`,
        "return true;",
        "}",
      ),
    ),
    flat(
      "function f(value: Record<string, unknown>): boolean {",
      "  if (",
      "    value.alpha === undefined ||",
      "    value.bravo === undefined ||",
      "    value.charlie === undefined ||",
      "    value.delta === undefined ||",
      "    value.echo === undefined ||",
      "    value.foxtrot === undefined ||",
      "    (value.golf !== 1 && value.hotel !== 2 && value.india !== 3)",
      "  )",
      "    return false;",
      "  return true;",
      "}",
    ),
  );
});

test("a long call hugs its object argument and puts one property per line, with a trailing comma", () => {
  const push =
    'if (!isJsonObject(value)) errors.push({ instancePath: instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must match format \\"object\\"" });';
  assert.equal(
    print(flat("function f(value: unknown, instancePath: string, errors: ValidationError[]): void {", push, "}")),
    flat(
      "function f(",
      "  value: unknown,",
      "  instancePath: string,",
      "  errors: ValidationError[],",
      "): void {",
      "  if (!isJsonObject(value))",
      "    errors.push({",
      "      instancePath: instancePath,",
      '      schemaPath: "#/type",',
      '      keyword: "type",',
      '      params: { type: "object" },',
      "      message: 'must match format \"object\"',",
      "    });",
      "}",
    ),
  );
});

test("long imports, parameter lists and unions break as prettier does", () => {
  const names = ["SchemaValidationError", "type StandardSchemaV1", "type ValidationError", "type ValidationResult", "isJsonObject"];
  const members = ["magic_link", "otp", "oauth", "webauthn", "totp", "crypto", "password", "signature_challenge", "sso", "imported"];
  const source = flat(
    `import { ${names.join(", ")} } from "./_runtime.js";`,
    "export interface A {",
    `type: ((${members.map((member) => `"${member}"`).join(" | ")}) | string)`,
    "}",
    "export function collectAuthenticationFactorErrors(value: unknown, instancePath: string, errors: ValidationError[]): void {",
    "collectOther(value, instancePath, errors);",
    "}",
  );
  assert.equal(
    print(source),
    flat(
      "import {",
      ...names.map((name) => `  ${name},`),
      '} from "./_runtime.js";',
      "export interface A {",
      "  type:",
      "    | (",
      ...members.map((member) => `        | "${member}"`),
      "      )",
      "    | string;",
      "}",
      "export function collectAuthenticationFactorErrors(",
      "  value: unknown,",
      "  instancePath: string,",
      "  errors: ValidationError[],",
      "): void {",
      "  collectOther(value, instancePath, errors);",
      "}",
    ),
  );
});

test("an import or export of one name stays on its line however long, as prettier keeps it", () => {
  const lines = [
    'import { type SecurityAdvisoryEcosystemsWithAVeryLongName } from "./SecurityAdvisoryEcosystemsWithAVeryLongName.js";',
    'import type { OAuthAccessTokenExchangeFactorWithALongName } from "./OAuthAccessTokenExchangeFactorWithALongName.js";',
    'export { OAuthAccessTokenExchangeFactorWithAVeryLongName } from "./OAuthAccessTokenExchangeFactorWithAVeryLongName.js";',
    // A types module's re-export (the corpus's vega-lite: it was broken into `export type {`, `  Name;`, `};`, which does not parse).
    "export type { FieldOrDatumDefWithConditionMarkPropFieldDefTypeForShapeStringNull };",
  ];
  assert.equal(print(flat(...lines)), flat(...lines));
  assert.equal(
    print(flat('import type { OAuthAccessTokenExchangeFactor, OAuthRegistrationFactor } from "./OAuthAccessTokenExchangeFactor.js";')),
    flat(
      "import type {",
      "  OAuthAccessTokenExchangeFactor,",
      "  OAuthRegistrationFactor,",
      '} from "./OAuthAccessTokenExchangeFactor.js";',
    ),
  );
});

test("the printed output of schemas/ is deterministic, idempotent, within the width where it can be, and what generate writes", async () => {
  const raw = await generate({ cwd: REPO_ROOT, outDir: temporaryDirectory("raw"), check: true, cache: false, formatter: "none" });
  const built = await generate({ cwd: REPO_ROOT, outDir: temporaryDirectory("built"), check: true, cache: false });
  const builtByName = new Map(built.files.map((file) => [file.name, file.source]));
  for (const file of raw.files.filter((file) => !file.name.startsWith("_"))) {
    const printed = printTypeScript(file.source);
    assert.equal(printTypeScript(file.source), printed, `${file.name}: the same input prints the same`);
    assert.equal(printTypeScript(printed), printed, `${file.name}: printing again changes nothing`);
    assert.equal(builtByName.get(file.name), printed, `${file.name}: generate uses the printer`);
    assert.match(printed, /[^\n]\n$/, `${file.name}: ends with exactly one newline`);
    assert.doesNotMatch(printed, /[ \t]$|\n\n\n/m, `${file.name}: no trailing whitespace, no two blank lines in a row`);
    for (const line of printed.split("\n")) {
      assert.match(line, /^(?: {2})*(?:\S| \*)|^$/, `${file.name}: indented by two spaces a level: ${line}`);
      // Only comments and lines without a break point (a long string, a long name before `=`, an import or export of one name) may stay longer.
      if (line.length > PRINT_WIDTH)
        assert.match(
          line,
          /^\s*(?:\/\/|\*|\/\*\*)|^\s*(?:\w+: )?"[^"]*",?$|^[^(]+ =$|^(?:import|export) (?:type )?\{ \w+ \} from "[^"]+";$/,
          `${file.name}: too long: ${line}`,
        );
    }
  }
});

test("a value that is a name with a computed member breaks after the `=`, as prettier breaks member chains", () => {
  const line = 'const confluentKeySchemaValidation = topicConfiguration["confluent.key.schema.validation"];';
  assert.equal(
    print(flat("function f(): void {", line, "}")),
    flat(
      "function f(): void {",
      "  const confluentKeySchemaValidation =",
      '    topicConfiguration["confluent.key.schema.validation"];',
      "}",
    ),
  );
});
