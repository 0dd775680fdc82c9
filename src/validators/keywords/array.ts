import { atLeast, type Dialect } from "../../dialect.js";
import type { SchemaNode } from "../../graph.js";
import { isSchemaObject, type SchemaObject } from "../../schema-walk.js";
import { call, code, compare, negate, or } from "../code.js";
import {
  childNode,
  dialectOf,
  failure,
  pathExpression,
  schemaPathExpression,
  type CompileContext,
  type KeywordCompiler,
  type Site,
} from "../context.js";
import type { Statement } from "../statements.js";
import { acceptsEverything, numberValue, subschemaNode } from "./shared.js";

/** How a dialect spells tuples: the schemas of the first items, and the schema of the items after them. */
interface ItemSchemas {
  tuple?: Tuple;
  rest?: Rest;
}
interface Tuple {
  keyword: string;
  nodes: SchemaNode[];
}
interface Rest {
  keyword: string;
  node: SchemaNode;
}

function itemSchemas(site: Site, schema: SchemaObject, dialect: Dialect): ItemSchemas {
  const tuple = (keyword: string, list: unknown[]): Tuple => ({
    keyword,
    nodes: list.map((_, index) => childNode(site.node, keyword, index)),
  });
  const rest = (keyword: string): Rest => ({ keyword, node: childNode(site.node, keyword) });
  const items = schema["items"];
  if (dialect === "2020-12") {
    // An array `items` was refused by the lint: 2020-12 writes tuples as prefixItems.
    const prefix = schema["prefixItems"];
    return {
      ...(Array.isArray(prefix) ? { tuple: tuple("prefixItems", prefix) } : {}),
      ...(items !== undefined ? { rest: rest("items") } : {}),
    };
  }
  if (Array.isArray(items)) {
    return { tuple: tuple("items", items), ...(schema["additionalItems"] !== undefined ? { rest: rest("additionalItems") } : {}) };
  }
  return items !== undefined ? { rest: rest("items") } : {};
}

/** `prefixItems`/`items` (2020-12), or `items` and `additionalItems` (earlier dialects). */
function itemStatements(site: Site, context: CompileContext, { tuple, rest }: ItemSchemas): Statement[] {
  const statements: Statement[] = [];
  tuple?.nodes.forEach((node, index) => {
    if (acceptsEverything(node.schema)) return;
    const item = context.scope.local(`item${index}`);
    const body = context.compileSubschema({ node, value: item, path: [...site.path, `/${index}`] });
    if (body.length === 0) return;
    statements.push({
      kind: "if",
      condition: compare(code`${site.value}.length`, ">", index),
      then: [{ kind: "const", name: item, value: code`${site.value}[${index}]` }, ...body],
    });
  });
  if (rest === undefined) return statements;
  const start = tuple?.nodes.length ?? 0;
  if (rest.node.schema === false && tuple !== undefined) {
    statements.push({
      kind: "fail-if",
      condition: compare(code`${site.value}.length`, ">", start),
      failure: failure(site, rest.keyword, code`{ limit: ${start} }`),
    });
    return statements;
  }
  const index = context.scope.local("index");
  const item = context.scope.local("item");
  const body = context.compileSubschema({ node: rest.node, value: item, path: [...site.path, "/", index] });
  if (body.length > 0) {
    statements.push({
      kind: "loop",
      header: code`for (let ${index} = ${start}; ${index} < ${site.value}.length; ${index}++)`,
      body: [{ kind: "const", name: item, value: code`${site.value}[${index}]` }, ...body],
    });
  }
  return statements;
}

/**
 * The scalar types that `items` declares when it applies to every item: ajv's `uniqueItems` then
 * leaves items of other types to `items` and reports its pair the other way round.
 */
function scalarItemTypes(items: ItemSchemas): string[] | undefined {
  const schema = items.rest?.node.schema;
  if (items.tuple !== undefined || items.rest?.keyword !== "items" || !isSchemaObject(schema)) return undefined;
  const declared = schema["type"];
  if (declared === undefined) return undefined;
  const types = (Array.isArray(declared) ? [...(declared as unknown[])] : [declared]) as string[];
  if (schema["nullable"] === true && !types.includes("null")) types.push("null");
  return types.length > 0 && types.every((type) => type !== "object" && type !== "array") ? types : undefined;
}

function uniqueItemsStatement(site: Site, context: CompileContext, items: ItemSchemas): Statement[] {
  if (typeof site.node.schema === "boolean" || !("uniqueItems" in site.node.schema)) return [];
  if (site.node.schema["uniqueItems"] !== true) return [];
  const types = scalarItemTypes(items);
  const duplicates = call(context.module.runtime("duplicateItems"), site.value, ...(types === undefined ? [] : [types]));
  const duplicate = context.scope.local("duplicate");
  const fail = failure(site, "uniqueItems", code`{ i: ${duplicate}.i, j: ${duplicate}.j }`);
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
function containsStatement(site: Site, context: CompileContext, dialect: Dialect): Statement[] {
  if (!atLeast(dialect, "draft-06")) return [];
  const contains = subschemaNode(site, "contains");
  if (contains === undefined) return [];
  const counted = atLeast(dialect, "2019-09");
  const min = (counted ? numberValue(site, "minContains") : undefined) ?? 1;
  const max = counted ? numberValue(site, "maxContains") : undefined;
  if (max === undefined && min === 0) return [];
  const fail = failure(
    site,
    "contains",
    max === undefined ? code`{ minContains: ${min} }` : code`{ minContains: ${min}, maxContains: ${max} }`,
  );
  if (max !== undefined && min > max) return [{ kind: "fail-if", condition: code`true`, failure: fail }];
  if (acceptsEverything(contains.schema)) {
    const tooFew = compare(code`${site.value}.length`, "<", min);
    const tooMany = compare(code`${site.value}.length`, ">", max ?? 0);
    const condition = max === undefined ? tooFew : min === 0 ? tooMany : or(tooFew, tooMany);
    return [{ kind: "fail-if", condition, failure: fail }];
  }
  const functions = context.subschemaFunctions(contains);
  const limit = max === undefined ? code`Infinity` : max;
  const collected = call(
    context.module.runtime("collectContains"),
    site.value,
    functions.check,
    functions.collect,
    min,
    limit,
    pathExpression(site.path),
    code`errors`,
    schemaPathExpression(context.scope, `#${contains.pointer}`),
  );
  return [
    {
      kind: "compound",
      failed: negate(call(context.module.runtime("containsPasses"), site.value, functions.check, min, limit)),
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
  compile(site, context) {
    const { schema } = site.node;
    if (typeof schema === "boolean") return [];
    const dialect = dialectOf(site.node);
    const items = itemSchemas(site, schema, dialect);
    const statements = itemStatements(site, context, items);
    const minItems = numberValue(site, "minItems");
    if (minItems !== undefined && minItems > 0) {
      statements.push({
        kind: "fail-if",
        condition: code`${site.value}.length < ${minItems}`,
        failure: failure(site, "minItems", code`{ limit: ${minItems} }`),
      });
    }
    const maxItems = numberValue(site, "maxItems");
    if (maxItems !== undefined) {
      statements.push({
        kind: "fail-if",
        condition: code`${site.value}.length > ${maxItems}`,
        failure: failure(site, "maxItems", code`{ limit: ${maxItems} }`),
      });
    }
    statements.push(...uniqueItemsStatement(site, context, items), ...containsStatement(site, context, dialect));
    return statements.length === 0 ? [] : [{ instanceType: "array", statements }];
  },
};
