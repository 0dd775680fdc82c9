import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
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

function listSchemaFiles(input: string, cwd: string): string[] {
  const absolute = path.resolve(cwd, input);
  let stats;
  try {
    stats = statSync(absolute);
  } catch {
    throw new CodegenError("input not found", { file: input, hint: "Pass an existing schema file or directory." });
  }
  if (stats.isFile()) return [absolute];
  return readdirSync(absolute, { recursive: true, encoding: "utf8" })
    .filter((entry) => entry.endsWith(".json") && !entry.split(path.sep).some((part) => part === "node_modules" || part.startsWith(".")))
    .map((entry) => path.join(absolute, entry))
    .filter((file) => statSync(file).isFile());
}

/** Line and column (1-based) of a character offset, for syntax errors. */
function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split("\n");
  return `line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}`;
}

export function parseJsonDocument(text: string, where: string): unknown {
  if (text.trim() === "")
    throw new CodegenError("the file is empty", { file: where, hint: "Write a JSON Schema in it, or remove it from the inputs." });
  // NUL bytes or undecodable UTF-8 (read as U+FFFD): not a text file, and not worth quoting.
  if (/[\u0000\uFFFD]/.test(text)) {
    throw new CodegenError("the file is not UTF-8 text (is it binary?)", { file: where, hint: "Remove it from the inputs." });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message)?.[1];
    const location = position === undefined ? "" : ` at ${lineAndColumn(text, Number(position))}`;
    throw new CodegenError(`invalid JSON${location}: ${message}`, { file: where, hint: "Fix the JSON syntax." });
  }
}

/** Every `.json` file of the inputs (files or directories), absolute and sorted. */
export function listInputFiles(inputs: readonly string[], cwd: string): string[] {
  const files = [...new Set(inputs.flatMap((input) => listSchemaFiles(input, cwd)))].sort();
  if (files.length === 0) {
    throw new CodegenError("no .json schema files found", { file: inputs.join(", "), hint: "Check the input paths." });
  }
  return files;
}

/** Reads and parses schema files. */
export function loadSchemaDocuments(files: readonly string[], cwd: string): SchemaDocument[] {
  return files.map((file) => {
    const where = displayPath(file, cwd);
    const root = parseJsonDocument(readFileSync(file, "utf8"), where);
    if (typeof root !== "boolean" && (typeof root !== "object" || root === null || Array.isArray(root))) {
      throw new CodegenError("a schema file must hold a JSON object (or a boolean schema)", {
        file: where,
        hint: "Check that this file is a JSON Schema.",
      });
    }
    return { file, uri: pathToFileURL(file).href, displayPath: where, root };
  });
}
