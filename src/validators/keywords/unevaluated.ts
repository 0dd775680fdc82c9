import { atLeast } from "../../dialect.js";
import type { SchemaNode } from "../../graph.js";
import { code, type Name } from "../code.js";
import { dialectOf, failure, type CompileContext, type Fragment, type KeywordCompiler, type Site } from "../context.js";
import type { FailureSpec, Statement } from "../statements.js";
import { acceptsEverything, subschemaNode } from "./shared.js";

/** Statements for the unevaluated value: the `false` schema's own failure, or the subschema's checks. */
function applySubschema(sub: SchemaNode, fail: FailureSpec, compile: () => Statement[]): Statement[] {
  return sub.schema === false ? [{ kind: "fail-if", condition: code`true`, failure: fail }] : compile();
}

/** `const evaluated = evaluatedBy…(value, false)`: what the schema's other keywords evaluated. */
function declareEvaluated(site: Site, context: CompileContext): [Name, Statement] {
  const evaluated = context.scope.local("evaluated");
  return [evaluated, { kind: "const", name: evaluated, value: code`${context.evaluatedFunction(site.node)}(${site.value}, false)` }];
}

function unevaluatedProperties(site: Site, context: CompileContext, sub: SchemaNode): Fragment {
  const [evaluated, declaration] = declareEvaluated(site, context);
  const key = context.scope.local("key");
  const propertyValue = context.scope.local("propertyValue");
  const path = [...site.path, "/", code`${context.module.runtime("pointerToken")}(${key})`];
  const body = applySubschema(sub, failure(site, "unevaluatedProperties", code`{ unevaluatedProperty: ${key} }`), () =>
    context.compileSubschema({ node: sub, value: propertyValue, path }),
  );
  return {
    instanceType: "object",
    statements: [
      declaration,
      {
        kind: "loop",
        header: code`if (!${evaluated}.allProperties)\nfor (const ${key} of Object.keys(${site.value}))`,
        body: [
          { kind: "continue-if", condition: code`${evaluated}.properties.has(${key})` },
          { kind: "const", name: propertyValue, value: code`${site.value}[${key}]` },
          ...body,
        ],
      },
    ],
  };
}

function unevaluatedItems(site: Site, context: CompileContext, sub: SchemaNode): Fragment {
  const [evaluated, declaration] = declareEvaluated(site, context);
  const index = context.scope.local("index");
  const item = context.scope.local("item");
  const body = applySubschema(sub, failure(site, "unevaluatedItems", code`{ limit: ${evaluated}.items }`), () =>
    context.compileSubschema({ node: sub, value: item, path: [...site.path, "/", index] }),
  );
  return {
    instanceType: "array",
    statements: [
      declaration,
      {
        kind: "loop",
        header: code`if (!${evaluated}.allItems)\nfor (let ${index} = ${evaluated}.items; ${index} < ${site.value}.length; ${index}++)`,
        body: [
          { kind: "continue-if", condition: code`${evaluated}.itemIndexes.has(${index})` },
          { kind: "const", name: item, value: code`${site.value}[${index}]` },
          ...body,
        ],
      },
    ],
  };
}

/**
 * `unevaluatedProperties` and `unevaluatedItems` (2019-09+): apply to what the schema's other
 * keywords, and the in-place subschemas that validate, did not evaluate (see annotations.ts).
 * A subschema that accepts everything checks nothing (its annotation is in annotations.ts).
 */
export const unevaluatedKeywords: KeywordCompiler = {
  family: "unevaluated",
  keywords: ["unevaluatedProperties", "unevaluatedItems"],
  compile(site, context) {
    if (!atLeast(dialectOf(site.node), "2019-09")) return [];
    const properties = subschemaNode(site, "unevaluatedProperties");
    const items = subschemaNode(site, "unevaluatedItems");
    return [
      ...(properties === undefined || acceptsEverything(properties.schema) ? [] : [unevaluatedProperties(site, context, properties)]),
      ...(items === undefined || acceptsEverything(items.schema) ? [] : [unevaluatedItems(site, context, items)]),
    ];
  },
};
