import { isTypeName, type NamingOptions, type TypeNameContext } from "./config.js";
import { CodegenError } from "./errors.js";
import { parsePointer, valueAtPointer } from "./json-pointer.js";
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
 * The words of `text` in PascalCase, joined: only ASCII letters and digits, `[]` read as `Array`
 * (`number[]` → `NumberArray`). A word written with a capital is kept as written (`SCIMRegistration`,
 * `D2bThing`); in a word written all in lowercase, a letter after a digit is capitalised too
 * (`oauth2provider` → `Oauth2Provider`). May start with a digit.
 */
function pascalWords(text: string): string {
  return (
    text
      .replaceAll("[]", " Array ")
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .split(/[^A-Za-z0-9]+/)
      .filter((word) => word !== "")
      .map((word) => {
        const capitalised = word[0]!.toUpperCase() + word.slice(1);
        return word === word.toLowerCase()
          ? capitalised.replace(/([0-9])([a-z])/g, (_, digit: string, letter: string) => digit + letter.toUpperCase())
          : capitalised;
      })
      .join("")
      // At most MAX_NAME_LENGTH characters: a megabyte of key is not a type name; collisions get counters.
      .slice(0, MAX_NAME_LENGTH)
  );
}

/**
 * A PascalCase identifier made of ASCII letters and digits (see `pascalWords`): `api_organization_v1_Member` →
 * `ApiOrganizationV1Member`, `Record<string>` → `RecordString`; leading digits are dropped.
 */
export function pascalCase(text: string): string {
  const name = pascalWords(text).replace(/^[0-9]+/, "");
  return name === "" ? "Schema" : name;
}

/** Titles longer than this, or of more words, read as sentences. */
const MAX_TITLE_LENGTH = 60;
const MAX_TITLE_WORDS = 6;

/**
 * Whether a title reads as a sentence rather than a name, and so makes a poor type name: longer than
 * 60 characters, more than 6 words, or containing a URL or anything else with a colon, brackets of
 * any kind, sentence punctuation (`,;!?`, a period ending a word) or a version number (`44.121`).
 * "JSON Schema for Foo 44.121.2 config files (https://…)" is one: its name would change every release.
 */
function isSentenceLike(title: string): boolean {
  return (
    title.length > MAX_TITLE_LENGTH ||
    /[:()[\]{}<>,;!?]|\.(\s|$)|[0-9]\.[0-9]/.test(title) ||
    title.trim().split(/\s+/).length > MAX_TITLE_WORDS
  );
}

/** `title` when it makes a good type name: a string with a letter that is not sentence-like. */
function nameLikeTitle(title: string | undefined): string | undefined {
  return title !== undefined && /[A-Za-z]/.test(title) && !isSentenceLike(title) ? title : undefined;
}

/**
 * The last segment between slashes, without its extension, of a definition key that is an absolute
 * URI or a schema file's name (`http://example.com/definitions/260/info.json` → `info`,
 * `spdx.schema.json` → `spdx.schema`); undefined for other keys (`a/b`) and segments without a letter.
 */
function uriStem(key: string): string | undefined {
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:|\.(json|ya?ml)$/.test(key)) return undefined;
  const segment = key
    .replace(/[?#].*$/s, "")
    .split("/")
    .filter((part) => part !== "")
    .at(-1);
  const stem = segment === undefined ? "" : schemaFileStem(segment);
  return /[A-Za-z]/.test(stem) ? stem : undefined;
}

/** The `title` of the schema at `location`, if it has one. */
function titleOf(location: SchemaLocation): string | undefined {
  const { document, pointer } = location;
  const schema = pointer === "" ? document.root : valueAtPointer(document.root, pointer);
  const title = isSchemaObject(schema) ? schema["title"] : undefined;
  return typeof title === "string" ? title : undefined;
}

/** What a named schema is called in its source, and the text its type name is made from. */
interface SourceNames {
  /** As written: the definition key or component name; for a document root, its title or file name. */
  source: string;
  /** What the type name is made from: the source, or for a URI key or a sentence-like title, the title or file name instead. */
  base: string;
}

function sourceNames(location: SchemaLocation): SourceNames {
  const { document, pointer } = location;
  if (pointer !== "") {
    const key = parsePointer(pointer).at(-1)!;
    const stem = uriStem(key);
    // A definition keyed by its URI is named as the schema it is: its title, else its file name.
    return { source: key, base: stem === undefined ? key : (nameLikeTitle(titleOf(location)) ?? stem) };
  }
  const component = componentName(document);
  if (component !== undefined) return { source: component, base: component };
  const fileStem = schemaFileStem(document.file);
  const title = titleOf(location);
  if (title !== undefined && title.trim() !== "") return { source: title, base: nameLikeTitle(title) ?? fileStem };
  return { source: fileStem, base: fileStem };
}

/** A named schema with the names it may get, most wanted first. */
interface Candidate<Location> {
  location: Location;
  file: string;
  pointer: string;
  names: SourceNames;
  /** Made from the base with `stripPrefix` applied. */
  preferred: string;
  /** Made from the whole base, when `stripPrefix` removed something. */
  full: string | undefined;
}

const fold = (name: string): string => name.toLowerCase();

/** `name`, or `name` with the `Type` suffix when the runtime or the output's files have it. */
function unreserved(name: string): string {
  return isReserved(name) ? `${name}Type` : name;
}

function candidate<Location extends SchemaLocation>(location: Location, naming: NamingOptions): Candidate<Location> {
  const names = sourceNames(location);
  const stripped = naming.stripPrefix === undefined ? names.base : names.base.replace(naming.stripPrefix, "");
  const preferred = unreserved(pascalCase(stripped === "" ? names.base : stripped));
  const full = unreserved(pascalCase(names.base));
  return {
    location,
    file: location.document.displayPath,
    pointer: location.pointer,
    names,
    preferred,
    full: full === preferred ? undefined : full,
  };
}

/** Whether the preferred name is the source name exactly as written, which wins a collision with names made from other text. */
function isExact(candidate: Candidate<unknown>): boolean {
  return candidate.preferred === candidate.names.source;
}

/**
 * The nearest part of `file`'s path, from its file name up, that no other of `files` shares at that
 * place (`a/foo.json` among `b/bar.json`: `foo`; `2019-09/core.json` among `2020-12/core.json`: `2019-09`),
 * in PascalCase; undefined when none does.
 */
function fileQualifier(file: string, files: readonly string[]): string | undefined {
  const parts = (path: string): string[] => {
    const segments = path.split("/");
    segments.push(schemaFileStem(segments.pop()!));
    return segments.reverse().map(pascalWords);
  };
  const own = parts(file);
  let alike = files.filter((other) => other !== file).map(parts);
  for (const [depth, part] of own.entries()) {
    if (part !== "" && alike.every((other) => fold(other[depth] ?? "") !== fold(part))) return part;
    alike = alike.filter((other) => fold(other[depth] ?? "") === fold(part));
  }
  return undefined;
}

/**
 * `name` told apart by a file qualifier: before it, or after it when the qualifier starts with a digit
 * (`SchemaArray201909`); a name that already starts (or ends) with it stays as it is (a root named after its file).
 */
function qualified(name: string, qualifier: string): string {
  if (/^[0-9]/.test(qualifier)) return fold(name).endsWith(fold(qualifier)) ? name : unreserved(`${name}${qualifier}`);
  return fold(name).startsWith(fold(qualifier)) ? name : unreserved(`${qualifier}${name}`);
}

/**
 * Names every candidate not in `pinned`, avoiding the pinned names, in rounds; each round gives a name
 * to the candidates that alone want it (of those still unnamed) when no earlier round took it:
 * 1. the preferred name; among several that want it, one whose source name is exactly that name gets it;
 * 2. the full base, where `stripPrefix` shortened it (`ApiB2BSessionV1Foo`, `ApiSessionV1Foo`);
 * 3. where the schemas wanting the name are in different files: the name with the part of the file's
 *    path that tells it apart (`FooInfo`, `BarInfo`);
 * 4. the name, or with the first free counter (`Info2`), in the order of file and pointer.
 * Names that differ only in case collide too: a module's file is named after its type, and
 * `Xml.ts` and `XML.ts` are one file on case-insensitive file systems. So do `X` and `XSchema`,
 * the name of X's Standard Schema.
 */
function settle<Location>(candidates: readonly Candidate<Location>[], pinned: ReadonlyMap<Location, string>): Map<Location, string> {
  const names = new Map(pinned);
  const taken = new Set([...pinned.values()].map(fold));
  // Each type T also exports its Standard Schema as `TSchema`: a type named that would collide with it.
  const clashes = (name: string): boolean => {
    const folded = fold(name);
    return taken.has(folded) || taken.has(`${folded}schema`) || (folded.endsWith("schema") && taken.has(folded.slice(0, -"schema".length)));
  };
  const give = (item: Candidate<Location>, name: string): void => {
    names.set(item.location, name);
    taken.add(fold(name));
  };
  /** Gives each wanted name to the one candidate that wants it (or that `wins`); returns the others. */
  const round = (
    pending: readonly Candidate<Location>[],
    wanted: (item: Candidate<Location>) => string,
    wins: (item: Candidate<Location>) => boolean = () => false,
  ): Candidate<Location>[] => {
    const wanting = new Map<string, Candidate<Location>[]>();
    for (const item of pending) {
      const name = fold(wanted(item));
      const group = wanting.get(name);
      if (group === undefined) wanting.set(name, [item]);
      else group.push(item);
    }
    for (const [name, group] of wanting) {
      if (clashes(name)) continue;
      const winners = group.length === 1 ? group : group.filter(wins);
      if (winners.length === 1) give(winners[0]!, wanted(winners[0]!));
    }
    return pending.filter((item) => !names.has(item.location));
  };
  const unpinned = candidates.filter((item) => !pinned.has(item.location));
  const current = (item: Candidate<Location>): string => item.full ?? item.preferred;
  const afterFull = round(
    round(unpinned, (item) => item.preferred, isExact),
    current,
  );

  // The files of every schema that wanted each name, named or not.
  const filesWanting = new Map<string, Set<string>>();
  for (const item of unpinned) {
    for (const name of new Set([item.preferred, current(item)].map(fold))) {
      filesWanting.set(name, (filesWanting.get(name) ?? new Set()).add(item.file));
    }
  }
  const withFile = (item: Candidate<Location>): string => {
    const files = [...filesWanting.get(fold(current(item)))!];
    const qualifier = files.length > 1 ? fileQualifier(item.file, files) : undefined;
    return qualifier === undefined ? current(item) : qualified(current(item), qualifier);
  };
  for (const item of round(afterFull, withFile)) {
    const base = withFile(item);
    let name = base;
    for (let counter = 2; clashes(name); counter++) name = `${base}${counter}`;
    give(item, name);
  }
  return names;
}

/** The names `naming.types` gives, by location; every key must name a schema, and a `file#pointer` key wins over a source name. */
function namesFromMap<Location>(
  candidates: readonly Candidate<Location>[],
  types: Readonly<Record<string, string>>,
): Map<Location, string> {
  const entries = Object.entries(types);
  const atPointer = new Map(candidates.map((item) => [`${item.file}#${item.pointer}`, item]));
  for (const [key, name] of entries) {
    if (!atPointer.has(key) && !candidates.some((item) => item.names.source === key)) {
      throw new CodegenError(`naming.types has ${JSON.stringify(key)}, which names no schema`, {
        hint: 'A key is a definition key, component name, title or file name as written, or "file#pointer" (e.g. "schemas/site.json#/$defs/Site").',
      });
    }
    // The config's names were checked as it was read; these may come from the programmatic API.
    if (!isTypeName(name)) {
      throw new CodegenError(`naming.types gives ${JSON.stringify(key)} the name ${JSON.stringify(name)}, which is not a type name`, {
        hint: "A type name is an ASCII capital letter followed by ASCII letters or digits.",
      });
    }
  }
  const given = new Map<Location, string>();
  for (const [key, name] of entries) for (const item of candidates) if (item.names.source === key) given.set(item.location, name);
  for (const [key, name] of entries) {
    const item = atPointer.get(key);
    if (item !== undefined) given.set(item.location, name);
  }
  return given;
}

/** The names the `typeName` hook gives that differ from `proposed`. */
function namesFromHook<Location extends SchemaLocation>(
  candidates: readonly Candidate<Location>[],
  proposed: ReadonlyMap<Location, string>,
  typeName: NonNullable<NamingOptions["typeName"]>,
): Map<Location, string> {
  const given = new Map<Location, string>();
  for (const item of candidates) {
    const context: TypeNameContext = {
      sourceName: item.names.source,
      file: item.file,
      pointer: item.pointer,
      title: titleOf(item.location),
      proposed: proposed.get(item.location)!,
    };
    const name = typeName(context);
    if (name === undefined || name === context.proposed) continue;
    if (typeof name !== "string" || !isTypeName(name)) {
      throw new CodegenError(`naming.typeName returned ${JSON.stringify(name)}, which is not a type name`, {
        file: item.file,
        pointer: item.pointer,
        hint: "Return an ASCII capital letter followed by ASCII letters or digits, or undefined to keep codegen's name.",
      });
    }
    given.set(item.location, name);
  }
  return given;
}

/** Refuses names given by hand that the runtime reserves, that two schemas share, or that are another's `XSchema`. */
function checkGiven<Location>(candidates: readonly Candidate<Location>[], given: ReadonlyMap<Location, string>): void {
  const holders = new Map<string, Candidate<Location>>();
  for (const item of candidates) {
    const name = given.get(item.location);
    if (name === undefined) continue;
    if (isReserved(name)) {
      throw new CodegenError(`is given the type name ${name}, which the generated runtime or output files use`, {
        file: item.file,
        pointer: item.pointer,
        hint: `Choose another name in naming.types or naming.typeName, e.g. ${name}Type.`,
      });
    }
    const holder = holders.get(fold(name));
    if (holder !== undefined) {
      throw new CodegenError(`is given the type name ${name}, as ${holder.file}#${holder.pointer} is`, {
        file: item.file,
        pointer: item.pointer,
        hint: 'Give each schema its own name (names differing only in case are one file); a "file#pointer" key in naming.types names one schema.',
      });
    }
    holders.set(fold(name), item);
  }
  for (const [folded, item] of holders) {
    const named = holders.get(`${folded}schema`);
    if (named === undefined) continue;
    const name = given.get(named.location)!;
    throw new CodegenError(
      `is given the type name ${name}, the name of the Standard Schema of ${given.get(item.location)!} (${item.file}#${item.pointer})`,
      {
        file: named.file,
        pointer: named.pointer,
        hint: "Choose another name in naming.types or naming.typeName: each type X also exports XSchema.",
      },
    );
  }
}

/**
 * Assigns every named location a unique TypeScript name (see `settle` for collisions, settled by file
 * and pointer, never by input order): `naming.types`'s names first, then codegen's for the rest, which
 * `naming.typeName` may replace; the others are then named again, around the names given.
 */
export function assignTypeNames<Location extends SchemaLocation>(
  locations: readonly Location[],
  naming: NamingOptions,
): Map<Location, string> {
  const candidates = [...locations]
    .sort((a, b) => byCodeUnits(locationKey(a), locationKey(b)))
    .map((location) => candidate(location, naming));
  const fromMap = naming.types === undefined ? new Map<Location, string>() : namesFromMap(candidates, naming.types);
  checkGiven(candidates, fromMap);
  const proposed = settle(candidates, fromMap);
  if (naming.typeName === undefined) return proposed;
  const fromHook = namesFromHook(candidates, proposed, naming.typeName);
  if (fromHook.size === 0) return proposed;
  const given = new Map([...fromMap, ...fromHook]);
  checkGiven(candidates, given);
  return settle(candidates, given);
}
