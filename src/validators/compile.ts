import { type Dialect, refOverridesSiblings } from "../dialect.js";
import { patternFlags } from "../patterns.js";
import type { SchemaNode } from "../graph.js";
import { narrowingOf } from "../keywords.js";
import type { ResolvedSchemas } from "../resolve.js";
import { isSchemaObject } from "../schema-walk.js";
import {
  type Affix,
  affixed,
  Code,
  code,
  compare,
  docComment,
  functionDeclaration,
  functionDefinition,
  identifier,
  joinCode,
  type Name,
  type Parameter,
  pure,
  type Signature,
} from "./code.js";
import {
  callStatement,
  dialectOf,
  failure,
  FORMATS_NAMESPACE,
  isPlainRef,
  ModuleNames,
  schemaPathExpression,
  type CompileContext,
  type FormatCheck,
  type Fragment,
  type FunctionPair,
  type InstanceType,
  type KeywordCompiler,
  type LocalScope,
  type ModuleScope,
  type RuntimeName,
  type RuntimeTypeName,
  type Site,
} from "./context.js";
import { applicatorKeywords } from "./keywords/applicators.js";
import { arrayKeywords } from "./keywords/array.js";
import { enumKeywords } from "./keywords/enum.js";
import { formatKeyword } from "./keywords/format.js";
import { numberKeywords } from "./keywords/number.js";
import { objectKeywords } from "./keywords/object.js";
import { stringKeywords } from "./keywords/string.js";
import { refKeyword } from "./keywords/ref.js";
import { dynamicRefKeyword } from "./keywords/dynamic-ref.js";
import { unevaluatedKeywords } from "./keywords/unevaluated.js";
import { evaluatedByFunction } from "./annotations.js";
import { allowsNull, declaredTypes, instanceTypeOf, possibleTypes, typeCondition, typeGuard } from "./keywords/type.js";
import { subschemaBaseName, type SharedSubschema, type SharedSubschemas } from "./share.js";
import { render, type Statement } from "./statements.js";

const KEYWORD_COMPILERS: readonly KeywordCompiler[] = [
  refKeyword,
  dynamicRefKeyword,
  unevaluatedKeywords,
  enumKeywords,
  applicatorKeywords,
  formatKeyword,
  numberKeywords,
  stringKeywords,
  objectKeywords,
  arrayKeywords,
];
const INSTANCE_TYPES: readonly InstanceType[] = ["object", "array", "string", "number"];

/**
 * Which part of the compiler checks each keyword the registry marks `validates`: a keyword family,
 * or `compileSchema` itself for `type` (and OpenAPI's `nullable`, which widens it). A test holds
 * this to the registry: every such keyword is claimed once.
 */
export const KEYWORD_CLAIMS: ReadonlyArray<{ family: string; keywords: readonly string[] }> = [
  { family: "type", keywords: ["type", "nullable"] },
  ...KEYWORD_COMPILERS.map((compiler) => ({ family: compiler.family, keywords: compiler.keywords })),
];

/**
 * Subschemas with more nested schemas than this get functions of their own instead of being
 * inlined: a reviewer reads small functions, and TypeScript refuses control flow analysis of huge ones.
 */
const INLINE_LIMIT = 40;

export interface ValidatorInputs {
  /** Type name of each named schema. */
  names: ReadonlyMap<SchemaNode, string>;
  resolved: ResolvedSchemas;
  /** Whether `format` asserts (the default for users) or only annotates (the specification's default). */
  assertFormats: boolean;
  /** Named types that are `unknown`: their check functions return `boolean`, not a type predicate. */
  unknownTypes: ReadonlySet<string>;
  /** Subschemas whose functions one module declares for every module (see share.ts). */
  shared: SharedSubschemas;
  /** TypeScript (true) or JavaScript, whose types go to a `.d.ts` (see `CompiledValidators.declarations`). */
  typed: boolean;
}

export interface CompiledValidators {
  source: Code;
  /** Helpers and types used from `_runtime.ts`. */
  runtimeImports: Set<RuntimeName>;
  /** Names a helper or type of `_runtime.ts` and adds it to `runtimeImports`, for code written around the validators. */
  runtime: (name: RuntimeName) => Code;
  /** The format checks of `_formats.ts` the code calls. */
  formatChecks: ReadonlySet<FormatCheck>;
  /** Functions of other modules' named schemas that this module calls, by type name. */
  namedImports: Map<string, Set<string>>;
  /** `export declare function …;` of each exported function, for a JavaScript module's `.d.ts`. */
  declarations: Code[];
  /** The run-time types those declarations name. */
  declarationTypes: Set<RuntimeTypeName>;
}

/**
 * The return type of a check of type X: `value is X`, or `boolean` when X is `unknown`, which
 * cannot be a predicate's target (a false result would narrow the value to never).
 */
export function checkReturnType(typeName: string, isUnknown: boolean): Code {
  return isUnknown ? code`boolean` : code`value is ${identifier(typeName)}`;
}

/** The check and collect functions made of a base name (a type name, or a private one): `checkX`, `collectXErrors`. */
const CHECK_AFFIX: Affix = ["check", ""];
const COLLECT_AFFIX: Affix = ["collect", "Errors"];
const FUNCTION_AFFIXES = [CHECK_AFFIX, COLLECT_AFFIX];
const EVALUATED_AFFIX: Affix = ["evaluatedBy", ""];
/** The public functions emit-module wraps them in: `isX`, `validateX`, `assertX`, `XSchema`. */
const WRAPPER_AFFIXES = {
  is: ["is", ""],
  validate: ["validate", ""],
  assert: ["assert", ""],
  schema: ["", "Schema"],
} as const satisfies Record<string, Affix>;

export function functionNames(base: string | Name): { check: Code; collect: Code } {
  return { check: affixed(base, CHECK_AFFIX), collect: affixed(base, COLLECT_AFFIX) };
}

export function wrapperNames(typeName: string): Record<keyof typeof WRAPPER_AFFIXES, Code> {
  const name = (affix: Affix): Code => affixed(typeName, affix);
  return {
    is: name(WRAPPER_AFFIXES.is),
    validate: name(WRAPPER_AFFIXES.validate),
    assert: name(WRAPPER_AFFIXES.assert),
    schema: name(WRAPPER_AFFIXES.schema),
  };
}

/** The module-level names a named schema gives its module: its functions and their wrappers. */
function reserveOwnNames(moduleNames: ModuleNames, typeName: string): void {
  for (const [prefix, suffix] of [...FUNCTION_AFFIXES, EVALUATED_AFFIX, ...Object.values(WRAPPER_AFFIXES)]) {
    moduleNames.reserve(prefix + typeName + suffix);
  }
}

/**
 * Compiles the validators of the named schemas that live in one generated module. Each named
 * schema X gets `checkX` and `collectXErrors`; subschemas that need their own functions (anyOf
 * branches) get private ones named after X.
 */
export function compileValidators(named: readonly SchemaNode[], inputs: ValidatorInputs): CompiledValidators {
  const compiler = new ModuleCompiler(named, inputs);
  for (const node of named) compiler.compileNamed(node);
  compiler.compileShared();
  return compiler.finish();
}

/**
 * The state of one module's compilation: the names it reserved and made, what it imports, and the
 * constants and functions written so far. Keyword compilers see it as their `ModuleScope`.
 */
class ModuleCompiler implements ModuleScope {
  readonly assertFormats: boolean;
  readonly typed: boolean;
  private readonly declarations: Code[] = [];
  private readonly declarationTypes = new Set<RuntimeTypeName>();
  private readonly runtimeImports = new Set<RuntimeName>();
  private readonly formatChecks = new Set<FormatCheck>();
  /** Functions of other modules' named schemas that this module calls, by type name. */
  private readonly namedImports = new Map<string, Set<string>>();
  private readonly moduleNames = new ModuleNames();
  private readonly constants: Code[] = [];
  private readonly functions: Code[] = [];
  private readonly own: ReadonlySet<SchemaNode>;
  /** Private function pairs, by shape: `node` is where the first was made, if its collector takes a schema path. */
  private readonly privateFunctions = new Map<string, FunctionPair>();
  private readonly keyedConstants = new Map<string, Code>();
  private readonly privateEvaluated = new Map<SchemaNode, Code>();
  /** The module's first type name, which names it in the shared-subschema plan. */
  private readonly moduleTypeName: string;

  constructor(
    private readonly named: readonly SchemaNode[],
    private readonly inputs: ValidatorInputs,
  ) {
    this.assertFormats = inputs.assertFormats;
    this.typed = inputs.typed;
    this.own = new Set(named);
    this.moduleTypeName = this.typeName(named[0]!)!;
    for (const node of named) reserveOwnNames(this.moduleNames, this.typeName(node)!);
    for (const { baseName } of this.ownShared())
      for (const name of Object.values(functionNames(baseName))) this.moduleNames.reserve(name.text);
  }

  private ownShared(): readonly SharedSubschema[] {
    return this.inputs.shared.ownedBy(this.moduleTypeName);
  }

  /** The functions of the shared subschemas this module declares. */
  compileShared(): void {
    for (const { node, baseName } of this.ownShared()) this.emitFunctions(node, functionNames(baseName), { kind: "shared" });
  }

  /** The functions of a subschema shared across modules, imported when another module declares them. */
  private sharedFunctions(node: SchemaNode): FunctionPair | undefined {
    const shared = this.inputs.shared.of(node);
    if (shared === undefined) return undefined;
    const functions = functionNames(shared.baseName);
    if (shared.moduleTypeName !== this.moduleTypeName) this.importFrom(shared.moduleTypeName, Object.values(functions));
    return { ...functions, predicate: false, node };
  }

  private get resolved(): ResolvedSchemas {
    return this.inputs.resolved;
  }

  private typeName(node: SchemaNode): string | undefined {
    return this.inputs.names.get(node);
  }

  runtime(helper: RuntimeName): Code {
    this.runtimeImports.add(helper);
    return identifier(helper);
  }

  formatCheck(checker: FormatCheck): Code {
    this.formatChecks.add(checker);
    return code`${identifier(FORMATS_NAMESPACE)}.${identifier(checker)}`;
  }

  namedFunctions(node: SchemaNode): FunctionPair | undefined {
    const name = this.typeName(node);
    if (name === undefined) return undefined;
    const functions = functionNames(name);
    this.importNamed(node, functions.check, functions.collect);
    // JavaScript has no type predicates.
    return { ...functions, predicate: this.typed && !this.inputs.unknownTypes.has(name) };
  }

  defineFunction(doc: Code | undefined, exported: boolean, signature: Signature, body: Code): Code {
    const runtimeTypes = signature.runtimeTypes as readonly RuntimeTypeName[];
    if (this.typed) for (const name of runtimeTypes) this.runtimeImports.add(name);
    if (exported) {
      this.declarations.push(functionDeclaration(doc, signature));
      for (const name of runtimeTypes) this.declarationTypes.add(name);
    }
    return functionDefinition(doc, exported, signature, body, this.typed);
  }

  constant(hint: string, value: Code, { key }: { key?: string } = {}): Code {
    const existing = key === undefined ? undefined : this.keyedConstants.get(key);
    if (existing !== undefined) return existing;
    const name = this.moduleNames.name(hint.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase());
    this.constants.push(code`const ${name} = ${value};`);
    if (key !== undefined) this.keyedConstants.set(key, name);
    return name;
  }

  baseName(node: SchemaNode): string {
    return this.typeName(node) ?? this.privateBaseName(node);
  }

  pattern(pattern: string, dialect: Dialect): Code {
    // The lint refused patterns that are invalid in their dialect.
    const flags = patternFlags(pattern, dialect)!;
    return this.constant("pattern", pure(code`new RegExp(${pattern}, ${flags})`), { key: `pattern\0${flags}\0${pattern}` });
  }

  /** The check and collect functions of a named schema (and its `evaluatedBy…` when unevaluated* is in use). */
  compileNamed(node: SchemaNode): void {
    const typeName = this.typeName(node)!;
    this.emitFunctions(node, functionNames(typeName), { kind: "named", typeName });
    if (this.resolved.usesUnevaluated) {
      this.functions.push(evaluatedByFunction(affixed(typeName, EVALUATED_AFFIX), node, this.contextFor(this.evaluatedByScope()), true));
    }
  }

  finish(): CompiledValidators {
    for (const imported of this.namedImports.values()) for (const name of imported) this.moduleNames.reserve(name);
    this.moduleNames.resolve();
    return {
      source: joinCode([...this.constants, ...this.functions], "\n\n"),
      runtimeImports: this.runtimeImports,
      runtime: (name) => this.runtime(name),
      formatChecks: this.formatChecks,
      namedImports: this.namedImports,
      declarations: this.declarations,
      declarationTypes: this.declarationTypes,
    };
  }

  private importNamed(node: SchemaNode, ...functions: Code[]): void {
    if (!this.own.has(node)) this.importFrom(this.typeName(node)!, functions);
  }

  /** Imports `functions` from the module that declares the type `typeName`. */
  private importFrom(typeName: string, functions: readonly Code[]): void {
    const imported = this.namedImports.get(typeName) ?? new Set<string>();
    for (const fn of functions) imported.add(fn.text);
    this.namedImports.set(typeName, imported);
  }

  private contextFor(scope: LocalScope): CompileContext {
    return {
      module: this,
      scope,
      compileSubschema: (site) =>
        site.node.size > INLINE_LIMIT || this.inputs.shared.of(site.node) !== undefined
          ? [callStatement(this.subschemaFunctions(site.node), site, false, scope)]
          : this.compileSchema(site, scope, false),
      subschemaFunctions: (node) => this.subschemaFunctions(node),
      evaluatedFunction: (node) => this.evaluatedFunction(node),
      dynamicRefInitial: (node) => this.dynamicRefInitial(node),
    };
  }

  /** The statements validating the schema at `site`; a named schema's, other than the function's own, is a call. */
  private compileSchema(site: Site, scope: LocalScope, isFunctionRoot: boolean): Statement[] {
    const { node } = site;
    if (!isFunctionRoot) {
      const named = this.namedFunctions(node);
      if (named !== undefined) return [callStatement(named, site, false, scope)];
    }
    const { schema } = node;
    if (schema === true) return [];
    if (schema === false) {
      return [{ kind: "fail-if", condition: code`true`, failure: failure(site, "false schema", code`{}`) }];
    }
    const context = this.contextFor(scope);
    if (refOverridesSiblings(schema, dialectOf(node))) return refKeyword.compile(site, context)[0]!.statements;
    // Only the families with a keyword here: a compiler reads nothing but its own keywords.
    const fragments = KEYWORD_COMPILERS.filter((compiler) => compiler.keywords.some((keyword) => keyword in schema)).flatMap((compiler) =>
      compiler.compile(site, context),
    );
    const statements = arrangeByType(site, fragments, this);
    // OpenAPI 3.0's nullable: null passes, and the keywords check every other value.
    return allowsNull(schema, dialectOf(node)) && statements.length > 0
      ? [{ kind: "if", condition: compare(site.value, "!==", null), then: statements }]
      : statements;
  }

  /**
   * Writes the check and collect functions of `node`: a named schema's, a subschema's private pair,
   * or a subschema shared across modules (see share.ts), exported like a named schema's. A named
   * schema's collector reports its own schema path; the others take it as a parameter (a private
   * one only when its errors need it). Returns whether the collector takes it.
   */
  private emitFunctions(node: SchemaNode, { check, collect }: { check: Code; collect: Code }, owner: Owner): boolean {
    const root = this.compileRoot(node);
    const { statements } = root;
    const checkReturn =
      owner.kind === "named" ? checkReturnType(owner.typeName, this.inputs.unknownTypes.has(owner.typeName)) : code`boolean`;
    const checkBody = root.scoped(code`${render(statements, "check")}\nreturn true;`);
    const doc =
      owner.kind === "named"
        ? `Whether \`value\` is a valid ${owner.typeName}: the recursive check that \`is${owner.typeName}\` guards.`
        : `Whether \`value\` matches the schema at #${node.pointer}${owner.kind === "shared" ? ", and every schema of its shape" : ""}.`;
    const signature = { name: check, parameters: [VALUE_PARAMETER], returns: checkReturn, runtimeTypes: [] };
    // Flat: until names are resolved, a function is kept as text and names, not the code built for it.
    this.functions.push(
      this.defineFunction(docComment(doc), owner.kind !== "private", signature, checkBody).flat(),
      this.collector(node, collect, owner, root),
    );
    return takesSchemaPath(owner, root.scope);
  }

  /** The statements of a function validating `node`, its locals, and the wrapper of its body (see `dynamicScopeEntry`). */
  private compileRoot(node: SchemaNode): CompiledRoot {
    const scope = this.moduleNames.localScope(["value", "instancePath", "errors", "schemaPath"], `#${node.pointer}`);
    const statements = this.compileSchema({ node, value: code`value`, path: [code`instancePath`] }, scope, true);
    return { scope, statements, scoped: this.dynamicScopeEntry(node, scope) };
  }

  /**
   * The collector of `node`: a named schema's reports its own schema path; a private one takes it
   * as a parameter when its errors need it, a shared one always, so equal subschemas share it.
   */
  private collector(node: SchemaNode, collect: Code, owner: Owner, { scope, statements, scoped }: CompiledRoot): Code {
    const collected = render(statements, {
      pushError: () => this.runtime("pushError"),
      typeError: () => this.runtime("typeError"),
      schemaPath: (absolute) => schemaPathExpression(scope, absolute),
    });
    const named = owner.kind === "named";
    const ownPath = named && scope.usesSchemaPath ? code`const schemaPath = ${`#${node.pointer}`};\n` : code``;
    const body = scoped(code`${ownPath}${collected}`);
    // A private collector's name says what it is; its pair's check says where its schema is.
    const doc =
      owner.kind === "private"
        ? undefined
        : docComment(`Appends to \`errors\` every reason why \`value\` does not match ${named ? owner.typeName : "its schema"}.`);
    const parameters = [
      VALUE_PARAMETER,
      { name: "instancePath", type: code`string` },
      { name: "errors", type: code`${identifier("ValidationError")}[]` },
      ...(takesSchemaPath(owner, scope) ? [{ name: "schemaPath", type: code`string` }] : []),
    ];
    const signature = { name: collect, parameters, returns: code`void`, runtimeTypes: ["ValidationError"] };
    return this.defineFunction(doc, owner.kind !== "private", signature, body).flat();
  }

  /** The `evaluatedBy…` function of a named schema, imported when it lives in another module. */
  private namedEvaluated(node: SchemaNode): Code | undefined {
    const name = this.typeName(node);
    if (name === undefined) return undefined;
    const evaluated = affixed(name, EVALUATED_AFFIX);
    this.importNamed(node, evaluated);
    return evaluated;
  }

  private evaluatedFunction(node: SchemaNode): Code {
    const named = this.namedEvaluated(node) ?? (isPlainRef(node) ? this.namedEvaluated(node.ref) : undefined);
    if (named !== undefined) return named;
    const existing = this.privateEvaluated.get(node);
    if (existing !== undefined) return existing;
    const name = affixed(this.moduleNames.name(this.privateBaseName(node), [EVALUATED_AFFIX]), EVALUATED_AFFIX);
    this.privateEvaluated.set(node, name);
    this.functions.push(evaluatedByFunction(name, node, this.contextFor(this.evaluatedByScope()), false));
    return name;
  }

  private subschemaFunctions(node: SchemaNode): FunctionPair {
    const named = this.namedFunctions(node) ?? (isPlainRef(node) ? this.namedFunctions(node.ref) : undefined);
    if (named !== undefined) return named;
    const shared = this.sharedFunctions(node);
    if (shared !== undefined) return shared;
    const shape = this.inputs.shared.shapes.of(node);
    let pair = this.privateFunctions.get(shape);
    if (pair === undefined) {
      const names = functionNames(this.moduleNames.name(this.privateBaseName(node), FUNCTION_AFFIXES));
      pair = { ...names, predicate: false };
      this.privateFunctions.set(shape, pair);
      if (this.emitFunctions(node, names, { kind: "private" })) pair.node = node;
    }
    return pair.node === undefined ? pair : { ...pair, node };
  }

  /** The functions of an entry of the dynamic scope: `{ check, collect }`, with `evaluated` when unevaluated* is in use. */
  private dynamicScopeFunctions(node: SchemaNode): Code {
    const functions = this.namedFunctions(node)!;
    const evaluated = this.resolved.usesUnevaluated ? code`, evaluated: ${this.namedEvaluated(node)!}` : code``;
    return code`{ check: ${functions.check}, collect: ${functions.collect}${evaluated} }`;
  }

  private dynamicRefInitial(node: SchemaNode): Code {
    return this.constant("dynamicRefInitial", this.dynamicScopeFunctions(node));
  }

  /**
   * A function body wrapper: code in a schema resource that declares dynamic anchors puts them in
   * the dynamic scope while it runs, where `$dynamicRef`/`$recursiveRef` look for them.
   */
  private dynamicScopeEntry(node: SchemaNode, functionScope: LocalScope): (body: Code) => Code {
    const anchors = isSchemaObject(node.schema) ? this.resolved.dynamicAnchors.get(node.baseUri) : undefined;
    if (anchors === undefined || anchors.size === 0) return (body) => body;
    const entries = [...anchors].map(([anchor, target]) => code`${anchor}: ${this.dynamicScopeFunctions(target)}`);
    const scope = this.constant("dynamicAnchors", code`{ ${joinCode(entries, ", ")} }`);
    const depth = functionScope.local("scopeDepth");
    return (body) =>
      code`const ${depth} = ${this.runtime("enterDynamicScope")}(${scope});\ntry {\n${body}\n} finally {\n${this.runtime("leaveDynamicScope")}(${depth});\n}`;
  }

  private privateBaseName(node: SchemaNode): string {
    return subschemaBaseName(node, this.named, this.inputs.names);
  }

  /** The scope of an `evaluatedBy…` function. */
  private evaluatedByScope(): LocalScope {
    return this.moduleNames.localScope(["value", "includeUnevaluated"]);
  }
}

/** Whose functions are written: a named schema's, a subschema's private ones, or those of a subschema shared across modules. */
type Owner = { kind: "named"; typeName: string } | { kind: "private" } | { kind: "shared" };

/** Whether the collector takes its schema path as a parameter: a shared one always, a private one when it reads it. */
function takesSchemaPath(owner: Owner, scope: LocalScope): boolean {
  return owner.kind === "shared" || (owner.kind === "private" && scope.usesSchemaPath);
}

const VALUE_PARAMETER: Parameter = { name: "value", type: code`unknown` };

interface CompiledRoot {
  scope: LocalScope;
  statements: Statement[];
  scoped: (body: Code) => Code;
}

/**
 * Puts the fragments of a schema's keywords in order: the `type` check first, with the keywords of
 * its single instance type under it; then the keywords for any type; then those for each other
 * instance type, under that type's guard.
 */
function arrangeByType(site: Site, fragments: readonly Fragment[], module: ModuleScope): Statement[] {
  const { node } = site;
  const untyped = fragments.filter((fragment) => fragment.instanceType === undefined).flatMap((fragment) => fragment.statements);
  const types = declaredTypes(node.schema);
  const possible = possibleTypes(narrowingOf(node));
  // Keywords run under the type guard only when it is exactly their instance type: a number such as
  // 200.5 fails `type: integer` and is still checked by `format: int32`, as each keyword applies on its own.
  const single = types?.length === 1 && types[0] !== "integer" ? instanceTypeOf(types[0]!) : undefined;
  let guarded: Statement[] = [];
  const groups: Statement[] = [];
  for (const instanceType of INSTANCE_TYPES) {
    const statements = fragments.filter((fragment) => fragment.instanceType === instanceType).flatMap((fragment) => fragment.statements);
    if (statements.length === 0) continue;
    const group: Statement = { kind: "if", condition: typeCondition(instanceType, site.value, module), then: statements };
    // Keywords for a type that `type`, `enum` or `$ref` rule out cannot change the verdict, but
    // their errors are reported as ajv reports them (with `allErrors`), beside the failure that rules it out.
    if (!possible.has(instanceType)) groups.push({ kind: "by-mode", check: [], collect: [group] });
    else if (instanceType === single) guarded = statements;
    else groups.push(group);
  }
  const typeStatements = types === undefined ? [] : [typeGuard(site, types, module, guarded)];
  const statements = [...typeStatements, ...untyped, ...groups];
  // Contradicting keywords (`type: object` with `const: 1`): nothing passes.
  return possible.size === 0 ? [{ kind: "by-mode", check: [{ kind: "return-false" }], collect: statements }] : statements;
}
