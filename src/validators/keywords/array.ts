import { atLeast, type Dialect } from "../../dialect.js";
import { isSchemaObject, type Schema, type SchemaObject } from "../../schema-walk.js";
import { call, code, compare, negate, or } from "../code.js";
import { childLocation, failure, pathExpression, type CompileContext, type KeywordCompiler, type SchemaNode } from "../context.js";
import type { Statement } from "../statements.js";
import { acceptsEverything, numberValue, subschemaValue } from "./shared.js";

/** How a dialect spells tuples: the schemas of the first items, and the schema of the items after them. */
interface ItemSchemas {
  tuple?: { keyword: string; schemas: Schema[] };
  rest?: { keyword: string; schema: Schema };
}

function itemSchemas(node: SchemaNode, schema: SchemaObject, dialect: Dialect): ItemSchemas {
  const items = schema["items"];
  if (dialect === "2020-12") {
    // An array `items` was refused by the lint: 2020-12 writes tuples as prefixItems.
    const prefix = schema["prefixItems"];
    return {
      ...(Array.isArray(prefix) ? { tuple: { keyword: "prefixItems", schemas: prefix as Schema[] } } : {}),
      ...(items !== undefined ? { rest: { keyword: "items", schema: items as Schema } } : {}),
    };
  }
  if (Array.isArray(items)) {
    const additional = schema["additionalItems"];
    return {
      tuple: { keyword: "items", schemas: items as Schema[] },
      ...(additional !== undefined ? { rest: { keyword: "additionalItems", schema: additional as Schema } } : {}),
    };
  }
  return items !== undefined ? { rest: { keyword: "items", schema: items as Schema } } : {};
}

/** `prefixItems`/`items` (2020-12), or `items` and `additionalItems` (earlier dialects). */
function itemStatements(node: SchemaNode, context: CompileContext, { tuple, rest }: ItemSchemas): Statement[] {
  const statements: Statement[] = [];
  tuple?.schemas.forEach((schema, index) => {
    if (acceptsEverything(schema)) return;
    const item = context.scope.local(`item${index}`);
    const body = context.compileSubschema({
      schema,
      location: childLocation(node.location, tuple.keyword, index),
      value: item,
      path: [...node.path, `/${index}`],
    });
    if (body.length === 0) return;
    statements.push({
      kind: "if",
      condition: compare(code`${node.value}.length`, ">", index),
      then: [{ kind: "const", name: item, value: code`${node.value}[${index}]` }, ...body],
    });
  });
  if (rest === undefined) return statements;
  const start = tuple?.schemas.length ?? 0;
  if (rest.schema === false && tuple !== undefined) {
    statements.push({
      kind: "fail-if",
      condition: compare(code`${node.value}.length`, ">", start),
      failure: failure(node, rest.keyword, code`{ limit: ${start} }`, `must NOT have more than ${start} items`),
    });
    return statements;
  }
  const index = context.scope.local("index");
  const item = context.scope.local("item");
  const body = context.compileSubschema({
    schema: rest.schema,
    location: childLocation(node.location, rest.keyword),
    value: item,
    path: [...node.path, "/", index],
  });
  if (body.length > 0) {
    statements.push({
      kind: "loop",
      header: code`for (let ${index} = ${start}; ${index} < ${node.value}.length; ${index}++)`,
      body: [{ kind: "const", name: item, value: code`${node.value}[${index}]` }, ...body],
    });
  }
  return statements;
}

/**
 * The scalar types that `items` declares when it applies to every item: ajv's `uniqueItems` then
 * leaves items of other types to `items` and reports its pair the other way round.
 */
function scalarItemTypes(items: ItemSchemas): string[] | undefined {
  if (items.tuple !== undefined || items.rest?.keyword !== "items" || !isSchemaObject(items.rest.schema)) return undefined;
  const declared = items.rest.schema["type"];
  if (declared === undefined) return undefined;
  const types = (Array.isArray(declared) ? [...(declared as unknown[])] : [declared]) as string[];
  if (items.rest.schema["nullable"] === true && !types.includes("null")) types.push("null");
  return types.length > 0 && types.every((type) => type !== "object" && type !== "array") ? types : undefined;
}

function uniqueItemsStatement(node: SchemaNode, context: CompileContext, items: ItemSchemas): Statement[] {
  if (typeof node.schema === "boolean" || !("uniqueItems" in node.schema)) return [];
  if (node.schema["uniqueItems"] !== true) return [];
  const types = scalarItemTypes(items);
  const duplicates = call(context.module.runtime("duplicateItems"), node.value, ...(types === undefined ? [] : [types]));
  const duplicate = context.scope.local("duplicate");
  const fail = failure(
    node,
    "uniqueItems",
    code`{ i: ${duplicate}.i, j: ${duplicate}.j }`,
    code`"must NOT have duplicate items (items ## " + ${duplicate}.j + " and " + ${duplicate}.i + " are identical)"`,
  );
  return [
    {
      kind: "compound",
      failed: compare(duplicates, "!==", code`undefined`),
      collect: [
        { kind: "const", name: duplicate, value: duplicates },
        { kind: "fail-if", condition: compare(duplicate, "!==", code`undefined`), failure: fail },
      ],
    },
  ];
}

/** `contains`, with `minContains`/`maxContains` from 2019-09 on; ajv's errors, including those of the items it tried. */
function containsStatement(node: SchemaNode, context: CompileContext, dialect: Dialect): Statement[] {
  if (!atLeast(dialect, "draft-06")) return [];
  const contains = subschemaValue(node, "contains");
  if (contains === undefined) return [];
  const counted = atLeast(dialect, "2019-09");
  const min = (counted ? numberValue(node, "minContains") : undefined) ?? 1;
  const max = counted ? numberValue(node, "maxContains") : undefined;
  if (max === undefined && min === 0) return [];
  const fail = failure(
    node,
    "contains",
    max === undefined ? code`{ minContains: ${min} }` : code`{ minContains: ${min}, maxContains: ${max} }`,
    max === undefined ? `must contain at least ${min} valid item(s)` : `must contain at least ${min} and no more than ${max} valid item(s)`,
  );
  if (max !== undefined && min > max) return [{ kind: "fail-if", condition: code`true`, failure: fail }];
  if (acceptsEverything(contains)) {
    const tooFew = compare(code`${node.value}.length`, "<", min);
    const tooMany = compare(code`${node.value}.length`, ">", max ?? 0);
    const condition = max === undefined ? tooFew : min === 0 ? tooMany : or(tooFew, tooMany);
    return [{ kind: "fail-if", condition, failure: fail }];
  }
  const functions = context.subschemaFunctions(contains, childLocation(node.location, "contains"));
  const limit = max === undefined ? code`Infinity` : max;
  const collected = call(
    context.module.runtime("collectContains"),
    node.value,
    functions.check,
    functions.collect,
    min,
    limit,
    pathExpression(node.path),
    code`errors`,
  );
  return [
    {
      kind: "compound",
      failed: negate(call(context.module.runtime("containsPasses"), node.value, functions.check, min, limit)),
      collect: [{ kind: "fail-if", condition: negate(collected), failure: fail }],
    },
  ];
}

/**
 * Array keywords: `items`, `prefixItems`, `additionalItems` (per dialect), `minItems`, `maxItems`,
 * `uniqueItems` (JSON equality), `contains` with `minContains`/`maxContains`.
 */
export const arrayKeywords: KeywordCompiler = {
  family: "array",
  keywords: ["items", "prefixItems", "additionalItems", "minItems", "maxItems", "uniqueItems", "contains", "minContains", "maxContains"],
  compile(node, context) {
    const { schema } = node;
    if (typeof schema === "boolean") return [];
    const dialect = context.module.dialectOf(node.location);
    const items = itemSchemas(node, schema, dialect);
    const statements = itemStatements(node, context, items);
    const minItems = numberValue(node, "minItems");
    if (minItems !== undefined && minItems > 0) {
      statements.push({
        kind: "fail-if",
        condition: code`${node.value}.length < ${minItems}`,
        failure: failure(node, "minItems", code`{ limit: ${minItems} }`, `must NOT have fewer than ${minItems} items`),
      });
    }
    const maxItems = numberValue(node, "maxItems");
    if (maxItems !== undefined) {
      statements.push({
        kind: "fail-if",
        condition: code`${node.value}.length > ${maxItems}`,
        failure: failure(node, "maxItems", code`{ limit: ${maxItems} }`, `must NOT have more than ${maxItems} items`),
      });
    }
    statements.push(...uniqueItemsStatement(node, context, items), ...containsStatement(node, context, dialect));
    return statements.length === 0 ? [] : [{ instanceType: "array", statements }];
  },
};
