import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type * as prettier from "prettier";
import type { Formatter } from "./config.js";
import type { GeneratedFile } from "./emit-module.js";
import { PRETTIER_DEFAULTS, printModule, type PrintedModule, type PrintOptions } from "./print.js";

/**
 * Options that change nothing in the TypeScript codegen writes (JSX, HTML, Vue and Markdown ones),
 * and options the printer has not implemented but whose value is prettier's default.
 */
const NO_EFFECT = new Set(["jsxSingleQuote", "bracketSameLine", "singleAttributePerLine", "proseWrap", "htmlWhitespaceSensitivity"]);
const DEFAULTS: Readonly<Record<string, unknown>> = {
  vueIndentScriptAndStyle: false,
  semi: true,
  singleQuote: false,
  quoteProps: "as-needed",
  trailingComma: "all",
  bracketSpacing: true,
  objectWrap: "preserve",
  arrowParens: "always",
  embeddedLanguageFormatting: "auto",
  experimentalTernaries: false,
  experimentalOperatorPosition: "end",
  insertPragma: false,
  requirePragma: false,
  parser: "typescript",
  tabWidth: 2,
  useTabs: false,
};

/**
 * The printer's options for a resolved prettier config, or undefined when the config asks for
 * something the printer does not do (tabs, another quote, no semicolons, a plugin, …): prettier formats then.
 */
export function printOptionsFor(config: prettier.Options): PrintOptions | undefined {
  const printOptions: PrintOptions = { ...PRETTIER_DEFAULTS };
  for (const [key, value] of Object.entries(config)) {
    if (key === "printWidth" && Number.isInteger(value) && (value as number) > 0) printOptions.printWidth = value as number;
    // The generated modules are written with LF line ends, which "auto" keeps.
    else if (key === "endOfLine" && (value === "lf" || value === "auto")) continue;
    else if (key === "plugins" && Array.isArray(value) && value.length === 0) continue;
    else if (!NO_EFFECT.has(key) && DEFAULTS[key] !== value) return undefined;
  }
  return printOptions;
}

/** A module as the built-in printer prints it, with the parts it leaves to prettier. */
type Printed = PrintedModule | undefined;

/**
 * The built-in printer's version of prettier's output for modules under `config` (undefined for each
 * when the printer does not implement the config). The parts it hands back are formatted by prettier.
 */
export async function printLikePrettier(
  sources: readonly string[],
  filepath: string,
  config: prettier.Options,
): Promise<(string | undefined)[]> {
  const printOptions = printOptionsFor(config);
  const printed: Printed[] = sources.map((source) => (printOptions === undefined ? undefined : printModule(source, printOptions)));
  const formatted = await formatParts(
    printed.flatMap((module) => module?.delegated ?? []),
    { ...config, filepath },
  );
  let next = 0;
  return printed.map((module) => {
    if (module === undefined) return undefined;
    const parts = formatted.slice(next, (next += module.delegated.length));
    // One pass over the module (the parts are in order): splicing each in would copy it once per part.
    const pieces: string[] = [];
    let at = 0;
    module.delegated.forEach(({ start, end }, index) => {
      pieces.push(module.text.slice(at, start), parts[index]!);
      at = end;
    });
    pieces.push(module.text.slice(at));
    return pieces.join("");
  });
}

/** Separates the parts of one prettier run: a comment, which prettier puts on a line of its own before the next statement. */
const BOUNDARY = "// codegen: part boundary";

/**
 * prettier's output for parts of modules, in one prettier run (a run costs milliseconds however
 * small): top-level statements are formatted independently. A member or statement is formatted
 * inside as many levels of interfaces or blocks as it is indented (all that its context changes),
 * which are then cut off.
 */
async function formatParts(parts: PrintedModule["delegated"], options: prettier.Options): Promise<string[]> {
  if (parts.length === 0) return [];
  const wrapped = parts.map(({ source, indent, kind }) => {
    if (kind === "paragraph") return source;
    const [outer, inner, close] = kind === "member" ? ["interface _ {", "_: {", "};"] : ["function _() {", "{", "}"];
    return [outer, ...Array<string>(indent - 1).fill(inner), source, ...Array<string>(indent - 1).fill(close), "}"].join("\n");
  });
  const formatted = (await (await loadPrettier()).format(`${wrapped.join(`\n${BOUNDARY}\n`)}\n`, options)).split(`${BOUNDARY}\n`);
  return formatted.map((text, index) => {
    const { kind, indent } = parts[index]!;
    return kind === "paragraph"
      ? text
      : `${text
          .split("\n")
          .slice(indent, -1 - indent)
          .join("\n")}\n`;
  });
}

/**
 * Formats generated files as prettier does with `config`. With `builtin`, the modules go through the
 * built-in printer when it implements the config (test/prettier-identity.test.ts holds the two
 * identical); the copied run-time helpers, and everything under another config or `prettier`, through prettier.
 */
export async function formatFiles(
  files: readonly GeneratedFile[],
  outDir: string,
  formatter: Formatter,
  config: prettier.Options,
): Promise<GeneratedFile[]> {
  if (formatter === "none") return files.map(({ name, source }) => ({ name, source }));
  const modules = formatter === "builtin" ? files.filter((file) => file.copy === undefined) : [];
  const printed = await printLikePrettier(
    modules.map((file) => file.source),
    path.join(outDir, "index.ts"),
    config,
  );
  const byName = new Map(modules.map((file, index) => [file.name, printed[index]]));
  // The run-time sources are kept in prettier's default style (`npm run lint` checks them): under
  // prettier's defaults they are prettier's output as they are.
  const atDefaults = formatter === "builtin" && printOptionsFor(config)?.printWidth === PRETTIER_DEFAULTS.printWidth;
  return Promise.all(
    files.map(async ({ name, source, copy }) => ({
      name,
      source:
        byName.get(name) ??
        (atDefaults && copy === "formatted"
          ? source
          : await (await loadPrettier()).format(source, { ...config, filepath: path.join(outDir, name) })),
    })),
  );
}

/**
 * The user's prettier config for files in the output directory, resolved as the prettier CLI does
 * (with .editorconfig), read afresh: it may have changed since the last run in this process.
 */
export async function prettierConfig(outDir: string): Promise<prettier.Options> {
  if (!mayHaveConfig(path.resolve(outDir))) return {};
  return (await (await loadPrettier()).resolveConfig(path.join(outDir, "index.ts"), { useCache: false, editorconfig: true })) ?? {};
}

/** prettier itself, loaded only when it is used: loading it takes about 50 ms, an eighth of a run on `schemas/`. */
const loadPrettier = (): Promise<typeof prettier> => import("prettier");

/** The files prettier's config search reads in each directory from a file's up to the root (and .editorconfig). */
const CONFIG_FILES = [
  "package.yaml",
  ".prettierrc",
  ...["json", "yaml", "yml", "json5", "js", "ts", "mjs", "mts", "cjs", "cts", "toml"].map((extension) => `.prettierrc.${extension}`),
  ...["js", "ts", "mjs", "mts", "cjs", "cts"].map((extension) => `prettier.config.${extension}`),
  ".editorconfig",
];

/**
 * Whether prettier might find a config for files in `dir`: a config file, an .editorconfig or a
 * package.json with a "prettier" key (or one it cannot read) in it or a directory above. Where there
 * is none, its answer is no config, and it need not be loaded to say so.
 */
function mayHaveConfig(dir: string): boolean {
  for (let current = dir; ; current = path.dirname(current)) {
    if (CONFIG_FILES.some((name) => existsSync(path.join(current, name)))) return true;
    const packageJson = path.join(current, "package.json");
    if (existsSync(packageJson)) {
      try {
        const manifest: unknown = JSON.parse(readFileSync(packageJson, "utf8"));
        if (typeof manifest !== "object" || manifest === null || "prettier" in manifest) return true;
      } catch {
        return true;
      }
    }
    if (path.dirname(current) === current) return false;
  }
}
