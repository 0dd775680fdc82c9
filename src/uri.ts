/** URIs of schema resources (RFC 3986), and the components form's `#/components/schemas/<name>` ids. */
import { decodeFragment } from "./json-pointer.js";
import { schemaFileStem, type SchemaDocument } from "./load.js";
import { isSchemaObject } from "./schema-walk.js";

export const COMPONENT_REF = /^#\/components\/schemas\/([^/]+)(.*)$/;

export function splitFragment(uri: string): [resource: string, fragment: string] {
  const hash = uri.indexOf("#");
  return hash === -1 ? [uri, ""] : [uri.slice(0, hash), uri.slice(hash + 1)];
}

/** `reference` resolved against `base` (RFC 3986), or `undefined` when that is impossible. */
export function resolveUri(reference: string, base: string): string | undefined {
  try {
    return new URL(reference, base).href;
  } catch {
    return undefined;
  }
}

/**
 * The Stytch docs export each OpenAPI component as its own file with `"$id":
 * "#/components/schemas/<name>"`. Such files are components of one virtual OpenAPI document:
 * `#/components/schemas/<name>` in any of them means the file whose `$id` (or file name) is that name.
 */
export function componentName(document: SchemaDocument): string | undefined {
  const id = isSchemaObject(document.root) ? document.root["$id"] : undefined;
  const match = typeof id === "string" ? COMPONENT_REF.exec(id) : null;
  return match?.[2] === "" && match[1] !== undefined ? decodeFragment(match[1]) : undefined;
}

/** The documents of the virtual OpenAPI document, by component name: their `$id`'s, else their file name's. */
export function componentRegistry(documents: readonly SchemaDocument[]): Map<string, SchemaDocument> {
  const registry = new Map<string, SchemaDocument>();
  for (const document of documents) {
    const name = componentName(document);
    if (name !== undefined) registry.set(name, document);
  }
  for (const document of documents) {
    const name = schemaFileStem(document.file);
    if (!registry.has(name)) registry.set(name, document);
  }
  return registry;
}
