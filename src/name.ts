import type { NamingOptions } from "./config.js";
import { parsePointer } from "./json-pointer.js";
import { schemaFileStem } from "./load.js";
import { byCodeUnits } from "./order.js";
import { locationKey, type SchemaLocation } from "./graph.js";
import { componentName } from "./uri.js";
import * as runtime from "./runtime/validation-runtime.js";
import { isSchemaObject } from "./schema-walk.js";

/** Names the generated runtime exports; a schema with one of these names gets a `Type` suffix. */
const RESERVED_TYPE_NAMES = new Set(["ValidationError", "ValidationResult", "SchemaValidationError", "StandardSchemaV1", "Evaluated"]);
const RUNTIME_HELPERS = new Set(Object.keys(runtime));

/** The output's own files (`index.ts`, `types.ts`, and their `.js`/`.d.ts`), which a module named `Index` would be on a case-insensitive file system. */
const RESERVED_FILE_NAMES = new Set(["index", "types"]);

/** Whether a type's functions would take a run-time helper's name (`JsonObject` → `isJsonObject`), or its module an output file's. */
function isReserved(name: string): boolean {
  return (
    RESERVED_TYPE_NAMES.has(name) ||
    RESERVED_FILE_NAMES.has(name.toLowerCase()) ||
    [`is${name}`, `check${name}`, `collect${name}Errors`, `validate${name}`, `assert${name}`, `${name}Schema`, `evaluatedBy${name}`].some(
      (fn) => RUNTIME_HELPERS.has(fn),
    )
  );
}

/** The longest type name codegen makes. */
const MAX_NAME_LENGTH = 100;

/**
 * PascalCase made only of ASCII letters and digits: `api_organization_v1_Member` → `ApiOrganizationV1Member`,
 * `Record<string>` → `RecordString`. Words keep their inner capitals (`SCIMRegistration` stays); a
 * letter after a digit is capitalised (`oauth2provider` → `Oauth2Provider`).
 */
export function pascalCase(text: string): string {
  const words = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== "");
  // At most MAX_NAME_LENGTH characters: a paragraph (or a megabyte) of title is not a type name; collisions get counters.
  const joined = words
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join("")
    .slice(0, MAX_NAME_LENGTH);
  // A letter after a digit is capitalised, as json-schema-to-typescript does with the names we give it.
  const name = joined.replace(/^[0-9]+/, "").replace(/([0-9])([a-z])/g, (_, digit: string, letter: string) => digit + letter.toUpperCase());
  return name === "" ? "Schema" : name;
}

/** The name a schema has in its source: component name, title, file name, or last pointer token. */
export function sourceName(location: SchemaLocation): string {
  if (location.pointer !== "") return parsePointer(location.pointer).at(-1) ?? "";
  const component = componentName(location.document);
  if (component !== undefined) return component;
  const title = isSchemaObject(location.document.root) ? location.document.root["title"] : undefined;
  if (typeof title === "string" && title.trim() !== "") return title;
  return schemaFileStem(location.document.file);
}

function preferredName(source: string, naming: NamingOptions): string {
  const stripped = naming.stripPrefix === undefined ? source : source.replace(naming.stripPrefix, "");
  return pascalCase(stripped === "" ? source : stripped);
}

/**
 * Assigns every named location a unique TypeScript name. Collisions are settled deterministically
 * (by file and pointer): schemas whose preferred names collide fall back to their full source name
 * (`ApiB2BSessionV1AuthenticationFactor`); names still taken get a counter (`Foo2`, `Foo3`).
 * Names that differ only in case collide too: a module's file is named after its type, and
 * `Xml.ts` and `XML.ts` are one file on case-insensitive file systems.
 */
export function assignTypeNames<Location extends SchemaLocation>(
  locations: readonly Location[],
  naming: NamingOptions,
): Map<Location, string> {
  const sorted = [...locations].sort((a, b) => byCodeUnits(locationKey(a), locationKey(b)));
  const withPreferred = sorted.map((location) => {
    const source = sourceName(location);
    return { location, source, preferred: preferredName(source, naming) };
  });
  const preferredCount = new Map<string, number>();
  const fold = (name: string): string => name.toLowerCase();
  for (const { preferred } of withPreferred) preferredCount.set(fold(preferred), (preferredCount.get(fold(preferred)) ?? 0) + 1);

  const taken = new Set<string>();
  const names = new Map<Location, string>();
  for (const { location, source, preferred } of withPreferred) {
    let base = preferredCount.get(fold(preferred)) === 1 ? preferred : pascalCase(source);
    if (isReserved(base)) base += "Type";
    let name = base;
    for (let counter = 2; taken.has(fold(name)); counter++) name = `${base}${counter}`;
    taken.add(fold(name));
    names.set(location, name);
  }
  return names;
}
