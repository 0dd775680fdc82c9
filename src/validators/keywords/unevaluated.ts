import { atLeast } from "../../dialect.js";
import type { Schema } from "../../schema-walk.js";
import { code, type Name } from "../code.js";
import { childLocation, failure, type Fragment, type KeywordCompiler, type SchemaNode } from "../context.js";
import type { FailureSpec, Statement } from "../statements.js";

/** Statements for the unevaluated value: the `false` schema's own failure, or the subschema's checks. */
function applySubschema(sub: Schema, fail: FailureSpec, compile: () => Statement[]): Statement[] {
  return sub === false ? [{ kind: "fail-if", condition: code`true`, failure: fail }] : compile();
}

function acceptsEverything(sub: Schema): boolean {
  return sub === true || (typeof sub === "object" && Object.keys(sub).length === 0);
}

/**
 * `unevaluatedProperties` and `unevaluatedItems` (2019-09+): apply to what the schema's other
 * keywords, and the in-place subschemas that validate, did not evaluate (see annotations.ts).
 */
export const unevaluatedKeywords: KeywordCompiler = {
  family: "unevaluated",
  keywords: ["unevaluatedProperties", "unevaluatedItems"],
  compile(node: SchemaNode, context) {
    const { schema } = node;
    if (typeof schema === "boolean" || !atLeast(context.module.dialectOf(node.location), "2019-09")) return [];
    const fragments: Fragment[] = [];
    const declareEvaluated = (): [Name, Statement] => {
      const evaluated = context.scope.local("evaluated");
      return [
        evaluated,
        { kind: "const", name: evaluated, value: code`${context.evaluatedFunction(schema, node.location)}(${node.value}, false)` },
      ];
    };

    // An unevaluated* subschema that accepts everything checks nothing (its annotation is in annotations.ts).
    if ("unevaluatedProperties" in schema && !acceptsEverything(schema["unevaluatedProperties"] as Schema)) {
      const [evaluated, declaration] = declareEvaluated();
      const key = context.scope.local("key");
      const propertyValue = context.scope.local("propertyValue");
      const sub = schema["unevaluatedProperties"] as Schema;
      const path = [...node.path, "/", code`${context.module.runtime("pointerToken")}(${key})`];
      const body = applySubschema(
        sub,
        failure(node, "unevaluatedProperties", code`{ unevaluatedProperty: ${key} }`, "must NOT have unevaluated properties"),
        () =>
          context.compileSubschema({
            schema: sub,
            location: childLocation(node.location, "unevaluatedProperties"),
            value: propertyValue,
            path,
          }),
      );
      fragments.push({
        instanceType: "object",
        statements: [
          declaration,
          {
            kind: "loop",
            header: code`if (!${evaluated}.allProperties)\nfor (const ${key} of Object.keys(${node.value}))`,
            body: [
              { kind: "continue-if", condition: code`${evaluated}.properties.has(${key})` },
              { kind: "const", name: propertyValue, value: code`${node.value}[${key}]` },
              ...body,
            ],
          },
        ],
      });
    }

    if ("unevaluatedItems" in schema && !acceptsEverything(schema["unevaluatedItems"] as Schema)) {
      const [evaluated, declaration] = declareEvaluated();
      const index = context.scope.local("index");
      const item = context.scope.local("item");
      const sub = schema["unevaluatedItems"] as Schema;
      const body = applySubschema(
        sub,
        failure(
          node,
          "unevaluatedItems",
          code`{ limit: ${evaluated}.items }`,
          code`"must NOT have more than " + ${evaluated}.items + " items"`,
        ),
        () =>
          context.compileSubschema({
            schema: sub,
            location: childLocation(node.location, "unevaluatedItems"),
            value: item,
            path: [...node.path, "/", index],
          }),
      );
      fragments.push({
        instanceType: "array",
        statements: [
          declaration,
          {
            kind: "loop",
            header: code`if (!${evaluated}.allItems)\nfor (let ${index} = ${evaluated}.items; ${index} < ${node.value}.length; ${index}++)`,
            body: [
              { kind: "continue-if", condition: code`${evaluated}.itemIndexes.has(${index})` },
              { kind: "const", name: item, value: code`${node.value}[${index}]` },
              ...body,
            ],
          },
        ],
      });
    }
    return fragments;
  },
};
