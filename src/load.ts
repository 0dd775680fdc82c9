import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { JSON_SCHEMA, load, YAMLException } from "js-yaml";
import { CodegenError } from "./errors.js";

/** One schema file as read from disk. */
export interface SchemaDocument {
  /** Absolute path. */
  file: string;
  /** The URI it was retrieved from: a `file:` URL, or a registry URI for mapped documents. */
  uri: string;
  /** Path relative to the working directory, with `/` separators: used in messages and banners. */
  displayPath: string;
  root: unknown;
}

export function displayPath(file: string, cwd: string): string {
  return path.relative(cwd, file).split(path.sep).join("/");
}

/** Schema files in input directories: JSON, and YAML (schemas and OpenAPI documents are often written in it). */
const SCHEMA_FILE = /\.(json|ya?ml)$/;

/** A schema file's name without its extension (`member.yaml` → `member`): what a type or component is named after. */
export function schemaFileStem(file: string): string {
  return path.basename(file).replace(SCHEMA_FILE, "");
}

/**
 * Every file under `directory`, as paths relative to it with `/` separators. `node_modules` and
 * dot-directories (and dot-files) are skipped without being read; symbolic links to directories are not followed.
 */
function filesUnder(directory: string): string[] {
  const files: string[] = [];
  const walk = (dir: string, prefix: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file, `${prefix}${entry.name}/`);
      else if (entry.isFile() || (entry.isSymbolicLink() && statSync(file, { throwIfNoEntry: false })?.isFile() === true))
        files.push(`${prefix}${entry.name}`);
    }
  };
  walk(directory, "");
  return files;
}

const GLOB_CHARACTERS = /[*?]/;

/**
 * A glob's pattern as a regular expression over `/`-separated relative paths: `*` is any run of
 * characters but `/`, `?` one such character, and a `**` segment any number of directories.
 */
function globRegExp(pattern: string): RegExp {
  const segments = pattern.split("/");
  const source = segments
    .map((segment, index) => {
      const last = index === segments.length - 1;
      if (segment === "**") return last ? ".*" : "(?:[^/]+/)*";
      const body = segment
        .replace(/[.+^${}()|[\]\\]/g, "\\$&")
        .replace(/\*/g, "[^/]*")
        .replace(/\?/g, "[^/]");
      return last ? body : `${body}/`;
    })
    .join("");
  return new RegExp(`^${source}$`, "u");
}

/** The schema files a glob matches: below its directory part, those whose path matches the rest. */
function globFiles(input: string, cwd: string): string[] {
  const segments = path.resolve(cwd, input).split(path.sep);
  const first = segments.findIndex((segment) => GLOB_CHARACTERS.test(segment));
  const base = segments.slice(0, first).join(path.sep) || path.sep;
  const pattern = globRegExp(segments.slice(first).join("/"));
  const matches = statSync(base, { throwIfNoEntry: false })?.isDirectory()
    ? filesUnder(base).filter((file) => SCHEMA_FILE.test(file) && pattern.test(file))
    : [];
  if (matches.length === 0) {
    throw new CodegenError("no schema file matches this glob", {
      file: input,
      hint: "Check the pattern: * and ? match within a path segment, ** any number of directories; only .json, .yaml and .yml files count.",
    });
  }
  return matches.map((file) => path.join(base, file));
}

function listSchemaFiles(input: string, cwd: string): string[] {
  const absolute = path.resolve(cwd, input);
  const stats = statSync(absolute, { throwIfNoEntry: false });
  if (stats === undefined) {
    if (GLOB_CHARACTERS.test(input)) return globFiles(input, cwd);
    throw new CodegenError("input not found", { file: input, hint: "Pass an existing schema file, directory or glob." });
  }
  if (stats.isFile()) return [absolute];
  return filesUnder(absolute)
    .filter((file) => SCHEMA_FILE.test(file))
    .map((file) => path.join(absolute, file));
}

/** Line and column (1-based) of a character offset, for syntax errors. */
function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split("\n");
  return `line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}`;
}

/** Refuses an empty file, and one that is not text, before a parser quotes its bytes back. */
function checkSchemaText(text: string, where: string): void {
  if (text.trim() === "")
    throw new CodegenError("the file is empty", { file: where, hint: "Write a JSON Schema in it, or remove it from the inputs." });
  // NUL bytes or undecodable UTF-8 (read as U+FFFD): not a text file, and not worth quoting.
  if (/[\0\uFFFD]/.test(text)) {
    throw new CodegenError("the file is not UTF-8 text (is it binary?)", { file: where, hint: "Remove it from the inputs." });
  }
}

export function parseJsonDocument(text: string, where: string): unknown {
  checkSchemaText(text, where);
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message)?.[1];
    const location = position === undefined ? "" : ` at ${lineAndColumn(text, Number(position))}`;
    throw new CodegenError(`invalid JSON${location}: ${message}`, { file: where, hint: "Fix the JSON syntax." });
  }
}

/**
 * A YAML file, read with YAML's JSON schema: plain scalars become only what JSON has (no dates,
 * no `yes`/`no` booleans), so a YAML schema means what its JSON twin means.
 */
function parseYamlDocument(text: string, where: string): unknown {
  checkSchemaText(text, where);
  try {
    // No aliases (`*name`): they share one node between places (a schema location is a place), and
    // nested ones expand exponentially (the "billion laughs"); $ref is JSON Schema's way to reuse.
    return load(text, { schema: JSON_SCHEMA, filename: where, maxAliases: 0 });
  } catch (error) {
    if (!(error instanceof YAMLException)) throw error;
    const location = error.mark === undefined ? "" : ` at line ${error.mark.line + 1}, column ${error.mark.column + 1}`;
    if (/maxAliases/.test(error.reason)) {
      throw new CodegenError(`YAML aliases are not supported${location}`, {
        file: where,
        hint: 'Write the schema out, or reuse it with "$ref" (e.g. "$ref": "#/$defs/name").',
      });
    }
    throw new CodegenError(`invalid YAML${location}: ${error.reason}`, { file: where, hint: "Fix the YAML syntax." });
  }
}

/** A schema file's content, as YAML for `.yaml`/`.yml` and as JSON otherwise (referenced files too). */
export function parseSchemaFile(file: string, where: string): unknown {
  const text = readFileSync(file, "utf8");
  return /\.ya?ml$/.test(file) ? parseYamlDocument(text, where) : parseJsonDocument(text, where);
}

/** Every schema file (`.json`, `.yaml`, `.yml`) of the inputs (files, directories or globs), absolute and sorted. */
export function listInputFiles(inputs: readonly string[], cwd: string): string[] {
  const files = [...new Set(inputs.flatMap((input) => listSchemaFiles(input, cwd)))].sort();
  if (files.length === 0) {
    throw new CodegenError("no .json, .yaml or .yml schema files found", { file: inputs.join(", "), hint: "Check the input paths." });
  }
  return files;
}

/**
 * Reads and parses schema files: the documents, and an error for each file that is not a schema
 * (the run goes on with the others, so that it reports everything at once).
 */
export function loadSchemaDocuments(files: readonly string[], cwd: string): { documents: SchemaDocument[]; errors: CodegenError[] } {
  const errors: CodegenError[] = [];
  const documents = files.flatMap((file) => {
    const where = displayPath(file, cwd);
    try {
      const root = parseSchemaFile(file, where);
      if (typeof root !== "boolean" && (typeof root !== "object" || root === null || Array.isArray(root))) {
        throw new CodegenError("a schema file must hold a JSON object (or a boolean schema)", {
          file: where,
          hint: "Check that this file is a JSON Schema.",
        });
      }
      return [{ file, uri: pathToFileURL(file).href, displayPath: where, root }];
    } catch (error) {
      if (!(error instanceof CodegenError)) throw error;
      errors.push(error);
      return [];
    }
  });
  return { documents, errors };
}
