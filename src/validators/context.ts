import { DEFAULT_DIALECT, type Dialect } from "../dialect.js";
import type { SchemaNode } from "../graph.js";
import { onlyInforms } from "../keywords.js";
import type * as formatChecks from "../runtime/formats.js";
import * as runtime from "../runtime/validation-runtime.js";
import { type Affix, call, Code, code, isSafeIdentifier, joinCode, Name, type Signature } from "./code.js";
import type { FailureSpec, Statement } from "./statements.js";

/** The instance types that keyword families apply to; each has a guard expression. */
export type InstanceType = "object" | "array" | "string" | "number";

/** A piece of an instance path: static text, or an expression that yields a string or number. */
export type PathPart = string | Code;

/** Where a schema is compiled: its node in the schema graph, and the instance it applies to there. */
export interface Site {
  node: SchemaNode;
  /** An identifier holding the instance. */
  value: Code;
  path: readonly PathPart[];
}

/** Statements a keyword produces; with `instanceType` they run only for instances of that type. */
export interface Fragment {
  instanceType?: InstanceType;
  statements: Statement[];
}

export interface CompileContext {
  module: ModuleScope;
  scope: LocalScope;
  /** Statements validating a subschema at `site` (a call when it is a named schema). */
  compileSubschema(site: Site): Statement[];
  /** The functions (`checkX`, `collectXErrors`) of a subschema: a named schema's, else private ones made for it. */
  subschemaFunctions(node: SchemaNode): FunctionPair;
  /** The `evaluatedBy…` function of a subschema (see annotations.ts). */
  evaluatedFunction(node: SchemaNode): Code;
  /** A constant holding the functions of a dynamic reference's initial target, for `dynamicTarget`. */
  dynamicRefInitial(node: SchemaNode): Code;
}

/** The values `_runtime.ts` exports: module-level names of every generated module, which no other name may take. */
export const RUNTIME_VALUES: ReadonlySet<string> = new Set(Object.keys(runtime));

/** The types of `_runtime.ts` that generated code names, each tied to its declaration there. */
interface RuntimeTypes {
  ValidationError: runtime.ValidationError;
  ValidationResult: runtime.ValidationResult<unknown>;
  StandardSchemaV1: runtime.StandardSchemaV1;
  Evaluated: runtime.Evaluated;
}

/** A name `_runtime.ts` exports (src/runtime/validation-runtime.ts): renaming it there fails type-checking here. */
export type RuntimeName = keyof typeof runtime | RuntimeTypeName;

/** The types of `_runtime.ts` that generated code names: imported with `type`, and into the `.d.ts` of a JavaScript module. */
export type RuntimeTypeName = keyof RuntimeTypes;

/** A format check of `_formats.ts` (src/runtime/formats.ts), likewise. */
export type FormatCheck = keyof typeof formatChecks;

export interface ModuleScope {
  /** The identifier of a run-time helper or type from `_runtime.ts`, imported on first use. */
  runtime(helper: RuntimeName): Code;
  /** The identifier of a format check from `_formats.ts`, imported on first use. */
  formatCheck(checker: FormatCheck): Code;
  /** The functions of a named schema (`undefined` for other schemas), imported on first use. */
  namedFunctions(node: SchemaNode): FunctionPair | undefined;
  /** Whether `format` asserts or only annotates. */
  assertFormats: boolean;
  /** Whether the module is TypeScript (types written in the code) or JavaScript (types in a `.d.ts` beside it). */
  typed: boolean;
  /** A function of the module, typed as the module is; an exported one is also declared for the `.d.ts`. */
  defineFunction(doc: Code | undefined, exported: boolean, signature: Signature, body: Code): Code;
  /**
   * A module-level constant holding `value`; returns its name. Constants with the same `key` are
   * one: equal lists are written once per module.
   */
  constant(hint: string, value: Code, options?: { key?: string }): Code;
  /** The base of the names made for a schema: its type name, or its private functions' (`Owner_Path`). */
  baseName(node: SchemaNode): string;
  /** A module-level constant holding `new RegExp(pattern, flags)` (see patternFlags), one per distinct pattern and flags. */
  pattern(pattern: string, dialect: Dialect): Code;
}

export interface KeywordCompiler {
  /** A name for the family, in messages and tests. */
  family: string;
  /** The keywords it compiles; it runs only on schemas that have one of them. */
  keywords: readonly string[];
  compile(site: Site, context: CompileContext): Fragment[];
}

/** The namespace format checks are imported as (`formats.isEmail`): a type named Email has its own `isEmail`. */
export const FORMATS_NAMESPACE = "formats";

/**
 * The module-level names of one generated module. Fixed names (its exported functions, imports, the
 * run-time helpers, `formats`) are reserved; constants and private functions get theirs in `resolve`,
 * once every fixed name is known, in the order they were asked for: the hint, else the hint with the
 * first counter (2, 3, …) that is free. A hint stands for the identifiers made of it with `affixes`
 * (`checkFoo_Bar` and `collectFoo_BarErrors`): free means no other name took the hint, and none of
 * those identifiers is taken. Then the local scopes resolve their names, avoiding every module name.
 */
export class ModuleNames {
  private readonly taken = new Set<string>([FORMATS_NAMESPACE, ...RUNTIME_VALUES]);
  private readonly pending: { name: Name; affixes: readonly Affix[] }[] = [];
  private readonly scopes: LocalScope[] = [];

  reserve(name: string): void {
    this.taken.add(name);
  }

  /** A module-level name for `affixes` (by default the name itself), resolved later. */
  name(hint: string, affixes: readonly Affix[] = [["", ""]]): Name {
    const name = new Name(hint);
    this.pending.push({ name, affixes });
    return name;
  }

  /** The locals of a new function whose parameters are `parameters`; a collector's says where its schema is. */
  localScope(parameters: readonly string[], functionPath?: string): LocalScope {
    const scope = new LocalScope(parameters, functionPath);
    this.scopes.push(scope);
    return scope;
  }

  isTaken(name: string): boolean {
    return this.taken.has(name);
  }

  resolve(): void {
    const hints = new Set<string>();
    for (const { name, affixes } of this.pending) {
      const isFree = (candidate: string): boolean =>
        !hints.has(candidate) && affixes.every(([prefix, suffix]) => !this.taken.has(prefix + candidate + suffix));
      let text = name.hint;
      for (let counter = 2; !isFree(text); counter++) text = `${name.hint}${counter}`;
      hints.add(text);
      for (const [prefix, suffix] of affixes) this.taken.add(prefix + text + suffix);
      name.resolve(text);
    }
    for (const scope of this.scopes) scope.resolve(this);
  }
}

/**
 * The locals of one generated function (its check and collect bodies share them). A local's hint is
 * made readable from a property name (`status`; a reserved word or a verb-prefixed name such as `to`
 * or `isActive` gets `Value`, so it never reads as a function); at the end each local gets its hint,
 * else the hint with the first free counter (`key2`, `checkFoo2`), in the order they were made.
 * Free means not a parameter, not an earlier local, and not a module-level name.
 */
export class LocalScope {
  private readonly names: Name[] = [];
  /** Whether the collector's code reads its schema path (`schemaPath`), so a named schema's declares it. */
  usesSchemaPath = false;
  constructor(
    private readonly parameters: readonly string[],
    /** The schema path (`#/…`) of the schema a collector validates, which its `schemaPath` holds. */
    readonly functionPath?: string,
  ) {}

  local(hint: string): Name {
    let base = hint.replace(/[^A-Za-z0-9_]+(.)?/g, (_, next: string | undefined) => (next ?? "").toUpperCase());
    base = base.charAt(0).toLowerCase() + base.slice(1);
    if (!isSafeIdentifier(base) || /^(is|collect|validate|assert|to|json|pointer)([A-Z0-9]|$)/.test(base)) base = `${base}Value`;
    const name = new Name(isSafeIdentifier(base) ? base : "item");
    this.names.push(name);
    return name;
  }

  resolve(module: ModuleNames): void {
    const used = new Set(this.parameters);
    for (const name of this.names) {
      let text = name.hint;
      for (let counter = 2; used.has(text) || module.isTaken(text); counter++) text = `${name.hint}${counter}`;
      used.add(text);
      name.resolve(text);
    }
  }
}

export function pathExpression(parts: readonly PathPart[]): Code {
  const merged: (string | Code)[] = [];
  for (const part of parts) {
    const last = merged.at(-1);
    if (typeof part === "string" && typeof last === "string") merged[merged.length - 1] = last + part;
    else merged.push(part);
  }
  if (merged.length === 0) return code`""`;
  return joinCode(
    merged.map((part) => (typeof part === "string" ? code`${part}` : part)),
    " + ",
  );
}

export function failure(site: Site, keyword: string, params: Code): FailureSpec {
  return { instancePath: pathExpression(site.path), instanceParts: site.path, schemaPath: `#${site.node.pointer}`, keyword, params };
}

/**
 * The expression for the schema path `absolute` (`#/…`) in a collector: its own `schemaPath` plus
 * the rest, so a collector shared by equal subschemas reports each one's own path.
 */
export function schemaPathExpression(scope: LocalScope, absolute: string): Code {
  const own = scope.functionPath;
  if (own === undefined || (absolute !== own && !absolute.startsWith(`${own}/`))) return code`${absolute}`;
  scope.usesSchemaPath = true;
  return absolute === own ? code`schemaPath` : code`schemaPath + ${absolute.slice(own.length)}`;
}

/**
 * The subschema of `node` at `tokens` (`"properties", "name"`). The graph walked every subschema a
 * keyword compiler reads (the registry says where they are for both), so a miss is a bug.
 */
export function childNode(node: SchemaNode, ...tokens: (string | number)[]): SchemaNode {
  const child = node.child(tokens);
  if (child === undefined) throw new Error(`the schema graph has no subschema at ${node.key}/${tokens.join("/")}`);
  return child;
}

/** The dialect a keyword compiler reads a node in; a boolean schema has no `$schema` to say otherwise, so the default. */
export function dialectOf(node: SchemaNode): Dialect {
  return typeof node.schema === "boolean" ? DEFAULT_DIALECT : node.dialect;
}

/**
 * The functions validating a schema: `check(value)` and `collect(value, instancePath, errors)`. A
 * private collector (not a named schema's) also takes the schema path of `node`, the schema it
 * validates here: equal subschemas share one.
 */
export interface FunctionPair {
  check: Code;
  collect: Code;
  node?: SchemaNode;
  /** `check` is a named schema's type predicate (`value is X`), not a plain boolean function. */
  predicate: boolean;
}

/**
 * `check(value)` for a schema that applies in place (`$ref` with siblings, `allOf`, `not`, …).
 * A type predicate would narrow `value` for the keywords after it, and named types are wider than
 * what validates (`not` can leave `never`), so predicates get the value as `unknown` there.
 */
export function inPlaceCheck(functions: FunctionPair, value: Code): Code {
  return functions.predicate ? call(functions.check, code`${value} as unknown`) : call(functions.check, value);
}

/** A call of a collector: `collect(value, instancePath, errors)`, with the schema path for a private one. */
export function collectCall(functions: FunctionPair, value: Code, instancePath: Code, scope: LocalScope): Code {
  const schemaPath = functions.node === undefined ? code`` : code`, ${schemaPathExpression(scope, `#${functions.node.pointer}`)}`;
  return code`${functions.collect}(${value}, ${instancePath}, errors${schemaPath})`;
}

/** Validation delegated to a function pair; `inPlace` when other keywords check the same value. */
export function callStatement(functions: FunctionPair, site: Site, inPlace: boolean, scope: LocalScope): Statement {
  return {
    kind: "call",
    check: inPlace ? inPlaceCheck(functions, site.value) : call(functions.check, site.value),
    collect: code`${collectCall(functions, site.value, pathExpression(site.path), scope)};`,
  };
}

/** True for a linked `{ "$ref": … }` with only annotations beside it (see `onlyInforms`): it is its target. */
export function isPlainRef(node: SchemaNode): node is SchemaNode & { ref: SchemaNode } {
  return (
    node.ref !== undefined &&
    typeof node.schema === "object" &&
    Object.keys(node.schema).every((keyword) => keyword === "$ref" || onlyInforms(keyword))
  );
}
