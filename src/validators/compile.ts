import { DEFAULT_DIALECT, refOverridesSiblings } from "../dialect.js";
import { parsePointer } from "../json-pointer.js";
import { pascalCase } from "../name.js";
import { locationKey, type SchemaLocation } from "../graph.js";
import type { ResolvedSchemas } from "../resolve.js";
import { isSchemaObject, schemaSize, type Schema } from "../schema-walk.js";
import { type Affix, affixed, Code, code, docComment, identifier, joinCode, type Name } from "./code.js";
import {
  callStatement,
  failure,
  FORMATS_NAMESPACE,
  isPlainRef,
  ModuleNames,
  type CompileContext,
  type Fragment,
  type FunctionPair,
  type InstanceType,
  type KeywordCompiler,
  type LocalScope,
  type ModuleScope,
  type RuntimeName,
  type SchemaNode,
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
import { declaredTypes, instanceTypeOf, possibleTypes, typeCondition, typeGuard } from "./keywords/type.js";
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
  /** Type name of each named location, by `locationKey`. */
  names: ReadonlyMap<string, string>;
  resolved: ResolvedSchemas;
  /** Whether `format` asserts (the default for users) or only annotates (the specification's default). */
  assertFormats: boolean;
  /** Named types that are `unknown`: their check functions return `boolean`, not a type predicate. */
  unknownTypes: ReadonlySet<string>;
}

export interface CompiledValidators {
  source: Code;
  /** Helpers and types used from `_runtime.ts`. */
  runtimeImports: Set<RuntimeName>;
  /** Names a helper or type of `_runtime.ts` and adds it to `runtimeImports`, for code written around the validators. */
  runtime: (name: RuntimeName) => Code;
  /** Whether the code calls format checks from `_formats.ts`. */
  usesFormats: boolean;
  /** Functions of other modules' named schemas that this module calls, by type name. */
  namedImports: Map<string, Set<string>>;
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
 * schema X gets `isX` and `collectXErrors`; subschemas that need their own functions (anyOf
 * branches) get private ones named after X.
 */
export function compileValidators(locations: readonly SchemaLocation[], inputs: ValidatorInputs): CompiledValidators {
  const { names, resolved } = inputs;
  const runtimeImports = new Set<RuntimeName>();
  let usesFormats = false;
  const namedImports = new Map<string, Set<string>>();
  const importNamed = (location: SchemaLocation, ...functions: Code[]): void => {
    const name = names.get(locationKey(location))!;
    if (ownKeys.has(locationKey(location))) return;
    const imported = namedImports.get(name) ?? new Set<string>();
    for (const fn of functions) imported.add(fn.text);
    namedImports.set(name, imported);
  };
  const privateEvaluated = new Map<string, Code>();
  const moduleNames = new ModuleNames();
  const constants: Code[] = [];
  const functions: Code[] = [];
  const ownKeys = new Set(locations.map(locationKey));
  const privateFunctions = new Map<string, FunctionPair>();

  for (const location of locations) reserveOwnNames(moduleNames, names.get(locationKey(location))!);

  const module: ModuleScope = {
    runtime(helper) {
      runtimeImports.add(helper);
      return identifier(helper);
    },
    formatCheck(checker) {
      usesFormats = true;
      return code`${identifier(FORMATS_NAMESPACE)}.${identifier(checker)}`;
    },
    namedFunctions(location) {
      const name = names.get(locationKey(location));
      if (name === undefined) return undefined;
      const functions = functionNames(name);
      importNamed(location, functions.check, functions.collect);
      return { ...functions, predicate: !inputs.unknownTypes.has(name) };
    },
    refTarget: (schema) => resolved.graph.nodeOf(schema)?.ref,
    facts: (schema) => resolved.graph.nodeOf(schema),
    dynamicRef: (schema) => resolved.graph.nodeOf(schema)?.dynamicRef,
    dialectOf(location) {
      // A boolean schema has no `$schema` of its own to say otherwise: the default, as the keywords expect.
      const node = resolved.graph.nodeAt(location);
      return typeof node.schema === "boolean" ? DEFAULT_DIALECT : node.dialect;
    },
    assertFormats: inputs.assertFormats,
    constant(hint, value) {
      const name = moduleNames.name(hint.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase());
      constants.push(code`const ${name} = ${value};`);
      return name;
    },
  };

  const compileSchema = (node: SchemaNode, scope: LocalScope, isFunctionRoot: boolean): Statement[] => {
    if (!isFunctionRoot) {
      const named = module.namedFunctions(node.location);
      if (named !== undefined) return [callStatement(named, node, false)];
    }
    const { schema } = node;
    if (schema === true) return [];
    if (schema === false) {
      return [{ kind: "fail-if", condition: code`true`, failure: failure(node, "false schema", code`{}`, "boolean schema is false", "") }];
    }
    const context = contextFor(scope);
    if (refOverridesSiblings(schema, module.dialectOf(node.location))) {
      return refKeyword.compile(node, context)[0]!.statements;
    }
    // Only the families with a keyword here: a compiler reads nothing but its own keywords.
    const fragments: Fragment[] = KEYWORD_COMPILERS.filter((compiler) => compiler.keywords.some((keyword) => keyword in schema)).flatMap(
      (compiler) => compiler.compile(node, context),
    );
    const untyped = fragments.filter((fragment) => fragment.instanceType === undefined).flatMap((fragment) => fragment.statements);
    const dialect = module.dialectOf(node.location);
    const types = declaredTypes(schema, dialect);
    const possible = possibleTypes(schema, dialect, context);
    // Keywords run under the type guard only when it is exactly their instance type: a number such as
    // 200.5 fails `type: integer` and is still checked by `format: int32`, as each keyword applies on its own.
    const single = types?.length === 1 && types[0] !== "integer" ? instanceTypeOf(types[0]!) : undefined;
    let guarded: Statement[] = [];
    const groups: Statement[] = [];
    for (const instanceType of INSTANCE_TYPES) {
      const statements = fragments.filter((fragment) => fragment.instanceType === instanceType).flatMap((fragment) => fragment.statements);
      if (statements.length === 0) continue;
      const group: Statement = { kind: "if", condition: typeCondition(instanceType, node.value, module), then: statements };
      // Keywords for a type that `type`, `enum` or `$ref` rule out cannot change the verdict, but
      // their errors are reported as ajv reports them (with `allErrors`), beside the failure that rules it out.
      if (!possible.has(instanceType)) groups.push({ kind: "by-mode", check: [], collect: [group] });
      else if (instanceType === single) guarded = statements;
      else groups.push(group);
    }
    const typeStatements = types === undefined ? [] : [typeGuard(node, types, module, guarded)];
    const statements = [...typeStatements, ...untyped, ...groups];
    // Contradicting keywords (`type: object` with `const: 1`): nothing passes.
    return possible.size === 0 ? [{ kind: "by-mode", check: [{ kind: "return-false" }], collect: statements }] : statements;
  };

  const emitFunctions = (
    typeName: string | undefined,
    { check, collect }: { check: Code; collect: Code },
    schema: Schema,
    location: SchemaLocation,
    exported: boolean,
  ): void => {
    const root: SchemaNode = { schema, location, value: code`value`, path: [code`instancePath`] };
    const scope = moduleNames.localScope(["value", "instancePath", "errors"]);
    const statements = compileSchema(root, scope, true);
    const exportKeyword = new Code(exported ? "export " : "");
    const checkReturn = typeName === undefined ? code`boolean` : checkReturnType(typeName, inputs.unknownTypes.has(typeName));
    const scoped = dynamicScopeEntry(schema, scope);
    const checkBody = scoped(code`${render(statements, "check")}\nreturn true;`);
    const collectBody = scoped(render(statements, "collect"));
    // Flat: until names are resolved, a function is kept as text and names, not the code built for it.
    functions.push(
      code`${docComment(exported ? `Whether \`value\` is a valid ${typeName}: the recursive check that \`is${typeName}\` guards.` : `Whether \`value\` matches the schema at #${location.pointer}.`)}
${exportKeyword}function ${check}(value: unknown): ${checkReturn} {\n${checkBody}\n}`.flat(),
      code`${docComment(`Appends to \`errors\` every reason why \`value\` does not match${exported ? ` ${typeName}` : ` #${location.pointer}`}.`)}
${exportKeyword}function ${collect}(value: unknown, instancePath: string, errors: ${module.runtime("ValidationError")}[]): void {\n${collectBody}\n}`.flat(),
    );
  };

  const schemaAt = (location: SchemaLocation): Schema => resolved.graph.nodeAt(location).schema;

  function contextFor(scope: LocalScope): CompileContext {
    return {
      module,
      scope,
      compileSubschema: (child) =>
        schemaSize(child.schema) > INLINE_LIMIT
          ? [callStatement(subschemaFunctions(child.schema, child.location), child, false)]
          : compileSchema(child, scope, false),
      subschemaFunctions,
      evaluatedFunction,
      dynamicRefInitial,
      schemaAt,
    };
  }

  /** The `evaluatedBy…` function of a named schema, imported when it lives in another module. */
  function namedEvaluated(location: SchemaLocation): Code | undefined {
    const name = names.get(locationKey(location));
    if (name === undefined) return undefined;
    const evaluated = affixed(name, EVALUATED_AFFIX);
    importNamed(location, evaluated);
    return evaluated;
  }

  function evaluatedFunction(schema: Schema, location: SchemaLocation): Code {
    const named = namedEvaluated(location);
    if (named !== undefined) return named;
    if (isSchemaObject(schema) && isPlainRef(schema)) {
      const target = resolved.graph.nodeOf(schema)?.ref;
      if (target !== undefined) return namedEvaluated(target)!;
    }
    const existing = privateEvaluated.get(locationKey(location));
    if (existing !== undefined) return existing;
    const name = affixed(moduleNames.name(privateBaseName(location), [EVALUATED_AFFIX]), EVALUATED_AFFIX);
    privateEvaluated.set(locationKey(location), name);
    functions.push(evaluatedByFunction(name, schema, location, contextFor(evaluatedByScope()), false));
    return name;
  }

  function dynamicRefInitial(location: SchemaLocation): Code {
    const functions = module.namedFunctions(location)!;
    const evaluated = resolved.usesUnevaluated ? code`, evaluated: ${namedEvaluated(location)!}` : code``;
    return module.constant("dynamicRefInitial", code`{ check: ${functions.check}, collect: ${functions.collect}${evaluated} }`);
  }

  /**
   * A function body wrapper: code in a schema resource that declares dynamic anchors puts them in
   * the dynamic scope while it runs, where `$dynamicRef`/`$recursiveRef` look for them.
   */
  function dynamicScopeEntry(schema: Schema, functionScope: LocalScope): (body: Code) => Code {
    const baseUri = isSchemaObject(schema) ? resolved.graph.nodeOf(schema)?.baseUri : undefined;
    const anchors = baseUri === undefined ? undefined : resolved.dynamicAnchors.get(baseUri);
    if (anchors === undefined || anchors.size === 0) return (body) => body;
    const entries = [...anchors].map(([anchor, location]) => {
      const functions = module.namedFunctions(location)!;
      const evaluated = resolved.usesUnevaluated ? code`, evaluated: ${namedEvaluated(location)!}` : code``;
      return code`${anchor}: { check: ${functions.check}, collect: ${functions.collect}${evaluated} }`;
    });
    const scope = module.constant("dynamicAnchors", code`{ ${joinCode(entries, ", ")} }`);
    const depth = functionScope.local("scopeDepth");
    return (body) =>
      code`const ${depth} = ${module.runtime("enterDynamicScope")}(${scope});\ntry {\n${body}\n} finally {\n${module.runtime("leaveDynamicScope")}(${depth});\n}`;
  }

  function subschemaFunctions(schema: Schema, location: SchemaLocation): FunctionPair {
    const named = module.namedFunctions(location);
    if (named !== undefined) return named;
    if (isSchemaObject(schema) && isPlainRef(schema)) {
      const target = resolved.graph.nodeOf(schema)?.ref;
      if (target !== undefined) return module.namedFunctions(target)!;
    }
    const existing = privateFunctions.get(locationKey(location));
    if (existing !== undefined) return existing;
    const pair = { ...functionNames(moduleNames.name(privateBaseName(location), FUNCTION_AFFIXES)), predicate: false };
    privateFunctions.set(locationKey(location), pair);
    emitFunctions(undefined, pair, schema, location, false);
    return pair;
  }

  /** `<Owner>_<Path>` for a subschema's private functions: named after the closest named schema containing it. */
  function privateBaseName(location: SchemaLocation): string {
    const owner = locations
      .filter((candidate) => candidate.document === location.document && (location.pointer + "/").startsWith(candidate.pointer + "/"))
      .reduce((best, candidate) => (candidate.pointer.length > best.pointer.length ? candidate : best));
    const relative = parsePointer(location.pointer.slice(owner.pointer.length)).filter((token) => token !== "properties");
    // The underscore keeps private names apart from named schemas' (type names have none).
    return `${names.get(locationKey(owner))!}_${pascalCase(relative.join(" "))}`;
  }

  /** The scope of an `evaluatedBy…` function. */
  function evaluatedByScope(): LocalScope {
    return moduleNames.localScope(["value", "includeUnevaluated"]);
  }

  for (const location of locations) {
    const typeName = names.get(locationKey(location))!;
    emitFunctions(typeName, functionNames(typeName), schemaAt(location), location, true);
    if (resolved.usesUnevaluated) {
      functions.push(
        evaluatedByFunction(affixed(typeName, EVALUATED_AFFIX), schemaAt(location), location, contextFor(evaluatedByScope()), true),
      );
    }
  }
  for (const imported of namedImports.values()) for (const name of imported) moduleNames.reserve(name);
  moduleNames.resolve();
  return {
    source: joinCode([...constants, ...functions], "\n\n"),
    runtimeImports,
    runtime: (name) => module.runtime(name),
    usesFormats,
    namedImports,
  };
}
