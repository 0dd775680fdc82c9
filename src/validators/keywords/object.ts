import { atLeast, refOverridesSiblings } from "../../dialect.js";
import { escapePointerToken } from "../../json-pointer.js";
import { isSchemaObject, type Schema, type SchemaObject } from "../../schema-walk.js";
import { call, type Code, code, compare, negate, not, or } from "../code.js";
import { callStatement, childLocation, failure, type CompileContext, type KeywordCompiler, type SchemaNode } from "../context.js";
import type { Statement } from "../statements.js";
import { declaredTypes } from "./type.js";
import { acceptsEverything, numberValue, ownProperty, patternConstant, subschemaValue } from "./shared.js";

/** `patternProperties`: its patterns (checked), their schemas, and their RegExp constants, hoisted on first use. */
interface PatternProperty {
  pattern: string;
  schema: Schema;
  regExp: () => Code;
}

function patternPropertiesOf(node: SchemaNode, schema: SchemaObject, context: CompileContext): PatternProperty[] {
  const patternProperties = schema["patternProperties"];
  if (!isSchemaObject(patternProperties)) return [];
  return Object.entries(patternProperties).map(([pattern, sub]) => ({
    pattern,
    schema: sub as Schema,
    regExp: () => patternConstant(context, pattern),
  }));
}

/** Every property whose name matches a pattern is validated against that pattern's schema. */
function patternPropertyStatements(node: SchemaNode, context: CompileContext, patterns: readonly PatternProperty[]): Statement[] {
  if (patterns.every((pattern) => acceptsEverything(pattern.schema))) return [];
  const key = context.scope.local("key");
  const body: Statement[] = [];
  for (const { pattern, schema, regExp } of patterns) {
    if (acceptsEverything(schema)) continue;
    const local = context.scope.local("patternValue");
    const checks = context.compileSubschema({
      schema,
      location: childLocation(node.location, "patternProperties", pattern),
      value: local,
      path: [...node.path, "/", code`${context.module.runtime("pointerToken")}(${key})`],
    });
    if (checks.length === 0) continue;
    body.push({
      kind: "if",
      condition: call(code`${regExp()}.test`, key),
      then: [{ kind: "const", name: local, value: code`${node.value}[${key}]` }, ...checks],
    });
  }
  return body.length === 0 ? [] : [{ kind: "loop", header: code`for (const ${key} of Object.keys(${node.value}))`, body }];
}

/** `propertyNames`: each property name is validated as a string; ajv's errors, with the inner ones marked with the name. */
function propertyNamesStatements(node: SchemaNode, context: CompileContext): Statement[] {
  if (!atLeast(context.module.dialectOf(node.location), "draft-06")) return [];
  const names = subschemaValue(node, "propertyNames");
  if (names === undefined || acceptsEverything(names)) return [];
  const functions = context.subschemaFunctions(names, childLocation(node.location, "propertyNames"));
  const key = context.scope.local("key");
  const start = context.scope.local("start");
  const fail = failure(node, "propertyNames", code`{ propertyName: ${key} }`, "property name must be valid");
  const failed = negate(call(functions.check, key));
  const report: Statement[] = [
    { kind: "const", name: start, value: code`errors.length` },
    callStatement(functions, { ...node, value: key }, false),
    { kind: "snippet", code: code`${call(context.module.runtime("markPropertyName"), code`errors`, start, key)};` },
    { kind: "fail", failure: fail },
  ];
  return [
    {
      kind: "loop",
      header: code`for (const ${key} of Object.keys(${node.value}))`,
      body: [{ kind: "compound", failed, collect: [{ kind: "if", condition: failed, then: report }] }],
    },
  ];
}

/** `minProperties` and `maxProperties`. */
function propertyCountStatements(node: SchemaNode): Statement[] {
  const statements: Statement[] = [];
  const minProperties = numberValue(node, "minProperties");
  if (minProperties !== undefined && minProperties > 0) {
    statements.push({
      kind: "fail-if",
      condition: compare(code`Object.keys(${node.value}).length`, "<", minProperties),
      failure: failure(node, "minProperties", code`{ limit: ${minProperties} }`, `must NOT have fewer than ${minProperties} properties`),
    });
  }
  const maxProperties = numberValue(node, "maxProperties");
  if (maxProperties !== undefined) {
    statements.push({
      kind: "fail-if",
      condition: compare(code`Object.keys(${node.value}).length`, ">", maxProperties),
      failure: failure(node, "maxProperties", code`{ limit: ${maxProperties} }`, `must NOT have more than ${maxProperties} properties`),
    });
  }
  return statements;
}

/** `dependentRequired`, or the array form of `dependencies`: each missing property is an error of `keyword`, as in ajv. */
function dependentRequiredStatements(node: SchemaNode, keyword: string, dependencies: ReadonlyMap<string, string[]>): Statement[] {
  const statements: Statement[] = [];
  for (const [property, required] of dependencies) {
    if (required.length === 0) continue;
    const deps = required.join(", ");
    const message = `must have ${required.length === 1 ? "property" : "properties"} ${deps} when property ${property} is present`;
    statements.push({
      kind: "if",
      condition: compare(ownProperty(node.value, property), "!==", code`undefined`),
      then: required.map((missing) => ({
        kind: "fail-if",
        condition: compare(ownProperty(node.value, missing), "===", code`undefined`),
        failure: failure(
          node,
          keyword,
          code`{ property: ${property}, missingProperty: ${missing}, depsCount: ${required.length}, deps: ${deps} }`,
          message,
        ),
      })),
    });
  }
  return statements;
}

/** `dependentSchemas`, or the schema form of `dependencies`: the schema applies to the object when the property is present. */
function dependentSchemaStatements(
  node: SchemaNode,
  context: CompileContext,
  keyword: string,
  dependencies: ReadonlyMap<string, Schema>,
): Statement[] {
  const statements: Statement[] = [];
  for (const [property, schema] of dependencies) {
    if (acceptsEverything(schema)) continue;
    const functions = context.subschemaFunctions(schema, childLocation(node.location, keyword, property));
    statements.push({
      kind: "if",
      condition: compare(ownProperty(node.value, property), "!==", code`undefined`),
      then: [callStatement(functions, node, true)],
    });
  }
  return statements;
}

/** `dependentRequired` and `dependentSchemas` (2019-09 on), and `dependencies` (as ajv, in every dialect). */
function dependencyStatements(node: SchemaNode, schema: SchemaObject, context: CompileContext): Statement[] {
  const statements: Statement[] = [];
  const split = atLeast(context.module.dialectOf(node.location), "2019-09");
  const dependentRequired = split ? schema["dependentRequired"] : undefined;
  // The lint checked both: objects of property-name arrays (and, for `dependencies`, schemas).
  if (isSchemaObject(dependentRequired)) {
    const required = new Map(Object.entries(dependentRequired as Record<string, string[]>));
    statements.push(...dependentRequiredStatements(node, "dependentRequired", required));
  }
  const dependentSchemas = split ? schema["dependentSchemas"] : undefined;
  if (isSchemaObject(dependentSchemas)) {
    statements.push(
      ...dependentSchemaStatements(node, context, "dependentSchemas", new Map(Object.entries(dependentSchemas as Record<string, Schema>))),
    );
  }
  const dependencies = schema["dependencies"];
  if (isSchemaObject(dependencies)) {
    const required = new Map<string, string[]>();
    const schemas = new Map<string, Schema>();
    for (const [property, value] of Object.entries(dependencies)) {
      if (Array.isArray(value)) required.set(property, value as string[]);
      else schemas.set(property, value as Schema);
    }
    statements.push(
      ...dependentRequiredStatements(node, "dependencies", required),
      ...dependentSchemaStatements(node, context, "dependencies", schemas),
    );
  }
  return statements;
}

/**
 * Whether the compiled check of a property's schema begins with its `type` check, which no missing
 * (undefined) value passes: the schema declares types, and no older dialect's `$ref` makes it ignore them.
 */
function checksTypeFirst(schema: Schema, node: SchemaNode, name: string, context: CompileContext): boolean {
  if (!isSchemaObject(schema)) return false;
  const dialect = context.module.dialectOf(childLocation(node.location, "properties", name));
  if (refOverridesSiblings(schema, dialect)) return false;
  const types = declaredTypes(schema, dialect);
  return types !== undefined && types.length > 0;
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
  compile(node, context) {
    if (typeof node.schema === "boolean") return [];
    const statements: Statement[] = [];
    const required = Array.isArray(node.schema["required"]) ? (node.schema["required"] as string[]) : [];
    const properties = isSchemaObject(node.schema["properties"]) ? node.schema["properties"] : {};
    // A boolean check needs no separate test for a missing required property whose schema starts
    // with a `type` check: `undefined` has no JSON type, so that check fails on it (one read, not two).
    const typeChecksMissing = new Set(
      required.filter((name) => Object.hasOwn(properties, name) && checksTypeFirst(properties[name] as Schema, node, name, context)),
    );
    for (const name of required) {
      const missing: Statement = {
        kind: "fail-if",
        condition: compare(ownProperty(node.value, name), "===", code`undefined`),
        failure: failure(node, "required", code`{ missingProperty: ${name} }`, `must have required property '${name}'`),
      };
      statements.push(typeChecksMissing.has(name) ? { kind: "by-mode", check: [], collect: [missing] } : missing);
    }
    for (const [name, schema] of Object.entries(properties)) {
      if (schema === true) continue;
      const local = context.scope.local(name);
      const body = context.compileSubschema({
        schema: schema as boolean | Record<string, unknown>,
        location: childLocation(node.location, "properties", name),
        value: local,
        path: [...node.path, `/${escapePointerToken(name)}`],
      });
      if (body.length === 0) continue;
      statements.push({ kind: "const", name: local, value: ownProperty(node.value, name) });
      const present: Statement = { kind: "if", condition: compare(local, "!==", code`undefined`), then: body };
      statements.push(typeChecksMissing.has(name) ? { kind: "by-mode", check: body, collect: [present] } : present);
    }
    const patterns = patternPropertiesOf(node, node.schema, context);
    statements.push(...patternPropertyStatements(node, context, patterns));
    const additional = node.schema["additionalProperties"];
    if (additional !== undefined && additional !== true) {
      const key = context.scope.local("key");
      const known = Object.keys(properties);
      const knownTests =
        known.length === 0
          ? []
          : known.length <= 8
            ? known.map((name) => compare(key, "===", name))
            : [call(code`${context.module.constant("knownProperties", code`new Set(${known})`)}.has`, key)];
      const tests = [...knownTests, ...patterns.map(({ regExp }) => call(code`${regExp()}.test`, key))];
      const isKnown = tests.length === 0 ? code`false` : or(...tests);
      const header = code`for (const ${key} of Object.keys(${node.value}))`;
      if (additional === false) {
        const fail = failure(node, "additionalProperties", code`{ additionalProperty: ${key} }`, "must NOT have additional properties");
        statements.push({ kind: "loop", header, body: [{ kind: "fail-if", condition: not(isKnown), failure: fail }] });
      } else {
        const local = context.scope.local("propertyValue");
        const body = context.compileSubschema({
          schema: additional as boolean | Record<string, unknown>,
          location: childLocation(node.location, "additionalProperties"),
          value: local,
          path: [...node.path, "/", code`${context.module.runtime("pointerToken")}(${key})`],
        });
        if (body.length > 0) {
          statements.push({
            kind: "loop",
            header,
            body: [
              { kind: "continue-if", condition: isKnown },
              { kind: "const", name: local, value: code`${node.value}[${key}]` },
              ...body,
            ],
          });
        }
      }
    }
    statements.push(
      ...propertyNamesStatements(node, context),
      ...propertyCountStatements(node),
      ...dependencyStatements(node, node.schema, context),
    );
    return statements.length === 0 ? [] : [{ instanceType: "object", statements }];
  },
};
