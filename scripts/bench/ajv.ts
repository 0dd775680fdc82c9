/**
 * The peer validators: ajv 8 with ajv-formats, compiled from the same schemas codegen reads.
 */
import { createRequire } from "node:module";
import type { ErrorObject } from "ajv";
import { STYTCH_ROOT, stytchComponents, type Schemas } from "./inputs.js";

/** An ajv validate function: the verdict, with the errors of the last call on `errors`. */
export interface AjvValidate {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

interface Ajv {
  addFormat(name: string, format: (value: string) => boolean): unknown;
  addSchema(schema: object): unknown;
  getSchema(ref: string): AjvValidate | undefined;
  compile(schema: object): AjvValidate;
}
type AjvConstructor = new (options: object) => Ajv;

const require = createRequire(import.meta.url);
const addFormats = (require("ajv-formats") as { default: (ajv: Ajv) => void }).default;

export const STYTCH_ID = "https://stytch.test/openapi";
export const GITHUB_ID = "https://github.test/openapi";
export const ajv2020 = (): AjvConstructor => (require("ajv/dist/2020") as { default: AjvConstructor }).default;
export const ajvDraft07 = (): AjvConstructor => (require("ajv") as { default: AjvConstructor }).default;
export const ajvDraft04 = (): AjvConstructor => (require("ajv-draft-04") as { default: AjvConstructor }).default;
export const componentRef = (id: string, name: string): string => `${id}#/components/schemas/${name}`;

/** ajv, not strict (the schemas are other people's), with ajv-formats. */
function ajvWithFormats(Ajv: AjvConstructor, options: object): Ajv {
  const ajv = new Ajv({ strict: false, ...options });
  addFormats(ajv);
  return ajv;
}

/** ajv with ajv-formats, holding the virtual OpenAPI document `{ $id, components: { schemas } }`. */
function ajvWithComponents(Ajv: AjvConstructor, id: string, schemas: Schemas, options: object): Ajv {
  const ajv = ajvWithFormats(Ajv, options);
  ajv.addSchema({ $id: id, components: { schemas } });
  return ajv;
}

/** ajv with ajv-formats' validator of one whole schema, stopping at the first error. */
export function ajvSchemaValidator(Ajv: AjvConstructor, schema: object): AjvValidate {
  return ajvWithFormats(Ajv, {}).compile(schema);
}

/** ajv's validators for the named components of the virtual document. */
function componentValidators(
  Ajv: AjvConstructor,
  id: string,
  schemas: Schemas,
  names: readonly string[],
  allErrors: boolean,
): Map<string, AjvValidate> {
  const ajv = ajvWithComponents(Ajv, id, schemas, { allErrors });
  return new Map(
    names.map((name) => {
      const validate = ajv.getSchema(componentRef(id, name));
      if (validate === undefined) throw new Error(`ajv: no component schema ${name}`);
      return [name, validate];
    }),
  );
}

/**
 * What a user of ajv ships for the named components: its standalone module (ES module, every
 * error, ajv-formats), one exported validator per component.
 */
function componentStandalone(Ajv: AjvConstructor, id: string, schemas: Schemas, names: readonly string[]): string {
  const ajv = ajvWithComponents(Ajv, id, schemas, { allErrors: true, code: { source: true, esm: true } });
  const standaloneCode = (require("ajv/dist/standalone") as { default: (ajv: Ajv, refs: Record<string, string>) => string }).default;
  return standaloneCode(ajv, Object.fromEntries(names.map((name, index) => [`validate${index}`, componentRef(id, name)])));
}

/** ajv's standalone module of every Stytch component. */
export function stytchAjvStandalone(): string {
  const components = stytchComponents();
  return componentStandalone(ajv2020(), STYTCH_ID, components, Object.keys(components));
}

/** ajv's standalone module of the GitHub components `names`. */
export function githubAjvStandalone(schemas: Schemas, names: readonly string[]): string {
  return componentStandalone(ajvDraft07(), GITHUB_ID, withoutTypelessNullable(schemas) as Schemas, names);
}

/** ajv (2020-12, as the Stytch files declare) for RecoverResponse. */
export function stytchAjv(allErrors: boolean): AjvValidate {
  return componentValidators(ajv2020(), STYTCH_ID, stytchComponents(), [STYTCH_ROOT], allErrors).get(STYTCH_ROOT)!;
}

/**
 * OpenAPI 3.0.3 says `nullable: true` only adds null to the types of a `type` beside it. ajv
 * refuses a `nullable` without `type` (GitHub's description has many), so the oracle drops those:
 * 3.0.3's meaning, not codegen's wider one (README, "OpenAPI 3.0 nullable"), which differs only for `null`.
 */
export function withoutTypelessNullable(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutTypelessNullable);
  if (typeof node !== "object" || node === null) return node;
  const typeless = !("type" in node);
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key, value]) => !(key === "nullable" && value === true && typeless))
      .map(([key, value]) => [key, withoutTypelessNullable(value)]),
  );
}

/** ajv (draft-07, the JSON Schema closest to OpenAPI 3.0, with its `nullable` keyword) for GitHub components. */
export function githubAjv(schemas: Schemas, names: readonly string[], allErrors: boolean): Map<string, AjvValidate> {
  return componentValidators(ajvDraft07(), GITHUB_ID, withoutTypelessNullable(schemas) as Schemas, names, allErrors);
}
