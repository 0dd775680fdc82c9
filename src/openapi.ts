import type { Dialect } from "./dialect.js";
import { dialectOfMetaschema } from "./dialect.js";
import { CodegenError } from "./errors.js";
import { appendPointer } from "./json-pointer.js";
import type { SchemaDocument } from "./load.js";
import { isSchemaObject } from "./schema-walk.js";

/**
 * A whole OpenAPI 3.0/3.1 document as input: its `components.schemas` are the schemas, each a
 * named type with validators; the rest of the document (paths, responses…) is not a schema.
 */
export function isOpenApiDocument(document: SchemaDocument): boolean {
  return isSchemaObject(document.root) && typeof document.root["openapi"] === "string";
}

/** The dialect of an OpenAPI document's schemas: 3.0's own, or 3.1's `jsonSchemaDialect` (2020-12 by default). */
export function openApiDialect(document: SchemaDocument): Dialect {
  const root = document.root as Record<string, unknown>;
  const version = root["openapi"] as string;
  if (/^3\.0(\.|$)/.test(version)) return "openapi-3.0";
  if (/^3\.1(\.|$)/.test(version)) {
    const declared = root["jsonSchemaDialect"];
    if (declared === undefined) return "2020-12";
    const dialect = typeof declared === "string" ? dialectOfMetaschema(declared) : undefined;
    if (dialect !== undefined) return dialect;
    throw new CodegenError(`jsonSchemaDialect ${JSON.stringify(declared)} is not a dialect codegen knows`, {
      file: document.displayPath,
      pointer: "/jsonSchemaDialect",
      hint: 'Remove it (OpenAPI 3.1 then means JSON Schema 2020-12) or use "https://json-schema.org/draft/2020-12/schema".',
    });
  }
  throw new CodegenError(`OpenAPI ${version} is not supported`, {
    file: document.displayPath,
    pointer: "/openapi",
    hint: "codegen reads OpenAPI 3.0 and 3.1 documents.",
  });
}

/** JSON pointers of the document's `components.schemas` entries, in document order. */
export function componentSchemaPointers(document: SchemaDocument): string[] {
  const components = (document.root as Record<string, unknown>)["components"];
  const schemas = isSchemaObject(components) ? components["schemas"] : undefined;
  if (schemas === undefined) return [];
  if (!isSchemaObject(schemas)) {
    throw new CodegenError("components.schemas must be an object of schemas", {
      file: document.displayPath,
      pointer: "/components/schemas",
      hint: "Fix the OpenAPI document.",
    });
  }
  return Object.keys(schemas).map((name) => appendPointer("/components/schemas", name));
}

/** Where a document's schemas start: its root, or each component schema of an OpenAPI document. */
export function schemaRoots(document: SchemaDocument): string[] {
  return isOpenApiDocument(document) ? componentSchemaPointers(document) : [""];
}
