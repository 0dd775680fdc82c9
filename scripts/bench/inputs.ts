/**
 * The benchmark's inputs: Stytch's component schemas (this repository's `schemas/`), GitHub's REST
 * API description, sub-documents of it, and the single-file forms json2ts needs.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
export const STYTCH_SCHEMAS_DIR = path.join(REPO_ROOT, "schemas");
export const STYTCH_ROOT = "api_b2b_recovery_codes_v1_RecoverResponse";
export const GITHUB_DOCUMENT = path.join(REPO_ROOT, "node_modules/@octokit/openapi/generated/api.github.com.json");

export type Schemas = Record<string, Record<string, unknown>>;

export interface OpenApiDocument {
  openapi: string;
  info: unknown;
  components: { schemas: Schemas };
}

export function readJson<T = unknown>(file: string): T {
  return JSON.parse(readFileSync(file, "utf8")) as T;
}

type Container = Record<string | number, unknown>;
const isContainer = (value: unknown): value is Container => typeof value === "object" && value !== null;

/** The object (or array) at `keys` inside parsed JSON, for changing a fixture in place. */
export function objectAt(root: unknown, ...keys: (string | number)[]): Container {
  const node = keys.reduce<unknown>((parent, key) => (isContainer(parent) ? parent[key] : undefined), root);
  if (!isContainer(node)) throw new Error(`no object at ${keys.join(".")}`);
  return node;
}

/**
 * The Stytch files as the `components.schemas` of one OpenAPI document, keyed by file name, with
 * each file's `$id` and `$schema` removed so that `#/components/schemas/X` resolves inside it.
 */
export function stytchComponents(): Schemas {
  const components: Schemas = {};
  for (const file of readdirSync(STYTCH_SCHEMAS_DIR).sort()) {
    const schema = readJson<Record<string, unknown>>(path.join(STYTCH_SCHEMAS_DIR, file));
    delete schema["$id"];
    delete schema["$schema"];
    components[file.replace(/\.json$/, "")] = schema;
  }
  return components;
}

export function loadGitHub(): OpenApiDocument {
  return readJson<OpenApiDocument>(GITHUB_DOCUMENT);
}

const COMPONENT_REF = "#/components/schemas/";

function collectRefs(node: unknown, into: Set<string>): void {
  if (Array.isArray(node)) for (const item of node) collectRefs(item, into);
  else if (typeof node === "object" && node !== null) {
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string" && value.startsWith(COMPONENT_REF)) into.add(value.slice(COMPONENT_REF.length));
      else collectRefs(value, into);
    }
  }
}

/** `names` and every component schema they reference, transitively, in the document's order. */
export function componentClosure(schemas: Schemas, names: readonly string[]): string[] {
  const reached = new Set<string>();
  const pending = [...names];
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    if (reached.has(name)) continue;
    reached.add(name);
    const refs = new Set<string>();
    collectRefs(schemas[name], refs);
    pending.push(...refs);
  }
  return Object.keys(schemas).filter((name) => reached.has(name));
}

/** A copy of the document holding only the given component schemas (and no paths). */
export function subDocument(document: OpenApiDocument, names: readonly string[]): OpenApiDocument & { paths: object } {
  const schemas: Schemas = {};
  for (const name of names) schemas[name] = document.components.schemas[name]!;
  return { openapi: document.openapi, info: document.info, paths: {}, components: { schemas } };
}

/**
 * json2ts reads one schema and follows refs within it (it cannot resolve the components form across
 * files, nor read an OpenAPI document), so its input is `root` with the components embedded.
 */
export function json2tsInput(root: Record<string, unknown>, schemas: Schemas): object {
  return { ...root, components: { schemas } };
}

/** A root schema with one property per component, so that json2ts declares all of them. */
export function referenceAll(title: string, schemas: Schemas): Record<string, unknown> {
  const properties = Object.fromEntries(Object.keys(schemas).map((name) => [name, { $ref: `${COMPONENT_REF}${name}` }]));
  return { title, type: "object", properties };
}
