import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { type Dialect, DIALECTS } from "./dialect.js";
import { CodegenError } from "./errors.js";
import { appendPointer } from "./json-pointer.js";

/** How schema names become TypeScript names. */
export interface NamingOptions {
  /**
   * A regular expression removed from the start of every schema name before it becomes a type name,
   * e.g. `^api_[a-z0-9_]+?_v[0-9]+_` turns `api_organization_v1_Member` into `Member`.
   */
  stripPrefix?: RegExp;
  /**
   * Type names chosen by hand, by source name (`"Project_Site"`: every schema of that name) or by
   * `file#pointer` (`"schemas/site.json#/$defs/Project_Site"`, `"schemas/site.json#"` for a root).
   */
  types?: Readonly<Record<string, string>>;
  /** Asked for every named schema: a type name replaces codegen's, `undefined` keeps it. */
  typeName?: (context: TypeNameContext) => string | undefined;
}

/** What `NamingOptions.typeName` is told about a named schema. */
export interface TypeNameContext {
  /** Its name as written: the definition key or component name; for a document root, its title or file name. */
  sourceName: string;
  /** Its file, relative to the working directory, with `/` separators. */
  file: string;
  /** Its JSON pointer in the file (`""` for the root). */
  pointer: string;
  /** Its `title`, if it has one. */
  title: string | undefined;
  /** The name codegen gives it (after `types`), which `undefined` keeps. */
  proposed: string;
}

/** A name `types` and `typeName` may give: an ASCII capital, then ASCII letters or digits (never a reserved word, and never a private function's `Owner_Path`). */
export function isTypeName(name: string): boolean {
  return /^[A-Z][A-Za-z0-9]*$/.test(name);
}

export interface CodegenConfig {
  /** Schema files or directories, relative to the config's directory. */
  inputs: string[];
  /** The output directory, relative to the config's directory. */
  out: string;
  naming: NamingOptions;
  /** Dialect of schemas without `$schema`. */
  dialect?: Dialect;
  /** Whether validators assert `format` (default) or treat it as an annotation. */
  formats?: "assert" | "annotate";
  /** How the output is formatted: as prettier does, by the built-in printer where it can (default) or prettier itself; or not at all. */
  formatter?: Formatter;
  /** TypeScript modules (default), or JavaScript modules with `.d.ts` declarations. */
  emit: EmitLanguage;
  /** Unknown keywords are errors, not warnings (as `--strict`). */
  strict?: boolean;
  /** Fetch `http(s)` refs (as `--allow-remote`). */
  allowRemote?: boolean;
  /** Follow file refs outside the project and the inputs' directories (as `--allow-outside-root`). */
  allowOutsideRoot?: boolean;
  /** URI prefixes (ending in `/`) served from local directories, relative to the config's directory (as `--registry`). */
  registry?: Record<string, string>;
  /** Annotation keywords to ignore without a warning, besides the built-in ones; an entry ending in `*` is a prefix. */
  annotations?: string[];
}

export const FORMATTERS = ["builtin", "prettier", "none"] as const;
/**
 * `builtin`: prettier's output for the user's prettier config, by codegen's own printer (fast) where it
 * implements the config, by prettier elsewhere; `prettier`: always prettier; `none`: as emitted.
 */
export type Formatter = (typeof FORMATTERS)[number];

export const EMIT_LANGUAGES = ["ts", "js"] as const;
/** The language of the output: TypeScript modules, or JavaScript modules each with a `.d.ts` of its types. */
export type EmitLanguage = (typeof EMIT_LANGUAGES)[number];

export const CONFIG_FILE_NAME = "codegen.config.json";
/** The key of `package.json` that may hold the same configuration instead. */
export const PACKAGE_JSON_KEY = "codegen";
export const DEFAULT_CONFIG: CodegenConfig = { inputs: ["schemas"], out: "generated", naming: {}, emit: "ts" };
/** What `codegen init` writes: every default spelled out. */
export const INITIAL_CONFIG = {
  inputs: ["schemas"],
  out: "generated",
  dialect: "2020-12",
  formats: "assert",
  formatter: "builtin",
  emit: "ts",
  strict: false,
  allowRemote: false,
  allowOutsideRoot: false,
  registry: {},
  annotations: [],
} satisfies Omit<CodegenConfig, "naming">;

function fail(message: string, pointer: string, hint: string): never {
  throw new CodegenError(message, { file: CONFIG_FILE_NAME, pointer, hint });
}

function stringList(value: unknown, pointer: string): string[] {
  if (!Array.isArray(value) || value.length === 0 || !value.every((item) => typeof item === "string" && item !== "")) {
    fail("must be a non-empty array of paths", pointer, 'Write e.g. "inputs": ["schemas"].');
  }
  return value as string[];
}

/** Checks a registry entry's URI prefix: absolute, and ending in `/` so that it names a directory. */
export function checkRegistryPrefix(prefix: string, where: string): void {
  if (!/^[a-z][a-z0-9+.-]*:/i.test(prefix) || !prefix.endsWith("/")) {
    invalidOption(
      `has the URI prefix ${JSON.stringify(prefix)}, which must be an absolute URI ending in "/"`,
      where,
      'Map the part of the schemas\' $id before the file name, e.g. "http://example.org/schema/" to the directory that holds those files.',
    );
  }
}

function registryOption(value: unknown): Record<string, string> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    fail(
      "must be an object mapping URI prefixes to directories",
      "/registry",
      'Write e.g. "registry": { "http://example.org/schema/": "schemas" }.',
    );
  }
  const registry: Record<string, string> = {};
  for (const [prefix, dir] of Object.entries(value)) {
    const where = appendPointer("/registry", prefix);
    checkRegistryPrefix(prefix, where);
    if (typeof dir !== "string" || dir === "") fail("must be a directory path", where, 'Write e.g. "schemas".');
    registry[prefix] = dir;
  }
  return registry;
}

function annotationsOption(value: unknown): string[] {
  if (!Array.isArray(value) || !value.every((item) => typeof item === "string" && item !== "" && item !== "*")) {
    fail(
      "must be an array of keyword names (an entry ending in * is a prefix)",
      "/annotations",
      'Write e.g. "annotations": ["markdownDescription", "vendor:*"].',
    );
  }
  return value as string[];
}

function namingOptions(value: unknown): NamingOptions {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    fail("must be an object", "/naming", 'Write e.g. "naming": { "stripPrefix": "^api_[a-z0-9_]+?_v[0-9]+_" }.');
  }
  const naming: NamingOptions = {};
  for (const [key, option] of Object.entries(value)) {
    if (key === "stripPrefix") {
      if (typeof option !== "string") fail("must be a string holding a regular expression", "/naming/stripPrefix", "");
      try {
        naming.stripPrefix = new RegExp(option.startsWith("^") ? option : `^(?:${option})`, "u");
      } catch (error) {
        fail(`is not a valid regular expression: ${(error as Error).message}`, "/naming/stripPrefix", "Fix the pattern.");
      }
    } else if (key === "types") {
      if (typeof option !== "object" || option === null || Array.isArray(option)) {
        fail(
          "must be an object from schema names to type names",
          "/naming/types",
          'Write e.g. "types": { "Project_Site": "ProjectSiteLegacy" }.',
        );
      }
      for (const [source, typeName] of Object.entries(option as Record<string, unknown>)) {
        if (typeof typeName !== "string" || !isTypeName(typeName)) {
          fail(
            "must be a type name",
            appendPointer("/naming/types", source),
            'A type name is an ASCII capital letter followed by ASCII letters or digits, e.g. "ProjectSiteLegacy".',
          );
        }
      }
      naming.types = option as Record<string, string>;
    } else fail(`unknown naming option "${key}"`, appendPointer("/naming", key), 'The naming options are: "stripPrefix", "types".');
  }
  return naming;
}

/** A bad option value, from the config file (`where` is a JSON pointer) or the command line (`where` is the flag). */
function invalidOption(message: string, where: string, hint: string): never {
  if (where.startsWith("--")) throw new CodegenError(`${where} ${message}`, { hint });
  fail(message, where, hint);
}

export function dialectOption(value: unknown, where: string): Dialect {
  if (typeof value !== "string" || !(DIALECTS as readonly string[]).includes(value)) {
    invalidOption(`must be one of ${DIALECTS.join(", ")}`, where, "Pick the dialect your schemas are written in.");
  }
  return value as Dialect;
}

export function formatsOption(value: unknown, where: string): "assert" | "annotate" {
  if (value !== "assert" && value !== "annotate")
    invalidOption('must be "assert" or "annotate"', where, "assert checks formats; annotate only documents them.");
  return value;
}

/** `value` if it is one of `choices`; otherwise an error at `where` listing them, with `hint`. */
function oneOf<T extends string>(value: unknown, choices: readonly T[], where: string, hint: string): T {
  if (typeof value !== "string" || !(choices as readonly string[]).includes(value)) {
    invalidOption(`must be one of ${choices.join(", ")}`, where, hint);
  }
  return value as T;
}

export function formatterOption(value: unknown, where: string): Formatter {
  return oneOf(
    value,
    FORMATTERS,
    where,
    "builtin formats as prettier does, with codegen's fast printer where it can; prettier always runs prettier.",
  );
}

export function emitOption(value: unknown, where: string): EmitLanguage {
  return oneOf(value, EMIT_LANGUAGES, where, "ts writes TypeScript modules; js writes JavaScript modules, each with a .d.ts of its types.");
}

/** The `"codegen"` key of `directory`'s package.json, if it has one (a package.json codegen cannot read is not its business). */
function packageJsonConfig(directory: string): { found: false } | { found: true; raw: unknown } {
  const file = path.join(directory, "package.json");
  if (!existsSync(file)) return { found: false };
  let manifest: unknown;
  try {
    manifest = JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return { found: false };
  }
  if (typeof manifest !== "object" || manifest === null || !Object.hasOwn(manifest, PACKAGE_JSON_KEY)) return { found: false };
  return { found: true, raw: (manifest as Record<string, unknown>)[PACKAGE_JSON_KEY] };
}

/**
 * Reads the configuration in `directory`: `codegen.config.json`, or the `"codegen"` key of
 * package.json (same shape); the defaults when there is neither. Both at once is an error: one of
 * them would be silently ignored.
 */
export function loadConfig(directory: string): CodegenConfig {
  const file = path.join(directory, CONFIG_FILE_NAME);
  const fromPackage = packageJsonConfig(directory);
  if (existsSync(file) && fromPackage.found) {
    throw new CodegenError(`both ${CONFIG_FILE_NAME} and the "${PACKAGE_JSON_KEY}" key of package.json configure codegen`, {
      file: CONFIG_FILE_NAME,
      hint: `Keep one of them: remove ${CONFIG_FILE_NAME}, or the "${PACKAGE_JSON_KEY}" key of package.json.`,
    });
  }
  if (fromPackage.found) {
    try {
      return configFrom(fromPackage.raw);
    } catch (error) {
      // The same checks as for codegen.config.json, located in package.json.
      if (!(error instanceof CodegenError) || error.file !== CONFIG_FILE_NAME) throw error;
      throw new CodegenError(error.message, {
        file: "package.json",
        pointer: `/${PACKAGE_JSON_KEY}${error.pointer ?? ""}`,
        ...(error.hint !== undefined ? { hint: error.hint } : {}),
      });
    }
  }
  if (!existsSync(file)) return DEFAULT_CONFIG;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new CodegenError(`is not valid JSON: ${(error as Error).message}`, { file: CONFIG_FILE_NAME, hint: "Fix the syntax." });
  }
  return configFrom(raw);
}

/** Checks a configuration object (from codegen.config.json, or package.json's "codegen" key). */
function configFrom(raw: unknown): CodegenConfig {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    fail("must be a JSON object", "", 'Write e.g. { "inputs": ["schemas"], "out": "generated" }.');
  }
  const config: CodegenConfig = { ...DEFAULT_CONFIG };
  for (const [key, value] of Object.entries(raw)) {
    if (key === "inputs") config.inputs = stringList(value, "/inputs");
    else if (key === "out") {
      if (typeof value !== "string" || value === "") fail("must be a directory path", "/out", 'Write e.g. "out": "generated".');
      config.out = value;
    } else if (key === "naming") config.naming = namingOptions(value);
    else if (key === "dialect") config.dialect = dialectOption(value, "/dialect");
    else if (key === "formats") config.formats = formatsOption(value, "/formats");
    else if (key === "formatter") config.formatter = formatterOption(value, "/formatter");
    else if (key === "emit") config.emit = emitOption(value, "/emit");
    else if (key === "registry") config.registry = registryOption(value);
    else if (key === "annotations") config.annotations = annotationsOption(value);
    else if (key === "strict" || key === "allowRemote" || key === "allowOutsideRoot") {
      if (typeof value !== "boolean") fail("must be true or false", `/${key}`, `Write e.g. "${key}": false.`);
      config[key] = value;
    } else
      fail(
        `unknown option "${key}"`,
        `/${key}`,
        'The options are: "inputs", "out", "naming", "dialect", "formats", "formatter", "emit", "strict", "allowRemote", "allowOutsideRoot", "registry", "annotations".',
      );
  }
  return config;
}
