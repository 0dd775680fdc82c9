import { atLeast } from "../../dialect.js";
import { call, type Code, code, compare, negate } from "../code.js";
import { dialectOf, failure, type KeywordCompiler, type Site } from "../context.js";
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

function bound(site: Site, keyword: string, comparison: Comparison, limit: number): Statement {
  return {
    kind: "fail-if",
    condition: failsComparison(site.value, comparison, limit),
    failure: failure(site, keyword, code`{ comparison: ${comparison}, limit: ${limit} }`),
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
  compile(site, context) {
    const { schema } = site.node;
    if (typeof schema === "boolean") return [];
    const booleanExclusive = !atLeast(dialectOf(site.node), "draft-06");
    const statements: Statement[] = [];
    for (const { keyword, exclusive, inclusiveComparison, exclusiveComparison } of BOUNDS) {
      if (booleanExclusive) {
        const strict = schema[exclusive];
        const limit = numberValue(site, keyword);
        if (limit !== undefined) statements.push(bound(site, keyword, strict === true ? exclusiveComparison : inclusiveComparison, limit));
      } else {
        const limit = numberValue(site, keyword);
        if (limit !== undefined) statements.push(bound(site, keyword, inclusiveComparison, limit));
        const exclusiveLimit = numberValue(site, exclusive);
        if (exclusiveLimit !== undefined) statements.push(bound(site, exclusive, exclusiveComparison, exclusiveLimit));
      }
    }
    const divisor = numberValue(site, "multipleOf");
    if (divisor !== undefined) {
      statements.push({
        kind: "fail-if",
        condition: negate(call(context.module.runtime("isMultipleOf"), site.value, divisor)),
        failure: failure(site, "multipleOf", code`{ multipleOf: ${divisor} }`),
      });
    }
    return statements.length === 0 ? [] : [{ instanceType: "number", statements }];
  },
};
