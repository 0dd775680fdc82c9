import type { Dialect } from "../dialect.js";
import * as runtime from "../runtime/validation-runtime.js";
import { appendPointer } from "../json-pointer.js";
import type { DynamicRef, SchemaFacts, SchemaLocation } from "../resolve.js";
import type { Schema, SchemaObject } from "../schema-walk.js";
import { Code, code, identifier, isSafeIdentifier, joinCode } from "./code.js";
import type { FailureSpec, Statement } from "./statements.js";

/** The instance types that keyword families apply to; each has a guard expression. */
export type InstanceType = "object" | "array" | "string" | "number";

/** A piece of an instance path: static text, or an expression that yields a string or number. */
export type PathPart = string | Code;

/** A schema being compiled, and the instance it applies to. */
export interface SchemaNode {
  schema: Schema;
  location: SchemaLocation;
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
  /** Statements validating `node` (a call when it is a named schema). */
  compileSubschema(node: SchemaNode): Statement[];
  /** A private pair of functions (`isX`, `collectXErrors`) for a subschema; returns their names. */
  subschemaFunctions(schema: Schema, location: SchemaLocation): FunctionPair;
  /** The `evaluatedBy…` function of a subschema (see annotations.ts). */
  evaluatedFunction(schema: Schema, location: SchemaLocation): Code;
  /** A constant holding the functions of a dynamic reference's initial target, for `dynamicTarget`. */
  dynamicRefInitial(location: SchemaLocation): Code;
  schemaAt(location: SchemaLocation): Schema;
}

export interface ModuleScope {
  /** The identifier of a run-time helper from `_runtime.ts`, imported on first use. */
  runtime(helper: string): Code;
  /** The identifier of a format check from `_formats.ts`, imported on first use. */
  formatCheck(checker: string): Code;
  /** The named schema a `$ref` points at: its function names, imported on first use. */
  namedFunctions(location: SchemaLocation): FunctionPair | undefined;
  refTarget(schema: SchemaObject): SchemaLocation | undefined;
  /** What the resolver learned about a schema object (base URI, dialect, vocabulary). */
  facts(schema: SchemaObject): SchemaFacts | undefined;
  /** The `$dynamicRef`/`$recursiveRef` of a schema when it resolves dynamically. */
  dynamicRef(schema: SchemaObject): DynamicRef | undefined;
  /** The dialect that applies at a location (from the nearest `$schema`, else the default). */
  dialectOf(location: SchemaLocation): Dialect;
  /** Whether `format` asserts or only annotates. */
  assertFormats: boolean;
  /** A module-level constant holding `value`; returns its name. */
  constant(hint: string, value: Code): Code;
}

export interface KeywordCompiler {
  keywords: readonly string[];
  compile(node: SchemaNode, context: CompileContext): Fragment[];
}

/** The namespace format checks are imported as (`formats.isEmail`): a type named Email has its own `isEmail`. */
export const FORMATS_NAMESPACE = "formats";

/** Names of local variables in one generated function: unique, readable, never a module name. */
export class LocalScope {
  private readonly used = new Set(["value", "instancePath", "errors", FORMATS_NAMESPACE, ...Object.keys(runtime)]);

  local(hint: string): Code {
    let base = hint.replace(/[^A-Za-z0-9_]+(.)?/g, (_, next: string | undefined) => (next ?? "").toUpperCase());
    base = base.charAt(0).toLowerCase() + base.slice(1);
    // Module-level names are PascalCase, UPPER_CASE or start with these verbs; locals must not shadow them.
    if (!isSafeIdentifier(base) || /^(is|collect|validate|assert|to|json|pointer)([A-Z0-9]|$)/.test(base)) base = `${base}Value`;
    if (!isSafeIdentifier(base)) base = "item";
    let name = base;
    for (let counter = 2; this.used.has(name); counter++) name = `${base}${counter}`;
    this.used.add(name);
    return identifier(name);
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

export function failure(node: SchemaNode, keyword: string, params: Code, message: Code | string, schemaPathSuffix = keyword): FailureSpec {
  return {
    instancePath: pathExpression(node.path),
    schemaPath: `#${node.location.pointer}${schemaPathSuffix === "" ? "" : `/${schemaPathSuffix}`}`,
    keyword,
    params,
    message: typeof message === "string" ? code`${message}` : message,
  };
}

export function childLocation(location: SchemaLocation, ...tokens: (string | number)[]): SchemaLocation {
  return {
    document: location.document,
    pointer: appendPointer(location.pointer, ...tokens),
  };
}

/** The functions validating a schema: `check(value)` and `collect(value, instancePath, errors)`. */
export interface FunctionPair {
  check: Code;
  collect: Code;
  /** `check` is a named schema's type predicate (`value is X`), not a plain boolean function. */
  predicate: boolean;
}

/**
 * `check(value)` for a schema that applies in place (`$ref` with siblings, `allOf`, `not`, …).
 * A type predicate would narrow `value` for the keywords after it, and named types are wider than
 * what validates (`not` can leave `never`), so predicates get the value as `unknown` there.
 */
export function inPlaceCheck(functions: FunctionPair, value: Code): Code {
  return functions.predicate ? code`${functions.check}(${value} as unknown)` : code`${functions.check}(${value})`;
}

/** Validation delegated to a function pair; `inPlace` when other keywords check the same value. */
export function callStatement(functions: FunctionPair, node: SchemaNode, inPlace: boolean): Statement {
  return {
    kind: "call",
    check: inPlace ? inPlaceCheck(functions, node.value) : code`${functions.check}(${node.value})`,
    collect: code`${functions.collect}(${node.value}, ${pathExpression(node.path)}, errors);`,
  };
}

/** True for `{ "$ref": … }` with nothing that asserts beside it. */
export function isPlainRef(schema: SchemaObject): boolean {
  return Object.keys(schema).every(
    (keyword) => keyword === "$ref" || keyword === "description" || keyword === "title" || keyword === "$comment",
  );
}
