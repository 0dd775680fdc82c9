import { atLeast } from "../../dialect.js";
import { call, type Code, code, compare, negate } from "../code.js";
import { failure, type KeywordCompiler, type SchemaNode } from "../context.js";
import type { Statement } from "../statements.js";
import { numberValue } from "./shared.js";

type Comparison = ">=" | ">" | "<=" | "<";

/** The condition under which `value` fails `value <comparison> limit`. */
function failsComparison(value: Code, comparison: Comparison, limit: number): Code {
  switch (comparison) {
    case ">=":
      return compare(value, "<", limit);
    case ">":
      return compare(value, "<=", limit);
    case "<=":
      return compare(value, ">", limit);
    case "<":
      return compare(value, ">=", limit);
  }
}

function bound(node: SchemaNode, keyword: string, comparison: Comparison, limit: number): Statement {
  return {
    kind: "fail-if",
    condition: failsComparison(node.value, comparison, limit),
    failure: failure(node, keyword, code`{ comparison: ${comparison}, limit: ${limit} }`, `must be ${comparison} ${limit}`),
  };
}

const BOUNDS = [
  { keyword: "minimum", exclusive: "exclusiveMinimum", inclusiveComparison: ">=", exclusiveComparison: ">" },
  { keyword: "maximum", exclusive: "exclusiveMaximum", inclusiveComparison: "<=", exclusiveComparison: "<" },
] as const;

/**
 * `minimum`, `maximum`, `exclusiveMinimum`, `exclusiveMaximum` and `multipleOf`. In draft-04 (and
 * OpenAPI 3.0) the exclusive keywords are booleans that make `minimum`/`maximum` strict, and the
 * error is the bound's own (as ajv-draft-04 reports it); from draft-06 on they are numbers.
 */
export const numberKeywords: KeywordCompiler = {
  family: "number",
  keywords: ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"],
  compile(node, context) {
    const { schema } = node;
    if (typeof schema === "boolean") return [];
    const booleanExclusive = !atLeast(context.module.dialectOf(node.location), "draft-06");
    const statements: Statement[] = [];
    for (const { keyword, exclusive, inclusiveComparison, exclusiveComparison } of BOUNDS) {
      if (booleanExclusive) {
        const strict = schema[exclusive];
        const limit = numberValue(node, keyword);
        if (limit !== undefined) statements.push(bound(node, keyword, strict === true ? exclusiveComparison : inclusiveComparison, limit));
      } else {
        const limit = numberValue(node, keyword);
        if (limit !== undefined) statements.push(bound(node, keyword, inclusiveComparison, limit));
        const exclusiveLimit = numberValue(node, exclusive);
        if (exclusiveLimit !== undefined) statements.push(bound(node, exclusive, exclusiveComparison, exclusiveLimit));
      }
    }
    const divisor = numberValue(node, "multipleOf");
    if (divisor !== undefined) {
      statements.push({
        kind: "fail-if",
        condition: negate(call(context.module.runtime("isMultipleOf"), node.value, divisor)),
        failure: failure(node, "multipleOf", code`{ multipleOf: ${divisor} }`, `must be multiple of ${divisor}`),
      });
    }
    return statements.length === 0 ? [] : [{ instanceType: "number", statements }];
  },
};
