/**
 * ajv as the corpus's oracle: for each target, an ajv of the target document's dialect
 * (`allErrors`, `strict: false`, ajv-formats) with that document added under its file URL (and its
 * `$id`), and every schema it refers to taken from the family's files, its registry and codegen's
 * shipped metaschemas, as codegen reads them. OpenAPI 3.0 documents are judged by ajv-draft-04
 * (boolean `exclusiveMinimum`/`exclusiveMaximum`, and ajv's own `nullable`), OpenAPI 3.1
 * documents by ajv's 2020-12 class.
 */
import { readdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { isObject, type Json } from "../differential/json.js";
import type { AjvValidate } from "../differential/oracle.js";
import { withoutTypelessNullable } from "../../scripts/bench/ajv.js";
import { REPO_ROOT } from "../helpers.js";
import type { Family, Target } from "./families.js";
import { isOpenApiDocument, readDocument, targetUri } from "./payloads.js";

const require = createRequire(import.meta.url);

interface Ajv {
  addSchema(schema: Json, key: string): unknown;
  compile(schema: Json): AjvValidate;
}
type AjvConstructor = new (options: Record<string, unknown>) => Ajv;

const AJV_MODULES = { "draft-04": "ajv-draft-04", "draft-07": "ajv", "2019-09": "ajv/dist/2019", "2020-12": "ajv/dist/2020" } as const;
type AjvDialect = keyof typeof AJV_MODULES;

function ajvDialect(document: Json): AjvDialect {
  if (isObject(document) && typeof document["openapi"] === "string") return document["openapi"].startsWith("3.0") ? "draft-04" : "2020-12";
  const uri = isObject(document) ? document["$schema"] : undefined;
  if (typeof uri !== "string") return "2020-12";
  if (uri.includes("draft-04")) return "draft-04";
  if (uri.includes("2019-09")) return "2019-09";
  return uri.includes("2020-12") ? "2020-12" : "draft-07";
}

const fileUrl = (file: string) => pathToFileURL(path.join(REPO_ROOT, file)).href;
const withoutEmptyFragment = (uri: string) => uri.replace(/#$/, "");

function identifiers(document: Json): string[] {
  if (!isObject(document)) return [];
  return [document["$id"], document["id"]].filter((id) => typeof id === "string").map(withoutEmptyFragment);
}

/** codegen's shipped metaschemas (metaschemas/), by `$id`: ajv's own copies are off, as a bundle may embed one (AsyncAPI's does). */
const METASCHEMAS: ReadonlyMap<string, string> = new Map(
  readdirSync(path.join(REPO_ROOT, "metaschemas"), { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".json"))
    .flatMap((file) =>
      identifiers(readDocument(path.join("metaschemas", file))).map((id) => [id, path.join("metaschemas", file)] as const),
    ),
);

/** A rewrite of a document for ajv: the schema as the specification reads it, where ajv reads it otherwise (see deviations.ts). */
export type Rewrite = (document: Json) => Json;
export interface Rewritten {
  id: string;
  rewrite: Rewrite;
}

interface MissingRef {
  missingSchema: string;
}
const isMissingRef = (error: unknown): error is MissingRef =>
  typeof error === "object" && error !== null && typeof (error as Partial<MissingRef>).missingSchema === "string";

export class FamilyOracle {
  private readonly validators = new Map<string, AjvValidate>();

  constructor(private readonly family: Family) {}

  /**
   * ajv's validator for a target, compiled once (per rewrite). Throws when ajv cannot compile it.
   * Referenced schemas are added before compiling, as ajv's compileAsync would load them: its
   * validators then throw "wrapper0.validate is not a function" on CycloneDX's recursive refs.
   */
  validator(target: Target, rewritten?: Rewritten): AjvValidate {
    const uri = targetUri(target);
    const key = `${rewritten?.id ?? ""} ${uri}`;
    let validator = this.validators.get(key);
    if (validator !== undefined) return validator;
    const document = readDocument(target.schema);
    const Ajv = (require(AJV_MODULES[ajvDialect(document)]) as { default: AjvConstructor }).default;
    const added: Array<[string, Json]> = [
      [fileUrl(target.schema), isOpenApiDocument(document) ? (withoutTypelessNullable(document) as Json) : document],
    ];
    for (;;) {
      const ajv = new Ajv({ allErrors: true, strict: false, logger: false, meta: false, validateSchema: false });
      (require("ajv-formats") as { default: (ajv: Ajv) => void }).default(ajv);
      for (const [id, schema] of added) ajv.addSchema(rewritten === undefined ? schema : rewritten.rewrite(schema), id);
      try {
        validator = ajv.compile({ $ref: uri });
        break;
      } catch (error) {
        if (!isMissingRef(error) || added.some(([id]) => id === error.missingSchema)) throw error;
        added.push([error.missingSchema, this.load(error.missingSchema)]);
      }
    }
    this.validators.set(key, validator);
    return validator;
  }

  /** A schema ajv asks for: another input of the family (by file URL or `$id`), a file the registry maps, or a metaschema. */
  private load(uri: string): Json {
    const input = this.family.schemas.find((schema) => fileUrl(schema) === uri || identifiers(readDocument(schema)).includes(uri));
    if (input !== undefined) return readDocument(input);
    for (const [prefix, directory] of Object.entries(this.family.registry ?? {})) {
      if (uri.startsWith(prefix)) return readDocument(path.join(directory, uri.slice(prefix.length)));
    }
    const metaschema = METASCHEMAS.get(uri);
    if (metaschema !== undefined) return readDocument(metaschema);
    throw new Error(`ajv asked for ${uri}, which is neither an input of ${this.family.name} nor mapped by its registry`);
  }
}
