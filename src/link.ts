/**
 * Linking: every `$ref`, `$dynamicRef` and `$recursiveRef` the index found is resolved to the
 * schema it names, loading referenced documents as needed, and the target is set on the node.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { CONFIG_FILE_NAME } from "./config.js";
import { CodegenError } from "./errors.js";
import type { SchemaLocation } from "./graph.js";
import { appendPointer, decodeFragment, valueAtPointer } from "./json-pointer.js";
import { displayPath, type SchemaDocument } from "./load.js";
import type { RefSite, SchemaIndex } from "./schema-index.js";
import { isSchemaObject } from "./schema-walk.js";
import type { SchemaSources } from "./sources.js";
import { COMPONENT_REF, resolveUri, splitFragment } from "./uri.js";

export interface LinkOptions {
  cwd: string;
  allowRemote: boolean;
  allowOutsideRoot: boolean;
  /** The components form's documents by component name (see `componentRegistry`). */
  components: ReadonlyMap<string, SchemaDocument>;
  /** Adds a document found through a reference to the run (and to the index). */
  addDocument(document: SchemaDocument): void;
  /** Whether a document with this URI is already part of the run. */
  hasDocument(uri: string): boolean;
}

/**
 * Resolves every reference site, including those of documents loaded on the way; sets each node's
 * `ref` or `dynamicRef`. Returns an error for each reference that cannot be resolved.
 */
export async function linkReferences(index: SchemaIndex, sources: SchemaSources, options: LinkOptions): Promise<CodegenError[]> {
  const errors: CodegenError[] = [];
  // Loading a document adds its sites to the list, so this loop reaches every referenced document.
  for (let next = 0; next < index.sites.length; next++) {
    const site = index.sites[next]!;
    let location: SchemaLocation;
    try {
      location = await targetOf(site, index, sources, options);
    } catch (error) {
      if (!(error instanceof CodegenError)) throw error;
      errors.push(error);
      continue;
    }
    const target = index.graph.nodeAt(location);
    if (site.keyword === "$ref") {
      site.node.ref = target;
      continue;
    }
    const targetSchema = target.schema;
    const anchor = site.keyword === "$dynamicRef" ? splitFragment(site.ref)[1] : "";
    const declaresAnchor =
      isSchemaObject(targetSchema) &&
      (site.keyword === "$dynamicRef" ? targetSchema["$dynamicAnchor"] === anchor : targetSchema["$recursiveAnchor"] === true);
    // Without a matching anchor at the initial target, the reference is static, like $ref.
    site.node.dynamicRef = { initial: target, anchor: declaresAnchor ? anchor : undefined };
  }
  return errors;
}

/** The error for a reference that cannot be resolved, at the reference. */
function unresolved(site: RefSite, why: string, hint: string): never {
  throw new CodegenError(`cannot resolve ${site.keyword} "${site.ref}": ${why}`, {
    file: site.node.document.displayPath,
    pointer: appendPointer(site.node.pointer, site.keyword),
    hint,
  });
}

function decoded(site: RefSite, fragment: string): string {
  return decodeFragment(fragment) ?? unresolved(site, "its percent-encoding is malformed", 'Write a literal "%" as %25.');
}

/** A pointer target, checked to exist. */
function pointerTarget(site: RefSite, target: SchemaLocation): SchemaLocation {
  if (valueAtPointer(target.document.root, target.pointer) === undefined) {
    unresolved(
      site,
      `${target.document.displayPath} has nothing at "${target.pointer}"`,
      "Check the JSON pointer (percent-encode special characters, e.g. %3C for <).",
    );
  }
  return target;
}

async function targetOf(site: RefSite, index: SchemaIndex, sources: SchemaSources, options: LinkOptions): Promise<SchemaLocation> {
  const { document } = site.node;
  const componentRef = COMPONENT_REF.exec(site.ref);
  const ownsComponents = isSchemaObject(document.root) && "components" in document.root;
  if (componentRef !== null && !ownsComponents) {
    const name = decoded(site, componentRef[1] ?? "");
    const component =
      options.components.get(name) ??
      unresolved(
        site,
        `no input file is the component "${name}"`,
        `Add a schema file with "$id": "#/components/schemas/${name}" (or named ${name}.json or .yaml) to the inputs.`,
      );
    return pointerTarget(site, { document: component, pointer: decoded(site, componentRef[2] ?? "") });
  }
  const absolute = resolveUri(site.ref, site.node.baseUri) ?? unresolved(site, `it is not a valid URI reference`, "Fix the reference.");
  const [resourceUri, fragment] = splitFragment(absolute);
  const resource = await resourceOf(site, resourceUri, index, sources, options);
  if (fragment === "") return resource;
  if (fragment.startsWith("/"))
    return pointerTarget(site, { document: resource.document, pointer: resource.pointer + decoded(site, fragment) });
  return (
    index.anchors.get(`${resourceUri}#${fragment}`) ??
    unresolved(site, `${resourceUri} declares no anchor "${decodeFragment(fragment) ?? fragment}"`, "Check the anchor name.")
  );
}

/** The schema resource a reference names, loading its document if codegen may. */
async function resourceOf(
  site: RefSite,
  resourceUri: string,
  index: SchemaIndex,
  sources: SchemaSources,
  options: LinkOptions,
): Promise<SchemaLocation> {
  const known = index.resources.get(resourceUri);
  if (known !== undefined) return known;
  if (resourceUri.startsWith("file:") && !options.allowOutsideRoot && !sources.insideRoots(fileURLToPath(resourceUri))) {
    unresolved(
      site,
      `the file ${fileURLToPath(resourceUri)} is outside the project directory and the inputs' directories`,
      "Move the schema inside the project, or pass --allow-outside-root if you trust where it points.",
    );
  }
  const remote = /^https?:/.test(resourceUri) && sources.fileOf(resourceUri) === undefined;
  const loaded =
    remote && options.allowRemote
      ? await sources.fetchRemote(resourceUri)
      : options.hasDocument(resourceUri)
        ? undefined
        : sources.readLocal(resourceUri);
  if (loaded !== undefined) options.addDocument(loaded);
  const resource = index.resources.get(resourceUri);
  if (resource !== undefined) return resource;
  if (resourceUri.startsWith("file:")) {
    unresolved(
      site,
      `the file ${displayPath(fileURLToPath(resourceUri), options.cwd)} cannot be read`,
      "Check that the file exists at that path, relative to the file holding the $ref.",
    );
  }
  return unresolved(
    site,
    `no schema has the URI ${resourceUri}, and codegen does not fetch schemas over the network unless --allow-remote is given`,
    registryHint(site, resourceUri, options.cwd),
  );
}

/**
 * What to do about a reference to a URI no schema has: a relative reference resolves against the
 * `$id` of the schema holding it, not against its file, so the hint says what it resolved to and
 * which registry entry would serve it (the referring file's directory, when the file is there).
 */
function registryHint(site: RefSite, resourceUri: string, cwd: string): string {
  const { document, baseUri } = site.node;
  const relative = !/^[a-z][a-z0-9+.-]*:/i.test(site.ref);
  const prefix = resourceUri.slice(0, resourceUri.lastIndexOf("/") + 1);
  const localFile = !document.file.includes("://");
  const directory = localFile && relative ? displayPath(path.dirname(document.file), cwd) || "." : "<directory>";
  const mapping = `--registry ${prefix}=${directory} (or "registry": { ${JSON.stringify(prefix)}: ${JSON.stringify(directory)} } in ${CONFIG_FILE_NAME})`;
  if (!relative || !localFile)
    return `Download the schema into a directory and map its URI prefix to it: ${mapping}; or pass --allow-remote.`;
  const there = existsSync(path.join(path.dirname(document.file), resourceUri.slice(prefix.length)))
    ? `; ${resourceUri.slice(prefix.length)} is next to ${document.displayPath}`
    : "";
  return `The relative reference resolves against the $id ${baseUri}, not against the file${there}. Map the prefix to the directory: ${mapping}.`;
}
