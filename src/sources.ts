/**
 * Where schema documents come from, and what codegen may read: files inside the project, the
 * registry's directories for URI prefixes, the shipped metaschemas, and (only when allowed) the
 * network. Custom metaschemas are read here for their dialect and `$vocabulary`.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_DIALECT, type Dialect, dialectOfMetaschema } from "./dialect.js";
import { CodegenError } from "./errors.js";
import type { SchemaLocation } from "./graph.js";
import { appendPointer } from "./json-pointer.js";
import { displayPath, parseJsonDocument, parseSchemaFile, type SchemaDocument } from "./load.js";
import { isSchemaObject, type SchemaObject } from "./schema-walk.js";
import { splitFragment } from "./uri.js";
import { keywordsOutsideVocabularies } from "./vocabularies.js";

const METASCHEMA_DIR = fileURLToPath(new URL("../../metaschemas/", import.meta.url));

/** The shipped metaschemas, by `$id`. */
let metaschemaFiles: Map<string, string> | undefined;
function metaschemaFile(uri: string): string | undefined {
  if (metaschemaFiles === undefined) {
    metaschemaFiles = new Map();
    for (const entry of readdirSync(METASCHEMA_DIR, { recursive: true, encoding: "utf8" })) {
      if (!entry.endsWith(".json")) continue;
      const file = path.join(METASCHEMA_DIR, entry);
      const root = JSON.parse(readFileSync(file, "utf8")) as SchemaObject;
      const id = root["$id"] ?? root["id"];
      if (typeof id === "string") metaschemaFiles.set(splitFragment(id)[0], file);
    }
  }
  return metaschemaFiles.get(uri);
}

/** What a custom metaschema (a `$schema` that names no standard dialect) means: its dialect and what its `$vocabulary` says. */
export interface CustomMetaschema {
  dialect: Dialect;
  ignored: ReadonlySet<string>;
  assertsFormat: boolean;
}

/** Whether `file` is `directory` or below it. */
function inside(directory: string, file: string): boolean {
  const relative = path.relative(directory, file);
  return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
}

export class SchemaSources {
  /** Custom metaschema files read for their `$vocabulary` (their content matters too). */
  readonly metaschemaFiles: string[] = [];
  private readonly registry: Array<{ prefix: string; dir: string }>;
  private readonly customMetaschemas = new Map<string, CustomMetaschema | undefined>();
  /** Directories file refs may reach without `allowOutsideRoot`: the project's and the inputs'. */
  private readonly roots: string[];

  constructor(
    private readonly cwd: string,
    inputs: readonly SchemaDocument[],
    registry: Readonly<Record<string, string>>,
  ) {
    this.registry = Object.entries(registry).map(([prefix, dir]) => ({ prefix, dir: path.resolve(cwd, dir) }));
    this.roots = [cwd, ...inputs.map((document) => path.dirname(document.file))];
  }

  /**
   * The local file a resource URI names, if codegen may read it: local files, the registry (never
   * outside the mapped directory), metaschemas.
   */
  fileOf(uri: string): string | undefined {
    const mapped = this.registry.find((entry) => uri.startsWith(entry.prefix));
    if (mapped !== undefined) {
      const file = path.join(mapped.dir, uri.slice(mapped.prefix.length));
      return inside(mapped.dir, file) ? file : undefined;
    }
    return uri.startsWith("file:") ? fileURLToPath(uri) : metaschemaFile(uri);
  }

  insideRoots(file: string): boolean {
    return this.roots.some((root) => inside(root, file));
  }

  /** The document a resource URI names, read from its local file, if there is one. */
  readLocal(uri: string): SchemaDocument | undefined {
    const file = this.fileOf(uri);
    if (file === undefined || !existsSync(file)) return undefined;
    // Parsed as inputs are: the same YAML rules (no aliases) and the same errors with line and column.
    const shown = displayPath(file, this.cwd);
    return { file, uri, displayPath: shown, root: parseSchemaFile(file, shown) };
  }

  /** Fetches a remote schema (only with `allowRemote`); its URI stands in for a file name. */
  async fetchRemote(uri: string): Promise<SchemaDocument> {
    let text: string;
    try {
      const response = await fetch(uri);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      text = await response.text();
    } catch (error) {
      throw new CodegenError(`cannot fetch ${uri}: ${(error as Error).message}`, { hint: "Check the URL, or download the schema." });
    }
    return { file: uri, uri, displayPath: uri, root: parseJsonDocument(text, uri) };
  }

  /** What the custom metaschema `uri` (named by `$schema` at `location`) means, if codegen can read it. */
  customMetaschema(uri: string, location: SchemaLocation): CustomMetaschema | undefined {
    const resourceUri = splitFragment(uri)[0];
    if (this.customMetaschemas.has(resourceUri)) return this.customMetaschemas.get(resourceUri);
    const file = this.fileOf(resourceUri);
    const custom = file !== undefined && existsSync(file) ? this.readMetaschema(uri, file, location) : undefined;
    this.customMetaschemas.set(resourceUri, custom);
    return custom;
  }

  private readMetaschema(uri: string, file: string, location: SchemaLocation): CustomMetaschema {
    this.metaschemaFiles.push(file);
    const where = { file: location.document.displayPath, pointer: appendPointer(location.pointer, "$schema") };
    let root: SchemaObject;
    try {
      root = JSON.parse(readFileSync(file, "utf8")) as SchemaObject;
    } catch (error) {
      throw new CodegenError(`cannot read the metaschema ${uri} from ${displayPath(file, this.cwd)}: ${(error as Error).message}`, {
        ...where,
        hint: "Fix the metaschema file, or refer to a standard metaschema.",
      });
    }
    const dialect = (typeof root["$schema"] === "string" ? dialectOfMetaschema(root["$schema"]) : undefined) ?? DEFAULT_DIALECT;
    const vocabulary = isSchemaObject(root["$vocabulary"]) ? root["$vocabulary"] : undefined;
    const outside =
      vocabulary === undefined ? { ignored: new Set<string>(), assertsFormat: false } : keywordsOutsideVocabularies(vocabulary, dialect);
    if ("unknownRequired" in outside) {
      throw new CodegenError(`the metaschema ${uri} requires the vocabulary ${outside.unknownRequired}, which codegen does not know`, {
        ...where,
        hint: "Use a metaschema whose required vocabularies are the standard ones, or mark that vocabulary optional (false).",
      });
    }
    return { dialect, ignored: outside.ignored, assertsFormat: outside.assertsFormat };
  }
}
