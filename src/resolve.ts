import $RefParser, { ResolverError } from "@apidevtools/json-schema-ref-parser";
import path from "node:path";
import { pathToFileURL, fileURLToPath } from "node:url";
import { checkSchemaShapes } from "./check-schema.js";
import { CodegenError } from "./errors.js";
import { appendPointer, decodeFragment, valueAtPointer } from "./json-pointer.js";
import { displayPath, type SchemaDocument } from "./load.js";
import { isSchemaObject, subschemas, type Schema, type SchemaObject } from "./schema-walk.js";

/** A schema somewhere in a document: the unit that `$ref`s point at. */
export interface SchemaLocation {
  document: SchemaDocument;
  /** JSON pointer inside the document; `""` is its root. */
  pointer: string;
}

export function locationKey(location: SchemaLocation): string {
  return `${location.document.file}#${location.pointer}`;
}

export interface ResolvedSchemas {
  /** The input documents, then every document they reference, each list sorted by path. */
  documents: SchemaDocument[];
  /** Every schema object holding a `$ref`, mapped to the schema it points at. */
  refTargets: Map<SchemaObject, SchemaLocation>;
  /** Every document root and every `$ref` target, each once, in document order. */
  namedLocations: SchemaLocation[];
}

const COMPONENT_REF = /^#\/components\/schemas\/([^/]+)(.*)$/;

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

function componentRegistry(documents: readonly SchemaDocument[]): Map<string, SchemaDocument> {
  const registry = new Map<string, SchemaDocument>();
  for (const document of documents) {
    const name = componentName(document);
    if (name !== undefined) registry.set(name, document);
  }
  for (const document of documents) {
    const name = path.basename(document.file).replace(/\.json$/, "");
    if (!registry.has(name)) registry.set(name, document);
  }
  return registry;
}

/** Loads every file the inputs reference (relative file refs), through json-schema-ref-parser. */
async function loadReferencedDocuments(inputs: readonly SchemaDocument[], cwd: string): Promise<SchemaDocument[]> {
  const known = new Map(inputs.map((document) => [document.file, document]));
  const referenced = new Map<string, SchemaDocument>();
  for (const input of inputs) {
    if (!isSchemaObject(input.root)) continue;
    const parser = new $RefParser();
    try {
      // With continueOnError, a file that fails to load is kept in $refs as its error.
      await parser.resolve(input.file, input.root, { resolve: { external: true, http: false }, continueOnError: true });
    } catch (error) {
      throw new CodegenError(`cannot load the files it references: ${(error as Error).message}`, {
        file: input.displayPath,
        hint: "Check its $refs.",
      });
    }
    for (const [file, root] of Object.entries(parser.$refs.values() as Record<string, unknown>)) {
      const absolute = path.resolve(file);
      if (known.has(absolute) || referenced.has(absolute)) continue;
      // A file that cannot be read is reported at the $ref that names it (see resolveSchemas).
      if (root instanceof ResolverError) continue;
      if (root instanceof Error) {
        throw new CodegenError(`cannot parse this referenced schema file: ${root.message.split("\n")[0]}`, {
          file: displayPath(absolute, cwd),
          hint: "Fix the file's syntax.",
        });
      }
      referenced.set(absolute, { file: absolute, displayPath: displayPath(absolute, cwd), root });
    }
  }
  return [...referenced.values()].sort((a, b) => a.file.localeCompare(b.file));
}

interface RefSite {
  holder: SchemaObject;
  ref: string;
  location: SchemaLocation;
}

function collectRefSites(document: SchemaDocument): RefSite[] {
  const sites: RefSite[] = [];
  const visit = (schema: Schema, pointer: string): void => {
    if (!isSchemaObject(schema)) return;
    const ref = schema["$ref"];
    if (typeof ref === "string") sites.push({ holder: schema, ref, location: { document, pointer } });
    for (const child of subschemas(schema)) visit(child.schema, appendPointer(pointer, ...child.path));
  };
  if (typeof document.root === "boolean" || isSchemaObject(document.root)) visit(document.root, "");
  return sites;
}

export async function resolveSchemas(inputs: readonly SchemaDocument[], cwd: string): Promise<ResolvedSchemas> {
  const documents = [...inputs, ...(await loadReferencedDocuments(inputs, cwd))];
  documents.forEach(checkSchemaShapes);
  const byFile = new Map(documents.map((document) => [document.file, document]));
  const components = componentRegistry(inputs);

  const targetOf = (site: RefSite): SchemaLocation => {
    const { document } = site.location;
    const unresolved = (why: string, hint: string): never => {
      throw new CodegenError(`cannot resolve $ref "${site.ref}": ${why}`, {
        file: document.displayPath,
        pointer: appendPointer(site.location.pointer, "$ref"),
        hint,
      });
    };
    const malformed = (): never => unresolved("its percent-encoding is malformed", 'Write a literal "%" as %25.');
    const componentRef = COMPONENT_REF.exec(site.ref);
    const ownsComponents = isSchemaObject(document.root) && "components" in document.root;
    let target: SchemaLocation;
    if (componentRef !== null && !ownsComponents) {
      const name = decodeFragment(componentRef[1] ?? "") ?? malformed();
      const component = components.get(name);
      if (component === undefined) {
        return unresolved(
          `no input file is the component "${name}"`,
          `Add a schema file with "$id": "#/components/schemas/${name}" (or named ${name}.json) to the inputs.`,
        );
      }
      target = { document: component, pointer: decodeFragment(componentRef[2] ?? "") ?? malformed() };
    } else {
      const hashIndex = site.ref.indexOf("#");
      const address = hashIndex === -1 ? site.ref : site.ref.slice(0, hashIndex);
      const fragment = hashIndex === -1 ? "" : site.ref.slice(hashIndex + 1);
      if (fragment !== "" && !fragment.startsWith("/")) {
        return unresolved("anchors (plain-name fragments) are not supported yet", "Point at the schema with a JSON pointer.");
      }
      let targetDocument = document;
      if (address !== "") {
        const url = new URL(address, pathToFileURL(document.file));
        if (url.protocol !== "file:")
          return unresolved("only local files can be referenced", "Download the schema and refer to it by path.");
        const file = fileURLToPath(url);
        targetDocument =
          byFile.get(file) ??
          unresolved(
            `the file ${displayPath(file, cwd)} cannot be read`,
            "Check that the file exists at that path, relative to the file holding the $ref.",
          );
      }
      target = { document: targetDocument, pointer: decodeFragment(fragment) ?? malformed() };
    }
    if (valueAtPointer(target.document.root, target.pointer) === undefined) {
      return unresolved(
        `${target.document.displayPath} has nothing at "${target.pointer}"`,
        "Check the JSON pointer (percent-encode special characters, e.g. %3C for <).",
      );
    }
    return target;
  };

  const refTargets = new Map<SchemaObject, SchemaLocation>();
  const named = new Map<string, SchemaLocation>();
  for (const document of documents) named.set(locationKey({ document, pointer: "" }), { document, pointer: "" });
  for (const document of documents) {
    for (const site of collectRefSites(document)) {
      const target = targetOf(site);
      refTargets.set(site.holder, target);
      if (!named.has(locationKey(target))) named.set(locationKey(target), target);
    }
  }
  return { documents, refTargets, namedLocations: [...named.values()] };
}
