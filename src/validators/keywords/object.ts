import { atLeast, refOverridesSiblings } from "../../dialect.js";
import { escapePointerToken } from "../../json-pointer.js";
import { isSchemaObject, type SchemaObject } from "../../schema-walk.js";
import { call, type Code, code, compare, joinCode, negate, not, or, pure } from "../code.js";
import type { SchemaNode } from "../../graph.js";
import {
  callStatement,
  childNode,
  dialectOf,
  failure,
  pathExpression,
  schemaPathExpression,
  type CompileContext,
  type KeywordCompiler,
  type Site,
} from "../context.js";
import type { FailureSpec, Statement, SwitchCase } from "../statements.js";
import { declaredTypes } from "./type.js";
import { acceptsEverything, numberValue, ownProperty, subschemaNode } from "./shared.js";

/** `patternProperties`: its patterns (checked), their schemas, and their RegExp constants, hoisted on first use. */
interface PatternProperty {
  pattern: string;
  node: SchemaNode;
  regExp: () => Code;
}

function patternPropertiesOf(site: Site, schema: SchemaObject, context: CompileContext): PatternProperty[] {
  const patternProperties = schema["patternProperties"];
  if (!isSchemaObject(patternProperties)) return [];
  return Object.keys(patternProperties).map((pattern) => ({
    pattern,
    node: childNode(site.node, "patternProperties", pattern),
    regExp: () => context.module.pattern(pattern, dialectOf(site.node)),
  }));
}

/** A pattern of `patternProperties` whose schema checks something, with the statements checking a matching property. */
interface PatternCheck {
  pattern: PatternProperty;
  then: Statement[];
}

/** Every property whose name matches a pattern is validated against that pattern's schema. */
function patternChecks(site: Site, context: CompileContext, patterns: readonly PatternProperty[], key: Code): PatternCheck[] {
  const found: PatternCheck[] = [];
  for (const pattern of patterns) {
    const { node } = pattern;
    if (acceptsEverything(node.schema)) continue;
    const local = context.scope.local("patternValue");
    const checks = context.compileSubschema({
      node,
      value: local,
      path: [...site.path, "/", code`${context.module.runtime("pointerToken")}(${key})`],
    });
    if (checks.length === 0) continue;
    found.push({ pattern, then: [{ kind: "const", name: local, value: code`${site.value}[${key}]` }, ...checks] });
  }
  return found;
}

/** `propertyNames`: each property name is validated as a string; ajv's errors, with the inner ones marked with the name. */
function propertyNamesStatements(site: Site, context: CompileContext): Statement[] {
  if (!atLeast(dialectOf(site.node), "draft-06")) return [];
  const names = subschemaNode(site, "propertyNames");
  if (names === undefined || acceptsEverything(names.schema)) return [];
  const functions = context.subschemaFunctions(names);
  const key = context.scope.local("key");
  const start = context.scope.local("start");
  const fail = failure(site, "propertyNames", code`{ propertyName: ${key} }`);
  const failed = negate(call(functions.check, key));
  const report: Statement[] = [
    { kind: "const", name: start, value: code`errors.length` },
    callStatement(functions, { ...site, value: key }, false, context.scope),
    { kind: "snippet", code: code`${call(context.module.runtime("markPropertyName"), code`errors`, start, key)};` },
    { kind: "fail", failure: fail },
  ];
  return [
    {
      kind: "loop",
      header: code`for (const ${key} of Object.keys(${site.value}))`,
      body: [{ kind: "compound", failed, collect: [{ kind: "if", condition: failed, then: report }] }],
    },
  ];
}

/** `minProperties` and `maxProperties`. */
function propertyCountStatements(site: Site): Statement[] {
  const statements: Statement[] = [];
  const minProperties = numberValue(site, "minProperties");
  if (minProperties !== undefined && minProperties > 0) {
    statements.push({
      kind: "fail-if",
      condition: compare(code`Object.keys(${site.value}).length`, "<", minProperties),
      failure: failure(site, "minProperties", code`{ limit: ${minProperties} }`),
    });
  }
  const maxProperties = numberValue(site, "maxProperties");
  if (maxProperties !== undefined) {
    statements.push({
      kind: "fail-if",
      condition: compare(code`Object.keys(${site.value}).length`, ">", maxProperties),
      failure: failure(site, "maxProperties", code`{ limit: ${maxProperties} }`),
    });
  }
  return statements;
}

/** `dependentRequired`, or the array form of `dependencies`: each missing property is an error of `keyword`, as in ajv. */
function dependentRequiredStatements(site: Site, keyword: string, dependencies: ReadonlyMap<string, string[]>): Statement[] {
  const statements: Statement[] = [];
  for (const [property, required] of dependencies) {
    if (required.length === 0) continue;
    const deps = required.join(", ");
    statements.push({
      kind: "if",
      condition: compare(ownProperty(site.value, property), "!==", code`undefined`),
      then: required.map((missing) => ({
        kind: "fail-if",
        condition: compare(ownProperty(site.value, missing), "===", code`undefined`),
        failure: failure(
          site,
          keyword,
          code`{ property: ${property}, missingProperty: ${missing}, depsCount: ${required.length}, deps: ${deps} }`,
        ),
      })),
    });
  }
  return statements;
}

/** `dependentSchemas`, or the schema form of `dependencies` (for `properties`): the schema applies to the object when the property is present. */
function dependentSchemaStatements(site: Site, context: CompileContext, keyword: string, properties: readonly string[]): Statement[] {
  const statements: Statement[] = [];
  for (const property of properties) {
    const node = childNode(site.node, keyword, property);
    if (acceptsEverything(node.schema)) continue;
    const functions = context.subschemaFunctions(node);
    statements.push({
      kind: "if",
      condition: compare(ownProperty(site.value, property), "!==", code`undefined`),
      then: [callStatement(functions, site, true, context.scope)],
    });
  }
  return statements;
}

/** `dependentRequired` and `dependentSchemas` (2019-09 on), and `dependencies` (as ajv, in every dialect). */
function dependencyStatements(site: Site, schema: SchemaObject, context: CompileContext): Statement[] {
  const statements: Statement[] = [];
  const split = atLeast(dialectOf(site.node), "2019-09");
  const dependentRequired = split ? schema["dependentRequired"] : undefined;
  // The lint checked both: objects of property-name arrays (and, for `dependencies`, schemas).
  if (isSchemaObject(dependentRequired)) {
    const required = new Map(Object.entries(dependentRequired as Record<string, string[]>));
    statements.push(...dependentRequiredStatements(site, "dependentRequired", required));
  }
  const dependentSchemas = split ? schema["dependentSchemas"] : undefined;
  if (isSchemaObject(dependentSchemas)) {
    statements.push(...dependentSchemaStatements(site, context, "dependentSchemas", Object.keys(dependentSchemas)));
  }
  const dependencies = schema["dependencies"];
  if (isSchemaObject(dependencies)) {
    const required = new Map<string, string[]>();
    const schemas: string[] = [];
    for (const [property, value] of Object.entries(dependencies)) {
      if (Array.isArray(value)) required.set(property, value as string[]);
      else schemas.push(property);
    }
    statements.push(
      ...dependentRequiredStatements(site, "dependencies", required),
      ...dependentSchemaStatements(site, context, "dependencies", schemas),
    );
  }
  return statements;
}

/**
 * Whether the compiled check of a property's schema begins with its `type` check, which no missing
 * (undefined) value passes: the schema declares types, and no older dialect's `$ref` makes it ignore them.
 */
function checksTypeFirst(node: SchemaNode): boolean {
  const { schema } = node;
  if (!isSchemaObject(schema)) return false;
  const dialect = dialectOf(node);
  if (refOverridesSiblings(schema, dialect)) return false;
  const types = declaredTypes(schema);
  return types !== undefined && types.length > 0;
}

/**
 * `required`: a failure for each missing property. A collector with several, when one is missing,
 * reports them with a module-level list of their names (`collectRequired` in the run-time).
 */
function requiredStatements(
  site: Site,
  context: CompileContext,
  required: readonly string[],
  typeChecksMissing: ReadonlySet<string>,
): Statement[] {
  const values = required.map((name) => ownProperty(site.value, name));
  const conditions = values.map((value) => compare(value, "===", code`undefined`));
  const missing = required.map((name, index): Statement => ({
    kind: "fail-if",
    condition: conditions[index]!,
    failure: failure(site, "required", code`{ missingProperty: ${name} }`),
  }));
  const checks = missing.filter((_, index) => !typeChecksMissing.has(required[index]!));
  if (required.length < 2) return [{ kind: "by-mode", check: checks, collect: missing }];
  const { module } = context;
  const baseName = module.baseName(site.node);
  const list = module.constant(`${baseName}Required`, code`${required}`, { key: `required ${JSON.stringify(required)}` });
  const schemaPath = schemaPathExpression(context.scope, `#${site.node.pointer}`);
  const report = (read: Code): Statement => ({
    kind: "snippet",
    code: code`${call(module.runtime("collectRequired"), read, list, pathExpression(site.path), code`errors`, schemaPath)};`,
  });
  // Properties are read by their known names, as the check reads them (a read by a computed name is
  // several times slower); the list gives the names of the missing ones. The call runs only when one
  // is missing. A long list is tested with `includes`: tsc's narrowing of an `a === undefined || …`
  // chain costs about the square of its length, and that of what follows it in the collector more;
  // a short one with the chain, which allocates nothing.
  const valueList = code`[${joinCode(values, ", ")}]`;
  if (required.length <= INLINE_REQUIRED_TEST) {
    const anyMissing: Statement = { kind: "if", condition: or(...conditions), then: [report(valueList)] };
    return [{ kind: "by-mode", check: checks, collect: [anyMissing] }];
  }
  const read = context.scope.local("requiredValues");
  const readAll: Statement = { kind: "const", name: read, value: valueList };
  const anyMissing: Statement = { kind: "if", condition: call(code`${read}.includes`, code`undefined`), then: [report(read)] };
  return [{ kind: "by-mode", check: checks, collect: [readAll, anyMissing] }];
}

/** The longest `required` list whose collector tests each property for a missing one (see `requiredStatements`). */
const INLINE_REQUIRED_TEST = 12;

/** A declared property's statements: its read, then its check. */
interface PropertyCheck {
  name: string;
  required: boolean;
  statements: Statement[];
}

/** `required` and `properties`: each required property is present, and each present property valid. */
function propertyStatements(
  site: Site,
  context: CompileContext,
  properties: readonly string[],
): { required: Statement[]; checks: PropertyCheck[] } {
  const { schema } = site.node as { schema: SchemaObject };
  const required = Array.isArray(schema["required"]) ? (schema["required"] as string[]) : [];
  const nodes = new Map(properties.map((name) => [name, childNode(site.node, "properties", name)]));
  // A boolean check needs no separate test for a missing required property whose schema starts
  // with a `type` check: `undefined` has no JSON type, so that check fails on it (one read, not two).
  const typeChecksMissing = new Set(required.filter((name) => nodes.has(name) && checksTypeFirst(nodes.get(name)!)));
  const requiredChecks = requiredStatements(site, context, required, typeChecksMissing);
  const checks: PropertyCheck[] = [];
  for (const [name, node] of nodes) {
    if (node.schema === true) continue;
    const local = context.scope.local(name);
    const body = context.compileSubschema({ node, value: local, path: [...site.path, `/${escapePointerToken(name)}`] });
    if (body.length === 0) continue;
    const present: Statement = { kind: "if", condition: compare(local, "!==", code`undefined`), then: body };
    checks.push({
      name,
      required: required.includes(name),
      statements: [
        { kind: "const", name: local, value: ownProperty(site.value, name) },
        typeChecksMissing.has(name) ? { kind: "by-mode", check: body, collect: [present] } : present,
      ],
    });
  }
  return { required: requiredChecks, checks };
}

/** `additionalProperties`: what applies to a property that neither `properties` nor `patternProperties` names. */
type Additional = { kind: "forbidden"; failure: FailureSpec } | { kind: "schema"; statements: Statement[] };

function additionalOf(site: Site, context: CompileContext, key: Code): Additional | undefined {
  const additional = subschemaNode(site, "additionalProperties");
  if (additional === undefined || additional.schema === true) return undefined;
  if (additional.schema === false) {
    return { kind: "forbidden", failure: failure(site, "additionalProperties", code`{ additionalProperty: ${key} }`) };
  }
  const local = context.scope.local("propertyValue");
  const body = context.compileSubschema({
    node: additional,
    value: local,
    path: [...site.path, "/", code`${context.module.runtime("pointerToken")}(${key})`],
  });
  if (body.length === 0) return undefined;
  return { kind: "schema", statements: [{ kind: "const", name: local, value: code`${site.value}[${key}]` }, ...body] };
}

/** The statements for a property that is additional unless one of `named` (tests of its name) holds. */
function additionalStatements(additional: Additional, named: readonly Code[]): Statement[] {
  if (additional.kind === "forbidden") {
    if (named.length === 0) return [{ kind: "fail", failure: additional.failure }];
    return [{ kind: "fail-if", condition: not(or(...named)), failure: additional.failure }];
  }
  return [...(named.length === 0 ? [] : [{ kind: "continue-if", condition: or(...named) } as const]), ...additional.statements];
}

/** What a loop over an object's keys checks: `patternProperties` (the patterns whose schema checks something) and `additionalProperties`. */
interface KeyLoop {
  key: Code;
  patterns: readonly PatternProperty[];
  checks: PatternCheck[];
  additional: Additional | undefined;
  test: (pattern: PatternProperty) => Code;
}

function keyLoopOf(site: Site, context: CompileContext, patterns: readonly PatternProperty[]): KeyLoop | undefined {
  const additionalNode = subschemaNode(site, "additionalProperties");
  if (patterns.every(({ node }) => acceptsEverything(node.schema)) && (additionalNode === undefined || additionalNode.schema === true))
    return undefined;
  const key = context.scope.local("key");
  const checks = patternChecks(site, context, patterns, key);
  const additional = additionalOf(site, context, key);
  if (checks.length === 0 && additional === undefined) return undefined;
  return { key, patterns, checks, additional, test: (pattern) => call(code`${pattern.regExp()}.test`, key) };
}

/** Each checked pattern's statements, behind its test of the key. */
function patternTests(loop: KeyLoop): Statement[] {
  return loop.checks.map(({ pattern, then }): Statement => ({ kind: "if", condition: loop.test(pattern), then }));
}

/** A local for each pattern, holding whether the key matches it: the patterns checked and the additional test share them. */
function patternMatches(context: CompileContext, loop: KeyLoop): { consts: Statement[]; checks: Statement[]; matches: Code[] } {
  const matches = new Map(loop.patterns.map((pattern) => [pattern, context.scope.local("matches")]));
  return {
    consts: loop.patterns.map((pattern): Statement => ({ kind: "const", name: matches.get(pattern)!, value: loop.test(pattern) })),
    checks: loop.checks.map(({ pattern, then }): Statement => ({ kind: "if", condition: matches.get(pattern)!, then })),
    matches: [...matches.values()],
  };
}

/**
 * `patternProperties` and `additionalProperties`, which loop over the object's keys: in a check
 * with both, one loop that tests each pattern once per key; a collector reports in ajv's order
 * (every pattern's errors, then the additional properties), so it keeps a loop for each.
 */
function keyLoopStatements(site: Site, context: CompileContext, known: readonly string[], loop: KeyLoop): Statement[] {
  const { key, patterns, checks, additional, test } = loop;
  const header = code`for (const ${key} of Object.keys(${site.value}))`;
  const patternLoop: Statement[] = checks.length === 0 ? [] : [{ kind: "loop", header, body: patternTests(loop) }];
  if (additional === undefined) return patternLoop;
  const knownTests =
    known.length === 0
      ? []
      : known.length <= 8
        ? known.map((name) => compare(key, "===", name))
        : [
            call(
              code`${context.module.constant("knownProperties", pure(code`new Set(${known})`), { key: `known ${JSON.stringify(known)}` })}.has`,
              key,
            ),
          ];
  const named = [...knownTests, ...patterns.map(test)];
  if (additional.kind === "forbidden" && named.length === 0) {
    // No property is allowed: a check needs no loop (nor an unused `key`), a collector names each.
    const any = compare(code`Object.keys(${site.value}).length`, ">", 0);
    return [
      {
        kind: "by-mode",
        check: [{ kind: "fail-if", condition: any, failure: additional.failure }],
        collect: [{ kind: "loop", header, body: [{ kind: "fail", failure: additional.failure }] }],
      },
    ];
  }
  const separate: Statement[] = [...patternLoop, { kind: "loop", header, body: additionalStatements(additional, named) }];
  if (checks.length === 0) return separate;
  const shared = patternMatches(context, loop);
  const merged: Statement = {
    kind: "loop",
    header,
    body: [...shared.consts, ...shared.checks, ...additionalStatements(additional, [...knownTests, ...shared.matches])],
  };
  return [{ kind: "by-mode", check: [merged], collect: separate }];
}

/**
 * The fewest optional checked properties for which a check loops over the keys with a `switch`
 * (see `switchCheck`) rather than reading each property by name. Measured on objects of varied
 * shapes carrying one, half or all of them: at 6 the two are even on one, from 8 the switch takes
 * a third to a half of the time on one or half, and 5–25% more on all.
 */
const SWITCH_MIN_OPTIONAL = 8;

/**
 * A check whose loop over the keys (`loop`) also checks the optional properties, each in its
 * `case`: an object has few of many declared properties, and reads of absent ones by name are what
 * the check spends most on. It runs only on an object for which `plainKeys` gives the keys (reads
 * by name would see only those); any other gets `byName`, the reads by name and the loop.
 */
function switchCheck(
  site: Site,
  context: CompileContext,
  loop: KeyLoop,
  known: readonly string[],
  optional: readonly PropertyCheck[],
  byName: Statement[],
): Statement[] {
  const { key, additional } = loop;
  const keys = context.scope.local("keys");
  const cases: SwitchCase[] = optional.map(({ name, statements }) => ({ labels: [code`${name}`], body: statements }));
  const inCase = new Set(optional.map(({ name }) => name));
  let top: Statement[];
  let otherwise: Statement[] = [];
  if (additional === undefined) {
    top = patternTests(loop);
  } else {
    const shared = loop.checks.length === 0 ? undefined : patternMatches(context, loop);
    top = shared === undefined ? [] : [...shared.consts, ...shared.checks];
    const rest = known.filter((name) => !inCase.has(name));
    if (rest.length > 0) cases.push({ labels: rest.map((name) => code`${name}`), body: [] });
    otherwise = additionalStatements(additional, shared === undefined ? loop.patterns.map(loop.test) : shared.matches);
  }
  const body: Statement[] = [...top, { kind: "switch", subject: key, cases, otherwise }];
  return [
    { kind: "const", name: keys, value: call(context.module.runtime("plainKeys"), site.value) },
    {
      kind: "if",
      condition: compare(keys, "!==", code`undefined`),
      then: [{ kind: "loop", header: code`for (const ${key} of ${keys})`, body }],
      else: byName,
    },
  ];
}

/** `properties`, `required`, `patternProperties` and `additionalProperties`. */
function declaredStatements(
  site: Site,
  context: CompileContext,
  known: readonly string[],
  patterns: readonly PatternProperty[],
): Statement[] {
  const { required, checks } = propertyStatements(site, context, known);
  const loop = keyLoopOf(site, context, patterns);
  const loopStatements = loop === undefined ? [] : keyLoopStatements(site, context, known, loop);
  const named = [...required, ...checks.flatMap(({ statements }) => statements), ...loopStatements];
  const optional = checks.filter((check) => !check.required);
  if (loop === undefined || optional.length < SWITCH_MIN_OPTIONAL) return named;
  const requiredChecks = checks.filter((check) => check.required).flatMap(({ statements }) => statements);
  const byName = [...optional.flatMap(({ statements }) => statements), ...loopStatements];
  return [
    {
      kind: "by-mode",
      check: [...required, ...requiredChecks, ...switchCheck(site, context, loop, known, optional, byName)],
      collect: named,
    },
  ];
}

/**
 * Object keywords: `properties`, `required`, `patternProperties`, `additionalProperties`,
 * `propertyNames`, `minProperties`, `maxProperties`, `dependentRequired`, `dependentSchemas`,
 * `dependencies`.
 */
export const objectKeywords: KeywordCompiler = {
  family: "object",
  keywords: [
    "properties",
    "required",
    "patternProperties",
    "additionalProperties",
    "propertyNames",
    "minProperties",
    "maxProperties",
    "dependentRequired",
    "dependentSchemas",
    "dependencies",
  ],
  compile(site, context) {
    const { schema } = site.node;
    if (typeof schema === "boolean") return [];
    const properties = isSchemaObject(schema["properties"]) ? Object.keys(schema["properties"]) : [];
    const patterns = patternPropertiesOf(site, schema, context);
    const statements = [
      ...declaredStatements(site, context, properties, patterns),
      ...propertyNamesStatements(site, context),
      ...propertyCountStatements(site),
      ...dependencyStatements(site, schema, context),
    ];
    return statements.length === 0 ? [] : [{ instanceType: "object", statements }];
  },
};
