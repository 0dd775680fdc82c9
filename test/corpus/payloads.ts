/** A family's payloads, read from where its package keeps them, and the URI of each payload's target schema. */
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { readJson } from "../../scripts/bench/inputs.js";
import { appendPointer, escapePointerToken, parsePointer } from "../../src/json-pointer.js";
import { isObject, type Json, type JsonObject } from "../differential/json.js";
import { REPO_ROOT } from "../helpers.js";
import type { Family, PayloadSource, Target } from "./families.js";

export interface Payload {
  target: Target;
  value: Json;
  /** Where the payload comes from, for the report. */
  origin: string;
}

const documents = new Map<string, Json>();

/** A family file (path relative to the repository root), parsed once per process. */
export function readDocument(file: string): Json {
  let document = documents.get(file);
  if (document === undefined) {
    document = readJson<Json>(path.join(REPO_ROOT, file));
    documents.set(file, document);
  }
  return document;
}

export function isOpenApiDocument(document: Json): boolean {
  return isObject(document) && typeof document["openapi"] === "string";
}

/** Draft-04 names its identifier `id`; OpenAPI documents have none. */
function identifierKeyword(document: Json): string | undefined {
  if (isOpenApiDocument(document)) return undefined;
  const dialect = isObject(document) ? document["$schema"] : undefined;
  return typeof dialect === "string" && dialect.includes("draft-04") ? "id" : "$id";
}

/**
 * The absolute URI of a target: the innermost resource (`$id`, or `id` in draft-04) on the way to
 * the pointer, and the rest of the pointer as its fragment, so that codegen and ajv resolve it by
 * the same base-URI rules (draft-07 leaves a pointer across an embedded `$id` undefined).
 */
export function targetUri({ schema, pointer }: Target): string {
  const document = readDocument(schema);
  const keyword = identifierKeyword(document);
  let base = pathToFileURL(path.join(REPO_ROOT, schema)).href;
  let rest: string[] = [];
  let node: Json | undefined = document;
  const visit = (value: Json | undefined) => {
    const id = keyword !== undefined && isObject(value) ? value[keyword] : undefined;
    if (typeof id === "string" && !id.startsWith("#")) {
      base = new URL(id, base).href.replace(/#$/, "");
      rest = [];
    }
  };
  visit(node);
  for (const token of parsePointer(pointer)) {
    node = Array.isArray(node) ? node[Number(token)] : isObject(node) ? node[token] : undefined;
    rest.push(token);
    visit(node);
  }
  const fragment = rest.map((token) => `/${encodeURIComponent(escapePointerToken(token))}`).join("");
  return fragment === "" ? base : `${base}#${fragment}`;
}

/** Keywords whose value is a map from names to schemas (or other objects): their keys are not keywords. */
const MAP_KEYWORDS: ReadonlySet<string> = new Set([
  "properties",
  "patternProperties",
  "definitions",
  "$defs",
  "dependentSchemas",
  "dependencies",
  "schemas",
  "headers",
]);
/** Keywords whose value is data, never a schema. */
const DATA_KEYWORDS: ReadonlySet<string> = new Set(["enum", "const", "default", "examples", "example"]);

interface Example {
  pointer: string;
  value: Json;
  at: string;
}

/** The examples in a schema document (see the "schema-examples" source in families.ts). */
function* examplesIn(node: Json, pointer: string, openapi: boolean, inMap: boolean): Generator<Example> {
  if (Array.isArray(node)) {
    for (const [index, item] of node.entries()) yield* examplesIn(item, appendPointer(pointer, index), openapi, false);
    return;
  }
  if (!isObject(node)) return;
  if (!inMap) yield* examplesAt(node, pointer, openapi);
  for (const [key, value] of Object.entries(node)) {
    if (inMap || !(DATA_KEYWORDS.has(key) || key.startsWith("x-"))) {
      yield* examplesIn(value, appendPointer(pointer, key), openapi, !inMap && MAP_KEYWORDS.has(key));
    }
  }
}

function* examplesAt(node: JsonObject, pointer: string, openapi: boolean): Generator<Example> {
  const { example, examples } = node;
  if (openapi && isObject(node["schema"])) {
    // A media type, parameter or header: its examples are instances of its `schema`.
    const schemaPointer = appendPointer(pointer, "schema");
    if (example !== undefined) yield { pointer: schemaPointer, value: example, at: appendPointer(pointer, "example") };
    if (isObject(examples)) {
      for (const [name, entry] of Object.entries(examples)) {
        if (isObject(entry) && entry["value"] !== undefined) {
          yield { pointer: schemaPointer, value: entry["value"], at: appendPointer(pointer, "examples", name, "value") };
        }
      }
    }
    return;
  }
  if (Array.isArray(examples)) {
    for (const [index, value] of examples.entries()) yield { pointer, value, at: appendPointer(pointer, "examples", index) };
  }
  if (openapi && example !== undefined) yield { pointer, value: example, at: appendPointer(pointer, "example") };
}

function jsonFiles(paths: readonly string[]): string[] {
  return paths.flatMap((entry) =>
    entry.endsWith("/")
      ? readdirSync(path.join(REPO_ROOT, entry))
          .filter((name) => name.endsWith(".json"))
          .sort()
          .map((name) => `${entry}${name}`)
      : [entry],
  );
}

async function payloadsOf(family: Family, source: PayloadSource): Promise<Payload[]> {
  switch (source.kind) {
    case "files":
      return jsonFiles(source.paths).map((file) => ({ target: source.target, value: readDocument(file), origin: file }));
    case "exports": {
      const module = (await import(source.module)) as Record<string, unknown>;
      return Object.entries(module)
        .filter(([, value]) => typeof value === "object" && value !== null)
        .map(([name, value]) => ({
          target: source.target,
          value: JSON.parse(JSON.stringify(value)) as Json,
          origin: `${source.module} export ${name}`,
        }));
    }
    case "command": {
      const [command, ...args] = source.command;
      const output = execFileSync(command!, args, { cwd: REPO_ROOT, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
      const value = JSON.parse(output) as Json;
      return source.targets.map((target) => ({ target, value, origin: `\`${source.command.join(" ")}\` on this repository` }));
    }
    case "schema-examples":
      return family.schemas.flatMap((schema) => {
        const document = readDocument(schema);
        return [...examplesIn(document, "", isOpenApiDocument(document), false)].map(({ pointer, value, at }) => ({
          target: { schema, pointer },
          value,
          origin: `${schema}#${at}`,
        }));
      });
  }
}

/** Every payload of a family, in the order its sources list them. */
export async function familyPayloads(family: Family): Promise<Payload[]> {
  const lists = await Promise.all(family.payloads.map((source) => payloadsOf(family, source)));
  return lists.flat();
}
